//! Taxonomies (tags, categories, ...) and their terms, shared by every kind of content.

use crate::content::Kind;
use crate::content::changes::{self, Action};
use crate::content::counts::{self, TermCount};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::paging::{Cursor, Direction, Listed, Paging, Window};
use crate::content::slug::Slug;
use crate::db::DbConn;
use crate::db::schema::{entry_terms, taxonomy_counts, terms};
use crate::db::sql::{CountRow, Sql, Value};
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Taxonomy {
    Tag,
    Category,
    ResourceType,
    EventCategory,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 4] = [
        Taxonomy::Tag,
        Taxonomy::Category,
        Taxonomy::ResourceType,
        Taxonomy::EventCategory,
    ];

    /// The collection path of its terms.
    pub fn collection(self) -> &'static str {
        match self {
            Taxonomy::Tag => "tags",
            Taxonomy::Category => "categories",
            Taxonomy::ResourceType => "resource-types",
            Taxonomy::EventCategory => "event-categories",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Taxonomy::Tag => "tag",
            Taxonomy::Category => "category",
            Taxonomy::ResourceType => "resource_type",
            Taxonomy::EventCategory => "event_category",
        }
    }

    /// The member of a content item that holds this taxonomy's term ids.
    pub fn field(self) -> &'static str {
        match self {
            Taxonomy::Tag => "tags",
            Taxonomy::Category => "categories",
            Taxonomy::ResourceType => "resource_types",
            Taxonomy::EventCategory => "event_categories",
        }
    }

    pub fn hierarchical(self) -> bool {
        matches!(
            self,
            Taxonomy::Category | Taxonomy::ResourceType | Taxonomy::EventCategory
        )
    }

    pub fn parse(s: &str) -> Option<Taxonomy> {
        Taxonomy::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn noun(self) -> &'static str {
        match self {
            Taxonomy::ResourceType => "resource type",
            Taxonomy::EventCategory => "event category",
            other => other.as_str(),
        }
    }
}

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable)]
#[diesel(table_name = terms)]
pub struct Term {
    pub id: i64,
    pub taxonomy: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Replaces an entry's terms of one taxonomy; every id must be a term of that taxonomy.
/// `fresh`: the entry was created in this write and has no terms yet.
pub fn set_entry_terms(
    conn: &mut DbConn,
    entry_id: i64,
    taxonomy: Taxonomy,
    ids: &[i64],
    fresh: bool,
) -> Result<()> {
    let mut wanted: Vec<i64> = Vec::with_capacity(ids.len());
    for id in ids {
        if !wanted.contains(id) {
            wanted.push(*id);
        }
    }
    let found: Vec<i64> = if wanted.is_empty() {
        Vec::new()
    } else {
        // By primary key, the taxonomy checked here: a planner that weighs `taxonomy = ?`
        // on fresh statistics may otherwise scan every term of the taxonomy.
        terms::table
            .filter(terms::id.eq_any(&wanted))
            .select((terms::id, terms::taxonomy))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .filter(|(_, t)| t == taxonomy.as_str())
            .map(|(id, _)| id)
            .collect()
    };
    let errors: Vec<FieldError> = ids
        .iter()
        .enumerate()
        .filter(|(_, id)| !found.contains(id))
        .map(|(i, id)| {
            FieldError::new(
                format!("{}[{i}]", taxonomy.field()),
                format!("there is no {} with id {id}", taxonomy.noun()),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if !fresh {
        let of_taxonomy = terms::table
            .filter(terms::taxonomy.eq(taxonomy.as_str()))
            .select(terms::id);
        diesel::delete(
            entry_terms::table
                .filter(entry_terms::entry_id.eq(entry_id))
                .filter(entry_terms::term_id.eq_any(of_taxonomy)),
        )
        .execute(conn)?;
    }
    if !wanted.is_empty() {
        // One statement for all of them (a few shapes: items carry a handful of terms).
        let mut insert = Sql::new("INSERT INTO entry_terms (entry_id, term_id) VALUES ");
        for (i, term_id) in wanted.into_iter().enumerate() {
            if i > 0 {
                insert.push(", ");
            }
            insert.bind_list([Value::Int(entry_id), Value::Int(term_id)]);
        }
        insert.into_query().execute(conn)?;
    }
    Ok(())
}

pub fn term_ids_of(conn: &mut DbConn, entry_id: i64) -> Result<Vec<i64>> {
    Ok(entry_terms::table
        .filter(entry_terms::entry_id.eq(entry_id))
        .order(entry_terms::term_id)
        .select(entry_terms::term_id)
        .load(conn)?)
}

/// The id of the term of `taxonomy` with this slug.
pub fn id_by_slug(conn: &mut DbConn, taxonomy: Taxonomy, slug: &str) -> Result<Option<i64>> {
    Ok(terms::table
        .filter(terms::taxonomy.eq(taxonomy.as_str()))
        .filter(terms::slug.eq(slug))
        .select(terms::id)
        .first(conn)
        .optional()?)
}

/// The ids of the terms of `taxonomy` with these slugs (those that exist).
pub fn ids_by_slugs(conn: &mut DbConn, taxonomy: Taxonomy, slugs: &[String]) -> Result<Vec<i64>> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    // Hand-built, so that the statement is prepared once per number of slugs (diesel
    // prepares an `eq_any` every time).
    let mut sql = Sql::new("SELECT id AS n FROM terms WHERE taxonomy = ");
    sql.bind(Value::Text(taxonomy.as_str().to_owned()))
        .push(" AND slug IN ")
        .bind_list(slugs.iter().map(|s| Value::Text(s.clone())))
        .push(" ORDER BY id");
    let rows: Vec<CountRow> = sql.into_query().load(conn)?;
    Ok(rows.into_iter().map(|r| r.n).collect())
}

/// The ids of these terms of `taxonomy` (by slug, in id order), and how many published
/// entries of `kinds` carry them (their stored counts, summed): one statement, which tells
/// a list how to filter on them (see `list::Membership`).
pub fn ids_and_reach(
    conn: &mut DbConn,
    taxonomy: Taxonomy,
    slugs: &[String],
    kinds: &[Kind],
) -> Result<(Vec<i64>, i64)> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        reach: i64,
    }
    if slugs.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let mut sql = Sql::new(
        "SELECT t.id AS id, CAST(COALESCE((SELECT SUM(tc.n) FROM term_counts tc \
         WHERE tc.term_id = t.id AND tc.kind IN ",
    );
    sql.bind_list(kinds.iter().map(|k| Value::Text(k.as_str().to_owned())))
        .push("), 0) AS BIGINT) AS reach FROM terms t WHERE t.taxonomy = ")
        .bind(Value::Text(taxonomy.as_str().to_owned()))
        .push(" AND t.slug IN ")
        .bind_list(slugs.iter().map(|s| Value::Text(s.clone())))
        .push(" ORDER BY t.id");
    let rows: Vec<Row> = sql.into_query().load(conn)?;
    let reach = rows.iter().map(|r| r.reach).sum();
    Ok((rows.into_iter().map(|r| r.id).collect(), reach))
}

pub fn find_many(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<Term>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(terms::table
        .filter(terms::id.eq_any(ids))
        .select(Term::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, taxonomy: Taxonomy, id: i64) -> Result<Term> {
    terms::table
        .filter(terms::taxonomy.eq(taxonomy.as_str()))
        .filter(terms::id.eq(id))
        .select(Term::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("no {} with id {id}", taxonomy.noun())))
}

#[derive(Debug, Clone)]
pub struct TermQuery {
    pub taxonomy: Taxonomy,
    pub slugs: Vec<String>,
    pub search: Option<String>,
    /// `Some(None)`: top-level terms only.
    pub parent: Option<Option<i64>>,
    pub order: TermOrder,
    pub dir: Direction,
    /// More conditions over `t`.
    pub conditions: Vec<Sql>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermOrder {
    Name,
    Slug,
    Id,
    /// The id the WordPress-compatible API shows (`content::wp_ids`); pages by offset.
    WpId,
    /// How many published items carry the term (of one kind, or of all); by offset.
    Count(Option<Kind>),
    /// The order of these WordPress ids (WordPress's `orderby=include`), the others
    /// after them; by offset.
    Given(Vec<i64>),
}

impl TermOrder {
    fn column(&self) -> String {
        match self {
            TermOrder::Name => "t.name".into(),
            TermOrder::Slug => "t.slug".into(),
            TermOrder::Id => "t.id".into(),
            TermOrder::WpId => crate::content::wp_ids::expr("t"),
            TermOrder::Count(kind) => format!(
                "(SELECT COALESCE(SUM(tc.n), 0) FROM term_counts tc WHERE tc.term_id = t.id{})",
                kind.map_or(String::new(), |k| format!(
                    " AND tc.kind = '{}'",
                    k.as_str()
                ))
            ),
            TermOrder::Given(ids) => crate::content::wp_ids::position("t", ids),
        }
    }

    fn key(&self) -> &'static str {
        match self {
            TermOrder::Name => "name",
            TermOrder::Slug => "slug",
            TermOrder::Id => "id",
            TermOrder::WpId => "wp_id",
            TermOrder::Count(_) => "count",
            TermOrder::Given(_) => "include",
        }
    }
}

/// A page of terms, each with how many items anonymous readers see with it, in one
/// statement (with the total too when it is the whole taxonomy's stored count).
pub fn list(
    conn: &mut DbConn,
    q: &TermQuery,
    window: &Window,
) -> Result<Listed<(Term, TermCount)>> {
    let mut from = Sql::new(" FROM terms t WHERE t.taxonomy = ");
    from.bind(Value::Text(q.taxonomy.as_str().to_owned()));
    if !q.slugs.is_empty() {
        from.push(" AND t.slug IN ")
            .bind_list(q.slugs.iter().map(|s| Value::Text(s.clone())));
    }
    if let Some(needle) = &q.search {
        from.push(" AND ")
            .append(&crate::db::dialect::contains("t.name", needle));
    }
    match q.parent {
        Some(Some(p)) => {
            from.push(" AND t.parent_id = ").bind(Value::Int(p));
        }
        Some(None) => {
            from.push(" AND t.parent_id IS NULL");
        }
        None => {}
    }
    for c in &q.conditions {
        from.push(" AND ").append(c);
    }
    // The whole taxonomy: its stored count (kept by triggers on `terms`), read along with
    // the page.
    let whole =
        q.slugs.is_empty() && q.search.is_none() && q.parent.is_none() && q.conditions.is_empty();
    let mut page = Sql::new("SELECT t.*, ");
    if whole && window.count {
        page.push("COALESCE((SELECT tc.n FROM taxonomy_counts tc WHERE tc.taxonomy = ")
            .bind(Value::Text(q.taxonomy.as_str().to_owned()))
            .push("), 0) AS total_n");
    } else {
        page.push("CAST(-1 AS BIGINT) AS total_n");
    }
    page.append(&from);
    let column = q.order.column();
    let op = if q.dir == Direction::Asc { ">" } else { "<" };
    if let Paging::After(cursor) = &window.paging {
        let bad = || Error::invalid_query("cursor", "is not a cursor of this list and ordering");
        if cursor.key != q.order.key() || cursor.dir != q.dir {
            return Err(bad());
        }
        if q.order == TermOrder::Id {
            page.push(&format!(" AND t.id {op} "))
                .bind(Value::Int(cursor.id));
        } else {
            let v = Value::Text(cursor.value.as_str().ok_or_else(bad)?.to_owned());
            page.push(&format!(" AND ({column} {op} ")).bind(v.clone());
            page.push(&format!(" OR ({column} = ")).bind(v);
            page.push(&format!(" AND t.id {op} "))
                .bind(Value::Int(cursor.id))
                .push("))");
        }
    }
    let dir = if q.dir == Direction::Asc {
        "ASC"
    } else {
        "DESC"
    };
    page.push(&format!(" ORDER BY {column} {dir}, t.id {dir} LIMIT "))
        .bind(Value::Int(i64::from(window.per_page) + 1));
    if !matches!(window.paging, Paging::After(_)) {
        page.push(" OFFSET ").bind(Value::Int(window.skip()));
    }
    #[derive(QueryableByName)]
    struct PageRow {
        #[diesel(embed)]
        term: Term,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        total_n: i64,
        #[diesel(embed)]
        counts: counts::CountColumns,
    }
    // The page and its terms' counts in one statement: a row per term and kind.
    let order = format!("{column} {dir}, t.id {dir}");
    let loaded = counts::load_with_term_counts(conn, &page, &order, |r: &PageRow| &r.counts)?;
    let read_total = loaded.first().map(|r| r.total_n).filter(|n| *n >= 0);
    let mut rows: Vec<(Term, TermCount)> = Vec::new();
    for row in loaded {
        if rows.last().is_none_or(|(t, _)| t.id != row.term.id) {
            rows.push((row.term, TermCount::default()));
        }
        if let Some((_, count)) = rows.last_mut() {
            count.add(&row.counts);
        }
    }
    let more = rows.len() > window.per_page as usize;
    rows.truncate(window.per_page as usize);
    let next = rows.last().filter(|_| more).map(|last| Cursor {
        key: q.order.key().to_owned(),
        dir: q.dir,
        value: match q.order {
            TermOrder::Name => serde_json::json!(last.0.name),
            TermOrder::Slug => serde_json::json!(last.0.slug),
            // The WordPress-compatible API pages by offset, never by cursor.
            TermOrder::Id | TermOrder::WpId | TermOrder::Count(_) | TermOrder::Given(_) => {
                serde_json::json!(last.0.id)
            }
        },
        id: last.0.id,
    });
    let total = if !window.count {
        None
    } else if read_total.is_some() {
        read_total
    } else if whole {
        Some(
            taxonomy_counts::table
                .find(q.taxonomy.as_str())
                .select(taxonomy_counts::n)
                .get_result::<i64>(conn)
                .optional()?
                .unwrap_or(0),
        )
    } else {
        let mut count = Sql::new("SELECT COUNT(*) AS n");
        count.append(&from);
        Some(count.into_query().get_result::<CountRow>(conn)?.n)
    };
    Ok(Listed {
        items: rows,
        total,
        next,
    })
}

#[derive(Debug, Default)]
pub struct TermInput {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    /// `Some(None)` makes the term top-level.
    pub parent: Option<Option<i64>>,
}

fn check_parent(
    conn: &mut DbConn,
    taxonomy: Taxonomy,
    term: Option<i64>,
    parent: Option<i64>,
) -> Result<()> {
    let Some(parent) = parent else { return Ok(()) };
    if !taxonomy.hierarchical() {
        return Err(Error::invalid(
            "parent",
            format!("{}s have no parents", taxonomy.noun()),
        ));
    }
    // Walk up from the new parent: meeting the term itself would make a cycle.
    let mut at = Some(parent);
    let mut steps = 0;
    while let Some(id) = at {
        if Some(id) == term {
            return Err(Error::invalid(
                "parent",
                "a term cannot be its own ancestor",
            ));
        }
        let row: Option<Option<i64>> = terms::table
            .filter(terms::taxonomy.eq(taxonomy.as_str()))
            .filter(terms::id.eq(id))
            .select(terms::parent_id)
            .first(conn)
            .optional()?;
        match row {
            Some(next) => at = next,
            None if id == parent => {
                return Err(Error::invalid(
                    "parent",
                    format!("there is no {} with id {parent}", taxonomy.noun()),
                ));
            }
            None => at = None,
        }
        steps += 1;
        if steps > 1000 {
            return Err(Error::invalid("parent", "the hierarchy is too deep"));
        }
    }
    Ok(())
}

fn check_name(name: &str) -> std::result::Result<String, FieldError> {
    let name = name.trim();
    if name.is_empty() {
        Err(FieldError::new("name", "must not be empty"))
    } else if name.chars().count() > 200 {
        Err(FieldError::new(
            "name",
            "must be at most 200 characters long",
        ))
    } else {
        Ok(name.to_owned())
    }
}

fn slug_taken(
    conn: &mut DbConn,
    taxonomy: Taxonomy,
    slug: &Slug,
    except: Option<i64>,
) -> Result<bool> {
    let mut q = terms::table
        .filter(terms::taxonomy.eq(taxonomy.as_str()))
        .filter(terms::slug.eq(slug))
        .select(terms::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(terms::id.ne(id));
    }
    Ok(q.first::<i64>(conn).optional()?.is_some())
}

pub fn create(conn: &mut DbConn, taxonomy: Taxonomy, input: TermInput) -> Result<Term> {
    crate::content::version::bump(conn)?;
    let name = input
        .name
        .as_deref()
        .ok_or_else(|| FieldError::new("name", "is required"))
        .and_then(check_name)
        .map_err(|e| Error::Validation(vec![e]))?;
    let slug = match input.slug.as_deref() {
        Some(s) => {
            let s = Slug::parse("slug", s).map_err(|e| Error::Validation(vec![e]))?;
            if slug_taken(conn, taxonomy, &s, None)? {
                return Err(Error::conflict(
                    "slug",
                    format!("another {} has the slug `{s}`", taxonomy.noun()),
                ));
            }
            s
        }
        None => {
            let base = Slug::from_text(&name).unwrap_or_else(|| Slug::of_word(taxonomy.noun()));
            let taken: Vec<String> = terms::table
                .filter(terms::taxonomy.eq(taxonomy.as_str()))
                .filter(
                    terms::slug
                        .eq(&base)
                        .or(terms::slug.like(format!("{base}-%"))),
                )
                .select(terms::slug)
                .load(conn)?;
            base.first_free(&taken)
        }
    };
    let parent = input.parent.flatten();
    check_parent(conn, taxonomy, None, parent)?;
    let now = crate::db::now();
    diesel::insert_into(terms::table)
        .values((
            terms::taxonomy.eq(taxonomy.as_str()),
            terms::slug.eq(&slug),
            terms::name.eq(&name),
            terms::description.eq(input.description.as_deref().unwrap_or("").trim()),
            terms::parent_id.eq(parent),
            terms::created_at.eq(now),
            terms::updated_at.eq(now),
        ))
        .execute(conn)?;
    let term: Term = terms::table
        .filter(terms::taxonomy.eq(taxonomy.as_str()))
        .filter(terms::slug.eq(&slug))
        .select(Term::as_select())
        .first(conn)?;
    changes::record_term(
        conn,
        taxonomy.as_str(),
        term.id,
        &term.slug,
        Action::Created,
    )?;
    Ok(term)
}

pub fn update(conn: &mut DbConn, taxonomy: Taxonomy, id: i64, input: TermInput) -> Result<Term> {
    crate::content::version::bump(conn)?;
    find(conn, taxonomy, id)?;
    let name = input
        .name
        .as_deref()
        .map(check_name)
        .transpose()
        .map_err(|e| Error::Validation(vec![e]))?;
    let slug = input
        .slug
        .as_deref()
        .map(|s| Slug::parse("slug", s))
        .transpose()
        .map_err(|e| Error::Validation(vec![e]))?;
    if let Some(s) = &slug
        && slug_taken(conn, taxonomy, s, Some(id))?
    {
        return Err(Error::conflict(
            "slug",
            format!("another {} has the slug `{s}`", taxonomy.noun()),
        ));
    }
    if let Some(parent) = input.parent {
        check_parent(conn, taxonomy, Some(id), parent)?;
        diesel::update(terms::table.find(id))
            .set(terms::parent_id.eq(parent))
            .execute(conn)?;
    }
    if let Some(name) = name {
        diesel::update(terms::table.find(id))
            .set(terms::name.eq(name))
            .execute(conn)?;
    }
    if let Some(slug) = slug {
        diesel::update(terms::table.find(id))
            .set(terms::slug.eq(slug))
            .execute(conn)?;
    }
    if let Some(d) = input.description {
        diesel::update(terms::table.find(id))
            .set(terms::description.eq(d.trim()))
            .execute(conn)?;
    }
    diesel::update(terms::table.find(id))
        .set(terms::updated_at.eq(crate::db::now()))
        .execute(conn)?;
    let term = find(conn, taxonomy, id)?;
    changes::record_term(conn, taxonomy.as_str(), id, &term.slug, Action::Updated)?;
    Ok(term)
}

/// Deletes a term; items lose it, children become top-level.
pub fn delete(conn: &mut DbConn, taxonomy: Taxonomy, id: i64) -> Result<()> {
    crate::content::version::bump(conn)?;
    let term = find(conn, taxonomy, id)?;
    changes::record_term(conn, taxonomy.as_str(), id, &term.slug, Action::Deleted)?;
    diesel::update(terms::table.filter(terms::parent_id.eq(id)))
        .set(terms::parent_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(entry_terms::table.filter(entry_terms::term_id.eq(id))).execute(conn)?;
    diesel::delete(terms::table.find(id)).execute(conn)?;
    Ok(())
}
