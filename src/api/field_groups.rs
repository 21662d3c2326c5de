//! `/field-groups`: typed custom-field definitions and where they apply. Anyone may read
//! them (they describe the public `fields` of items); only admins write them.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use utoipa::ToSchema;

use crate::content::field_groups::{self, Group, GroupInput, Location};
use crate::content::fields::FieldDef;
use crate::error::Result;
use crate::http::auth::AuthUser;
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams, item_response, list_response, page_in_memory};
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
    let window = page.0.window()?;
    let groups = state.read(field_groups::list).await?;
    let listed = page_in_memory(groups, &window, "field groups", FieldGroupResponse::from)?;
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed,
        &window,
        None,
    ))
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
    let g = state.read(move |conn| field_groups::find(conn, id)).await?;
    Ok(item_response(
        StatusCode::OK,
        &FieldGroupResponse::from(g),
        None,
    ))
}

/// Creates a field group (admins). Items it applies to are re-indexed at once.
#[utoipa::path(
    tag = "field-groups",
    request_body = CreateFieldGroupRequest,
    responses((status = 201, description = "Created", body = FieldGroupResponse)),
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
    let g = state
        .write(move |conn| field_groups::create(conn, input))
        .await?;
    Ok(item_response(
        StatusCode::CREATED,
        &FieldGroupResponse::from(g),
        None,
    ))
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
    let g = state
        .write(move |conn| field_groups::update(conn, id, input))
        .await?;
    Ok(item_response(
        StatusCode::OK,
        &FieldGroupResponse::from(g),
        None,
    ))
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
    state
        .write(move |conn| field_groups::delete(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
