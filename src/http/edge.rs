//! The outermost layer: answers plain reads from the response cache whole.
//!
//! A plain read is an anonymous GET without a partner key or an `Origin`, while no
//! anonymous limit counts requests. What the layers between here and the cache add to the
//! answer of such a read (caching headers, CORS's, `Vary`) is the same every time, so the
//! whole answer is kept with the cached one the first time it passes them
//! (`CachedAnswer::keep_whole`), and later reads are answered here: with a request id of
//! their own, and the metrics and log line the platform layer gives every request. That
//! skips a third of what a small cached answer costs. Every other request goes the whole
//! way, and the cache layer (`cache::respond`) answers it.

use std::time::Instant;

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Data;

use crate::http::cache::{Answered, Lookup, ResponseCache, cacheable, key_of};
use crate::http::state::AppState;
use crate::http::{client, platform, request_id};

/// Is this a plain read (see the module)?
fn plain(req: &ServiceRequest, state: &AppState) -> bool {
    let headers = req.headers();
    !headers.contains_key(header::ORIGIN)
        && !state.anonymous.enabled()
        && client::partner_key(headers, req.query_string()).is_none()
        && cacheable(req)
}

pub async fn edge(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let cache = req.app_data::<Data<ResponseCache>>().cloned();
    let state = req.app_data::<Data<AppState>>().cloned();
    let (Some(cache), Some(state)) = (cache, state) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if !cache.enabled() || !plain(&req, &state) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = key_of(&req);
    let found = cache.get(&key);
    let whole = found
        .as_ref()
        .and_then(|f| f.whole(req.headers().get(header::IF_NONE_MATCH)));
    if let Some(mut res) = whole {
        let id = request_id::of(req.headers());
        if let Ok(v) = HeaderValue::from_str(&id) {
            res.headers_mut().insert(request_id::HEADER, v);
        }
        let res = req.into_response(res);
        // The log line names the request id, as under the request id layer's span.
        let _span = tracing::enabled!(target: "headpress::http", tracing::Level::INFO)
            .then(|| tracing::info_span!("request", id = %id).entered());
        platform::account(&res, &Method::GET, started);
        return Ok(res);
    }
    req.extensions_mut().insert(Lookup { key, found });
    let res = next.call(req).await?.map_into_boxed_body();
    // Keep what the layers added, with the very answer they added it to.
    let answered = res.response().extensions().get::<Answered>().cloned();
    if let Some(Answered(entry)) = answered {
        entry.keep_whole(&res);
    }
    Ok(res)
}
