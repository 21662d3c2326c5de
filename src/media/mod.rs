//! Media: uploaded files with their metadata, and which items use them.
//!
//! Visibility: signed-in users see the whole library. Anonymous readers see a file unless
//! every item using it is hidden from them (a document attached only to a draft resource
//! stays hidden); files no item uses, such as images placed in content HTML, are public.

pub mod library;
pub mod sniff;
pub mod storage;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::content::Viewer;
use crate::content::entry_media::Assuming;
use crate::db::DbConn;
use crate::db::schema::{entry_media, media};
use crate::db::sql::{Sql, Value};
use crate::error::{Error, Result};
use crate::media::storage::Storage;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Identifiable)]
#[diesel(table_name = media)]
pub struct Media {
    pub id: i64,
    pub title: String,
    pub alt_text: String,
    pub caption: String,
    pub file_name: String,
    pub storage_key: String,
    pub mime_type: String,
    pub size: i64,
    pub sha256: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub author_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Media {
    /// A file kept at its original address (imported without its bytes): its storage key
    /// is that URL.
    pub fn is_remote(&self) -> bool {
        is_remote_key(&self.storage_key)
    }
}

pub fn is_remote_key(key: &str) -> bool {
    key.starts_with("https://") || key.starts_with("http://")
}

/// Records a file that stays at its original address (an import without the files):
/// no bytes here, so no size, hash or dimensions, and a type guessed from its name.
pub fn record_remote(
    conn: &mut DbConn,
    url: &str,
    meta: Described,
    author: Option<i64>,
) -> Result<Media> {
    crate::content::version::bump(conn)?;
    let name = url
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("file")
        .to_owned();
    let now = crate::db::now();
    diesel::insert_into(media::table)
        .values(NewMedia {
            title: meta.title,
            alt_text: meta.alt_text,
            caption: meta.caption,
            mime_type: guess_mime(&name).to_owned(),
            file_name: name,
            storage_key: url.to_owned(),
            size: 0,
            sha256: String::new(),
            width: None,
            height: None,
            author_id: author,
            created_at: now,
            updated_at: now,
        })
        .execute(conn)?;
    let m = media::table
        .filter(media::storage_key.eq(url))
        .select(Media::as_select())
        .first(conn)?;
    announce_created(conn, &m)?;
    Ok(m)
}

/// A new file in the change feed (and to webhooks).
fn announce_created(conn: &mut DbConn, m: &Media) -> Result<()> {
    crate::content::changes::record_media(
        conn,
        m.id,
        &m.file_name,
        crate::content::changes::Action::Created,
        Some(false),
        m.author_id,
    )
}

/// The type of a remote file, from its extension.
fn guess_mime(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "txt" => "text/plain",
        "csv" => "text/csv",
        _ => "application/octet-stream",
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = media)]
pub struct NewMedia {
    pub title: String,
    pub alt_text: String,
    pub caption: String,
    pub file_name: String,
    pub storage_key: String,
    pub mime_type: String,
    pub size: i64,
    pub sha256: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub author_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The SQL condition "media `m` is visible to `viewer`".
pub fn visible(viewer: Viewer) -> Sql {
    if viewer != Viewer::Anonymous {
        return Sql::new("1 = 1");
    }
    crate::content::entry_media::public_if(Assuming::Now)
}

pub fn find(conn: &mut DbConn, id: i64) -> Result<Option<Media>> {
    Ok(media::table
        .find(id)
        .select(Media::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_many(conn: &mut DbConn, ids: &[i64]) -> Result<Vec<Media>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(media::table
        .filter(media::id.eq_any(ids))
        .select(Media::as_select())
        .load(conn)?)
}

/// Media of these ids that the viewer may see, in one query.
pub fn find_visible_many(
    conn: &mut DbConn,
    ids: &[i64],
    viewer: Viewer,
) -> Result<HashMap<i64, Media>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new("SELECT m.* FROM media m WHERE m.id IN ");
    sql.bind_list(ids.iter().map(|i| Value::Int(*i)))
        .push(" AND ")
        .append(&visible(viewer));
    let rows: Vec<Media> = sql.into_query().load(conn)?;
    Ok(rows.into_iter().map(|m| (m.id, m)).collect())
}

pub fn find_visible(conn: &mut DbConn, id: i64, viewer: Viewer) -> Result<Media> {
    find_visible_many(conn, &[id], viewer)?
        .remove(&id)
        .ok_or_else(|| Error::not_found(format!("no media with id {id}")))
}

/// How many items use a media item, in any status.
pub fn usage_count(conn: &mut DbConn, id: i64) -> Result<i64> {
    Ok(entry_media::table
        .filter(entry_media::media_id.eq(id))
        .count()
        .get_result(conn)?)
}

/// A received file in temporary storage, hashed and with its first bytes kept for sniffing.
pub struct Incoming {
    pub temp: tempfile::TempPath,
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub head: Vec<u8>,
}

impl Incoming {
    /// Writes bytes already in memory to temporary storage (demo content, imports).
    pub fn from_bytes(storage: &dyn Storage, name: &str, bytes: &[u8]) -> Result<Incoming> {
        use std::io::Write;
        let scratch = storage.scratch().map_err(Error::internal)?;
        let mut temp = tempfile::NamedTempFile::new_in(scratch).map_err(Error::internal)?;
        temp.write_all(bytes).map_err(Error::internal)?;
        Ok(Incoming {
            temp: temp.into_temp_path(),
            name: name.to_owned(),
            size: bytes.len() as u64,
            sha256: crate::hex::sha256(bytes),
            head: bytes[..bytes.len().min(64 * 1024)].to_vec(),
        })
    }
}

/// The words that go with a file.
#[derive(Debug, Default)]
pub struct Described {
    pub title: String,
    pub alt_text: String,
    pub caption: String,
}

/// Checks a received file by its bytes, stores it under a safe, unguessable name and
/// records it. Call inside a write transaction: when the record cannot be made, the
/// stored file is removed again.
pub fn ingest(
    conn: &mut DbConn,
    storage: &dyn Storage,
    upload: Incoming,
    meta: Described,
    author: Option<i64>,
) -> Result<Media> {
    crate::content::version::bump(conn)?;
    use chrono::Datelike;
    if upload.size == 0 {
        return Err(Error::invalid("file", "is empty"));
    }
    let kind = sniff::sniff(&upload.head, &upload.name).map_err(|found| {
        Error::UnsupportedMediaType(format!(
            "the file is {found}; allowed are images, PDF, office documents, plain text and CSV"
        ))
    })?;
    let (width, height) = if kind.mime.starts_with("image/") {
        imagesize::blob_size(&upload.head)
            .map(|s| (i32::try_from(s.width).ok(), i32::try_from(s.height).ok()))
            .unwrap_or((None, None))
    } else {
        (None, None)
    };
    let base = upload.name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let slug = crate::content::slug::Slug::from_text(stem)
        .map_or_else(|| "file".to_owned(), |s| s.to_string());
    let slug = slug
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let mut random = [0u8; 3];
    rand::fill(&mut random);
    let now = crate::db::now();
    let file_name = format!("{slug}.{}", kind.extension);
    let key = format!(
        "{}/{:02}/{slug}-{}{}.{}",
        now.year(),
        now.month(),
        &upload.sha256[..8],
        crate::hex::encode(&random),
        kind.extension
    );
    let title = Some(meta.title.trim().to_owned())
        .filter(|t| !t.is_empty())
        .or_else(|| Some(stem.trim().to_owned()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| file_name.clone());
    let new = NewMedia {
        title,
        alt_text: meta.alt_text.trim().to_owned(),
        caption: meta.caption.trim().to_owned(),
        file_name,
        storage_key: key.clone(),
        mime_type: kind.mime.to_owned(),
        size: upload.size as i64,
        sha256: upload.sha256.clone(),
        width,
        height,
        author_id: author,
        created_at: now,
        updated_at: now,
    };
    storage.put(&key, &upload.temp).map_err(Error::internal)?;
    let _ = upload.temp.keep();
    let inserted = diesel::insert_into(media::table)
        .values(&new)
        .execute(conn)
        .map_err(Error::from)
        .and_then(|_| {
            Ok(media::table
                .filter(media::storage_key.eq(&key))
                .select(Media::as_select())
                .first(conn)?)
        })
        .and_then(|m| announce_created(conn, &m).map(|()| m));
    if inserted.is_err() {
        let _ = storage.delete(&key);
    }
    inserted
}
