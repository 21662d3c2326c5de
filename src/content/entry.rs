//! The entry lifecycle shared by every kind: create, change, trash and delete, with
//! slugs, sanitised content, derived excerpts, terms and a revision for every change.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::body::{self, ContentSource};
use crate::content::entry_media::{self, FEATURED};
use crate::content::field_groups::FieldValues;
use crate::content::slug::Slug;
use crate::content::terms::{self, Taxonomy};
use crate::content::{Kind, Status, Viewer, html};
use crate::db::DbConn;
use crate::db::schema::{entries, users};
use crate::error::{Error, FieldError, Result};

/// How many words a derived excerpt keeps (as WordPress does).
const EXCERPT_WORDS: usize = 55;

/// An entry as read back: every column but `content_text`, which only search needs.
/// Keep `COLUMNS` in step.
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable)]
#[diesel(table_name = entries)]
pub struct Entry {
    pub id: i64,
    pub kind: Kind,
    pub slug: String,
    pub status: Status,
    pub title: String,
    pub excerpt: String,
    pub excerpt_manual: bool,
    pub content_html: String,
    pub content_blocks: String,
    pub author_id: i64,
    pub fields: String,
    pub published_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub sticky: bool,
}

impl Entry {
    /// The columns of `Entry` for hand-written SQL over `entries e`.
    pub const COLUMNS: &'static str = "e.id, e.kind, e.slug, e.status, e.title, e.excerpt, e.excerpt_manual, \
        e.content_html, e.content_blocks, e.author_id, e.fields, e.published_at, e.created_at, e.updated_at, \
        e.sticky";
}

#[derive(Debug, Insertable)]
#[diesel(table_name = entries)]
struct NewEntry<'a> {
    kind: Kind,
    slug: &'a Slug,
    status: Status,
    title: &'a str,
    excerpt: &'a str,
    excerpt_manual: bool,
    content_html: &'a str,
    content_blocks: &'a str,
    content_text: &'a str,
    author_id: i64,
    fields: &'a str,
    published_at: NaiveDateTime,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    sticky: bool,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = entries)]
struct EntryChanges {
    slug: Option<Slug>,
    status: Option<Status>,
    title: Option<String>,
    excerpt: Option<String>,
    excerpt_manual: Option<bool>,
    content_html: Option<String>,
    content_blocks: Option<String>,
    content_text: Option<String>,
    author_id: Option<i64>,
    published_at: Option<NaiveDateTime>,
    updated_at: Option<NaiveDateTime>,
    sticky: Option<bool>,
}

/// The shared members of a write. `None` leaves a member as it is (on create: its default).
#[derive(Debug, Default)]
pub struct EntryInput {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub status: Option<Status>,
    pub excerpt: Option<String>,
    pub content: Option<ContentSource>,
    pub published_at: Option<NaiveDateTime>,
    pub author_id: Option<i64>,
    /// Replaces the item's terms of each taxonomy named.
    pub terms: Vec<(Taxonomy, Vec<i64>)>,
    /// The featured image: `Some(None)` removes it.
    pub featured_media: Option<Option<i64>>,
    /// Custom field values (checked against the field groups after the rest of the
    /// write, since terms and templates decide which groups apply).
    pub fields: FieldValues,
    /// Posts: pinned to the top of the front page.
    pub sticky: Option<bool>,
}

pub fn find(conn: &mut DbConn, kind: Kind, id: i64) -> Result<Option<Entry>> {
    Ok(entries::table
        .filter(entries::id.eq(id))
        .filter(entries::kind.eq(kind.as_str()))
        .select(Entry::as_select())
        .first(conn)
        .optional()?)
}

/// Entries by id, of any kind and status (the caller decides what the reader may see).
pub fn find_many(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<Entry>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(entries::table
        .filter(entries::id.eq_any(ids))
        .select(Entry::as_select())
        .load(conn)?)
}

/// Entries by id, in the order of `ids` (ids with no entry left out).
pub fn find_ordered(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<Entry>> {
    let mut found: std::collections::HashMap<i64, Entry> = find_many(conn, ids)?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The item as this viewer may see it; items they may not see do not exist for them.
pub fn find_visible(conn: &mut DbConn, kind: Kind, id: i64, viewer: Viewer) -> Result<Entry> {
    let now = crate::db::now();
    find(conn, kind, id)?
        .filter(|e| viewer.can_read(e.status, e.author_id, e.published_at, now))
        .ok_or_else(|| Error::not_found(format!("no {} with id {id}", kind.noun())))
}

fn check_title(title: &str) -> std::result::Result<String, FieldError> {
    let title = title.trim();
    if title.is_empty() {
        Err(FieldError::new("title", "must not be empty"))
    } else if title.chars().count() > 1000 {
        Err(FieldError::new(
            "title",
            "must be at most 1000 characters long",
        ))
    } else {
        Ok(title.to_owned())
    }
}

fn slug_taken(conn: &mut DbConn, kind: Kind, slug: &Slug, except: Option<i64>) -> Result<bool> {
    let mut q = entries::table
        .filter(entries::kind.eq(kind.as_str()))
        .filter(entries::slug.eq(slug))
        .select(entries::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(entries::id.ne(id));
    }
    Ok(q.first::<i64>(conn).optional()?.is_some())
}

/// A free slug from the title; a title with nothing to make one of (`!!!`) gives the
/// kind's name (`reusable-block`, `reusable-block-2`, ...).
fn generated_slug(conn: &mut DbConn, kind: Kind, title: &str) -> Result<Slug> {
    let base = Slug::from_text(title).unwrap_or_else(|| Slug::of_word(kind.noun()));
    let taken: Vec<String> = entries::table
        .filter(entries::kind.eq(kind.as_str()))
        .filter(
            entries::slug
                .eq(&base)
                .or(entries::slug.like(format!("{base}-%"))),
        )
        .select(entries::slug)
        .load(conn)?;
    Ok(base.first_free(&taken))
}

/// Authors may only write as themselves; editors may name any existing user.
fn check_author(conn: &mut DbConn, viewer: Viewer, author: i64) -> Result<()> {
    if viewer.user_id() != Some(author) && !viewer.edits_all() {
        return Err(Error::Forbidden(
            "only editors may set another user as the author".into(),
        ));
    }
    let exists = users::table
        .find(author)
        .select(users::id)
        .first::<i64>(conn)
        .optional()?;
    if exists.is_none() {
        return Err(Error::invalid(
            "author",
            format!("there is no user with id {author}"),
        ));
    }
    Ok(())
}

fn derived_excerpt(text: &str) -> String {
    html::excerpt(text, EXCERPT_WORDS)
}

fn clean_excerpt(raw: &str) -> String {
    html::text(raw)
}

/// Creates an item of `kind` for `viewer` (who must be signed in). Only `items` calls
/// this, as one step of a whole write.
pub(super) fn create(
    conn: &mut DbConn,
    kind: Kind,
    viewer: Viewer,
    input: EntryInput,
) -> Result<Entry> {
    let Some(me) = viewer.user_id() else {
        return Err(Error::Unauthorized("sign in first".into()));
    };
    let mut errors = Vec::new();
    let title = match input.title.as_deref().map(check_title) {
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            errors.push(e);
            String::new()
        }
        None => {
            errors.push(FieldError::new("title", "is required"));
            String::new()
        }
    };
    let chosen_slug = match input.slug.as_deref().map(|s| Slug::parse("slug", s)) {
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let author = input.author_id.unwrap_or(me);
    check_author(conn, viewer, author)?;
    let slug = match chosen_slug {
        Some(s) if slug_taken(conn, kind, &s, None)? => {
            return Err(Error::conflict(
                "slug",
                format!("another {} has the slug `{s}`", kind.noun()),
            ));
        }
        Some(s) => s,
        None => generated_slug(conn, kind, &title)?,
    };
    let content = body::prepare(
        input
            .content
            .unwrap_or_else(|| ContentSource::Blocks(Vec::new())),
    )?;
    body::check_refs(conn, None, &content.refs)?;
    let (excerpt, excerpt_manual) = match input.excerpt.as_deref().map(clean_excerpt) {
        Some(e) if !e.is_empty() => (e, true),
        _ => (derived_excerpt(&content.text), false),
    };
    let now = crate::db::now();
    let status = input.status.unwrap_or(Status::Draft);
    let published_at = input.published_at.map(crate::db::truncate).unwrap_or(now);
    let sticky = input.sticky.unwrap_or(false);
    let id: i64 = diesel::insert_into(entries::table)
        .values(NewEntry {
            kind,
            slug: &slug,
            status,
            title: &title,
            excerpt: &excerpt,
            excerpt_manual,
            content_html: &content.html,
            content_blocks: &content.blocks_json,
            content_text: &content.text,
            author_id: author,
            fields: "{}",
            published_at,
            created_at: now,
            updated_at: now,
            sticky,
        })
        .returning(entries::id)
        .get_result(conn)?;
    let entry = Entry {
        id,
        kind,
        slug: slug.to_string(),
        status,
        title,
        excerpt,
        excerpt_manual,
        content_html: content.html,
        content_blocks: content.blocks_json,
        author_id: author,
        fields: "{}".to_owned(),
        published_at,
        created_at: now,
        updated_at: now,
        sticky,
    };
    body::save_refs(conn, entry.id, &content.refs)?;
    for (taxonomy, ids) in &input.terms {
        terms::set_entry_terms(conn, entry.id, *taxonomy, ids, true)?;
    }
    if let Some(Some(media)) = input.featured_media {
        entry_media::set(conn, entry.id, FEATURED, Some(media), "featured_media")?;
    }
    Ok(entry)
}

/// Applies a partial change. Publishing an item without a date stamps it with the
/// current time, unless it already holds a future date (a schedule).
pub(super) fn update(
    conn: &mut DbConn,
    kind: Kind,
    viewer: Viewer,
    id: i64,
    input: EntryInput,
) -> Result<Entry> {
    if viewer.user_id().is_none() {
        return Err(Error::Unauthorized("sign in first".into()));
    }
    let current = find_visible(conn, kind, id, viewer)?;
    if !viewer.can_edit(current.author_id) {
        return Err(Error::Forbidden(format!(
            "you may only change your own {}s",
            kind.noun()
        )));
    }
    let mut errors = Vec::new();
    let mut changes = EntryChanges::default();
    if let Some(t) = input.title.as_deref() {
        match check_title(t) {
            Ok(t) => changes.title = Some(t),
            Err(e) => errors.push(e),
        }
    }
    if let Some(s) = input.slug.as_deref() {
        match Slug::parse("slug", s) {
            Ok(s) => changes.slug = Some(s),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if let Some(s) = &changes.slug
        && slug_taken(conn, kind, s, Some(id))?
    {
        return Err(Error::conflict(
            "slug",
            format!("another {} has the slug `{s}`", kind.noun()),
        ));
    }
    if let Some(author) = input.author_id
        && author != current.author_id
    {
        check_author(conn, viewer, author)?;
        changes.author_id = Some(author);
    }
    let now = crate::db::now();
    let mut refs = None;
    if let Some(source) = input.content {
        let content = body::prepare(source)?;
        body::check_refs(conn, Some((id, kind)), &content.refs)?;
        changes.content_text = Some(content.text);
        changes.content_html = Some(content.html);
        changes.content_blocks = Some(content.blocks_json);
        refs = Some(content.refs);
    }
    match input.excerpt.as_deref().map(clean_excerpt) {
        Some(e) if !e.is_empty() => {
            changes.excerpt = Some(e);
            changes.excerpt_manual = Some(true);
        }
        Some(_) => {
            // Back to a derived excerpt: from the new text, or the stored one.
            let text = match &changes.content_text {
                Some(t) => t.clone(),
                None => entries::table
                    .find(id)
                    .select(entries::content_text)
                    .first::<String>(conn)?,
            };
            changes.excerpt = Some(derived_excerpt(&text));
            changes.excerpt_manual = Some(false);
        }
        None if !current.excerpt_manual => {
            if let Some(text) = &changes.content_text {
                changes.excerpt = Some(derived_excerpt(text));
            }
        }
        None => {}
    }
    if let Some(status) = input.status {
        changes.status = Some(status);
        let publishing = status == Status::Published && current.status != Status::Published;
        if publishing && input.published_at.is_none() && current.published_at <= now {
            changes.published_at = Some(now);
        }
    }
    if let Some(at) = input.published_at {
        changes.published_at = Some(crate::db::truncate(at));
    }
    changes.sticky = input.sticky;
    changes.updated_at = Some(now);
    diesel::update(entries::table.find(id))
        .set(&changes)
        .execute(conn)?;
    if let Some(refs) = refs {
        body::save_refs(conn, id, &refs)?;
    }
    for (taxonomy, ids) in &input.terms {
        terms::set_entry_terms(conn, id, *taxonomy, ids, false)?;
    }
    if let Some(media) = input.featured_media {
        entry_media::set(conn, id, FEATURED, media, "featured_media")?;
    }
    let entry =
        find(conn, kind, id)?.ok_or_else(|| Error::internal("entry vanished during update"))?;
    Ok(entry)
}

/// Moves an item to the trash, or deletes it for good with `force`; `before` runs first,
/// in the same transaction, once the viewer is known to be allowed.
/// Returns the trashed item, or `None` when it was deleted.
pub(super) fn delete(
    conn: &mut DbConn,
    kind: Kind,
    viewer: Viewer,
    id: i64,
    force: bool,
    before: impl FnOnce(&mut DbConn, &Entry) -> Result<()>,
) -> Result<Option<Entry>> {
    let current = find_visible(conn, kind, id, viewer)?;
    if !viewer.can_edit(current.author_id) {
        return Err(Error::Forbidden(format!(
            "you may only delete your own {}s",
            kind.noun()
        )));
    }
    // The kind's own clean-up, once the change is known to be allowed.
    before(conn, &current)?;
    if force {
        diesel::delete(entries::table.find(id)).execute(conn)?;
        return Ok(None);
    }
    if current.status == Status::Trash {
        return Ok(Some(current));
    }
    diesel::update(entries::table.find(id))
        .set((
            entries::status.eq(Status::Trash),
            entries::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    let entry =
        find(conn, kind, id)?.ok_or_else(|| Error::internal("entry vanished during trash"))?;
    Ok(Some(entry))
}
