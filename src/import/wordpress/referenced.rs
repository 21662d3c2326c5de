//! What items refer to, imported first: authors (as users), terms, attachments (as
//! media) and ACF field groups.

use diesel::prelude::*;

use super::{Ctx, fingerprint, label, meta, text};
use crate::content::Role;
use crate::content::field_groups::{self, GroupInput, Location};
use crate::content::terms::{self, Taxonomy, TermInput};
use crate::db::DbConn;
use crate::db::schema::terms as terms_table;
use crate::error::Error;
use crate::import::wxr::{self, Item, Site};
use crate::import::{ImportError, Outcome, origins};
use crate::media::{self, Described, Incoming};
use crate::users::{self as users_mod, CreateUser};

pub(super) fn import_users(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    site: &Site,
) -> Result<(), ImportError> {
    for a in &site.authors {
        let key = a.id.to_string();
        let known = origins::find(conn, &ctx.source, "user", &key)?;
        let existing = match known {
            Some(k) if users_mod::find(conn, k.target_id)?.is_some() => Some(k.target_id),
            _ => users_mod::find_by_username(conn, &a.login)?.map(|u| u.id),
        };
        let id = match existing {
            Some(id) => {
                ctx.summary.count("users", Outcome::Unchanged);
                id
            }
            None => {
                let name = Some(text(&a.display_name))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| a.login.clone());
                let user = users_mod::create(
                    conn,
                    CreateUser {
                        username: a.login.clone(),
                        password: None,
                        display_name: name,
                        email: a.email.clone(),
                        role: Role::Author,
                    },
                )
                .map_err(|e| ImportError::item(format!("author {}", a.login), e))?;
                ctx.summary.count("users", Outcome::Created);
                user.id
            }
        };
        origins::remember(conn, &ctx.source, "user", &key, id, "")?;
        ctx.maps.users.insert(a.login.clone(), id);
    }
    Ok(())
}

/// Ours of a WordPress taxonomy (the tags of events are tags).
pub fn taxonomy_of(wp: &str) -> Option<Taxonomy> {
    match wp {
        "category" => Some(Taxonomy::Category),
        "post_tag" | "events_tags" => Some(Taxonomy::Tag),
        "resource_type" => Some(Taxonomy::ResourceType),
        "events_categories" => Some(Taxonomy::EventCategory),
        _ => None,
    }
}

pub(super) fn import_terms(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    site: &Site,
) -> Result<(), ImportError> {
    // Parents before children: repeat until every term whose parent is known is done.
    let mut pending: Vec<&wxr::Term> = Vec::new();
    for t in &site.terms {
        if taxonomy_of(&t.taxonomy).is_some() {
            pending.push(t);
        } else {
            ctx.summary.skip(
                "terms",
                format!("taxonomy `{}` has no counterpart", t.taxonomy),
            );
        }
    }
    while !pending.is_empty() {
        let before = pending.len();
        let mut later = Vec::new();
        for t in pending {
            let parent_known = t.parent_slug.is_empty()
                || ctx
                    .maps
                    .terms
                    .contains_key(&(t.taxonomy.clone(), t.parent_slug.clone()));
            let parent_exists = site
                .terms
                .iter()
                .any(|p| p.taxonomy == t.taxonomy && p.slug == t.parent_slug);
            if parent_known || !parent_exists {
                import_term(conn, ctx, t)?;
            } else {
                later.push(t);
            }
        }
        if later.len() == before {
            return Err(ImportError::Input(format!(
                "the parents of the `{}` terms form a loop",
                later[0].taxonomy
            )));
        }
        pending = later;
    }
    Ok(())
}

pub(super) fn import_term(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    t: &wxr::Term,
) -> Result<(), ImportError> {
    let Some(taxonomy) = taxonomy_of(&t.taxonomy) else {
        return Ok(());
    };
    let key = t.id.to_string();
    let name = text(&t.name);
    let parent = ctx
        .maps
        .terms
        .get(&(t.taxonomy.clone(), t.parent_slug.clone()))
        .copied();
    let fp = origins::fingerprint(&[&name, &t.slug, &t.description, &t.parent_slug]);
    let known = origins::find(conn, &ctx.source, "term", &key)?;
    let by_slug = terms_table::table
        .filter(terms_table::taxonomy.eq(taxonomy.as_str()))
        .filter(terms_table::slug.eq(&t.slug))
        .select(terms_table::id)
        .first::<i64>(conn)
        .optional()
        .map_err(Error::from)?;
    let existing = known
        .as_ref()
        .map(|k| k.target_id)
        .filter(|id| terms::find(conn, taxonomy, *id).is_ok())
        .or(by_slug);
    let input = TermInput {
        name: Some(if name.is_empty() {
            t.slug.clone()
        } else {
            name
        }),
        slug: Some(t.slug.clone()),
        description: Some(text(&t.description)),
        parent: taxonomy.hierarchical().then_some(parent),
    };
    let kind = "terms";
    let id = match existing {
        Some(id) if known.as_ref().is_some_and(|k| k.fingerprint == fp) => {
            ctx.summary.count(kind, Outcome::Unchanged);
            id
        }
        Some(id) if known.is_none() => {
            // The same term reached through another WordPress taxonomy (tags of events
            // and of posts are one taxonomy here), or made by hand before: keep it.
            ctx.summary.count(kind, Outcome::Unchanged);
            id
        }
        Some(id) => {
            terms::update(conn, taxonomy, id, input)
                .map_err(|e| ImportError::item(format!("term {}", t.slug), e))?;
            ctx.summary.count(kind, Outcome::Updated);
            id
        }
        None => {
            let term = terms::create(conn, taxonomy, input)
                .map_err(|e| ImportError::item(format!("term {}", t.slug), e))?;
            ctx.summary.count(kind, Outcome::Created);
            term.id
        }
    };
    origins::remember(conn, &ctx.source, "term", &key, id, &fp)?;
    ctx.maps
        .terms
        .insert((t.taxonomy.clone(), t.slug.clone()), id);
    ctx.maps.term_ids.insert(t.id, id);
    Ok(())
}

pub(super) fn import_attachment(
    conn: &mut DbConn,
    ctx: &mut Ctx,
    item: &Item,
) -> Result<(), ImportError> {
    let key = item.post_id.to_string();
    let fp = fingerprint(item);
    if let Some(k) = origins::find(conn, &ctx.source, "media", &key)?
        && media::find(conn, k.target_id)?.is_some()
    {
        ctx.maps.media.insert(item.post_id, k.target_id);
        ctx.summary.count("media", Outcome::Unchanged);
        return Ok(());
    }
    let relative = meta(item, "_wp_attached_file")
        .map(str::to_owned)
        .or_else(|| {
            item.attachment_url
                .split("/wp-content/uploads/")
                .nth(1)
                .map(str::to_owned)
        });
    let described = Described {
        title: text(&item.title),
        alt_text: meta(item, "_wp_attachment_image_alt")
            .map(text)
            .unwrap_or_default(),
        caption: text(&item.excerpt),
    };
    let author = ctx.maps.users.get(&item.creator).copied();
    let Some(uploads) = &ctx.options.uploads else {
        // Without the files, the media item points at the file where WordPress has it.
        let url = item.attachment_url.trim();
        if !media::is_remote_key(url) {
            ctx.summary.skip("media", "no --uploads and no file URL");
            return Ok(());
        }
        let m = media::record_remote(conn, url, described, author)
            .map_err(|e| ImportError::item(label(item), e))?;
        origins::remember(conn, &ctx.source, "media", &key, m.id, &fp)?;
        ctx.maps.media.insert(item.post_id, m.id);
        ctx.summary.count("media", Outcome::Created);
        ctx.summary.note(format!(
            "attachment {}: file not copied (no --uploads), kept at {url}",
            item.post_id
        ));
        return Ok(());
    };
    let Some(relative) = relative.filter(|r| !r.split('/').any(|p| p == "..")) else {
        ctx.summary.skip("media", "no file path");
        return Ok(());
    };
    let file = uploads.join(&relative);
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            ctx.summary.skip("media", "file missing from --uploads");
            ctx.summary.note(format!(
                "attachment {}: {}: {e}",
                item.post_id,
                file.display()
            ));
            return Ok(());
        }
    };
    if ctx.options.dry_run {
        // Nothing is stored in a dry run, files included.
        ctx.summary.count("media", Outcome::Created);
        return Ok(());
    }
    let name = relative.rsplit('/').next().unwrap_or("file");
    let incoming = Incoming::from_bytes(ctx.storage, name, &bytes)?;
    match media::ingest(conn, ctx.storage, incoming, described, author) {
        Ok(m) => {
            origins::remember(conn, &ctx.source, "media", &key, m.id, &fp)?;
            ctx.maps.media.insert(item.post_id, m.id);
            ctx.summary.count("media", Outcome::Created);
        }
        Err(Error::UnsupportedMediaType(why)) => {
            ctx.summary.skip("media", "file type not accepted");
            ctx.summary
                .note(format!("attachment {}: {why}", item.post_id));
        }
        Err(e) => return Err(ImportError::item(label(item), e)),
    }
    Ok(())
}

pub(super) fn import_field_groups(conn: &mut DbConn, ctx: &mut Ctx) -> Result<(), ImportError> {
    let groups = std::mem::take(&mut ctx.groups);
    for g in &groups {
        for s in &g.skipped {
            ctx.summary.note(format!("field group {}: {s}", g.key));
        }
        let mut location = g.location.clone();
        for member in ["categories", "resource_types", "event_categories"] {
            if let Some(ids) = location[member].as_array() {
                let mapped: Vec<i64> = ids
                    .iter()
                    .filter_map(|v| match v {
                        serde_json::Value::Number(n) => {
                            n.as_i64().and_then(|i| ctx.maps.term_ids.get(&i).copied())
                        }
                        serde_json::Value::String(s) => s
                            .split_once(':')
                            .and_then(|(tax, slug)| {
                                ctx.maps.terms.get(&(tax.to_owned(), slug.to_owned()))
                            })
                            .copied(),
                        _ => None,
                    })
                    .collect();
                location[member] = serde_json::json!(mapped);
            }
        }
        let location: Location = serde_json::from_value(location)
            .map_err(|e| ImportError::Input(format!("field group {}: location: {e}", g.key)))?;
        if location.kinds.is_empty() {
            ctx.summary.skip(
                "field groups",
                "applies to no kind of content headpress has",
            );
            continue;
        }
        let key = g.wp_id.to_string();
        let fp = origins::fingerprint(&[&format!("{g:?}")]);
        let known = origins::find(conn, &ctx.source, "field_group", &key)?;
        let input = GroupInput {
            key: Some(g.key.clone()),
            title: Some(text(&g.title)),
            fields: Some(g.fields.clone()),
            location: Some(location),
            position: Some(g.position),
            active: Some(g.active),
        };
        let existing = match &known {
            Some(k) => field_groups::find(conn, k.target_id).ok().map(|g| g.id),
            None => field_groups::list(conn)?
                .into_iter()
                .find(|x| x.key == g.key)
                .map(|x| x.id),
        };
        let id = match existing {
            Some(id) if known.as_ref().is_some_and(|k| k.fingerprint == fp) => {
                ctx.summary.count("field groups", Outcome::Unchanged);
                id
            }
            Some(id) => {
                field_groups::update(conn, id, input)
                    .map_err(|e| ImportError::item(format!("field group {}", g.key), e))?;
                ctx.summary.count("field groups", Outcome::Updated);
                id
            }
            None => {
                let created = field_groups::create(conn, input)
                    .map_err(|e| ImportError::item(format!("field group {}", g.key), e))?;
                ctx.summary.count("field groups", Outcome::Created);
                created.id
            }
        };
        origins::remember(conn, &ctx.source, "field_group", &key, id, &fp)?;
    }
    ctx.groups = groups;
    Ok(())
}
