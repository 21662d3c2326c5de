//! When an event happens: local wall-clock times in an IANA zone, optionally recurring.
//!
//! Recurrence is expanded by the `rrule` crate on "floating" times: the local wall-clock times are
//! handed to it as if they were UTC, and each occurrence is placed in the real zone only
//! afterwards. Daylight-saving changes can then never move an occurrence's wall-clock time, an
//! EXDATE matches the nominal time the rule produces, and how a skipped or repeated local time
//! maps to an instant is decided in one place ([`to_utc`]), as RFC 5545 §3.3.5 says.

use std::cmp::Ordering;
use std::ops::ControlFlow;

use chrono::offset::LocalResult;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike,
    Utc, Weekday,
};
use chrono_tz::Tz;
use rrule::{Frequency, RRule, RRuleSet, Unvalidated};

use crate::error::FieldError;

/// The most occurrences a COUNT may ask for (Outlook's limit is 999). A counted rule cannot be
/// fast-forwarded (the count runs from the first occurrence), so every expansion of a window
/// may walk the whole count; longer series can use UNTIL or no end.
const MAX_COUNT: u32 = 1_000;

/// How far a local wall-clock time can be from the UTC time of the same instant, with room for
/// the largest offsets ever used and a whole skipped day (Pacific/Apia, December 2011).
const LOCAL_MARGIN: Duration = Duration::days(2);

/// When an event happens: local wall-clock times in an IANA zone, optionally recurring.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub timezone: Tz,
    pub all_day: bool,
    /// Local start; for all-day events midnight of the first day.
    pub start: NaiveDateTime,
    /// Local end; None for an instant event. For all-day events midnight of the LAST day (inclusive:
    /// a one-day event has end == start).
    pub end: Option<NaiveDateTime>,
    /// The RRULE value (`FREQ=WEEKLY;BYDAY=TU;COUNT=6`), normalised (upper case, no `RRULE:` prefix).
    pub rrule: Option<String>,
    /// Extra occurrence starts and excluded starts, local times in `timezone` (dates at midnight for all-day).
    pub rdates: Vec<NaiveDateTime>,
    pub exdates: Vec<NaiveDateTime>,
}

/// The raw members of a write, as a client sends them.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleInput<'a> {
    pub timezone: &'a str,
    pub all_day: bool,
    pub starts_at: &'a str,
    pub ends_at: Option<&'a str>,
    pub rrule: Option<&'a str>,
    pub rdates: &'a [String],
    pub exdates: &'a [String],
}

/// One occurrence: local times in the event's zone and the same instants in UTC. For all-day
/// events `end` is midnight after the last day (exclusive), in both forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
}

impl Schedule {
    /// Checks and builds a schedule; errors name the member: `timezone` (not an IANA name), `starts_at`,
    /// `ends_at` (before the start; wrong form), `rrule` (invalid rule: rrule crate's message; FREQ=SECONDLY/MINUTELY refused; a
    /// rule whose DTSTART would not be the start), `rdates[3]`, `exdates[0]`.
    /// Local date-times are `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DDTHH:MM` with no offset; all-day events use `YYYY-MM-DD`.
    /// A start that does not exist in the zone (the hour skipped when clocks go forward) is refused;
    /// an ambiguous one (clocks go back) means the first (earlier) instant.
    ///
    /// An `ends_at` equal to `starts_at` makes an instant event (`end` None), as in iCalendar; an
    /// all-day event without `ends_at` lasts one day. RDATEs and EXDATEs are sorted, duplicates
    /// dropped; an empty `rrule` means none.
    pub fn parse(input: &ScheduleInput) -> Result<Schedule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let timezone = match input.timezone.parse::<Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                errors.push(FieldError::new(
                    "timezone",
                    "not an IANA time zone name (such as Europe/London)",
                ));
                None
            }
        };
        let mut member = |field: String, text: &str| match parse_local(text, input.all_day) {
            Ok(t) => Some(t),
            Err(message) => {
                errors.push(FieldError::new(field, message));
                None
            }
        };
        let start = member("starts_at".into(), input.starts_at);
        let end = input.ends_at.map(|e| member("ends_at".into(), e));
        let rdates: Vec<_> = (input.rdates.iter().enumerate())
            .map(|(i, r)| member(format!("rdates[{i}]"), r))
            .collect();
        let exdates: Vec<_> = (input.exdates.iter().enumerate())
            .map(|(i, r)| member(format!("exdates[{i}]"), r))
            .collect();
        // The checks below need every time read, so malformed members are reported first.
        let (Some(timezone), Some(start), true) = (timezone, start, errors.is_empty()) else {
            return Err(errors);
        };
        Schedule::from_parts(
            timezone,
            input.all_day,
            start,
            end.flatten(),
            input.rrule,
            rdates.into_iter().flatten().collect(),
            exdates.into_iter().flatten().collect(),
        )
    }

    /// Builds a schedule from times already read (by [`Schedule::parse`] or the iCalendar
    /// reader) and checks what needs the zone: times that do not exist, the end before the
    /// start, the rule. Errors name the members as [`Schedule::parse`] does.
    pub(crate) fn from_parts(
        timezone: Tz,
        all_day: bool,
        start: NaiveDateTime,
        end: Option<NaiveDateTime>,
        rrule: Option<&str>,
        mut rdates: Vec<NaiveDateTime>,
        mut exdates: Vec<NaiveDateTime>,
    ) -> Result<Schedule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let midnight = |t: NaiveDateTime| t.date().and_time(NaiveTime::MIN);
        let (start, end) = if all_day {
            rdates.iter_mut().for_each(|t| *t = midnight(*t));
            exdates.iter_mut().for_each(|t| *t = midnight(*t));
            let start = midnight(start);
            let end = end.map_or(start, midnight);
            if end < start {
                errors.push(FieldError::new("ends_at", "is before starts_at"));
            }
            (start, Some(end))
        } else {
            let start_ok = exists(timezone, start);
            if !start_ok {
                errors.push(FieldError::new("starts_at", skipped_time(timezone)));
            }
            let end = match end {
                Some(end) if !exists(timezone, end) => {
                    errors.push(FieldError::new("ends_at", skipped_time(timezone)));
                    None
                }
                Some(end) if start_ok => {
                    match to_utc(timezone, end).cmp(&to_utc(timezone, start)) {
                        Ordering::Less => {
                            errors.push(FieldError::new("ends_at", "is before starts_at"));
                            None
                        }
                        // A zero-length event is an instant, as iCalendar writes it.
                        Ordering::Equal => None,
                        Ordering::Greater => Some(end),
                    }
                }
                other => other,
            };
            // Only a time the client names is refused: EXDATEs match the nominal times a rule
            // produces, and those may fall in a gap.
            for (i, rdate) in rdates.iter().enumerate() {
                if !exists(timezone, *rdate) {
                    errors.push(FieldError::new(
                        format!("rdates[{i}]"),
                        skipped_time(timezone),
                    ));
                }
            }
            (start, end)
        };
        let rrule = match rrule.map(str::trim).filter(|r| !r.is_empty()) {
            None => None,
            Some(raw) => match prepare_rule(raw, timezone, all_day, start) {
                Ok(rule) => {
                    let first = RRuleSet::new(floating(start)).limit().rrule(rule.rule);
                    let first = first.into_iter().next().map(|t| t.naive_utc());
                    if first != Some(start) && (all_day || exists(timezone, start)) {
                        let shown = |t: NaiveDateTime| format_local(all_day, t);
                        errors.push(FieldError::new(
                            "rrule",
                            match first {
                                Some(first) => format!(
                                    "starts_at is not an occurrence of the rule; its first would be {}",
                                    shown(first)
                                ),
                                None => "the rule has no occurrence".to_owned(),
                            },
                        ));
                    }
                    Some(rule.normalised)
                }
                Err(message) => {
                    errors.push(FieldError::new("rrule", message));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        rdates.sort_unstable();
        rdates.dedup();
        exdates.sort_unstable();
        exdates.dedup();
        Ok(Schedule {
            timezone,
            all_day,
            start,
            end,
            rrule,
            rdates,
            exdates,
        })
    }

    pub fn start_utc(&self) -> DateTime<Utc> {
        to_utc(self.timezone, self.start)
    }

    /// The end of the first occurrence in UTC (for an instant event the start; all-day: midnight after the last day).
    pub fn end_utc(&self) -> DateTime<Utc> {
        if self.all_day {
            to_utc(self.timezone, self.last_day() + Duration::days(1))
        } else {
            self.end
                .map_or_else(|| self.start_utc(), |end| to_utc(self.timezone, end))
        }
    }

    /// Occurrences overlapping [from, to), sorted by start, at most `limit`.
    /// Wall-clock times stay fixed across daylight-saving changes: a weekly 18:00 Europe/London event
    /// is 18:00 London time in winter (18:00Z) and summer (17:00Z). RDATEs added, EXDATEs removed; each
    /// occurrence lasts as long as the first.
    ///
    /// An instant event overlaps the window when it starts inside it. A rule that does not
    /// parse (only possible in a schedule not built by [`Schedule::parse`]) is ignored.
    pub fn occurrences(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: usize,
    ) -> Vec<Occurrence> {
        if limit == 0 || from >= to {
            return Vec::new();
        }
        let rule = self.prepared_rule();
        let length = self.length();
        // Checked: a caller may ask for everything with the extreme instants.
        let lower = (from.naive_utc())
            .checked_sub_signed(length)
            .and_then(|t| t.checked_sub_signed(LOCAL_MARGIN));
        let upper = (to.naive_utc())
            .checked_add_signed(LOCAL_MARGIN)
            .unwrap_or(NaiveDateTime::MAX);
        let mut found = Vec::new();
        // Local order and UTC order differ only around an offset change, so once `limit` are
        // found, walking on for a margin catches any that sort before them in UTC.
        let mut stop_after = upper;
        self.walk(rule.as_ref(), lower, |start| {
            if start > stop_after {
                return ControlFlow::Break(());
            }
            let occurrence = self.occurrence_at(start, length);
            let overlaps = occurrence.start_utc < to
                && (occurrence.end_utc > from
                    || (occurrence.end_utc == occurrence.start_utc
                        && occurrence.start_utc >= from));
            if overlaps {
                found.push(occurrence);
                if found.len() == limit {
                    let margin = start.checked_add_signed(LOCAL_MARGIN);
                    stop_after = stop_after.min(margin.unwrap_or(start));
                }
            }
            ControlFlow::Continue(())
        });
        found.sort_by_key(|o| o.start_utc);
        // Two local times can name one instant around a gap; iCalendar counts it once.
        found.dedup_by_key(|o| o.start_utc);
        found.truncate(limit);
        found
    }

    /// When the last occurrence ends (UTC), or None when the rule never ends (no COUNT/UNTIL).
    /// When EXDATEs remove every occurrence, the end of the first.
    pub fn last_end_utc(&self) -> Option<DateTime<Utc>> {
        let rule = self.prepared_rule();
        let last_start = match &rule {
            Some(r) if r.count.is_none() && r.until.is_none() => return None,
            Some(r) if r.count.is_none() => {
                let latest = [r.until, self.rdates.iter().copied().max(), Some(self.start)];
                let bound = latest.into_iter().flatten().max().unwrap_or(self.start);
                self.last_start_by(rule.as_ref(), bound)
            }
            _ => {
                let mut last = None;
                self.walk(rule.as_ref(), None, |start| {
                    last = Some(start);
                    ControlFlow::Continue(())
                });
                last
            }
        };
        Some(last_start.map_or_else(
            || self.end_utc(),
            |start| self.occurrence_at(start, self.length()).end_utc,
        ))
    }

    /// `2026-07-30T18:00:00`, or `2026-07-30` for all-day events (the wire form of a local time).
    pub fn format_local(&self, t: NaiveDateTime) -> String {
        format_local(self.all_day, t)
    }

    /// The wire form of `ends_at` (all-day: the last day, inclusive), None for instant events.
    pub fn ends_at(&self) -> Option<String> {
        if self.all_day {
            Some(self.format_local(self.last_day()))
        } else {
            self.end.map(|end| self.format_local(end))
        }
    }

    /// Midnight of the last day of an all-day event (a schedule built by hand may lack `end`).
    fn last_day(&self) -> NaiveDateTime {
        self.end.unwrap_or(self.start).max(self.start)
    }

    fn prepared_rule(&self) -> Option<PreparedRule> {
        let raw = self.rrule.as_deref()?;
        prepare_rule(raw, self.timezone, self.all_day, self.start).ok()
    }

    /// How long every occurrence lasts: the first's number of days for all-day events, its
    /// exact duration otherwise (RFC 5545 §3.8.5.3).
    fn length(&self) -> Duration {
        if self.all_day {
            self.last_day() - self.start + Duration::days(1)
        } else {
            self.end_utc() - self.start_utc()
        }
    }

    /// The occurrence starting at local `start` and lasting `length` (see [`Schedule::length`]).
    fn occurrence_at(&self, start: NaiveDateTime, length: Duration) -> Occurrence {
        let tz = self.timezone;
        if self.all_day {
            let end = start + length;
            Occurrence {
                start,
                end,
                start_utc: to_utc(tz, start),
                end_utc: to_utc(tz, end),
            }
        } else {
            let start_utc = to_utc(tz, start);
            let end_utc = start_utc + length;
            Occurrence {
                start: start_utc.with_timezone(&tz).naive_local(),
                end: end_utc.with_timezone(&tz).naive_local(),
                start_utc,
                end_utc,
            }
        }
    }

    /// Calls `visit` with the local starts of the recurrence set from `from` on, in local order,
    /// until it breaks or the set ends. An uncounted rule starts near `from` instead of walking
    /// every period since the first.
    fn walk(
        &self,
        rule: Option<&PreparedRule>,
        from: Option<NaiveDateTime>,
        mut visit: impl FnMut(NaiveDateTime) -> ControlFlow<()>,
    ) {
        let mut set_start = self.start;
        if let (Some(rule), Some(from)) = (rule, from)
            && rule.count.is_none()
            && let Some(later) = fast_forward(&rule.rule, self.start, from)
        {
            set_start = later;
        }
        // The start is always an occurrence (RFC 5545 §3.8.5.3), even of a rule it does not fit.
        let mut set = RRuleSet::new(floating(set_start))
            .limit()
            .rdate(floating(self.start));
        if let Some(rule) = rule {
            set = set.rrule(rule.rule.clone());
        }
        for rdate in &self.rdates {
            set = set.rdate(floating(*rdate));
        }
        for exdate in &self.exdates {
            set = set.exdate(floating(*exdate));
        }
        let mut previous = None;
        for t in &set {
            let t = t.naive_utc();
            if previous == Some(t) || from.is_some_and(|from| t < from) {
                continue;
            }
            previous = Some(t);
            if visit(t).is_break() {
                break;
            }
        }
    }

    /// The last local start at or before `until` of an UNTIL-bounded set, found by expanding
    /// ever larger windows back from `until`.
    fn last_start_by(
        &self,
        rule: Option<&PreparedRule>,
        until: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        let mut span = Duration::days(400);
        loop {
            let lower = until.checked_sub_signed(span).filter(|l| *l > self.start);
            let mut last = None;
            self.walk(rule, lower, |start| {
                if start > until {
                    return ControlFlow::Break(());
                }
                last = Some(start);
                ControlFlow::Continue(())
            });
            if last.is_some() || lower.is_none() {
                return last;
            }
            span = span * 4;
        }
    }
}

/// A recurrence rule checked against its schedule, ready for the `rrule` crate.
struct PreparedRule {
    /// The rule as stored: upper case, no prefix, UNTIL in the form RFC 5545 wants for the
    /// schedule (a date for all-day events, UTC otherwise).
    normalised: String,
    /// Validated against the floating start.
    rule: RRule,
    count: Option<u32>,
    /// The local (floating) UNTIL.
    until: Option<NaiveDateTime>,
}

/// Reads, normalises and validates an RRULE value for a schedule starting at local `start`.
fn prepare_rule(
    raw: &str,
    tz: Tz,
    all_day: bool,
    start: NaiveDateTime,
) -> Result<PreparedRule, String> {
    let upper = raw.trim().to_ascii_uppercase();
    let text = upper.strip_prefix("RRULE:").unwrap_or(&upper);
    let mut parts: Vec<String> = (text.split(';').map(str::trim))
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    // UNTIL is read here: the crate reads a floating or date UNTIL in the server's own zone, and
    // refuses a date UNTIL, which RFC 5545 requires for all-day events.
    let mut until = None;
    for part in &mut parts {
        if let Some(value) = part.strip_prefix("UNTIL=") {
            if until.is_some() {
                return Err("UNTIL is given twice".into());
            }
            let (local, written) = read_until(value, tz, all_day)?;
            until = Some(local);
            *part = format!("UNTIL={written}");
        }
    }
    let without_until: Vec<&str> = (parts.iter())
        .filter(|p| !p.starts_with("UNTIL="))
        .map(String::as_str)
        .collect();
    let mut rule: RRule<Unvalidated> = without_until
        .join(";")
        .parse()
        .map_err(|e: rrule::RRuleError| e.to_string())?;
    if matches!(rule.get_freq(), Frequency::Secondly | Frequency::Minutely) {
        return Err("FREQ=SECONDLY and FREQ=MINUTELY are not supported".into());
    }
    if rule.get_interval() == 0 {
        return Err("INTERVAL must be at least 1".into());
    }
    let count = rule.get_count();
    match (count, until) {
        (Some(_), Some(_)) => return Err("COUNT and UNTIL cannot both be set".into()),
        (Some(count), None) if count > MAX_COUNT => {
            return Err(format!("COUNT must be at most {MAX_COUNT}"));
        }
        _ => {}
    }
    if let Some(until) = until {
        rule = rule.until(floating(until));
    }
    let rule = rule.validate(floating(start)).map_err(|e| e.to_string())?;
    Ok(PreparedRule {
        normalised: parts.join(";"),
        rule,
        count,
        until,
    })
}

/// Reads an UNTIL value (`YYYYMMDD`, `YYYYMMDDTHHMMSS`, `YYYYMMDDTHHMMSSZ`) as a local time of
/// the schedule, and gives the form to store: a date for all-day events, UTC otherwise. A date
/// UNTIL on a timed event includes that whole local day.
fn read_until(value: &str, tz: Tz, all_day: bool) -> Result<(NaiveDateTime, String), String> {
    let bad =
        || format!("UNTIL `{value}` is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSSZ)");
    let (local, instant) = if let Some(date) = parse_ical_date(value) {
        let local = if all_day {
            date.and_time(NaiveTime::MIN)
        } else {
            date.and_hms_opt(23, 59, 59).ok_or_else(bad)?
        };
        (local, to_utc(tz, local))
    } else if let Some(utc) = value.strip_suffix('Z') {
        let utc = parse_ical_datetime(utc).ok_or_else(bad)?.and_utc();
        (utc.with_timezone(&tz).naive_local(), utc)
    } else {
        let local = parse_ical_datetime(value).ok_or_else(bad)?;
        (local, to_utc(tz, local))
    };
    if all_day {
        let date = local.date();
        Ok((
            date.and_time(NaiveTime::MIN),
            date.format("%Y%m%d").to_string(),
        ))
    } else {
        Ok((local, instant.format("%Y%m%dT%H%M%SZ").to_string()))
    }
}

/// The first period start, whole INTERVALs after the rule's first period, that is at or before
/// `target`: expanding from there yields the same occurrences from `target` on as expanding from
/// `start`, since every BYxxx default was filled in from `start` when the rule was validated.
/// None when no such period is later than `start`.
fn fast_forward(
    rule: &RRule,
    start: NaiveDateTime,
    target: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let interval = i64::from(rule.get_interval());
    if target <= start || interval == 0 {
        return None;
    }
    let periods = |elapsed: i64| elapsed / interval * interval;
    let later = match rule.get_freq() {
        Frequency::Yearly => {
            let years = periods(i64::from(target.year() - start.year()));
            NaiveDate::from_ymd_opt(start.year() + i32::try_from(years).ok()?, 1, 1)?
                .and_time(NaiveTime::MIN)
        }
        Frequency::Monthly => {
            let month = |t: NaiveDateTime| i64::from(t.year()) * 12 + i64::from(t.month0());
            let months = month(start) + periods(month(target) - month(start));
            let year = i32::try_from(months.div_euclid(12)).ok()?;
            let month0 = u32::try_from(months.rem_euclid(12)).ok()?;
            NaiveDate::from_ymd_opt(year, month0 + 1, 1)?.and_time(NaiveTime::MIN)
        }
        Frequency::Weekly => {
            let week_start =
                |d: NaiveDate| d - Duration::days(days_since(d.weekday(), rule.get_week_start()));
            let first = week_start(start.date());
            let weeks = (week_start(target.date()) - first).num_days() / 7;
            (first + Duration::weeks(periods(weeks))).and_time(NaiveTime::MIN)
        }
        Frequency::Daily => {
            let days = (target.date() - start.date()).num_days();
            (start.date() + Duration::days(periods(days))).and_time(NaiveTime::MIN)
        }
        Frequency::Hourly => {
            let hour = start.date().and_hms_opt(start.hour(), 0, 0)?;
            hour + Duration::hours(periods((target - hour).num_hours()))
        }
        Frequency::Minutely | Frequency::Secondly => return None,
    };
    (later > start).then_some(later)
}

fn days_since(day: Weekday, week_start: Weekday) -> i64 {
    i64::from((day.num_days_from_monday() + 7 - week_start.num_days_from_monday()) % 7)
}

/// A local time handed to the `rrule` crate as if it were UTC (see the module comment).
fn floating(local: NaiveDateTime) -> DateTime<rrule::Tz> {
    rrule::Tz::UTC.from_utc_datetime(&local)
}

/// Whether a local time happens in the zone (it does not when the clocks skip over it).
pub(crate) fn exists(tz: Tz, local: NaiveDateTime) -> bool {
    tz.from_local_datetime(&local).earliest().is_some()
}

/// The instant of a local time in a zone, as RFC 5545 §3.3.5 reads it: a repeated time is the
/// first of the two, a skipped time is read with the offset in force before the gap (02:30 on
/// the morning New York skips 02:00-03:00 is 03:30 EDT).
pub(crate) fn to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            let before = (1..=48)
                .find_map(|h| {
                    tz.from_local_datetime(&(local - Duration::hours(h)))
                        .earliest()
                })
                .map_or(0, |t| t.offset().fix().local_minus_utc());
            (local - Duration::seconds(before.into())).and_utc()
        }
    }
}

fn skipped_time(tz: Tz) -> String {
    format!("does not exist in {tz}: the clocks skip over it")
}

fn format_local(all_day: bool, t: NaiveDateTime) -> String {
    if all_day {
        t.format("%Y-%m-%d").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// Whether `s` has the shape of `pattern`, where `d` stands for an ASCII digit.
fn shaped(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && (s.bytes().zip(pattern.bytes())).all(|(c, p)| {
            if p == b'd' {
                c.is_ascii_digit()
            } else {
                c == p
            }
        })
}

/// Reads a wire-form local time: `YYYY-MM-DD` for all-day events, else `YYYY-MM-DDTHH:MM[:SS]`.
fn parse_local(text: &str, all_day: bool) -> Result<NaiveDateTime, String> {
    if all_day {
        if !shaped(text, "dddd-dd-dd") {
            return Err("expected a date YYYY-MM-DD (the event is all-day)".into());
        }
        return NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|d| d.and_time(NaiveTime::MIN))
            .map_err(|_| "not a valid date".into());
    }
    let format = if shaped(text, "dddd-dd-ddTdd:dd:dd") {
        "%Y-%m-%dT%H:%M:%S"
    } else if shaped(text, "dddd-dd-ddTdd:dd") {
        "%Y-%m-%dT%H:%M"
    } else if text.len() > 19
        && text.is_char_boundary(19)
        && shaped(&text[..19], "dddd-dd-ddTdd:dd:dd")
    {
        return Err("must be a local time in the event's time zone, without an offset".into());
    } else {
        return Err("expected a local date-time YYYY-MM-DDTHH:MM:SS or YYYY-MM-DDTHH:MM".into());
    };
    NaiveDateTime::parse_from_str(text, format)
        // chrono reads second 60 as a leap second; a wall-clock time never has one.
        .ok()
        .filter(|t| t.nanosecond() == 0)
        .ok_or_else(|| "not a valid date-time".into())
}

/// `YYYYMMDD`.
pub(crate) fn parse_ical_date(text: &str) -> Option<NaiveDate> {
    shaped(text, "dddddddd")
        .then(|| NaiveDate::parse_from_str(text, "%Y%m%d").ok())
        .flatten()
}

/// `YYYYMMDDTHHMMSS` (no `Z`).
pub(crate) fn parse_ical_datetime(text: &str) -> Option<NaiveDateTime> {
    shaped(text, "ddddddddTdddddd")
        .then(|| NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok())
        .flatten()
        .filter(|t| t.nanosecond() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn local(text: &str) -> NaiveDateTime {
        if text.len() == 10 {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .unwrap()
                .and_time(NaiveTime::MIN)
        } else {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
        }
    }

    struct Input {
        timezone: &'static str,
        all_day: bool,
        starts_at: &'static str,
        ends_at: Option<&'static str>,
        rrule: Option<&'static str>,
        rdates: Vec<String>,
        exdates: Vec<String>,
    }

    fn input(timezone: &'static str, starts_at: &'static str) -> Input {
        Input {
            timezone,
            all_day: starts_at.len() == 10,
            starts_at,
            ends_at: None,
            rrule: None,
            rdates: Vec::new(),
            exdates: Vec::new(),
        }
    }

    impl Input {
        fn ends(mut self, ends_at: &'static str) -> Self {
            self.ends_at = Some(ends_at);
            self
        }
        fn rule(mut self, rrule: &'static str) -> Self {
            self.rrule = Some(rrule);
            self
        }
        fn rdates(mut self, rdates: &[&str]) -> Self {
            self.rdates = rdates.iter().map(|s| s.to_string()).collect();
            self
        }
        fn exdates(mut self, exdates: &[&str]) -> Self {
            self.exdates = exdates.iter().map(|s| s.to_string()).collect();
            self
        }
        fn parse(&self) -> Result<Schedule, Vec<FieldError>> {
            Schedule::parse(&ScheduleInput {
                timezone: self.timezone,
                all_day: self.all_day,
                starts_at: self.starts_at,
                ends_at: self.ends_at,
                rrule: self.rrule,
                rdates: &self.rdates,
                exdates: &self.exdates,
            })
        }
        fn ok(&self) -> Schedule {
            self.parse().unwrap()
        }
        /// The members named by the errors.
        fn fields(&self) -> Vec<String> {
            self.parse()
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect()
        }
    }

    fn starts_utc(occurrences: &[Occurrence]) -> Vec<String> {
        occurrences
            .iter()
            .map(|o| o.start_utc.format("%Y-%m-%dT%H:%MZ").to_string())
            .collect()
    }

    fn starts_local(occurrences: &[Occurrence]) -> Vec<String> {
        occurrences
            .iter()
            .map(|o| o.start.format("%Y-%m-%dT%H:%M").to_string())
            .collect()
    }

    /// The occurrences overlapping [from, to) among all those walked from the first, without
    /// the fast-forward that windowed expansion does.
    fn all_overlapping(s: &Schedule, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        s.occurrences(utc("0001-01-01T00:00:00Z"), to, 1_000_000)
            .into_iter()
            .filter(|o| {
                o.start_utc < to
                    && (o.end_utc > from || (o.end_utc == o.start_utc && o.start_utc >= from))
            })
            .collect()
    }

    #[test]
    fn weekly_wall_clock_time_survives_both_daylight_saving_changes() {
        let s = input("Europe/London", "2026-03-17T18:00")
            .ends("2026-03-17T19:30")
            .rule("FREQ=WEEKLY;BYDAY=TU")
            .ok();
        // Clocks go forward on Sunday 29 March 2026.
        let spring = s.occurrences(utc("2026-03-10T00:00:00Z"), utc("2026-04-08T00:00:00Z"), 10);
        assert_eq!(
            starts_utc(&spring),
            [
                "2026-03-17T18:00Z",
                "2026-03-24T18:00Z",
                "2026-03-31T17:00Z",
                "2026-04-07T17:00Z"
            ]
        );
        assert!(
            spring
                .iter()
                .all(|o| o.start.time() == local("2026-01-01T18:00:00").time())
        );
        assert!(
            spring
                .iter()
                .all(|o| o.end.time() == local("2026-01-01T19:30:00").time())
        );
        // And back on Sunday 25 October 2026.
        let autumn = s.occurrences(utc("2026-10-15T00:00:00Z"), utc("2026-11-04T00:00:00Z"), 10);
        assert_eq!(
            starts_utc(&autumn),
            [
                "2026-10-20T17:00Z",
                "2026-10-27T18:00Z",
                "2026-11-03T18:00Z"
            ]
        );
        assert_eq!(
            starts_local(&autumn),
            ["2026-10-20T18:00", "2026-10-27T18:00", "2026-11-03T18:00"]
        );
        assert_eq!(autumn[1].end_utc, utc("2026-10-27T19:30:00Z"));
    }

    #[test]
    fn a_start_the_clocks_skip_is_refused_and_a_repeated_one_is_the_first() {
        let skipped = input("Europe/London", "2026-03-29T01:30");
        assert_eq!(skipped.fields(), ["starts_at"]);
        let skipped_end = input("Europe/London", "2026-03-29T00:30").ends("2026-03-29T01:15:00");
        assert_eq!(skipped_end.fields(), ["ends_at"]);
        let skipped_rdate =
            input("Europe/London", "2026-03-28T01:30").rdates(&["2026-03-29T01:30"]);
        assert_eq!(skipped_rdate.fields(), ["rdates[0]"]);

        // 01:30 happens twice on 25 October 2026: first in BST.
        let repeated = input("Europe/London", "2026-10-25T01:30").ok();
        assert_eq!(repeated.start_utc(), utc("2026-10-25T00:30:00Z"));
        let new_york = input("America/New_York", "2026-11-01T01:30").ok();
        assert_eq!(new_york.start_utc(), utc("2026-11-01T05:30:00Z"));
    }

    #[test]
    fn a_skipped_local_time_is_read_with_the_offset_before_the_gap() {
        let new_york = local("2007-03-11T02:30:00");
        assert!(!exists(Tz::America__New_York, new_york));
        assert_eq!(
            to_utc(Tz::America__New_York, new_york),
            utc("2007-03-11T07:30:00Z")
        );
        // A daily 01:30 occurrence on the day London skips 01:00-02:00 happens at 02:30 BST.
        let s = input("Europe/London", "2026-03-27T01:30")
            .ends("2026-03-27T02:00")
            .rule("FREQ=DAILY;COUNT=4")
            .ok();
        let all = s.occurrences(utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"), 10);
        assert_eq!(
            starts_utc(&all),
            [
                "2026-03-27T01:30Z",
                "2026-03-28T01:30Z",
                "2026-03-29T01:30Z",
                "2026-03-30T00:30Z"
            ]
        );
        assert_eq!(all[2].start, local("2026-03-29T02:30:00"));
        assert_eq!(all[2].end, local("2026-03-29T03:00:00"));
    }

    #[test]
    fn a_one_day_all_day_event() {
        let s = input("Europe/London", "2026-07-30").ok();
        assert!(s.all_day);
        assert_eq!(s.end, Some(local("2026-07-30")));
        assert_eq!(s.ends_at().as_deref(), Some("2026-07-30"));
        assert_eq!(s.format_local(s.start), "2026-07-30");
        assert_eq!(s.start_utc(), utc("2026-07-29T23:00:00Z"));
        assert_eq!(s.end_utc(), utc("2026-07-30T23:00:00Z"));
        let all = s.occurrences(utc("2026-07-30T12:00:00Z"), utc("2026-07-30T13:00:00Z"), 5);
        assert_eq!(
            all,
            [Occurrence {
                start: local("2026-07-30"),
                end: local("2026-07-31"),
                start_utc: utc("2026-07-29T23:00:00Z"),
                end_utc: utc("2026-07-30T23:00:00Z"),
            }]
        );
        assert_eq!(s.last_end_utc(), Some(utc("2026-07-30T23:00:00Z")));
        // A window that ends as the day begins does not touch it.
        assert!(
            s.occurrences(utc("2026-07-29T00:00:00Z"), utc("2026-07-29T23:00:00Z"), 5)
                .is_empty()
        );
    }

    #[test]
    fn a_multi_day_all_day_event_recurring_yearly() {
        let s = input("Europe/London", "2026-12-30")
            .ends("2027-01-01")
            .rule("FREQ=YEARLY;COUNT=3")
            .ok();
        assert_eq!(s.ends_at().as_deref(), Some("2027-01-01"));
        let all = s.occurrences(utc("2026-01-01T00:00:00Z"), utc("2030-01-01T00:00:00Z"), 10);
        assert_eq!(
            all.iter().map(|o| (o.start, o.end)).collect::<Vec<_>>(),
            [
                (local("2026-12-30"), local("2027-01-02")),
                (local("2027-12-30"), local("2028-01-02")),
                (local("2028-12-30"), local("2029-01-02")),
            ]
        );
        assert_eq!(s.last_end_utc(), Some(utc("2029-01-02T00:00:00Z")));
        let wrong = input("Europe/London", "2026-07-30").ends("2026-07-29");
        assert_eq!(wrong.fields(), ["ends_at"]);
        let mut timed = input("Europe/London", "2026-07-30T10:00");
        timed.all_day = true;
        assert_eq!(timed.fields(), ["starts_at"]);
    }

    #[test]
    fn an_instant_event() {
        let s = input("Europe/London", "2026-05-01T12:00").ok();
        assert_eq!(s.end, None);
        assert_eq!(s.ends_at(), None);
        assert_eq!(s.end_utc(), s.start_utc());
        // Zero length is an instant too.
        let same = input("Europe/London", "2026-05-01T12:00")
            .ends("2026-05-01T12:00:00")
            .ok();
        assert_eq!(same, s);
        let at = utc("2026-05-01T11:00:00Z");
        let all = s.occurrences(at, utc("2026-05-01T11:00:01Z"), 5);
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].start_utc, all[0].end_utc), (at, at));
        assert!(s.occurrences(utc("2026-05-01T10:00:00Z"), at, 5).is_empty());
        assert_eq!(s.last_end_utc(), Some(at));
        let everything = s.occurrences(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, 5);
        assert_eq!(everything, all);
    }

    #[test]
    fn exdates_remove_and_rdates_add_occurrences() {
        let s = input("Europe/London", "2026-09-01T18:00")
            .ends("2026-09-01T19:30")
            .rule("FREQ=WEEKLY;COUNT=4;BYDAY=TU")
            .exdates(&["2026-09-15T18:00"])
            .rdates(&["2026-09-17T10:00:00", "2026-12-25T09:00"])
            .ok();
        let all = s.occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), 10);
        assert_eq!(
            starts_local(&all),
            [
                "2026-09-01T18:00",
                "2026-09-08T18:00",
                "2026-09-17T10:00",
                "2026-09-22T18:00",
                "2026-12-25T09:00"
            ]
        );
        // The RDATE lasts as long as the first occurrence.
        assert_eq!(all[4].end, local("2026-12-25T10:30:00"));
        assert_eq!(s.last_end_utc(), Some(utc("2026-12-25T10:30:00Z")));
        // The start itself can be excluded.
        let without_first = input("Europe/London", "2026-09-01T18:00")
            .rule("FREQ=WEEKLY;COUNT=2")
            .exdates(&["2026-09-01T18:00"])
            .ok();
        let rest =
            without_first.occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), 10);
        assert_eq!(starts_local(&rest), ["2026-09-08T18:00"]);
    }

    #[test]
    fn monthly_first_wednesday() {
        let s = input("Europe/London", "2026-01-07T14:00")
            .ends("2026-01-07T15:00")
            .rule("FREQ=MONTHLY;BYDAY=1WE;COUNT=12")
            .ok();
        let all = s.occurrences(
            utc("2026-01-01T00:00:00Z"),
            utc("2028-01-01T00:00:00Z"),
            100,
        );
        let days: Vec<String> = all
            .iter()
            .map(|o| o.start.format("%m-%d").to_string())
            .collect();
        assert_eq!(
            days,
            [
                "01-07", "02-04", "03-04", "04-01", "05-06", "06-03", "07-01", "08-05", "09-02",
                "10-07", "11-04", "12-02"
            ]
        );
        assert_eq!(all[6].start_utc, utc("2026-07-01T13:00:00Z"));
        assert_eq!(s.last_end_utc(), Some(utc("2026-12-02T15:00:00Z")));
        // The rule must produce the start first.
        let not_first = input("Europe/London", "2026-01-08T14:00").rule("FREQ=MONTHLY;BYDAY=1WE");
        let errors = not_first.parse().unwrap_err();
        assert_eq!(errors[0].field, "rrule");
        assert!(
            errors[0].message.contains("2026-02-04T14:00:00"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_window_across_the_new_year() {
        let s = input("Europe/London", "2026-09-03T10:00")
            .ends("2026-09-03T11:00")
            .rule("FREQ=WEEKLY;INTERVAL=2")
            .ok();
        let all = s.occurrences(utc("2026-12-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"), 10);
        assert_eq!(
            starts_local(&all),
            [
                "2026-12-10T10:00",
                "2026-12-24T10:00",
                "2027-01-07T10:00",
                "2027-01-21T10:00"
            ]
        );
        // The limit keeps the earliest.
        let two = s.occurrences(utc("2026-12-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"), 2);
        assert_eq!(two, all[..2]);
        // An occurrence already under way at the window's start overlaps it.
        let during = s.occurrences(utc("2026-12-24T10:30:00Z"), utc("2026-12-24T10:31:00Z"), 10);
        assert_eq!(starts_local(&during), ["2026-12-24T10:00"]);
    }

    #[test]
    fn new_york_and_kolkata() {
        // New York springs forward on 8 March 2026 and falls back on 1 November.
        let ny = input("America/New_York", "2026-03-06T09:00")
            .ends("2026-03-06T10:00")
            .rule("FREQ=DAILY")
            .ok();
        let march = ny.occurrences(utc("2026-03-07T00:00:00Z"), utc("2026-03-10T00:00:00Z"), 10);
        assert_eq!(
            starts_utc(&march),
            [
                "2026-03-07T14:00Z",
                "2026-03-08T13:00Z",
                "2026-03-09T13:00Z"
            ]
        );
        let november = ny.occurrences(utc("2026-10-31T00:00:00Z"), utc("2026-11-02T00:00:00Z"), 10);
        assert_eq!(
            starts_utc(&november),
            ["2026-10-31T13:00Z", "2026-11-01T14:00Z"]
        );
        assert_eq!(ny.last_end_utc(), None);

        let kolkata = input("Asia/Kolkata", "2026-01-15T18:00")
            .ends("2026-01-15T20:00")
            .rule("FREQ=MONTHLY;COUNT=12")
            .ok();
        let all = kolkata.occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), 20);
        assert_eq!(all.len(), 12);
        assert!(
            all.iter()
                .all(|o| o.start_utc.format("%H:%M").to_string() == "12:30")
        );
        assert_eq!(kolkata.last_end_utc(), Some(utc("2026-12-15T14:30:00Z")));
    }

    #[test]
    fn last_end_for_count_until_and_unbounded_rules() {
        let count = input("Europe/London", "2026-09-01T18:00")
            .ends("2026-09-01T19:30")
            .rule("FREQ=WEEKLY;COUNT=20;BYDAY=TU")
            .ok();
        assert_eq!(count.last_end_utc(), Some(utc("2027-01-12T19:30:00Z")));
        let until = input("Europe/London", "2026-10-01T15:00")
            .ends("2026-10-01T16:00")
            .rule("FREQ=WEEKLY;UNTIL=20270325T235959Z;BYDAY=TH")
            .exdates(&["2027-03-25T15:00"])
            .ok();
        assert_eq!(until.last_end_utc(), Some(utc("2027-03-18T16:00:00Z")));
        // A far UNTIL is found without walking every occurrence since the start.
        let far = input("UTC", "2000-01-01T00:00")
            .rule("FREQ=HOURLY;UNTIL=29991231T000000Z")
            .ok();
        assert_eq!(far.last_end_utc(), Some(utc("2999-12-31T00:00:00Z")));
        let never = input("Europe/London", "2026-10-01T15:00")
            .rule("FREQ=YEARLY")
            .ok();
        assert_eq!(never.last_end_utc(), None);
        let single = input("Europe/London", "2026-10-01T15:00")
            .ends("2026-10-01T17:00")
            .ok();
        assert_eq!(single.last_end_utc(), Some(utc("2026-10-01T16:00:00Z")));
    }

    #[test]
    fn rules_are_normalised() {
        let lower = input("Europe/London", "2026-10-01T15:00")
            .rule(" rrule:freq=weekly;byday=th;count=3 ")
            .ok();
        assert_eq!(lower.rrule.as_deref(), Some("FREQ=WEEKLY;BYDAY=TH;COUNT=3"));
        // A floating UNTIL is stored in UTC, as RFC 5545 wants with a zoned start.
        let floating_until = input("Europe/London", "2026-10-01T15:00")
            .rule("FREQ=WEEKLY;UNTIL=20261105T150000")
            .ok();
        assert_eq!(
            floating_until.rrule.as_deref(),
            Some("FREQ=WEEKLY;UNTIL=20261105T150000Z")
        );
        let summer_until = input("Europe/London", "2026-07-02T15:00")
            .rule("FREQ=WEEKLY;UNTIL=20260806T150000")
            .ok();
        assert_eq!(
            summer_until.rrule.as_deref(),
            Some("FREQ=WEEKLY;UNTIL=20260806T140000Z")
        );
        assert_eq!(
            summer_until.last_end_utc(),
            Some(utc("2026-08-06T14:00:00Z"))
        );
        // All-day rules keep a date UNTIL, and a UTC one becomes the local date.
        let all_day = input("Europe/London", "2026-07-30")
            .rule("FREQ=DAILY;UNTIL=20260801T230000Z")
            .ok();
        assert_eq!(all_day.rrule.as_deref(), Some("FREQ=DAILY;UNTIL=20260802"));
        assert_eq!(all_day.last_end_utc(), Some(utc("2026-08-02T23:00:00Z")));
        let empty = input("Europe/London", "2026-10-01T15:00").rule("").ok();
        assert_eq!(empty.rrule, None);
    }

    #[test]
    fn each_bad_member_is_named() {
        assert_eq!(
            input("Mars/Olympus_Mons", "2026-10-01T15:00").fields(),
            ["timezone"]
        );
        assert_eq!(
            input("Europe/London", "2026-13-01T15:00").fields(),
            ["starts_at"]
        );
        assert_eq!(
            input("Europe/London", "2026-10-01 15:00").fields(),
            ["starts_at"]
        );
        let offset = input("Europe/London", "2026-10-01T15:00:00Z")
            .parse()
            .unwrap_err();
        assert_eq!(offset[0].field, "starts_at");
        assert!(offset[0].message.contains("offset"));
        assert_eq!(
            input("Europe/London", "2026-10-01T15:00:60").fields(),
            ["starts_at"]
        );
        let before = input("Europe/London", "2026-10-01T15:00").ends("2026-10-01T14:59");
        assert_eq!(before.fields(), ["ends_at"]);
        let form = input("Europe/London", "2026-10-01T15:00").ends("tomorrow");
        assert_eq!(form.fields(), ["ends_at"]);
        for rule in [
            "FREQ=FORTNIGHTLY",
            "FREQ=WEEKLY;BYMONTHDAY=3",
            "FREQ=MINUTELY",
            "FREQ=SECONDLY;COUNT=3",
            "FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z",
            "FREQ=DAILY;COUNT=1001",
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=DAILY;UNTIL=20261231;UNTIL=20271231",
            "FREQ=DAILY;UNTIL=2026",
            "FREQ=DAILY;UNTIL=20260901T000000Z",
            "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2",
        ] {
            let bad = input("Europe/London", "2026-10-01T15:00").rule(rule);
            assert_eq!(bad.fields(), ["rrule"], "{rule}");
        }
        let crate_message = input("Europe/London", "2026-10-01T15:00").rule("FREQ=FORTNIGHTLY");
        assert!(
            crate_message.parse().unwrap_err()[0]
                .message
                .contains("FORTNIGHTLY")
        );
        let lists = input("Europe/London", "2026-10-01T15:00")
            .rdates(&["2026-10-02T15:00", "2026-10-03", "2026-10-04T15:00"])
            .exdates(&["nope"]);
        assert_eq!(lists.fields(), ["rdates[1]", "exdates[0]"]);
        let all_day = input("Europe/London", "2026-10-01").rdates(&["2026-10-05T10:00"]);
        assert_eq!(all_day.fields(), ["rdates[0]"]);
    }

    #[test]
    fn windowed_expansion_matches_expansion_from_the_start() {
        let rules = [
            ("2019-01-31T09:15", "FREQ=YEARLY"),
            (
                "2019-01-25T09:15",
                "FREQ=YEARLY;INTERVAL=3;BYMONTH=1,7;BYDAY=-1FR",
            ),
            ("2020-02-29T09:15", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
            ("2019-12-23T09:15", "FREQ=YEARLY;BYWEEKNO=1,52;BYDAY=MO"),
            ("2019-01-31T09:15", "FREQ=MONTHLY;INTERVAL=5"),
            ("2019-01-28T09:15", "FREQ=MONTHLY;BYDAY=MO,FR;BYSETPOS=-1"),
            ("2019-01-02T09:15", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE,-1WE"),
            (
                "2019-01-03T09:15",
                "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH,SU;WKST=SU",
            ),
            (
                "2019-01-03T09:15",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;BYSETPOS=1",
            ),
            ("2019-01-03T23:30", "FREQ=DAILY;INTERVAL=9"),
            ("2019-03-01T01:30", "FREQ=DAILY;BYMONTH=3,10;BYHOUR=1,23"),
            ("2019-01-03T05:45", "FREQ=HOURLY;INTERVAL=7"),
            (
                "2019-01-03T05:45",
                "FREQ=HOURLY;INTERVAL=5;BYHOUR=0,1,2,3,5,8,13",
            ),
            ("2019-01-03T05:45", "FREQ=WEEKLY;UNTIL=20270101T000000Z"),
        ];
        let windows = [
            ("2019-01-01T00:00:00Z", "2019-03-01T00:00:00Z"),
            ("2023-03-20T00:00:00Z", "2023-04-10T00:00:00Z"),
            ("2024-10-25T00:00:00Z", "2024-11-05T00:00:00Z"),
            ("2026-12-28T12:00:00Z", "2027-01-09T00:00:00Z"),
            ("2031-02-01T00:00:00Z", "2033-03-01T00:00:00Z"),
        ];
        for zone in [
            "Europe/London",
            "America/New_York",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
        ] {
            let tz: Tz = zone.parse().unwrap();
            for (start, rule) in rules {
                let start = local(&format!("{start}:00"));
                for length in [Duration::zero(), Duration::hours(26)] {
                    let s = Schedule::from_parts(
                        tz,
                        false,
                        start,
                        Some(start + length),
                        Some(rule),
                        vec![],
                        vec![],
                    );
                    let Ok(s) = s else {
                        panic!("{zone} {start} {rule}: {s:?}");
                    };
                    for (from, to) in windows {
                        let (from, to) = (utc(from), utc(to));
                        let windowed = s.occurrences(from, to, 10_000);
                        assert_eq!(
                            windowed,
                            all_overlapping(&s, from, to),
                            "{zone} {rule} {from}"
                        );
                        assert_eq!(
                            s.occurrences(from, to, 3),
                            windowed[..windowed.len().min(3)]
                        );
                    }
                }
            }
        }
    }
}
