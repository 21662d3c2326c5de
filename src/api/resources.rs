//! `/resources`: the library of guidance, standards and good practices.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use utoipa::{IntoParams, ToSchema};

use crate::api::content::params::{EntryParams, OrderParams, term_filters};
use crate::api::content::related::Related;
use crate::api::content::request::{create_request, terms, update_request};
use crate::api::content::wire::{
    Embedded, EntryCore, ResourceFields, ResourceFieldsCreate, ResourceFieldsUpdate,
};
use crate::api::content::{self as shared, KindList, WireKind};
use crate::content::entry::{Entry, EntryInput};
use crate::content::entry_media::{DOCUMENT, FEATURED};
use crate::content::resources::{
    ResourceChanges, ResourceDetails, ResourceFilter, Resources, normalise_language, types_required,
};
use crate::content::terms::Taxonomy;
use crate::error::{Error, Result};
use crate::http::auth::MaybeUser;
use crate::http::extract::Query;
use crate::http::list::{List, PageParams, split_list};
use crate::http::state::State;

impl WireKind for Resources {
    const INCLUDES: &'static [&'static str] = &[
        "fields",
        "resource_types",
        "tags",
        "document",
        "featured_media",
        "author",
    ];
    const MEMBERS: &'static [&'static str] = &[
        "id",
        "slug",
        "status",
        "title",
        "excerpt",
        "content",
        "author",
        "summary",
        "resource_types",
        "tags",
        "publisher",
        "language",
        "external_url",
        "document",
        "featured_media",
        "fields",
        "published_at",
        "created_at",
        "updated_at",
        "embedded",
    ];
    type Item = ResourceResponse;

    fn item(e: Entry, related: &Related, details: &Self::Details) -> ResourceResponse {
        let d = details.get(&e.id);
        let text = |f: fn(&ResourceDetails) -> &String| d.map(|d| f(d).clone()).unwrap_or_default();
        ResourceResponse {
            summary: text(|d| &d.summary),
            publisher: text(|d| &d.publisher),
            language: text(|d| &d.language),
            external_url: text(|d| &d.external_url),
            resource_types: related.term_ids(e.id, Taxonomy::ResourceType),
            tags: related.term_ids(e.id, Taxonomy::Tag),
            document: related.media_id(e.id, DOCUMENT),
            featured_media: related.media_id(e.id, FEATURED),
            embedded: related.embedded(&e),
            fields: related.fields(e.id),
            core: related.core(e),
        }
    }
}

/// A resource of the library.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceResponse {
    #[serde(flatten)]
    pub core: EntryCore,
    /// Custom field values, typed by the field groups that apply (every field is present:
    /// its value, its default, or null).
    #[schema(value_type = ResourceFields)]
    pub fields: Map<String, Json>,
    /// A short plain-text summary, or empty.
    pub summary: String,
    /// Resource type ids (one or more).
    pub resource_types: Vec<i64>,
    /// Tag ids.
    pub tags: Vec<i64>,
    /// Who published the resource, or empty.
    pub publisher: String,
    /// BCP 47 language tag (`en`, `pt-BR`), or empty.
    pub language: String,
    /// Where to read more, or empty.
    pub external_url: String,
    /// The downloadable file's media id, or null.
    pub document: Option<i64>,
    /// The featured image's media id, or null.
    pub featured_media: Option<i64>,
    /// Related objects asked for with `include`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded: Option<Embedded>,
}

create_request! {
    /// A new resource.
    CreateResourceRequest fields ResourceFieldsCreate {
        /// A short summary; markup is stripped to plain text. Default: empty.
        #[schema(max_length = 2000)]
        pub summary: Option<String>,
        /// Resource type ids: one or more.
        #[schema(min_items = 1)]
        pub resource_types: Vec<i64>,
        /// Tag ids. Default: none.
        pub tags: Option<Vec<i64>>,
        /// Who published the resource. Default: empty.
        #[schema(max_length = 300)]
        pub publisher: Option<String>,
        /// BCP 47 language tag (`en`, `pt-BR`), normalised in case; empty for none.
        /// Default: empty.
        #[schema(pattern = "^$|^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
        pub language: Option<String>,
        /// Where to read more: an `http` or `https` URL, or empty. Default: empty.
        #[schema(
            pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
            max_length = 2000
        )]
        pub external_url: Option<String>,
        /// The downloadable file's media id. Default: none.
        pub document: Option<i64>,
    }
}

update_request! {
    /// Changes to a resource; `document: null` or `featured_media: null` removes them.
    UpdateResourceRequest fields ResourceFieldsUpdate {
        /// A short summary; markup is stripped to plain text. Empty removes it.
        #[schema(max_length = 2000)]
        pub summary: Option<String>,
        /// Resource type ids: one or more; they replace the resource's types.
        #[schema(min_items = 1)]
        pub resource_types: Option<Vec<i64>>,
        /// Tag ids: they replace the resource's tags (`[]` removes them all).
        pub tags: Option<Vec<i64>>,
        /// Who published the resource; empty removes it.
        #[schema(max_length = 300)]
        pub publisher: Option<String>,
        /// BCP 47 language tag (`en`, `pt-BR`), normalised in case; empty removes it.
        #[schema(pattern = "^$|^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
        pub language: Option<String>,
        /// Where to read more: an `http` or `https` URL; empty removes it.
        #[schema(
            pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
            max_length = 2000
        )]
        pub external_url: Option<String>,
        /// The downloadable file's media id; null removes it.
        #[serde(default, deserialize_with = "crate::http::wire::double_option")]
        #[schema(value_type = Option<i64>)]
        pub document: Option<Option<i64>>,
    }
}

impl TryFrom<CreateResourceRequest> for (EntryInput, ResourceChanges) {
    type Error = Error;

    fn try_from(mut r: CreateResourceRequest) -> Result<Self> {
        types_required(Some(&r.resource_types))?;
        let changes = ResourceChanges::checked(
            r.summary.take(),
            r.publisher.take(),
            r.language.take(),
            r.external_url.take(),
            r.document.map(Some),
        )?;
        let mut input = r.entry_input()?;
        input.terms = terms([
            (Taxonomy::ResourceType, Some(r.resource_types)),
            (Taxonomy::Tag, r.tags),
        ]);
        Ok((input, changes))
    }
}

impl TryFrom<UpdateResourceRequest> for (EntryInput, ResourceChanges) {
    type Error = Error;

    fn try_from(mut r: UpdateResourceRequest) -> Result<Self> {
        types_required(r.resource_types.as_ref())?;
        let changes = ResourceChanges::checked(
            r.summary.take(),
            r.publisher.take(),
            r.language.take(),
            r.external_url.take(),
            r.document,
        )?;
        let mut input = r.entry_input()?;
        input.terms = terms([
            (Taxonomy::ResourceType, r.resource_types),
            (Taxonomy::Tag, r.tags),
        ]);
        Ok((input, changes))
    }
}

/// Filters of resources only.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResourceFilters {
    /// Resource type slugs, comma-separated (any of).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub resource_type: Option<String>,
    /// Tag slugs, comma-separated (any of).
    pub tag: Option<String>,
    /// BCP 47 language tags, comma-separated (any of).
    #[param(
        pattern = "^$|^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*(,[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)*$"
    )]
    pub language: Option<String>,
    /// Publisher, exactly but ignoring case.
    pub publisher: Option<String>,
}

/// List resources
///
/// Returns a page of the resource library in a `{data, meta}` envelope with `Link` and
/// `X-Total-Count` headers, newest `published_at` first (best match first with `search`).
///
/// Anonymous readers, and everyone who names no `status`, get items that are `published`
/// and whose `published_at` has come. With `status` (which needs a token) editors and
/// admins get items in those statuses, authors their own items in them and what is public.
/// Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
/// `cursor` from `meta.next_cursor`; `count=none` leaves the total out.
///
/// `type` (resource type slugs), `tag`, `language`, `slug` and `author` take
/// comma-separated values (any of); `publisher` matches exactly, ignoring case, and
/// `field.NAME=value` filters on a custom field. `fields` keeps only the named members,
/// `include` embeds related objects. A bad value is 400 naming the parameter.
#[utoipa::path(
    tag = "resources",
    params(PageParams, EntryParams, OrderParams, ResourceFilters),
    responses((status = 200, description = "A page of resources", body = List<ResourceResponse>,
        headers(("Link" = String, description = "RFC 8288 first, prev, next, last"),
                ("X-Total-Count" = i64, description = "Items matching the filters")))),
    security((), ("bearer" = []))
)]
#[get("/resources")]
pub async fn list_resources(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<EntryParams>,
    order: Query<OrderParams>,
    filters: Query<ResourceFilters>,
) -> Result<HttpResponse> {
    let f = filters.0;
    let languages = split_list(f.language.as_deref())
        .iter()
        .map(|l| normalise_language(l))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|m| Error::invalid_query("language", m))?;
    let publisher = f
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    let own = KindList {
        terms: term_filters([
            (Taxonomy::ResourceType, f.resource_type.as_deref()),
            (Taxonomy::Tag, f.tag.as_deref()),
        ]),
        order: order.0.orderby.map(Into::into),
        filter: ResourceFilter {
            languages,
            publisher,
        },
    };
    shared::list_items::<Resources>(req, state, user, page.0, params.0, own).await
}

shared::item_routes! {
    kind: Resources,
    tag: "resources",
    item: ResourceResponse,
    create: CreateResourceRequest,
    update: UpdateResourceRequest,
    collection_path: "/resources",
    item_path: "/resources/{id}",
    revisions_path: "/resources/{id}/revisions",
    id: "Resource id",
    a: "a resource",
    noun: "resource",
    get: get_resource = "Get a resource",
    create_fn: create_resource = "Create a resource"
        + "A resource needs at least one resource type (`resource_types`); `language` is \
        normalised (`pt-br` becomes `pt-BR`), and a term or media id that does not exist is \
        422.",
    update_fn: update_resource = "Update a resource"
        + "`resource_types` or `tags`, when sent, replace the resource's terms of that \
        taxonomy (`resource_types` cannot be emptied); `document: null` and \
        `featured_media: null` remove those files.",
    delete_fn: delete_resource = "Delete a resource",
    revisions_fn: list_resource_revisions = "List a resource's revisions",
}
