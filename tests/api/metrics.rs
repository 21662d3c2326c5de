//! `/metrics`: Prometheus text that counts what was answered, served to whom the setting
//! allows.

use actix_web::http::StatusCode;
use headpress::config::MetricsAccess;
use headpress::users::Role;

use crate::support::TestApp;

/// Checks the text format line by line (what a Prometheus scrape would refuse) and
/// returns the samples by their full name with labels.
fn parse(text: &str) -> Vec<(String, f64)> {
    let mut typed = std::collections::HashSet::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut parts = rest.split(' ');
            let name = parts.next().unwrap();
            let kind = parts.next().unwrap();
            assert!(
                ["counter", "gauge", "histogram"].contains(&kind),
                "bad type: {line}"
            );
            typed.insert(name.to_owned());
            continue;
        }
        if line.starts_with("# HELP ") || line.is_empty() {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect(line);
        let value: f64 = value
            .parse()
            .unwrap_or_else(|_| panic!("bad value: {line}"));
        let name = series.split('{').next().unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "bad name: {line}"
        );
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| typed.contains(*f)))
            .unwrap_or(name);
        assert!(typed.contains(family), "no TYPE before: {line}");
        if let Some(labels) = series.strip_prefix(name) {
            assert!(
                labels.is_empty() || (labels.starts_with('{') && labels.ends_with('}')),
                "bad labels: {line}"
            );
        }
        samples.push((series.to_owned(), value));
    }
    samples
}

fn value(samples: &[(String, f64)], series: &str) -> f64 {
    samples
        .iter()
        .find(|(s, _)| s == series)
        .unwrap_or_else(|| panic!("no {series}"))
        .1
}

#[actix_web::test]
async fn metrics_count_requests_by_route_and_status() {
    let app = TestApp::new().await;
    for _ in 0..3 {
        app.get("/api/v1/posts").send().await;
    }
    app.get("/api/v1/posts/424242").send().await;
    app.get("/api/v1/posts/434343").send().await;
    // Answers from the response cache (a repeat, a 304) count under their route too.
    let (_, editor) = app.sign_in_as(Role::Editor).await;
    let post = app.published_post(&editor, "Counted").await;
    let path = format!("/api/v1/posts/{}", post["id"]);
    let first = app.get(&path).send().await;
    let again = app.get(&path).send().await;
    assert_eq!(again.text(), first.text());
    let etag = first.header("etag").unwrap();
    let unchanged = app.get(&path).header("if-none-match", &etag).send().await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
    let res = app.get("/metrics").peer("127.0.0.1:5000").send().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert!(
        res.header("content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let samples = parse(&res.text());
    let ok = r#"headpress_http_requests_total{route="/api/v1/posts",method="GET",status="200"}"#;
    assert_eq!(value(&samples, ok), 3.0);
    // Ids make no series of their own: the route is the pattern.
    let missing =
        r#"headpress_http_requests_total{route="/api/v1/posts/{id}",method="GET",status="404"}"#;
    assert_eq!(value(&samples, missing), 2.0);
    let item = |status: &str| {
        format!(
            r#"headpress_http_requests_total{{route="/api/v1/posts/{{id}}",method="GET",status="{status}"}}"#
        )
    };
    assert_eq!(value(&samples, &item("200")), 2.0);
    assert_eq!(value(&samples, &item("304")), 1.0);
    let count =
        r#"headpress_http_request_duration_seconds_count{route="/api/v1/posts",method="GET"}"#;
    assert_eq!(value(&samples, count), 3.0);
    let inf = r#"headpress_http_request_duration_seconds_bucket{route="/api/v1/posts",method="GET",le="+Inf"}"#;
    assert_eq!(value(&samples, inf), 3.0);
    assert!(value(&samples, r#"headpress_db_pool_max_connections"#) >= 1.0);
    // The response cache answered a repeat; every cacheable read was looked up.
    let hits = value(&samples, r#"headpress_cache_hits_total{cache="responses"}"#);
    let misses = value(
        &samples,
        r#"headpress_cache_misses_total{cache="responses"}"#,
    );
    assert!(
        hits >= 1.0 && hits + misses >= 5.0,
        "hits {hits}, misses {misses}"
    );
    assert_eq!(
        value(&samples, r#"headpress_heavy_reads{state="running"}"#),
        0.0
    );

    // Other machines are refused unless the setting opens it.
    app.get("/metrics")
        .peer("192.0.2.10:5000")
        .send()
        .await
        .problem(403, "forbidden");
}

#[actix_web::test]
async fn metrics_access_is_a_setting() {
    let open = TestApp::with_config(|c| c.metrics = MetricsAccess::Open).await;
    let res = open.get("/metrics").peer("192.0.2.10:5000").send().await;
    assert_eq!(res.status, StatusCode::OK);
    let off = TestApp::with_config(|c| c.metrics = MetricsAccess::Off).await;
    off.get("/metrics")
        .peer("127.0.0.1:5000")
        .send()
        .await
        .problem(404, "not_found");
}
