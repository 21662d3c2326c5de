//! Health checks and the API description.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::state::State;

/// Whether the process, or its database, is up.
#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: HealthStatus,
}

/// `ok`, or `unavailable` when the database does not answer.
#[derive(Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
    Unavailable,
}

/// The OpenAPI document, kept serialized once; the served copy adds the schemas of the
/// field groups that exist.
pub struct OpenApiJson {
    pub bytes: Vec<u8>,
    pub value: serde_json::Value,
}

/// Liveness: the process answers
///
/// 200 `{"status": "ok"}` while the process runs, whatever the database does: for a
/// liveness probe (restart the process when it fails). Needs nothing and touches nothing.
#[utoipa::path(tag = "system", responses((status = 200, description = "Alive", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: HealthStatus::Ok,
    })
}

/// Readiness: the database answers
///
/// 200 `{"status": "ok"}` when the database answers a query within 3 seconds, else 503
/// `{"status": "unavailable"}`: for a readiness probe or a load balancer's health check
/// (send no traffic to a node whose database is out of reach).
#[utoipa::path(tag = "system", responses(
    (status = 200, description = "Ready", body = Health),
    (status = 503, description = "The database does not answer", body = Health)))]
#[get("/readyz")]
pub async fn readyz(state: State) -> HttpResponse {
    use diesel::connection::SimpleConnection;
    let ping = state.read(|conn| {
        conn.batch_execute("SELECT 1")
            .map_err(crate::error::Error::from)
    });
    match actix_web::rt::time::timeout(std::time::Duration::from_secs(3), ping).await {
        Ok(Ok(())) => HttpResponse::Ok().json(Health {
            status: HealthStatus::Ok,
        }),
        _ => HttpResponse::ServiceUnavailable().json(Health {
            status: HealthStatus::Unavailable,
        }),
    }
}

/// Which document `GET /api/v1/openapi.json` answers with.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpenApiParams {
    /// `site`: the document with each kind's custom `fields` typed by the field groups that
    /// exist on this site now (and a `field.NAME` filter for each filterable field). Left
    /// out: the fixed document, the same on every site (custom fields as open objects).
    #[param(inline)]
    pub fields: Option<DocumentFields>,
}

/// Which custom-field schemas the document holds.
#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFields {
    Site,
}

/// This API's OpenAPI 3.1 document
///
/// The fixed document (committed in the repository as `openapi/openapi.json`, the same on
/// every site) is what official clients are generated from. With `fields=site`, each
/// kind's custom `fields` are typed by this site's field groups as they are now: generate
/// from it to get typed custom fields, and generate again when the field groups change.
#[utoipa::path(tag = "system", params(OpenApiParams), responses((status = 200, description = "An OpenAPI 3.1 document", content_type = "application/json", body = OpenApiDocument)))]
#[get("/openapi.json")]
pub async fn get_openapi(
    state: State,
    doc: web::Data<OpenApiJson>,
    params: crate::http::extract::Query<OpenApiParams>,
) -> crate::error::Result<HttpResponse> {
    let body = match params.0.fields {
        None => doc.bytes.clone(),
        Some(DocumentFields::Site) => {
            let groups = state
                .read(crate::content::field_groups::Groups::load)
                .await?;
            let typed = crate::http::openapi::with_fields(&doc.value, &groups);
            serde_json::to_vec(&typed).map_err(crate::error::Error::internal)?
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}

/// An OpenAPI 3.1 document: a JSON object as <https://spec.openapis.org/oas/v3.1.0> has it.
pub struct OpenApiDocument;

impl utoipa::PartialSchema for OpenApiDocument {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Object)
            .description(Some(
                "An OpenAPI 3.1 document, as <https://spec.openapis.org/oas/v3.1.0> has it.",
            ))
            .required("openapi")
            .required("info")
            .property(
                "openapi",
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some("The OpenAPI version, `3.1.0`.")),
            )
            .property(
                "info",
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::Object)
                    .description(Some("The API's title, version and licence."))
                    .additional_properties(Some(
                        utoipa::openapi::schema::AdditionalProperties::FreeForm(true),
                    )),
            )
            .additional_properties(Some(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(true),
            ))
            .into()
    }
}

impl ToSchema for OpenApiDocument {}
