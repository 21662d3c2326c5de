//! The HTML of embed cards: one self-contained page per answer (inline style, a strict
//! CSP), a card per item, and the escaping they all rely on.

use actix_web::HttpResponse;
use actix_web::http::header;
use chrono::NaiveDateTime;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::events::EventResponse;
use crate::api::posts::PostResponse;
use crate::api::resources::ResourceResponse;
use crate::content::html::escape;
use crate::http::render::Shared;
use crate::http::state::AppState;

/// How a card looks: `light` (the default) or `dark`.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

const STYLE: &str = "*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
.light{background:#fff;color:#1b1b1b}.dark{background:#16181d;color:#eceff4}\
ul{list-style:none;margin:0;padding:0}li+li{margin-top:12px}\
.card{border:1px solid #d0d4da;border-radius:8px;padding:14px 16px}.dark .card{border-color:#3b4252}\
h2{font-size:17px;margin:0 0 6px}a{color:#0b5cad}.dark a{color:#88c0d0}\
p{margin:0 0 8px}.summary{display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}.meta{font-size:13px;opacity:.8}.badge{display:inline-block;font-size:12px;border:1px solid currentColor;border-radius:10px;padding:0 8px;margin:0 4px 4px 0}\
.more{font-weight:600}";

/// The CSP of embeds: nothing loads but what the card holds; frames only where allowed.
fn csp(state: &AppState) -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src {} data:; base-uri 'none'; form-action 'none'; frame-ancestors {}",
        state.config.public_url, state.config.embed_ancestors
    )
}

/// A whole HTML page around `body`, with the cards' style and the embed CSP.
pub(super) fn page(state: &AppState, title: &str, theme: Theme, body: &str) -> HttpResponse {
    let class = match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body class=\"{class}\"><main>{body}</main></body></html>",
        escape(title)
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, csp(state)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .body(html)
}

fn link_html(href: &str, text: &str, class: &str, label: Option<&str>) -> String {
    if !(href.starts_with("https://") || href.starts_with("http://")) {
        return escape(text);
    }
    let aria = label
        .map(|l| format!(" aria-label=\"{}\"", escape(l)))
        .unwrap_or_default();
    format!(
        "<a class=\"{class}\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\"{aria}>{}</a>",
        escape(href),
        escape(text)
    )
}

fn card(
    title: &str,
    link: Option<&str>,
    badges: &[String],
    meta: &str,
    summary: &str,
    extra: &str,
) -> String {
    let heading = match link {
        Some(l) => link_html(l, title, "title", None),
        None => escape(title),
    };
    let badges: String = badges
        .iter()
        .map(|b| format!("<span class=\"badge\">{}</span>", escape(b)))
        .collect();
    let more = link
        .map(|l| {
            format!(
                "<p>{}</p>",
                link_html(l, "Read more", "more", Some(&format!("Read more: {title}")))
            )
        })
        .unwrap_or_default();
    format!(
        "<article class=\"card\"><h2>{heading}</h2>{}{}{}{extra}{more}</article>",
        if badges.is_empty() {
            String::new()
        } else {
            format!("<p>{badges}</p>")
        },
        if meta.is_empty() {
            String::new()
        } else {
            format!("<p class=\"meta\">{}</p>", escape(meta))
        },
        if summary.is_empty() {
            String::new()
        } else {
            format!("<p class=\"summary\">{}</p>", escape(summary))
        },
    )
}

fn names(embedded: Option<&Vec<Shared>>) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    embedded
        .map(|ts| {
            ts.iter()
                .filter_map(|t| serde_json::from_str::<Named>(t.json()).ok())
                .map(|t| t.name)
                .collect()
        })
        .unwrap_or_default()
}

/// Badges: the item's types or categories, then its tags.
fn badges(first: Option<&Vec<Shared>>, tags: Option<&Vec<Shared>>) -> Vec<String> {
    let mut out = names(first);
    out.extend(names(tags).into_iter().map(|t| format!("#{t}")));
    out
}

pub(super) fn resource_card(r: &ResourceResponse) -> String {
    let e = r.embedded.as_ref();
    let download = e
        .and_then(|e| e.document.as_ref())
        .map(|d| {
            format!(
                "<p>{}</p>",
                link_html(
                    &d.url,
                    "Download",
                    "download",
                    Some(&format!("Download: {}", r.core.title))
                )
            )
        })
        .unwrap_or_default();
    let summary = if r.summary.is_empty() {
        &r.core.excerpt
    } else {
        &r.summary
    };
    card(
        &r.core.title,
        r.core.link.as_deref(),
        &badges(
            e.and_then(|e| e.resource_types.as_ref()),
            e.and_then(|e| e.tags.as_ref()),
        ),
        &r.publisher,
        summary,
        &download,
    )
}

pub(super) fn post_card(p: &PostResponse) -> String {
    let date = p.core.published_at.format("%-d %B %Y").to_string();
    card(
        &p.core.title,
        p.core.link.as_deref(),
        &badges(
            p.embedded.as_ref().and_then(|e| e.categories.as_ref()),
            p.embedded.as_ref().and_then(|e| e.tags.as_ref()),
        ),
        &date,
        &p.core.excerpt,
        "",
    )
}

/// "Tue 1 December 2026, 18:00–19:00 (Europe/London)", or the days of an all-day event:
/// the next occurrence, else the first.
pub fn when(e: &EventResponse) -> String {
    let (starts_at, ends_at) = match &e.next_occurrence {
        Some(n) => (n.starts_at.as_str(), Some(n.ends_at.as_str())),
        None => (e.starts_at.as_str(), e.ends_at.as_deref()),
    };
    let parse = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .map(|d| d.and_time(chrono::NaiveTime::MIN))
            })
    };
    let (Some(start), end) = (parse(starts_at), ends_at.and_then(parse)) else {
        return starts_at.to_owned();
    };
    if e.all_day {
        let first = start.format("%a %-d %B %Y").to_string();
        return match end.filter(|end| end.date() != start.date()) {
            Some(end) => format!("{first} – {}", end.format("%a %-d %B %Y")),
            None => first,
        };
    }
    let mut out = start.format("%a %-d %B %Y, %H:%M").to_string();
    if let Some(end) = end {
        if end.date() == start.date() {
            out.push_str(&end.format("–%H:%M").to_string());
        } else {
            out.push_str(&end.format(" – %a %-d %B %Y, %H:%M").to_string());
        }
    }
    format!("{out} ({})", e.timezone)
}

pub(super) fn event_card(e: &EventResponse) -> String {
    let place = match &e.venue {
        Some(v) if !v.name.is_empty() => v.name.clone(),
        _ if !e.online_url.is_empty() => "Online".to_owned(),
        _ => String::new(),
    };
    let meta = [when(e), place]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    card(
        &e.core.title,
        e.core.link.as_deref(),
        &names(
            e.embedded
                .as_ref()
                .and_then(|x| x.event_categories.as_ref()),
        ),
        &meta,
        &e.core.excerpt,
        "",
    )
}

pub(super) fn list_page(
    state: &AppState,
    title: &str,
    theme: Theme,
    cards: Vec<String>,
) -> HttpResponse {
    let body = if cards.is_empty() {
        "<p>Nothing to show yet.</p>".to_owned()
    } else {
        format!(
            "<ul role=\"list\">{}</ul>",
            cards
                .into_iter()
                .map(|c| format!("<li>{c}</li>"))
                .collect::<String>()
        )
    };
    page(state, title, theme, &body)
}
