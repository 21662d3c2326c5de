//! Posts: news, analysis and reports, with tags and categories. Everything a post holds is
//! shared by every kind (`sticky` is a column of `entries`); only its filter is its own.

use crate::content::Kind;
use crate::content::entry::Entry;
use crate::content::kind::ContentKind;
use crate::content::list::EntryQuery;
use crate::db::DbConn;
use crate::db::sql::Sql;
use crate::error::Result;

pub struct Posts;

/// Filters of posts only.
#[derive(Clone, Debug, Default)]
pub struct PostFilter {
    /// Only sticky posts (`true`) or only the others (`false`).
    pub sticky: Option<bool>,
}

impl ContentKind for Posts {
    const KIND: Kind = Kind::Post;
    type Details = ();
    type Changes = ();
    type Filter = PostFilter;

    fn load_details(_: &mut DbConn, _: &[Entry]) -> Result<()> {
        Ok(())
    }

    fn save(_: &mut DbConn, _: &Entry, _: (), _: bool) -> Result<()> {
        Ok(())
    }

    fn narrow(query: &mut EntryQuery, filter: PostFilter) {
        if let Some(sticky) = filter.sticky {
            query.conditions.push(Sql::new(if sticky {
                "e.sticky = TRUE"
            } else {
                "e.sticky = FALSE"
            }));
        }
    }
}
