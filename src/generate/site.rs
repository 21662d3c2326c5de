//! The frame of a generated site: how much of each kind a number of posts asks for, the
//! authors, taxonomies, field group and reusable blocks every item refers to, and the
//! dates everything is placed around.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::blocks::Markup;
use super::rng::{Rng, Zipf};
use super::text::{Slugs, tag_slug};
use super::words::{
    AUTHORS, CATEGORIES, COUNTRIES, EVENT_CATEGORIES, REGIONS, RESOURCE_TYPES, SECTORS, THEMES,
    TRAFFICKING_THEMES,
};
use crate::content::body::ContentSource;
use crate::content::entry::EntryInput;
use crate::content::field_groups::{self, GroupInput};
use crate::content::reusable::ReusableBlocks;
use crate::content::terms::{self, Taxonomy, TermInput};
use crate::content::{Role, Status, Viewer, items};
use crate::db::DbConn;
use crate::error::Result;
use crate::users::{self, CreateUser};

/// Streams of random numbers, one per kind of thing made.
pub mod stream {
    pub const ANCHOR: u64 = 1;
    pub const BLOCKS: u64 = 2;
    pub const POSTS: u64 = 3;
    pub const PAGES: u64 = 4;
    pub const RESOURCES: u64 = 5;
    pub const EVENTS: u64 = 6;
}

/// How much of each kind `--posts N` makes: resources, events, pages and tags in
/// proportion to the posts (with a floor, so that a small site still has every shape), and
/// a handful of categories, authors and reusable blocks that grows slowly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub posts: usize,
    pub pages: usize,
    pub resources: usize,
    pub events: usize,
    pub blocks: usize,
    pub tags: usize,
    pub categories: usize,
    pub resource_types: usize,
    pub event_categories: usize,
    pub authors: usize,
}

impl Plan {
    pub fn for_posts(posts: usize) -> Plan {
        Plan {
            posts,
            pages: (posts / 50).max(8),
            resources: (posts / 5).max(10),
            events: (posts / 15).max(6),
            blocks: (8 + posts / 2000).min(40),
            tags: (posts / 25).max(40),
            categories: (5 + posts / 2000).min(CATEGORIES.len()),
            resource_types: RESOURCE_TYPES.len(),
            event_categories: EVENT_CATEGORIES.len(),
            authors: (4 + posts / 10_000).min(AUTHORS.len()),
        }
    }

    /// The content items (what the progress bar counts).
    pub fn items(&self) -> usize {
        self.posts + self.pages + self.resources + self.events + self.blocks
    }
}

/// A term made for the site.
#[derive(Debug, Clone)]
pub struct Tag {
    pub id: i64,
    pub name: String,
}

/// Everything items refer to, and the dates they are placed around.
pub struct Site {
    pub seed: u64,
    /// Past dates count back from here: fixed by the seed, so that the same seed gives
    /// the same dates whenever it runs.
    pub anchor: NaiveDateTime,
    /// Midnight (UTC) of the day of the run: scheduled items and events are placed around
    /// it, since an event of two years ago says nothing about what is coming.
    pub today: NaiveDateTime,
    /// Who writes (the site's administrator).
    pub viewer: Viewer,
    pub authors: Vec<i64>,
    pub author_rank: Zipf,
    pub tags: Vec<Tag>,
    pub tag_rank: Zipf,
    /// The tag of each theme, by the theme's name.
    pub theme_tags: HashMap<&'static str, usize>,
    pub categories: Vec<i64>,
    pub category_rank: Zipf,
    pub resource_types: Vec<i64>,
    pub type_rank: Zipf,
    pub event_categories: Vec<i64>,
    pub blocks: Vec<i64>,
    pub block_rank: Zipf,
}

impl Site {
    /// A tag drawn by popularity.
    pub fn tag(&self, rng: &mut Rng) -> usize {
        self.tag_rank.sample(rng)
    }

    /// A date in the `days` before the anchor, recent ones likelier, in office hours.
    pub fn past(&self, rng: &mut Rng, days: i64) -> NaiveDateTime {
        let u = rng.unit();
        let back = (u * u * days as f64) as i64;
        self.anchor - Duration::days(back + 1) + office_hours(rng)
    }

    /// A date in the `days` after today, in office hours.
    pub fn ahead(&self, rng: &mut Rng, days: i64) -> NaiveDateTime {
        self.today + Duration::days(rng.between(1, days)) + office_hours(rng)
    }
}

impl Site {
    /// A site whose ids are made up, for tests of what items are made of.
    #[cfg(test)]
    pub fn for_tests(seed: u64) -> Site {
        let plan = Plan::for_posts(1_000);
        let today = NaiveDate::from_ymd_opt(2026, 12, 5)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let ids = |from: i64, n: usize| (from..from + n as i64).collect::<Vec<_>>();
        let tags: Vec<Tag> = tag_names(plan.tags)
            .into_iter()
            .zip(1000..)
            .map(|(name, id)| Tag { id, name })
            .collect();
        let theme_tags = THEMES
            .iter()
            .chain(TRAFFICKING_THEMES)
            .filter_map(|t| Some((t.name, tags.iter().position(|g| g.name == t.name)?)))
            .collect();
        Site {
            seed,
            anchor: anchor(seed, today),
            today,
            viewer: Viewer::Anonymous,
            authors: ids(1, plan.authors),
            author_rank: Zipf::new(plan.authors, 0.8),
            tag_rank: Zipf::new(tags.len(), 1.05),
            tags,
            theme_tags,
            categories: ids(100, plan.categories),
            category_rank: Zipf::new(plan.categories, 1.0),
            resource_types: ids(200, plan.resource_types),
            type_rank: Zipf::new(plan.resource_types, 1.0),
            event_categories: ids(300, plan.event_categories),
            blocks: ids(400, plan.blocks),
            block_rank: Zipf::new(plan.blocks, 1.0),
        }
    }
}

fn office_hours(rng: &mut Rng) -> Duration {
    Duration::minutes(rng.between(7 * 60, 18 * 60))
}

/// The anchor of a seed: a day in 2025, never after `today`.
pub fn anchor(seed: u64, today: NaiveDateTime) -> NaiveDateTime {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let days = Rng::of(seed, stream::ANCHOR, 0).below(365) as i64;
    (start - Duration::days(days)).min(today)
}

/// The names of `count` tags, the most used first: themes, regions and sectors, then
/// countries, then sectors and themes in countries and regions.
pub fn tag_names(count: usize) -> Vec<String> {
    let countries = || COUNTRIES.iter().map(|c| c.trim_start_matches("the "));
    let mut themes: Vec<&str> = THEMES.iter().map(|t| t.name).collect();
    for (i, t) in TRAFFICKING_THEMES.iter().enumerate() {
        themes.insert((i * 5 + 1).min(themes.len()), t.name);
    }
    let mut names: Vec<String> = themes.iter().map(|t| (*t).to_owned()).collect();
    names.extend(REGIONS.iter().map(|r| (*r).to_owned()));
    names.extend(SECTORS.iter().map(|s| (*s).to_owned()));
    names.extend(countries().map(str::to_owned));
    let mut combos = Vec::new();
    for c in countries() {
        combos.extend(SECTORS.iter().map(|s| format!("{s} in {c}")));
        combos.extend(themes.iter().map(|t| format!("{t} in {c}")));
    }
    for r in REGIONS {
        combos.extend(themes.iter().map(|t| format!("{t} in {r}")));
    }
    for t in &themes {
        combos.extend(SECTORS.iter().map(|s| format!("{t}: {s}")));
    }
    // Spread the combinations (a step prime to their number visits each once), so that no
    // one country or theme takes every rank in a row.
    let n = combos.len();
    let mut step = 7919 % n.max(1);
    while gcd(step, n) != 1 {
        step += 1;
    }
    names.extend((0..n).map(|i| combos[(i * step) % n].clone()));
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(tag_slug(name)));
    // Beyond the combinations (a million posts), numbered rounds of them.
    let base = names.len();
    for i in base..count {
        names.push(format!("{} ({})", names[i % base], i / base + 1));
    }
    names.truncate(count);
    names
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The users, taxonomies, field group and reusable blocks of the site.
pub fn build(
    conn: &mut DbConn,
    plan: &Plan,
    seed: u64,
    today: NaiveDateTime,
    mut step: impl FnMut(),
) -> Result<Site> {
    let mut authors = Vec::with_capacity(plan.authors);
    for (i, name) in AUTHORS.iter().take(plan.authors.max(1)).enumerate() {
        let username = if i == 0 {
            "site-admin".to_owned()
        } else {
            tag_slug(name).replace('-', ".")
        };
        let user = match users::find_by_username(conn, &username)? {
            Some(u) => u,
            None => users::create(
                conn,
                CreateUser {
                    email: format!("{username}@example.org"),
                    username,
                    password: None,
                    display_name: (*name).to_owned(),
                    role: match i {
                        0 => Role::Admin,
                        1 => Role::Editor,
                        _ => Role::Author,
                    },
                },
            )?,
        };
        authors.push(user.id);
    }
    let viewer = Viewer::User {
        id: authors[0],
        role: Role::Admin,
    };
    let category_names: Vec<String> = CATEGORIES[..plan.categories]
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    let categories = make_terms(conn, Taxonomy::Category, &category_names)?;
    let tag_names = tag_names(plan.tags);
    let tag_ids = make_terms(conn, Taxonomy::Tag, &tag_names)?;
    let tags: Vec<Tag> = tag_ids
        .into_iter()
        .zip(tag_names)
        .map(|(id, name)| Tag { id, name })
        .collect();
    let theme_tags = THEMES
        .iter()
        .chain(TRAFFICKING_THEMES)
        .filter_map(|t| Some((t.name, tags.iter().position(|g| g.name == t.name)?)))
        .collect();
    let type_names: Vec<String> = RESOURCE_TYPES[..plan.resource_types]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let resource_types = make_terms(conn, Taxonomy::ResourceType, &type_names)?;
    let event_category_names: Vec<String> = EVENT_CATEGORIES[..plan.event_categories]
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let event_categories = make_terms(conn, Taxonomy::EventCategory, &event_category_names)?;
    let existing = field_groups::list(conn)?;
    if !existing.iter().any(|g| g.key == RESOURCE_GROUP) {
        field_groups::create(conn, resource_group())?;
    }
    let mut blocks = Vec::with_capacity(plan.blocks);
    let mut slugs = Slugs::taken(super::existing_slugs(conn, crate::content::Kind::Block)?);
    for i in 0..plan.blocks {
        let (title, markup) = reusable_block(&mut Rng::of(seed, stream::BLOCKS, i as u64), i);
        let e = items::create::<ReusableBlocks>(
            conn,
            viewer,
            EntryInput {
                slug: Some(slugs.claim(&title)),
                title: Some(title),
                status: Some(Status::Published),
                content: Some(ContentSource::Html(markup)),
                ..Default::default()
            },
            (),
        )?;
        blocks.push(e.id);
        step();
    }
    Ok(Site {
        seed,
        anchor: anchor(seed, today),
        today,
        viewer,
        author_rank: Zipf::new(authors.len(), 0.8),
        authors,
        tag_rank: Zipf::new(tags.len(), 1.05),
        tags,
        theme_tags,
        category_rank: Zipf::new(categories.len(), 1.0),
        categories,
        type_rank: Zipf::new(resource_types.len(), 1.0),
        resource_types,
        event_categories,
        block_rank: Zipf::new(blocks.len(), 1.0),
        blocks,
    })
}

/// Terms of a taxonomy by name; ones that exist already (by slug) are kept as they are.
fn make_terms(conn: &mut DbConn, taxonomy: Taxonomy, names: &[String]) -> Result<Vec<i64>> {
    let mut slugs = Slugs::default();
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let slug = slugs.claim(name);
        let id = match terms::id_by_slug(conn, taxonomy, &slug)? {
            Some(id) => id,
            None => {
                terms::create(
                    conn,
                    taxonomy,
                    TermInput {
                        name: Some(name.clone()),
                        slug: Some(slug),
                        ..Default::default()
                    },
                )?
                .id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

/// The key of the resources' field group (as the demo's).
pub const RESOURCE_GROUP: &str = crate::content::resources::DETAILS_GROUP;

/// The resources' custom fields, after the real site's ACF group "Resource details".
fn resource_group() -> GroupInput {
    let countries: Vec<&str> = COUNTRIES
        .iter()
        .map(|c| c.trim_start_matches("the "))
        .collect();
    crate::content::resources::details_group(&countries)
}

/// A reusable block: calls to action and notices, as on the real site (the first few are
/// its own; later ones are variants of them).
fn reusable_block(rng: &mut Rng, i: usize) -> (String, String) {
    const KINDS: [&str; 8] = [
        "Newsletter signup call to action",
        "Report a concern helpline",
        "Disclaimer: external resources",
        "Donate banner",
        "Further reading: UN Guiding Principles",
        "Event registration",
        "Research series footer",
        "Contact the policy team",
    ];
    let kind = i % KINDS.len();
    let title = match i / KINDS.len() {
        0 => KINDS[kind].to_owned(),
        n => format!("{} ({})", KINDS[kind], n + 1),
    };
    let color = rng.pick(&[
        "tertiary",
        "secondary",
        "pale-cyan-blue",
        "light-green-cyan",
    ]);
    let mut m = Markup::with_capacity(600);
    match kind {
        0 => m.group(color, |g| {
            g.paragraph(|p| {
                p.push_str(
                    "<strong>Stay informed.</strong> Get the latest resources, news and events on \
                     human rights and modern slavery in your inbox every month.",
                )
            });
            g.buttons([("Subscribe to the newsletter", "/get-involved/newsletter/")]);
        }),
        1 => m.paragraph(|p| {
            p.push_str(
                "If you think someone is a victim of modern slavery, call the Modern Slavery &amp; \
                 Exploitation Helpline on <strong>08000 121 700</strong> (24 hours, confidential). \
                 In an emergency, always call 999.",
            )
        }),
        2 => m.paragraph(|p| {
            p.push_str(
                "<em>Resources listed on this site are produced by third parties. Their inclusion \
                 does not imply endorsement, and the views expressed are those of the authors.</em>",
            )
        }),
        3 => {
            m.heading(3, "Support our work");
            m.paragraph(|p| {
                p.push_str(
                    "Your donation helps survivors rebuild their lives and funds research that \
                     holds businesses and governments to account.",
                )
            });
            m.buttons([("Donate now", "/get-involved/donate/")]);
        }
        4 => m.list(
            false,
            [
                "UN Guiding Principles on Business and Human Rights (2011)",
                "OECD Due Diligence Guidance for Responsible Business Conduct (2018)",
                "ILO Forced Labour Protocol, P029 (2014)",
            ],
        ),
        5 => m.group(color, |g| {
            g.paragraph(|p| {
                p.push_str(
                    "Places are limited. Registration closes a week before the event; recordings \
                     are shared with everyone who registers.",
                )
            });
            g.buttons([("Register", "/events/register/")]);
        }),
        6 => m.paragraph(|p| {
            p.push_str(
                "This article is part of our research series on business and human rights. \
                 <a href=\"/research/\">Browse the whole series</a>.",
            )
        }),
        _ => {
            m.heading(3, "Talk to us");
            m.paragraph(|p| {
                p.push_str(
                    "Our policy team advises companies, investors and public bodies. Write to \
                     <a href=\"mailto:policy@example.org\">policy@example.org</a>.",
                )
            });
        }
    }
    (title, m.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_grows_with_the_posts() {
        let small = Plan::for_posts(60);
        assert_eq!((small.pages, small.resources, small.events), (8, 12, 6));
        assert_eq!(small.tags, 40);
        let big = Plan::for_posts(100_000);
        assert_eq!(big.resources, 20_000);
        assert_eq!(big.events, 6_666);
        assert_eq!(big.pages, 2_000);
        assert_eq!(big.tags, 4_000);
        assert_eq!(big.blocks, 40);
        assert!((5..=12).contains(&big.categories));
    }

    #[test]
    fn tag_names_are_distinct_and_as_many_as_asked() {
        for n in [40, 4_000, 40_000] {
            let names = tag_names(n);
            assert_eq!(names.len(), n);
            let mut slugs = std::collections::HashSet::new();
            for name in &names {
                assert!(slugs.insert(tag_slug(name)), "{name}");
            }
        }
    }
}
