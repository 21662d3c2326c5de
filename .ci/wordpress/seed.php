<?php
// Installs the CI's WordPress and fills it from the fixture's WXR export through
// WordPress's own functions (wp_insert_post with the export's ids, wp_insert_term,
// wp_insert_attachment with the upload copied, add_post_meta), then prints an
// application password of the administrator.
//
//   php seed.php EXPORT.xml UPLOADS_DIR     (HP_WP_URL and the wp-config.php variables set)
define('WP_INSTALLING', true);
$url = getenv('HP_WP_URL');
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
require getenv('HP_WP_ROOT') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

[$_, $export, $uploads] = $argv;
$xml = simplexml_load_file($export, 'SimpleXMLElement', LIBXML_NOCDATA);
$ns = $xml->getNamespaces(true);
$channel = $xml->channel;
$wp = $channel->children($ns['wp']);

wp_install((string) $channel->title, 'admin', 'admin@example.org', true, '', wp_generate_password(24));
update_option('siteurl', $url);
update_option('home', $url);
update_option('timezone_string', 'Europe/London');
update_option('permalink_structure', '/%postname%/');
flush_rewrite_rules();
wp_set_current_user(1);
kses_remove_filters();
// Only the export's content: not the post, page and comment a new site starts with.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}
global $wpdb;
// Terms keep the export's ids too: new ones are numbered far above, then renumbered.
$wpdb->query("ALTER TABLE {$wpdb->terms} AUTO_INCREMENT = 1000000");
$wpdb->query("ALTER TABLE {$wpdb->term_taxonomy} AUTO_INCREMENT = 1000000");

// Authors, with the export's ids.
global $wpdb;
foreach ($wp->author as $a) {
    $id = (int) $a->author_id;
    $login = (string) $a->author_login;
    if ($id !== 1) {
        $wpdb->insert($wpdb->users, ['ID' => $id, 'user_login' => $login, 'user_pass' => wp_hash_password(wp_generate_password()),
            'user_nicename' => $login, 'user_email' => (string) $a->author_email,
            'user_registered' => '2019-01-01 00:00:00', 'display_name' => (string) $a->author_display_name]);
        clean_user_cache($id);
        (new WP_User($id))->set_role('author');
    }
    wp_update_user(['ID' => $id, 'display_name' => (string) $a->author_display_name,
        'first_name' => (string) $a->author_first_name, 'last_name' => (string) $a->author_last_name]);
    $logins[$login] = $id;
}

// Terms, parents first (the export lists them so).
foreach ([['category', 'category'], ['tag', 'post_tag'], ['term', null]] as [$element, $fixed]) {
    foreach ($wp->$element as $t) {
        $taxonomy = $fixed ?? (string) $t->term_taxonomy;
        $slug = (string) ($t->category_nicename ?: $t->tag_slug ?: $t->term_slug);
        $name = (string) ($t->cat_name ?: $t->tag_name ?: $t->term_name);
        $parent_slug = (string) ($t->category_parent ?: $t->term_parent);
        $parent = $parent_slug ? (get_term_by('slug', $parent_slug, $taxonomy)->term_id ?? 0) : 0;
        if (!term_exists($slug, $taxonomy)) {
            $made = wp_insert_term($name, $taxonomy, ['slug' => $slug, 'parent' => $parent,
                'description' => (string) ($t->category_description ?: $t->tag_description ?: $t->term_description)]);
            if (is_wp_error($made)) {
                fwrite(STDERR, "term $taxonomy/$slug: " . $made->get_error_message() . "\n");
                exit(1);
            }
            $id = (int) $t->term_id;
            $wpdb->update($wpdb->terms, ['term_id' => $id], ['term_id' => $made['term_id']]);
            $wpdb->update($wpdb->term_taxonomy, ['term_id' => $id, 'term_taxonomy_id' => $id],
                ['term_taxonomy_id' => $made['term_taxonomy_id']]);
            $wpdb->update($wpdb->term_taxonomy, ['parent' => $id], ['parent' => $made['term_id']]);
            clean_term_cache([$made['term_id'], $id], $taxonomy);
            wp_cache_flush();
        }
    }
}

// Items, attachments first so that featured images and files resolve.
$items = [];
foreach ($channel->item as $item) {
    $items[] = $item;
}
usort($items, fn($a, $b) => ((string) $a->children($ns['wp'])->post_type === 'attachment' ? 0 : 1)
    <=> ((string) $b->children($ns['wp'])->post_type === 'attachment' ? 0 : 1));
$sticky = [];
foreach ($items as $item) {
    $w = $item->children($ns['wp']);
    $type = (string) $w->post_type;
    $id = (int) $w->post_id;
    $post = [
        'import_id' => $id, 'post_type' => $type, 'post_status' => (string) $w->status,
        'post_title' => (string) $item->title, 'post_name' => (string) $w->post_name,
        'post_content' => (string) $item->children($ns['content'])->encoded,
        'post_excerpt' => (string) $item->children($ns['excerpt'])->encoded,
        'post_date' => (string) $w->post_date, 'post_date_gmt' => (string) $w->post_date_gmt,
        'post_parent' => (int) $w->post_parent, 'menu_order' => (int) $w->menu_order,
        'post_password' => (string) $w->post_password,
        'post_author' => $logins[(string) $item->children($ns['dc'])->creator] ?? 1,
        'comment_status' => (string) $w->comment_status, 'ping_status' => (string) $w->ping_status,
    ];
    if ($type === 'attachment') {
        $relative = explode('/wp-content/uploads/', (string) $w->attachment_url)[1];
        $target = wp_upload_dir()['basedir'] . '/' . $relative;
        wp_mkdir_p(dirname($target));
        copy("$uploads/$relative", $target);
        $post['post_mime_type'] = wp_check_filetype($target)['type'];
        $made = wp_insert_attachment($post, $target, 0, true);
        if (!is_wp_error($made)) {
            wp_update_attachment_metadata($made, wp_generate_attachment_metadata($made, $target));
        }
    } else {
        $made = wp_insert_post($post, true);
    }
    if (is_wp_error($made) || $made !== $id) {
        fwrite(STDERR, "item $id ($type): " . (is_wp_error($made) ? $made->get_error_message() : "got id $made") . "\n");
        exit(1);
    }
    $terms = [];
    foreach ($item->category as $c) {
        $terms[(string) $c['domain']][] = (string) $c['nicename'];
    }
    foreach ($terms as $taxonomy => $slugs) {
        wp_set_object_terms($id, $slugs, $taxonomy);
    }
    foreach ($w->postmeta as $m) {
        $key = (string) $m->meta_key;
        if (!in_array($key, ['_edit_lock', '_edit_last', '_wp_attached_file', '_wp_attachment_metadata'], true)) {
            add_post_meta($id, wp_slash($key), wp_slash(maybe_unserialize((string) $m->meta_value)));
        }
    }
    if ((string) $w->is_sticky === '1') {
        $sticky[] = $id;
    }
    // When WordPress last changed it, as the export says.
    $wpdb->update($wpdb->posts, ['post_modified' => (string) ($w->post_modified ?: $w->post_date),
        'post_modified_gmt' => (string) ($w->post_modified_gmt ?: $w->post_date_gmt)], ['ID' => $id]);
    clean_post_cache($id);
}
update_option('sticky_posts', $sticky);
// The category a new site starts with is not the export's.
$first = get_terms(['taxonomy' => 'category', 'hide_empty' => false, 'exclude' => [1], 'number' => 1]);
if ($first) {
    update_option('default_category', $first[0]->term_id);
    wp_delete_term(1, 'category');
}

[$password] = WP_Application_Passwords::create_new_application_password(1, ['name' => 'headpress sync']);
echo json_encode(['user' => 'admin', 'app_password' => $password]), "\n";
