//! The post types served under `/wp-json/wp/v2`: what each is called in WordPress, its
//! taxonomies and filters, and the members only it has.

use serde_json::{Value as Json, json};

use crate::api::content::WireKind;
use crate::api::content::related::Related;
use crate::api::wp::params::Params;
use crate::content::entry::Entry;
use crate::content::entry_media::DOCUMENT;
use crate::content::pages::{PageFilter, Pages, Parent};
use crate::content::posts::{PostFilter, Posts};
use crate::content::resources::{ResourceDetails, Resources};
use crate::content::terms::Taxonomy;
use crate::error::Result;

/// The pages whose children a list asks for, and those whose children it leaves out.
pub type Parents = (Vec<Parent>, Vec<Parent>);

/// A post type served here.
pub trait WpType: WireKind {
    /// WordPress's name of the type (`post`).
    const TYPE: &'static str;
    /// The REST base (`posts`).
    const BASE: &'static str;
    /// Its taxonomies, by the member and parameter that name their term ids.
    const TERMS: &'static [(Taxonomy, &'static str)];

    /// The kind's own filters; `parents`: the pages whose children are asked for, and
    /// those whose children are not (pages' `parent` and `parent_exclude`, local ids).
    fn own(p: &Params, parents: Parents) -> Result<Self::Filter>;

    /// What an item of the kind has besides what every item has.
    fn extras(_e: &Entry, _related: &Related, _details: &Self::Details) -> Extras {
        Extras::default()
    }
}

/// The members of one type only, with local ids.
#[derive(Debug, Default)]
pub struct Extras {
    /// Pages: the parent page, or `Some(None)` at the top.
    pub(super) parent: Option<Option<i64>>,
    pub(super) menu_order: Option<i64>,
    pub(super) template: String,
    /// Pages: the address made with the page's path.
    pub(super) link: Option<String>,
    /// Resources: members that WordPress keeps in ACF fields.
    pub(super) acf: Vec<(&'static str, Json)>,
    /// Resources: the downloadable file (an ACF field in WordPress).
    pub(super) document: Option<i64>,
    /// Events: the registered meta All-in-One Event Calendar's site keeps (`start`, ...).
    pub(super) meta: Option<Json>,
}

impl WpType for Posts {
    const TYPE: &'static str = "post";
    const BASE: &'static str = "posts";
    const TERMS: &'static [(Taxonomy, &'static str)] =
        &[(Taxonomy::Category, "categories"), (Taxonomy::Tag, "tags")];

    fn own(p: &Params, _: Parents) -> Result<PostFilter> {
        Ok(PostFilter {
            sticky: p.bool("sticky")?,
        })
    }
}

impl WpType for Pages {
    const TYPE: &'static str = "page";
    const BASE: &'static str = "pages";
    const TERMS: &'static [(Taxonomy, &'static str)] = &[];

    fn own(_: &Params, (parents, not_parents): Parents) -> Result<PageFilter> {
        Ok(PageFilter {
            path: None,
            parents,
            not_parents,
        })
    }

    fn extras(e: &Entry, related: &Related, details: &Self::Details) -> Extras {
        let d = details.get(&e.id);
        let path = d.map_or(e.slug.as_str(), |d| d.path.as_str());
        Extras {
            parent: Some(d.and_then(|d| d.parent_id)),
            menu_order: Some(d.map_or(0, |d| i64::from(d.menu_order))),
            template: d.map(|d| d.template.clone()).unwrap_or_default(),
            link: related.page_link(e.id, &e.slug, path),
            ..Extras::default()
        }
    }
}

impl WpType for crate::events::Events {
    const TYPE: &'static str = "ai1ec_event";
    const BASE: &'static str = "events";
    const TERMS: &'static [(Taxonomy, &'static str)] = &[
        (Taxonomy::Tag, "tags"),
        (Taxonomy::EventCategory, "events_categories"),
    ];

    fn own(_: &Params, _: Parents) -> Result<crate::events::EventFilter> {
        Ok(Default::default())
    }

    fn extras(e: &Entry, _: &Related, details: &Self::Details) -> Extras {
        let Some(d) = details.get(&e.id) else {
            return Extras::default();
        };
        let local = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        // As the calendar keeps them: an all-day event ends at 23:59:59 of its last day,
        // an event without an end ends when it starts.
        let end = d.ends_local.unwrap_or(d.starts_local);
        let (start, end) = if d.all_day {
            (
                format!("{}T00:00:00", d.starts_local.format("%Y-%m-%d")),
                format!("{}T23:59:59", end.format("%Y-%m-%d")),
            )
        } else {
            (local(d.starts_local), local(end))
        };
        Extras {
            meta: Some(json!({
                "start": start,
                "end": end,
                "all_day": d.all_day,
                "venue": d.venue().map(|v| v.name).unwrap_or_default(),
                "timezone": d.timezone,
            })),
            ..Extras::default()
        }
    }
}

impl WpType for Resources {
    const TYPE: &'static str = "resource";
    const BASE: &'static str = "resources";
    const TERMS: &'static [(Taxonomy, &'static str)] = &[
        (Taxonomy::Tag, "tags"),
        (Taxonomy::ResourceType, "resource_type"),
    ];

    fn own(
        _: &Params,
        _: Parents,
    ) -> Result<<Resources as crate::content::kind::ContentKind>::Filter> {
        Ok(Default::default())
    }

    fn extras(e: &Entry, related: &Related, details: &Self::Details) -> Extras {
        let d = details.get(&e.id);
        let text =
            |f: fn(&ResourceDetails) -> &String| json!(d.map(f).cloned().unwrap_or_default());
        Extras {
            acf: vec![
                ("publisher", text(|d| &d.publisher)),
                ("language", text(|d| &d.language)),
                ("external_url", text(|d| &d.external_url)),
            ],
            document: related.media_id(e.id, DOCUMENT),
            ..Extras::default()
        }
    }
}
