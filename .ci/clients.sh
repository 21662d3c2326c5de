#!/usr/bin/env bash
# The OpenAPI document as integrators meet it: linted with Redocly CLI (`recommended`) and
# Spectral (`spectral:oas`), zero errors and zero warnings (openapi/redocly.yaml and
# openapi/.spectral.yaml list any rule switched off, with its reason), both the committed
# document and a demo site's document with typed custom fields (`?fields=site`); then the
# official clients (clients/typescript, clients/python) are regenerated from the committed
# document (a change fails the run), compiled or type-checked strictly, and their test
# programs run against a live `headpress serve --demo` on a throwaway SQLite database.
#
#   cargo build && bash .ci/clients.sh
#
# Tools are installed under target/ (reused while their pins match): the linters from
# .ci/openapi-lint/package-lock.json, each client's from its own directory.
#
# Settings (environment):
#   HEADPRESS_BIN   the binary to test (default target/debug/headpress)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
bin="${HEADPRESS_BIN:-$root/target/debug/headpress}"
lint_dir="$root/target/ci-openapi-lint"

log() { printf '\n--- %s\n' "$*"; }

[[ -x "$bin" ]] || { echo "error: $bin not found; run cargo build first" >&2; exit 1; }
command -v npm >/dev/null || { echo "error: npm is needed (Node.js 20 or later)" >&2; exit 1; }

# --- Linters, pinned by .ci/openapi-lint/package-lock.json --------------------------------
if ! cmp -s "$root/.ci/openapi-lint/package-lock.json" "$lint_dir/package-lock.json"; then
    log "installing the OpenAPI linters into $lint_dir"
    rm -rf "$lint_dir"
    mkdir -p "$lint_dir"
    cp "$root/.ci/openapi-lint/package.json" "$root/.ci/openapi-lint/package-lock.json" "$lint_dir/"
    (cd "$lint_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
redocly="$lint_dir/node_modules/.bin/redocly"
spectral="$lint_dir/node_modules/.bin/spectral"

status=0
lint() { # FILE: both linters, no error and no warning
    local file=$1
    log "redocly lint (recommended): $file"
    REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
        "$redocly" lint --config "$root/openapi/redocly.yaml" --max-problems 50 "$file" || status=1
    # `redocly lint` exits 0 on warnings: count them from its summary.
    local warnings
    warnings=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
        "$redocly" lint --config "$root/openapi/redocly.yaml" --format=summary "$file" 2>&1 |
        grep -cE '^(error|warning) ' || true)
    if [[ "$warnings" != 0 ]]; then
        echo "error: redocly reports $warnings rule(s) with problems in $file" >&2
        status=1
    fi
    log "spectral lint (spectral:oas): $file"
    "$spectral" lint --ruleset "$root/openapi/.spectral.yaml" --fail-severity=warn "$file" || status=1
}

lint "$root/openapi/openapi.json"

# --- A throwaway demo server ----------------------------------------------------------------
tmp=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export DATABASE_URL="$tmp/db.sqlite" HEADPRESS_DATA_DIR="$tmp"
export HEADPRESS_BIND="127.0.0.1:$port" HEADPRESS_PUBLIC_URL="$base"
admin_user=ci-admin
admin_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
"$bin" user create --username="$admin_user" --password="$admin_password" --role=admin
log "starting headpress serve --demo on $base"
"$bin" serve --demo >"$tmp/server.log" 2>&1 &
server_pid=$!
ready=
for _ in $(seq 100); do
    kill -0 "$server_pid" 2>/dev/null || break
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.2
done
if [[ -z "$ready" ]]; then
    echo "error: the server did not become ready; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
fi

# The demo site's own document: custom fields typed by its field groups.
curl -fsS "$base/api/v1/openapi.json?fields=site" >"$tmp/site-openapi.json"
lint "$tmp/site-openapi.json"

# --- The official clients -------------------------------------------------------------------
export HEADPRESS_URL="$base" HEADPRESS_ADMIN_USER="$admin_user" HEADPRESS_ADMIN_PASSWORD="$admin_password"
log "clients/typescript"
TOOLS_DIR="$root/target/clients-ts" bash "$root/clients/typescript/check.sh" || status=1
log "clients/python"
TOOLS_DIR="$root/target/clients-python" bash "$root/clients/python/check.sh" || status=1

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "error: the server exited during the client tests; its log:" >&2
    tail -n 50 "$tmp/server.log" >&2
    status=1
fi
if [[ $status -ne 0 ]]; then
    echo "clients: FAILED" >&2
else
    echo "clients: the document lints clean and both official clients pass"
fi
exit $status
