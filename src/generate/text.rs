//! Sentences, paragraphs, titles and excerpts put together from the vocabulary, each
//! about one subject, so that a post reads as being about something.

use std::collections::HashMap;
use std::fmt::Write;

use super::rng::Rng;
use super::words::{
    ACTORS, CONDITIONS, COUNTRIES, MEASURES, PEOPLE, QUOTES, ROLES, SECTORS, THEMES,
    TRAFFICKING_THEMES, Theme,
};
use crate::content::slug::Slug;

/// How often an item is about trafficking (the benchmark searches for it).
pub const TRAFFICKING_SHARE: f64 = 0.11;

/// What an item is about: one theme, its main country and sector, and the year it speaks of.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub theme: Theme,
    pub country: &'static str,
    pub other_country: &'static str,
    pub sector: &'static str,
    pub year: i32,
}

impl Subject {
    /// A subject for an item written in `year`.
    pub fn draw(rng: &mut Rng, year: i32) -> Subject {
        let theme = if rng.chance(TRAFFICKING_SHARE) {
            rng.pick(TRAFFICKING_THEMES)
        } else {
            rng.pick(THEMES)
        };
        let first = rng.below(COUNTRIES.len());
        let second = (first + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
        Subject {
            theme,
            country: COUNTRIES[first],
            other_country: COUNTRIES[second],
            sector: rng.pick(SECTORS),
            year,
        }
    }
}

/// Sentences of body text. Keys in braces are filled from the subject and the vocabulary:
/// `t` the theme's phrase, `A`/`a` an actor (capitalised or not), `c`/`d` the two
/// countries, `s` the sector, `y` a year, `p` a percentage, `k` a number of people, `n` a
/// small number, `w`/`x` conditions, `m`/`o` measures, `M` a measure in bold, `q` a quote,
/// `r` a role, `P` a person, `L` a link to the theme's tag. A template that starts with `!`
/// speaks of harms only, one that starts with `+` of practices only.
const SENTENCES: &[&str] = &[
    "{A} have welcomed the announcement, but warn that implementation will be key.",
    "Workers interviewed for the study described {w}, and {x}.",
    "{A} are increasingly expected to act on {t}, with clear timelines and measurable targets.",
    "Evidence from {c} and {d} shows that {t} is rarely a matter for a single country or sector.",
    "The report makes {n} recommendations, including {m} and {o}.",
    "{A} need better data on {t}, according to a growing body of evidence.",
    "As {r} in {c} put it, <em>“{q}”</em>",
    "The {s} sector in {c} has come under scrutiny after reports of {w}.",
    "A briefing published in {y} sets out what {t} means for {a} in {s} supply chains.",
    "Consultations with workers in {c} point to {m} as the most urgent step.",
    "Since {y}, at least {n} companies have reported on {t} under the new rules.",
    "{P}, {r}, said the figures were only the visible part of the problem.",
    "Read more about {L} in our resource library.",
    "!In {y}, researchers documented {p} per cent more cases linked to {t} than in the previous year.",
    "!The findings suggest that {t} is closely linked to {w}.",
    "!Without {M}, {t} is likely to persist.",
    "!An estimated {k} people are affected by {t} in {c} alone.",
    "!{A} can play a decisive role in ending {t}, rather than relying on voluntary commitments.",
    "!Efforts to address {t} in the {s} sector remain poorly coordinated.",
    "!{A} have struggled to monitor {t}, and the costs of inaction are borne by workers.",
    "+In {y}, {p} per cent of the companies surveyed reported progress on {t}.",
    "+Without {M}, {t} remains a promise on paper.",
    "+{A} in {c} have begun to put {t} into practice, with mixed results.",
    "+Done well, {t} gives workers in the {s} sector a real say in how they are treated.",
    "+{A} can lead on {t}, rather than waiting for regulation.",
    "+The evidence on {t} is strongest where {m} is already in place.",
];

/// Titles of posts.
const TITLES: &[&str] = &[
    "{T} in {c}: what the new report shows",
    "New guidance on {t} for the {s} sector",
    "{c} announces an inquiry into {t}",
    "Five things to know about {t}",
    "Webinar recap: {t} in {s} supply chains",
    "{A} call for action on {t}",
    "Annual review {y}: progress on {t}",
    "Voices from {c}: workers on {t}",
    "What {m} would change for workers in {c}",
    "{T} and the {s} sector: lessons from {d}",
    "Briefing: {t} after the {y} reforms",
    "Q&A with {P} on {t}",
    "!How {a} can tackle {t}",
    "!Why {t} persists in {c}",
    "+How {a} can get {t} right",
    "+What good {t} looks like in {c}",
];

/// Titles of resources.
const RESOURCE_TITLES: &[&str] = &[
    "Guidance on {t} for companies in the {s} sector",
    "Toolkit: {t} in {s} supply chains",
    "Country report: {t} in {c} ({y})",
    "Good practice note on {m}",
    "{T}: a review of the evidence",
    "Implementing {m} in {c}",
    "Standards on {t} for the {s} industry",
    "!Assessing risks of {t}: a practical guide",
    "+Getting {t} right: a practical guide",
];

/// Titles of events.
const EVENT_TITLES: &[&str] = &[
    "Webinar: {t} in {s} supply chains",
    "Regional consultation on {t} in {c}",
    "Panel: {m} and what comes next",
    "Annual conference on {t}",
    "Roundtable on {t} with partners from {c}",
    "!Training: identifying {t}",
    "!Workshop: responding to {t} in the {s} sector",
    "+Training: {t} in practice",
];

/// A template of `templates` that suits the subject, its marker taken off.
fn choose(rng: &mut Rng, subject: &Subject, templates: &[&'static str]) -> &'static str {
    loop {
        let t = rng.pick(templates);
        match t.as_bytes().first() {
            Some(b'!') if subject.theme.harm => return &t[1..],
            Some(b'+') if !subject.theme.harm => return &t[1..],
            Some(b'!' | b'+') => continue,
            _ => return t,
        }
    }
}

/// Capitalises the first letter.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str, out: &mut String) {
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_lowercase());
        out.push_str(chars.as_str());
    }
}

/// Writes a template with its keys filled.
fn fill(rng: &mut Rng, subject: &Subject, template: &str, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let key = rest.as_bytes()[open + 1];
        rest = &rest[open + 3..];
        let theme = subject.theme;
        match key {
            b't' => out.push_str(theme.phrase),
            b'T' => out.push_str(&capitalise(theme.phrase)),
            b'A' => out.push_str(rng.pick(ACTORS)),
            b'a' => lower_first(rng.pick(ACTORS), out),
            b'c' => out.push_str(subject.country),
            b'd' => out.push_str(subject.other_country),
            b's' => out.push_str(&subject.sector.to_lowercase()),
            b'y' => {
                let _ = write!(out, "{}", subject.year - rng.below(4) as i32);
            }
            b'p' => {
                let _ = write!(out, "{}", rng.between(8, 70));
            }
            b'k' => {
                let _ = write!(out, "{},000", rng.between(3, 480));
            }
            b'n' => {
                let _ = write!(out, "{}", rng.between(3, 12));
            }
            b'w' => out.push_str(CONDITIONS[rng.below(CONDITIONS.len() / 2)]),
            b'x' => {
                out.push_str(CONDITIONS[CONDITIONS.len() / 2 + rng.below(CONDITIONS.len() / 2)])
            }
            b'm' => out.push_str(MEASURES[rng.below(MEASURES.len() / 2)]),
            b'o' => out.push_str(MEASURES[MEASURES.len() / 2 + rng.below(MEASURES.len() / 2)]),
            b'M' => {
                out.push_str("<strong>");
                out.push_str(rng.pick(MEASURES));
                out.push_str("</strong>");
            }
            b'q' => out.push_str(rng.pick(QUOTES)),
            b'r' => out.push_str(rng.pick(ROLES)),
            b'P' => out.push_str(rng.pick(PEOPLE)),
            b'L' => {
                out.push_str("<a href=\"/tag/");
                out.push_str(&tag_slug(theme.name));
                out.push_str("/\">");
                lower_first(theme.name, out);
                out.push_str("</a>");
            }
            _ => {}
        }
    }
    out.push_str(rest);
}

/// The slug a tag of this name gets.
pub fn tag_slug(name: &str) -> String {
    Slug::from_text(name)
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "tag".into())
}

/// A paragraph's inner HTML of `sentences` sentences.
pub fn paragraph(rng: &mut Rng, subject: &Subject, sentences: usize, out: &mut String) {
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        // The link is a closing remark, at most once a paragraph.
        let mut template = choose(rng, subject, SENTENCES);
        if template.contains("{L}") && i + 1 < sentences {
            template = SENTENCES[0];
        }
        fill(rng, subject, template, out);
    }
}

/// A plain-text sentence or two (excerpts, summaries): no markup.
pub fn plain(rng: &mut Rng, subject: &Subject, sentences: usize) -> String {
    let mut out = String::with_capacity(sentences * 120);
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        let template = loop {
            let t = choose(rng, subject, SENTENCES);
            if !t.contains('<') && !t.contains("{M}") && !t.contains("{L}") {
                break t;
            }
        };
        fill(rng, subject, template, &mut out);
    }
    out
}

fn title_from(rng: &mut Rng, subject: &Subject, templates: &[&'static str]) -> String {
    let mut out = String::with_capacity(80);
    let template = choose(rng, subject, templates);
    fill(rng, subject, template, &mut out);
    capitalise(&out)
}

pub fn post_title(rng: &mut Rng, subject: &Subject) -> String {
    title_from(rng, subject, TITLES)
}

pub fn resource_title(rng: &mut Rng, subject: &Subject) -> String {
    title_from(rng, subject, RESOURCE_TITLES)
}

pub fn event_title(rng: &mut Rng, subject: &Subject) -> String {
    title_from(rng, subject, EVENT_TITLES)
}

/// Free slugs of one kind: a title's slug, or `slug-2`, `slug-3`, ... once it is taken.
#[derive(Debug, Default)]
pub struct Slugs {
    next: HashMap<String, u32>,
}

impl Slugs {
    /// Marks slugs as taken (items already in the database).
    pub fn taken(slugs: impl IntoIterator<Item = String>) -> Slugs {
        let mut s = Slugs::default();
        for slug in slugs {
            s.next.insert(slug, 2);
        }
        s
    }

    pub fn claim(&mut self, text: &str) -> String {
        let base = tag_slug(text);
        let base = base[..base.len().min(150)].trim_end_matches('-').to_owned();
        let Some(&first) = self.next.get(&base) else {
            self.next.insert(base.clone(), 2);
            return base;
        };
        let mut n = first;
        let free = loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if !self.next.contains_key(&candidate) {
                break candidate;
            }
        };
        self.next.insert(base, n);
        self.next.insert(free.clone(), 2);
        free
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::words;

    fn mentions_trafficking(s: &str) -> bool {
        s.to_lowercase().contains("traffick")
    }

    #[test]
    fn only_the_trafficking_themes_speak_of_trafficking() {
        let lists: &[&[&str]] = &[
            SENTENCES,
            TITLES,
            RESOURCE_TITLES,
            EVENT_TITLES,
            words::SECTORS,
            words::COUNTRIES,
            words::ACTORS,
            words::CONDITIONS,
            words::MEASURES,
            words::PEOPLE,
            words::ROLES,
            words::QUOTES,
            words::HEADINGS,
        ];
        for list in lists {
            for s in *list {
                assert!(!mentions_trafficking(s), "{s}");
            }
        }
        for t in THEMES {
            assert!(!mentions_trafficking(t.name) && !mentions_trafficking(t.phrase));
        }
        for t in TRAFFICKING_THEMES {
            assert!(mentions_trafficking(t.phrase), "{}", t.phrase);
        }
    }

    #[test]
    fn every_key_of_every_template_is_known() {
        let mut rng = Rng::new(1);
        let subject = Subject::draw(&mut rng, 2024);
        for t in SENTENCES
            .iter()
            .chain(TITLES)
            .chain(RESOURCE_TITLES)
            .chain(EVENT_TITLES)
        {
            let mut out = String::new();
            fill(
                &mut rng,
                &subject,
                t.trim_start_matches(['!', '+']),
                &mut out,
            );
            assert!(!out.contains('{') && !out.contains('}'), "{t} gave {out}");
        }
    }

    #[test]
    fn slugs_stay_free() {
        let mut s = Slugs::taken(["forced-labour".to_owned()]);
        assert_eq!(s.claim("Forced labour"), "forced-labour-2");
        assert_eq!(s.claim("Forced labour"), "forced-labour-3");
        assert_eq!(s.claim("Forced labour 2"), "forced-labour-2-2");
        assert_eq!(s.claim("Debt bondage"), "debt-bondage");
    }
}
