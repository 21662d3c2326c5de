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
use crate::state::AppState;

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
    if has_escaped_nul(body) {
        return Err(Error::InvalidBody(
            "strings must not contain NUL (\\u0000) characters".into(),
            vec![],
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = strip_position(&inner.to_string());
        if inner.is_syntax() || inner.is_eof() {
            Error::InvalidBody(format!("malformed JSON: {inner}"), vec![])
        } else {
            let mut field = if path == "." { String::new() } else { path };
            // serde names a missing member in its message, not in the path.
            if let Some(name) = message
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
            {
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
        }
    })
}

/// JSON can only carry a NUL character as `\u0000`; no database column may hold one.
fn has_escaped_nul(body: &[u8]) -> bool {
    body.windows(6).enumerate().any(|(i, w)| {
        w[0] == b'\\'
            && w[1] == b'u'
            && &w[2..] == b"0000"
            && body[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    })
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
    if let Some((name, _)) =
        form_urlencoded::parse(query.as_bytes()).find(|(_, v)| v.contains('\0'))
    {
        return Err(Error::invalid_query(
            name.into_owned(),
            "must not contain NUL characters",
        ));
    }
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // serde_urlencoded reports "duplicate field `x`" without a path.
        let field = if path == "." {
            message.split('`').nth(1).unwrap_or("").to_owned()
        } else {
            path
        };
        Error::invalid_query(field, message)
    })
}

/// A path segment holding a positive integer id. Anything else is "no such item".
pub struct PathId(pub i64);

impl FromRequest for PathId {
    type Error = Error;
    type Future = std::future::Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let raw = req.match_info().get("id").unwrap_or("");
        std::future::ready(match raw.parse::<i64>() {
            Ok(id) if id > 0 => Ok(PathId(id)),
            _ => Err(Error::NotFound(format!(
                "`{raw}` is not an id: ids are positive integers"
            ))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_nul_is_found_but_an_escaped_backslash_is_not() {
        assert!(has_escaped_nul(br#"{"title": "a\u0000b"}"#));
        assert!(!has_escaped_nul(br#"{"title": "a\\u0000b"}"#));
        assert!(has_escaped_nul(br#"{"title": "a\\\u0000b"}"#));
        assert!(!has_escaped_nul(br#"{"title": "plain"}"#));
    }
}
