//! The checks of one plain value of each format (text, number, email, URL, date and time,
//! choice), shared by the checking of input and the parsing of filter values.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde_json::Value;

use super::defs::FieldDef;
use super::quoted;

/// Above this many choices, listing them all would drown the error message.
const CHOICES_IN_MESSAGE: usize = 10;

pub(super) fn text(def: &FieldDef, value: &Value, multiline: bool) -> Result<String, String> {
    let s = value.as_str().ok_or("must be a string")?.trim();
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    if !s.chars().all(allowed) {
        return Err(if multiline {
            "must not contain control characters".to_owned()
        } else {
            "must be a single line without control characters".to_owned()
        });
    }
    within_length(def, s.to_owned())
}

pub(super) fn within_length(def: &FieldDef, s: String) -> Result<String, String> {
    match def.max_length {
        Some(max) if s.chars().count() > max as usize => {
            Err(format!("must be at most {max} characters"))
        }
        _ => Ok(s),
    }
}

/// Allowed slack when checking `step`, as the float error of a division grows with the
/// quotient.
const STEP_TOLERANCE: f64 = 1e-9;

pub(super) fn number(def: &FieldDef, value: &Value) -> Result<Value, String> {
    let x = value.as_f64().ok_or("must be a number")?;
    if let Some(min) = def.min
        && x < min
    {
        return Err(format!("must be at least {min}"));
    }
    if let Some(max) = def.max
        && x > max
    {
        return Err(format!("must be at most {max}"));
    }
    if let Some(step) = def.step.filter(|s| *s > 0.0) {
        let base = def.min.unwrap_or(0.0);
        let k = (x - base) / step;
        if (k - k.round()).abs() > STEP_TOLERANCE * k.abs().max(1.0) {
            return Err(if base == 0.0 {
                format!("must be a multiple of {step}")
            } else {
                format!("must be {base} plus a multiple of {step}")
            });
        }
    }
    Ok(value.clone())
}

pub(super) fn email(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be an email address";
    let s = value.as_str().ok_or(MESSAGE)?.trim();
    let (local, domain) = s.split_once('@').ok_or(MESSAGE)?;
    let plausible = !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if !plausible {
        return Err(MESSAGE.to_owned());
    }
    // Domains are case-insensitive; the local part may not be, so it is kept.
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

pub(super) fn url(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be an absolute http(s) URL";
    let s = value.as_str().ok_or(MESSAGE)?.trim();
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(MESSAGE.to_owned());
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(MESSAGE)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') || !host_fits(host) {
        return Err(MESSAGE.to_owned());
    }
    Ok(s.to_owned())
}

/// A host (and port) with brackets only around an IPv6 address: `[::1]:8080`, not `[`.
fn host_fits(host_port: &str) -> bool {
    match host_port.strip_prefix('[') {
        Some(inner) => inner.split_once(']').is_some_and(|(ip, after)| {
            ip.parse::<std::net::Ipv6Addr>().is_ok()
                && (after.is_empty()
                    || after
                        .strip_prefix(':')
                        .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit())))
        }),
        None => !host_port.contains(['[', ']']),
    }
}

/// `s` has this shape, where `9` stands for an ASCII digit.
fn shaped(s: &str, shape: &str) -> bool {
    s.len() == shape.len()
        && s.bytes().zip(shape.bytes()).all(|(c, p)| match p {
            b'9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

pub(super) fn date(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be a real date (YYYY-MM-DD)";
    let s = value.as_str().ok_or(MESSAGE)?;
    // chrono alone would also take `2024-5-1`.
    if !shaped(s, "9999-99-99") || NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
        return Err(MESSAGE.to_owned());
    }
    Ok(s.to_owned())
}

pub(super) fn datetime(value: &Value) -> Result<String, String> {
    const MESSAGE: &str =
        "must be a date and time with an offset (RFC 3339, such as `2024-05-01T09:30:00+02:00`)";
    let s = value.as_str().ok_or(MESSAGE)?;
    let at = DateTime::parse_from_rfc3339(s).map_err(|_| MESSAGE)?;
    Ok(at
        .with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string())
}

pub(super) fn time(value: &Value) -> Result<String, String> {
    const MESSAGE: &str = "must be a time (HH:MM or HH:MM:SS)";
    let s = value.as_str().ok_or(MESSAGE)?;
    let parsed = if shaped(s, "99:99") {
        NaiveTime::parse_from_str(s, "%H:%M")
    } else if shaped(s, "99:99:99") && &s[6..] <= "59" {
        // The seconds bound keeps out chrono's leap second, `23:59:60`.
        NaiveTime::parse_from_str(s, "%H:%M:%S")
    } else {
        return Err(MESSAGE.to_owned());
    };
    parsed
        .map(|t| t.format("%H:%M:%S").to_string())
        .map_err(|_| MESSAGE.to_owned())
}

pub(super) fn choice(def: &FieldDef, value: &Value) -> Result<String, String> {
    match value.as_str() {
        Some(s) if def.choices().iter().any(|c| c.value == s) => Ok(s.to_owned()),
        _ => Err(one_of_choices(def)),
    }
}

fn one_of_choices(def: &FieldDef) -> String {
    let choices = def.choices();
    if choices.len() > CHOICES_IN_MESSAGE {
        "must be one of the field's choices".to_owned()
    } else {
        format!(
            "must be one of {}",
            quoted(choices.iter().map(|c| c.value.as_str()))
        )
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::content::fields::test_support::{all, err, error, ok, parse};

    #[test]
    fn urls_take_brackets_only_around_an_ipv6_host() {
        use serde_json::Value;
        let url = |s: &str| super::url(&Value::String(s.to_owned()));
        assert!(url("http://[::1]/report.pdf").is_ok());
        assert!(url("https://[2001:db8::7]:8443/x?a=[1]").is_ok());
        for bad in [
            "http://[",
            "http://[::1",
            "https://a]b",
            "http://x[y]",
            "http://[]",
        ] {
            assert!(url(bad).is_err(), "{bad}");
        }
        assert!(url("https://example.org/a").is_ok());
    }

    #[test]
    fn text_is_trimmed_single_line_and_bounded() {
        let defs = all();
        assert_eq!(ok(&defs, "subtitle", json!("  Hello  ")), json!("Hello"));
        assert_eq!(
            ok(&defs, "subtitle", json!("éééééééééé")),
            json!("éééééééééé")
        );
        assert_eq!(
            error(&defs, "subtitle", json!("12345678901")),
            err("fields.subtitle", "must be at most 10 characters")
        );
        assert_eq!(
            error(&defs, "subtitle", json!("a\nb")),
            err(
                "fields.subtitle",
                "must be a single line without control characters"
            )
        );
        assert_eq!(
            error(&defs, "subtitle", json!(3)),
            err("fields.subtitle", "must be a string")
        );
        assert_eq!(ok(&defs, "summary", json!(" a\nb ")), json!("a\nb"));
        assert_eq!(
            error(&defs, "summary", json!("a\u{0}b")),
            err("fields.summary", "must not contain control characters")
        );
    }

    #[test]
    fn numbers_respect_bounds_and_step() {
        let defs = all();
        assert_eq!(ok(&defs, "year", json!(2020)), json!(2020));
        assert_eq!(ok(&defs, "year", json!(2100)), json!(2100));
        assert_eq!(
            error(&defs, "year", json!(2101)),
            err("fields.year", "must be at most 2100")
        );
        assert_eq!(
            error(&defs, "year", json!(1899)),
            err("fields.year", "must be at least 1900")
        );
        assert_eq!(
            error(&defs, "year", json!(2020.5)),
            err("fields.year", "must be 1900 plus a multiple of 1")
        );
        assert_eq!(
            error(&defs, "year", json!("2020")),
            err("fields.year", "must be a number")
        );
        let defs = parse(json!([
            { "name": "price", "type": "number", "step": 0.1 },
            { "name": "odd", "type": "number", "min": 1, "step": 2 }
        ]));
        assert_eq!(ok(&defs, "price", json!(0.3)), json!(0.3));
        assert_eq!(ok(&defs, "price", json!(123456.7)), json!(123456.7));
        assert_eq!(
            error(&defs, "price", json!(0.35)),
            err("fields.price", "must be a multiple of 0.1")
        );
        assert_eq!(ok(&defs, "odd", json!(7)), json!(7));
        assert_eq!(
            error(&defs, "odd", json!(6)),
            err("fields.odd", "must be 1 plus a multiple of 2")
        );
    }

    #[test]
    fn emails_are_plausible_with_lower_case_domains() {
        let defs = all();
        assert_eq!(
            ok(&defs, "contact", json!(" Ann.Lee@Example.ORG ")),
            json!("Ann.Lee@example.org")
        );
        for bad in [
            "ann",
            "ann@example",
            "a@b@example.org",
            "a b@example.org",
            "@example.org",
            "a@.org",
            "a@example..org",
        ] {
            assert_eq!(
                error(&defs, "contact", json!(bad)),
                err("fields.contact", "must be an email address"),
                "{bad}"
            );
        }
    }

    #[test]
    fn urls_are_absolute_http() {
        let defs = all();
        assert_eq!(
            ok(&defs, "website", json!("https://example.org/a?b=1#c")),
            json!("https://example.org/a?b=1#c")
        );
        assert_eq!(
            ok(&defs, "website", json!("HTTP://x.org")),
            json!("HTTP://x.org")
        );
        for bad in [
            "example.org",
            "ftp://example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "javascript:alert(1)",
            "https://a.org/\u{7}",
        ] {
            assert_eq!(
                error(&defs, "website", json!(bad)),
                err("fields.website", "must be an absolute http(s) URL"),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_times_and_datetimes_are_normalised() {
        let defs = all();
        assert_eq!(ok(&defs, "day", json!("2024-02-29")), json!("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-2-1",
            "01/02/2024",
            "2024-02-01T00:00:00Z",
        ] {
            assert_eq!(
                error(&defs, "day", json!(bad)),
                err("fields.day", "must be a real date (YYYY-MM-DD)"),
                "{bad}"
            );
        }
        assert_eq!(
            ok(&defs, "starts", json!("2024-05-01T23:30:00.5-02:00")),
            json!("2024-05-02T01:30:00Z")
        );
        let (path, message) = error(&defs, "starts", json!("2024-05-01T23:30:00"));
        assert_eq!(path, "fields.starts");
        assert!(
            message.starts_with("must be a date and time with an offset"),
            "{message}"
        );
        assert_eq!(ok(&defs, "opens", json!("09:30")), json!("09:30:00"));
        assert_eq!(ok(&defs, "opens", json!("23:59:59")), json!("23:59:59"));
        for bad in ["9:30", "24:00", "12:60", "23:59:60", "09:30:00Z"] {
            assert_eq!(
                error(&defs, "opens", json!(bad)),
                err("fields.opens", "must be a time (HH:MM or HH:MM:SS)"),
                "{bad}"
            );
        }
    }

    #[test]
    fn selects_take_one_choice_or_a_list_when_multiple() {
        let defs = all();
        assert_eq!(ok(&defs, "language", json!("fr")), json!("fr"));
        assert_eq!(
            error(&defs, "language", json!("de")),
            err("fields.language", "must be one of `en`, `fr`")
        );
        assert_eq!(
            error(&defs, "language", json!(["en"])),
            err("fields.language", "must be one of `en`, `fr`")
        );
        assert_eq!(
            ok(&defs, "topics", json!(["work", "health"])),
            json!(["work", "health"])
        );
        assert_eq!(
            error(&defs, "topics", json!("work")),
            err("fields.topics", "must be a list of choice values")
        );
    }
}
