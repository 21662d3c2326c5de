//! The one error type of the application. It knows nothing of HTTP; `http::problem`
//! turns it into RFC 9457 problem+json.

use serde::Serialize;

/// One invalid member of a request, named by its path (`tags[2]`, `per_page`).
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A query-string parameter has a bad value (400).
    #[error("invalid query parameter")]
    InvalidQuery(Vec<FieldError>),
    /// The body is not what the endpoint reads: malformed JSON, wrong types (400).
    #[error("invalid body: {0}")]
    InvalidBody(String, Vec<FieldError>),
    /// Well-formed input that breaks a rule (422).
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("conflict: {0}")]
    Conflict(String, Vec<FieldError>),
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    #[error("payload too large")]
    PayloadTooLarge(usize),
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// Anything unexpected. The cause is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }

    pub fn invalid_query(param: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidQuery(vec![FieldError::new(param, message)])
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound(what.into())
    }

    pub fn conflict(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Error::Conflict(message.clone(), vec![FieldError::new(field, message)])
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Error::Internal(cause.to_string())
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error as D};
        match e {
            D::NotFound => Error::NotFound("no such item".into()),
            D::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                Error::Conflict(format!("already exists ({})", info.message()), vec![])
            }
            D::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                Error::Validation(vec![FieldError::new(
                    "",
                    "refers to an item that does not exist",
                )])
            }
            D::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                Error::Unavailable("the database was busy; try again".into())
            }
            other => Error::Internal(format!("database: {other}")),
        }
    }
}

impl From<diesel::r2d2::PoolError> for Error {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        Error::Unavailable(format!("no database connection: {e}"))
    }
}
