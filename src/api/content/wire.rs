//! The members every content item's answer and write share: the body (`content`), the
//! shared members (`EntryCore`), what `include` embeds, revisions, and the schema names of
//! each kind's custom fields.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use serde_json::value::RawValue;
use utoipa::ToSchema;

use crate::api::media::MediaResponse;
use crate::api::terms::TermResponse;
use crate::api::users::PublicUser;
use crate::content::Status;
use crate::content::blocks::Block;
use crate::content::body::ContentSource;
use crate::content::entry::Entry;
use crate::content::revisions::Revision;
use crate::error::{Error, Result};
use crate::http::render::Shared;
use crate::http::wire::utc;

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
            are sanitised (`className` and `anchor` keep only class-name characters); markup \
            may nest elements at most 256 deep (422 naming the member).";
        serde_json::from_value(serde_json::json!({
            "description": doc,
            "oneOf": [
                {"$ref": "#/components/schemas/HtmlContentInput"},
                {"$ref": "#/components/schemas/BlocksContentInput"}
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
        let branch = |v: serde_json::Value| {
            serde_json::from_value(v).unwrap_or_else(|_| unreachable!("a fixed, valid schema"))
        };
        schemas.push((
            "HtmlContentInput".to_owned(),
            branch(serde_json::json!({
                "type": "object",
                "description": "A body as markup: WordPress's block serialization, or plain HTML.",
                "required": ["html"],
                "additionalProperties": false,
                "properties": {"html": {"type": "string", "description": "Block markup or plain HTML."}}
            })),
        ));
        schemas.push((
            "BlocksContentInput".to_owned(),
            branch(serde_json::json!({
                "type": "object",
                "description": "A body as a tree of blocks.",
                "required": ["blocks"],
                "additionalProperties": false,
                "properties": {"blocks": {"type": "array", "description": "The body as a tree of blocks.",
                    "items": {"$ref": "#/components/schemas/Block"}}}
            })),
        ));
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

pub(super) fn raw_json(s: String) -> Box<RawValue> {
    RawValue::from_string(s).unwrap_or_else(|_| empty_list())
}

pub(super) fn empty_list() -> Box<RawValue> {
    RawValue::from_string("[]".to_owned()).unwrap_or_else(|_| unreachable!("`[]` is JSON"))
}

/// The members every content item has, whatever its kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryCore {
    /// The item's id, unique across every kind of content.
    pub id: i64,
    /// The address name, unique within the kind (`my-post`); lists filter on it with `slug`.
    pub slug: String,
    /// Where the item is in its life; anonymous readers only ever see `published`.
    pub status: Status,
    /// The title, plain text.
    pub title: String,
    /// A short plain-text summary: the one written, or the first 55 words of the content.
    pub excerpt: String,
    /// The body: rendered HTML and its block tree.
    pub content: ContentResponse,
    /// The author's user id.
    pub author: i64,
    /// The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
    /// pattern); null for reusable blocks, which have no page of their own.
    pub link: Option<String>,
    /// The oEmbed endpoint for `link` (posts, resources and events), for the discovery
    /// `<link rel="alternate" type="application/json+oembed">` tag.
    pub oembed_url: Option<String>,
    /// When the item is (or will be) public: a `published` item with a future date is
    /// scheduled and hidden from anonymous readers until then.
    pub published_at: DateTime<Utc>,
    /// When the item was created.
    pub created_at: DateTime<Utc>,
    /// When the item last changed.
    pub updated_at: DateTime<Utc>,
}

impl EntryCore {
    pub(super) fn new(
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

/// Objects embedded on request with `include`: each member is there only when `include`
/// names it, and holds only what the reader may see.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct Embedded {
    /// The author's public face (`include=author`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<PublicUser>)]
    pub author: Option<Shared>,
    /// The item's tags (`include=tags`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<TermResponse>>)]
    pub tags: Option<Vec<Shared>>,
    /// A post's categories (`include=categories`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<TermResponse>>)]
    pub categories: Option<Vec<Shared>>,
    /// A resource's types (`include=resource_types`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<TermResponse>>)]
    pub resource_types: Option<Vec<Shared>>,
    /// An event's categories (`include=event_categories`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<TermResponse>>)]
    pub event_categories: Option<Vec<Shared>>,
    /// The featured image (`include=featured_media`); absent when the item has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub featured_media: Option<MediaResponse>,
    /// A resource's downloadable file (`include=document`); absent when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<MediaResponse>,
    /// What `relation` and `media` custom fields point to, those the reader may see
    /// (`include=fields`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldsEmbedded>,
}

/// The items and media an item's custom fields point to.
#[derive(Debug, Default, Clone, Serialize, ToSchema)]
pub struct FieldsEmbedded {
    /// The content items `relation` fields point to.
    pub items: Vec<ItemSummary>,
    /// The files `media` fields point to.
    pub media: Vec<MediaResponse>,
}

/// A short description of a content item, for embedding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemSummary {
    /// The item's id.
    pub id: i64,
    /// Its collection: `posts`, `pages`, `resources`, `events`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The item's slug.
    pub slug: String,
    /// The item's title.
    pub title: String,
    /// The item's excerpt, plain text.
    pub excerpt: String,
    /// The item's status.
    pub status: Status,
    /// When the item is (or will be) public.
    pub published_at: DateTime<Utc>,
}

/// A revision of an item: its shared members as one write left them.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionResponse {
    /// The revision's id (revisions are numbered across every item).
    pub id: i64,
    /// The item this is a revision of.
    pub parent: i64,
    /// Who made the change (null when that user was deleted).
    pub author: Option<i64>,
    /// When the change was made.
    pub created_at: DateTime<Utc>,
    /// The item's slug after the change.
    pub slug: String,
    /// The item's status after the change.
    pub status: Status,
    /// The item's title after the change.
    pub title: String,
    /// The item's excerpt after the change.
    pub excerpt: String,
    /// The item's body after the change (reusable blocks not resolved).
    pub content: ContentResponse,
    /// The item's `published_at` after the change.
    pub published_at: DateTime<Utc>,
}

impl From<Revision> for RevisionResponse {
    fn from(r: Revision) -> Self {
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
