//! Wire types and request handling that every kind of content shares: the content
//! members, list parameters, and the batched loading of related objects for `include`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use serde_json::value::RawValue;
use serde_json::{Map, Value as Json};

use crate::content::blocks::{self, Block};
use crate::content::body::{ContentSource, Library};
use crate::content::entry::Entry;
use crate::content::entry_media::FEATURED;
use crate::content::field_groups;
use crate::content::list::{EntryQuery, SortKey};
use crate::content::terms::{self, Taxonomy, Term, TermCount};
use crate::content::{Kind, Status, Viewer};
use crate::db::DbConn;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::http::list::{Order, split_list};
use crate::media::handlers::MediaResponse;
use crate::users::{self, User};
use diesel::RunQueryDsl;

pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// An item's body: rendered HTML and its structured form.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContentResponse {
    /// The rendered document: sanitised HTML with no block comments, reusable blocks
    /// included (unless `resolve_blocks=false`).
    pub html: String,
    /// The body as a tree of blocks. A reusable block reference (`core/block` with
    /// `attrs.ref`) holds the referenced block's blocks in `inner_blocks` when resolved.
    #[schema(value_type = Vec<Block>)]
    pub blocks: Box<RawValue>,
}

/// The body of a write: either `html` in WordPress's block serialization (plain HTML
/// becomes one `core/freeform` block) or `blocks`, a block tree. Markup and string
/// attributes are sanitised (no script or event handler survives).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentInput {
    pub html: Option<String>,
    pub blocks: Option<Vec<Block>>,
}

impl utoipa::PartialSchema for ContentInput {
    /// Exactly one of `html` and `blocks` (serde reads both members as optional; the rule
    /// is checked in `into_source`).
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let doc = "The body of a write: either `html`, in WordPress's block serialization \
            (`<!-- wp:paragraph -->...<!-- /wp:paragraph -->`; plain HTML becomes one \
            `core/freeform` block), or `blocks`, a block tree. Markup and string attributes \
            are sanitised.";
        serde_json::from_value(serde_json::json!({
            "description": doc,
            "oneOf": [
                {"type": "object", "title": "HTML", "required": ["html"], "additionalProperties": false,
                 "properties": {"html": {"type": "string", "description": "Block markup or plain HTML."}}},
                {"type": "object", "title": "Blocks", "required": ["blocks"], "additionalProperties": false,
                 "properties": {"blocks": {"type": "array", "items": {"$ref": "#/components/schemas/Block"}}}}
            ]
        }))
        .unwrap_or_else(|_| unreachable!("a fixed, valid schema"))
    }
}

impl ToSchema for ContentInput {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        schemas.push((
            "Block".to_owned(),
            <Block as utoipa::PartialSchema>::schema(),
        ));
        <Block as ToSchema>::schemas(schemas);
    }
}

impl ContentInput {
    pub fn into_source(self) -> Result<ContentSource> {
        match (self.html, self.blocks) {
            (Some(html), None) => Ok(ContentSource::Html(html)),
            (None, Some(blocks)) => Ok(ContentSource::Blocks(blocks)),
            (Some(_), Some(_)) => Err(Error::invalid(
                "content",
                "send either `html` or `blocks`, not both",
            )),
            (None, None) => Err(Error::invalid("content", "needs `html` or `blocks`")),
        }
    }
}

/// The body of a write, if any.
pub fn content_source(content: Option<ContentInput>) -> Result<Option<ContentSource>> {
    content.map(ContentInput::into_source).transpose()
}

fn raw_json(s: String) -> Box<RawValue> {
    RawValue::from_string(s).unwrap_or_else(|_| empty_list())
}

fn empty_list() -> Box<RawValue> {
    RawValue::from_string("[]".to_owned()).unwrap_or_else(|_| unreachable!("`[]` is JSON"))
}

/// The members every content item has, whatever its kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryCore {
    pub id: i64,
    pub slug: String,
    pub status: Status,
    pub title: String,
    pub excerpt: String,
    pub content: ContentResponse,
    /// The author's user id.
    pub author: i64,
    /// The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
    /// pattern); null for reusable blocks, which have no page of their own.
    pub link: Option<String>,
    /// The oEmbed endpoint for `link` (posts, resources and events), for the discovery
    /// `<link rel="alternate" type="application/json+oembed">` tag.
    pub oembed_url: Option<String>,
    /// When the item is (or will be) public.
    pub published_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EntryCore {
    fn new(
        e: Entry,
        content: ContentResponse,
        link: Option<String>,
        oembed_url: Option<String>,
    ) -> Self {
        EntryCore {
            link,
            oembed_url,
            id: e.id,
            status: e.status,
            content,
            slug: e.slug,
            title: e.title,
            excerpt: e.excerpt,
            author: e.author_id,
            published_at: utc(e.published_at),
            created_at: utc(e.created_at),
            updated_at: utc(e.updated_at),
        }
    }
}

/// Declares the schema names of each kind's custom fields. In the committed document they
/// are open objects; the served document describes them from the field groups that exist.
macro_rules! field_schemas {
    ($($name:ident = $doc:literal),* $(,)?) => {$(
        #[doc = $doc]
        #[derive(ToSchema)]
        #[expect(dead_code, reason = "a schema name only; values travel as JSON maps")]
        pub struct $name(HashMap<String, Json>);
    )*};
}

field_schemas! {
    PostFields = "A post's custom field values.",
    PostFieldsCreate = "Custom field values of a new post.",
    PostFieldsUpdate = "Custom field values to change on a post; `null` removes one.",
    PageFields = "A page's custom field values.",
    PageFieldsCreate = "Custom field values of a new page.",
    PageFieldsUpdate = "Custom field values to change on a page; `null` removes one.",
    ResourceFields = "A resource's custom field values.",
    ResourceFieldsCreate = "Custom field values of a new resource.",
    ResourceFieldsUpdate = "Custom field values to change on a resource; `null` removes one.",
    EventFields = "An event's custom field values.",
    EventFieldsCreate = "Custom field values of a new event.",
    EventFieldsUpdate = "Custom field values to change on an event; `null` removes one.",
}

/// The public face of a user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicUser {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

impl From<&User> for PublicUser {
    fn from(u: &User) -> Self {
        PublicUser {
            id: u.id,
            name: u.display_name.clone(),
            slug: u.slug.clone(),
        }
    }
}

/// A term of a taxonomy (tag, category, ...).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TermResponse {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    /// The parent term (hierarchical taxonomies only).
    pub parent: Option<i64>,
    /// Items an anonymous reader can see with this term.
    pub count: i64,
    /// `count` split by kind of content, by collection name (`posts`, ...).
    pub count_by_kind: HashMap<String, i64>,
}

impl TermResponse {
    pub fn new(t: &Term, count: Option<&TermCount>) -> Self {
        TermResponse {
            id: t.id,
            name: t.name.clone(),
            slug: t.slug.clone(),
            description: t.description.clone(),
            parent: t.parent_id,
            count: count.map_or(0, |c| c.total),
            count_by_kind: count
                .map(|c| {
                    c.by_kind
                        .iter()
                        .map(|(k, n)| (k.collection().to_owned(), *n))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EntryOrderBy {
    PublishedAt,
    UpdatedAt,
    Title,
    Id,
    /// Best match first; only with `search` (and its default then).
    Relevance,
}

impl From<EntryOrderBy> for SortKey {
    fn from(o: EntryOrderBy) -> SortKey {
        match o {
            EntryOrderBy::PublishedAt => SortKey::PublishedAt,
            EntryOrderBy::UpdatedAt => SortKey::UpdatedAt,
            EntryOrderBy::Title => SortKey::Title,
            EntryOrderBy::Id => SortKey::Id,
            EntryOrderBy::Relevance => SortKey::Relevance,
        }
    }
}

/// A list's order: one of the kind's own keys, or `field.NAME`, a number, boolean or
/// single-valued text custom field.
#[derive(Debug, Clone, PartialEq)]
pub enum Sort<T> {
    Key(T),
    Field(String),
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Sort<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        if let Some(name) = raw.strip_prefix("field.") {
            return Ok(Sort::Field(name.to_owned()));
        }
        serde_json::from_value(Json::String(raw.clone()))
            .map(Sort::Key)
            .map_err(|_| {
                serde::de::Error::custom(format!("`{raw}` is not a sort order of this list"))
            })
    }
}

impl<T: Into<SortKey>> Sort<T> {
    /// The sort key, and the custom field it names, if any.
    pub fn split(sort: Option<Sort<T>>) -> (Option<SortKey>, Option<String>) {
        match sort {
            None => (None, None),
            Some(Sort::Key(k)) => (Some(k.into()), None),
            Some(Sort::Field(f)) => (None, Some(f)),
        }
    }
}

/// How a list of posts or resources may be ordered.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderParams {
    /// Sort field (default `published_at`; `relevance` with `search`), or `field.NAME` for
    /// a number, boolean or single-valued text custom field (items with no value first
    /// in ascending order).
    #[param(
        value_type = Option<String>,
        pattern = "^(published_at|updated_at|title|id|relevance)$"
    )]
    pub orderby: Option<Sort<EntryOrderBy>>,
}

/// Filters and shaping that every content list takes. Custom fields filter as
/// `field.NAME=value` (comma-separated values: any of; numbers and booleans compare as such).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryParams {
    /// Full-text search over title, excerpt and content; best match first.
    #[param(max_length = 500)]
    pub search: Option<String>,
    /// Sort direction (default `desc`; `asc` for `title` and `menu_order`).
    #[param(inline)]
    pub order: Option<Order>,
    /// Slugs, comma-separated (any of).
    pub slug: Option<String>,
    /// Author ids, comma-separated (any of).
    #[param(pattern = "^$|^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$")]
    pub author: Option<String>,
    /// Only items published after this instant (RFC 3339).
    pub published_after: Option<DateTime<Utc>>,
    /// Only items published before this instant (RFC 3339).
    pub published_before: Option<DateTime<Utc>>,
    /// Statuses, comma-separated (`draft`, `pending`, `published`, `private`, `trash`, or
    /// `any` for all but trash). Needs a token; authors see only their own non-public items.
    #[param(
        pattern = "^$|^(draft|pending|published|private|trash|any)(,(draft|pending|published|private|trash|any))*$"
    )]
    pub status: Option<String>,
    /// Sparse fieldset: top-level members to return, comma-separated.
    pub fields: Option<String>,
    /// Related objects to embed in `embedded`, comma-separated.
    pub include: Option<String>,
    /// Include reusable blocks' content in `content` (default `true`).
    pub resolve_blocks: Option<bool>,
}

/// Members to shape a single item.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemParams {
    /// Sparse fieldset: top-level members to return, comma-separated.
    pub fields: Option<String>,
    /// Related objects to embed in `embedded`, comma-separated.
    pub include: Option<String>,
    /// Include reusable blocks' content in `content` (default `true`).
    pub resolve_blocks: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteParams {
    /// Delete for good instead of moving to the trash.
    pub force: Option<bool>,
}

impl EntryParams {
    /// Checks the shared filters and turns them into a query for `kind`.
    pub fn to_query(
        &self,
        kind: Kind,
        viewer: Viewer,
        terms: Vec<(Taxonomy, Vec<String>)>,
        orderby: Option<SortKey>,
    ) -> Result<EntryQuery> {
        let statuses = match self.status.as_deref().filter(|s| !s.trim().is_empty()) {
            None => None,
            Some(raw) => {
                let mut list = Vec::new();
                for s in split_list(Some(raw)) {
                    if s == "any" {
                        list.extend(Status::ALL.into_iter().filter(|s| *s != Status::Trash));
                    } else {
                        list.push(Status::parse(&s).ok_or_else(|| {
                            Error::invalid_query("status", format!("`{s}` is not a status"))
                        })?);
                    }
                }
                if list.is_empty() {
                    return Err(Error::invalid_query("status", "names no status"));
                }
                let only_public = list.iter().all(|s| *s == Status::Published);
                if viewer == Viewer::Anonymous && !only_public {
                    return Err(Error::Unauthorized(
                        "sign in to list items that are not published".into(),
                    ));
                }
                Some(list)
            }
        };
        let authors = split_list(self.author.as_deref())
            .iter()
            .map(|a| a.parse::<i64>().ok().filter(|a| *a > 0))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                Error::invalid_query("author", "must be user ids separated by commas")
            })?;
        let search = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if search.as_ref().is_some_and(|s| s.chars().count() > 500) {
            return Err(Error::invalid_query(
                "search",
                "must be at most 500 characters long",
            ));
        }
        let order = match (orderby, &search) {
            (Some(SortKey::Relevance), None) => {
                return Err(Error::invalid_query(
                    "orderby",
                    "`relevance` needs `search`",
                ));
            }
            (Some(o), _) => o,
            (None, Some(_)) => SortKey::Relevance,
            (None, None) if kind == Kind::Page => SortKey::MenuOrder,
            (None, None) if kind == Kind::Event => SortKey::KindTime,
            (None, None) => SortKey::PublishedAt,
        };
        let default_order = if matches!(
            order,
            SortKey::Title
                | SortKey::MenuOrder
                | SortKey::FieldNum
                | SortKey::FieldText
                | SortKey::KindTime
        ) {
            Order::Asc
        } else {
            Order::Desc
        };
        if let (Some(a), Some(b)) = (self.published_after, self.published_before)
            && a >= b
        {
            return Err(Error::invalid_query(
                "published_before",
                "must be later than `published_after`",
            ));
        }
        Ok(EntryQuery {
            kind,
            viewer,
            statuses,
            slugs: split_list(self.slug.as_deref()),
            authors,
            published_after: self.published_after.map(|t| t.naive_utc()),
            published_before: self.published_before.map(|t| t.naive_utc()),
            search,
            terms,
            order,
            dir: self.order.unwrap_or(default_order).into(),
            join: None,
            conditions: Vec::new(),
            sort_int: None,
            sort_field: None,
            sort_time: None,
        })
    }
}

/// Objects embedded on request with `include`.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct Embedded {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<PublicUser>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TermResponse>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<TermResponse>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_types: Option<Vec<TermResponse>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_categories: Option<Vec<TermResponse>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub featured_media: Option<MediaResponse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<MediaResponse>,
    /// What `relation` and `media` custom fields point to (those the reader may see).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldsEmbedded>,
}

/// The items and media an item's custom fields point to.
#[derive(Debug, Default, Clone, Serialize, ToSchema)]
pub struct FieldsEmbedded {
    pub items: Vec<ItemSummary>,
    pub media: Vec<MediaResponse>,
}

/// A short description of a content item, for embedding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemSummary {
    pub id: i64,
    /// Its collection: `posts`, `pages`, `resources`, `events`.
    #[serde(rename = "type")]
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    pub status: Status,
    pub published_at: DateTime<Utc>,
}

/// Members that embed media, and the `entry_media` role behind each.
const MEDIA_ROLES: [(&str, &str); 2] = [("featured_media", FEATURED), ("document", "document")];

#[derive(diesel::QueryableByName)]
struct RelationRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    entry_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    is_media: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    role: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    ref_id: i64,
}

/// What the entries of a page refer to, by entry id.
#[derive(Default)]
struct Relations {
    terms: HashMap<i64, Vec<(Taxonomy, i64)>>,
    media: HashMap<i64, Vec<(String, i64)>>,
    block_refs: HashMap<i64, Vec<i64>>,
}

/// The terms (by name), the media and the reusable blocks of many entries, in one statement.
fn relations_of(conn: &mut DbConn, ids: &[i64]) -> Result<Relations> {
    let mut out = Relations::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = || ids.iter().map(|i| Value::Int(*i)).collect::<Vec<_>>();
    let mut sql = Sql::new(
        "SELECT et.entry_id AS entry_id, CAST(0 AS BIGINT) AS is_media, t.taxonomy AS role, \
         t.id AS ref_id, t.name AS sort_name FROM entry_terms et JOIN terms t ON t.id = et.term_id \
         WHERE et.entry_id IN ",
    );
    sql.bind_list(list()).push(
        " UNION ALL SELECT em.entry_id, CAST(1 AS BIGINT), em.role, em.media_id, '' \
         FROM entry_media em WHERE em.entry_id IN ",
    );
    sql.bind_list(list()).push(
        " UNION ALL SELECT br.entry_id, CAST(2 AS BIGINT), 'block', br.block_id, '' \
         FROM block_refs br WHERE br.entry_id IN ",
    );
    sql.bind_list(list()).push(" ORDER BY 2, 5, 4");
    let rows: Vec<RelationRow> = sql.into_query().load(conn)?;
    for r in rows {
        match r.is_media {
            1 => out
                .media
                .entry(r.entry_id)
                .or_default()
                .push((r.role, r.ref_id)),
            2 => out.block_refs.entry(r.entry_id).or_default().push(r.ref_id),
            _ => {
                if let Some(t) = Taxonomy::parse(&r.role) {
                    out.terms.entry(r.entry_id).or_default().push((t, r.ref_id));
                }
            }
        }
    }
    Ok(out)
}

/// How a page of items is to be read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub viewer: Viewer,
    pub include: Vec<String>,
    pub public_url: String,
    pub links: crate::content::links::Links,
    pub resolve_blocks: bool,
}

/// What a page of entries refers to, loaded in a fixed number of queries.
pub struct Related {
    relations: Relations,
    authors: HashMap<i64, PublicUser>,
    term_objects: HashMap<i64, TermResponse>,
    media_objects: HashMap<i64, MediaResponse>,
    library: Option<Library>,
    fields: HashMap<i64, Map<String, Json>>,
    field_objects: HashMap<i64, FieldsEmbedded>,
    include: Vec<String>,
    links: crate::content::links::Links,
    public_url: String,
}

impl Related {
    pub fn load(
        conn: &mut DbConn,
        kind: Kind,
        entries: &[Entry],
        opts: &ReadOptions,
    ) -> Result<Related> {
        let include = &opts.include;
        let public_url = opts.public_url.as_str();
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let relations = relations_of(conn, &ids)?;
        // Media used by an item the reader can see is visible to them too.
        let mut media_objects = HashMap::new();
        let media_roles: Vec<&str> = MEDIA_ROLES
            .iter()
            .filter(|(member, _)| include.iter().any(|i| i == member))
            .map(|(_, role)| *role)
            .collect();
        if !media_roles.is_empty() {
            let mut media_ids: Vec<i64> = relations
                .media
                .values()
                .flatten()
                .filter(|(role, _)| media_roles.contains(&role.as_str()))
                .map(|(_, id)| *id)
                .collect();
            media_ids.sort_unstable();
            media_ids.dedup();
            for m in crate::media::find_many(conn, &media_ids)? {
                media_objects.insert(m.id, MediaResponse::new(m, public_url));
            }
        }
        let mut authors = HashMap::new();
        if include.iter().any(|i| i == "author") {
            let mut author_ids: Vec<i64> = entries.iter().map(|e| e.author_id).collect();
            author_ids.sort_unstable();
            author_ids.dedup();
            for u in users::find_many(conn, &author_ids)? {
                authors.insert(u.id, PublicUser::from(&u));
            }
        }
        let mut term_objects = HashMap::new();
        let wanted: Vec<Taxonomy> = Taxonomy::ALL
            .into_iter()
            .filter(|t| include.iter().any(|i| i == t.field()))
            .collect();
        if !wanted.is_empty() {
            let mut term_ids: Vec<i64> = relations
                .terms
                .values()
                .flatten()
                .filter(|(t, _)| wanted.contains(t))
                .map(|(_, id)| *id)
                .collect();
            term_ids.sort_unstable();
            term_ids.dedup();
            let counts = terms::counts(conn, &term_ids)?;
            for t in terms::find_many(conn, &term_ids)? {
                term_objects.insert(t.id, TermResponse::new(&t, counts.get(&t.id)));
            }
        }
        let library = if opts.resolve_blocks && !relations.block_refs.is_empty() {
            let mut refs: Vec<i64> = relations.block_refs.values().flatten().copied().collect();
            refs.sort_unstable();
            refs.dedup();
            Some(Library::load(conn, opts.viewer, refs)?)
        } else {
            None
        };
        let term_sets = ids
            .iter()
            .map(|id| {
                let set = relations
                    .terms
                    .get(id)
                    .map(|ts| ts.iter().map(|(_, t)| *t).collect())
                    .unwrap_or_default();
                (*id, set)
            })
            .collect();
        let stored: Vec<(i64, &str)> = entries.iter().map(|e| (e.id, e.fields.as_str())).collect();
        let embed_fields = include.iter().any(|i| i == "fields");
        let (fields, field_refs) =
            field_groups::views(conn, kind, &stored, term_sets, embed_fields)?;
        let field_objects = if embed_fields {
            embed_field_targets(conn, opts, &field_refs)?
        } else {
            HashMap::new()
        };
        Ok(Related {
            relations,
            authors,
            term_objects,
            media_objects,
            library,
            fields,
            field_objects,
            include: opts.include.clone(),
            links: opts.links.clone(),
            public_url: opts.public_url.clone(),
        })
    }

    /// The shared members of an item, its body resolved as asked.
    pub fn core(&self, e: Entry) -> EntryCore {
        let content = match (&self.library, self.relations.block_refs.contains_key(&e.id)) {
            (Some(lib), true) => {
                let mut tree: Vec<Block> =
                    serde_json::from_str(&e.content_blocks).unwrap_or_default();
                lib.resolve(&mut tree);
                ContentResponse {
                    html: blocks::render(&tree),
                    blocks: serde_json::value::to_raw_value(&tree).unwrap_or_else(|_| empty_list()),
                }
            }
            _ => ContentResponse {
                html: e.content_html.clone(),
                blocks: raw_json(e.content_blocks.clone()),
            },
        };
        let kind = e.kind;
        let link = self.links.link(kind, e.id, &e.slug, None);
        let oembed_url = link
            .as_deref()
            .filter(|_| matches!(kind, Kind::Post | Kind::Resource | Kind::Event))
            .map(|l| {
                format!(
                    "{}/oembed?url={}&format=json",
                    self.public_url,
                    form_urlencoded::byte_serialize(l.as_bytes()).collect::<String>()
                )
            });
        EntryCore::new(e, content, link, oembed_url)
    }

    /// The public address of a page, whose pattern may use its path.
    pub fn page_link(&self, id: i64, slug: &str, path: &str) -> Option<String> {
        self.links.link(Kind::Page, id, slug, Some(path))
    }

    /// The custom field values readers see.
    pub fn fields(&self, entry: i64) -> Map<String, Json> {
        self.fields.get(&entry).cloned().unwrap_or_default()
    }

    /// The ids of an entry's terms of one taxonomy.
    pub fn term_ids(&self, entry: i64, taxonomy: Taxonomy) -> Vec<i64> {
        self.relations
            .terms
            .get(&entry)
            .map(|ts| {
                ts.iter()
                    .filter(|(t, _)| *t == taxonomy)
                    .map(|(_, id)| *id)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The id of the media an entry uses in `role` (`featured`, `document`).
    pub fn media_id(&self, entry: i64, role: &str) -> Option<i64> {
        self.relations
            .media
            .get(&entry)?
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, id)| *id)
    }

    fn media_object(&self, entry: i64, role: &str) -> Option<MediaResponse> {
        self.media_id(entry, role)
            .and_then(|id| self.media_objects.get(&id))
            .cloned()
    }

    pub fn embedded(&self, entry: &Entry) -> Option<Embedded> {
        if self.include.is_empty() {
            return None;
        }
        let has = |name: &str| self.include.iter().any(|i| i == name);
        let terms_of = |taxonomy: Taxonomy| {
            has(taxonomy.field()).then(|| {
                self.term_ids(entry.id, taxonomy)
                    .iter()
                    .filter_map(|id| self.term_objects.get(id).cloned())
                    .collect()
            })
        };
        Some(Embedded {
            author: if has("author") {
                self.authors.get(&entry.author_id).cloned()
            } else {
                None
            },
            tags: terms_of(Taxonomy::Tag),
            categories: terms_of(Taxonomy::Category),
            resource_types: terms_of(Taxonomy::ResourceType),
            event_categories: terms_of(Taxonomy::EventCategory),
            featured_media: if has("featured_media") {
                self.media_object(entry.id, FEATURED)
            } else {
                None
            },
            document: if has("document") {
                self.media_object(entry.id, "document")
            } else {
                None
            },
            fields: has("fields").then(|| {
                self.field_objects
                    .get(&entry.id)
                    .cloned()
                    .unwrap_or_default()
            }),
        })
    }
}

/// Loads what the custom fields of a page of items point to, in two queries, keeping
/// only what the reader may see.
fn embed_field_targets(
    conn: &mut DbConn,
    opts: &ReadOptions,
    refs: &HashMap<i64, crate::content::fields::Refs>,
) -> Result<HashMap<i64, FieldsEmbedded>> {
    let mut item_ids: Vec<i64> = refs
        .values()
        .flat_map(|r| r.entries.iter().map(|e| e.1))
        .collect();
    item_ids.sort_unstable();
    item_ids.dedup();
    let mut media_ids: Vec<i64> = refs
        .values()
        .flat_map(|r| r.media.iter().map(|m| m.1))
        .collect();
    media_ids.sort_unstable();
    media_ids.dedup();
    let now = crate::db::now();
    let mut items = HashMap::new();
    if !item_ids.is_empty() {
        use crate::db::schema::entries;
        use diesel::prelude::*;
        let rows: Vec<Entry> = entries::table
            .filter(entries::id.eq_any(&item_ids))
            .select(Entry::as_select())
            .load(conn)?;
        for e in rows {
            let kind = e.kind;
            if !Kind::WITH_FIELDS.contains(&kind) {
                continue;
            }
            if !opts
                .viewer
                .can_read(e.status, e.author_id, e.published_at, now)
            {
                continue;
            }
            items.insert(
                e.id,
                ItemSummary {
                    id: e.id,
                    kind: kind.collection().to_owned(),
                    status: e.status,
                    slug: e.slug,
                    title: e.title,
                    excerpt: e.excerpt,
                    published_at: utc(e.published_at),
                },
            );
        }
    }
    // The media of a visible item's fields are visible with it.
    let mut media = HashMap::new();
    for m in crate::media::find_many(conn, &media_ids)? {
        media.insert(m.id, MediaResponse::new(m, &opts.public_url));
    }
    Ok(refs
        .iter()
        .map(|(entry, r)| {
            let mut seen_items = std::collections::HashSet::new();
            let mut seen_media = std::collections::HashSet::new();
            (
                *entry,
                FieldsEmbedded {
                    items: r
                        .entries
                        .iter()
                        .filter(|e| seen_items.insert(e.1))
                        .filter_map(|e| items.get(&e.1).cloned())
                        .collect(),
                    media: r
                        .media
                        .iter()
                        .filter(|m| seen_media.insert(m.1))
                        .filter_map(|m| media.get(&m.1).cloned())
                        .collect(),
                },
            )
        })
        .collect())
}

/// A revision of an item.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionResponse {
    pub id: i64,
    /// The item this is a revision of.
    pub parent: i64,
    /// Who made the change (null when that user was deleted).
    pub author: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub slug: String,
    pub status: Status,
    pub title: String,
    pub excerpt: String,
    pub content: ContentResponse,
    pub published_at: DateTime<Utc>,
}

impl From<crate::content::revisions::Revision> for RevisionResponse {
    fn from(r: crate::content::revisions::Revision) -> Self {
        RevisionResponse {
            id: r.id,
            parent: r.entry_id,
            author: r.author_id,
            created_at: utc(r.created_at),
            status: r.status,
            slug: r.slug,
            title: r.title,
            excerpt: r.excerpt,
            content: ContentResponse {
                html: r.content_html,
                blocks: raw_json(r.content_blocks),
            },
            published_at: utc(r.published_at),
        }
    }
}

/// Tells a member sent as `null` (`Some(None)`) from one left out (`None`).
pub fn double_option<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
