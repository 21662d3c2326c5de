//! Posts, and the bodies every kind is written with.

use chrono::{Datelike, NaiveDateTime};

use super::blocks::Markup;
use super::rng::Rng;
use super::site::{Site, stream};
use super::text::{Subject, capitalise, paragraph, plain, post_title};
use super::words::{CONDITIONS, HEADINGS, MEASURES, PEOPLE, QUOTES, ROLES};
use crate::content::Status;
use crate::content::body::ContentSource;
use crate::content::entry::EntryInput;
use crate::content::terms::Taxonomy;

/// What a body may hold besides text.
#[derive(Debug, Clone, Copy)]
pub struct Extras {
    pub media: bool,
    pub reusable: bool,
}

/// A body of blocks of about `target` bytes of markup: a lead paragraph, then paragraphs,
/// sections under headings, lists, quotes, images, videos and buttons, and perhaps a
/// reusable block at the end.
pub fn body(
    rng: &mut Rng,
    site: &Site,
    subject: &Subject,
    target: usize,
    extras: Extras,
) -> String {
    let mut m = Markup::with_capacity(target + 1024);
    let lead = rng.between(2, 4) as usize;
    m.paragraph(|p| paragraph(rng, subject, lead, p));
    while m.len() < target {
        match rng.below(100) {
            0..45 => {
                let n = rng.between(2, 5) as usize;
                m.paragraph(|p| paragraph(rng, subject, n, p));
            }
            45..60 => {
                let level = if rng.chance(0.2) { 3 } else { 2 };
                m.heading(level, rng.pick(HEADINGS));
                let n = rng.between(2, 4) as usize;
                m.paragraph(|p| paragraph(rng, subject, n, p));
            }
            60..72 => {
                let from = if rng.chance(0.5) {
                    MEASURES
                } else {
                    CONDITIONS
                };
                let n = rng.between(3, 6) as usize;
                let picked = rng.distinct(n, from.len(), |r| r.below(from.len()));
                let items: Vec<String> = picked.iter().map(|&i| capitalise(from[i])).collect();
                m.list(rng.chance(0.2), items.iter().map(String::as_str));
            }
            72..80 => {
                let quote = capitalise(rng.pick(QUOTES));
                let cite = format!("{}, {}", rng.pick(PEOPLE), rng.pick(ROLES));
                m.quote(&quote, &cite);
            }
            80..90 if extras.media => {
                let year = subject.year;
                let src = format!(
                    "/uploads/{year}/{:02}/{}-{}.jpg",
                    rng.between(1, 12),
                    super::text::tag_slug(subject.sector),
                    rng.between(1, 400)
                );
                let alt = format!(
                    "Workers in the {} sector in {}",
                    subject.sector.to_lowercase(),
                    subject.country
                );
                let caption = format!(
                    "{}, {year}. Photo: partner organisation",
                    capitalise(subject.country)
                );
                m.image(&src, &alt, &caption);
            }
            90..94 if extras.media => m.video(&video_id(rng)),
            94..97 => m.buttons([
                ("Read the full report", "/resources/"),
                ("Get in touch", "/contact/"),
            ]),
            97.. if extras.reusable && !site.blocks.is_empty() => {
                m.reusable(site.blocks[site.block_rank.sample(rng)]);
            }
            _ => {
                let n = rng.between(1, 3) as usize;
                m.paragraph(|p| paragraph(rng, subject, n, p));
            }
        }
    }
    if extras.reusable && !site.blocks.is_empty() && rng.chance(0.3) {
        m.reusable(site.blocks[site.block_rank.sample(rng)]);
    }
    m.finish()
}

fn video_id(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..11)
        .map(|_| ALPHABET[rng.below(ALPHABET.len())] as char)
        .collect()
}

/// Markup sizes like the real posts' (about 1 to 4.5 KB, most near 2.7 KB).
fn post_size(rng: &mut Rng) -> usize {
    900 + (1500.0 * (rng.unit() + rng.unit())) as usize
}

/// Where an item is in its life, and its date: mostly published in the past, some
/// scheduled, drafts, pending and private.
pub fn status(rng: &mut Rng, site: &Site, past_days: i64) -> (Status, NaiveDateTime) {
    let roll = rng.unit();
    let status = match roll {
        r if r < 0.05 => Status::Draft,
        r if r < 0.065 => Status::Pending,
        r if r < 0.075 => Status::Private,
        _ => Status::Published,
    };
    let scheduled = (0.075..0.105).contains(&roll);
    let at = if scheduled {
        site.ahead(rng, 120)
    } else {
        site.past(rng, past_days)
    };
    (status, at)
}

/// Tags for an item about `subject`: `count` of them, its theme's likely among them, the
/// rest by popularity.
pub fn tags(rng: &mut Rng, site: &Site, subject: &Subject, count: usize) -> Vec<i64> {
    let mut picked = Vec::with_capacity(count);
    if let Some(&t) = site.theme_tags.get(subject.theme.name)
        && rng.chance(0.6)
    {
        picked.push(t);
    }
    let more = rng.distinct(count.saturating_sub(picked.len()), site.tags.len(), |r| {
        site.tag(r)
    });
    picked.extend(
        more.into_iter()
            .filter(|t| !picked.contains(t))
            .collect::<Vec<_>>(),
    );
    picked.iter().map(|&i| site.tags[i].id).collect()
}

/// Post number `i`.
pub fn post(site: &Site, i: usize) -> EntryInput {
    let mut rng = Rng::of(site.seed, stream::POSTS, i as u64);
    let (status, published_at) = status(&mut rng, site, 8 * 365);
    let subject = Subject::draw(&mut rng, published_at.year());
    let title = post_title(&mut rng, &subject);
    let excerpt = rng.chance(0.6).then(|| plain(&mut rng, &subject, 1));
    let size = post_size(&mut rng);
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
    let tag_count = [1, 2, 2, 3, 3, 3, 4, 4, 5, 6][rng.below(10)];
    let tags = tags(&mut rng, site, &subject, tag_count);
    let mut categories = vec![site.categories[subject.theme.category % site.categories.len()]];
    if rng.chance(0.25) {
        let other = site.categories[site.category_rank.sample(&mut rng)];
        if !categories.contains(&other) {
            categories.push(other);
        }
    }
    let author = site.authors[site.author_rank.sample(&mut rng)];
    let sticky = status == Status::Published && rng.chance(0.002);
    EntryInput {
        title: Some(title),
        status: Some(status),
        excerpt,
        content: Some(ContentSource::Html(content)),
        published_at: Some(published_at),
        author_id: Some(author),
        terms: vec![(Taxonomy::Category, categories), (Taxonomy::Tag, tags)],
        sticky: Some(sticky),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::body::prepare;

    fn text_of(input: &EntryInput) -> String {
        let Some(ContentSource::Html(markup)) = &input.content else {
            panic!("no markup");
        };
        format!(
            "{} {} {markup}",
            input.title.as_deref().unwrap_or(""),
            input.excerpt.as_deref().unwrap_or("")
        )
    }

    #[test]
    fn some_posts_speak_of_trafficking() {
        let site = Site::for_tests(1);
        let n = 3_000;
        let about = (0..n)
            .filter(|&i| text_of(&post(&site, i)).to_lowercase().contains("traffick"))
            .count();
        let share = about as f64 / n as f64;
        assert!((0.05..=0.15).contains(&share), "{share}");
    }

    #[test]
    fn posts_are_as_long_as_real_ones_and_prepare_cleanly() {
        let site = Site::for_tests(2);
        let mut sizes = Vec::new();
        let mut stored = 0;
        for i in 0..400 {
            let input = post(&site, i);
            let Some(ContentSource::Html(markup)) = input.content else {
                panic!("no markup");
            };
            sizes.push(markup.len());
            let prepared = prepare(ContentSource::Html(markup)).expect("a valid body");
            stored += prepared.html.len() + prepared.blocks_json.len();
        }
        sizes.sort_unstable();
        let median = sizes[sizes.len() / 2];
        assert!((2_000..=3_200).contains(&median), "median {median}");
        assert!(
            sizes[0] >= 1_000 && sizes[sizes.len() - 1] <= 6_000,
            "{sizes:?}"
        );
        // Rendered HTML and the block tree are most of an item's JSON: 5 to 7 KB in all.
        let per_post = stored / 400;
        assert!(
            (4_000..=6_500).contains(&per_post),
            "{per_post} bytes a post"
        );
    }

    #[test]
    fn the_same_seed_makes_the_same_post() {
        let a = Site::for_tests(5);
        let b = Site::for_tests(5);
        let c = Site::for_tests(6);
        assert_eq!(text_of(&post(&a, 17)), text_of(&post(&b, 17)));
        assert_ne!(text_of(&post(&a, 17)), text_of(&post(&c, 17)));
        assert_eq!(post(&a, 17).published_at, post(&b, 17).published_at);
    }
}
