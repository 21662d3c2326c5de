//! Custom fields in lists: `field.NAME=value` filters and `orderby=field.NAME`, checked
//! against the field groups of the kind and answered from the `field_values` index.

use crate::content::field_groups::Groups;
use crate::content::fields;
use crate::content::list::{EntryQuery, Membership, SortKey};
use crate::db::DbConn;
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};

/// Turns custom-field filters and ordering into conditions of the query, checked
/// against the field groups of the kind.
pub fn narrow(conn: &mut DbConn, query: &mut EntryQuery) -> Result<()> {
    let groups = Groups::load(conn)?;
    let kind = query.kind;
    let defs = groups.for_kind(kind);
    let find = |name: &str, param: &str| {
        defs.iter()
            .find(|d| d.name == name)
            .copied()
            .ok_or_else(|| {
                Error::invalid_query(
                    param.to_owned(),
                    format!("`{name}` is not a custom field of {}", kind.collection()),
                )
            })
    };
    let filters = std::mem::take(&mut query.field_filters);
    for (name, raw) in &filters {
        let param = format!("field.{name}");
        let def = find(name, &param)?;
        let Some(scalar) = fields::scalar(def) else {
            return Err(Error::invalid_query(
                param,
                "only number, boolean, text, choice and date fields can be filtered on",
            ));
        };
        let mut values = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            values.push(
                fields::filter_value(def, part)
                    .map_err(|m| Error::invalid_query(param.clone(), m))?,
            );
        }
        if values.is_empty() {
            continue;
        }
        let mut c = Sql::new("fv.name = ");
        c.bind(Value::Text(name.clone()));
        match scalar {
            fields::Scalar::Number | fields::Scalar::Boolean => {
                c.push(" AND fv.num IN ").bind_list(
                    values
                        .iter()
                        .map(|v| Value::Float(v.num.unwrap_or_default())),
                );
            }
            fields::Scalar::Text => {
                c.push(" AND fv.text IN ").bind_list(
                    values
                        .iter()
                        .map(|v| Value::Text(v.text.clone().unwrap_or_default())),
                );
            }
        }
        let filter = Membership::measured(conn, "field_values fv", "fv.entry_id", c)?;
        query.memberships.push(filter);
    }
    if let Some(name) = query.sort_field.clone() {
        let param = "orderby";
        let def = find(&name, param)?;
        if !fields::sortable(def) {
            return Err(Error::invalid_query(
                param,
                format!(
                    "`field.{name}` cannot be sorted on: only single number, boolean, text, choice and date fields can"
                ),
            ));
        }
        query.order = match fields::scalar(def) {
            Some(fields::Scalar::Text) => SortKey::FieldText,
            _ => SortKey::FieldNum,
        };
    }
    Ok(())
}
