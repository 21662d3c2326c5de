//! iCalendar (RFC 5545): a feed writer and a reader for imports.
//!
//! Times are written in the event's own zone (`TZID=`), with a VTIMEZONE derived from chrono-tz
//! for the years the events cover, so that a client's idea of the zone cannot differ from ours.
//! All-day events carry their zone in `X-HEADPRESS-TIMEZONE`, since a DATE value cannot name one
//! and the zone decides when the day begins and ends.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::schedule::{Schedule, exists, parse_ical_date, parse_ical_datetime, to_utc};
use crate::error::FieldError;

/// The extension property that keeps an all-day event's zone.
const ZONE_PROPERTY: &str = "X-HEADPRESS-TIMEZONE";

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
fn utc_offset(offset: FixedOffset) -> String {
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
fn escape_text(text: &str) -> String {
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

/// Why a calendar could not be read, at a 1-based physical line.
#[derive(Debug, Clone, PartialEq)]
pub struct IcsError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for IcsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for IcsError {}

fn error(line: usize, message: impl Into<String>) -> IcsError {
    IcsError {
        line,
        message: message.into(),
    }
}

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

/// The logical lines of a text with the physical line each starts on, and the number of the
/// last physical line.
fn unfold(text: &str) -> (Vec<(usize, String)>, usize) {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut last = 1;
    let mut open = false;
    for (index, physical) in text.split('\n').enumerate() {
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        if physical.is_empty() {
            open = false;
            continue;
        }
        last = index + 1;
        match (open, physical.strip_prefix([' ', '\t'])) {
            (true, Some(continued)) => {
                if let Some((_, line)) = lines.last_mut() {
                    line.push_str(continued);
                }
            }
            _ => {
                lines.push((index + 1, physical.to_owned()));
                open = true;
            }
        }
    }
    (lines, last)
}

/// One content line: `NAME;PARAM=value;...:value`.
#[derive(Debug, Clone)]
struct Property {
    line: usize,
    /// Upper case.
    name: String,
    /// Upper-case names; several values of one parameter joined by commas, quotes removed.
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn parse(text: &str, line: usize) -> Result<Property, IcsError> {
        let no_colon = || error(line, "content line has no ':'");
        let is_name =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let name_end = text.find([';', ':']).ok_or_else(no_colon)?;
        let name = &text[..name_end];
        if !is_name(name) {
            return Err(error(
                line,
                format!("`{}` is not a property name", clip(name)),
            ));
        }
        let mut rest = &text[name_end..];
        let mut params = Vec::new();
        while let Some(param) = rest.strip_prefix(';') {
            let equals = param.find(['=', ';', ':']).ok_or_else(no_colon)?;
            let param_name = &param[..equals];
            if !param[equals..].starts_with('=') || !is_name(param_name) {
                return Err(error(
                    line,
                    format!("`{}` is not a parameter", clip(param_name)),
                ));
            }
            let mut values = Vec::new();
            let mut tail = &param[equals + 1..];
            loop {
                if let Some(quoted) = tail.strip_prefix('"') {
                    let close = quoted
                        .find('"')
                        .ok_or_else(|| error(line, "a quoted parameter value is not closed"))?;
                    values.push(&quoted[..close]);
                    tail = &quoted[close + 1..];
                } else {
                    let end = tail.find([',', ';', ':']).unwrap_or(tail.len());
                    values.push(&tail[..end]);
                    tail = &tail[end..];
                }
                match tail.strip_prefix(',') {
                    Some(more) => tail = more,
                    None => break,
                }
            }
            params.push((param_name.to_ascii_uppercase(), values.join(",")));
            rest = tail;
        }
        let value = rest.strip_prefix(':').ok_or_else(no_colon)?;
        Ok(Property {
            line,
            name: name.to_ascii_uppercase(),
            params,
            value: value.to_owned(),
        })
    }

    fn param(&self, name: &str) -> Option<&str> {
        (self.params.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Enough of a bad token to recognise it in an error message.
fn clip(text: &str) -> &str {
    text.char_indices()
        .nth(40)
        .map_or(text, |(i, _)| &text[..i])
}

/// The properties of one VEVENT, kept until the whole calendar (and its X-WR-TIMEZONE) is read.
struct RawEvent {
    line: usize,
    properties: Vec<Property>,
}

impl RawEvent {
    fn first(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> {
        self.properties.iter().filter(move |p| p.name == name)
    }

    fn text(&self, name: &str) -> Option<String> {
        self.first(name).map(|p| unescape_text(&p.value))
    }

    fn uid(&self) -> Result<String, IcsError> {
        self.text("UID")
            .ok_or_else(|| error(self.line, "VEVENT has no UID"))
    }
}

/// A date or date-time value as written, before it is placed in the event's zone.
#[derive(Debug, Clone, Copy)]
enum When {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Zoned(NaiveDateTime, Tz),
    Utc(DateTime<Utc>),
}

impl When {
    /// The local time in `zone`; a date gets `time_of_day`.
    fn local_in(self, zone: Tz, time_of_day: NaiveTime) -> NaiveDateTime {
        match self {
            When::Date(date) => date.and_time(time_of_day),
            When::Floating(local) => local,
            When::Zoned(local, tz) if tz == zone => local,
            When::Zoned(local, tz) => to_utc(tz, local).with_timezone(&zone).naive_local(),
            When::Utc(t) => t.with_timezone(&zone).naive_local(),
        }
    }
}

/// Reads the dates of a DTSTART, DTEND, RECURRENCE-ID, RDATE or EXDATE (a comma list for the
/// last two; of a PERIOD only its start).
fn read_times(property: &Property) -> Result<Vec<When>, IcsError> {
    let value_type = property.param("VALUE").map(str::to_ascii_uppercase);
    let mut zone = None;
    let mut times = Vec::new();
    for value in property.value.split(',').map(str::trim) {
        let value = value.split('/').next().unwrap_or(value);
        let bad = || {
            error(
                property.line,
                format!(
                    "{}: `{}` is not a valid date or date-time",
                    property.name,
                    clip(value)
                ),
            )
        };
        if value_type.as_deref() == Some("DATE") || value.len() == 8 {
            times.push(When::Date(parse_ical_date(value).ok_or_else(bad)?));
        } else if let Some(utc) = value.strip_suffix(['Z', 'z']) {
            times.push(When::Utc(
                parse_ical_datetime(utc).ok_or_else(bad)?.and_utc(),
            ));
        } else {
            let local = parse_ical_datetime(value).ok_or_else(bad)?;
            match property.param("TZID") {
                None => times.push(When::Floating(local)),
                Some(name) => {
                    if zone.is_none() {
                        zone = Some(
                            lookup_zone(name).ok_or_else(|| unknown_zone(property.line, name))?,
                        );
                    }
                    if let Some(tz) = zone {
                        times.push(When::Zoned(local, tz));
                    }
                }
            }
        }
    }
    Ok(times)
}

fn read_time(property: &Property) -> Result<When, IcsError> {
    read_times(property)?
        .into_iter()
        .next()
        .ok_or_else(|| error(property.line, format!("{} has no value", property.name)))
}

/// An IANA zone name, or one behind a path prefix (`/mozilla.org/20050126_1/Europe/London`).
fn lookup_zone(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"');
    std::iter::once(name)
        .chain(name.match_indices('/').map(|(i, _)| &name[i + 1..]))
        .find_map(|candidate| candidate.parse::<Tz>().ok())
}

fn unknown_zone(line: usize, name: &str) -> IcsError {
    error(line, format!("unknown time zone `{}`", clip(name.trim())))
}

/// A changed occurrence (a VEVENT with RECURRENCE-ID), to fold into its recurring event.
struct Override {
    original: When,
    original_line: usize,
    /// The new start, None when the occurrence is cancelled.
    start: Option<(When, usize)>,
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

/// Where an event's times go: its zone, and whether they are dates.
#[derive(Clone, Copy)]
struct Placement {
    zone: Tz,
    all_day: bool,
}

impl Placement {
    /// A value as a local time of the event, as written: a date gets `time_of_day` (or midnight
    /// for all-day events). EXDATEs stay so, to match the nominal times a rule produces.
    fn nominal(self, when: When, time_of_day: NaiveTime) -> NaiveDateTime {
        let local = when.local_in(self.zone, time_of_day);
        match self.all_day {
            true => local.date().and_time(NaiveTime::MIN),
            false => local,
        }
    }

    /// As [`Placement::nominal`], but a time the zone skips becomes the wall-clock time of the
    /// instant RFC 5545 reads it as (with the offset before the gap: 02:30 becomes 03:30).
    fn actual(self, when: When, time_of_day: NaiveTime) -> NaiveDateTime {
        let local = self.nominal(when, time_of_day);
        if self.all_day || exists(self.zone, local) {
            local
        } else {
            to_utc(self.zone, local)
                .with_timezone(&self.zone)
                .naive_local()
        }
    }
}

/// The schedule of a VEVENT, with the changed occurrences of it folded in.
fn read_schedule(
    raw: &RawEvent,
    calendar_zone: Option<Tz>,
    changed: &[Override],
) -> Result<Schedule, IcsError> {
    let dtstart = raw
        .first("DTSTART")
        .ok_or_else(|| error(raw.line, "VEVENT has no DTSTART"))?;
    let first = read_time(dtstart)?;
    let zone = match first {
        When::Zoned(_, tz) => tz,
        When::Date(_) => match raw.first(ZONE_PROPERTY) {
            Some(p) => lookup_zone(&p.value).ok_or_else(|| unknown_zone(p.line, &p.value))?,
            None => calendar_zone.unwrap_or(Tz::UTC),
        },
        When::Floating(_) | When::Utc(_) => calendar_zone.unwrap_or(Tz::UTC),
    };
    let place = Placement {
        zone,
        all_day: matches!(first, When::Date(_)),
    };
    let start = place.actual(first, NaiveTime::MIN);
    let (end, end_line) = read_end(raw, place, start)?;
    let rrules: Vec<&Property> = raw.all("RRULE").collect();
    if let Some(second) = rrules.get(1) {
        return Err(error(second.line, "more than one RRULE is not supported"));
    }
    let rrule = rrules.first();
    // Each date with the line it came from, for errors.
    let mut rdates = Vec::new();
    let mut exdates = Vec::new();
    for property in raw.all("RDATE") {
        for when in read_times(property)? {
            rdates.push((place.actual(when, start.time()), property.line));
        }
    }
    for property in raw.all("EXDATE") {
        for when in read_times(property)? {
            exdates.push((place.nominal(when, start.time()), property.line));
        }
    }
    for changed in changed {
        let original = place.nominal(changed.original, start.time());
        let moved_to = (changed.start).map(|(when, line)| (place.actual(when, start.time()), line));
        // An occurrence changed in other ways than its time stays as the rule makes it.
        if moved_to.is_some_and(|(start, _)| start == original) {
            continue;
        }
        exdates.push((original, changed.original_line));
        rdates.extend(moved_to);
    }
    Schedule::from_parts(
        zone,
        place.all_day,
        start,
        end,
        rrule.map(|p| p.value.as_str()),
        rdates.iter().map(|(t, _)| *t).collect(),
        exdates.iter().map(|(t, _)| *t).collect(),
    )
    .map_err(|errors| {
        let FieldError { field, message } = (errors.into_iter().next())
            .unwrap_or_else(|| FieldError::new("", "the schedule is not valid"));
        let indexed = |name: &str, list: &[(NaiveDateTime, usize)]| {
            let index = field
                .strip_prefix(name)?
                .strip_prefix('[')?
                .strip_suffix(']')?;
            list.get(index.parse::<usize>().ok()?)
                .map(|(_, line)| *line)
        };
        let line = match field.as_str() {
            "rrule" => rrule.map(|p| p.line),
            "starts_at" => Some(dtstart.line),
            "ends_at" => Some(end_line),
            _ => indexed("rdates", &rdates).or_else(|| indexed("exdates", &exdates)),
        };
        let message = format!("{}: {message}", ical_name(&field));
        error(line.unwrap_or(raw.line), message)
    })
}

/// The end of the first occurrence from DTEND or DURATION, in the form [`Schedule`] keeps
/// (for all-day events the last day), and the line it came from.
fn read_end(
    raw: &RawEvent,
    place: Placement,
    start: NaiveDateTime,
) -> Result<(Option<NaiveDateTime>, usize), IcsError> {
    let zone = place.zone;
    if let Some(dtend) = raw.first("DTEND") {
        let end = place.actual(read_time(dtend)?, start.time());
        let before = match place.all_day {
            true => end < start,
            false => to_utc(zone, end) < to_utc(zone, start),
        };
        if before {
            return Err(error(dtend.line, "DTEND is before DTSTART"));
        }
        // A DATE DTEND is exclusive: the last day is the one before.
        let end = match place.all_day {
            true => (end - Duration::days(1)).max(start),
            false => end,
        };
        return Ok((Some(end), dtend.line));
    }
    let Some(duration) = raw.first("DURATION") else {
        return Ok((None, raw.line));
    };
    let (days, seconds) = read_duration(&duration.value)
        .ok_or_else(|| error(duration.line, "DURATION is not a valid duration"))?;
    let end = if place.all_day {
        let days = (days + seconds / 86_400).max(1);
        start + Duration::days(days - 1)
    } else {
        // Days are nominal (the same wall-clock time), hours and less exact.
        let nominal = start + Duration::days(days);
        (to_utc(zone, nominal) + Duration::seconds(seconds))
            .with_timezone(&zone)
            .naive_local()
    };
    Ok((Some(end), duration.line))
}

/// The iCalendar property behind a member of [`Schedule::parse`]'s errors.
fn ical_name(field: &str) -> &'static str {
    match field.split('[').next().unwrap_or(field) {
        "rrule" => "RRULE",
        "starts_at" => "DTSTART",
        "ends_at" => "DTEND",
        "rdates" => "RDATE",
        "exdates" => "EXDATE",
        _ => "VEVENT",
    }
}

/// A DURATION (`P1D`, `PT1H30M`, `P2W`) as nominal days and exact seconds; None when negative
/// (an event cannot end before it starts) or malformed.
fn read_duration(value: &str) -> Option<(i64, i64)> {
    let value = value.trim();
    let value = value.strip_prefix('+').unwrap_or(value);
    let mut rest = value.strip_prefix(['P', 'p'])?;
    let (mut days, mut seconds, mut in_time, mut any) = (0i64, 0i64, false, false);
    while !rest.is_empty() {
        if let Some(time) = rest.strip_prefix(['T', 't']) {
            if in_time {
                return None;
            }
            in_time = true;
            rest = time;
            continue;
        }
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let number: i64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?.to_ascii_uppercase();
        match (in_time, unit) {
            (false, 'W') => days = days.checked_add(number.checked_mul(7)?)?,
            (false, 'D') => days = days.checked_add(number)?,
            (true, 'H') => seconds = seconds.checked_add(number.checked_mul(3600)?)?,
            (true, 'M') => seconds = seconds.checked_add(number.checked_mul(60)?)?,
            (true, 'S') => seconds = seconds.checked_add(number)?,
            _ => return None,
        }
        any = true;
        rest = &rest[digits + 1..];
    }
    // Beyond this no calendar date exists, and chrono's arithmetic would overflow.
    let limit = 3_650_000;
    (any && days <= limit && seconds <= limit * 86_400).then_some((days, seconds))
}

fn read_geo(value: &str) -> Option<(f64, f64)> {
    let (lat, lon) = value.split_once([';', ','])?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

/// A TEXT value unescaped: `\n` and `\N` newlines, `\,` `\;` `\\` themselves; a backslash
/// before anything else is dropped.
fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(escaped) => out.push(escaped),
            None => {}
        }
    }
    out
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
    use super::*;
    use crate::events::schedule::ScheduleInput;

    const FIXTURE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/ai1ec-export.ics"
    ));

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

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

    /// A calendar of `body` lines, which start on line 3.
    fn calendar_of(body: &[&str]) -> String {
        let mut lines = vec!["BEGIN:VCALENDAR", "VERSION:2.0"];
        lines.extend(body);
        lines.push("END:VCALENDAR");
        lines.join("\r\n") + "\r\n"
    }

    fn error_of(text: &str) -> IcsError {
        match parse(text) {
            Ok(_) => panic!("parsed"),
            Err(e) => e,
        }
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

        let e = error_of(&calendar_of(&[
            "BEGIN:VEVENT",
            "UID:1",
            "SUMMARY:No start",
            "END:VEVENT",
        ]));
        assert_eq!((e.line, e.message.as_str()), (3, "VEVENT has no DTSTART"));
        let e = error_of(&calendar_of(&[
            "BEGIN:VEVENT",
            "DTSTART:20260101T100000Z",
            "END:VEVENT",
        ]));
        assert_eq!((e.line, e.message.as_str()), (3, "VEVENT has no UID"));
        let e = error_of(&calendar_of(&[
            "BEGIN:VEVENT",
            "UID:1",
            "DTSTART:20260101T100000Z",
            "DTEND:20260101T090000Z",
            "END:VEVENT",
        ]));
        assert_eq!((e.line, e.message.as_str()), (6, "DTEND is before DTSTART"));
        let e = error_of(&calendar_of(&[
            "BEGIN:VEVENT",
            "UID:1",
            "SUMMARY no colon",
            "END:VEVENT",
        ]));
        assert_eq!((e.line, e.message.as_str()), (5, "content line has no ':'"));
        let e = error_of(&calendar_of(&[
            "BEGIN:VEVENT",
            "UID:1",
            "DTSTART;TZID=Europe/London:20260329T013000",
            "RDATE;TZID=Europe/London:20260401T013000,2026040",
            "END:VEVENT",
        ]));
        assert_eq!(e.line, 6);
        let e = error_of(&calendar_of(&[
            "X-WR-TIMEZONE:Nowhere/Special",
            "BEGIN:VEVENT",
            "UID:1",
            "DTSTART:20260101T100000",
            "END:VEVENT",
        ]));
        assert_eq!(e.line, 3);
        assert_eq!(error_of("").line, 1);
        assert_eq!(error_of("Hello\r\n").message, "expected BEGIN:VCALENDAR");
        assert_eq!(error_of("BEGIN:VCALENDAR\nEND:VEVENT\n").line, 2);
    }

    #[test]
    fn times_in_every_form_land_in_the_event_zone() {
        let text = [
            "BEGIN:VCALENDAR",
            "x-wr-timezone:Europe/London",
            "BEGIN:VTIMEZONE",
            "TZID:Custom",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:utc",
            "DTSTART:20260701T170000Z",
            "DURATION:PT1H30M",
            "BEGIN:VALARM",
            "TRIGGER:-PT15M",
            "DESCRIPTION:Not the event's",
            "END:VALARM",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:floating",
            "dtstart:20260701T090000",
            "Summary:Mixed\tcase, long and",
            "\t folded",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:new-york",
            "ORGANIZER;ROLE=CHAIR;CN=\"Doe; Jane\":MAILTO:jane@example.org",
            "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260307T100000",
            "DTEND;TZID=Europe/London:20260307T160000",
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE:20260308T140000Z",
            "RDATE;VALUE=DATE:20260320",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:all-day",
            "DTSTART;VALUE=DATE:20260704",
            "DURATION:P2D",
            "END:VEVENT",
            "BEGIN:X-UNKNOWN",
            "UID:not-an-event",
            "END:X-UNKNOWN",
            "BEGIN:VEVENT",
            "UID:gap",
            "DTSTART;TZID=Europe/London:20260329T013000",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        .join("\n");
        let calendar = parse(&text).unwrap();
        let event = |uid: &str| calendar.events.iter().find(|e| e.uid == uid).unwrap();
        assert_eq!(calendar.events.len(), 5);

        let in_utc = &event("utc").schedule;
        assert_eq!(in_utc.timezone, Tz::Europe__London);
        assert_eq!(in_utc.format_local(in_utc.start), "2026-07-01T18:00:00");
        assert_eq!(in_utc.ends_at().as_deref(), Some("2026-07-01T19:30:00"));
        assert_eq!(event("utc").description, "");

        let floating = event("floating");
        assert_eq!(floating.schedule.timezone, Tz::Europe__London);
        assert_eq!(floating.schedule.start_utc(), utc("2026-07-01T08:00:00Z"));
        assert_eq!(floating.summary, "Mixed\tcase, long and folded");

        let new_york = event("new-york");
        assert_eq!(
            new_york.organizer,
            Some(("Doe; Jane".to_owned(), "jane@example.org".to_owned()))
        );
        let s = &new_york.schedule;
        assert_eq!(s.timezone, Tz::America__New_York);
        assert_eq!(s.ends_at().as_deref(), Some("2026-03-07T11:00:00"));
        assert_eq!(
            s.exdates,
            [NaiveDate::from_ymd_opt(2026, 3, 8)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap()]
        );
        let all = s.occurrences(utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"), 10);
        let starts: Vec<DateTime<Utc>> = all.iter().map(|o| o.start_utc).collect();
        assert_eq!(
            starts,
            [
                utc("2026-03-07T15:00:00Z"),
                utc("2026-03-09T14:00:00Z"),
                utc("2026-03-20T14:00:00Z")
            ]
        );

        let all_day = &event("all-day").schedule;
        assert!(all_day.all_day);
        assert_eq!(all_day.ends_at().as_deref(), Some("2026-07-05"));

        // A time the clocks skip is the instant RFC 5545 says: 01:30 GMT, which is 02:30 BST.
        let gap = &event("gap").schedule;
        assert_eq!(gap.format_local(gap.start), "2026-03-29T02:30:00");
    }

    #[test]
    fn a_changed_occurrence_is_folded_into_its_event() {
        let text = calendar_of(&[
            "BEGIN:VEVENT",
            "UID:weekly",
            "DTSTART;TZID=Europe/London:20260901T180000",
            "DTEND;TZID=Europe/London:20260901T190000",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:weekly",
            "RECURRENCE-ID;TZID=Europe/London:20260908T180000",
            "DTSTART;TZID=Europe/London:20260909T120000",
            "DTEND;TZID=Europe/London:20260909T130000",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:weekly",
            "RECURRENCE-ID;TZID=Europe/London:20260915T180000",
            "STATUS:CANCELLED",
            "DTSTART;TZID=Europe/London:20260915T180000",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:weekly",
            "RECURRENCE-ID;TZID=Europe/London:20260922T180000",
            "SUMMARY:Same time, new title",
            "DTSTART;TZID=Europe/London:20260922T180000",
            "END:VEVENT",
        ]);
        let calendar = parse(&text).unwrap();
        assert_eq!(calendar.events.len(), 1);
        let s = &calendar.events[0].schedule;
        let all = s.occurrences(utc("2026-09-01T00:00:00Z"), utc("2026-10-01T00:00:00Z"), 10);
        let starts: Vec<String> = all.iter().map(|o| s.format_local(o.start)).collect();
        assert_eq!(
            starts,
            [
                "2026-09-01T18:00:00",
                "2026-09-09T12:00:00",
                "2026-09-22T18:00:00"
            ]
        );
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
