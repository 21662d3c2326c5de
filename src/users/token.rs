//! Signed access tokens (JWT, HS256).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::content::Role;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string (RFC 7519).
    pub sub: String,
    pub role: Role,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub iss: String,
    /// The user's token version when issued (0 in tokens from before versions existed).
    #[serde(default)]
    pub ver: i64,
}

/// What signs and checks tokens: the secret, who issues them and for how long they hold.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    pub secret: &'a [u8],
    pub issuer: &'a str,
    /// Seconds.
    pub ttl: u64,
}

pub fn issue(
    keys: &Keys<'_>,
    user_id: i64,
    role: Role,
    version: i64,
) -> Result<String, jsonwebtoken::errors::Error> {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        sub: user_id.to_string(),
        role,
        iat: now,
        nbf: now,
        exp: now + keys.ttl as i64,
        iss: keys.issuer.to_owned(),
        ver: version,
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(keys.secret),
    )
}

/// Checks signature, algorithm (HS256 only: `none` and others are refused), issuer,
/// expiry and not-before. Returns the user id and the token version it was issued under.
pub fn verify(keys: &Keys<'_>, token: &str) -> Result<(i64, i64), String> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 5;
    validation.validate_nbf = true;
    validation.set_issuer(&[keys.issuer]);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "sub"]);
    let data =
        jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(keys.secret), &validation)
            .map_err(|e| {
                use jsonwebtoken::errors::ErrorKind;
                match e.kind() {
                    ErrorKind::ExpiredSignature => "the token has expired".to_owned(),
                    ErrorKind::ImmatureSignature => "the token is not valid yet".to_owned(),
                    ErrorKind::InvalidSignature => "the token signature is invalid".to_owned(),
                    ErrorKind::InvalidAlgorithm => "the token must be signed with HS256".to_owned(),
                    ErrorKind::InvalidIssuer => "the token was issued by someone else".to_owned(),
                    _ => "the token is malformed".to_owned(),
                }
            })?;
    let id = data
        .claims
        .sub
        .parse::<i64>()
        .map_err(|_| "the token subject is not a user".to_owned())?;
    Ok((id, data.claims.ver))
}
