//! `/media` and `/uploads`: uploading, listing, changing, deleting and serving files.

use std::collections::HashMap;
use std::io::Write;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use crate::api::manage;
use crate::db::DbConn;
use crate::error::{Error, FieldError, Result};
use crate::http::auth::{AuthUser, MaybeUser};
use crate::http::extract::{JsonBody, PathId, Query};
use crate::http::list::{List, PageParams, list_response};
use crate::http::state::State;
use crate::http::wire::{DeleteParams, utc};
use crate::media::library::{self, MediaChanges, MediaFilter};
use crate::media::{self, Media};

/// How much of a file is kept in memory to sniff its type and image size.
const HEAD_BYTES: usize = 64 * 1024;
const TEXT_PART_LIMIT: usize = 10 * 1024;

/// An uploaded file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MediaResponse {
    /// The media item's id.
    pub id: i64,
    /// A name for people (defaults to the uploaded file's name).
    pub title: String,
    /// Alternative text for images, or empty.
    pub alt_text: String,
    /// A caption, or empty.
    pub caption: String,
    /// The stored file name (a safe slug of the uploaded name).
    pub file_name: String,
    /// Sniffed from the bytes.
    pub mime_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Width in pixels, for images whose size could be read; else null.
    pub width: Option<i32>,
    /// Height in pixels, for images whose size could be read; else null.
    pub height: Option<i32>,
    /// Where the file is served; add `?download=1` to download it. For a file kept at its
    /// original address (`remote`), that address.
    pub url: String,
    /// The file is not stored here but at its original address (an import without the
    /// files): `size` is 0 and `sha256` empty.
    pub remote: bool,
    /// The uploader's user id (null when that user was deleted).
    pub author: Option<i64>,
    /// When the file was uploaded.
    pub created_at: DateTime<Utc>,
    /// When the media item last changed.
    pub updated_at: DateTime<Utc>,
}

impl MediaResponse {
    pub fn new(m: Media, public_url: &str) -> Self {
        MediaResponse {
            remote: m.is_remote(),
            url: if m.is_remote() {
                m.storage_key.clone()
            } else {
                format!("{public_url}/uploads/{}", m.storage_key)
            },
            id: m.id,
            title: m.title,
            alt_text: m.alt_text,
            caption: m.caption,
            file_name: m.file_name,
            mime_type: m.mime_type,
            size: m.size,
            sha256: m.sha256,
            width: m.width,
            height: m.height,
            author: m.author_id,
            created_at: utc(m.created_at),
            updated_at: utc(m.updated_at),
        }
    }
}

/// A multipart upload.
// Deserialize is derived only so that the document says no other parts are read.
#[derive(ToSchema, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file. Its type is sniffed from its bytes and must be an image, PDF, office
    /// document, plain text or CSV.
    #[schema(value_type = String, format = Binary, min_length = 1)]
    file: Vec<u8>,
    /// A name for people, at most 10 KiB. Default: the file's name without its extension.
    title: Option<String>,
    /// Alternative text for images, at most 10 KiB. Default: empty.
    alt_text: Option<String>,
    /// A caption, at most 10 KiB. Default: empty.
    caption: Option<String>,
}

/// Changes to a media item's description: members left out stay as they are. The file
/// itself cannot be replaced: upload a new one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMediaRequest {
    /// A name for people; it may not be empty.
    #[schema(min_length = 1, pattern = "\\S")]
    pub title: Option<String>,
    /// Alternative text for images; empty removes it.
    pub alt_text: Option<String>,
    /// A caption; empty removes it.
    pub caption: Option<String>,
}

/// Filters of the media library.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MediaParams {
    /// A MIME type or its start: `image/`, `application/pdf`.
    #[param(pattern = "^[A-Za-z0-9/.+-]*$")]
    pub mime_type: Option<String>,
    /// Part of the title, caption or file name, case-insensitive.
    pub search: Option<String>,
}

/// How a file is served.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileParams {
    /// `1` or `true` to download the file (`Content-Disposition: attachment`). Default: shown
    /// inline.
    pub download: Option<String>,
}

fn multipart_error(e: actix_multipart::MultipartError) -> Error {
    use actix_multipart::MultipartError as M;
    match e {
        M::ContentTypeMissing | M::ContentTypeParse | M::ContentTypeIncompatible => {
            Error::UnsupportedMediaType("uploads must be sent as multipart/form-data".into())
        }
        other => Error::InvalidBody(format!("malformed multipart body: {other}"), vec![]),
    }
}

/// Upload a file
///
/// Uploads one file as `multipart/form-data`, the file in a part named `file` (and
/// optionally `title`, `alt_text` and `caption` parts), and answers 201 with the new media
/// item and its URL in `Location`. Any signed-in user may (`admin`, `editor`, `author`).
///
/// The type is sniffed from the bytes, never the name: images (JPEG, PNG, GIF, WebP,
/// AVIF), PDF, office documents, RTF, plain text and CSV are accepted, anything else is
/// 415 (as is a body that is not multipart). A file over the upload limit (50 MiB by
/// default) is 413; an empty or missing file, or a second `file` part, is 422; an unknown
/// part is 400.
#[utoipa::path(
    tag = "media",
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, description = "Uploaded", body = MediaResponse,
        headers(("Location" = String, description = "The new media item's URL")))),
    security(("bearer" = []))
)]
#[post("/media")]
pub async fn create_media(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    payload: web::Payload,
) -> Result<HttpResponse> {
    let limit = state.config.max_upload;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit + 64 * 1024) {
        return Err(Error::PayloadTooLarge(limit as usize));
    }
    let mut multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let mut upload: Option<media::Incoming> = None;
    let mut texts: HashMap<String, String> = HashMap::new();
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(multipart_error)?;
        let part = field.name().unwrap_or("").to_owned();
        match part.as_str() {
            "file" => {
                if upload.is_some() {
                    return Err(Error::invalid("file", "send one file per upload"));
                }
                let name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or("")
                    .to_owned();
                let scratch = state.storage.scratch().map_err(Error::internal)?;
                let mut temp = tempfile::NamedTempFile::new_in(scratch).map_err(Error::internal)?;
                let mut hasher = Sha256::new();
                let mut head = Vec::new();
                let mut size: u64 = 0;
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(multipart_error)?;
                    size += chunk.len() as u64;
                    if size > limit {
                        return Err(Error::PayloadTooLarge(limit as usize));
                    }
                    hasher.update(&chunk);
                    if head.len() < HEAD_BYTES {
                        let take = (HEAD_BYTES - head.len()).min(chunk.len());
                        head.extend_from_slice(&chunk[..take]);
                    }
                    temp.write_all(&chunk).map_err(Error::internal)?;
                }
                temp.flush().map_err(Error::internal)?;
                let sha256 = crate::hex::encode(&hasher.finalize());
                upload = Some(media::Incoming {
                    temp: temp.into_temp_path(),
                    name,
                    size,
                    sha256,
                    head,
                });
            }
            "title" | "alt_text" | "caption" => {
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(multipart_error)?;
                    if value.len() + chunk.len() > TEXT_PART_LIMIT {
                        return Err(Error::invalid(part.clone(), "must be at most 10 KiB"));
                    }
                    value.extend_from_slice(&chunk);
                }
                let text = String::from_utf8(value)
                    .map_err(|_| Error::invalid(part.clone(), "must be UTF-8 text"))?;
                if text.contains('\0') {
                    return Err(Error::invalid(
                        part.clone(),
                        "must not contain NUL characters",
                    ));
                }
                texts.insert(part, text.trim().to_owned());
            }
            other => {
                return Err(Error::InvalidBody(
                    format!(
                        "unknown part `{other}`: send `file`, and optionally `title`, `alt_text` and `caption`"
                    ),
                    vec![FieldError::new(other, "is not a part of an upload")],
                ));
            }
        }
    }
    let Some(upload) = upload else {
        return Err(Error::Validation(vec![FieldError::new(
            "file",
            "is required: send the file in a part named `file`",
        )]));
    };
    let storage = state.storage.clone();
    let author = user.id;
    let stored = state
        .write(move |conn| {
            let text = |k: &str| texts.get(k).cloned().unwrap_or_default();
            let meta = media::Described {
                title: text("title"),
                alt_text: text("alt_text"),
                caption: text("caption"),
            };
            media::ingest(conn, storage.as_ref(), upload, meta, Some(author))
        })
        .await?;
    let body = MediaResponse::new(stored, &state.config.public_url);
    Ok(manage::created(&state, "media", body.id, &body))
}

/// List media
///
/// Returns a page of the media library, newest first, in a `{data, meta}` envelope with
/// `Link` and `X-Total-Count` headers. Signed-in users see every file; anonymous readers
/// only files used by no item or by at least one item they may see.
///
/// `mime_type` filters by type or its start (`image/`), `search` by part of the title,
/// caption or file name. Page with `page` and `per_page`, or with `cursor`.
#[utoipa::path(
    tag = "media",
    params(PageParams, MediaParams),
    responses((status = 200, description = "A page of media", body = List<MediaResponse>)),
    security((), ("bearer" = []))
)]
#[get("/media")]
pub async fn list_media(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    page: Query<PageParams>,
    params: Query<MediaParams>,
) -> Result<HttpResponse> {
    let window = page.0.window()?;
    let viewer = user.viewer();
    let filter = MediaFilter::new(params.0.mime_type.as_deref(), params.0.search.as_deref())?;
    let w = window.clone();
    let listed = state
        .read(move |conn| library::list(conn, viewer, &filter, &w))
        .await?;
    let public_url = state.config.public_url.clone();
    Ok(list_response(
        &req,
        &state.config.public_url,
        listed.map(|m| MediaResponse::new(m, &public_url)),
        &window,
        None,
    ))
}

/// Get a media item
///
/// Returns a media item's description and the `url` of its file. Anonymous readers get
/// it only when no item uses it or an item they may see does (else 404). The answer has a
/// strong `ETag`: a matching `If-None-Match` gets 304 with no body.
#[utoipa::path(
    tag = "media",
    params(("id" = i64, Path, minimum = 1, description = "Media id")),
    responses((status = 200, description = "The media item", body = MediaResponse)),
    security((), ("bearer" = []))
)]
#[get("/media/{id}")]
pub async fn get_media(state: State, user: MaybeUser, id: PathId) -> Result<HttpResponse> {
    let viewer = user.viewer();
    let find = move |conn: &mut DbConn| media::find_visible(conn, id.0, viewer);
    let url = state.config.public_url.clone();
    manage::read(&state, find, |m| MediaResponse::new(m, &url)).await
}

/// Update a media item
///
/// Changes a media item's title, alternative text or caption and answers with it as now
/// stored. Editors and admins may change any file, authors only their own uploads (403).
/// An empty title is 422.
#[utoipa::path(
    tag = "media",
    params(("id" = i64, Path, minimum = 1, description = "Media id")),
    request_body = UpdateMediaRequest,
    responses((status = 200, description = "The changed media item", body = MediaResponse)),
    security(("bearer" = []))
)]
#[patch("/media/{id}")]
pub async fn update_media(
    state: State,
    user: AuthUser,
    id: PathId,
    body: JsonBody<UpdateMediaRequest>,
) -> Result<HttpResponse> {
    let (id, viewer) = (id.0, user.viewer());
    let b = body.0;
    let changes = MediaChanges {
        title: b.title,
        alt_text: b.alt_text,
        caption: b.caption,
    };
    let update = move |conn: &mut DbConn| library::update(conn, viewer, id, changes);
    let url = state.config.public_url.clone();
    manage::change(&state, update, |m| MediaResponse::new(m, &url)).await
}

/// Delete a media item
///
/// Deletes a media item and its stored file for good (media have no trash) and answers
/// 204. Editors and admins may delete any file, authors only their own uploads (403). A
/// file still used by an item (as featured image, document or custom field) is 409 unless
/// `force=true`, which also takes it off those items.
#[utoipa::path(
    tag = "media",
    params(("id" = i64, Path, minimum = 1, description = "Media id"), DeleteParams),
    responses((status = 204, description = "Deleted")),
    security(("bearer" = []))
)]
#[delete("/media/{id}")]
pub async fn delete_media(
    req: HttpRequest,
    state: State,
    user: AuthUser,
    id: PathId,
    params: Query<DeleteParams>,
) -> Result<HttpResponse> {
    use crate::users::audit::{self, Action};
    let (id, viewer) = (id.0, user.viewer());
    let force = params.0.force.unwrap_or(false);
    let event = crate::api::audit::by(&req, &state, &user, Action::MediaDeleted);
    let key = state
        .write(move |conn| {
            let key = library::delete(conn, viewer, id, force)?;
            audit::record(conn, event.target("media", id).detail(format!("`{key}`")))?;
            Ok(key)
        })
        .await?;
    if crate::media::is_remote_key(&key) {
        return Ok(HttpResponse::NoContent().finish());
    }
    if let Err(e) = state.storage.delete(&key) {
        tracing::warn!(%key, error = %e, "the file of a deleted media item could not be removed");
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Download a media file
///
/// Serves a stored file with its own type, `ETag`, `Last-Modified` and range requests
/// (206, or 416 for a range it cannot satisfy). The address is a media item's `url`.
///
/// Visibility is that of the media item (404 when you may not see it). File names carry
/// part of the content hash, so anonymous answers are cached for a year as immutable;
/// answers to a signed-in request are `private, no-cache`.
#[utoipa::path(
    tag = "media",
    params(
        ("year" = String, Path, description = "Upload year"),
        ("month" = String, Path, description = "Upload month"),
        ("name" = String, Path, description = "Stored file name"),
        FileParams),
    responses(
        (status = 200, description = "The file, with its own type", content_type = "*/*", body = Vec<u8>),
        (status = 206, description = "Part of the file (Range)", content_type = "*/*", body = Vec<u8>),
        (status = 416, description = "The range cannot be satisfied")),
    security((), ("bearer" = []))
)]
#[get("/uploads/{year}/{month}/{name}")]
pub async fn get_file(
    req: HttpRequest,
    state: State,
    user: MaybeUser,
    path: web::Path<(String, String, String)>,
    params: Query<FileParams>,
) -> Result<HttpResponse> {
    let (year, month, name) = path.into_inner();
    let key = format!("{year}/{month}/{name}");
    let viewer = user.viewer();
    let k = key.clone();
    let m = state
        .read(move |conn| library::find_file(conn, &k, viewer))
        .await?
        .ok_or_else(|| Error::not_found("no such file"))?;
    let path = state
        .storage
        .local_path(&key)
        .ok_or_else(|| Error::not_found("no such file"))?;
    let file = actix_files::NamedFile::open(&path).map_err(|_| Error::not_found("no such file"))?;
    let mime: mime::Mime = m
        .mime_type
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    let disposition = if params
        .0
        .download
        .as_deref()
        .is_some_and(|d| d == "1" || d == "true")
    {
        header::DispositionType::Attachment
    } else {
        header::DispositionType::Inline
    };
    let file = file
        .set_content_type(mime)
        .set_content_disposition(header::ContentDisposition {
            disposition,
            parameters: vec![header::DispositionParam::Filename(m.file_name.clone())],
        });
    let mut res = file.into_response(&req);
    let cache = if user.0.is_some() {
        "private, no-cache"
    } else {
        "public, max-age=31536000, immutable"
    };
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(cache),
    );
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    Ok(res)
}
