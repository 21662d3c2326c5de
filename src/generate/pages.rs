//! Pages: a tree a few levels deep under the site's main sections, each level in order.

use chrono::Datelike;

use super::posts::{Extras, body};
use super::rng::Rng;
use super::site::{Site, stream};
use super::text::{Subject, plain};
use super::words::{COUNTRIES, SECTORS, THEMES};
use crate::content::Status;
use crate::content::body::ContentSource;
use crate::content::entry::EntryInput;

/// The top of the tree.
const SECTIONS: &[&str] = &[
    "About us",
    "Our work",
    "Resources",
    "Get involved",
    "News",
    "Contact",
];

/// Pages below the sections.
const SUBPAGES: &[&str] = &[
    "Our team",
    "Governance",
    "Annual reports",
    "Partners",
    "Careers",
    "Funders",
    "Policy briefings",
    "Press office",
    "Volunteer with us",
    "Safeguarding policy",
    "Privacy notice",
    "Accessibility",
    "History",
    "Board of trustees",
    "Frequently asked questions",
    "Training",
    "Newsletter",
    "Donate",
];

/// The deepest level (a section is level 1).
const MAX_DEPTH: usize = 4;

/// Where each page sits: its parent (an earlier page) and its place among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub parent: Option<usize>,
    pub menu_order: i32,
    pub depth: usize,
}

/// The tree of `count` pages: the sections first, then every page under an earlier one
/// (sections likeliest), none deeper than four levels.
pub fn tree(seed: u64, count: usize) -> Vec<Place> {
    let mut rng = Rng::of(seed, stream::PAGES, u64::MAX);
    let mut places: Vec<Place> = Vec::with_capacity(count);
    let mut children = vec![0i32; count];
    for i in 0..count {
        let parent = if i < SECTIONS.len() {
            None
        } else if rng.chance(0.4) {
            Some(rng.below(SECTIONS.len()))
        } else {
            // Any earlier page with room below it; sections otherwise.
            let candidate = rng.below(i);
            if places[candidate].depth < MAX_DEPTH {
                Some(candidate)
            } else {
                places[candidate].parent
            }
        };
        let (depth, menu_order) = match parent {
            Some(p) => {
                children[p] += 1;
                (places[p].depth + 1, children[p])
            }
            None => (1, i as i32 + 1),
        };
        places.push(Place {
            parent,
            menu_order,
            depth,
        });
    }
    places
}

/// Page number `i` at `place`: its entry and template.
pub fn page(site: &Site, i: usize, place: &Place) -> (EntryInput, String) {
    let mut rng = Rng::of(site.seed, stream::PAGES, i as u64);
    let published_at = site.past(&mut rng, 6 * 365);
    let subject = Subject::draw(&mut rng, published_at.year());
    let title = match SECTIONS.get(i) {
        Some(section) => (*section).to_owned(),
        None => match rng.below(4) {
            0 => rng.pick(SUBPAGES).to_owned(),
            1 => rng.pick(THEMES).name.to_owned(),
            2 => format!(
                "Programme in {}",
                rng.pick(COUNTRIES).trim_start_matches("the ")
            ),
            _ => format!("{} sector", rng.pick(SECTORS)),
        },
    };
    // Drafts only further down a big tree, so that a small one shows every level.
    let status = if i >= 10 && place.depth > 1 && rng.chance(0.08) {
        Status::Draft
    } else {
        Status::Published
    };
    let size = rng.between(600, 2400) as usize;
    let content = body(
        &mut rng,
        site,
        &subject,
        size,
        Extras {
            media: true,
            reusable: true,
        },
    );
    let template = match place.depth {
        1 if rng.chance(0.5) => "landing",
        _ if rng.chance(0.2) => "full-width",
        _ => "default",
    };
    let excerpt = rng.chance(0.3).then(|| plain(&mut rng, &subject, 1));
    let author = site.authors[site.author_rank.sample(&mut rng)];
    (
        EntryInput {
            title: Some(title),
            status: Some(status),
            excerpt,
            content: Some(ContentSource::Html(content)),
            published_at: Some(published_at),
            author_id: Some(author),
            ..Default::default()
        },
        template.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_has_sections_levels_and_order() {
        let places = tree(1, 200);
        assert!(places[..SECTIONS.len()].iter().all(|p| p.parent.is_none()));
        assert!(places.iter().all(|p| p.depth <= MAX_DEPTH));
        assert!(places.iter().any(|p| p.depth >= 3));
        for (i, p) in places.iter().enumerate() {
            if let Some(parent) = p.parent {
                assert!(parent < i);
                assert_eq!(p.depth, places[parent].depth + 1);
            }
        }
        // Siblings are numbered 1, 2, 3, ... in the order they were made.
        let under_first: Vec<i32> = places
            .iter()
            .filter(|p| p.parent == Some(0))
            .map(|p| p.menu_order)
            .collect();
        assert_eq!(
            under_first,
            (1..=under_first.len() as i32).collect::<Vec<_>>()
        );
        assert_eq!(tree(1, 200), places);
        let small = tree(1, 8);
        assert!(small.iter().any(|p| p.depth > 1));
    }
}
