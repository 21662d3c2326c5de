//! Listing entries: filters, visibility, ordering, pages and keyset cursors, in a fixed
//! number of queries (the page, and the total unless `count=none`).

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::access::visibility;
use crate::content::paging::{Cursor, Direction, Listed, Paging, Window};
use crate::content::terms::Taxonomy;
use crate::content::{Kind, Status, Viewer};
use crate::content::{counts, terms};
use crate::db::sql::{CountRow, Sql, Value};
use crate::db::{Backend, DbConn, dialect};
use crate::error::{Error, Result};

/// What an entry list can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    PublishedAt,
    UpdatedAt,
    Title,
    Slug,
    Id,
    /// The id the WordPress-compatible API shows (`content::wp_ids`).
    WpId,
    /// The order of `EntryQuery::given` (WordPress's `orderby=include`), the others after.
    Given,
    Relevance,
    /// The kind's own integer order (pages: `menu_order`).
    MenuOrder,
    /// A number, boolean or text custom field (`EntryQuery::sort_field`); items with no
    /// value sort as the lowest value.
    FieldNum,
    FieldText,
    /// The kind's own instant (events: when the first occurrence starts).
    KindTime,
}

impl SortKey {
    /// The column of the page query that holds this key.
    fn column(self) -> &'static str {
        match self {
            SortKey::Id => "e.id",
            SortKey::Relevance => "score",
            SortKey::MenuOrder | SortKey::WpId | SortKey::Given => "sort_int",
            SortKey::FieldNum => "sort_num",
            SortKey::Title | SortKey::Slug | SortKey::FieldText => "sort_text",
            SortKey::PublishedAt | SortKey::UpdatedAt | SortKey::KindTime => "sort_time",
        }
    }
}

/// What a list is ordered by, as asked: one of the kind's keys, or a custom field.
#[derive(Debug, Clone, PartialEq)]
pub enum ListOrder {
    Key(SortKey),
    /// `field.NAME`: a number, boolean or single-valued text custom field.
    Field(String),
}

/// The shared filters and order of an entry list, as a reader asks for them (already
/// parsed; `EntryQuery::new` checks how they go together).
#[derive(Debug, Default)]
pub struct EntryFilter {
    /// `None`: what anonymous readers see (published, date come).
    pub statuses: Option<Vec<Status>>,
    pub slugs: Vec<String>,
    pub authors: Vec<i64>,
    pub published_after: Option<NaiveDateTime>,
    pub published_before: Option<NaiveDateTime>,
    /// Trimmed, non-empty.
    pub search: Option<String>,
    /// Each taxonomy's slugs, any-of; several taxonomies must all match.
    pub terms: Vec<(Taxonomy, Vec<String>)>,
    pub order: Option<ListOrder>,
    pub dir: Option<Direction>,
    /// `field.NAME=value` filters (comma-separated values: any of), checked against the
    /// field groups when the list runs.
    pub fields: Vec<(String, String)>,
}

/// Filters of an entry list, already checked.
#[derive(Debug, Clone)]
pub struct EntryQuery {
    pub kind: Kind,
    pub viewer: Viewer,
    /// `None`: what anonymous readers see (published, date come).
    pub statuses: Option<Vec<Status>>,
    pub slugs: Vec<String>,
    pub authors: Vec<i64>,
    pub published_after: Option<NaiveDateTime>,
    pub published_before: Option<NaiveDateTime>,
    pub search: Option<String>,
    /// Each taxonomy's slugs, any-of; several taxonomies must all match.
    pub terms: Vec<(Taxonomy, Vec<String>)>,
    pub order: SortKey,
    pub dir: Direction,
    /// The kind's own table, joined as `x` (`JOIN page_details x ON x.entry_id = e.id`).
    pub join: Option<&'static str>,
    /// Conditions of the kind's own filters, over `e` and `x`.
    pub conditions: Vec<Sql>,
    /// The integer expression `SortKey::MenuOrder` sorts by.
    pub sort_int: Option<&'static str>,
    /// The custom field `SortKey::FieldNum` and `FieldText` sort by.
    pub sort_field: Option<String>,
    /// The timestamp expression `SortKey::KindTime` sorts by.
    pub sort_time: Option<&'static str>,
    /// `field.NAME=value` filters, turned into `memberships` by `field_filters::narrow`.
    pub field_filters: Vec<(String, String)>,
    /// Filters on what an entry is linked to, other than its terms (custom-field values).
    pub memberships: Vec<Membership>,
    /// Kinds listed along with `kind` (a search across kinds); their own filters and
    /// orders do not apply.
    pub also: Vec<Kind>,
    /// The WordPress ids `SortKey::Given` orders by.
    pub given: Vec<i64>,
}

impl EntryQuery {
    /// Whether its cost grows with the matches rather than the page: a full-text search,
    /// or a custom-field filter. Such lists take turns (`AppState::read_heavy`).
    pub fn is_heavy(&self) -> bool {
        self.search.is_some() || !self.field_filters.is_empty()
    }

    /// The query of a list of `kind` for `viewer` (`ContentKind::query` calls it with the
    /// kind's own default order): checks that the filters go together and fills in the
    /// default order (the kind's, or relevance with a search) and direction (ascending for
    /// names and positions, newest first for dates).
    pub fn new(
        kind: Kind,
        default_order: SortKey,
        viewer: Viewer,
        f: EntryFilter,
    ) -> Result<EntryQuery> {
        let (order, sort_field) = match f.order {
            Some(ListOrder::Key(SortKey::Relevance)) if f.search.is_none() => {
                return Err(Error::invalid_query(
                    "orderby",
                    "`relevance` needs `search`",
                ));
            }
            Some(ListOrder::Key(key)) => (key, None),
            // Numeric until the field's type is known (`field_groups::narrow`).
            Some(ListOrder::Field(name)) => (SortKey::FieldNum, Some(name)),
            None if f.search.is_some() => (SortKey::Relevance, None),
            None => (default_order, None),
        };
        let ascending = matches!(
            order,
            SortKey::Title
                | SortKey::Slug
                | SortKey::Given
                | SortKey::MenuOrder
                | SortKey::FieldNum
                | SortKey::FieldText
                | SortKey::KindTime
        );
        if let (Some(a), Some(b)) = (f.published_after, f.published_before)
            && a >= b
        {
            return Err(Error::invalid_query(
                "published_before",
                "must be later than `published_after`",
            ));
        }
        Ok(EntryQuery {
            kind,
            viewer,
            statuses: f.statuses,
            slugs: f.slugs,
            authors: f.authors,
            published_after: f.published_after,
            published_before: f.published_before,
            search: f.search,
            terms: f.terms,
            order,
            dir: f.dir.unwrap_or(if ascending {
                Direction::Asc
            } else {
                Direction::Desc
            }),
            join: None,
            conditions: Vec::new(),
            sort_int: None,
            sort_field,
            sort_time: None,
            field_filters: f.fields,
            memberships: Vec::new(),
            also: Vec::new(),
            given: Vec::new(),
        })
    }
}

/// A row of a page: the item's id and the value it is ordered by (and its cursor holds).
#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    /// The stored total read along with the page (-1 when it is not), and whether it is
    /// stale (see `counts::public_total_columns`).
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    total_n: i64,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    total_due: i32,
    #[diesel(sql_type = diesel::sql_types::Double)]
    score: f64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    sort_int: i64,
    #[diesel(sql_type = diesel::sql_types::Double)]
    sort_num: f64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sort_text: String,
    /// The time it is ordered by, for the cursor: on PostgreSQL as a timestamp, on SQLite
    /// as the stored text (parsed for the last row only: parsing each row's took a
    /// twentieth of a list's time).
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    cursor_ts: Option<NaiveDateTime>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    cursor_ts_text: Option<String>,
}

/// What a missing number field sorts as: below every real value.
const NO_NUMBER: f64 = -1e300;

/// The ids of each term filter's terms (in `q.terms`' order), looked up once per list.
type TermIds = Vec<Vec<i64>>;

/// How many entries a bounded look counts at most when it sizes a [`Membership`]: past
/// it, a filter is dense. About where walking a list's order until a page of 20 is full
/// (the entries visited grow as the filter gets sparser) costs as much as reading the
/// list of the entries that have it, at 100,000 posts.
static DENSE: AtomicI64 = AtomicI64::new(1000);

fn dense_reach() -> i64 {
    DENSE.load(Ordering::Relaxed)
}

/// Sets where a filter counts as dense (see [`Membership`]), so that tests can compare
/// the two ways of reading a filter on a small site: they must answer the same.
#[doc(hidden)]
pub fn set_dense_reach_for_tests(reach: i64) {
    DENSE.store(reach.max(1), Ordering::Relaxed);
}

/// A filter on what an entry is linked to (one of some terms, a custom field's values),
/// written for how many entries have it. A sparse one (fewer than the dense reach) is read as a
/// list of entries that drives the query: `e.id IN (SELECT ...)`. A dense one is checked
/// entry by entry, `EXISTS (...)`, while the list walks its order's index, and stops at
/// the page's end: building its list of entries would cost as much as the entries that
/// have it (a tag on 40,000 posts) for a page of 20.
#[derive(Debug, Clone)]
pub struct Membership {
    /// The table, aliased (`entry_terms et`).
    table: &'static str,
    /// Its entry id column (`et.entry_id`).
    entry: &'static str,
    /// Which of its rows say so (`et.term_id IN (...)`).
    condition: Sql,
    /// How many entries have it, as far as it is known cheaply: a term's stored count, a
    /// custom field's matching values counted up to the dense reach.
    reach: i64,
}

impl Membership {
    /// A filter on the rows of `table` for which `condition` holds, sized by a count of
    /// those rows that stops at the dense reach: one look along an index, however many
    /// there are.
    pub fn measured(
        conn: &mut DbConn,
        table: &'static str,
        entry: &'static str,
        condition: Sql,
    ) -> Result<Membership> {
        let mut sql = Sql::new(&format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM {table} WHERE "
        ));
        sql.append(&condition)
            .push(" LIMIT ")
            .bind(Value::Int(dense_reach()))
            .push(") reached");
        let reach = sql.into_query().get_result::<CountRow>(conn)?.n;
        Ok(Membership {
            table,
            entry,
            condition,
            reach,
        })
    }

    /// The entries with one of these terms, which `reach` published entries carry.
    fn terms(ids: &[i64], reach: i64) -> Membership {
        let condition = if ids.is_empty() {
            Sql::new("1 = 0")
        } else {
            let mut c = Sql::new("et.term_id IN ");
            c.bind_list(ids.iter().map(|id| Value::Int(*id)));
            c
        };
        Membership {
            table: "entry_terms et",
            entry: "et.entry_id",
            condition,
            reach,
        }
    }

    fn dense(&self) -> bool {
        self.reach >= dense_reach()
    }

    /// The condition on `e`, as a list that drives the query (`driving`) or checked
    /// entry by entry.
    fn on_entries(&self, driving: bool, backend: Backend) -> Sql {
        let mut sql = if driving {
            Sql::new(&format!(
                "e.id IN (SELECT {} FROM {} WHERE ",
                self.entry, self.table
            ))
        } else {
            Sql::new(&format!(
                "EXISTS (SELECT 1 FROM {} WHERE {} = e.id AND ",
                self.table, self.entry
            ))
        };
        sql.append(&self.condition);
        if !driving {
            sql.push(dialect::checked_per_row(backend));
        }
        sql.push(")");
        sql
    }
}

/// The conditions of `memberships` on `e`: for a page, the sparse ones drive and the dense
/// ones are checked entry by entry; for a count, which visits every match whatever the
/// order, all drive (SQLite reads each list once and checks the entries of one against
/// the others in memory: cheaper than a lookup per entry and membership in their tables).
fn memberships(all: &[&Membership], count: bool, backend: Backend) -> Sql {
    let mut sql = Sql::new("");
    for m in all {
        sql.push(" AND ")
            .append(&m.on_entries(count || !m.dense(), backend));
    }
    sql
}

fn filters(q: &EntryQuery, now: NaiveDateTime) -> Sql {
    let mut w = Sql::new(" WHERE e.kind ");
    if q.also.is_empty() {
        w.push("= ").bind(Value::Text(q.kind.as_str().to_owned()));
    } else {
        w.push("IN ").bind_list(
            std::iter::once(q.kind)
                .chain(q.also.iter().copied())
                .map(|k| Value::Text(k.as_str().to_owned())),
        );
    }
    w.push(" AND ");
    w.append(&visibility("e", q.viewer, q.statuses.as_deref(), now));
    for c in &q.conditions {
        w.push(" AND ").append(c);
    }
    if !q.slugs.is_empty() {
        w.push(" AND e.slug IN ")
            .bind_list(q.slugs.iter().map(|s| Value::Text(s.clone())));
    }
    if !q.authors.is_empty() {
        w.push(" AND e.author_id IN ")
            .bind_list(q.authors.iter().map(|a| Value::Int(*a)));
    }
    if let Some(after) = q.published_after {
        w.push(" AND e.published_at > ").bind(Value::Time(after));
    }
    if let Some(before) = q.published_before {
        w.push(" AND e.published_at < ").bind(Value::Time(before));
    }
    w
}

/// `alias` (an entry) has one of these terms of `taxonomy`, by slug: the slugs are looked
/// up first, so that the database plans with the terms' own sizes (PostgreSQL took a type
/// on 8,000 resources for one on 130 when it only knew the slug, and joined backwards).
pub fn with_terms(
    conn: &mut DbConn,
    alias: &str,
    taxonomy: Taxonomy,
    slugs: &[String],
) -> Result<Sql> {
    let ids = terms::ids_by_slugs(conn, taxonomy, slugs)?;
    Ok(with_term_ids(alias, &ids))
}

/// `alias` (an entry) has one of these terms (none: nothing matches).
fn with_term_ids(alias: &str, ids: &[i64]) -> Sql {
    if ids.is_empty() {
        return Sql::new("1 = 0");
    }
    let mut c = Sql::new(&format!(
        "{alias}.id IN (SELECT et.entry_id FROM entry_terms et WHERE et.term_id IN "
    ));
    c.bind_list(ids.iter().map(|id| Value::Int(*id))).push(")");
    c
}

fn cursor_value(key: SortKey, row: &Row) -> serde_json::Value {
    match key {
        SortKey::Id => serde_json::json!(row.id),
        SortKey::Relevance => serde_json::json!(row.score),
        SortKey::MenuOrder | SortKey::WpId | SortKey::Given => serde_json::json!(row.sort_int),
        SortKey::FieldNum => serde_json::json!(row.sort_num),
        SortKey::Title | SortKey::Slug | SortKey::FieldText => serde_json::json!(row.sort_text),
        SortKey::PublishedAt | SortKey::UpdatedAt | SortKey::KindTime => {
            let time = row.cursor_ts.or_else(|| {
                let text = row.cursor_ts_text.as_deref()?;
                NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
                    .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
                    .ok()
            });
            time.map_or(serde_json::Value::Null, |t| serde_json::json!(format_ts(t)))
        }
    }
}

fn format_ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

fn key_name(q: &EntryQuery) -> String {
    let name = serde_json::to_value(q.order)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    match (&q.sort_field, q.order) {
        (Some(field), SortKey::FieldNum | SortKey::FieldText) => format!("{name}:{field}"),
        _ => name,
    }
}

/// The bound sort value of a cursor made for this ordering, or a 400.
fn cursor_bind(q: &EntryQuery, cursor: &Cursor) -> Result<Value> {
    let bad = || Error::invalid_query("cursor", "is not a cursor of this list and ordering");
    if cursor.key != key_name(q) || cursor.dir != q.dir {
        return Err(bad());
    }
    Ok(match q.order {
        SortKey::PublishedAt | SortKey::UpdatedAt | SortKey::KindTime => {
            let s = cursor.value.as_str().ok_or_else(bad)?;
            Value::Time(
                NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| bad())?,
            )
        }
        SortKey::Title | SortKey::Slug => {
            Value::Text(cursor.value.as_str().ok_or_else(bad)?.to_owned())
        }
        SortKey::Id => Value::Int(cursor.value.as_i64().ok_or_else(bad)?),
        SortKey::Relevance => Value::Float(cursor.value.as_f64().ok_or_else(bad)?),
        SortKey::MenuOrder | SortKey::WpId | SortKey::Given => {
            Value::Int(cursor.value.as_i64().ok_or_else(bad)?)
        }
        SortKey::FieldNum => Value::Float(cursor.value.as_f64().ok_or_else(bad)?),
        SortKey::FieldText => Value::Text(cursor.value.as_str().ok_or_else(bad)?.to_owned()),
    })
}

/// Whether the list asks for what anonymous readers see of its kinds, narrowed by terms at
/// most: its total is a stored count.
fn counted_as_stored(q: &EntryQuery) -> bool {
    let public = q.statuses.is_none() || q.viewer == Viewer::Anonymous;
    public
        && q.slugs.is_empty()
        && q.authors.is_empty()
        && q.published_after.is_none()
        && q.published_before.is_none()
        && q.search.is_none()
        && q.conditions.is_empty()
        && q.memberships.is_empty()
}

/// The total of a list from the stored counts, when it asks for what anonymous readers see
/// of a kind, optionally with one term: the common lists, whose counting would otherwise
/// grow with the table. `None`: the list must be counted.
fn stored_total(
    conn: &mut DbConn,
    q: &EntryQuery,
    term_ids: &TermIds,
    now: NaiveDateTime,
) -> Result<Option<i64>> {
    if !counted_as_stored(q) {
        return Ok(None);
    }
    match q.terms.as_slice() {
        [] => {
            let mut n = counts::public_total(conn, q.kind, now)?;
            for kind in &q.also {
                n += counts::public_total(conn, *kind, now)?;
            }
            Ok(Some(n))
        }
        _ if !q.also.is_empty() => Ok(None),
        [(_, slugs)] if slugs.len() == 1 => {
            let Some(&term) = term_ids.first().and_then(|ids| ids.first()) else {
                return Ok(Some(0));
            };
            let counted = counts::of_terms(conn, &[term])?;
            Ok(Some(counted.get(&term).map_or(0, |c| {
                c.by_kind
                    .iter()
                    .filter(|(k, _)| *k == q.kind)
                    .map(|(_, n)| n)
                    .sum()
            })))
        }
        _ => Ok(None),
    }
}

/// A page of a list: the ids of its items in order, the total unless `count=none`, and
/// the cursor of the next page. Only ids and sort keys are read here (from the indexes,
/// for the common orders), whatever the size of the items.
pub fn list(conn: &mut DbConn, q: &EntryQuery, window: &Window) -> Result<Listed<i64>> {
    let now = crate::db::now();
    let backend = conn.backend();
    let search = q.search.as_deref().map(|s| dialect::search(backend, s));
    let mut term_ids: TermIds = Vec::with_capacity(q.terms.len());
    let mut linked = Vec::with_capacity(q.terms.len());
    let kinds: Vec<Kind> = std::iter::once(q.kind)
        .chain(q.also.iter().copied())
        .collect();
    for (taxonomy, slugs) in &q.terms {
        let (ids, reach) = terms::ids_and_reach(conn, *taxonomy, slugs, &kinds)?;
        linked.push(Membership::terms(&ids, reach));
        term_ids.push(ids);
    }
    let linked: Vec<&Membership> = q.memberships.iter().chain(&linked).collect();

    // FROM ... WHERE ..., shared by the page and the count but for how the count reads
    // dense memberships.
    let mut from = match &search {
        Some(s) => s.from.clone(),
        None => Sql::new(" FROM entries e"),
    };
    if let Some(join) = q.join {
        from.push(join);
    }
    from.append(&filters(q, now));
    if let Some(s) = &search {
        from.push(" AND ").append(&s.condition);
    }
    let mut count_from = from.clone();
    from.append(&memberships(&linked, false, backend));
    count_from.append(&memberships(&linked, true, backend));

    // The common lists (all of a kind anonymous readers see) read their stored total in
    // the page's own statement: one statement a page rather than two.
    let total_inline = window.count
        && q.terms.is_empty()
        && q.also.is_empty()
        && q.field_filters.is_empty()
        && counted_as_stored(q);
    // A search visits every match to rank them, so on PostgreSQL it counts them in the same
    // pass rather than in a second statement that would find them all again (a quarter of
    // its time). SQLite cannot: its ranking function only runs where the full-text index
    // is read, not under a window, and counting apart is cheaper there anyway.
    let total_windowed = window.count && search.is_some() && backend == Backend::Postgres;
    // Not `e.*`: the cursor's time goes by another name, or `ORDER BY sort_time` would
    // take this one.
    let mut page = Sql::new(match backend {
        Backend::Postgres => {
            "SELECT e.id, e.score, e.sort_int, e.sort_num, e.sort_text, \
             e.sort_time AS cursor_ts, CAST(NULL AS TEXT) AS cursor_ts_text, "
        }
        Backend::Sqlite => {
            "SELECT e.id, e.score, e.sort_int, e.sort_num, e.sort_text, \
             NULL AS cursor_ts, e.sort_time AS cursor_ts_text, "
        }
    });
    if total_windowed {
        page.push("e.matches AS total_n, 0 AS total_due");
    } else if total_inline {
        page.append(&counts::public_total_columns(
            q.kind,
            now,
            "total_n",
            "total_due",
        ));
    } else {
        page.push("CAST(-1 AS BIGINT) AS total_n, 0 AS total_due");
    }
    page.push(" FROM (SELECT e.id AS id, ");
    match &search {
        Some(s) => page.append(&s.score),
        None => page.push("CAST(0 AS DOUBLE PRECISION)"),
    };
    let sort_int = match q.order {
        SortKey::WpId => crate::content::wp_ids::expr("e"),
        SortKey::Given => crate::content::wp_ids::position("e", &q.given),
        _ => q.sort_int.unwrap_or("0").to_owned(),
    };
    page.push(&format!(
        " AS score, CAST({sort_int} AS BIGINT) AS sort_int, "
    ));
    match (&q.sort_field, q.order) {
        (Some(field), SortKey::FieldNum) => {
            page.push(
                "COALESCE((SELECT MIN(fv.num) FROM field_values fv WHERE fv.entry_id = e.id AND fv.name = ",
            )
            .bind(Value::Text(field.clone()))
            .push("), ")
            .bind(Value::Float(NO_NUMBER))
            .push(") AS sort_num, '' AS sort_text");
        }
        (Some(field), SortKey::FieldText) => {
            page.push("CAST(0 AS DOUBLE PRECISION) AS sort_num, COALESCE((SELECT MIN(fv.text) FROM field_values fv WHERE fv.entry_id = e.id AND fv.name = ")
                .bind(Value::Text(field.clone()))
                .push("), '') AS sort_text");
        }
        (_, SortKey::Title) => {
            page.push("CAST(0 AS DOUBLE PRECISION) AS sort_num, e.title AS sort_text");
        }
        (_, SortKey::Slug) => {
            page.push("CAST(0 AS DOUBLE PRECISION) AS sort_num, e.slug AS sort_text");
        }
        _ => {
            page.push("CAST(0 AS DOUBLE PRECISION) AS sort_num, '' AS sort_text");
        }
    }
    let time = match q.order {
        SortKey::UpdatedAt => "e.updated_at",
        SortKey::KindTime => q.sort_time.unwrap_or("e.published_at"),
        _ => "e.published_at",
    };
    page.push(&format!(", {time} AS sort_time"));
    if total_windowed {
        page.push(", COUNT(*) OVER () AS matches");
    }
    page.append(&from).push(") e WHERE 1 = 1");
    let column = q.order.column();
    if let Paging::After(cursor) = &window.paging {
        let value = cursor_bind(q, cursor)?;
        let op = q.dir.after();
        if q.order == SortKey::Id {
            page.push(&format!(" AND e.id {op} "))
                .bind(Value::Int(cursor.id));
        } else {
            page.push(&format!(" AND ({column} {op} "))
                .bind(value.clone());
            page.push(&format!(" OR ({column} = ")).bind(value);
            page.push(&format!(" AND e.id {op} "))
                .bind(Value::Int(cursor.id))
                .push("))");
        }
    }
    let dir = q.dir.sql();
    if q.order == SortKey::Id {
        page.push(&format!(" ORDER BY e.id {dir}"));
    } else {
        page.push(&format!(" ORDER BY {column} {dir}, e.id {dir}"));
    }
    page.push(" LIMIT ")
        .bind(Value::Int(i64::from(window.per_page) + 1));
    if !matches!(window.paging, Paging::After(_)) {
        page.push(" OFFSET ").bind(Value::Int(window.skip()));
    }

    let mut rows: Vec<Row> = page.into_query().load(conn)?;
    let read_total = rows
        .first()
        .filter(|r| (total_inline || total_windowed) && r.total_due == 0 && r.total_n >= 0)
        .map(|r| r.total_n);
    let more = rows.len() > window.per_page as usize;
    rows.truncate(window.per_page as usize);
    let next = match rows.last() {
        Some(last) if more => Some(Cursor {
            key: key_name(q),
            dir: q.dir,
            value: cursor_value(q.order, last),
            id: last.id,
        }),
        _ => None,
    };
    let total = if !window.count {
        None
    } else if let Some(n) = read_total {
        Some(n)
    } else if let Some(n) = stored_total(conn, q, &term_ids, now)? {
        Some(n)
    } else {
        let mut count = Sql::new("SELECT COUNT(*) AS n");
        count.append(&count_from);
        let row: CountRow = count.into_query().get_result(conn)?;
        Some(row.n)
    };
    Ok(Listed {
        items: rows.into_iter().map(|r| r.id).collect(),
        total,
        next,
    })
}
