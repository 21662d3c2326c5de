//! Items kept in step with a running WordPress (`sync`): read-only through headpress's own
//! write API until an administrator detaches them, and how each synced site stands.

use diesel::prelude::*;

use crate::content::Kind;
use crate::db::DbConn;
use crate::db::schema::{import_origins, sync_sites};
use crate::error::{Error, Result};

/// The origin kinds of content items (`import_origins.kind`).
const ITEM_ORIGINS: [&str; 2] = ["entry", "block"];

/// The site an item is kept in step with, when it is (and not detached).
pub fn synced_from(conn: &mut DbConn, id: i64) -> Result<Option<String>> {
    Ok(import_origins::table
        .inner_join(sync_sites::table.on(sync_sites::source.eq(import_origins::source)))
        .filter(import_origins::target_id.eq(id))
        .filter(import_origins::kind.eq_any(ITEM_ORIGINS))
        .filter(import_origins::detached.eq(false))
        .select(sync_sites::url)
        .first::<String>(conn)
        .optional()?)
}

/// Refuses a change, through headpress's own API, of an item a synced site gave: the
/// next run would overwrite it.
pub fn guard(conn: &mut DbConn, kind: Kind, id: i64) -> Result<()> {
    match synced_from(conn, id)? {
        Some(url) => Err(Error::Conflict(
            format!(
                "this {} is kept in step with the WordPress site at {url}: change it there, \
                 or detach it here first (POST /api/v1/sync/wordpress/detach)",
                kind.noun()
            ),
            vec![],
        )),
        None => Ok(()),
    }
}

/// Detaches an item from the site it is synced from: from now on headpress owns it and
/// sync leaves it alone. False when it is not synced.
pub fn detach(conn: &mut DbConn, id: i64) -> Result<bool> {
    let n = diesel::update(
        import_origins::table
            .filter(import_origins::target_id.eq(id))
            .filter(import_origins::kind.eq_any(ITEM_ORIGINS))
            .filter(import_origins::source.eq_any(sync_sites::table.select(sync_sites::source)))
            .filter(import_origins::detached.eq(false)),
    )
    .set(import_origins::detached.eq(true))
    .execute(conn)?;
    Ok(n > 0)
}

/// What the last run of a synced site did.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SiteStatus {
    /// The WordPress site's address.
    pub url: String,
    /// When the last run started.
    pub started_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the last run that went to the end finished.
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Why the last run stopped, when it failed; null when it went to the end.
    pub last_error: Option<String>,
    /// Items whose content comes from this site.
    pub items: i64,
    /// Of them, detached: owned by headpress now.
    pub detached: i64,
}

/// Every synced site with its last run.
pub fn sites(conn: &mut DbConn) -> Result<Vec<SiteStatus>> {
    type Row = (
        String,
        String,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
        Option<String>,
    );
    let rows: Vec<Row> = sync_sites::table
        .order(sync_sites::url)
        .select((
            sync_sites::source,
            sync_sites::url,
            sync_sites::started_at,
            sync_sites::finished_at,
            sync_sites::last_error,
        ))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (source, url, started_at, finished_at, last_error) in rows {
        let counted: Vec<(bool, i64)> = import_origins::table
            .filter(import_origins::source.eq(&source))
            .filter(import_origins::kind.eq_any(ITEM_ORIGINS))
            .group_by(import_origins::detached)
            .select((import_origins::detached, diesel::dsl::count_star()))
            .load(conn)?;
        let utc = |t: chrono::NaiveDateTime| t.and_utc();
        out.push(SiteStatus {
            url,
            started_at: started_at.map(utc),
            finished_at: finished_at.map(utc),
            last_error,
            items: counted.iter().map(|(_, n)| n).sum(),
            detached: counted.iter().filter(|(d, _)| *d).map(|(_, n)| n).sum(),
        });
    }
    Ok(out)
}
