//! What an element is: the namespace it is in, and what it means inside its parent.

use quick_xml::name::{QName, ResolveResult};

/// The namespaces WordPress writes. An element is matched by the namespace its prefix is
/// bound to, so an export that binds other prefixes reads the same; where the binding is
/// missing or unfamiliar, by the prefix WordPress uses, as WordPress's own importer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// RSS's own elements: no prefix.
    Rss,
    Wp,
    Content,
    Excerpt,
    Dc,
    Other,
}

pub(super) fn namespace(resolved: &ResolveResult<'_>, name: QName<'_>) -> Ns {
    let by_uri = match resolved {
        ResolveResult::Bound(uri) => namespace_by_uri(uri.into_inner()),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
    };
    by_uri.unwrap_or_else(|| match name.prefix().map(|p| p.into_inner()) {
        None => Ns::Rss,
        Some("wp") => Ns::Wp,
        Some("content") => Ns::Content,
        Some("excerpt") => Ns::Excerpt,
        Some("dc") => Ns::Dc,
        Some(_) => Ns::Other,
    })
}

fn namespace_by_uri(uri: &str) -> Option<Ns> {
    match uri {
        "http://purl.org/rss/1.0/modules/content/" => return Some(Ns::Content),
        "http://purl.org/dc/elements/1.1/" => return Some(Ns::Dc),
        _ => {}
    }
    // Each WXR version has its own URI: http://wordpress.org/export/1.2/ and .../1.2/excerpt/.
    let rest = uri
        .strip_prefix("http://wordpress.org/export/")
        .or_else(|| uri.strip_prefix("https://wordpress.org/export/"))?;
    let (version, rest) = rest.split_once('/')?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    match rest {
        "" => Some(Ns::Wp),
        "excerpt/" => Some(Ns::Excerpt),
        _ => None,
    }
}

/// What an element is to the reader, given where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    Rss,
    Channel,
    Author,
    Category,
    Tag,
    Term,
    Item,
    Postmeta,
    /// An element whose text is a value.
    Field(Field),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    SiteTitle,
    SiteLink,
    WxrVersion,
    BaseSiteUrl,
    BaseBlogUrl,
    AuthorId,
    AuthorLogin,
    AuthorEmail,
    AuthorDisplayName,
    AuthorFirstName,
    AuthorLastName,
    TermId,
    TermTaxonomy,
    TermSlug,
    TermParent,
    TermName,
    TermDescription,
    Title,
    Link,
    Guid,
    Creator,
    Content,
    Excerpt,
    PostId,
    PostDate,
    PostDateGmt,
    Modified,
    ModifiedGmt,
    Status,
    PostName,
    PostParent,
    MenuOrder,
    PostType,
    PostPassword,
    IsSticky,
    AttachmentUrl,
    ItemTermName,
    MetaKey,
    MetaValue,
}

impl Field {
    pub(super) fn is_site(self) -> bool {
        matches!(
            self,
            Field::SiteTitle
                | Field::SiteLink
                | Field::WxrVersion
                | Field::BaseSiteUrl
                | Field::BaseBlogUrl
        )
    }
}

/// The element a child of `parent` is, or None for one the reader skips.
pub(super) fn child(parent: Frame, ns: Ns, local: &str) -> Option<Frame> {
    use Field as F;
    use Frame::{Author, Category, Channel, Item, Postmeta, Rss, Tag, Term};
    let field = match (parent, ns, local) {
        (Rss, Ns::Rss, "channel") => return Some(Channel),
        (Channel, Ns::Rss, "item") => return Some(Item),
        (Channel, Ns::Wp, "author") => return Some(Author),
        (Channel, Ns::Wp, "category") => return Some(Category),
        (Channel, Ns::Wp, "tag") => return Some(Tag),
        (Channel, Ns::Wp, "term") => return Some(Term),
        (Item, Ns::Wp, "postmeta") => return Some(Postmeta),

        (Channel, Ns::Rss, "title") => F::SiteTitle,
        (Channel, Ns::Rss, "link") => F::SiteLink,
        (Channel, Ns::Wp, "wxr_version") => F::WxrVersion,
        (Channel, Ns::Wp, "base_site_url") => F::BaseSiteUrl,
        (Channel, Ns::Wp, "base_blog_url") => F::BaseBlogUrl,

        (Author, Ns::Wp, "author_id") => F::AuthorId,
        (Author, Ns::Wp, "author_login") => F::AuthorLogin,
        (Author, Ns::Wp, "author_email") => F::AuthorEmail,
        (Author, Ns::Wp, "author_display_name") => F::AuthorDisplayName,
        (Author, Ns::Wp, "author_first_name") => F::AuthorFirstName,
        (Author, Ns::Wp, "author_last_name") => F::AuthorLastName,

        (Category | Tag | Term, Ns::Wp, "term_id") => F::TermId,
        (Term, Ns::Wp, "term_taxonomy") => F::TermTaxonomy,
        (Category, Ns::Wp, "category_nicename")
        | (Tag, Ns::Wp, "tag_slug")
        | (Term, Ns::Wp, "term_slug") => F::TermSlug,
        (Category, Ns::Wp, "category_parent") | (Term, Ns::Wp, "term_parent") => F::TermParent,
        (Category, Ns::Wp, "cat_name")
        | (Tag, Ns::Wp, "tag_name")
        | (Term, Ns::Wp, "term_name") => F::TermName,
        (Category, Ns::Wp, "category_description")
        | (Tag, Ns::Wp, "tag_description")
        | (Term, Ns::Wp, "term_description") => F::TermDescription,

        (Item, Ns::Rss, "title") => F::Title,
        (Item, Ns::Rss, "link") => F::Link,
        (Item, Ns::Rss, "guid") => F::Guid,
        (Item, Ns::Rss, "category") => F::ItemTermName,
        (Item, Ns::Dc, "creator") => F::Creator,
        (Item, Ns::Content, "encoded") => F::Content,
        (Item, Ns::Excerpt, "encoded") => F::Excerpt,
        (Item, Ns::Wp, "post_id") => F::PostId,
        (Item, Ns::Wp, "post_date") => F::PostDate,
        (Item, Ns::Wp, "post_date_gmt") => F::PostDateGmt,
        (Item, Ns::Wp, "post_modified") => F::Modified,
        (Item, Ns::Wp, "post_modified_gmt") => F::ModifiedGmt,
        (Item, Ns::Wp, "status") => F::Status,
        (Item, Ns::Wp, "post_name") => F::PostName,
        (Item, Ns::Wp, "post_parent") => F::PostParent,
        (Item, Ns::Wp, "menu_order") => F::MenuOrder,
        (Item, Ns::Wp, "post_type") => F::PostType,
        (Item, Ns::Wp, "post_password") => F::PostPassword,
        (Item, Ns::Wp, "is_sticky") => F::IsSticky,
        (Item, Ns::Wp, "attachment_url") => F::AttachmentUrl,

        (Postmeta, Ns::Wp, "meta_key") => F::MetaKey,
        (Postmeta, Ns::Wp, "meta_value") => F::MetaValue,
        _ => return None,
    };
    Some(Frame::Field(field))
}

#[cfg(test)]
mod tests {
    use crate::import::wxr::ItemTerm;
    use crate::import::wxr::testing::{read_ok, wxr};

    #[test]
    fn unknown_elements_and_comments_are_skipped() {
        let doc = wxr(
            "<wp:author><wp:author_id>2</wp:author_id><wp:author_login>ann</wp:author_login>\
             <wp:extra><wp:author_login>not this</wp:author_login></wp:extra></wp:author>\
             <image><title>not the site title</title></image>\
             <title>Site</title>\
             <item><wp:post_id>1</wp:post_id>\
             <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_content><![CDATA[hi]]></wp:comment_content>\
             <wp:commentmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:commentmeta></wp:comment>\
             <wp:comment><wp:comment_id>6</wp:comment_id></wp:comment>\
             <wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key><wp:meta_value>custom</wp:meta_value></wp:postmeta>\
             <title>T<em>not this</em>itle</title>\
             <category>Uncategorized</category>\
             <category domain=\"category\" nicename=\"uncategorized\">Uncategorized</category>\
             <category domain=\"nav_menu\" nicename=\"main&amp;more\"><![CDATA[Main]]></category>\
             </item>\
             <item><wp:post_id>2</wp:post_id></item>",
        );
        let (site, items) = read_ok(doc.as_bytes());
        assert_eq!(site.title, "Site");
        assert_eq!(site.authors.len(), 1);
        assert_eq!(site.authors[0].login, "ann");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].comments, 2);
        assert_eq!(items[0].title, "Title");
        assert_eq!(
            items[0].meta,
            [("_menu_item_type".to_owned(), "custom".to_owned())]
        );
        assert_eq!(
            items[0].terms,
            [
                ItemTerm {
                    domain: "category".into(),
                    slug: "uncategorized".into(),
                    name: "Uncategorized".into()
                },
                ItemTerm {
                    domain: "nav_menu".into(),
                    slug: "main&more".into(),
                    name: "Main".into()
                },
            ]
        );
        assert_eq!(items[1].comments, 0);
    }

    #[test]
    fn term_parents_and_custom_terms() {
        let doc = wxr(
            "<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename>\
             <wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>\
             <wp:category><wp:term_id>7</wp:term_id><wp:category_nicename>local</wp:category_nicename>\
             <wp:category_parent>news</wp:category_parent><wp:cat_name>Local</wp:cat_name></wp:category>\
             <wp:tag><wp:term_id>8</wp:term_id><wp:tag_slug>x</wp:tag_slug><wp:tag_name>X</wp:tag_name>\
             <wp:tag_description>About x</wp:tag_description></wp:tag>\
             <wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>genre</wp:term_taxonomy>\
             <wp:term_slug>jazz</wp:term_slug><wp:term_parent>music</wp:term_parent>\
             <wp:term_name>Jazz</wp:term_name><wp:term_description>d</wp:term_description>\
             <wp:termmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:termmeta></wp:term>",
        );
        let (site, items) = read_ok(doc.as_bytes());
        assert!(items.is_empty());
        let terms: Vec<_> = site
            .terms
            .iter()
            .map(|t| {
                (
                    t.id,
                    t.taxonomy.as_str(),
                    t.slug.as_str(),
                    t.name.as_str(),
                    t.parent_slug.as_str(),
                    t.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            terms,
            [
                (1, "category", "news", "News", "", ""),
                (7, "category", "local", "Local", "news", ""),
                (8, "post_tag", "x", "X", "", "About x"),
                (9, "genre", "jazz", "Jazz", "music", "d"),
            ]
        );
    }

    /// Namespaces are matched by URI, whatever the prefix, and WXR 1.0 and 1.1 read too.
    #[test]
    fn namespaces_by_uri() {
        let doc = "<rss xmlns:e=\"http://wordpress.org/export/1.1/excerpt/\" \
                   xmlns:c=\"http://purl.org/rss/1.0/modules/content/\" \
                   xmlns:d=\"http://purl.org/dc/elements/1.1/\" \
                   xmlns:w=\"http://wordpress.org/export/1.1/\">\
                   <channel><w:wxr_version>1.1</w:wxr_version>\
                   <item><w:post_id>4</w:post_id><c:encoded>body</c:encoded><e:encoded>short</e:encoded>\
                   <d:creator>ann</d:creator><wp:post_type>post</wp:post_type></item></channel></rss>";
        let (site, items) = read_ok(doc.as_bytes());
        assert_eq!(site.wxr_version, "1.1");
        let item = &items[0];
        assert_eq!(
            (
                item.post_id,
                item.content.as_str(),
                item.excerpt.as_str(),
                item.creator.as_str()
            ),
            (4, "body", "short", "ann")
        );
        // `wp:` here is unbound: matched by the prefix WordPress writes.
        assert_eq!(item.post_type, "post");
        // An element in another namespace is not WordPress's, whatever its prefix.
        let doc = "<rss xmlns:wp=\"http://wordpress.org/export/1.0/\" xmlns:x=\"urn:other\">\
                   <channel><wp:wxr_version>1.0</wp:wxr_version><x:wxr_version>9</x:wxr_version>\
                   <item><wp:post_id>1</wp:post_id><x:post_id>2</x:post_id></item></channel></rss>";
        let (site, items) = read_ok(doc.as_bytes());
        assert_eq!(site.wxr_version, "1.0");
        assert_eq!(items[0].post_id, 1);
    }
}
