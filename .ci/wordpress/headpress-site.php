<?php
/**
 * Plugin Name: The seed site's content model (headpress CI)
 * Description: What the resource hub's plugins register, for the CI's WordPress: the
 * `resource` type with its `resource_type` taxonomy, All-in-One Event Calendar's
 * `ai1ec_event` with its taxonomies and the meta the site keeps on events, and ACF's REST
 * `acf` member over the values ACF stores as post meta (ACF itself is not packaged in
 * Debian). Application passwords over plain HTTP, as a `local` site allows.
 */

add_action('init', function () {
    $supports = ['title', 'editor', 'excerpt', 'author', 'thumbnail', 'custom-fields', 'revisions'];
    register_post_type('resource', [
        'label' => 'Resources', 'public' => true, 'show_in_rest' => true,
        'rest_base' => 'resources', 'supports' => $supports, 'has_archive' => true,
        'rewrite' => ['slug' => 'resources'], 'taxonomies' => ['post_tag'],
    ]);
    register_taxonomy('resource_type', 'resource', [
        'label' => 'Resource types', 'hierarchical' => true, 'show_in_rest' => true,
        'rest_base' => 'resource_type',
    ]);
    register_post_type('ai1ec_event', [
        'label' => 'Events', 'public' => true, 'show_in_rest' => true, 'rest_base' => 'events',
        'supports' => $supports, 'rewrite' => ['slug' => 'event'], 'taxonomies' => ['post_tag'],
    ]);
    register_taxonomy('events_categories', 'ai1ec_event', [
        'label' => 'Event categories', 'hierarchical' => true, 'show_in_rest' => true,
    ]);
    register_taxonomy('events_tags', 'ai1ec_event', [
        'label' => 'Event tags', 'hierarchical' => false, 'show_in_rest' => true,
    ]);
    foreach (['start', 'end', 'venue', 'timezone'] as $key) {
        register_post_meta('ai1ec_event', $key, ['single' => true, 'type' => 'string', 'show_in_rest' => true]);
    }
    register_post_meta('ai1ec_event', 'all_day', ['single' => true, 'type' => 'boolean', 'show_in_rest' => true]);
});

add_filter('wp_is_application_passwords_available', '__return_true');
// No mail leaves the CI.
add_filter('pre_wp_mail', '__return_true');

/** ACF's fields (acf-field posts) under a parent, with their settings. */
function headpress_ci_fields($parent) {
    $out = [];
    foreach (get_posts(['post_type' => 'acf-field', 'post_parent' => $parent, 'numberposts' => -1,
                        'orderby' => 'menu_order', 'order' => 'ASC', 'post_status' => 'any']) as $f) {
        $settings = maybe_unserialize($f->post_content);
        $out[] = ['id' => $f->ID, 'name' => $f->post_excerpt, 'type' => $settings['type'] ?? 'text'];
    }
    return $out;
}

/** A stored value as ACF's REST API answers it. */
function headpress_ci_value($post_id, $field, $key) {
    $raw = get_post_meta($post_id, $key, true);
    switch ($field['type']) {
        case 'repeater':
            $rows = [];
            for ($i = 0; $i < (int) $raw; $i++) {
                $row = [];
                foreach (headpress_ci_fields($field['id']) as $sub) {
                    $row[$sub['name']] = headpress_ci_value($post_id, $sub, "{$key}_{$i}_{$sub['name']}");
                }
                $rows[] = $row;
            }
            return $rows;
        case 'true_false':
            return (bool) $raw;
        case 'number':
            return $raw === '' ? null : $raw + 0;
        case 'file':
        case 'image':
            return $raw === '' ? null : (int) $raw;
        case 'relationship':
        case 'post_object':
            return is_array($raw) ? array_map('intval', $raw) : ($raw === '' ? null : [(int) $raw]);
        case 'checkbox':
            return is_array($raw) ? array_values($raw) : ($raw === '' ? [] : [$raw]);
        default:
            return $raw === '' ? null : $raw;
    }
}

add_action('rest_api_init', function () {
    $location = [
        'post' => 'post', 'page' => 'page', 'resource' => 'resource', 'ai1ec_event' => 'ai1ec_event',
    ];
    foreach ($location as $type) {
        register_rest_field($type, 'acf', ['get_callback' => function ($post) use ($type) {
            $values = [];
            foreach (get_posts(['post_type' => 'acf-field-group', 'numberposts' => -1, 'post_status' => 'any']) as $group) {
                $settings = maybe_unserialize($group->post_content);
                $applies = false;
                foreach ($settings['location'] ?? [] as $rules) {
                    foreach ($rules as $rule) {
                        if (($rule['param'] ?? '') === 'post_type' && ($rule['value'] ?? '') === $type) {
                            $applies = true;
                        }
                    }
                }
                if (!$applies) {
                    continue;
                }
                foreach (headpress_ci_fields($group->ID) as $field) {
                    if (metadata_exists('post', $post['id'], $field['name'])) {
                        $values[$field['name']] = headpress_ci_value($post['id'], $field, $field['name']);
                    }
                }
            }
            return (object) $values;
        }]);
    }
});
