//! Where an event takes place and who runs it. Both are stored as JSON beside the event
//! and travel as they are, so they are checked here once.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::html::check_url;
use crate::error::FieldError;

/// Where an event takes place. Every member is optional on input; text members left out
/// read as empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    /// The place's name (`Church House`). Default: empty.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub name: String,
    /// Street address. Default: empty.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub address: String,
    /// Town or city. Default: empty.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub city: String,
    /// State, county or region. Default: empty.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub region: String,
    /// Postal code. Default: empty.
    #[serde(default)]
    #[schema(max_length = 50)]
    pub postal_code: String,
    /// Country, as written for people. Default: empty.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub country: String,
    /// Latitude in decimal degrees, given together with `longitude`, or null.
    #[schema(minimum = -90, maximum = 90)]
    pub latitude: Option<f64>,
    /// Longitude in decimal degrees, given together with `latitude`, or null.
    #[schema(minimum = -180, maximum = 180)]
    pub longitude: Option<f64>,
}

impl Venue {
    /// One line for calendars: `Name, Address, City, Region Postal code, Country`.
    pub fn one_line(&self) -> String {
        let region = [self.region.as_str(), self.postal_code.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.name.as_str(),
            self.address.as_str(),
            self.city.as_str(),
            region.as_str(),
            self.country.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }

    pub(super) fn check(&self, errors: &mut Vec<FieldError>) {
        let limits = [
            ("name", &self.name, 300),
            ("address", &self.address, 500),
            ("city", &self.city, 200),
            ("region", &self.region, 200),
            ("postal_code", &self.postal_code, 50),
            ("country", &self.country, 200),
        ];
        for (name, value, max) in limits {
            if value.chars().count() > max {
                errors.push(FieldError::new(
                    format!("venue.{name}"),
                    format!("must be at most {max} characters long"),
                ));
            }
        }
        if self.latitude.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
            errors.push(FieldError::new(
                "venue.latitude",
                "must be between -90 and 90",
            ));
        }
        if self
            .longitude
            .is_some_and(|l| !(-180.0..=180.0).contains(&l))
        {
            errors.push(FieldError::new(
                "venue.longitude",
                "must be between -180 and 180",
            ));
        }
        if self.latitude.is_some() != self.longitude.is_some() {
            errors.push(FieldError::new(
                "venue.longitude",
                "latitude and longitude go together",
            ));
        }
    }
}

/// Who runs an event. Every member is optional on input and reads as empty when left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Organizer {
    /// The organizer's name. Default: empty.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub name: String,
    /// A contact email address. Default: empty.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub email: String,
    /// The organizer's website: an `http` or `https` URL. Default: empty.
    #[serde(default)]
    #[schema(
        pattern = "^$|^https?://[^/?#\\[\\]\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]+([/?#][^\\s\\x00-\\x1f\\x7f-\\x9f\\ufeff]*)?$",
        max_length = 2000
    )]
    pub url: String,
}

impl Organizer {
    pub(super) fn check(&mut self, errors: &mut Vec<FieldError>) {
        self.name = self.name.trim().to_owned();
        self.email = self.email.trim().to_owned();
        if self.name.chars().count() > 300 {
            errors.push(FieldError::new(
                "organizer.name",
                "must be at most 300 characters long",
            ));
        }
        let plausible = |e: &str| {
            let mut parts = e.split('@');
            matches!((parts.next(), parts.next(), parts.next()), (Some(l), Some(d), None)
                if !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.'))
                && !e.chars().any(char::is_whitespace)
                && e.len() <= 300
        };
        if !self.email.is_empty() && !plausible(&self.email) {
            errors.push(FieldError::new(
                "organizer.email",
                "must be an email address",
            ));
        }
        if let Err(m) = check_url(&self.url) {
            errors.push(FieldError::new("organizer.url", m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venues_read_as_one_line() {
        let v = Venue {
            name: "Church House".into(),
            address: "Dean's Yard".into(),
            city: "London".into(),
            postal_code: "SW1P 3NZ".into(),
            country: "United Kingdom".into(),
            ..Default::default()
        };
        assert_eq!(
            v.one_line(),
            "Church House, Dean's Yard, London, SW1P 3NZ, United Kingdom"
        );
    }
}
