//! The rules that make the generated document say exactly what the server does, in a form
//! client generators take at their default settings. utoipa writes each operation from its
//! handler; what holds for every operation alike (optional sign-in, partner keys,
//! conditional requests, list headers, sparse answers, list envelopes) is stated once here,
//! on the JSON, after the document is assembled.

use serde_json::{Map, Value, json};

/// The paths of collections whose GETs take `fields` (sparse fieldsets).
pub type SparsePaths<'a> = &'a [String];

const SCHEMAS: &str = "#/components/schemas/";

/// Applies every rule, in order: names first, so that later rules see the final ones.
pub fn polish(mut doc: Value, sparse: SparsePaths) -> Value {
    info(&mut doc);
    security(&mut doc);
    list_schemas(&mut doc);
    rename(
        &mut doc,
        &[
            ("CreateTermRequest", "CreateHierarchicalTermRequest"),
            ("UpdateTermRequest", "UpdateHierarchicalTermRequest"),
        ],
    );
    sparse_answers(&mut doc, sparse);
    headers(&mut doc);
    binary_bodies(&mut doc);
    open_custom_fields(&mut doc);
    prune_unused_schemas(&mut doc);
    examples(&mut doc, EXAMPLES);
    doc
}

/// Real requests and answers of a demo site, by operation: captured by the test
/// `openapi_examples` (`UPDATE_EXAMPLES=1 cargo test openapi_examples`), shortened there
/// (long strings cut, lists of two), and checked against their schemas by the linters.
const EXAMPLES: &str = include_str!("../../../openapi/examples.json");

/// The document as served: the same, its contact naming the server's own documentation.
pub fn served(doc: &Value, public_url: &str) -> Value {
    let mut doc = doc.clone();
    let url = public_url.trim_end_matches('/');
    doc["info"]["contact"]["url"] = json!(format!("{url}/docs/"));
    doc
}

/// The address the committed document's contact names; a served copy names its own.
pub const LOCAL_URL: &str = "http://localhost:8080";

fn info(doc: &mut Value) {
    doc["info"]["contact"] = json!({
        "name": "This server's API documentation (Swagger UI)",
        "url": format!("{LOCAL_URL}/docs/"),
    });
    // Relative: the server that serves the document (Swagger UI's "try it out" then calls
    // the server it was opened from). Clients take their base URL as a setting.
    doc["servers"] = json!([{
        "url": "/",
        "description": "The server this document is served from"
    }]);
}

/// Reading is open to all: anonymous readers see what is public, a bearer token of a
/// user who may see more (drafts, other statuses) sees more on the same operations. So
/// sign-in is optional by default (`[{}, {bearer: []}]` at the root, which operations
/// inherit: generators then take an anonymous client for them), and the operations that
/// need a user say so themselves. A partner's key is not a credential (it authorizes
/// nothing): it is an optional header or query parameter of the reads partners make.
fn security(doc: &mut Value) {
    let schemes = &mut doc["components"]["securitySchemes"];
    if let Some(schemes) = schemes.as_object_mut() {
        schemes.remove("partner_key");
        schemes.remove("partner_key_query");
    }
    schemes["bearer"]["description"] = json!(
        "A JWT from `POST /api/v1/auth/token` (username and password), sent as \
         `Authorization: Bearer <access_token>`. It lasts `expires_in` seconds; sign in \
         again after that. Reads take it optionally (signed-in users may see more than \
         anonymous readers); writes need it."
    );
    doc["security"] = json!([{}, {"bearer": []}]);
    let parameters = &mut doc["components"]["parameters"];
    parameters["PartnerKey"] = json!({
        "name": "X-Headpress-Key",
        "in": "header",
        "required": false,
        "description": "A partner's key (optional): lets the partner's origins through CORS \
            and counts its requests against its quota (`RateLimit-*` headers in the answer). \
            It authorizes nothing more. Keys look like `hp_` and 48 hex digits; an empty value is \
            no key; an unknown or inactive key is refused with 401.",
        "schema": {"type": "string"}
    });
    parameters["PartnerKeyQuery"] = json!({
        "name": "key",
        "in": "query",
        "required": false,
        "description": "A partner's key as a query parameter, for browser requests that \
            must stay CORS-simple; the same as the `X-Headpress-Key` header.",
        "schema": {"type": "string"}
    });
    for (_, op) in operations(doc) {
        let public = match op.get("security") {
            None => true,
            Some(s) => s.as_array().is_some_and(|s| s.iter().any(is_empty_object)),
        };
        if !public {
            continue;
        }
        if let Some(op) = op.as_object_mut() {
            op.remove("security");
        }
    }
    for (method, op) in operations(doc) {
        if method == "get" && op.get("security").is_none() {
            push_parameter(op, "PartnerKey");
            push_parameter(op, "PartnerKeyQuery");
        }
    }
}

/// `List<T>` as utoipa writes it copies T into every list; a list refers to its item
/// schema instead, under the name `{Item}List` (`PostList`, `TermList`).
fn list_schemas(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object() else {
        return;
    };
    let lists: Vec<(String, String)> = schemas
        .keys()
        .filter_map(|name| {
            let item = name.strip_prefix("List_")?;
            Some((name.clone(), item.to_owned()))
        })
        .collect();
    let mut renames = Vec::new();
    for (old, item) in lists {
        let new = format!("{}List", base_name(&item));
        let schema = json!({
            "type": "object",
            "description": format!(
                "A page of a list of `{item}`: its items, and where it stands in the whole list."
            ),
            "required": ["data", "meta"],
            "properties": {
                "data": {
                    "type": "array",
                    "description": "The items of this page, in the list's order.",
                    "items": {"$ref": format!("{SCHEMAS}{item}")}
                },
                "meta": {"$ref": format!("{SCHEMAS}ListMeta")}
            }
        });
        let schemas = doc["components"]["schemas"]
            .as_object_mut()
            .expect("schemas");
        schemas.remove(&old);
        schemas.insert(new.clone(), schema);
        renames.push((old, new));
    }
    let renames: Vec<(&str, &str)> = renames
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    rename_refs(doc, &renames);
}

/// `PostResponse` → `Post`: the stem that list and partial schemas are named after.
fn base_name(item: &str) -> &str {
    item.strip_suffix("Response").unwrap_or(item)
}

/// Renames component schemas, and every reference to them.
fn rename(doc: &mut Value, renames: &[(&str, &str)]) {
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        for (old, new) in renames {
            if let Some(s) = schemas.remove(*old) {
                schemas.insert((*new).to_owned(), s);
            }
        }
        schemas.sort_keys();
    }
    rename_refs(doc, renames);
}

fn rename_refs(v: &mut Value, renames: &[(&str, &str)]) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(name) = r.strip_prefix(SCHEMAS)
                && let Some((_, new)) = renames.iter().find(|(old, _)| *old == name)
            {
                *r = format!("{SCHEMAS}{new}");
            }
            map.values_mut().for_each(|v| rename_refs(v, renames));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_refs(v, renames)),
        _ => {}
    }
}

/// With `fields=...` an answer holds only the members asked for, so an operation that
/// takes `fields` answers either the full item (or list) or a partial one: `anyOf` the
/// two, the full one first. `PostPartial` has the members of `PostResponse`, none of them
/// required; `PostPartialList` is a list of them.
fn sparse_answers(doc: &mut Value, sparse: SparsePaths) {
    let mut wanted: Vec<(String, String)> = Vec::new(); // (path, method)
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        let collection = sparse
            .iter()
            .any(|p| path == p || path.starts_with(&format!("{p}/{{")));
        let takes_fields = item["get"]["parameters"].as_array().is_some_and(|ps| {
            ps.iter()
                .any(|p| p["name"] == "fields" && p["in"] == "query")
        });
        if collection && takes_fields {
            wanted.push((path.clone(), "get".into()));
        }
    }
    for (path, method) in wanted {
        let schema = &doc["paths"][&path][&method]["responses"]["200"]["content"]["application/json"]
            ["schema"];
        let Some(full) = schema["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix(SCHEMAS))
        else {
            continue;
        };
        let full = full.to_owned();
        let partial = match full.strip_suffix("List") {
            Some(stem) => {
                let item = format!("{stem}Response");
                partial_schema(doc, &item);
                let list = format!("{stem}PartialList");
                doc["components"]["schemas"][&list] = json!({
                    "type": "object",
                    "description": format!(
                        "A page of a list asked for with `fields`: each item holds only the \
                         members named there (see `{stem}Partial`)."
                    ),
                    "required": ["data", "meta"],
                    "properties": {
                        "data": {
                            "type": "array",
                            "description": "The items of this page, in the list's order.",
                            "items": {"$ref": format!("{SCHEMAS}{stem}Partial")}
                        },
                        "meta": {"$ref": format!("{SCHEMAS}ListMeta")}
                    }
                });
                list
            }
            None => partial_schema(doc, &full),
        };
        doc["paths"][&path][&method]["responses"]["200"]["content"]["application/json"]["schema"] = json!({
            "anyOf": [
                {"$ref": format!("{SCHEMAS}{full}")},
                {"$ref": format!("{SCHEMAS}{partial}")}
            ]
        });
    }
}

/// Writes `{Stem}Partial` for the item schema `item` (its members, all of them optional)
/// and returns its name.
fn partial_schema(doc: &mut Value, item: &str) -> String {
    let stem = base_name(item);
    let name = format!("{stem}Partial");
    if !doc["components"]["schemas"][&name].is_null() {
        return name;
    }
    let mut properties = Map::new();
    let mut description = String::new();
    collect_members(
        doc,
        &doc["components"]["schemas"][item],
        &mut properties,
        &mut description,
    );
    doc["components"]["schemas"][&name] = json!({
        "type": "object",
        "description": format!(
            "What an answer to a request with `fields` holds of a `{item}`: only the members \
             named in `fields` (each as in `{item}`), the others left out."
        ),
        "properties": properties,
    });
    name
}

/// The properties of a schema, through `allOf` and references.
fn collect_members(
    doc: &Value,
    schema: &Value,
    into: &mut Map<String, Value>,
    description: &mut String,
) {
    if let Some(r) = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix(SCHEMAS))
    {
        let target = doc["components"]["schemas"][r].clone();
        collect_members(doc, &target, into, description);
        return;
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        collect_members(doc, part, into, description);
    }
    if let Some(props) = schema["properties"].as_object() {
        for (k, v) in props {
            into.insert(k.clone(), v.clone());
        }
    }
    if description.is_empty()
        && let Some(d) = schema["description"].as_str()
    {
        description.push_str(d);
    }
}

/// Headers, stated once for every operation they apply to: conditional GETs (`ETag`,
/// `If-None-Match`, 304), list paging (`Link`, `X-Total-Count`), `Location` on creates,
/// `Retry-After` and `RateLimit-*` on 429, the partner's `RateLimit-*` on the reads
/// partners make, and `WWW-Authenticate` on 401.
fn headers(doc: &mut Value) {
    let string = json!({"type": "string"});
    let integer = json!({"type": "integer", "minimum": 0});
    let defs = [
        (
            "ETag",
            "A strong validator of this answer: send it back in `If-None-Match` to be \
            answered 304 while nothing changed.",
            string.clone(),
        ),
        (
            "Link",
            "RFC 8288 links to the `first`, `prev`, `next` and `last` pages (in cursor \
            mode, `first` and `next`; `last` only when the total is counted). Left out when \
            the query string is longer than 4,096 bytes (`meta` still says what is next).",
            string.clone(),
        ),
        (
            "X-Total-Count",
            "How many items match the filters; absent with `count=none`.",
            integer.clone(),
        ),
        (
            "Location",
            "The URL of the item just created.",
            json!({"type": "string", "format": "uri"}),
        ),
        (
            "Retry-After",
            "Seconds to wait before trying again.",
            integer.clone(),
        ),
        (
            "WWW-Authenticate",
            "`Bearer`, with the reason a token was refused.",
            string.clone(),
        ),
        (
            "X-Request-Id",
            "This request's id: the one the request sent in `X-Request-Id` (visible ASCII, at \
             most 128 characters), else one the server made. The server's log lines of the \
             request name it, and a problem body repeats it as `request_id`.",
            string.clone(),
        ),
        (
            "RateLimit-Limit",
            "With a partner key: requests the partner may make per window.",
            integer.clone(),
        ),
        (
            "RateLimit-Remaining",
            "With a partner key: requests left in this window.",
            integer.clone(),
        ),
        (
            "RateLimit-Reset",
            "With a partner key: seconds until the window starts again.",
            integer.clone(),
        ),
        (
            "RateLimit-Policy",
            "With a partner key: the quota, as `LIMIT;w=SECONDS`.",
            string,
        ),
    ];
    for (name, description, schema) in defs {
        doc["components"]["headers"][name] = json!({"description": description, "schema": schema});
    }
    let header = |name: &str| json!({"$ref": format!("#/components/headers/{name}")});
    let rate_limit = [
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "RateLimit-Policy",
    ];

    doc["components"]["parameters"]["IfNoneMatch"] = json!({
        "name": "If-None-Match",
        "in": "header",
        "required": false,
        "description": "The `ETag` of an answer you hold: when it still matches, the answer is \
            304 with no body (from the cache, without touching the database).",
        "schema": {"type": "string"}
    });
    doc["components"]["responses"]["NotModified"] = json!({
        "description": "Not modified: the answer you hold (its `ETag` sent in `If-None-Match`) \
            is still current.",
        "headers": {"ETag": header("ETag")}
    });
    let responses = &mut doc["components"]["responses"];
    for name in ["Retry-After"].into_iter().chain(rate_limit) {
        responses["Error429"]["headers"][name] = header(name);
    }
    responses["Error401"]["headers"]["WWW-Authenticate"] = header("WWW-Authenticate");
    // Busy beyond the wait, a lost connection, no turn for an expensive read: try again.
    responses["Error503"]["headers"]["Retry-After"] = header("Retry-After");

    // Every answer, of every operation, carries its request id.
    let shared = doc["components"]["responses"].as_object_mut();
    for (_, response) in shared.into_iter().flatten() {
        response["headers"]["X-Request-Id"] = header("X-Request-Id");
    }
    for (_, op) in operations(doc) {
        let responses = op["responses"].as_object_mut().into_iter().flatten();
        for (_, response) in responses.filter(|(_, r)| r.get("$ref").is_none()) {
            response["headers"]["X-Request-Id"] = header("X-Request-Id");
        }
    }
    for (method, op) in operations(doc) {
        let public = op.get("security").is_none();
        let Some(responses) = op["responses"].as_object_mut() else {
            continue;
        };
        if method == "get" {
            if let Some(ok) = responses.get_mut("200").filter(|r| r.get("$ref").is_none()) {
                ok["headers"]["ETag"] = header("ETag");
                let list = ok["content"]["application/json"]["schema"]
                    .to_string()
                    .contains("List\"");
                if list {
                    ok["headers"]["Link"] = header("Link");
                    ok["headers"]["X-Total-Count"] = header("X-Total-Count");
                }
                if public {
                    for name in rate_limit {
                        ok["headers"][name] = header(name);
                    }
                }
                let headers = std::mem::take(&mut ok["headers"]);
                ok["headers"] = sorted(headers);
            }
            responses.insert(
                "304".into(),
                json!({"$ref": "#/components/responses/NotModified"}),
            );
            sort_responses(responses);
            push_parameter(op, "IfNoneMatch");
        }
        if let Some(created) = op["responses"]
            .as_object_mut()
            .and_then(|r| r.get_mut("201"))
            .filter(|r| r.get("$ref").is_none())
        {
            created["headers"]["Location"] = header("Location");
        }
    }
}

/// Response bodies that are bytes (uploaded files) as binary, not as arrays of numbers:
/// in the file's own type (`*/*`), or `application/octet-stream` when it is not known.
fn binary_bodies(doc: &mut Value) {
    let bytes =
        json!({"type": "array", "items": {"type": "integer", "format": "int32", "minimum": 0}});
    let binary = json!({"type": "string", "format": "binary"});
    for (_, op) in operations(doc) {
        for (_, response) in op["responses"].as_object_mut().into_iter().flatten() {
            let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else {
                continue;
            };
            if content.values().any(|media| media["schema"] == bytes) {
                content.clear();
                content.insert("application/octet-stream".into(), json!({"schema": binary}));
                content.insert("*/*".into(), json!({"schema": binary}));
            }
        }
    }
}

/// Custom fields in the fixed document: open objects (the site's field groups say what is
/// in them; `GET /api/v1/openapi.json?fields=site` types them).
fn open_custom_fields(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    for (name, schema) in schemas.iter_mut() {
        let is_fields = ["Fields", "FieldsCreate", "FieldsUpdate"]
            .iter()
            .any(|suffix| name.ends_with(suffix) && name.len() > suffix.len());
        if !is_fields || schema["additionalProperties"]["$ref"] != json!(format!("{SCHEMAS}Value"))
        {
            continue;
        }
        schema["additionalProperties"] = json!(true);
        if let Some(o) = schema.as_object_mut() {
            o.remove("propertyNames");
        }
        let said = schema["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        schema["description"] = json!(format!(
            "{said} Members are the custom fields of the site's field groups; the site's \
             document (`/api/v1/openapi.json?fields=site`) types each of them."
        ));
    }
}

/// Puts each operation's captured example on its JSON request body and on the JSON content
/// of its answer with that status.
fn examples(doc: &mut Value, captured: &str) {
    let Ok(Value::Object(captured)) = serde_json::from_str::<Value>(captured) else {
        return;
    };
    for (_, op) in operations(doc) {
        let Some(example) = op["operationId"].as_str().and_then(|id| captured.get(id)) else {
            continue;
        };
        if let Some(request) = example.get("request")
            && let Some(media) = op
                .get_mut("requestBody")
                .and_then(|b| b.get_mut("content"))
                .and_then(|c| c.get_mut("application/json"))
        {
            media["example"] = request.clone();
        }
        for (status, body) in example["responses"].as_object().into_iter().flatten() {
            if let Some(media) = op["responses"]
                .get_mut(status)
                .and_then(|r| r.get_mut("content"))
                .and_then(|c| c.get_mut("application/json"))
            {
                media["example"] = body.clone();
            }
        }
    }
}

/// Takes the examples out of every request body and answer.
pub fn drop_examples(doc: &mut Value) {
    fn drop_in(body: &mut Value) {
        let content = body.get_mut("content").and_then(Value::as_object_mut);
        for (_, media) in content.into_iter().flatten() {
            if let Some(media) = media.as_object_mut() {
                media.remove("example");
            }
        }
    }
    for (_, op) in operations(doc) {
        if let Some(body) = op.get_mut("requestBody") {
            drop_in(body);
        }
        let responses = op.get_mut("responses").and_then(Value::as_object_mut);
        responses
            .into_iter()
            .flatten()
            .for_each(|(_, r)| drop_in(r));
    }
}

/// Drops component schemas nothing refers to (any more), until none is left.
fn prune_unused_schemas(doc: &mut Value) {
    loop {
        let mut used = std::collections::BTreeSet::new();
        collect_refs(doc, &mut used);
        let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
            return;
        };
        let unused: Vec<String> = schemas
            .keys()
            .filter(|k| !used.contains(&format!("{SCHEMAS}{k}")))
            .cloned()
            .collect();
        if unused.is_empty() {
            return;
        }
        for k in unused {
            schemas.remove(&k);
        }
    }
}

fn collect_refs(v: &Value, into: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                into.insert(r.to_owned());
            }
            map.values().for_each(|v| collect_refs(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, into)),
        _ => {}
    }
}

/// Every operation of the document, with its method.
fn operations(doc: &mut Value) -> impl Iterator<Item = (&str, &mut Value)> {
    doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.iter_mut())
        .filter(|(method, _)| {
            ["get", "put", "post", "delete", "patch", "head", "options"].contains(&method.as_str())
        })
        .map(|(method, op)| (method.as_str(), op))
}

fn push_parameter(op: &mut Value, component: &str) {
    let reference = json!({"$ref": format!("#/components/parameters/{component}")});
    match op["parameters"].as_array_mut() {
        Some(ps) => {
            if !ps.contains(&reference) {
                ps.push(reference);
            }
        }
        None => op["parameters"] = json!([reference]),
    }
}

fn is_empty_object(v: &Value) -> bool {
    v.as_object().is_some_and(Map::is_empty)
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(mut map) => {
            map.sort_keys();
            Value::Object(map)
        }
        other => other,
    }
}

/// Responses in status order (`200`, `304`, `400`, ...), as a reader expects them.
fn sort_responses(responses: &mut Map<String, Value>) {
    responses.sort_keys();
}
