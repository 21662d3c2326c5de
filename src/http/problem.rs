//! RFC 9457 problem+json: the one shape of every error response.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::error::{Error, FieldError};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error response (RFC 9457).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// Always `about:blank`: `code` carries the machine-readable kind.
    #[schema(example = "about:blank")]
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// A short, human-readable summary of the kind of problem (the same for every
    /// occurrence of a `code`).
    #[schema(example = "Validation failed")]
    pub title: String,
    /// The HTTP status code of the answer.
    #[schema(example = 422)]
    pub status: u16,
    /// A stable word to switch on: `invalid_query`, `invalid_body`, `validation_failed`,
    /// `unauthorized`, `forbidden`, `not_found`, `method_not_allowed`, `conflict`,
    /// `unsupported_media_type`, `payload_too_large`, `rate_limited`, `unavailable`,
    /// `internal`, or `not_implemented` (oEmbed formats). Failures of the HTTP layer itself
    /// use a word for their status (`uri_too_long`, `request_timeout`, ...).
    #[schema(example = "validation_failed")]
    pub code: &'static str,
    /// What went wrong this time, in English, for people (do not parse it). Never shows
    /// SQL, paths or internal causes.
    #[schema(example = "1 field is invalid")]
    pub detail: String,
    /// Each invalid member or parameter, by name; absent when the problem is not about
    /// particular members.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The answer's `X-Request-Id`, to quote when reporting the problem: it names the
    /// server's log lines of the request. Always present in answers (added on the way out).
    #[schema(example = "4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Problem {
            kind: "about:blank",
            title: title_of(code, status),
            status: status.as_u16(),
            code,
            detail: detail.into(),
            errors: Vec::new(),
            request_id: None,
        }
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn response(&self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = HttpResponse::build(status);
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .insert_header((header::CACHE_CONTROL, "no-store"));
        if status == StatusCode::UNAUTHORIZED {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        res.body(serde_json::to_vec(self).unwrap_or_default())
    }

    /// The generic problem for a status that some layer below us produced.
    pub fn for_status(status: StatusCode) -> Self {
        let (code, detail) = match status.as_u16() {
            400 => ("invalid_body", "the request could not be read"),
            401 => ("unauthorized", "a valid bearer token is required"),
            403 => ("forbidden", "not allowed"),
            404 => ("not_found", "no such resource"),
            405 => ("method_not_allowed", "this method is not allowed here"),
            406 => ("not_acceptable", "no acceptable representation"),
            408 => ("request_timeout", "the request took too long"),
            411 => ("length_required", "a Content-Length is required"),
            413 => ("payload_too_large", "the request body is too large"),
            414 => ("uri_too_long", "the request URI is too long"),
            415 => ("unsupported_media_type", "unsupported content type"),
            429 => ("rate_limited", "too many requests"),
            431 => ("header_fields_too_large", "request headers too large"),
            503 => ("unavailable", "the service is unavailable"),
            s if s >= 500 => ("internal", "internal server error"),
            _ => ("error", "the request failed"),
        };
        Problem::new(status, code, detail)
    }
}

fn count(errors: &[FieldError], what: &str) -> String {
    match errors {
        [one] if one.field.is_empty() => one.message.clone(),
        [one] => format!("{}: {}", one.field, one.message),
        many => format!("{} {what} are invalid", many.len()),
    }
}

impl Error {
    pub fn to_problem(&self) -> Problem {
        match self {
            Error::InvalidQuery(errors) => Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                count(errors, "parameters"),
            )
            .with_errors(errors.clone()),
            Error::InvalidBody(detail, errors) => {
                Problem::new(StatusCode::BAD_REQUEST, "invalid_body", detail.clone())
                    .with_errors(errors.clone())
            }
            Error::Validation(errors) => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                count(errors, "fields"),
            )
            .with_errors(errors.clone()),
            Error::Unauthorized(detail) => {
                Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", detail.clone())
            }
            Error::Forbidden(detail) => {
                Problem::new(StatusCode::FORBIDDEN, "forbidden", detail.clone())
            }
            Error::NotFound(detail) => {
                Problem::new(StatusCode::NOT_FOUND, "not_found", detail.clone())
            }
            Error::Conflict(detail, errors) => {
                Problem::new(StatusCode::CONFLICT, "conflict", detail.clone())
                    .with_errors(errors.clone())
            }
            Error::Gone(detail) => Problem::new(StatusCode::GONE, "gone", detail.clone()),
            Error::UnsupportedMediaType(detail) => Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                detail.clone(),
            ),
            Error::PayloadTooLarge(limit) => Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("the body is larger than the limit of {limit} bytes"),
            ),
            Error::RateLimited { retry_after_secs } => Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("too many attempts; try again in {retry_after_secs} seconds"),
            ),
            Error::Unavailable(_) | Error::ConnectionLost(_) => Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the service is temporarily unavailable",
            ),
            Error::Internal(_) => Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "internal server error",
            ),
        }
    }
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.to_problem().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Error::Internal(cause) => tracing::error!(%cause, "internal error"),
            Error::Unavailable(cause) => tracing::warn!(%cause, "unavailable"),
            Error::ConnectionLost(cause) => tracing::warn!(%cause, "database connection lost"),
            _ => {}
        }
        let mut res = self.to_problem().response();
        if matches!(self, Error::Unavailable(_) | Error::ConnectionLost(_)) {
            // Transient: the lock is free, or a new connection made, within a second or so.
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        if let Error::RateLimited { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    }
}

fn title_of(code: &str, status: StatusCode) -> String {
    match code {
        "validation_failed" => "Validation failed".to_owned(),
        "invalid_query" => "Invalid query parameter".to_owned(),
        "invalid_body" => "Invalid request body".to_owned(),
        _ => status.canonical_reason().unwrap_or("Error").to_owned(),
    }
}
