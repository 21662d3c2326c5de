//! What an API token needs for each operation, by method and route: one table, read both
//! when a token is checked and when the OpenAPI document lists each operation's scopes.

use actix_web::http::Method;

use crate::content::Kind;
use crate::users::api_tokens::Scope;

/// What an operation asks of an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// A public read: any token reads what anonymous readers see, and with `read:drafts`
    /// what its user sees.
    Public,
    /// Any token, as its user (`/users/me`).
    Holder,
    /// A token with this scope.
    Scope(Scope),
    /// Never a token: accounts, tokens, partners, field groups and the audit log need a
    /// person signed in with a password.
    Person,
}

/// What an API token needs for `method` on the route `pattern` (`/api/v1/posts/{id}`).
pub fn required(method: &Method, pattern: &str) -> Required {
    let Some(path) = pattern.strip_prefix("/api/v1/") else {
        return Required::Public;
    };
    let (first, rest) = path.split_once('/').unwrap_or((path, ""));
    let read = matches!(*method, Method::GET | Method::HEAD);
    if read {
        return match first {
            "audit" | "partners" | "tokens" | "previews" | "webhooks" => Required::Person,
            "users" if rest == "me" => Required::Holder,
            _ if rest.ends_with("/revisions") || rest.ends_with("/usages") => {
                Required::Scope(Scope::ReadDrafts)
            }
            _ => Required::Public,
        };
    }
    match first {
        "media" => Required::Scope(Scope::WriteMedia),
        "tags" | "categories" | "resource-types" | "event-categories" => {
            Required::Scope(Scope::WriteTerms)
        }
        other => match Kind::from_collection(other) {
            Some(kind) => Required::Scope(Scope::write(kind)),
            None => Required::Person,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_names_what_a_token_needs() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(required(&get, "/api/v1/posts"), Required::Public);
        assert_eq!(required(&get, "/api/v1/changes"), Required::Public);
        assert_eq!(required(&get, "/embed/posts/{id}"), Required::Public);
        assert_eq!(
            required(&get, "/api/v1/posts/{id}/revisions"),
            Required::Scope(Scope::ReadDrafts)
        );
        assert_eq!(required(&get, "/api/v1/users/me"), Required::Holder);
        assert_eq!(required(&get, "/api/v1/audit"), Required::Person);
        assert_eq!(required(&get, "/api/v1/tokens"), Required::Person);
        assert_eq!(
            required(&post, "/api/v1/posts"),
            Required::Scope(Scope::WritePosts)
        );
        assert_eq!(
            required(&Method::PATCH, "/api/v1/resources/{id}"),
            Required::Scope(Scope::WriteResources)
        );
        assert_eq!(
            required(&Method::DELETE, "/api/v1/event-categories/{id}"),
            Required::Scope(Scope::WriteTerms)
        );
        assert_eq!(
            required(&post, "/api/v1/media"),
            Required::Scope(Scope::WriteMedia)
        );
        assert_eq!(required(&post, "/api/v1/previews"), Required::Person);
        for person in [
            "/api/v1/users",
            "/api/v1/users/{id}/revoke-tokens",
            "/api/v1/field-groups",
            "/api/v1/partners",
            "/api/v1/tokens",
            "/api/v1/auth/token",
            "/api/v1/webhooks",
        ] {
            assert_eq!(required(&post, person), Required::Person, "{person}");
        }
        assert_eq!(
            required(&Method::PATCH, "/api/v1/users/me"),
            Required::Person
        );
    }
}
