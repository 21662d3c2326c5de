//! Resources: guidance, reports and toolkits from publishers, with types, tags, a link
//! and the custom fields of the "Resource details" group.

use chrono::Datelike;
use serde_json::{Map, Value, json};

use super::posts::{Extras, body, status, tags};
use super::rng::{Rng, Zipf};
use super::site::{Site, stream};
use super::text::{Subject, plain, resource_title, tag_slug};
use super::words::{COUNTRIES, LANGUAGES, PEOPLE, PUBLISHER_SITES, PUBLISHERS};
use crate::content::body::ContentSource;
use crate::content::entry::EntryInput;
use crate::content::field_groups::FieldValues;
use crate::content::resources::ResourceChanges;
use crate::content::terms::Taxonomy;
use crate::error::Result;

/// Resource number `i`: its entry and its own part.
pub fn resource(site: &Site, publishers: &Zipf, i: usize) -> Result<(EntryInput, ResourceChanges)> {
    let mut rng = Rng::of(site.seed, stream::RESOURCES, i as u64);
    let (status, published_at) = status(&mut rng, site, 10 * 365);
    let subject = Subject::draw(&mut rng, published_at.year());
    let title = resource_title(&mut rng, &subject);
    let sentences = rng.below(2) + 1;
    let summary = plain(&mut rng, &subject, sentences);
    let size = rng.between(500, 2000) as usize;
    let content = body(
        &mut rng,
        site,
        &subject,
        size,
        Extras {
            media: false,
            reusable: false,
        },
    );
    let publisher = publishers.sample(&mut rng);
    let language = if rng.chance(0.82) {
        LANGUAGES[0]
    } else {
        LANGUAGES[1 + rng.below(LANGUAGES.len() - 1)]
    };
    let link = format!(
        "https://{}/publications/{}",
        PUBLISHER_SITES[publisher],
        tag_slug(&title)
    );
    let changes = ResourceChanges::new(&summary, PUBLISHERS[publisher], language, &link, None)?;
    let mut types = vec![site.resource_types[site.type_rank.sample(&mut rng)]];
    if rng.chance(0.15) {
        let other = site.resource_types[site.type_rank.sample(&mut rng)];
        if other != types[0] {
            types.push(other);
        }
    }
    let tag_count = rng.between(1, 4) as usize;
    let tags = tags(&mut rng, site, &subject, tag_count);
    let author = site.authors[site.author_rank.sample(&mut rng)];
    let fields = fields(&mut rng, published_at.year());
    Ok((
        EntryInput {
            title: Some(title),
            status: Some(status),
            excerpt: Some(summary),
            content: Some(ContentSource::Html(content)),
            published_at: Some(published_at),
            author_id: Some(author),
            terms: vec![(Taxonomy::ResourceType, types), (Taxonomy::Tag, tags)],
            fields: FieldValues::Set(fields),
            ..Default::default()
        },
        changes,
    ))
}

/// The "Resource details" values: a publication year at or shortly before the resource
/// was added (so recent years are the commonest), countries, a featured flag and authors.
fn fields(rng: &mut Rng, year: i32) -> Map<String, Value> {
    let mut fields = Map::new();
    let back = match rng.unit() {
        r if r < 0.55 => 0,
        r if r < 0.85 => 1,
        _ => 2,
    };
    fields.insert("publication_year".into(), json!(year - back));
    let n = [0, 1, 1, 1, 2, 3][rng.below(6)];
    let countries: Vec<&str> = rng
        .distinct(n, COUNTRIES.len(), |r| r.below(COUNTRIES.len()))
        .into_iter()
        .map(|c| COUNTRIES[c].trim_start_matches("the "))
        .collect();
    if !countries.is_empty() {
        fields.insert("countries".into(), json!(countries));
    }
    fields.insert("is_featured".into(), json!(rng.chance(0.05)));
    let authors: Vec<Value> = (0..[0, 0, 1, 1, 2][rng.below(5)])
        .map(|_| {
            json!({
                "name": rng.pick(PEOPLE),
                "affiliation": rng.pick(PUBLISHERS),
            })
        })
        .collect();
    if !authors.is_empty() {
        fields.insert("authors".into(), Value::Array(authors));
    }
    fields
}
