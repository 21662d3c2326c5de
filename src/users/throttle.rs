//! Throttling of failed sign-ins, kept in the database so every node sees the same count.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::login_throttle;
use crate::error::Result;

/// Failures allowed per (username, address) within the window, and per address alone.
const PER_USER: i32 = 5;
const PER_ADDRESS: i32 = 30;
const WINDOW_SECS: i64 = 15 * 60;

fn keys(username: &str, address: &str) -> [(String, i32); 2] {
    [
        (format!("user:{username}|addr:{address}"), PER_USER),
        (format!("addr:{address}"), PER_ADDRESS),
    ]
}

/// Seconds until another attempt is allowed, when the limit has been reached.
pub fn blocked_for(
    conn: &mut DbConn,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<Option<u64>> {
    let mut wait = None;
    for (key, limit) in keys(username, address) {
        let row: Option<(i32, NaiveDateTime)> = login_throttle::table
            .find(&key)
            .select((login_throttle::failures, login_throttle::window_started_at))
            .first(conn)
            .optional()?;
        if let Some((failures, started)) = row {
            let ends = started + Duration::seconds(WINDOW_SECS);
            if failures >= limit && ends > now {
                let secs = (ends - now).num_seconds().max(1) as u64;
                wait = Some(wait.map_or(secs, |w: u64| w.max(secs)));
            }
        }
    }
    Ok(wait)
}

pub fn record_failure(
    conn: &mut DbConn,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<()> {
    for (key, _) in keys(username, address) {
        let row: Option<(i32, NaiveDateTime)> = login_throttle::table
            .find(&key)
            .select((login_throttle::failures, login_throttle::window_started_at))
            .first(conn)
            .optional()?;
        match row {
            Some((failures, started)) if started + Duration::seconds(WINDOW_SECS) > now => {
                diesel::update(login_throttle::table.find(&key))
                    .set(login_throttle::failures.eq(failures + 1))
                    .execute(conn)?;
            }
            Some(_) => {
                diesel::update(login_throttle::table.find(&key))
                    .set((
                        login_throttle::failures.eq(1),
                        login_throttle::window_started_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(login_throttle::table)
                    .values((
                        login_throttle::key.eq(&key),
                        login_throttle::failures.eq(1),
                        login_throttle::window_started_at.eq(now),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// A successful sign-in clears the user's count (not the address's).
pub fn clear(conn: &mut DbConn, username: &str, address: &str) -> Result<()> {
    let [(key, _), _] = keys(username, address);
    diesel::delete(login_throttle::table.find(key)).execute(conn)?;
    Ok(())
}
