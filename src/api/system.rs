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

/// Prometheus metrics
///
/// The server's metrics in Prometheus's text format (version 0.0.4): requests by route
/// (the pattern that matched), method and status, with latency histograms; the database
/// pool; the response, render and fragment caches (hits, misses, size); the expensive
/// reads' turns. Who may read it is a setting (`--metrics`): `local` (the default: clients
/// on this machine only, by their own address; others get 403), `open`, or `off` (404).
#[utoipa::path(tag = "system", responses(
    (status = 200, description = "The metrics", content_type = "text/plain; version=0.0.4", body = String),
    (status = 403, description = "Metrics are served to this machine only (`--metrics local`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    (status = 404, description = "Metrics are off (`--metrics off`)", body = crate::http::problem::Problem, content_type = "application/problem+json")))]
#[get("/metrics")]
pub async fn get_metrics(
    req: actix_web::HttpRequest,
    state: State,
) -> crate::error::Result<HttpResponse> {
    use crate::config::MetricsAccess;
    use crate::error::Error;
    use crate::http::metrics::{header, sample};
    match state.config.metrics {
        MetricsAccess::Off => return Err(Error::not_found("metrics are off")),
        MetricsAccess::Local => {
            let local = req.peer_addr().is_some_and(|a| a.ip().is_loopback());
            if !local {
                return Err(Error::Forbidden(
                    "metrics are served to this machine only".into(),
                ));
            }
        }
        MetricsAccess::Open => {}
    }
    let mut out = String::with_capacity(16 * 1024);
    header(
        &mut out,
        "headpress_build_info",
        "gauge",
        "The running version.",
    );
    sample(
        &mut out,
        "headpress_build_info",
        &format!("version=\"{}\"", env!("CARGO_PKG_VERSION")),
        1,
    );
    state.metrics.write_requests(&mut out);

    let pool = state.db.pool.state();
    header(
        &mut out,
        "headpress_db_pool_connections",
        "gauge",
        "Database connections of this node, by state.",
    );
    let idle = u64::from(pool.idle_connections);
    let open = u64::from(pool.connections);
    sample(
        &mut out,
        "headpress_db_pool_connections",
        "state=\"idle\"",
        idle,
    );
    sample(
        &mut out,
        "headpress_db_pool_connections",
        "state=\"in_use\"",
        open.saturating_sub(idle),
    );
    header(
        &mut out,
        "headpress_db_pool_max_connections",
        "gauge",
        "The most database connections this node opens (`--pool-size`).",
    );
    sample(
        &mut out,
        "headpress_db_pool_max_connections",
        "",
        state.db.pool.max_size(),
    );

    let caches = [
        ("responses", state.cache.stats()),
        ("renders", state.renders.stats()),
        ("fragments", state.fragments.stats()),
    ];
    for (name, kind, help) in [
        (
            "headpress_cache_hits_total",
            "counter",
            "Lookups a cache answered.",
        ),
        (
            "headpress_cache_misses_total",
            "counter",
            "Lookups a cache could not answer.",
        ),
        ("headpress_cache_bytes", "gauge", "Bytes a cache holds."),
        ("headpress_cache_entries", "gauge", "Entries a cache holds."),
        (
            "headpress_cache_limit_bytes",
            "gauge",
            "Bytes a cache may hold (0: off).",
        ),
    ] {
        header(&mut out, name, kind, help);
        for (cache, stats) in &caches {
            let value = match name {
                "headpress_cache_hits_total" => stats.hits,
                "headpress_cache_misses_total" => stats.misses,
                "headpress_cache_bytes" => stats.bytes as u64,
                "headpress_cache_entries" => stats.entries as u64,
                _ => stats.limit as u64,
            };
            sample(&mut out, name, &format!("cache=\"{cache}\""), value);
        }
    }

    let (in_use, at_once) = state.heavy.in_use();
    header(
        &mut out,
        "headpress_heavy_reads",
        "gauge",
        "Expensive reads (search, custom-field filters) running now, and how many may.",
    );
    sample(
        &mut out,
        "headpress_heavy_reads",
        "state=\"running\"",
        in_use,
    );
    sample(
        &mut out,
        "headpress_heavy_reads",
        "state=\"allowed\"",
        at_once,
    );
    header(
        &mut out,
        "headpress_heavy_reads_refused_total",
        "counter",
        "Expensive reads told to come back (503): no turn within the wait.",
    );
    sample(
        &mut out,
        "headpress_heavy_reads_refused_total",
        "",
        state
            .heavy
            .refused
            .load(std::sync::atomic::Ordering::Relaxed),
    );
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(out))
}
