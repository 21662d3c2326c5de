//! The static baseline of `bench/run`: serves, from memory, responses captured from headpress,
//! on the same stack (actix-web 4, the same number of workers), so that the benchmark can say
//! how close headpress comes to the limit of this stack on this machine.
//!
//! ```sh
//! cargo run --release --example baseline -- --bind 127.0.0.1:8081 --workers 2 MANIFEST
//! ```
//!
//! Each line of `MANIFEST` is `PATH_AND_QUERY<TAB>BODY_FILE<TAB>HEADERS_FILE` (files relative
//! to the manifest's folder); the headers file holds `Name: value` lines, as headpress sent
//! them (`Content-Type`, `ETag`, `Link`, ...). A `GET` of exactly that path and query answers
//! 200 with those headers and the body's bytes; one whose `If-None-Match` matches the `ETag`
//! answers 304 with the headers headpress keeps on a 304. Anything else is a 404.
//! `/readyz` answers 200, for the harness to know the server is up.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::web::{self, Bytes};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};

/// One captured response.
struct Entry {
    headers: Vec<(HeaderName, HeaderValue)>,
    etag: HeaderValue,
    body: Bytes,
}

type Routes = HashMap<String, Entry>;

/// Headers a 304 keeps, as headpress's platform middleware and CORS do.
fn kept_on_304(name: &HeaderName) -> bool {
    name == header::ETAG
        || name == header::CACHE_CONTROL
        || name == header::VARY
        || name == header::CONTENT_LOCATION
        || name == header::EXPIRES
        || name.as_str().starts_with("access-control-")
}

/// Headers the HTTP layer writes itself.
fn written_by_server(name: &HeaderName) -> bool {
    name == header::CONTENT_LENGTH
        || name == header::DATE
        || name == header::CONNECTION
        || name == header::TRANSFER_ENCODING
        || name.as_str() == "keep-alive"
}

fn matches(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let (Ok(list), Ok(etag)) = (if_none_match.to_str(), etag.to_str()) else {
        return false;
    };
    list.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == etag)
}

async fn answer(req: HttpRequest, routes: web::Data<Routes>) -> HttpResponse {
    let key = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.path(), |pq| pq.as_str());
    let Some(entry) = routes.get(key) else {
        if req.path() == "/readyz" {
            return HttpResponse::Ok().finish();
        }
        return HttpResponse::NotFound().finish();
    };
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| matches(v, &entry.etag));
    if not_modified {
        let mut res = HttpResponse::new(StatusCode::NOT_MODIFIED);
        for (name, value) in entry.headers.iter().filter(|(n, _)| kept_on_304(n)) {
            res.headers_mut().append(name.clone(), value.clone());
        }
        return res;
    }
    let mut res = HttpResponse::Ok();
    for (name, value) in &entry.headers {
        res.append_header((name.clone(), value.clone()));
    }
    res.body(entry.body.clone())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn load(manifest: &Path) -> Result<Routes, String> {
    let folder = manifest.parent().unwrap_or(Path::new("."));
    let text = String::from_utf8(read(manifest)?).map_err(|e| e.to_string())?;
    let mut routes = Routes::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let at = || format!("{}:{}", manifest.display(), n + 1);
        let mut parts = line.split('\t');
        let (Some(path), Some(body), Some(headers)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "{}: expected PATH, BODY_FILE and HEADERS_FILE",
                at()
            ));
        };
        let body = Bytes::from(read(&folder.join(body))?);
        let mut list = Vec::new();
        let headers = String::from_utf8(read(&folder.join(headers))?).map_err(|e| e.to_string())?;
        for line in headers.lines().filter(|l| !l.trim().is_empty()) {
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| format!("{}: bad header line {line:?}", at()))?;
            let name = HeaderName::try_from(name.trim()).map_err(|e| format!("{}: {e}", at()))?;
            let value =
                HeaderValue::try_from(value.trim()).map_err(|e| format!("{}: {e}", at()))?;
            if !written_by_server(&name) {
                list.push((name, value));
            }
        }
        let etag = match list.iter().find(|(n, _)| n == header::ETAG) {
            Some((_, v)) => v.clone(),
            None => {
                // headpress tags every body it serves; make one up should a capture lack it.
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                body.hash(&mut hasher);
                let v = HeaderValue::try_from(format!("\"{:016x}\"", hasher.finish()))
                    .map_err(|e| e.to_string())?;
                list.push((header::ETAG, v.clone()));
                v
            }
        };
        routes.insert(
            path.to_owned(),
            Entry {
                headers: list,
                etag,
                body,
            },
        );
    }
    Ok(routes)
}

struct Args {
    bind: String,
    workers: Option<usize>,
    manifest: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: baseline [--bind ADDR] [--workers N] MANIFEST";
    let mut bind = "127.0.0.1:8081".to_owned();
    let mut workers = None;
    let mut manifest = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bind" => bind = args.next().ok_or(usage)?,
            "--workers" => {
                let n = args.next().ok_or(usage)?;
                workers = Some(n.parse().map_err(|_| format!("bad --workers {n:?}"))?);
            }
            "-h" | "--help" => return Err(usage.to_owned()),
            _ if manifest.is_none() && !arg.starts_with('-') => manifest = Some(arg.into()),
            _ => return Err(format!("unexpected argument {arg:?}\n{usage}")),
        }
    }
    let manifest = manifest.ok_or(usage)?;
    Ok(Args {
        bind,
        workers,
        manifest,
    })
}

fn main() -> std::process::ExitCode {
    let started = parse_args().and_then(|args| {
        let routes = web::Data::new(load(&args.manifest)?);
        eprintln!(
            "baseline: {} responses from {}, on {}",
            routes.len(),
            args.manifest.display(),
            args.bind
        );
        serve(routes, &args.bind, args.workers).map_err(|e| format!("server error: {e}"))
    });
    match started {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[actix_web::main]
async fn serve(
    routes: web::Data<Routes>,
    bind: &str,
    workers: Option<usize>,
) -> std::io::Result<()> {
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(routes.clone())
            .default_service(web::to(answer))
    })
    .shutdown_timeout(1);
    if let Some(n) = workers {
        server = server.workers(n);
    }
    server.bind(bind)?.run().await
}
