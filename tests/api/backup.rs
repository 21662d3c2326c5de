//! `headpress backup` while writes go on, then `headpress restore` into an empty database:
//! every write acknowledged before the backup began is in it, and the copy is consistent.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use diesel::connection::SimpleConnection;
use headpress::content::Kind;
use headpress::db::{self, Location};
use headpress::users::Role;
use serde_json::json;

use crate::support::TestApp;

/// An empty database to restore into, and what removes it afterwards.
struct Target {
    location: Location,
    _dir: tempfile::TempDir,
    drop_database: Option<(String, String)>,
}

impl Drop for Target {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.drop_database
            && let Ok(mut conn) = <diesel::PgConnection as diesel::Connection>::establish(admin)
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Where to restore: a new SQLite file, or a new PostgreSQL database reached with the same
/// schema as the source (the dump recreates it there).
fn empty_target(app: &TestApp) -> Target {
    let dir = tempfile::tempdir().unwrap();
    match Location::parse(app.url()).unwrap() {
        Location::Sqlite(_) => Target {
            location: Location::Sqlite(dir.path().join("restored.db")),
            _dir: dir,
            drop_database: None,
        },
        Location::Postgres(url) => {
            let admin = std::env::var("TEST_DATABASE_URL").unwrap();
            let mut bytes = [0u8; 6];
            rand::fill(&mut bytes);
            let name = format!("hp_restore_{}", headpress::hex::encode(&bytes));
            let mut conn = <diesel::PgConnection as diesel::Connection>::establish(&admin).unwrap();
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
            // Same server and options (the schema), another database.
            let (base, query) = url.split_once('?').unwrap_or((&url, ""));
            let server = &base[..base.rfind('/').unwrap()];
            let restored = format!("{server}/{name}?{query}");
            Target {
                location: Location::Postgres(restored),
                _dir: dir,
                drop_database: Some((admin, name)),
            }
        }
    }
}

#[actix_web::test]
async fn a_backup_taken_under_writes_restores_every_acknowledged_write() {
    let app = TestApp::with_config(|c| c.cache_size = 0).await;
    if matches!(Location::parse(app.url()).unwrap(), Location::Postgres(_))
        && std::process::Command::new("pg_dump")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("skipped: pg_dump is not installed");
        return;
    }
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let create = |n: usize| {
        let app = &app;
        let editor = editor.clone();
        async move {
            let res = app
                .post("/api/v1/posts")
                .bearer(&editor)
                .json(
                    &json!({"title": format!("Report {n}"), "status": "published",
                    "content": {"html": format!("<p>Finding {n}</p>")}}),
                )
                .send()
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
            (res.json()["id"].as_i64().unwrap(), format!("Report {n}"))
        }
    };
    let mut acknowledged = BTreeMap::new();
    for n in 0..20 {
        let (id, title) = create(n).await;
        acknowledged.insert(id, title);
    }

    // The backup runs on a thread of its own while more writes are acknowledged.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site.backup");
    let source = Location::parse(app.url()).unwrap();
    let (to, from) = (file.clone(), source.clone());
    let backup = std::thread::spawn(move || db::backup::backup(&from, &to));
    let mut during = 0;
    while !backup.is_finished() && during < 200 {
        create(100 + during).await;
        during += 1;
    }
    let bytes = backup.join().unwrap().expect("backup");
    assert!(bytes > 0);
    assert!(file.exists());
    // Backing up to a file that exists is refused (never overwritten).
    assert!(db::backup::backup(&source, &file).is_err());

    let target = empty_target(&app);
    db::backup::restore(&target.location, &file).expect("restore");
    let restored = db::connect(&target.location, 1).expect("connect");
    let mut conn = restored.pool.get().unwrap();
    db::run_migrations(&mut conn).expect("migrations after restore");
    for (id, title) in &acknowledged {
        let entry = headpress::content::entry::find(&mut conn, Kind::Post, *id)
            .unwrap()
            .unwrap_or_else(|| panic!("post {id} acknowledged before the backup is missing"));
        assert_eq!(&entry.title, title);
        assert!(entry.content_html.contains("Finding"));
    }
    let counted =
        headpress::content::counts::public_total(&mut conn, Kind::Post, headpress::db::now())
            .unwrap();
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    use diesel::RunQueryDsl;
    let rows = diesel::sql_query("SELECT COUNT(*) AS n FROM entries WHERE kind = 'post'")
        .get_result::<Count>(&mut conn)
        .unwrap()
        .n;
    assert_eq!(counted, rows, "stored counts agree with the rows");
    assert!(rows >= acknowledged.len() as i64 && rows <= (acknowledged.len() + during) as i64);

    // A database with content is not restored over.
    assert!(db::backup::restore(&target.location, &file).is_err());
}
