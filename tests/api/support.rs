//! The test harness: the real app in-process, each test with its own fresh database
//! (a temporary SQLite file, or a fresh PostgreSQL schema when `TEST_DATABASE_URL` is set).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::test::TestRequest;
use actix_web::web;
use diesel::Connection;
use diesel::connection::SimpleConnection;
use headpress::config::Config;
use headpress::db::{self, DbConn};
use headpress::http::freshness::{Seen, Watcher};
use headpress::http::state::AppState;
use headpress::users::{self, CreateUser, Role};
use serde_json::{Value, json};

type Call =
    Rc<dyn Fn(actix_http::Request) -> Pin<Box<dyn Future<Output = ServiceResponse<BoxBody>>>>>;

pub struct TestApp {
    call: Call,
    pub state: web::Data<AppState>,
    /// Where the database is, for a second node on it.
    url: String,
    /// Stopped (and joined) before the database goes.
    _watcher: Watcher,
    _db: TestDb,
}

/// Where this test's data lives; removed when the test ends.
pub enum TestDb {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres {
        admin_url: String,
        schema: String,
    },
    /// Another node's: that node removes it.
    Shared,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, schema } = self
            && let Ok(mut conn) = diesel::PgConnection::establish(admin_url)
        {
            let _ = conn.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

/// A database URL for a fresh, empty database, and the guard that removes it.
pub fn fresh_database() -> (String, TestDb, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().to_path_buf();
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(admin_url) => {
            let mut bytes = [0u8; 8];
            rand::fill(&mut bytes);
            let schema = format!(
                "t_{}",
                bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
            );
            let mut conn =
                diesel::PgConnection::establish(&admin_url).expect("connect to TEST_DATABASE_URL");
            conn.batch_execute(&format!("CREATE SCHEMA {schema}"))
                .expect("create schema");
            let sep = if admin_url.contains('?') { '&' } else { '?' };
            let url = format!("{admin_url}{sep}options=-csearch_path%3D{schema}");
            std::mem::forget(dir);
            (url, TestDb::Postgres { admin_url, schema }, data_dir)
        }
        None => {
            let url = dir.path().join("test.db").to_string_lossy().into_owned();
            (url, TestDb::Sqlite(dir), data_dir)
        }
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    pub async fn with_config(change: impl FnOnce(&mut Config)) -> TestApp {
        let (url, guard, data_dir) = fresh_database();
        let database = db::connect(&db::Location::parse(&url).unwrap(), 4).expect("connect");
        {
            let mut conn = database.pool.get().expect("connection");
            db::run_migrations(&mut conn).expect("migrations");
        }
        let mut config = Config::for_tests(data_dir);
        change(&mut config);
        TestApp::node(url, config, guard).await
    }

    /// Another node serving the same database, with its own pool, cache and watcher (the
    /// first node keeps the database alive).
    pub async fn second_node(&self) -> TestApp {
        self.second_node_with(|_| {}).await
    }

    /// Another node, with settings of its own.
    pub async fn second_node_with(&self, change: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = self.state.config.clone();
        change(&mut config);
        TestApp::node(self.url.clone(), config, TestDb::Shared).await
    }

    async fn node(url: String, config: Config, guard: TestDb) -> TestApp {
        let database = db::connect(&db::Location::parse(&url).unwrap(), 4).expect("connect");
        let state = web::Data::new(AppState::new(database, config));
        let svc = Rc::new(actix_web::test::init_service(headpress::build_app(state.clone())).await);
        let call: Call = Rc::new(move |req| {
            let svc = svc.clone();
            Box::pin(async move {
                match svc.call(req).await {
                    Ok(res) => res.map_into_boxed_body(),
                    Err(e) => panic!("the service failed instead of answering: {e}"),
                }
            })
        });
        let watcher = Watcher::start(&state.db, state.freshness.clone());
        TestApp {
            call,
            state,
            url,
            _watcher: watcher,
            _db: guard,
        }
    }

    /// Runs database work directly (to set up what the API cannot); like a write through
    /// the API, it sets cached answers aside.
    pub fn db<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> T {
        let mut conn = self.state.db.pool.get().expect("connection");
        self.state.freshness.begin_write();
        let out = f(&mut conn);
        let seen = Seen::read(&mut conn).ok();
        self.state.freshness.end_write(seen);
        out
    }

    /// The database URL of the app (a file path, or a PostgreSQL URL with its schema).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A connection of its own to the app's database (outside its pool), to hold locks.
    pub fn open_connection(&self) -> DbConn {
        db::Location::parse(&self.url)
            .expect("url")
            .open()
            .expect("connection")
    }

    /// How many SQL statements have been sent so far.
    pub fn queries(&self) -> u64 {
        self.state.db.queries.load(Ordering::SeqCst)
    }

    pub fn request(&self, method: Method, path: &str) -> Req<'_> {
        Req {
            app: self,
            inner: TestRequest::default().method(method).uri(path),
        }
    }

    pub fn get(&self, path: &str) -> Req<'_> {
        self.request(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Req<'_> {
        self.request(Method::POST, path)
    }

    pub fn patch(&self, path: &str) -> Req<'_> {
        self.request(Method::PATCH, path)
    }

    pub fn delete(&self, path: &str) -> Req<'_> {
        self.request(Method::DELETE, path)
    }

    /// A user of this role (no password) and a token for them.
    pub async fn sign_in_as(&self, role: Role) -> (i64, String) {
        let mut bytes = [0u8; 6];
        rand::fill(&mut bytes);
        let name = format!(
            "{}-{}",
            role.as_str(),
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        let user = self
            .db(|c| {
                users::create(
                    c,
                    CreateUser {
                        username: name.clone(),
                        password: None,
                        display_name: name.clone(),
                        email: String::new(),
                        role,
                    },
                )
            })
            .expect("create user");
        let token = users::token::issue(
            &self.state.config.token_keys(),
            user.id,
            role,
            user.token_version,
        )
        .expect("token");
        (user.id, token)
    }

    /// Creates a post through the API and returns its JSON.
    pub async fn create_post(&self, token: &str, body: Value) -> Value {
        let res = self
            .post("/api/v1/posts")
            .bearer(token)
            .json(&body)
            .send()
            .await;
        assert_eq!(
            res.status,
            StatusCode::CREATED,
            "create_post: {}",
            res.text()
        );
        res.json()
    }

    /// A published post, visible to everyone.
    pub async fn published_post(&self, token: &str, title: &str) -> Value {
        self.create_post(token, json!({"title": title, "status": "published", "content": {"html": format!("<p>{title}</p>")}}))
            .await
    }

    pub async fn create_term(&self, token: &str, collection: &str, body: Value) -> Value {
        let res = self
            .post(&format!("/api/v1/{collection}"))
            .bearer(token)
            .json(&body)
            .send()
            .await;
        assert_eq!(
            res.status,
            StatusCode::CREATED,
            "create_term: {}",
            res.text()
        );
        res.json()
    }
}

pub struct Req<'a> {
    app: &'a TestApp,
    inner: TestRequest,
}

impl Req<'_> {
    pub fn bearer(mut self, token: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((name.to_owned(), value.to_owned()));
        self
    }

    pub fn json(mut self, body: &Value) -> Self {
        self.inner = self
            .inner
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(body.to_string());
        self
    }

    pub fn raw(mut self, content_type: &str, body: impl Into<actix_web::web::Bytes>) -> Self {
        self.inner = self
            .inner
            .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
            .set_payload(body.into());
        self
    }

    pub fn peer(mut self, addr: &str) -> Self {
        self.inner = self.inner.peer_addr(addr.parse().expect("socket address"));
        self
    }

    pub async fn send(self) -> Res {
        let res = (self.app.call)(self.inner.to_request()).await;
        let status = res.status();
        let headers = res.headers().clone();
        let body = actix_web::body::to_bytes(res.into_body())
            .await
            .unwrap_or_default();
        Res {
            status,
            headers,
            body: body.to_vec(),
        }
    }
}

#[derive(Debug)]
pub struct Res {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Res {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// Asserts a problem+json answer with this status and code; returns the problem.
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "expected {status} {code}, got: {}",
            self.text()
        );
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "problem content type: {}",
            self.text()
        );
        let p = self.json();
        assert_eq!(p["code"], code, "{p}");
        assert_eq!(p["status"], status, "{p}");
        p
    }

    /// The ids of a list answer's items.
    pub fn ids(&self) -> Vec<i64> {
        let v = self.json();
        v["data"]
            .as_array()
            .unwrap_or_else(|| panic!("not a list: {v}"))
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    }
}
