//! `headpress import ics FILE_OR_URL`: VEVENTs become events, matched by their `UID`, so
//! a second run updates what changed and creates no duplicates.

use diesel::prelude::*;

use crate::content::Role;
use crate::content::body::ContentSource;
use crate::content::entry::{self, EntryInput};
use crate::content::field_groups::FieldValues;
use crate::content::html::check_url;
use crate::content::slug::Slug;
use crate::content::terms::{self, Taxonomy, TermInput};
use crate::content::{Kind, Status, Viewer, items};
use crate::db::DbConn;
use crate::db::schema::{event_details, terms as terms_table, users};
use crate::events::ical::{self, ParsedEvent};
use crate::events::{EventChanges, Events, Organizer, Venue};
use crate::import::{ImportError, Outcome, Summary, in_transaction, origins};

/// The `import_origins` source of calendar imports: UIDs are global, so one source.
const SOURCE: &str = "ical";

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The user who becomes the author of new events (default: the first admin).
    pub author: Option<String>,
    pub dry_run: bool,
}

/// Reads a file, or downloads an `http(s)://` URL.
pub async fn read_source(source: &str) -> Result<Vec<u8>, ImportError> {
    if source.starts_with("http://") || source.starts_with("https://") {
        fetch(source).await
    } else {
        std::fs::read(source).map_err(|e| ImportError::Input(format!("cannot read {source}: {e}")))
    }
}

async fn fetch(url: &str) -> Result<Vec<u8>, ImportError> {
    let fail = |why: String| ImportError::Input(format!("cannot download {url}: {why}"));
    let connector = crate::http::outbound::tls().map_err(|e| fail(e.to_string()))?;
    let client = awc::Client::builder()
        .connector(awc::Connector::new().openssl(connector))
        .timeout(std::time::Duration::from_secs(60))
        .finish();
    let mut res = client
        .get(url)
        .insert_header((
            "User-Agent",
            concat!("headpress/", env!("CARGO_PKG_VERSION")),
        ))
        .send()
        .await
        .map_err(|e| fail(e.to_string()))?;
    if !res.status().is_success() {
        return Err(fail(format!("the server answered {}", res.status())));
    }
    let body = res
        .body()
        .limit(256 * 1024 * 1024)
        .await
        .map_err(|e| fail(e.to_string()))?;
    Ok(body.to_vec())
}

/// The author of imported content: the named user, or the first admin.
pub fn author(conn: &mut DbConn, name: Option<&str>) -> Result<Viewer, ImportError> {
    let found: Option<(i64, String)> = match name {
        Some(n) => users::table
            .filter(users::username.eq(n))
            .select((users::id, users::role))
            .first(conn)
            .optional()
            .map_err(crate::error::Error::from)?,
        None => users::table
            .filter(users::role.eq(Role::Admin.as_str()))
            .order(users::id)
            .select((users::id, users::role))
            .first(conn)
            .optional()
            .map_err(crate::error::Error::from)?,
    };
    let Some((id, _)) = found else {
        return Err(ImportError::Input(match name {
            Some(n) => format!("there is no user `{n}`"),
            None => {
                "there is no admin to own imported content: create one with `headpress user create`"
                    .into()
            }
        }));
    };
    // The importer writes as an admin on behalf of this author.
    Ok(Viewer::User {
        id,
        role: Role::Admin,
    })
}

/// The id of the term of this name in a taxonomy, made when missing.
pub fn term_by_name(
    conn: &mut DbConn,
    taxonomy: Taxonomy,
    name: &str,
) -> crate::error::Result<Option<i64>> {
    let name = name.trim();
    let Some(slug) = Slug::from_text(name) else {
        return Ok(None);
    };
    let found = terms_table::table
        .filter(terms_table::taxonomy.eq(taxonomy.as_str()))
        .filter(terms_table::slug.eq(&slug))
        .select(terms_table::id)
        .first::<i64>(conn)
        .optional()?;
    match found {
        Some(id) => Ok(Some(id)),
        None => Ok(Some(
            terms::create(
                conn,
                taxonomy,
                TermInput {
                    name: Some(name.to_owned()),
                    slug: Some(slug.to_string()),
                    ..Default::default()
                },
            )?
            .id,
        )),
    }
}

/// What a calendar's cost says of the price (ai1ec writes "Free", or nothing).
pub(crate) fn is_free(cost: &str) -> bool {
    let cost = cost.trim();
    cost.is_empty() || cost.eq_ignore_ascii_case("free") || cost == "0"
}

/// ai1ec writes `Venue name @ street, city, ...`.
pub(crate) fn venue(event: &ParsedEvent) -> Option<Venue> {
    let location = event
        .location
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if location.is_none() && event.geo.is_none() {
        return None;
    }
    let (name, address) = match location {
        Some(l) => match l.split_once(" @ ") {
            Some((n, a)) => (n.trim().to_owned(), a.trim().to_owned()),
            None => (l.to_owned(), String::new()),
        },
        None => (String::new(), String::new()),
    };
    Some(Venue {
        name,
        address,
        latitude: event.geo.map(|g| g.0),
        longitude: event.geo.map(|g| g.1),
        ..Venue::default()
    })
}

/// ORGANIZER, else ai1ec's `CONTACT:Name; email`.
fn organizer(event: &ParsedEvent) -> Option<Organizer> {
    if let Some((name, email)) = &event.organizer {
        return Some(Organizer {
            name: name.clone(),
            email: email.clone(),
            url: String::new(),
        });
    }
    let contact = event.contact.as_deref()?;
    let mut name = Vec::new();
    let mut email = String::new();
    for part in contact.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        if part.contains('@') && !part.contains(' ') && email.is_empty() {
            email = part.to_owned();
        } else {
            name.push(part);
        }
    }
    Some(Organizer {
        name: name.join(", "),
        email,
        url: String::new(),
    })
}

/// A description that is HTML (ai1ec writes HTML) stays HTML; plain text becomes paragraphs.
fn body(description: &str) -> ContentSource {
    if description.contains('<') {
        return ContentSource::Html(description.to_owned());
    }
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    ContentSource::Html(
        description
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
            .collect::<String>(),
    )
}

/// Imports every VEVENT of a calendar text, all or nothing.
pub fn import(conn: &mut DbConn, text: &str, options: &Options) -> Result<Summary, ImportError> {
    // The whole file is read before anything is written: a broken file writes nothing.
    let calendar = ical::parse(text).map_err(|e| ImportError::Input(e.to_string()))?;
    in_transaction(conn, options.dry_run, |conn| {
        let viewer = author(conn, options.author.as_deref())?;
        let mut summary = Summary::default();
        for event in &calendar.events {
            let label = format!("VEVENT {} (line {})", event.uid, event.line);
            if event
                .status
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
            {
                summary.skip("events", "cancelled in the calendar");
                continue;
            }
            let outcome = import_event(conn, viewer, event, &mut summary).map_err(|e| match e {
                ImportError::App(e) => ImportError::item(&label, e),
                other => other,
            })?;
            summary.count("events", outcome);
        }
        Ok(summary)
    })
}

fn import_event(
    conn: &mut DbConn,
    viewer: Viewer,
    event: &ParsedEvent,
    summary: &mut Summary,
) -> Result<Outcome, ImportError> {
    // What the event holds, wherever it sits in the file.
    let placed = ParsedEvent {
        line: 0,
        ..event.clone()
    };
    let fingerprint = origins::fingerprint(&[&format!("{placed:?}")]);
    let known = origins::find(conn, SOURCE, "event", &event.uid)?;
    // An event exported from here and read back keeps its identity too.
    let existing = match &known {
        Some(k) => Some(k.target_id),
        None => event_details::table
            .filter(event_details::uid.eq(&event.uid))
            .select(event_details::entry_id)
            .first::<i64>(conn)
            .optional()
            .map_err(crate::error::Error::from)?,
    };
    let existing = match existing {
        Some(id) if entry::find(conn, Kind::Event, id)?.is_some() => Some(id),
        _ => None,
    };
    if let (Some(_), Some(k)) = (existing, &known)
        && k.fingerprint == fingerprint
    {
        return Ok(Outcome::Unchanged);
    }
    let mut categories = Vec::new();
    for c in &event.categories {
        categories.extend(term_by_name(conn, Taxonomy::EventCategory, c)?);
    }
    let mut tags = Vec::new();
    for t in &event.tags {
        tags.extend(term_by_name(conn, Taxonomy::Tag, t)?);
    }
    let ticket_url = match event.tickets_url.as_deref().map(str::trim) {
        Some(u) if check_url(u).is_ok() => u.to_owned(),
        Some(u) => {
            summary.note(format!(
                "{}: ticket URL `{u}` is not an http(s) URL; left out",
                event.uid
            ));
            String::new()
        }
        None => String::new(),
    };
    let cost = event.cost.clone().unwrap_or_default();
    let changes = EventChanges {
        venue: Some(venue(event)),
        organizer: Some(organizer(event)),
        is_free: Some(is_free(&cost)),
        cost: Some(cost),
        ticket_url: Some(ticket_url),
        uid: Some(event.uid.clone()),
        ..EventChanges::with_schedule(&event.schedule)
    };
    let title = Some(event.summary.trim())
        .filter(|t| !t.is_empty())
        .unwrap_or("(untitled event)")
        .to_owned();
    let input = EntryInput {
        title: Some(title),
        content: Some(body(&event.description)),
        terms: vec![(Taxonomy::EventCategory, categories), (Taxonomy::Tag, tags)],
        // Calendar events carry no custom fields: required ones are not asked for.
        fields: FieldValues::Imported(Default::default()),
        ..Default::default()
    };
    let (id, outcome) = match existing {
        Some(id) => {
            items::update::<Events>(conn, viewer, id, input, changes)?;
            (id, Outcome::Updated)
        }
        None => {
            let input = EntryInput {
                status: Some(Status::Published),
                ..input
            };
            let e = items::create::<Events>(conn, viewer, input, changes)?;
            (e.id, Outcome::Created)
        }
    };
    origins::remember(conn, SOURCE, "event", &event.uid, id, &fingerprint)?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai1ec_locations_and_contacts_are_split() {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/wordpress/ai1ec-export.ics"
        ));
        let cal = ical::parse(text).expect("the fixture parses");
        let e = cal
            .events
            .iter()
            .find(|e| e.uid == "ai1ec-1262@127.0.0.1")
            .expect("event 1262");
        let v = venue(e).expect("a venue");
        assert_eq!(v.name, "Ford Foundation Center for Social Justice");
        assert_eq!(
            v.address,
            "320 E 43rd St, New York, NY 10017, United States"
        );
        assert_eq!(v.latitude, Some(40.7503));
        let o = organizer(e).expect("an organizer");
        assert_eq!(
            (o.name.as_str(), o.email.as_str()),
            ("Events team", "events@example.org")
        );
    }
}
