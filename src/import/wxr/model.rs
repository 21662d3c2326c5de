//! What a WXR export holds: the site, with its authors and terms, then one item per post.

/// The channel's own elements: what the site is, who wrote for it and how it is organised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    pub title: String,
    pub link: String,
    pub base_site_url: String,
    pub base_blog_url: String,
    pub wxr_version: String,
    pub authors: Vec<Author>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Author {
    pub id: i64,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

/// From <wp:category> (taxonomy "category"), <wp:tag> ("post_tag") and <wp:term> (its wp:term_taxonomy).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Term {
    pub id: i64,
    pub taxonomy: String,
    pub slug: String,
    pub name: String,
    /// The parent's slug, empty at the top.
    pub parent_slug: String,
    pub description: String,
}

/// A term an item is filed under: `<category domain="..." nicename="...">name</category>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTerm {
    /// The taxonomy, e.g. category, post_tag, resource_type.
    pub domain: String,
    /// The nicename.
    pub slug: String,
    pub name: String,
}

/// One `<item>`: a post of any type (post, page, attachment, acf-field, ...).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// Line of its <item>.
    pub line: usize,
    pub post_id: i64,
    pub post_type: String,
    pub title: String,
    pub link: String,
    pub guid: String,
    /// dc:creator, the author's login.
    pub creator: String,
    /// content:encoded.
    pub content: String,
    /// excerpt:encoded.
    pub excerpt: String,
    /// "2024-03-05 09:30:00" as written ("0000-00-00 00:00:00" kept as is).
    pub post_date: String,
    pub post_date_gmt: String,
    /// wp:post_modified(_gmt) when present.
    pub modified: String,
    pub modified_gmt: String,
    pub status: String,
    pub post_name: String,
    pub post_parent: i64,
    pub menu_order: i64,
    pub post_password: String,
    pub is_sticky: bool,
    pub attachment_url: String,
    pub terms: Vec<ItemTerm>,
    /// wp:postmeta key/value, in order.
    pub meta: Vec<(String, String)>,
    /// Number of wp:comment elements (their content is skipped).
    pub comments: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Site(Site),
    Item(Box<Item>),
}
