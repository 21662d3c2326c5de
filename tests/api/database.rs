//! Migrations and the shared schema, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use headpress::db::{self, Backend, DbConn};

use crate::support::fresh_database;

#[test]
fn migrations_run_up_down_and_up_again() {
    let (url, _guard, _) = fresh_database();
    let database = db::connect(&db::Location::parse(&url).unwrap(), 1).expect("connect");
    let mut conn = database.pool.get().unwrap();
    let applied = db::run_migrations(&mut conn).expect("up");
    assert!(!applied.is_empty());
    assert!(!tables(&mut conn).is_empty());
    db::revert_all_migrations(&mut conn).expect("down");
    assert!(
        tables(&mut conn).is_empty(),
        "down left tables behind: {:?}",
        tables(&mut conn)
    );
    let again = db::run_migrations(&mut conn).expect("up again");
    assert_eq!(applied, again);
    assert_eq!(
        db::run_migrations(&mut conn).expect("nothing pending"),
        Vec::<String>::new()
    );
}

#[test]
fn an_unreachable_database_reports_its_own_error() {
    let err = db::connect(
        &db::Location::Postgres("postgres://nobody@127.0.0.1:1/none".into()),
        1,
    )
    .err()
    .expect("must fail");
    assert!(
        err.contains("cannot connect") && err.to_lowercase().contains("connect"),
        "{err}"
    );
    assert!(!err.to_lowercase().contains("sqlite"), "{err}");
}

#[derive(QueryableByName, Debug)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = BigInt)]
    not_null: i64,
}

/// Our tables (not diesel's, not SQLite's full-text shadow tables).
fn tables(conn: &mut DbConn) -> Vec<String> {
    columns(conn).into_keys().collect()
}

fn columns(conn: &mut DbConn) -> BTreeMap<String, Vec<(String, String, bool)>> {
    let sql = match conn.backend() {
        Backend::Sqlite => {
            "SELECT m.name AS table_name, p.name AS column_name, UPPER(p.type) AS data_type, \
             CAST(p.\"notnull\" OR p.pk > 0 AS BIGINT) AS not_null \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__diesel%' \
             AND m.name NOT LIKE 'entries_fts%' ORDER BY m.name, p.cid"
        }
        // PostgreSQL's stored search vector is its own full-text index (like SQLite's
        // entries_fts tables), read only by db::dialect.
        Backend::Postgres => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, \
             CAST(CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END AS BIGINT) AS not_null \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name NOT LIKE '__diesel%' \
             AND NOT (table_name = 'entries' AND column_name = 'search_vector') \
             ORDER BY table_name, ordinal_position"
        }
    };
    let rows: Vec<Column> = diesel::sql_query(sql)
        .load(conn)
        .expect("read the catalogue");
    let mut map: BTreeMap<String, Vec<(String, String, bool)>> = BTreeMap::new();
    for r in rows {
        map.entry(r.table_name)
            .or_default()
            .push((r.column_name, r.data_type, r.not_null == 1));
    }
    map
}

/// The diesel type a database column maps to.
fn diesel_type(backend: Backend, sql_type: &str) -> &'static str {
    match (backend, sql_type.to_lowercase().as_str()) {
        (_, "bigint") => "BigInt",
        (Backend::Sqlite, "integer") => "BigInt|Integer",
        (Backend::Postgres, "integer") => "Integer",
        (_, "text") => "Text",
        (_, "boolean") => "Bool",
        (_, "double precision") => "Double",
        (_, "timestamp") | (_, "timestamp without time zone") => "Timestamp",
        _ => "unknown",
    }
}

/// Tables and columns as `src/db/schema.rs` declares them: (name, type, nullable).
fn declared() -> BTreeMap<String, Vec<(String, String, bool)>> {
    let source = include_str!("../../src/db/schema.rs");
    let mut map = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines().map(str::trim) {
        if let Some(name) = line
            .strip_suffix('{')
            .map(str::trim)
            .filter(|l| l.contains('(') && !l.starts_with("diesel"))
        {
            current = Some(name.split('(').next().unwrap().trim().to_owned());
            map.insert(current.clone().unwrap(), Vec::new());
        } else if let (Some(table), Some((col, ty))) = (&current, line.split_once("->")) {
            let ty = ty.trim().trim_end_matches(',');
            let (nullable, ty) = match ty
                .strip_prefix("Nullable<")
                .and_then(|t| t.strip_suffix('>'))
            {
                Some(inner) => (true, inner),
                None => (false, ty),
            };
            map.get_mut(table)
                .unwrap()
                .push((col.trim().to_owned(), ty.to_owned(), nullable));
        } else if line == "}" {
            current = None;
        }
    }
    map
}

#[test]
fn schema_rs_matches_the_migrations() {
    let (url, _guard, _) = fresh_database();
    let database = db::connect(&db::Location::parse(&url).unwrap(), 1).expect("connect");
    let mut conn = database.pool.get().unwrap();
    db::run_migrations(&mut conn).expect("up");
    let backend = conn.backend();
    let actual = columns(&mut conn);
    let declared = declared();
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        declared.keys().collect::<Vec<_>>(),
        "tables in the migrations differ from schema.rs"
    );
    for (table, cols) in &declared {
        let real = &actual[table];
        let names: Vec<&String> = real.iter().map(|c| &c.0).collect();
        let want: Vec<&String> = cols.iter().map(|c| &c.0).collect();
        assert_eq!(names, want, "columns of {table} differ from schema.rs");
        for ((name, sql_type, not_null), (_, ty, nullable)) in real.iter().zip(cols) {
            let mapped = diesel_type(backend, sql_type);
            assert!(
                mapped.split('|').any(|m| m == ty),
                "{table}.{name}: the database has {sql_type}, schema.rs says {ty}"
            );
            assert_eq!(
                *not_null, !nullable,
                "{table}.{name}: nullability differs from schema.rs"
            );
        }
    }
}

#[test]
fn a_taken_unique_value_names_the_member_not_the_database() {
    use headpress::db::schema::{entries, users};
    use headpress::error::Error;
    let (url, _guard, _) = fresh_database();
    let database = db::connect(&db::Location::parse(&url).unwrap(), 1).expect("connect");
    let mut conn = database.pool.get().unwrap();
    db::run_migrations(&mut conn).expect("up");
    let now = chrono::Utc::now().naive_utc();
    let user = |name: &str, slug: &str| {
        (
            users::username.eq(name.to_owned()),
            users::slug.eq(slug.to_owned()),
            users::display_name.eq(name.to_owned()),
            users::email.eq(""),
            users::role.eq("author"),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        )
    };
    diesel::insert_into(users::table)
        .values(user("ada", "ada"))
        .execute(&mut *conn)
        .unwrap();
    let clash = diesel::insert_into(users::table)
        .values(user("ada", "ada-2"))
        .execute(&mut *conn)
        .expect_err("a second `ada`");
    match Error::from(clash) {
        Error::Conflict(message, errors) => {
            assert_eq!(message, "another user has this username");
            assert_eq!(errors[0].field, "username");
        }
        other => panic!("{other:?}"),
    }
    let id: i64 = users::table.select(users::id).first(&mut *conn).unwrap();
    let entry = |slug: &str| {
        (
            entries::kind.eq("post"),
            entries::slug.eq(slug.to_owned()),
            entries::status.eq("draft"),
            entries::title.eq("T"),
            entries::excerpt.eq(""),
            entries::excerpt_manual.eq(false),
            entries::sticky.eq(false),
            entries::content_html.eq(""),
            entries::content_blocks.eq("[]"),
            entries::content_text.eq(""),
            entries::author_id.eq(id),
            entries::fields.eq("{}"),
            entries::published_at.eq(now),
            entries::created_at.eq(now),
            entries::updated_at.eq(now),
        )
    };
    diesel::insert_into(entries::table)
        .values(entry("same"))
        .execute(&mut *conn)
        .unwrap();
    let clash = diesel::insert_into(entries::table)
        .values(entry("same"))
        .execute(&mut *conn)
        .expect_err("a second post `same`");
    let Error::Conflict(message, errors) = Error::from(clash) else {
        panic!("a conflict");
    };
    assert_eq!(message, "another item of this kind has this slug");
    assert_eq!(errors[0].field, "slug");
    assert!(!message.contains("UNIQUE") && !message.contains("constraint"));
}

#[test]
fn an_unknown_database_scheme_is_refused_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_headpress"))
        .arg("migrate")
        .env(
            "DATABASE_URL",
            "postgress://editor:s3cret@db.example/headpress",
        )
        .current_dir(dir.path())
        .output()
        .expect("run headpress");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`postgress:`"), "{stderr}");
    assert!(!stderr.contains("s3cret"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no SQLite file named after the URL"
    );
}
