"""Schemathesis hooks for .ci/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

One narrow hook; everything else runs as Schemathesis has it.

`filter_failure`: the `positive_data_acceptance` check (ST202) assumes that a
request matching the OpenAPI schemas must be accepted. A few of headpress's rules cannot be
written in JSON Schema at all, so a random schema-valid request breaks them and is rightly
refused. Exactly those refusals are dropped here, recognised by the problem+json body the
server sends (status, `code`, and every entry of `errors` naming the rule); anything else,
including every other check, still fails the run:

- `cursor` is an opaque token that only the server issues (API conventions, "List queries"); a
  made-up string, or a cursor together with `page`, is a 400 `invalid_query`.
- Cross-parameter rules: `orderby=relevance` needs `search`; `published_before` must be
  later than `published_after`.
- No string may hold a NUL character (neither database can store one), in a query or in a
  body; the document does not repeat that on every string.
- References must name things that exist: tag, category, resource type, media, author and
  parent ids in bodies, and `reassign` in DELETE /users/{id} (the schema can say "a positive
  integer", not "the id of an existing user", nor "not the user being deleted"); a category
  or page cannot become its own ancestor, nor nest too deeply.

`filter_failure` also drops one case of `use_after_free` (ST301): `DELETE` of a post or page
without `force=true` moves it to the trash (API conventions, "Authentication and visibility"),
where those allowed to see it still can, so a later GET answering 200 with `status: trash`
is the documented soft delete, not a use after free. It is dropped only when the item read
back really is in the trash.

And one case of `negative_data_rejection` (ST201): in a `multipart/form-data` body every
part is text, so a "number" or "object" that Schemathesis puts in a part documented as a
string arrives as a string, and accepting it is right. Dropped only when every violation
the failure names is such a `type` change of a string member and the request is multipart.

Schema-expressible limits (empty names, short passwords, unknown `fields`, ...) are *not*
dropped: those belong in the OpenAPI document.

And one case of `response_schema_conformance` (ST108): with `fields=...` (API conventions,
"List queries") the server returns only the members asked for, so the item no longer has
every member its schema requires. The document keeps the full schema, so that generated
clients type the members; a response to a sparse request is checked no further.

Uploads are typed by sniffing their bytes (not the declared type or the name), so random
bytes are refused with 415 however the schema describes the part; those refusals are
dropped by their message.
"""

from __future__ import annotations

import json
import re

import schemathesis

_ID = r"-?\d+"

# (status, code, field pattern, message pattern): a problem whose every error matches one.
_RULES = [
    (400, "invalid_query", r"cursor",
     r"is not a valid cursor|is not a cursor of this list( and ordering)?|cannot be combined with `page`"),
    (400, "invalid_query", r"orderby", r"`relevance` needs `search`"),
    (400, "invalid_query", r"published_before", r"must be later than `published_after`"),
    (400, "invalid_query", r"[a-z_]+", r"must not contain NUL characters"),
    (400, "invalid_body", r"[A-Za-z0-9_.\[\]]*", r"must not contain NUL characters"),
    (400, "invalid_query", r"reassign", rf"there is no user with id {_ID}|must be another user"),
    (422, "validation_failed", r"(tags|categories|resource_types)\[\d+\]",
     rf"there is no (tag|category|resource type) with id {_ID}"),
    (422, "validation_failed", r"author", rf"there is no user with id {_ID}"),
    (422, "validation_failed", r"[a-z_]+", rf"there is no media with id {_ID}"),
    (422, "validation_failed", r"parent",
     rf"there is no (category|page|resource type) with id {_ID}|a (term|page) cannot be its own ancestor"
     r"|the hierarchy is too deep|the page tree is too deep"),
]


# Problems without `errors` that still name one of those rules, by status, code and detail.
_DETAILS = [
    # Uploads are typed by their bytes, which no schema can describe: random bytes are
    # neither an image nor a document.
    (415, "unsupported_media_type",
     r"the file is \S+; allowed are images, PDF, office documents, plain text and CSV"),
]


def _unexpressible(status: int, problem: dict) -> bool:
    if any(
        status == rule_status and problem.get("code") == code and re.fullmatch(detail, str(problem.get("detail", "")))
        for rule_status, code, detail in _DETAILS
    ):
        return True
    errors = problem.get("errors")
    if not isinstance(errors, list) or not errors:
        return False
    for error in errors:
        if not isinstance(error, dict):
            return False
        if not any(
            status == rule_status
            and problem.get("code") == code
            and re.fullmatch(field, str(error.get("field", "")))
            and re.fullmatch(message, str(error.get("message", "")))
            for rule_status, code, field, message in _RULES
        ):
            return False
    return True


def _json(content):
    try:
        return json.loads(content)
    except (TypeError, ValueError):
        return None


def _deleted_item_in_trash(failure, response) -> bool:
    """Whether the item whose DELETE the failure names is now in the trash, read back with
    the same credentials (the failing read may be a sparse fieldset or a sub-resource such as
    its revisions, which do not show the item's status)."""
    from urllib.parse import urlsplit, urlunsplit

    import requests

    deleted = re.search(r"`DELETE (/\S+)`", str(getattr(failure, "message", "")))
    if not deleted or response.status_code != 200:
        return False
    request = response.request
    url = urlsplit(request.url)
    again = requests.get(
        urlunsplit((url.scheme, url.netloc, deleted.group(1), "", "")),
        headers={k: v for k, v in request.headers.items() if k.lower() == "authorization"},
        timeout=10,
    )
    body = _json(again.content)
    return again.status_code == 200 and isinstance(body, dict) and body.get("status") == "trash"


_VIOLATION = re.compile(r"violates (`[^`]+`(?:, `[^`]+`)*)(?: at \S+)?(?: \(([^)]*)\))?")


def _only_text_parts_retyped(failure, response) -> bool:
    """Whether a multipart request's only violations are string members sent as other types."""
    content_type = response.request.headers.get("Content-Type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        return False
    violations = _VIOLATION.findall(str(getattr(failure, "message", "")))
    return bool(violations) and all(
        keywords == "`type`" and re.match(r"was [^,]*\bstring\b", detail) for keywords, detail in violations
    )


def _sparse_fieldset(response) -> bool:
    """Whether the request asked for a sparse fieldset (`fields=...`)."""
    from urllib.parse import parse_qs, urlsplit

    fields = parse_qs(urlsplit(response.request.url).query).get("fields", [])
    return any(f.strip() for f in fields)


@schemathesis.hook
def filter_failure(context, failure, case, response) -> bool:
    """Keeps every failure except the kinds described at the top of this file."""
    code = getattr(failure, "code", None)
    if code == "ST108" and _sparse_fieldset(response):
        return False
    if code == "ST301":
        return not _deleted_item_in_trash(failure, response)
    if code == "ST201":
        return not _only_text_parts_retyped(failure, response)
    if code != "ST202":
        return True
    problem = _json(response.content)
    if not isinstance(problem, dict):
        return True
    return not _unexpressible(response.status_code, problem)
