//! Health checks and the API description.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::state::State;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable`.
    pub status: &'static str,
}

/// The OpenAPI document, kept serialized once; the served copy adds the schemas of the
/// field groups that exist.
pub struct OpenApiJson {
    pub bytes: Vec<u8>,
    pub value: serde_json::Value,
}

/// The process is alive.
#[utoipa::path(tag = "system", responses((status = 200, description = "Alive", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// The database answers.
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
        Ok(Ok(())) => HttpResponse::Ok().json(Health { status: "ok" }),
        _ => HttpResponse::ServiceUnavailable().json(Health {
            status: "unavailable",
        }),
    }
}

/// This API's OpenAPI 3.1 document. Each kind's `fields` are described by the field
/// groups that exist now, so clients generated from it are typed.
#[utoipa::path(tag = "system", responses((status = 200, description = "The OpenAPI document", content_type = "application/json", body = Object)))]
#[get("/openapi.json")]
pub async fn get_openapi(
    state: State,
    doc: web::Data<OpenApiJson>,
) -> crate::error::Result<HttpResponse> {
    let groups = state
        .read(crate::content::field_groups::Groups::load)
        .await?;
    let body = if groups.is_empty() {
        doc.bytes.clone()
    } else {
        let typed = crate::http::openapi::with_fields(&doc.value, &groups);
        serde_json::to_vec(&typed).map_err(crate::error::Error::internal)?
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}
