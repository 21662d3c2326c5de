//! Where imported things came from (`import_origins`): the key to idempotent imports.

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConn;
use crate::db::schema::import_origins;
use crate::error::Result;

/// A thing imported before: the id it has here, and the fingerprint of its source then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub target_id: i64,
    pub fingerprint: String,
}

pub fn find(conn: &mut DbConn, source: &str, kind: &str, source_id: &str) -> Result<Option<Known>> {
    Ok(import_origins::table
        .find((source, kind, source_id))
        .select((import_origins::target_id, import_origins::fingerprint))
        .first::<(i64, String)>(conn)
        .optional()?
        .map(|(target_id, fingerprint)| Known {
            target_id,
            fingerprint,
        }))
}

/// Records (or updates) where a thing came from; a thing from WordPress keeps its
/// WordPress id for the WordPress-compatible API (`content::wp_ids`).
pub fn remember(
    conn: &mut DbConn,
    source: &str,
    kind: &str,
    source_id: &str,
    target_id: i64,
    fingerprint: &str,
) -> Result<()> {
    diesel::delete(import_origins::table.find((source, kind, source_id))).execute(conn)?;
    diesel::insert_into(import_origins::table)
        .values((
            import_origins::source.eq(source),
            import_origins::kind.eq(kind),
            import_origins::source_id.eq(source_id),
            import_origins::target_id.eq(target_id),
            import_origins::fingerprint.eq(fingerprint),
            import_origins::imported_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    if source.starts_with("wordpress:")
        && let Some(space) = crate::content::wp_ids::Space::of_origin(kind)
        && let Ok(wp_id) = source_id.parse::<i64>()
    {
        crate::content::wp_ids::assign(conn, space, target_id, wp_id)?;
    }
    Ok(())
}

/// A short, stable digest of what was imported.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    crate::hex::encode(&h.finalize()[..16])
}
