//! `headpress backup FILE` and `headpress restore FILE`: a consistent copy of the database
//! taken while the server keeps serving and writing, and bringing one back into an empty
//! database.
//!
//! SQLite: `VACUUM INTO`, which reads one snapshot (writers go on beside it, in WAL mode)
//! and writes a compact database file; restoring puts that file in place. PostgreSQL:
//! `pg_dump`'s portable custom format (one snapshot as well), restored with `pg_restore`;
//! both tools come with PostgreSQL's client package. Uploaded files live in the data
//! folder (`uploads/`), beside the database: copy that folder with the backup.

use std::path::{Path, PathBuf};
use std::process::Command;

use diesel::connection::SimpleConnection;

use crate::db::{DbConn, Location};

/// Writes a consistent copy of the database to `file` (which must not exist yet): to a
/// temporary name beside it first, renamed once complete. Returns its size in bytes.
pub fn backup(location: &Location, file: &Path) -> Result<u64, String> {
    if file.exists() {
        return Err(format!(
            "{} exists already: back up to a new file",
            file.display()
        ));
    }
    let partial = partial_name(file);
    let _ = std::fs::remove_file(&partial);
    match location {
        Location::Sqlite(_) => {
            let mut conn = location
                .open()
                .map_err(|e| format!("cannot open the database: {e}"))?;
            let target = partial.to_string_lossy().replace('\'', "''");
            conn.batch_execute(&format!("VACUUM INTO '{target}'"))
                .map_err(|e| format!("backup failed: {e}"))?;
        }
        Location::Postgres(url) => {
            let (url, schema) = split_search_path(url);
            let mut command = Command::new("pg_dump");
            command
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg(format!("--file={}", partial.display()));
            if let Some(schema) = &schema {
                command.arg(format!("--schema={schema}"));
            }
            run(command.arg(&url), "pg_dump")?;
        }
    }
    std::fs::rename(&partial, file).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    std::fs::metadata(file)
        .map(|m| m.len())
        .map_err(|e| e.to_string())
}

/// Brings a backup back into an empty database (none yet, or one with no tables);
/// migrations are applied afterwards by the caller, as on every start.
pub fn restore(location: &Location, file: &Path) -> Result<(), String> {
    if !file.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    match location {
        Location::Sqlite(path) => {
            if has_tables(location)? {
                return Err(format!(
                    "{} holds a database already: restore into an empty one",
                    path.display()
                ));
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            let partial = partial_name(path);
            std::fs::copy(file, &partial)
                .map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
            // Whatever an empty database left beside it would be read as part of the copy.
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            std::fs::rename(&partial, path).map_err(|e| e.to_string())?;
            let mut conn = location
                .open()
                .map_err(|e| format!("the restored file is not a database: {e}"))?;
            conn.batch_execute("PRAGMA quick_check")
                .map_err(|e| format!("the restored database is damaged: {e}"))?;
        }
        Location::Postgres(url) => {
            if has_tables(location)? {
                return Err("the database has tables already: restore into an empty one".into());
            }
            let (url, _) = split_search_path(url);
            let mut command = Command::new("pg_restore");
            command
                .arg("--no-owner")
                .arg("--no-privileges")
                .arg("--exit-on-error")
                .arg("--single-transaction")
                .arg(format!("--dbname={url}"))
                .arg(file);
            run(&mut command, "pg_restore")?;
        }
    }
    Ok(())
}

/// Whether the database exists and has tables of its own.
fn has_tables(location: &Location) -> Result<bool, String> {
    match location {
        Location::Sqlite(path) if !path.exists() => Ok(false),
        _ => {
            let mut conn = location
                .open()
                .map_err(|e| format!("cannot open the database: {e}"))?;
            let sql = match &conn {
                DbConn::Sqlite(_) => {
                    "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%'"
                }
                DbConn::Pg(_) => {
                    "SELECT COUNT(*) AS n FROM information_schema.tables \
                     WHERE table_schema = current_schema()"
                }
            };
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            use diesel::RunQueryDsl;
            let count: Count = diesel::sql_query(sql)
                .get_result(&mut conn)
                .map_err(|e| e.to_string())?;
            Ok(count.n > 0)
        }
    }
}

/// `file.partial`, beside `file`.
fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// A URL's `options=-csearch_path=SCHEMA` (how tests and some deployments pick a schema),
/// as the schema for `pg_dump --schema`; the URL is passed on as it is.
fn split_search_path(url: &str) -> (String, Option<String>) {
    let decoded = url.replace("%3D", "=").replace("%3d", "=");
    let schema = decoded
        .split_once("search_path=")
        .map(|(_, rest)| {
            rest.split(['&', ',', ' ', '%'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|s| !s.is_empty());
    (url.to_owned(), schema)
}

fn run(command: &mut Command, tool: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| {
        format!("cannot run {tool} (PostgreSQL's client tools must be installed): {e}")
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{tool} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_in_the_url_is_what_is_dumped() {
        let (_, schema) = split_search_path("postgres://p@h/db?options=-csearch_path%3Dt_ab12");
        assert_eq!(schema.as_deref(), Some("t_ab12"));
        assert_eq!(split_search_path("postgres://p@h/db").1, None);
        assert_eq!(
            partial_name(Path::new("/tmp/site.backup")),
            PathBuf::from("/tmp/site.backup.partial")
        );
    }
}
