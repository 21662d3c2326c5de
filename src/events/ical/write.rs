//! The writer: a feed as one VCALENDAR, with a VTIMEZONE for every zone its times use, content
//! lines folded at 75 octets and values escaped.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::ZONE_PROPERTY;
use crate::events::schedule::Schedule;

/// The longest physical line, in octets, without its CRLF (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// How many years a VTIMEZONE covers after the latest start of a rule that never ends.
const OPEN_ENDED_YEARS: i32 = 5;

/// One event for [`calendar`].
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    pub uid: &'a str,
    pub dtstamp: DateTime<Utc>,
    pub last_modified: DateTime<Utc>,
    pub summary: &'a str,
    /// Plain text.
    pub description: &'a str,
    pub url: Option<&'a str>,
    pub location: Option<&'a str>,
    pub geo: Option<(f64, f64)>,
    /// Name and email address.
    pub organizer: Option<(&'a str, &'a str)>,
    pub categories: Vec<&'a str>,
    pub schedule: &'a Schedule,
}

/// A whole VCALENDAR (PRODID -//headpress//EN, VERSION 2.0, CALSCALE GREGORIAN, METHOD PUBLISH, X-WR-CALNAME)
/// with one VTIMEZONE per zone used (UTC needs none: write times with Z) and one VEVENT per event.
///
/// When every event is in one zone other than UTC, X-WR-TIMEZONE names it too.
pub fn calendar(name: &str, events: &[IcsEvent]) -> String {
    let mut out = Output::default();
    out.line("BEGIN:VCALENDAR");
    out.line("PRODID:-//headpress//EN");
    out.line("VERSION:2.0");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    if let Some(first) = events.first()
        && first.schedule.timezone != Tz::UTC
        && events
            .iter()
            .all(|e| e.schedule.timezone == first.schedule.timezone)
    {
        out.line(&format!("X-WR-TIMEZONE:{}", first.schedule.timezone.name()));
    }
    // Keyed by name so that the output does not depend on the order of the events.
    let mut zones: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for event in events {
        let schedule = event.schedule;
        if schedule.all_day || schedule.timezone == Tz::UTC {
            continue;
        }
        let (first, last) = years_covered(event);
        let tz = schedule.timezone;
        let span = zones.entry(tz.name()).or_insert((tz, first, last));
        *span = (tz, span.1.min(first), span.2.max(last));
    }
    for (tz, first, last) in zones.into_values() {
        write_vtimezone(&mut out, tz, first, last);
    }
    for event in events {
        write_event(&mut out, event);
    }
    out.line("END:VCALENDAR");
    out.text
}

/// The first and last local years an event's occurrences touch; for a rule that never ends,
/// some years past the latest start (or the export, when that is later).
fn years_covered(event: &IcsEvent) -> (i32, i32) {
    let schedule = event.schedule;
    let tz = schedule.timezone;
    let first_rdate = schedule.rdates.iter().min().copied();
    let first = first_rdate
        .map_or(schedule.start, |r| r.min(schedule.start))
        .year();
    let last = match schedule.last_end_utc() {
        Some(end) => end.with_timezone(&tz).year(),
        None => {
            let latest_rdate = schedule.rdates.iter().max().map(|r| r.year());
            let exported = event.dtstamp.with_timezone(&tz).year();
            let latest = latest_rdate.unwrap_or(i32::MIN).max(schedule.start.year());
            latest.max(exported) + OPEN_ENDED_YEARS
        }
    };
    (first, last.max(first))
}

fn write_event(out: &mut Output, event: &IcsEvent) {
    let schedule = event.schedule;
    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", escape_text(event.uid)));
    out.line(&format!("DTSTAMP:{}", utc_stamp(event.dtstamp)));
    out.line(&format!("LAST-MODIFIED:{}", utc_stamp(event.last_modified)));
    out.line(&format!("SUMMARY:{}", escape_text(event.summary)));
    if !event.description.is_empty() {
        out.line(&format!("DESCRIPTION:{}", escape_text(event.description)));
    }
    out.line(&time_property("DTSTART", schedule, schedule.start));
    let end = if schedule.all_day {
        // DTEND of a DATE event is exclusive: the day after the last.
        schedule.end.unwrap_or(schedule.start).max(schedule.start) + Duration::days(1)
    } else {
        schedule.end.unwrap_or(schedule.start)
    };
    out.line(&time_property("DTEND", schedule, end));
    if schedule.all_day {
        out.line(&format!("{ZONE_PROPERTY}:{}", schedule.timezone.name()));
    }
    if let Some(rule) = &schedule.rrule {
        out.line(&format!("RRULE:{}", single_line(rule)));
    }
    for rdate in &schedule.rdates {
        out.line(&time_property("RDATE", schedule, *rdate));
    }
    for exdate in &schedule.exdates {
        out.line(&time_property("EXDATE", schedule, *exdate));
    }
    if let Some(url) = event.url {
        out.line(&format!("URL:{}", single_line(url)));
    }
    if let Some(location) = event.location {
        out.line(&format!("LOCATION:{}", escape_text(location)));
    }
    if let Some((lat, lon)) = event.geo
        && lat.is_finite()
        && lon.is_finite()
    {
        out.line(&format!("GEO:{lat};{lon}"));
    }
    if let Some((name, email)) = event.organizer {
        let cn = if name.is_empty() {
            String::new()
        } else {
            format!(";CN={}", param_value(name))
        };
        out.line(&format!("ORGANIZER{cn}:mailto:{}", single_line(email)));
    }
    if !event.categories.is_empty() {
        let categories: Vec<String> = event.categories.iter().map(|c| escape_text(c)).collect();
        out.line(&format!("CATEGORIES:{}", categories.join(",")));
    }
    out.line("END:VEVENT");
}

/// DTSTART, DTEND, RDATE or EXDATE for a local time of the schedule.
fn time_property(name: &str, schedule: &Schedule, local: NaiveDateTime) -> String {
    if schedule.all_day {
        format!("{name};VALUE=DATE:{}", local.format("%Y%m%d"))
    } else if schedule.timezone == Tz::UTC {
        format!("{name}:{}", local.format("%Y%m%dT%H%M%SZ"))
    } else {
        let zone = schedule.timezone.name();
        format!("{name};TZID={zone}:{}", local.format("%Y%m%dT%H%M%S"))
    }
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A VTIMEZONE for the local years `first..=last`: the offset in force when they begin, then
/// every change of UTC offset up to their end, read from chrono-tz.
fn write_vtimezone(out: &mut Output, tz: Tz, first: i32, last: i32) {
    let year_start = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|d| d.and_time(NaiveTime::MIN).and_utc())
    };
    // A day either side, so that local years in zones far from UTC are covered whole.
    let (Some(from), Some(to)) = (year_start(first), year_start(last.saturating_add(1))) else {
        return;
    };
    let (from, to) = (from - Duration::days(1), to + Duration::days(1));
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    let initial = tz.offset_from_utc_datetime(&from.naive_utc());
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).map(|d| d.and_time(NaiveTime::MIN));
    let initial_start = epoch.map_or(from.naive_utc(), |e| e.min(from.naive_utc()));
    write_observance(
        out,
        &Transition {
            local_before: initial_start,
            from: initial.fix(),
            to: initial.fix(),
            name: initial.abbreviation().map(str::to_owned),
            daylight: !initial.dst_offset().is_zero(),
        },
    );
    for transition in transitions(tz, from, to) {
        write_observance(out, &transition);
    }
    out.line("END:VTIMEZONE");
}

/// A change of a zone's UTC offset.
struct Transition {
    /// The local time, in the offset before the change, at which it happens (an observance's
    /// DTSTART, RFC 5545 §3.8.2.4).
    local_before: NaiveDateTime,
    from: FixedOffset,
    to: FixedOffset,
    name: Option<String>,
    daylight: bool,
}

/// Every change of UTC offset in [from, to): stepping a week at a time, then halving the step
/// to find the second it happens.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut found = Vec::new();
    let mut at = from;
    let mut current = offset(at).fix();
    while at < to {
        let next = (at + Duration::weeks(1)).min(to);
        if offset(next).fix() == current {
            at = next;
            continue;
        }
        let (mut unchanged, mut changed) = (at, next);
        while changed - unchanged > Duration::seconds(1) {
            let middle = unchanged + (changed - unchanged) / 2;
            if offset(middle).fix() == current {
                unchanged = middle;
            } else {
                changed = middle;
            }
        }
        let after = offset(changed);
        found.push(Transition {
            local_before: changed.naive_utc() + Duration::seconds(current.local_minus_utc().into()),
            from: current,
            to: after.fix(),
            name: after.abbreviation().map(str::to_owned),
            daylight: !after.dst_offset().is_zero(),
        });
        current = after.fix();
        at = changed;
    }
    found
}

fn write_observance(out: &mut Output, transition: &Transition) {
    let kind = if transition.daylight {
        "DAYLIGHT"
    } else {
        "STANDARD"
    };
    out.line(&format!("BEGIN:{kind}"));
    out.line(&format!(
        "DTSTART:{}",
        transition.local_before.format("%Y%m%dT%H%M%S")
    ));
    out.line(&format!("TZOFFSETFROM:{}", utc_offset(transition.from)));
    out.line(&format!("TZOFFSETTO:{}", utc_offset(transition.to)));
    if let Some(name) = &transition.name {
        out.line(&format!("TZNAME:{}", escape_text(name)));
    }
    out.line(&format!("END:{kind}"));
}

/// `+0100`, `-0330`, or with seconds (`-0456 02`, as `-045602`) for old local mean times.
pub(super) fn utc_offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

/// The text of a calendar, one content line at a time.
#[derive(Default)]
struct Output {
    text: String,
}

impl Output {
    /// Appends a content line, folded so that no physical line passes 75 octets, never inside a
    /// UTF-8 character (RFC 5545 §3.1).
    fn line(&mut self, content: &str) {
        let mut octets = 0;
        for c in content.chars() {
            if octets + c.len_utf8() > LINE_OCTETS {
                self.text.push_str("\r\n ");
                octets = 1;
            }
            self.text.push(c);
            octets += c.len_utf8();
        }
        self.text.push_str("\r\n");
    }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma escaped, line breaks as `\n`,
/// other control characters (which TEXT cannot hold) dropped.
pub(super) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A value that is not TEXT (a URI, an address): it cannot be escaped, so line breaks and other
/// control characters, which would end the content line, are dropped.
fn single_line(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// A parameter value, quoted when it holds `;`, `:` or `,`; a quoted value cannot hold `"`.
fn param_value(value: &str) -> String {
    let value: String = single_line(value).chars().filter(|c| *c != '"').collect();
    if value.contains([';', ':', ',']) {
        format!("\"{value}\"")
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::ical::lines::unfold;
    use crate::events::ical::parse;
    use crate::events::ical::testing::utc;
    use crate::events::schedule::ScheduleInput;

    fn schedule(
        timezone: &str,
        starts_at: &str,
        ends_at: Option<&str>,
        rrule: Option<&str>,
        rdates: &[&str],
        exdates: &[&str],
    ) -> Schedule {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Schedule::parse(&ScheduleInput {
            timezone,
            all_day: starts_at.len() == 10,
            starts_at,
            ends_at,
            rrule,
            rdates: &strings(rdates),
            exdates: &strings(exdates),
        })
        .unwrap()
    }

    fn event<'a>(uid: &'a str, summary: &'a str, schedule: &'a Schedule) -> IcsEvent<'a> {
        IcsEvent {
            uid,
            dtstamp: utc("2026-11-26T13:41:20Z"),
            last_modified: utc("2026-11-20T09:00:00Z"),
            summary,
            description: "",
            url: None,
            location: None,
            geo: None,
            organizer: None,
            categories: Vec::new(),
            schedule,
        }
    }

    /// The content lines of a calendar, unfolded.
    fn content_lines(ics: &str) -> Vec<String> {
        unfold(ics).0.into_iter().map(|(_, line)| line).collect()
    }

    #[test]
    fn written_lines_are_crlf_folded_at_75_octets_and_escaped() {
        let s = schedule(
            "Europe/London",
            "2026-09-01T18:00",
            Some("2026-09-01T19:30"),
            None,
            &[],
            &[],
        );
        let summary = "Überraschung: 日本語のイベント, ünïcödé; \\ – ".repeat(6);
        let mut e = event("uid-1@example.org", &summary, &s);
        e.description = "Line one\nLine two, with; specials\\\r\nend";
        e.location = Some("Conway Hall, 25 Red Lion Square; London");
        e.url = Some("https://example.org/events/1?a=1,2");
        e.geo = Some((51.5195, -0.1185));
        e.organizer = Some(("Events team, London", "events@example.org"));
        e.categories = vec!["Community", "Talks"];
        let ics = calendar("Héadpress, events", &[e]);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains(['\r', '\n']));
        let physical: Vec<&str> = ics.split("\r\n").collect();
        assert!(physical.iter().all(|l| l.len() <= 75), "a line is too long");
        // The summary is folded as late as each line allows, between characters.
        let summary_lines: Vec<&str> = (physical.iter())
            .skip_while(|l| !l.starts_with("SUMMARY:"))
            .take_while(|l| l.starts_with("SUMMARY:") || l.starts_with(' '))
            .copied()
            .collect();
        assert!(summary_lines.len() > 4);
        let (last, full) = summary_lines.split_last().unwrap();
        assert!(full.iter().all(|l| l.len() > 72), "{full:?}");
        assert!(last.len() <= 75);
        assert!(summary_lines[1..].iter().all(|l| l.starts_with(' ')));
        let lines = content_lines(&ics);
        let has = |line: &str| lines.iter().any(|l| l == line);
        assert!(has("X-WR-CALNAME:Héadpress\\, events"));
        assert!(has(&format!("SUMMARY:{}", escape_text(&summary))));
        assert!(has(
            "DESCRIPTION:Line one\\nLine two\\, with\\; specials\\\\\\nend"
        ));
        assert!(has("LOCATION:Conway Hall\\, 25 Red Lion Square\\; London"));
        assert!(has("URL:https://example.org/events/1?a=1,2"));
        assert!(has("GEO:51.5195;-0.1185"));
        assert!(has(
            "ORGANIZER;CN=\"Events team, London\":mailto:events@example.org"
        ));
        assert!(has("CATEGORIES:Community,Talks"));
        assert!(has("DTSTART;TZID=Europe/London:20260901T180000"));
        assert!(has("DTEND;TZID=Europe/London:20260901T193000"));
        assert!(has("DTSTAMP:20261126T134120Z"));
        assert!(has("LAST-MODIFIED:20261120T090000Z"));
        for header in [
            "PRODID:-//headpress//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            assert!(has(header), "{header}");
        }
        // What was written reads back the same.
        let parsed = parse(&ics).unwrap();
        assert_eq!(parsed.events[0].summary, summary);
        assert_eq!(
            parsed.events[0].description,
            "Line one\nLine two, with; specials\\\nend"
        );
        assert_eq!(
            parsed.events[0].organizer,
            Some((
                "Events team, London".to_owned(),
                "events@example.org".to_owned()
            ))
        );
    }

    #[test]
    fn all_day_events_are_dates_with_an_exclusive_end() {
        let one = schedule("Europe/London", "2026-07-30", None, None, &[], &[]);
        let three = schedule(
            "Europe/London",
            "2026-12-30",
            Some("2027-01-01"),
            Some("FREQ=YEARLY;UNTIL=20281230"),
            &[],
            &["2027-12-30"],
        );
        let ics = calendar(
            "All day",
            &[event("a", "One", &one), event("b", "Three", &three)],
        );
        let lines = content_lines(&ics);
        let has = |line: &str| lines.iter().any(|l| l == line);
        assert!(has("DTSTART;VALUE=DATE:20260730"));
        assert!(has("DTEND;VALUE=DATE:20260731"));
        assert!(has("DTSTART;VALUE=DATE:20261230"));
        assert!(has("DTEND;VALUE=DATE:20270102"));
        assert!(has("RRULE:FREQ=YEARLY;UNTIL=20281230"));
        assert!(has("EXDATE;VALUE=DATE:20271230"));
        assert!(has("X-HEADPRESS-TIMEZONE:Europe/London"));
        // No time is zoned, so no VTIMEZONE is needed.
        assert!(!has("BEGIN:VTIMEZONE"));
    }

    #[test]
    fn vtimezones_hold_every_offset_change_of_the_years_covered() {
        // Weekly into 2027: both changes of 2026 and of 2027.
        let london = schedule(
            "Europe/London",
            "2026-09-01T18:00",
            Some("2026-09-01T19:30"),
            Some("FREQ=WEEKLY;COUNT=20;BYDAY=TU"),
            &[],
            &["2026-10-27T18:00"],
        );
        let kolkata = schedule("Asia/Kolkata", "2026-01-15T18:00", None, None, &[], &[]);
        let in_utc = schedule("UTC", "2026-01-15T18:00", None, None, &[], &[]);
        let ics = calendar(
            "Zones",
            &[
                event("a", "London", &london),
                event("b", "Kolkata", &kolkata),
                event("c", "UTC", &in_utc),
            ],
        );
        let lines = content_lines(&ics);
        let london_zone: Vec<&str> = (lines.iter())
            .skip_while(|l| *l != "TZID:Europe/London")
            .take_while(|l| *l != "END:VTIMEZONE")
            .map(String::as_str)
            .collect();
        let dtstarts: Vec<&str> = (london_zone.iter())
            .filter_map(|l| l.strip_prefix("DTSTART:"))
            .collect();
        assert_eq!(
            dtstarts,
            [
                "19700101T000000",
                "20260329T010000",
                "20261025T020000",
                "20270328T010000",
                "20271031T020000"
            ]
        );
        let joined = london_zone.join("\n");
        assert!(joined.contains(
            "BEGIN:DAYLIGHT\nDTSTART:20260329T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:BST\nEND:DAYLIGHT"
        ));
        assert!(joined.contains(
            "BEGIN:STANDARD\nDTSTART:20261025T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nTZNAME:GMT\nEND:STANDARD"
        ));
        let kolkata_zone: Vec<&str> = (lines.iter())
            .skip_while(|l| *l != "TZID:Asia/Kolkata")
            .take_while(|l| *l != "END:VTIMEZONE")
            .map(String::as_str)
            .collect();
        assert_eq!(
            kolkata_zone,
            [
                "TZID:Asia/Kolkata",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0530",
                "TZOFFSETTO:+0530",
                "TZNAME:IST",
                "END:STANDARD"
            ]
        );
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VTIMEZONE").count(), 2);
        assert!(lines.iter().any(|l| l == "DTSTART:20260115T180000Z"));
        assert!(
            lines
                .iter()
                .any(|l| l == "RRULE:FREQ=WEEKLY;COUNT=20;BYDAY=TU")
        );
        assert!(
            lines
                .iter()
                .any(|l| l == "EXDATE;TZID=Europe/London:20261027T180000")
        );
        // A rule that never ends is covered for some years past its start.
        let forever = schedule(
            "America/New_York",
            "2026-03-06T09:00",
            None,
            Some("FREQ=DAILY"),
            &[],
            &[],
        );
        let lines = content_lines(&calendar("Forever", &[event("d", "Daily", &forever)]));
        let changes = lines.iter().filter(|l| l.starts_with("DTSTART:20")).count();
        assert_eq!(changes, 2 * (2031 - 2026 + 1));
        assert!(lines.iter().any(|l| l == "DTSTART:20311102T020000"));
        assert!(lines.iter().any(|l| l == "X-WR-TIMEZONE:America/New_York"));
    }

    #[test]
    fn written_schedules_read_back_the_same() {
        let schedules = [
            schedule(
                "Europe/London",
                "2026-09-01T18:00",
                Some("2026-09-01T19:30"),
                Some("FREQ=WEEKLY;COUNT=20;BYDAY=TU"),
                &["2026-12-24T11:00"],
                &["2026-10-27T18:00", "2026-12-22T18:00"],
            ),
            schedule(
                "Europe/London",
                "2026-10-01T15:00",
                Some("2026-10-01T16:00"),
                Some("FREQ=WEEKLY;UNTIL=20270325T235959Z;BYDAY=TH"),
                &[],
                &[],
            ),
            schedule(
                "America/New_York",
                "2026-12-30",
                Some("2027-01-01"),
                Some("FREQ=YEARLY;UNTIL=20301230"),
                &["2027-07-04"],
                &["2028-12-30"],
            ),
            schedule("Europe/London", "2026-07-30", None, None, &[], &[]),
            schedule("UTC", "2026-05-01T12:00", None, None, &[], &[]),
            schedule(
                "UTC",
                "2026-05-01T12:00",
                Some("2026-05-02T12:00"),
                Some("FREQ=MONTHLY;BYDAY=1FR"),
                &[],
                &["2026-06-05T12:00"],
            ),
            schedule(
                "Asia/Kolkata",
                "2026-01-15T18:00",
                Some("2026-01-15T20:00"),
                Some("FREQ=MONTHLY;BYMONTHDAY=15"),
                &[],
                &[],
            ),
            schedule(
                "Australia/Sydney",
                "2026-03-31T23:30",
                Some("2026-04-01T01:00"),
                Some("FREQ=DAILY;INTERVAL=3;UNTIL=20261231T000000Z"),
                &[],
                &[],
            ),
        ];
        let uids: Vec<String> = (0..schedules.len())
            .map(|i| format!("event-{i}@headpress"))
            .collect();
        let events: Vec<IcsEvent> = (schedules.iter().zip(&uids))
            .map(|(s, uid)| event(uid, "Round trip", s))
            .collect();
        let parsed = parse(&calendar("Round trip", &events)).unwrap();
        assert_eq!(parsed.timezone, None);
        assert_eq!(parsed.events.len(), schedules.len());
        let (from, to) = (utc("2026-01-01T00:00:00Z"), utc("2031-01-01T00:00:00Z"));
        for (read, written) in parsed.events.iter().zip(&schedules) {
            assert_eq!(&read.schedule, written);
            assert_eq!(
                read.schedule.occurrences(from, to, 500),
                written.occurrences(from, to, 500)
            );
            assert_eq!(read.schedule.last_end_utc(), written.last_end_utc());
        }
        assert_eq!(parsed.events[0].uid, "event-0@headpress");
    }
}
