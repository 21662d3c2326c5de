//! Canonical links: where each item lives on the site's frontend, built from the site URL
//! and a pattern per kind, so that frontends, feeds and embeds agree on one address.

use crate::content::Kind;

/// The site URL and the pattern of each kind (`/news/{slug}`, `/{path}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    site: String,
    posts: String,
    pages: String,
    resources: String,
    events: String,
}

impl Links {
    pub fn defaults(site: &str) -> Links {
        Links {
            site: site.trim_end_matches('/').to_owned(),
            posts: "/news/{slug}".into(),
            pages: "/{path}".into(),
            resources: "/resources/{slug}".into(),
            events: "/events/{slug}".into(),
        }
    }

    /// Checks the patterns: each starts with `/` and names the item by `{slug}`, `{id}`
    /// (or, for pages, `{path}`).
    pub fn new(
        site: String,
        [posts, pages, resources, events]: [String; 4],
    ) -> Result<Links, String> {
        for (kind, p) in [
            ("posts", &posts),
            ("pages", &pages),
            ("resources", &resources),
            ("events", &events),
        ] {
            let names_item = p.contains("{slug}")
                || p.contains("{id}")
                || (kind == "pages" && p.contains("{path}"));
            if !p.starts_with('/') || !names_item {
                return Err(format!(
                    "the link pattern of {kind} (`{p}`) must start with `/` and contain `{{slug}}` or `{{id}}`"
                ));
            }
        }
        Ok(Links {
            site: site.trim_end_matches('/').to_owned(),
            posts,
            pages,
            resources,
            events,
        })
    }

    pub fn site(&self) -> &str {
        &self.site
    }

    fn pattern(&self, kind: Kind) -> Option<&str> {
        match kind {
            Kind::Post => Some(&self.posts),
            Kind::Page => Some(&self.pages),
            Kind::Resource => Some(&self.resources),
            Kind::Event => Some(&self.events),
            Kind::Block => None,
        }
    }

    /// The public URL of an item (reusable blocks have none). A page's `{path}` falls back
    /// to its slug when the path is not known.
    pub fn link(&self, kind: Kind, id: i64, slug: &str, path: Option<&str>) -> Option<String> {
        let pattern = self.pattern(kind)?;
        let filled = pattern
            .replace("{path}", path.unwrap_or(slug))
            .replace("{slug}", slug)
            .replace("{id}", &id.to_string());
        Some(format!("{}{filled}", self.site))
    }

    /// The kind and the slug (or id, or page path) a link names: the inverse of `link`.
    pub fn resolve(&self, url: &str) -> Option<(Kind, Target)> {
        let rest = url.strip_prefix(&self.site)?;
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let rest = rest
            .strip_suffix('/')
            .filter(|r| !r.is_empty())
            .unwrap_or(rest);
        for kind in [Kind::Post, Kind::Resource, Kind::Event, Kind::Page] {
            let Some(pattern) = self.pattern(kind) else {
                continue;
            };
            for (placeholder, make) in [
                ("{slug}", Target::Slug as fn(String) -> Target),
                ("{id}", |s: String| {
                    s.parse().map(Target::Id).unwrap_or(Target::Slug(s))
                }),
                ("{path}", Target::Path as fn(String) -> Target),
            ] {
                let Some((before, after)) = pattern.split_once(placeholder) else {
                    continue;
                };
                if let Some(middle) = rest
                    .strip_prefix(before)
                    .and_then(|r| r.strip_suffix(after))
                    && !middle.is_empty()
                    && (placeholder == "{path}" || !middle.contains('/'))
                {
                    return Some((kind, make(middle.to_owned())));
                }
            }
        }
        None
    }
}

/// What a link names within its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Slug(String),
    Id(i64),
    Path(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_built_and_read_back() {
        let links = Links::defaults("https://hub.example.org/");
        assert_eq!(
            links.link(Kind::Post, 7, "report", None).as_deref(),
            Some("https://hub.example.org/news/report")
        );
        assert_eq!(
            links
                .link(Kind::Page, 3, "team", Some("about/team"))
                .as_deref(),
            Some("https://hub.example.org/about/team")
        );
        assert_eq!(links.link(Kind::Block, 1, "x", None), None);
        assert_eq!(
            links.resolve("https://hub.example.org/resources/guide?utm=1"),
            Some((Kind::Resource, Target::Slug("guide".into())))
        );
        assert_eq!(
            links.resolve("https://hub.example.org/about/team/"),
            Some((Kind::Page, Target::Path("about/team".into())))
        );
        assert_eq!(links.resolve("https://elsewhere.org/news/report"), None);
        assert!(
            Links::new(
                "https://x".into(),
                [
                    "news".into(),
                    "/{path}".into(),
                    "/r/{slug}".into(),
                    "/e/{slug}".into()
                ]
            )
            .is_err()
        );
    }
}
