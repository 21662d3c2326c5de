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
    pub id: i64,
    /// A stable name for the group (imports and deployments refer to it).
    pub key: String,
    pub title: String,
    pub fields: Vec<FieldDef>,
    pub location: Location,
    /// Order among groups (lowest first); the first group to define a field name wins.
    pub position: i32,
    /// Inactive groups apply to nothing; their values stay stored.
    pub active: bool,
    pub created_at: DateTime<Utc>,
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
    #[schema(pattern = "^[a-z0-9_-]{1,100}$")]
    pub key: String,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title: String,
    #[schema(value_type = Vec<FieldDef>)]
    pub fields: Json,
    pub location: Location,
    pub position: Option<i32>,
    /// Default `true`.
    pub active: Option<bool>,
}

/// Changes to a field group. Changing or removing a field never deletes stored values:
/// values a definition no longer describes (or that no longer fit it) are hidden from
/// readers, and come back if a definition describes them again.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateFieldGroupRequest {
    #[schema(pattern = "^[a-z0-9_-]{1,100}$")]
    pub key: Option<String>,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub title: Option<String>,
    #[schema(value_type = Option<Vec<FieldDef>>)]
    pub fields: Option<Json>,
    pub location: Option<Location>,
    pub position: Option<i32>,
    pub active: Option<bool>,
}

/// Every field group, active or not, by position.
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

/// One field group by id.
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

/// Creates a field group (admins). Items it applies to are re-indexed at once.
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

/// Changes a field group (admins).
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

/// Deletes a field group (admins). Stored values stay with their items, hidden from
/// readers until a group defines their fields again.
#[utoipa::path(
    tag = "field-groups",
    params(("id" = i64, Path, minimum = 1, description = "Field group id")),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = []))
)]
#[delete("/field-groups/{id}")]
pub async fn delete_field_group(state: State, user: AuthUser, id: PathId) -> Result<HttpResponse> {
    user.require_admin()?;
    let id = id.0;
    manage::remove(&state, move |conn| field_groups::delete(conn, id)).await
}
