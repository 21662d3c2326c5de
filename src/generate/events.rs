//! Events over the past year and the coming one, in the time zones of the network:
//! webinars, trainings and conferences, some all day, some recurring, at venues or online.

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};

use super::posts::{Extras, body, tags};
use super::rng::{Rng, Zipf};
use super::site::{Site, stream};
use super::text::{Subject, event_title, plain};
use super::words::{PUBLISHER_SITES, PUBLISHERS, TIMEZONES, VENUES};
use crate::content::Status;
use crate::content::body::ContentSource;
use crate::content::entry::EntryInput;
use crate::content::terms::Taxonomy;
use crate::events::{EventChanges, Organizer, Venue};

/// Draws shared by every event: time zones, venues and organisers by popularity.
pub struct Draws {
    pub zones: Zipf,
    pub venues: Zipf,
    pub organisers: Zipf,
}

impl Draws {
    pub fn new() -> Draws {
        Draws {
            zones: Zipf::new(TIMEZONES.len(), 1.2),
            venues: Zipf::new(VENUES.len(), 0.8),
            organisers: Zipf::new(PUBLISHERS.len(), 1.0),
        }
    }
}

impl Default for Draws {
    fn default() -> Self {
        Draws::new()
    }
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// How an event repeats, and the local start of an occurrence to leave out.
fn recurrence(rng: &mut Rng, start: NaiveDateTime, all_day: bool) -> (String, Vec<NaiveDateTime>) {
    if all_day {
        return (
            format!("FREQ=YEARLY;COUNT={}", rng.between(2, 4)),
            Vec::new(),
        );
    }
    let day = weekday(start.weekday());
    let nth = (start.day() - 1) / 7 + 1;
    match rng.below(3) {
        0 if nth <= 4 => (
            format!("FREQ=MONTHLY;BYDAY={nth}{day};COUNT={}", rng.between(6, 12)),
            Vec::new(),
        ),
        1 => (
            format!(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY={day};COUNT={}",
                rng.between(4, 8)
            ),
            Vec::new(),
        ),
        _ => {
            let count = rng.between(4, 12);
            // A week off in a longer series (a holiday).
            let skip = if count >= 6 && rng.chance(0.4) {
                vec![start + Duration::weeks(rng.between(2, count - 2))]
            } else {
                Vec::new()
            };
            (format!("FREQ=WEEKLY;BYDAY={day};COUNT={count}"), skip)
        }
    }
}

/// Event number `i`: its entry and its own part. One in five repeats and one in four
/// lasts whole days, whatever the seed, so that a small site has every shape.
pub fn event(site: &Site, draws: &Draws, i: usize) -> (EntryInput, EventChanges) {
    let mut rng = Rng::of(site.seed, stream::EVENTS, i as u64);
    let recurring = i % 5 == 1;
    let all_day = i % 4 == 2;
    // At a venue (in its time zone), online, or both.
    let place = rng.unit();
    let venue = (place < 0.75).then(|| VENUES[draws.venues.sample(&mut rng)]);
    let timezone = match venue {
        Some(v) => v.timezone,
        None => TIMEZONES[draws.zones.sample(&mut rng)],
    };
    let mut day = site.today + Duration::days(rng.between(-365, 365));
    // On a working day.
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day += Duration::days(1);
    }
    let (start, end, format) = if all_day {
        let days = [0, 0, 0, 1, 2][rng.below(5)];
        (day, day + Duration::days(days), "%Y-%m-%d")
    } else {
        let start = day + Duration::minutes(rng.between(18, 32) * 30);
        let length = [60, 90, 90, 120, 180, 480][rng.below(6)];
        (start, start + Duration::minutes(length), "%Y-%m-%dT%H:%M")
    };
    let (rrule, exdates) = if recurring {
        let (rule, skip) = recurrence(&mut rng, start, all_day);
        (Some(rule), skip)
    } else {
        (None, Vec::new())
    };
    let subject = Subject::draw(&mut rng, day.year());
    let title = event_title(&mut rng, &subject);
    let size = rng.between(700, 2200) as usize;
    let content = body(
        &mut rng,
        site,
        &subject,
        size,
        Extras {
            media: false,
            reusable: true,
        },
    );
    let excerpt = rng.chance(0.5).then(|| plain(&mut rng, &subject, 1));
    let organiser = draws.organisers.sample(&mut rng);
    let domain = PUBLISHER_SITES[organiser].trim_start_matches("www.");
    let venue = venue.map(|v| Venue {
        name: v.name.into(),
        address: v.address.into(),
        city: v.city.into(),
        region: String::new(),
        postal_code: v.postal_code.into(),
        country: v.country.into(),
        latitude: Some(v.latitude),
        longitude: Some(v.longitude),
    });
    let online_url = if place >= 0.65 {
        format!("https://meet.{domain}/events/{}-{i}", site.seed)
    } else {
        String::new()
    };
    let is_free = rng.chance(0.7);
    let (cost, ticket_url) = if is_free {
        ("Free".to_owned(), String::new())
    } else {
        (
            format!("£{}", rng.between(2, 25) * 10),
            format!("https://{domain}/tickets/{}-{i}", site.seed),
        )
    };
    let status = if rng.chance(0.05) {
        Status::Draft
    } else {
        Status::Published
    };
    // Announced a while before it starts, and never after today.
    let announced = (day - Duration::days(rng.between(14, 90)))
        .min(site.today - Duration::days(rng.between(1, 10)))
        + Duration::minutes(rng.between(8 * 60, 17 * 60));
    let category = site.event_categories[rng.below(site.event_categories.len())];
    let tag_count = rng.below(3);
    let tags = tags(&mut rng, site, &subject, tag_count);
    let author = site.authors[site.author_rank.sample(&mut rng)];
    let local = |t: NaiveDateTime| t.format(format).to_string();
    let changes = EventChanges {
        timezone: Some(timezone.into()),
        all_day: Some(all_day),
        starts_at: Some(local(start)),
        ends_at: Some(Some(local(end))),
        rrule: Some(rrule),
        rdates: Some(Vec::new()),
        exdates: Some(exdates.into_iter().map(local).collect()),
        venue: Some(venue),
        online_url: Some(online_url),
        organizer: Some(Some(Organizer {
            name: PUBLISHERS[organiser].into(),
            email: format!("events@{domain}"),
            url: format!("https://{}/", PUBLISHER_SITES[organiser]),
        })),
        cost: Some(cost),
        is_free: Some(is_free),
        ticket_url: Some(ticket_url),
        uid: Some(format!("generated-{}-{i}@headpress", site.seed)),
    };
    (
        EntryInput {
            title: Some(title),
            status: Some(status),
            excerpt,
            content: Some(ContentSource::Html(content)),
            published_at: Some(announced),
            author_id: Some(author),
            terms: vec![
                (Taxonomy::EventCategory, vec![category]),
                (Taxonomy::Tag, tags),
            ],
            ..Default::default()
        },
        changes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::schedule::{Schedule, ScheduleInput};

    #[test]
    fn every_event_has_a_valid_schedule_and_some_recur() {
        let site = Site::for_tests(3);
        let draws = Draws::new();
        let (mut recurring, mut all_day, mut online) = (0, 0, 0);
        for i in 0..300 {
            let (entry, c) = event(&site, &draws, i);
            let exdates = c.exdates.clone().unwrap_or_default();
            let schedule = Schedule::parse(&ScheduleInput {
                timezone: c.timezone.as_deref().unwrap_or(""),
                all_day: c.all_day.unwrap_or(false),
                starts_at: c.starts_at.as_deref().unwrap_or(""),
                ends_at: c.ends_at.clone().flatten().as_deref(),
                rrule: c.rrule.clone().flatten().as_deref(),
                rdates: &[],
                exdates: &exdates,
            })
            .unwrap_or_else(|e| panic!("event {i}: {e:?} in {c:?}"));
            recurring += usize::from(schedule.rrule.is_some());
            all_day += usize::from(schedule.all_day);
            online += usize::from(c.online_url.as_deref().is_some_and(|u| !u.is_empty()));
            assert!(entry.published_at.is_some_and(|t| t < site.today));
            let gap = (schedule.start - site.today).num_days().abs();
            assert!(gap <= 367, "event {i} starts {gap} days away");
        }
        assert_eq!(recurring, 60);
        assert_eq!(all_day, 75);
        assert!((50..150).contains(&online), "{online}");
    }

    #[test]
    fn every_time_zone_is_known() {
        for tz in TIMEZONES.iter().chain(VENUES.iter().map(|v| &v.timezone)) {
            assert!(tz.parse::<chrono_tz::Tz>().is_ok(), "{tz}");
        }
    }
}
