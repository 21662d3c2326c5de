//! The one shape of the handlers that manage a resource (field groups, partners, users,
//! media, terms): the caller checks who asks, the domain call runs on the database pool,
//! its model becomes the wire type, and the answer is 200, 201 with `Location`, or 204.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::db::DbConn;
use crate::error::Result;
use crate::http::list::{PageParams, item_response, list_response, page_in_memory};
use crate::http::state::State;

/// A page of a short collection read whole (field groups, partners, tokens, previews,
/// webhooks), paged by number.
pub async fn list_all<M, R>(
    req: &HttpRequest,
    state: &State,
    page: PageParams,
    collection: &'static str,
    load: impl FnOnce(&mut DbConn) -> Result<Vec<M>> + Clone + Send + 'static,
    wire: impl FnMut(M) -> R,
) -> Result<HttpResponse>
where
    M: Send + 'static,
    R: Serialize,
{
    let window = page.window()?;
    let all = state.read(load).await?;
    let listed = page_in_memory(all, &window, collection, wire)?;
    Ok(list_response(
        req,
        &state.config.public_url,
        listed,
        &window,
        None,
    ))
}

/// Reads one resource and answers 200 with its wire form.
pub async fn read<M, R>(
    state: &State,
    f: impl FnOnce(&mut DbConn) -> Result<M> + Clone + Send + 'static,
    wire: impl FnOnce(M) -> R,
) -> Result<HttpResponse>
where
    M: Send + 'static,
    R: Serialize,
{
    let model = state.read(f).await?;
    Ok(item_response(StatusCode::OK, &wire(model), None))
}

/// Changes one resource and answers 200 with it as it now stands.
pub async fn change<M, R>(
    state: &State,
    f: impl FnOnce(&mut DbConn) -> Result<M> + Send + 'static,
    wire: impl FnOnce(M) -> R,
) -> Result<HttpResponse>
where
    M: Send + 'static,
    R: Serialize,
{
    let model = state.write(f).await?;
    Ok(item_response(StatusCode::OK, &wire(model), None))
}

/// Creates a resource of `collection` and answers 201 with it and its address.
pub async fn create<M, R>(
    state: &State,
    collection: &str,
    f: impl FnOnce(&mut DbConn) -> Result<M> + Send + 'static,
    wire: impl FnOnce(M) -> R,
    id: impl FnOnce(&R) -> i64,
) -> Result<HttpResponse>
where
    M: Send + 'static,
    R: Serialize,
{
    let body = wire(state.write(f).await?);
    Ok(created(state, collection, id(&body), &body))
}

/// Deletes a resource and answers 204.
pub async fn remove(
    state: &State,
    f: impl FnOnce(&mut DbConn) -> Result<()> + Send + 'static,
) -> Result<HttpResponse> {
    state.write(f).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// 201 with a new resource and its address under `/api/v1/{collection}` in `Location`.
pub fn created<R: Serialize>(state: &State, collection: &str, id: i64, body: &R) -> HttpResponse {
    let mut res = item_response(StatusCode::CREATED, body, None);
    let location = format!("{}/api/v1/{collection}/{id}", state.config.public_url);
    if let Ok(v) = header::HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}
