//! `/changes`: the change feed, for frontends that revalidate and integrators who mirror.

use std::time::{Duration, Instant};

use actix_web::http::header;
use actix_web::{HttpResponse, get};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::content::Kind;
use crate::content::changes::{self, Action, Cursor};
use crate::content::counts;
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::split_list;
use crate::http::state::State;

/// A kind of content.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Post,
    Page,
    Resource,
    Event,
    Block,
}

impl From<Kind> for ItemKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Post => ItemKind::Post,
            Kind::Page => ItemKind::Page,
            Kind::Resource => ItemKind::Resource,
            Kind::Event => ItemKind::Event,
            Kind::Block => ItemKind::Block,
        }
    }
}

impl From<ItemKind> for Kind {
    fn from(k: ItemKind) -> Self {
        match k {
            ItemKind::Post => Kind::Post,
            ItemKind::Page => Kind::Page,
            ItemKind::Resource => Kind::Resource,
            ItemKind::Event => Kind::Event,
            ItemKind::Block => Kind::Block,
        }
    }
}

/// What a change is about: a kind of content, or a taxonomy's term.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Post,
    Page,
    Resource,
    Event,
    Block,
    Tag,
    Category,
    ResourceType,
    EventCategory,
    Media,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 10] = [
        ChangeKind::Post,
        ChangeKind::Page,
        ChangeKind::Resource,
        ChangeKind::Event,
        ChangeKind::Block,
        ChangeKind::Tag,
        ChangeKind::Category,
        ChangeKind::ResourceType,
        ChangeKind::EventCategory,
        ChangeKind::Media,
    ];

    /// The name kept in the feed (`changes.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Post => "post",
            ChangeKind::Page => "page",
            ChangeKind::Resource => "resource",
            ChangeKind::Event => "event",
            ChangeKind::Block => "block",
            ChangeKind::Tag => "tag",
            ChangeKind::Category => "category",
            ChangeKind::ResourceType => "resource_type",
            ChangeKind::EventCategory => "event_category",
            ChangeKind::Media => crate::content::changes::MEDIA,
        }
    }

    pub fn parse(s: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One change of a content item, a term or a media file.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeResponse {
    pub kind: ChangeKind,
    /// The item's, term's or file's id (read it at `/api/v1/{collection}/{id}`).
    pub id: i64,
    /// The item's slug after the change (before it, for `deleted`); a file's name.
    pub slug: String,
    /// What happened. For readers who see only public content: `created`, `restored` or
    /// `published` when an item appeared for them, `unpublished`, `trashed` or `deleted`
    /// when it disappeared, `updated` when a public item changed. Editors see every change
    /// with the action as it was made. A media file is public while no item uses it or a
    /// public item does: it is `published` or `unpublished` when the items using it make it
    /// so; items that used a deleted file are `updated`.
    pub action: Action,
    /// Whether anonymous readers see the item after this change: a mirror of public content
    /// keeps the item when true, drops it when false.
    pub public: bool,
    /// When the change was made (UTC); for a scheduled item, when its time came.
    pub at: DateTime<Utc>,
}

/// Where the feed stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangesMeta {
    /// Pass it back as `since` to read the changes after these (the same cursor when there
    /// were none: keep it).
    pub next_cursor: String,
    /// More changes are waiting: read again at once.
    pub has_more: bool,
}

/// A page of the change feed, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangesPage {
    /// The changes, oldest first.
    pub data: Vec<ChangeResponse>,
    pub meta: ChangesMeta,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesParams {
    /// A cursor from `meta.next_cursor`, or `now` for the newest point (read the lists
    /// after taking it, then follow the feed from it). Without it: from the oldest change
    /// kept.
    pub since: Option<String>,
    /// How many changes at most (1 to 1000, default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    /// When there is nothing new, wait up to this many seconds (0 to 30, default 0) for a
    /// change before answering: long polling.
    #[param(minimum = 0, maximum = 30)]
    pub wait: Option<u32>,
    /// Only changes of these kinds, comma-separated: `post`, `page`, `resource`, `event`,
    /// `block`, the terms of `tag`, `category`, `resource_type`, `event_category`, and
    /// `media`.
    #[param(
        pattern = "^(post|page|resource|event|block|tag|category|resource_type|event_category|media)(,(post|page|resource|event|block|tag|category|resource_type|event_category|media))*$"
    )]
    pub kind: Option<String>,
}

/// How often a waiting request looks at the database again when this node has not seen a
/// write (another node's writes reach it by PostgreSQL notifications or its version poll).
const RECHECK: Duration = Duration::from_secs(1);

/// Follow the changes of content
///
/// Every change of a content item, a term or a media file in commit order: created,
/// updated, published, unpublished, trashed, restored and deleted (tombstones: a deleted
/// item is still named, by kind, id and slug). Resumable with an opaque cursor. Anonymous readers (and authors)
/// learn only what they could see: that a public item appeared, changed or disappeared,
/// never that a draft exists; a page hidden with a page above it counts as unpublished.
/// Editors see every change. Replaying the feed from the start (keeping items whose last
/// change is `public`, dropping the rest) gives exactly the public content. Changes are
/// kept for `--changes-days` (30 by default): a cursor older than that is `410 gone`,
/// and the client resyncs from the lists. With `wait`, an answer with no changes waits
/// for one (long polling), so a frontend revalidates within a second of a change.
/// Anonymous reads without `wait` come from the server's response cache until the next
/// write; `Cache-Control: no-cache` asks other caches to revalidate (by `ETag`).
#[utoipa::path(tag = "changes", params(ChangesParams),
    responses(
        (status = 200, description = "The changes after the cursor, oldest first", body = ChangesPage),
        (status = 410, description = "The cursor is older than the changes kept: read the lists again (`gone`)",
            body = crate::http::problem::Problem, content_type = "application/problem+json")),
    security((), ("bearer" = [])))]
#[get("/changes")]
pub async fn list_changes(
    state: State,
    user: MaybeUser,
    params: Query<ChangesParams>,
) -> Result<HttpResponse> {
    let p = params.0;
    let limit = p.per_page.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(Error::invalid_query("per_page", "must be 1 to 1000"));
    }
    let wait = p.wait.unwrap_or(0);
    if wait > 30 {
        return Err(Error::invalid_query("wait", "must be 0 to 30 seconds"));
    }
    let mut kinds = Vec::new();
    let names = split_list(p.kind.as_deref());
    if p.kind.is_some() && names.is_empty() {
        return Err(Error::invalid_query("kind", "names no kind"));
    }
    for name in names {
        let kind = ChangeKind::parse(&name).ok_or_else(|| {
            Error::invalid_query(
                "kind",
                format!(
                    "unknown kind `{name}`; known: {}",
                    ChangeKind::ALL.map(ChangeKind::as_str).join(", ")
                ),
            )
        })?;
        kinds.push(kind.as_str());
    }
    let since = match p.since.as_deref() {
        None | Some("") => None,
        Some("now") => Some(state.read(changes::head).await?),
        Some(raw) => Some(Cursor::decode(raw).ok_or_else(|| {
            Error::invalid_query("since", "is not a cursor from meta.next_cursor, nor `now`")
        })?),
    };
    let everything = user.viewer().edits_all();
    let mut read = changes::Read {
        since,
        limit: i64::from(limit),
        kinds,
        everything,
    };
    let deadline = Instant::now() + Duration::from_secs(u64::from(wait));
    let page = loop {
        let epoch = state.freshness.current();
        let q = read.clone();
        let page = state
            .read(move |conn| {
                // The scheduled items whose time has come are settled first, so that they
                // are announced: the page says whether any is due (one statement when none).
                counts::read_settled(conn, crate::db::now(), |conn, due| {
                    changes::read(conn, &q, due)
                })
            })
            .await?;
        if !page.changes.is_empty() || Instant::now() >= deadline {
            break page;
        }
        // Nothing yet (perhaps rows only editors see): go on from there, and wait for a
        // write on this node, word of one elsewhere, or the next look.
        read.since = Some(page.next);
        let looked = Instant::now();
        loop {
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
            if Instant::now() >= deadline
                || looked.elapsed() >= RECHECK
                || epoch.is_none()
                || state.freshness.current() != epoch
            {
                break;
            }
        }
    };
    let body = ChangesPage {
        data: page
            .changes
            .into_iter()
            .filter_map(|c| {
                Some(ChangeResponse {
                    kind: ChangeKind::parse(&c.kind)?,
                    id: c.item_id,
                    slug: c.slug,
                    action: c.action,
                    public: c.public,
                    at: crate::http::wire::utc(c.at),
                })
            })
            .collect(),
        meta: ChangesMeta {
            next_cursor: page.next.encode(),
            has_more: page.more,
        },
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .json(body))
}
