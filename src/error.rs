//! The one error type of the application. It knows nothing of HTTP; `http::problem`
//! turns it into RFC 9457 problem+json.

use serde::Serialize;

/// One invalid member of a request, named by its path (`tags[2]`, `per_page`).
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct FieldError {
    /// The member or parameter, by its path in the request: `title`, `tags[2]`,
    /// `venue.latitude`, `per_page`.
    pub field: String,
    /// What is wrong with it, in English (`must not be empty`).
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
    /// What was asked for is no longer kept (a change-feed cursor past the retention): start
    /// again (410).
    #[error("gone: {0}")]
    Gone(String),
    #[error("payload too large")]
    PayloadTooLarge(usize),
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// The database cannot serve now (busy beyond the wait, unreachable, a statement over its
    /// time); a retry later may succeed (503 with `Retry-After`).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// The database connection died under the request (the server restarted, or ended the
    /// session); the connection is dropped, and a read is tried again on another (503).
    #[error("database connection lost: {0}")]
    ConnectionLost(String),
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

    /// The error as a sentence for a report (imports, `generate`, sync): the members it
    /// names with what is wrong with each (`title: must not be empty; slug: ...`), or
    /// its message.
    pub fn explain(&self) -> String {
        match self {
            Error::Validation(errors) | Error::Conflict(_, errors) if !errors.is_empty() => errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        }
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error as D};
        match e {
            D::NotFound => Error::NotFound("no such item".into()),
            D::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => taken(info.as_ref()),
            D::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                Error::Validation(vec![FieldError::new(
                    "",
                    "refers to an item that does not exist",
                )])
            }
            D::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                Error::Unavailable("the database was busy; try again".into())
            }
            D::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                Error::ConnectionLost(info.message().to_owned())
            }
            other => {
                let message = other.to_string();
                match transient(&message) {
                    Some(Transient::Busy) => Error::Unavailable(format!("database: {message}")),
                    Some(Transient::Lost) => Error::ConnectionLost(message),
                    None => Error::Internal(format!("database: {other}")),
                }
            }
        }
    }
}

enum Transient {
    /// Another writer held the lock past the wait (SQLite `SQLITE_BUSY`).
    Busy,
    /// The server ended the connection (PostgreSQL restarted, or ended the backend).
    Lost,
}

/// Database errors a retry later can get past, told by their message (neither driver
/// gives them a kind of their own).
fn transient(message: &str) -> Option<Transient> {
    const BUSY: [&str; 5] = [
        "database is locked",
        "database table is locked",
        "database is busy",
        // Past the statement time limit (SQLite's progress handler, PostgreSQL's
        // statement_timeout).
        "interrupted",
        "canceling statement due to statement timeout",
    ];
    const LOST: [&str; 6] = [
        "terminating connection",
        "server closed the connection",
        "connection to server",
        "could not receive data from server",
        "no connection to the server",
        "the database system is shutting down",
    ];
    if BUSY.iter().any(|b| message.contains(b)) {
        Some(Transient::Busy)
    } else if LOST.iter().any(|l| message.contains(l)) {
        Some(Transient::Lost)
    } else {
        None
    }
}

/// The unique columns, the member of a request each stands for, and what holds it.
const UNIQUE: [(&str, &str, &str, &str); 9] = [
    ("users", "username", "username", "user has this username"),
    ("users", "slug", "slug", "user has this slug"),
    ("entries", "slug", "slug", "item of this kind has this slug"),
    (
        "terms",
        "slug",
        "slug",
        "term of this taxonomy has this slug",
    ),
    ("page_details", "path", "slug", "page has this path"),
    (
        "media",
        "storage_key",
        "file",
        "file is stored under this name",
    ),
    ("field_groups", "key", "key", "field group has this key"),
    (
        "event_details",
        "uid",
        "ical_uid",
        "event has this iCalendar UID",
    ),
    ("partners", "key_hash", "key", "partner has this key"),
];

/// A 409 that says which member is taken. The database's own message names tables and
/// constraints, so it is logged, not shown.
fn taken(info: &dyn diesel::result::DatabaseErrorInformation) -> Error {
    // SQLite: "UNIQUE constraint failed: entries.kind, entries.slug"; PostgreSQL names the
    // table and the constraint (`entries_kind_slug_key`, `page_details_by_path`).
    let message = info.message();
    let constraint = info.constraint_name().unwrap_or("");
    let found = UNIQUE.iter().find(|(table, column, _, _)| {
        message.contains(&format!("{table}.{column}"))
            || (info.table_name() == Some(*table) && constraint.contains(column))
    });
    match found {
        Some((_, _, member, what)) => Error::conflict(member, format!("another {what}")),
        None => {
            tracing::warn!(%message, constraint, "a unique constraint without a member");
            Error::Conflict("this clashes with something that exists".into(), vec![])
        }
    }
}

impl From<diesel::r2d2::PoolError> for Error {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        Error::Unavailable(format!("no database connection: {e}"))
    }
}
