//! Extractors that parse and check requests, answering mistakes with problems that name
//! the bad member or parameter.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::{Error, FieldError};
use crate::http::state::AppState;

/// A JSON request body of type `T`. Checks the content type and the size limit, and names
/// the member at fault when the body does not deserialize.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.config.json_limit)
            .unwrap_or(1024 * 1024);
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let declared_len = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            let essence = content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if essence != "application/json" && !essence.ends_with("+json") {
                return Err(Error::UnsupportedMediaType(
                    "the body must be JSON, sent with Content-Type: application/json".into(),
                ));
            }
            if declared_len.is_some_and(|n| n > limit) {
                return Err(Error::PayloadTooLarge(limit));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    Error::InvalidBody(format!("the body could not be read: {e}"), vec![])
                })?;
                if body.len() + chunk.len() > limit {
                    return Err(Error::PayloadTooLarge(limit));
                }
                body.extend_from_slice(&chunk);
            }
            parse_json(&body).map(JsonBody)
        })
    }
}

pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    // Every body we read is an object; serde would also take an array for a struct.
    if body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b != b'{')
    {
        return Err(Error::InvalidBody(
            "the body must be a JSON object".into(),
            vec![],
        ));
    }
    let mut value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| Error::InvalidBody(format!("malformed JSON: {e}"), vec![]))?;
    if let Some(at) = nul_in(&value, String::new()) {
        let field = at.trim_start_matches('.').to_owned();
        return Err(Error::InvalidBody(
            format!("{field}: strings must not contain NUL characters"),
            vec![FieldError::new(field, "must not contain NUL characters")],
        ));
    }
    // JSON Schema counts 1.0 as an integer; so do we.
    whole_floats_to_integers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = strip_position(&e.into_inner().to_string());
        let mut field = if path == "." { String::new() } else { path };
        // serde names a missing member in its message, not in the path.
        let named = message
            .strip_prefix("missing field `")
            .and_then(|m| m.split('`').next());
        if let Some(name) = named {
            field = if field.is_empty() {
                name.to_owned()
            } else {
                format!("{field}.{name}")
            };
        }
        let detail = if field.is_empty() {
            message.clone()
        } else {
            format!("{field}: {message}")
        };
        Error::InvalidBody(detail, vec![FieldError::new(field, message)])
    })
}

/// The path of the first string (or member name) holding a NUL, which no column can store.
fn nul_in(value: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) if s.contains('\0') => Some(at),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_in(v, format!("{at}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some(at.clone())
            } else {
                nul_in(v, format!("{at}.{k}"))
            }
        }),
        _ => None,
    }
}

fn whole_floats_to_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                // Every whole number up to 2^53 is exact in a double.
                && f.abs() <= 9_007_199_254_740_992.0
            {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_floats_to_integers),
        Value::Object(map) => map.values_mut().for_each(whole_floats_to_integers),
        _ => {}
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Query-string parameters of type `T`. A known parameter with a bad value is a 400
/// naming it; unknown parameters are ignored.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = Error;
    type Future = std::future::Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, Error> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    let parsed: T = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // serde_urlencoded reports "duplicate field `x`" without a path.
        let field = if path == "." {
            message.split('`').nth(1).unwrap_or("").to_owned()
        } else {
            path
        };
        Error::invalid_query(field, message)
    })?;
    // No stored value can hold a NUL: refuse one in a parameter we read, ignore the rest.
    let with_nul: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .filter(|(_, v)| v.contains('\0'))
        .map(|(k, _)| k.into_owned())
        .collect();
    if !with_nul.is_empty() {
        let mut ignored = Vec::new();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        let _: Result<T, _> = serde_ignored::deserialize(de, |path| ignored.push(path.to_string()));
        if let Some(name) = with_nul.into_iter().find(|k| !ignored.contains(k)) {
            return Err(Error::invalid_query(
                name,
                "must not contain NUL characters",
            ));
        }
    }
    Ok(parsed)
}

/// A path segment holding a positive integer id. Anything else is "no such item".
pub struct PathId(pub i64);

impl FromRequest for PathId {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let raw = req.match_info().get("id").unwrap_or("");
        std::future::ready(match raw.parse::<i64>() {
            Ok(id) if id > 0 => Ok(PathId(id)),
            _ => Err(not_an_id(req, raw)),
        })
    }
}

/// `/users/me` is routed to `/users/{id}` for methods it does not have: answer those as
/// the fixed path would, with 405; anything else is no such item.
fn not_an_id(req: &HttpRequest, raw: &str) -> actix_web::Error {
    use crate::http::openapi::{RouteTable, method_not_allowed};
    let fixed = req
        .app_data::<web::Data<RouteTable>>()
        .and_then(|t| t.allowed(req.path()));
    match fixed {
        Some(methods) if !methods.contains(&req.method().as_str()) => {
            actix_web::error::InternalError::from_response(
                "method not allowed",
                method_not_allowed(req.method(), methods),
            )
            .into()
        }
        _ => Error::NotFound(format!("`{raw}` is not an id: ids are positive integers")).into(),
    }
}

#[cfg(test)]
mod body_tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Page {
        parent: i64,
    }

    #[test]
    fn whole_numbers_written_with_a_fraction_are_integers_exactly() {
        // JSON Schema's `integer` admits `1.0`; a large one must come through exact (a
        // best-effort float parser reads this one as ...304.75).
        for (body, want) in [
            (&br#"{"parent": 7.0}"#[..], 7),
            (
                br#"{"parent": -2064739167500305.0}"#,
                -2_064_739_167_500_305,
            ),
        ] {
            let page: Page = parse_json(body).expect("an integer");
            assert_eq!(page.parent, want);
        }
        assert!(parse_json::<Page>(br#"{"parent": 7.5}"#).is_err());
    }
}
