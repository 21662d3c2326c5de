//! The reader's dates and times: DTSTART, DTEND or DURATION, RRULE, RDATE, EXDATE and changed
//! occurrences, placed in the event's zone and made one [`Schedule`].

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::ZONE_PROPERTY;
use super::lines::{IcsError, Property, RawEvent, clip, error, read_duration};
use crate::error::FieldError;
use crate::events::schedule::{Schedule, exists, parse_ical_date, parse_ical_datetime, to_utc};

/// A date or date-time value as written, before it is placed in the event's zone.
#[derive(Debug, Clone, Copy)]
pub(super) enum When {
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

pub(super) fn read_time(property: &Property) -> Result<When, IcsError> {
    read_times(property)?
        .into_iter()
        .next()
        .ok_or_else(|| error(property.line, format!("{} has no value", property.name)))
}

/// An IANA zone name, or one behind a path prefix (`/mozilla.org/20050126_1/Europe/London`).
pub(super) fn lookup_zone(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"');
    std::iter::once(name)
        .chain(name.match_indices('/').map(|(i, _)| &name[i + 1..]))
        .find_map(|candidate| candidate.parse::<Tz>().ok())
}

pub(super) fn unknown_zone(line: usize, name: &str) -> IcsError {
    error(line, format!("unknown time zone `{}`", clip(name.trim())))
}

/// A changed occurrence (a VEVENT with RECURRENCE-ID), to fold into its recurring event.
pub(super) struct Override {
    pub(super) original: When,
    pub(super) original_line: usize,
    /// The new start, None when the occurrence is cancelled.
    pub(super) start: Option<(When, usize)>,
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
pub(super) fn read_schedule(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::ical::parse;
    use crate::events::ical::testing::utc;

    #[test]
    fn times_in_every_form_land_in_the_event_zone() {
        // The file has bare LF line ends, lower-case names and a fold by tab: all are read.
        let calendar = parse(include_str!("testdata/every-form-of-time.ics")).unwrap();
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
        let calendar = parse(include_str!("testdata/changed-occurrences.ics")).unwrap();
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
}
