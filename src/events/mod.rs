//! Events: schedules in an IANA time zone with RFC 5545 recurrence, the expansion of their
//! occurrences, and iCalendar feeds written and read. Pure code: no database, no HTTP.

pub mod ical;
pub mod schedule;
