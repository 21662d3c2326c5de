//! `X-Request-Id`: every answer carries one (the request's own when it sends a usable one,
//! else one made here), every log line of the request names it (a `request` span), and a
//! problem body repeats it as `request_id`, so a client's report matches a log line. The
//! outermost layer, so that answers of every other (CORS included) carry it.

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

use crate::http::problem::PROBLEM_JSON;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The longest id taken from a request; a longer one is replaced.
const MAX_LEN: usize = 128;

/// The id of the request being answered, in its extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = of(req.headers());
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", id = %id);
    let res = next.call(req).instrument(span).await?.map_into_boxed_body();
    let mut res = with_problem_id(res, &id).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(HEADER, v);
    }
    Ok(res)
}

/// The id of a request with these headers: the client's own when usable, else a new one.
pub fn of(headers: &header::HeaderMap) -> String {
    headers
        .get(&HEADER)
        .and_then(usable)
        .unwrap_or_else(generate)
}

/// A client's id, when it is one we can repeat: visible ASCII, not too long.
fn usable(value: &HeaderValue) -> Option<String> {
    let bytes = value.as_bytes();
    let fits =
        !bytes.is_empty() && bytes.len() <= MAX_LEN && bytes.iter().all(|b| b.is_ascii_graphic());
    fits.then(|| String::from_utf8_lossy(bytes).into_owned())
}

/// 32 hex digits: 64 random bits drawn once per process (so ids of several nodes do not
/// meet), then a count of the requests it answered. Cheap, on every request.
fn generate() -> String {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static NODE: OnceLock<u64> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let node = NODE.get_or_init(|| {
        let mut bytes = [0u8; 8];
        rand::fill(&mut bytes);
        u64::from_le_bytes(bytes)
    });
    format!("{node:016x}{:016x}", COUNT.fetch_add(1, Ordering::Relaxed))
}

/// A problem body gets `request_id` (problems are small, and rare on the hot path).
async fn with_problem_id(res: ServiceResponse<BoxBody>, id: &str) -> ServiceResponse<BoxBody> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !is_problem {
        return res;
    }
    let (req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let Ok(bytes) = actix_web::body::to_bytes(body).await else {
        return ServiceResponse::new(req, head.set_body(BoxBody::new(())));
    };
    let body = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(mut problem)) => {
            problem.insert(
                "request_id".into(),
                serde_json::Value::String(id.to_owned()),
            );
            serde_json::to_vec(&problem).unwrap_or_else(|_| bytes.to_vec())
        }
        _ => bytes.to_vec(),
    };
    ServiceResponse::new(req, head.set_body(BoxBody::new(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_id_is_kept_only_when_it_can_be_repeated() {
        let keep = |s: &str| usable(&HeaderValue::from_str(s).unwrap());
        assert_eq!(keep("req-42.abc_DEF").as_deref(), Some("req-42.abc_DEF"));
        assert_eq!(keep(""), None);
        assert_eq!(keep("two words"), None);
        assert_eq!(keep(&"x".repeat(MAX_LEN + 1)), None);
        assert_eq!(keep(&"x".repeat(MAX_LEN)).map(|s| s.len()), Some(MAX_LEN));
    }

    #[test]
    fn made_ids_are_32_hex_digits_and_differ() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
