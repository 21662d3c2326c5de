#!/usr/bin/env bash
# Checks the TypeScript client (@headpress/client), for CI and by hand:
#
#   (a) src/schema.d.ts is what openapi-typescript makes of ../../openapi/openapi.json;
#   (b) `tsc --strict` compiles src/ and test/ with no errors (into dist/);
#   (c) test/e2e.ts passes against the live server at $HEADPRESS_URL.
#
#   clients/typescript/check.sh             all three (the server is needed)
#   clients/typescript/check.sh --no-e2e    (a) and (b) only
#   clients/typescript/check.sh --update    regenerate src/schema.d.ts after openapi/openapi.json changed
#
# Settings (environment):
#   TOOLS_DIR                 where the pinned tools are installed with `npm ci` from
#                             package-lock.json (default: the repository's target/clients-ts);
#                             clients/typescript/node_modules is a link to its node_modules
#   HEADPRESS_URL             the server's root URL, such as http://127.0.0.1:8080, for (c)
#   HEADPRESS_ADMIN_USER      an administrator of that server, for (c)
#   HEADPRESS_ADMIN_PASSWORD
#
# A demo server to test against (from the repository's root, after `cargo build`):
#   tmp=$(mktemp -d); export DATABASE_URL=$tmp/db.sqlite HEADPRESS_DATA_DIR=$tmp HEADPRESS_BIND=127.0.0.1:18081
#   target/debug/headpress user create --username=ci-admin --password=some-long-password --role=admin
#   target/debug/headpress serve --demo >$tmp/log 2>&1 &
#   HEADPRESS_URL=http://127.0.0.1:18081 HEADPRESS_ADMIN_USER=ci-admin \
#     HEADPRESS_ADMIN_PASSWORD=some-long-password clients/typescript/check.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
spec=../../openapi/openapi.json
schema=src/schema.d.ts

[[ -f "$spec" ]] || { echo "error: $spec not found" >&2; exit 1; }

mode=check
e2e=1
for arg in "$@"; do
    case "$arg" in
        --update) mode=update ;;
        --no-e2e) e2e= ;;
        -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "error: unknown argument $arg (try --help)" >&2; exit 2 ;;
    esac
done

log() { printf '\n--- %s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null || fail "node is not installed (Node 20 or later is needed)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || fail "Node 20 or later is needed, this is $(node --version)"

if [[ "$mode" == check && -n "$e2e" ]]; then
    # Before the slow steps, so that a missing setting fails at once.
    for var in HEADPRESS_URL HEADPRESS_ADMIN_USER HEADPRESS_ADMIN_PASSWORD; do
        [[ -n "${!var:-}" ]] || fail "$var is not set: the end-to-end test needs a running server and an administrator (or pass --no-e2e to skip it)"
    done
fi

# --- The pinned tools, installed outside the source tree ---------------------------------------
tools_dir=${TOOLS_DIR:-../../target/clients-ts}
mkdir -p "$tools_dir"
tools_dir=$(cd "$tools_dir" && pwd)
stamp="$tools_dir/.installed"
wanted=$({ cat package.json package-lock.json; node --version; } | sha256sum | cut -d' ' -f1)
if [[ ! -d "$tools_dir/node_modules" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    log "npm ci into $tools_dir"
    cp package.json package-lock.json "$tools_dir/"
    rm -f "$stamp"
    (cd "$tools_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$wanted" >"$stamp"
fi
if [[ -e node_modules && ! -L node_modules ]]; then
    fail "clients/typescript/node_modules is a directory; remove it (check.sh links it to $tools_dir/node_modules)"
fi
ln -sfn "$tools_dir/node_modules" node_modules
bin="$tools_dir/node_modules/.bin"

generate() { # OUTPUT: openapi-typescript at its default settings
    "$bin/openapi-typescript" "$spec" --output "$1" >/dev/null
}

if [[ "$mode" == update ]]; then
    generate "$schema"
    echo "regenerated clients/typescript/$schema from openapi/openapi.json"
    exit 0
fi

# --- (a) the generated types match the document --------------------------------------------------
log "(a) $schema is up to date with openapi/openapi.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
generate "$tmp/schema.d.ts"
if ! diff -u "$schema" "$tmp/schema.d.ts" >"$tmp/schema.diff"; then
    head -n 40 "$tmp/schema.diff" >&2
    fail "clients/typescript/$schema is out of date with openapi/openapi.json ($(grep -c '^[-+][^-+]' "$tmp/schema.diff") lines differ): run clients/typescript/check.sh --update and commit the result"
fi
echo "ok"

# --- (b) tsc --strict on src and test -----------------------------------------------------------
log "(b) tsc --strict (src, test)"
rm -rf dist
"$bin/tsc" -p tsconfig.json --strict
# tsc does not copy declaration files; the package's index.d.ts needs schema.d.ts beside it.
cp "$schema" dist/src/schema.d.ts
echo "ok"

# --- (c) the end-to-end test --------------------------------------------------------------------
if [[ -z "$e2e" ]]; then
    log "(c) skipped (--no-e2e)"
    exit 0
fi
log "(c) test/e2e.ts against $HEADPRESS_URL"
node --enable-source-maps dist/test/e2e.js
