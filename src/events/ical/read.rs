//! The reader: components checked and each VEVENT's properties read into a
//! [`ParsedEvent`]; every error names its line.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::lines::{IcsError, Property, RawEvent, error, unescape_text, unfold};
use super::times::{Override, lookup_zone, read_schedule, read_time, unknown_zone};
use crate::events::schedule::Schedule;

/// A calendar read by [`parse`].
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedCalendar {
    /// X-WR-TIMEZONE.
    pub timezone: Option<Tz>,
    pub events: Vec<ParsedEvent>,
}

/// A VEVENT read by [`parse`].
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedEvent {
    /// The line of its BEGIN:VEVENT.
    pub line: usize,
    pub uid: String,
    pub summary: String,
    /// Unescaped text.
    pub description: String,
    pub url: Option<String>,
    pub location: Option<String>,
    pub geo: Option<(f64, f64)>,
    pub categories: Vec<String>,
    /// X-TAGS.
    pub tags: Vec<String>,
    pub contact: Option<String>,
    /// Name (CN, empty when absent) and email address.
    pub organizer: Option<(String, String)>,
    /// X-COST.
    pub cost: Option<String>,
    /// X-TICKETS-URL.
    pub tickets_url: Option<String>,
    pub status: Option<String>,
    pub schedule: Schedule,
}

/// Reads an iCalendar text: the VEVENTs of its VCALENDAR (or of several, one after another).
///
/// Times with a TZID, in UTC or floating become local times of the event's zone: the TZID's, else
/// X-WR-TIMEZONE, else UTC. A local time that the zone skips is read as RFC 5545 says (with the
/// offset before the gap). A VEVENT with a RECURRENCE-ID (one changed occurrence of a recurring
/// event) is folded into its event: the original time is excluded and, unless cancelled, the new
/// start added; with no such event it stands alone. VTIMEZONEs are not read: a TZID must be an
/// IANA name (a prefix before one, as in `/mozilla.org/20050126_1/America/New_York`, is skipped).
pub fn parse(text: &str) -> Result<ParsedCalendar, IcsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (lines, last_line) = unfold(text);
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut seen_calendar = false;
    let mut calendar_zone: Option<Property> = None;
    let mut raw_events: Vec<RawEvent> = Vec::new();
    for (line, content) in lines {
        let property = match Property::parse(&content, line) {
            Ok(property) => property,
            // Outside any component this is most likely not iCalendar at all.
            Err(_) if stack.is_empty() => return Err(error(line, "expected BEGIN:VCALENDAR")),
            Err(e) => return Err(e),
        };
        match property.name.as_str() {
            "BEGIN" => {
                let component = property.value.trim().to_ascii_uppercase();
                match (stack.is_empty(), component == "VCALENDAR") {
                    (true, false) => {
                        let message = format!("expected BEGIN:VCALENDAR, found BEGIN:{component}");
                        return Err(error(line, message));
                    }
                    (false, true) => {
                        return Err(error(line, "BEGIN:VCALENDAR inside another component"));
                    }
                    _ => {}
                }
                seen_calendar = true;
                if component == "VEVENT" && stack.len() == 1 {
                    raw_events.push(RawEvent {
                        line,
                        properties: Vec::new(),
                    });
                }
                stack.push((component, line));
            }
            "END" => {
                let component = property.value.trim().to_ascii_uppercase();
                match stack.pop() {
                    None => return Err(error(line, format!("END:{component} without BEGIN"))),
                    Some((open, begun)) if open != component => {
                        return Err(error(
                            line,
                            format!("END:{component} does not match BEGIN:{open} on line {begun}"),
                        ));
                    }
                    Some(_) => {}
                }
            }
            _ => match stack.len() {
                0 => return Err(error(line, "expected BEGIN:VCALENDAR")),
                1 if property.name == "X-WR-TIMEZONE" => calendar_zone = Some(property),
                // The properties of an event's own VEVENT; those of its VALARMs and of other
                // components are not read.
                2 if stack[1].0 == "VEVENT" => {
                    if let Some(event) = raw_events.last_mut() {
                        event.properties.push(property);
                    }
                }
                _ => {}
            },
        }
    }
    if let Some((open, begun)) = stack.last() {
        return Err(error(
            last_line,
            format!("the file ends before END:{open} (BEGIN:{open} is on line {begun})"),
        ));
    }
    if !seen_calendar {
        return Err(error(1, "no VCALENDAR"));
    }
    let timezone = match &calendar_zone {
        Some(property) => Some(
            lookup_zone(property.value.trim())
                .ok_or_else(|| unknown_zone(property.line, property.value.trim()))?,
        ),
        None => None,
    };
    Ok(ParsedCalendar {
        timezone,
        events: read_events(raw_events, timezone)?,
    })
}

fn read_events(
    raw: Vec<RawEvent>,
    calendar_zone: Option<Tz>,
) -> Result<Vec<ParsedEvent>, IcsError> {
    // Recurring events by UID, so that their changed occurrences can be folded in.
    let mut masters: HashMap<String, usize> = HashMap::new();
    for (index, event) in raw.iter().enumerate() {
        if event.first("RECURRENCE-ID").is_none() {
            masters.entry(event.uid()?).or_insert(index);
        }
    }
    let mut overrides: HashMap<usize, Vec<Override>> = HashMap::new();
    let mut standalone = Vec::new();
    for (index, event) in raw.iter().enumerate() {
        let Some(recurrence_id) = event.first("RECURRENCE-ID") else {
            standalone.push(index);
            continue;
        };
        let Some(master) = masters.get(&event.uid()?) else {
            standalone.push(index);
            continue;
        };
        let cancelled = (event.text("STATUS")).is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"));
        let start = match (cancelled, event.first("DTSTART")) {
            (false, Some(dtstart)) => Some((read_time(dtstart)?, dtstart.line)),
            _ => None,
        };
        overrides.entry(*master).or_default().push(Override {
            original: read_time(recurrence_id)?,
            original_line: recurrence_id.line,
            start,
        });
    }
    standalone
        .into_iter()
        .map(|index| {
            let changed = overrides.remove(&index).unwrap_or_default();
            read_event(&raw[index], calendar_zone, &changed)
        })
        .collect()
}

fn read_event(
    raw: &RawEvent,
    calendar_zone: Option<Tz>,
    changed: &[Override],
) -> Result<ParsedEvent, IcsError> {
    let uid = raw.uid()?;
    let schedule = read_schedule(raw, calendar_zone, changed)?;
    let list = |name: &str| -> Vec<String> {
        (raw.all(name))
            .flat_map(|p| split_text_list(&p.value))
            .filter(|s| !s.is_empty())
            .collect()
    };
    let geo = match raw.first("GEO") {
        None => None,
        Some(p) => {
            Some(read_geo(&p.value).ok_or_else(|| error(p.line, "GEO is not latitude;longitude"))?)
        }
    };
    let organizer = raw.first("ORGANIZER").map(|p| {
        let address = p.value.trim();
        let email = match address.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &address[7..],
            _ => address,
        };
        (
            p.param("CN").unwrap_or_default().to_owned(),
            email.to_owned(),
        )
    });
    let raw_value = |name: &str| raw.first(name).map(|p| p.value.trim().to_owned());
    Ok(ParsedEvent {
        line: raw.line,
        uid,
        summary: raw.text("SUMMARY").unwrap_or_default(),
        description: raw.text("DESCRIPTION").unwrap_or_default(),
        url: raw_value("URL"),
        location: raw.text("LOCATION"),
        geo,
        categories: list("CATEGORIES"),
        tags: list("X-TAGS"),
        contact: raw.text("CONTACT"),
        organizer,
        cost: raw.text("X-COST"),
        tickets_url: raw_value("X-TICKETS-URL"),
        status: raw.text("STATUS"),
        schedule,
    })
}

fn read_geo(value: &str) -> Option<(f64, f64)> {
    let (lat, lon) = value.split_once([';', ','])?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

/// A list of TEXT values (CATEGORIES, X-TAGS), trimmed. Every comma separates, escaped or
/// not: All-in-One Event Calendar escapes the commas between its tags and categories.
fn split_text_list(value: &str) -> Vec<String> {
    (unescape_text(value).split(','))
        .map(|item| item.trim().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use super::*;
    use crate::events::ical::lines::read_duration;
    use crate::events::ical::testing::utc;
    use crate::events::ical::write::{escape_text, utc_offset};

    const FIXTURE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/ai1ec-export.ics"
    ));

    fn error_of(text: &str) -> IcsError {
        match parse(text) {
            Ok(_) => panic!("parsed"),
            Err(e) => e,
        }
    }

    #[test]
    fn the_all_in_one_event_calendar_export_reads() {
        let calendar = parse(FIXTURE).unwrap();
        assert_eq!(calendar.timezone, Some(Tz::Europe__London));
        assert_eq!(calendar.events.len(), 52);
        let by_uid = |uid: &str| calendar.events.iter().find(|e| e.uid == uid).unwrap();

        let workshop = by_uid("ai1ec-1262@127.0.0.1");
        assert_eq!(workshop.line, 26);
        assert_eq!(
            workshop.summary,
            "Workshop: Responding to Seasonal Agricultural Work"
        );
        assert!(
            workshop
                .description
                .starts_with("<p>Join us in person at Ford Foundation")
        );
        assert!(
            workshop
                .description
                .contains("workers</strong>, the conditions")
        );
        assert!(
            workshop
                .description
                .contains("</p>\n\n\n\n<h2>Speakers</h2>")
        );
        assert_eq!(workshop.categories, ["Training"]);
        assert_eq!(workshop.tags, ["free", "in person"]);
        assert_eq!(
            workshop.location.as_deref(),
            Some(
                "Ford Foundation Center for Social Justice @ 320 E 43rd St, New York, NY 10017, United States"
            )
        );
        assert_eq!(workshop.geo, Some((40.7503, -73.9715)));
        assert_eq!(
            workshop.url.as_deref(),
            Some("http://127.0.0.1:8081/event/workshop-responding-to-seasonal-agricultural-work/")
        );
        assert_eq!(
            workshop.contact.as_deref(),
            Some("Events team; events@example.org")
        );
        assert!(workshop.schedule.all_day);
        assert_eq!(
            workshop.schedule.format_local(workshop.schedule.start),
            "2024-10-08"
        );
        assert_eq!(workshop.schedule.ends_at().as_deref(), Some("2024-10-09"));

        let all_day = calendar
            .events
            .iter()
            .filter(|e| e.schedule.all_day)
            .count();
        assert_eq!(all_day, 7);
        let recurring: Vec<&str> = (calendar.events.iter())
            .filter(|e| e.schedule.rrule.is_some())
            .map(|e| e.uid.as_str())
            .collect();
        assert_eq!(recurring.len(), 6);

        let day = by_uid("ai1ec-1378@127.0.0.1");
        assert!(day.schedule.all_day);
        assert_eq!(
            day.schedule.rrule.as_deref(),
            Some("FREQ=YEARLY;COUNT=5;BYMONTHDAY=30;BYMONTH=7")
        );
        assert_eq!(
            day.schedule.last_end_utc(),
            Some(utc("2030-07-30T23:00:00Z"))
        );

        let clinic = by_uid("ai1ec-1373@127.0.0.1");
        assert_eq!(
            clinic.schedule.rrule.as_deref(),
            Some("FREQ=WEEKLY;COUNT=20;BYDAY=TU")
        );
        assert_eq!(clinic.schedule.exdates.len(), 2);
        let all = clinic.schedule.occurrences(
            utc("2026-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z"),
            100,
        );
        assert_eq!(all.len(), 18);
        assert!(
            !all.iter()
                .any(|o| o.start.format("%m-%d").to_string() == "10-27")
        );
        assert_eq!(all[8].start_utc, utc("2026-11-03T18:00:00Z"));

        let briefing = by_uid("ai1ec-1374@127.0.0.1");
        assert_eq!(
            briefing.schedule.rrule.as_deref(),
            Some("FREQ=WEEKLY;UNTIL=20270325T235959Z;BYDAY=TH")
        );
        assert_eq!(
            briefing.schedule.last_end_utc(),
            Some(utc("2027-03-25T16:00:00Z"))
        );

        let conference = by_uid("ai1ec-1380@127.0.0.1");
        assert_eq!(conference.cost.as_deref(), Some("£120 (£40 for NGOs)"));
        assert_eq!(
            conference.tickets_url.as_deref(),
            Some("https://tickets.example.org/bhr-2027")
        );
        assert_eq!(
            by_uid("ai1ec-1377@127.0.0.1").cost.as_deref(),
            Some("₹2,500")
        );
        let instant = by_uid("ai1ec-1389@127.0.0.1");
        assert_eq!(instant.schedule.end, None);
    }

    #[test]
    fn errors_name_their_line() {
        let fixture_lines: Vec<&str> = FIXTURE.split("\r\n").collect();
        let line_of = |needle: &str| fixture_lines.iter().position(|l| *l == needle).unwrap() + 1;

        // Truncated: the calendar is never ended; or the file stops inside an event.
        let without_end = FIXTURE.trim_end().strip_suffix("END:VCALENDAR").unwrap();
        let e = error_of(without_end);
        assert_eq!(e.line, fixture_lines.len() - 2);
        assert!(e.message.contains("END:VCALENDAR"), "{e}");
        let cut = fixture_lines[..60].join("\r\n");
        let e = error_of(&cut);
        assert_eq!(
            (
                e.line,
                e.message
                    .contains("END:VEVENT (BEGIN:VEVENT is on line 55)")
            ),
            (60, true),
            "{e}"
        );
        assert_eq!(e.to_string(), format!("line 60: {}", e.message));

        let mismatched = FIXTURE.replacen("END:VEVENT", "END:VTODO", 1);
        let e = error_of(&mismatched);
        assert_eq!(e.line, line_of("END:VEVENT"));
        assert!(e.message.contains("BEGIN:VEVENT on line 26"), "{e}");

        let bad_date = FIXTURE.replace("20261218T235900", "20261318T235900");
        let e = error_of(&bad_date);
        assert_eq!(
            e.line,
            line_of("DTSTART;TZID=Europe/London:20261218T235900")
        );
        assert!(e.message.contains("20261318T235900"), "{e}");

        let unknown_zone = FIXTURE.replace(
            "DTSTART;TZID=Europe/London:20261218T235900",
            "DTSTART;TZID=Europe/Atlantis:20261218T235900",
        );
        let e = error_of(&unknown_zone);
        assert_eq!(
            e.line,
            line_of("DTSTART;TZID=Europe/London:20261218T235900")
        );
        assert!(e.message.contains("Europe/Atlantis"), "{e}");

        let bad_rule = FIXTURE.replace("FREQ=DAILY;COUNT=5", "FREQ=DAILY;COUNT=five");
        let e = error_of(&bad_rule);
        assert_eq!(e.line, line_of("RRULE:FREQ=DAILY;COUNT=5"));
        assert!(e.message.starts_with("RRULE: "), "{e}");

        let e = error_of(include_str!("testdata/no-dtstart.ics"));
        assert_eq!((e.line, e.message.as_str()), (3, "VEVENT has no DTSTART"));
        let e = error_of(include_str!("testdata/no-uid.ics"));
        assert_eq!((e.line, e.message.as_str()), (3, "VEVENT has no UID"));
        let e = error_of(include_str!("testdata/dtend-before-dtstart.ics"));
        assert_eq!((e.line, e.message.as_str()), (6, "DTEND is before DTSTART"));
        let e = error_of(include_str!("testdata/no-colon.ics"));
        assert_eq!((e.line, e.message.as_str()), (5, "content line has no ':'"));
        let e = error_of(include_str!("testdata/rdate-cut-short.ics"));
        assert_eq!(e.line, 6);
        let e = error_of(include_str!("testdata/unknown-calendar-zone.ics"));
        assert_eq!(e.line, 3);
        assert_eq!(error_of("").line, 1);
        assert_eq!(error_of("Hello\r\n").message, "expected BEGIN:VCALENDAR");
        assert_eq!(error_of("BEGIN:VCALENDAR\nEND:VEVENT\n").line, 2);
    }

    #[test]
    fn text_values_unescape() {
        assert_eq!(
            unescape_text("a\\nb\\Nc\\,d\\;e\\\\f\\:g"),
            "a\nb\nc,d;e\\f:g"
        );
        assert_eq!(escape_text("a\nb,c;d\\e\u{7}"), "a\\nb\\,c\\;d\\\\e");
        assert_eq!(
            split_text_list("free\\,in person, online"),
            ["free", "in person", "online"]
        );
        assert_eq!(
            read_duration("P1W2DT3H4M5S"),
            Some((9, 3 * 3600 + 4 * 60 + 5))
        );
        assert_eq!(read_duration("-PT1H"), None);
        assert_eq!(read_duration("P"), None);
        assert_eq!(
            utc_offset(FixedOffset::west_opt(4 * 3600 + 56 * 60 + 2).unwrap()),
            "-045602"
        );
    }
}
