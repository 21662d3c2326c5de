//! Middleware every response passes through: HEAD as GET, one log line per request (with
//! the client's address, see `client`),
//! problem+json for errors from any layer, strong ETags with 304, and caching headers.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

use crate::http::cache::{MAX_BODY, body_bytes, etag_of, matches};
use crate::http::problem::{PROBLEM_JSON, Problem};

pub struct CachePolicy {
    pub max_age: u32,
}

pub async fn platform(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    // HEAD is answered as GET; the HTTP layer sends the headers without the body.
    if method == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    let signed_in = req.headers().contains_key(header::AUTHORIZATION);
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let max_age = req
        .app_data::<web::Data<CachePolicy>>()
        .map_or(0, |p| p.max_age);

    let res = next.call(req).await?.map_into_boxed_body();
    let res = problem_for_errors(res);
    let res = if method == Method::GET || method == Method::HEAD {
        with_etag(res, if_none_match.as_ref()).await
    } else {
        res
    };
    let mut res = res;
    let status = res.status();
    caching_headers(res.headers_mut(), &method, status, signed_in, max_age);
    account(&res, &method, started);
    Ok(res)
}

/// Counts an answered request in the metrics, by the route pattern that matched (so that
/// ids make no new series), and logs it: one line, with the client's address.
pub fn account(res: &ServiceResponse<BoxBody>, method: &Method, started: Instant) {
    let req = res.request();
    let Some(state) = req.app_data::<web::Data<crate::http::state::AppState>>() else {
        return;
    };
    let status = res.status().as_u16();
    let extensions = res.response().extensions();
    let matched;
    let route = match extensions.get::<crate::http::cache::Route>() {
        Some(known) => &*known.0,
        None => {
            matched = req.match_pattern();
            matched.as_deref().unwrap_or("unmatched")
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    state.metrics.record(route, method, status, seconds);
    if tracing::enabled!(target: "headpress::http", tracing::Level::INFO) {
        let client = crate::http::client::address(req, &state.config.trusted_proxies);
        tracing::info!(
            target: "headpress::http",
            method = %method,
            path = %req.path(),
            client = %client,
            status,
            latency_ms = seconds * 1000.0,
            "request"
        );
    }
}

/// Errors produced below us (actix's own 404/405/413, extractor errors) get our shape.
fn problem_for_errors(res: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return res;
    }
    if let Some(err) = res.response().error() {
        tracing::warn!(error = %err, status = status.as_u16(), "request failed below the handlers");
    }
    let (req, old) = res.into_parts();
    let mut new = Problem::for_status(status).response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = old.headers().get(&name) {
            new.headers_mut().insert(name, v.clone());
        }
    }
    ServiceResponse::new(req, new)
}

async fn with_etag(
    res: ServiceResponse<BoxBody>,
    if_none_match: Option<&HeaderValue>,
) -> ServiceResponse<BoxBody> {
    if res.status() != StatusCode::OK || res.headers().contains_key(header::ETAG) {
        return res;
    }
    match res.response().body().size() {
        actix_web::body::BodySize::Sized(n) if n as usize <= MAX_BODY => {}
        _ => return res,
    }
    let (req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let bytes = match body_bytes(body).await {
        Ok(b) => b,
        Err(_) => {
            return ServiceResponse::new(
                req,
                Problem::for_status(StatusCode::INTERNAL_SERVER_ERROR).response(),
            );
        }
    };
    let tag = etag_of(&bytes);
    if matches(if_none_match, &tag) {
        let mut not_modified = HttpResponse::NotModified().finish();
        for name in [
            header::CACHE_CONTROL,
            header::VARY,
            header::CONTENT_LOCATION,
            header::EXPIRES,
        ] {
            if let Some(v) = head.headers().get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        not_modified.headers_mut().insert(header::ETAG, tag);
        return ServiceResponse::new(req, not_modified);
    }
    let mut res = head.set_body(BoxBody::new(bytes));
    res.headers_mut().insert(header::ETAG, tag);
    ServiceResponse::new(req, res)
}

fn caching_headers(
    headers: &mut HeaderMap,
    method: &Method,
    status: StatusCode,
    signed_in: bool,
    max_age: u32,
) {
    let readable = matches!(*method, Method::GET | Method::HEAD);
    if !headers.contains_key(header::CACHE_CONTROL) {
        let value = if !readable || !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
            "no-store".to_owned()
        } else if signed_in {
            "private, no-cache".to_owned()
        } else {
            format!("public, max-age={max_age}")
        };
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(header::CACHE_CONTROL, v);
        }
    }
    // What a response holds depends on the token, so shared caches must key on it.
    let vary = match headers.get(header::VARY).and_then(|v| v.to_str().ok()) {
        Some(existing) if existing.to_ascii_lowercase().contains("authorization") => None,
        Some(existing) => Some(format!("{existing}, Authorization")),
        None => Some("Authorization".to_owned()),
    };
    if let Some(v) = vary.and_then(|v| HeaderValue::from_str(&v).ok()) {
        headers.insert(header::VARY, v);
    }
}
