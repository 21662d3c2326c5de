//! The syntax of iCalendar text: content lines unfolded with the physical line each
//! starts on, properties with their parameters, the raw properties of a component, and
//! errors that name a line.

use std::fmt;

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

pub(super) fn error(line: usize, message: impl Into<String>) -> IcsError {
    IcsError {
        line,
        message: message.into(),
    }
}

/// The logical lines of a text with the physical line each starts on, and the number of the
/// last physical line.
pub(super) fn unfold(text: &str) -> (Vec<(usize, String)>, usize) {
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
pub(super) struct Property {
    pub(super) line: usize,
    /// Upper case.
    pub(super) name: String,
    /// Upper-case names; several values of one parameter joined by commas, quotes removed.
    params: Vec<(String, String)>,
    pub(super) value: String,
}

impl Property {
    pub(super) fn parse(text: &str, line: usize) -> Result<Property, IcsError> {
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

    pub(super) fn param(&self, name: &str) -> Option<&str> {
        (self.params.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Enough of a bad token to recognise it in an error message.
pub(super) fn clip(text: &str) -> &str {
    text.char_indices()
        .nth(40)
        .map_or(text, |(i, _)| &text[..i])
}

/// The properties of one VEVENT, kept until the whole calendar (and its X-WR-TIMEZONE) is read.
pub(super) struct RawEvent {
    pub(super) line: usize,
    pub(super) properties: Vec<Property>,
}

impl RawEvent {
    pub(super) fn first(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub(super) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> {
        self.properties.iter().filter(move |p| p.name == name)
    }

    pub(super) fn text(&self, name: &str) -> Option<String> {
        self.first(name).map(|p| unescape_text(&p.value))
    }

    pub(super) fn uid(&self) -> Result<String, IcsError> {
        self.text("UID")
            .ok_or_else(|| error(self.line, "VEVENT has no UID"))
    }
}

/// A DURATION (`P1D`, `PT1H30M`, `P2W`) as nominal days and exact seconds; None when negative
/// (an event cannot end before it starts) or malformed.
pub(super) fn read_duration(value: &str) -> Option<(i64, i64)> {
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

/// A TEXT value unescaped: `\n` and `\N` newlines, `\,` `\;` `\\` themselves; a backslash
/// before anything else is dropped.
pub(super) fn unescape_text(value: &str) -> String {
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
