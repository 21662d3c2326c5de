"""Validates an OpenAPI 3.1 document with openapi-spec-validator, briefly.

    python .ci/validate_openapi.py openapi.json

openapi-spec-validator stops at the first `$ref` it cannot resolve and prints the whole
document with it; this lists every unresolvable local `$ref` first, then every other error,
one line each. Exits 1 when there is any.
"""

from __future__ import annotations

import json
import sys

from openapi_spec_validator import OpenAPIV31SpecValidator


def local_refs(node, where="#"):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref, where
        for key, value in node.items():
            yield from local_refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from local_refs(value, f"{where}/{i}")


def resolves(doc, ref: str) -> bool:
    if not ref.startswith("#/"):
        return True  # not ours to check
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    problems = []
    missing: dict[str, list[str]] = {}
    for ref, where in local_refs(doc):
        if not resolves(doc, ref):
            missing.setdefault(ref, []).append(where)
    for ref, places in sorted(missing.items()):
        problems.append(f"unresolvable $ref {ref} (used {len(places)}x, first at {places[0]})")
    if not missing:
        try:
            for error in OpenAPIV31SpecValidator(doc).iter_errors():
                at = "/".join(str(p) for p in error.absolute_path) or "(root)"
                problems.append(f"{at}: {error.message.splitlines()[0][:300]}")
        except Exception as exc:  # the validator raises on what it cannot follow
            problems.append(f"{type(exc).__name__}: {str(exc)[:300]}")
    for problem in problems:
        print(f"  {problem}")
    if problems:
        print(f"{path}: {len(problems)} problem(s)")
        return 1
    print(f"{path}: OK (OpenAPI {doc.get('openapi')})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
