//! `/field-groups`: typed custom-field definitions and where they apply. Anyone may read
//! them (they describe the public `fields` of items); only admins write them.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use utoipa::ToSchema;

use crate::api::manage;
use crate::content::field_groups::{self, Group, GroupInput, Location};
use crate::content::fields::FieldDef;
use crate::db::DbConn;
use crate::error::Result;
use crate::http::auth::AuthUser;
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams};
use crate::http::state::State;
use crate::http::wire::utc;

/// A field group: typed custom fields that items matching `location` carry in `fields`.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldGroupResponse {
    /// The group's id.
    pub id: i64,
    /// A stable name for the group (imports and deployments refer to it).
    pub key: String,
    /// A name for editors.
    pub title: String,
    /// The group's fields, in order.
    pub fields: Vec<FieldDef>,
    /// Which items the group applies to.
    pub location: Location,
    /// Order among groups (lowest first); the first group to define a field name wins.
    pub position: i32,
    /// Inactive groups apply to nothing; their values stay stored.
    pub active: bool,
    /// When the group was created.
    pub created_at: DateTime<Utc>,
    /// When the group last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Group> for FieldGroupResponse {
    fn from(g: Group) -> Self {
        FieldGroupResponse {
            id: g.id,
            key: g.key,
            title: g.title,
            fields: g.fields,
            location: g.location,
            position: g.position,
            active: g.active,
            created_at: utc(g.created_at),
            updated_at: utc(g.updated_at),
        }
    }
}

/// A new field group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateFieldGroupRequest {
    /// A stable name for the group, unique among groups (409 when taken).
    #[schema(pattern = "^[a-z0-9_-]{1,100}$")]
    pub key: String,
    /// A name for editors.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title: String,
    /// The group's fields, in order; each definition is checked (422 naming it, as
    /// `fields[2].choices`).
    #[schema(value_type = Vec<FieldDef>)]
    pub fields: Json,
    /// Which items the group applies to.
    pub location: Location,
    /// Order among groups, lowest first; the first group to define a field name wins.
    /// Default: 0.
    pub position: Option<i32>,
    /// Whether the group applies. Default: `true`.
    pub active: Option<bool>,
}

/// Changes to a field group. Changing or removing a field never deletes stored values:
/// values a definition no longer describes (or that no longer fit it) are hidden from
/// readers, and come back if a definition describes them again.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateFieldGroupRequest {
    /// A stable name for the group, unique among groups (409 when taken).
    #[schema(pattern = "^[a-z0-9_-]{1,100}$")]
    pub key: Option<String>,
    /// A name for editors.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title: Option<String>,
    /// The group's fields: they replace the stored definitions whole.
    #[schema(value_type = Option<Vec<FieldDef>>)]
    pub fields: Option<Json>,
    /// Which items the group applies to (replaced whole).
    pub location: Option<Location>,
    /// Order among groups, lowest first; the first group to define a field name wins.
    pub position: Option<i32>,
    /// Whether the group applies; an inactive group's values stay stored, hidden.
    pub active: Option<bool>,
}

/// List field groups
///
/// Returns a page of every field group, active or not, by `position` (then id), in a
/// `{data, meta}` envelope. Anyone may read them: they describe the `fields` member of
/// items. Paged by number only (`page`, `per_page`): `cursor` is 400.
#[utoipa::path(
    tag = "field-groups",
    params(PageParams),
    responses((status = 200, description = "A page of field groups", body = List<FieldGroupResponse>)),
    security((), ("bearer" = []))
)]
#[get("/field-groups")]
pub async fn list_field_groups(
    req: HttpRequest,
    state: State,
    page: Query<PageParams>,
) -> Result<HttpResponse> {
    let (load, wire) = (field_groups::list, FieldGroupResponse::from);
    manage::list_all(&req, &state, page.0, "field groups", load, wire).await
}

/// Get a field group
///
/// Returns a field group: its fields and where it applies. Anyone may read it; an unknown
/// id is 404. The answer has a strong `ETag`: a matching `If-None-Match` gets 304 with no
/// body.
#[utoipa::path(
    tag = "field-groups",
    params(("id" = i64, Path, minimum = 1, description = "Field group id")),
    responses((status = 200, description = "The field group", body = FieldGroupResponse)),
    security((), ("bearer" = []))
)]
#[get("/field-groups/{id}")]
pub async fn get_field_group(state: State, id: PathId) -> Result<HttpResponse> {
    let id = id.0;
    let find = move |conn: &mut DbConn| field_groups::find(conn, id);
    manage::read(&state, find, FieldGroupResponse::from).await
}

/// Create a field group
///
/// Creates a field group and answers 201 with it and its URL in `Location`. Only admins
/// may (403). A key another group has is 409; an invalid definition or location is 422,
/// naming the member.
///
/// Items of the kinds it applies to are re-indexed at once, so their `fields` and the
/// `field.NAME` filters and sorts follow the new definitions.
#[utoipa::path(
    tag = "field-groups",
    request_body = CreateFieldGroupRequest,
    responses((status = 201, description = "Created", body = FieldGroupResponse,
        headers(("Location" = String, description = "The new field group's URL")))),
    security(("bearer" = []))
)]
#[post("/field-groups")]
pub async fn create_field_group(
    state: State,
    user: AuthUser,
    body: JsonBody<CreateFieldGroupRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let b = body.0;
    let input = GroupInput {
        key: Some(b.key),
        title: Some(b.title),
        fields: Some(b.fields),
        location: Some(b.location),
        position: b.position,
        active: b.active,
    };
    let create = move |conn: &mut DbConn| field_groups::create(conn, input);
    manage::create(
        &state,
        "field-groups",
        create,
        FieldGroupResponse::from,
        |g| g.id,
    )
    .await
}

/// Update a field group
///
/// Changes the members sent (the others stay as they are) and answers with the group as
/// now stored. Only admins may (403); an unknown id is 404, a key another group has 409.
///
/// Changing or removing a field never deletes stored values: values no definition
/// describes (or that no longer fit it) are hidden from readers, and come back if a
/// definition describes them again.
#[utoipa::path(
    tag = "field-groups",
    params(("id" = i64, Path, minimum = 1, description = "Field group id")),
    request_body = UpdateFieldGroupRequest,
    responses((status = 200, description = "The changed field group", body = FieldGroupResponse)),
    security(("bearer" = []))
)]
#[patch("/field-groups/{id}")]
pub async fn update_field_group(
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdateFieldGroupRequest>,
) -> Result<HttpResponse> {
    user.require_admin()?;
    let b = body.0;
    let input = GroupInput {
        key: b.key,
        title: b.title,
        fields: b.fields,
        location: b.location,
        position: b.position,
        active: b.active,
    };
    let id = id.0;
    let update = move |conn: &mut DbConn| field_groups::update(conn, id, input);
    manage::change(&state, update, FieldGroupResponse::from).await
}

/// Delete a field group
///
/// Deletes a field group for good and answers 204. Only admins may (403); an unknown id is
/// 404. Stored values stay with their items, hidden from readers until a group defines
/// their fields again.
#[utoipa::path(
    tag = "field-groups",
    params(("id" = i64, Path, minimum = 1, description = "Field group id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = []))
)]
#[delete("/field-groups/{id}")]
pub async fn delete_field_group(
    req: actix_web::HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
) -> Result<HttpResponse> {
    use crate::users::audit::{self, Action};
    user.require_admin()?;
    let id = id.0;
    let event = crate::api::audit::by(&req, &state, &user, Action::FieldGroupDeleted);
    manage::remove(&state, move |conn| {
        field_groups::delete(conn, id)?;
        audit::record(conn, event.target("field_group", id))
    })
    .await
}
