//! Health checks and the API description.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::State;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable`.
    pub status: &'static str,
}

/// The OpenAPI document as served, kept serialized once.
pub struct OpenApiJson(pub Vec<u8>);

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

/// This API's OpenAPI 3.1 document.
#[utoipa::path(tag = "system", responses((status = 200, description = "The OpenAPI document", content_type = "application/json", body = Object)))]
#[get("/openapi.json")]
pub async fn get_openapi(doc: web::Data<OpenApiJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(doc.0.clone())
}
