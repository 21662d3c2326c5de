#!/usr/bin/env bash
# Browser end-to-end test of the partner embeds: serves `headpress serve --demo` on a throwaway
# SQLite database, then .ci/browser/embed_e2e.mjs loads a partner page from a second origin
# in Debian's Chromium (through playwright-core) and checks what /embed.js renders, the
# oEmbed iframe, style isolation and the console. Exits non-zero on any failure.
#
#   cargo build && bash .ci/browser.sh
#
# Installs Debian's chromium when /usr/bin/chromium is missing (needs root), and
# playwright-core (pinned in .ci/browser/package-lock.json) into .ci/browser/node_modules.
# Screenshot: target/browser/embed.png. Server log: target/browser/server.log.
#
# Settings (environment):
#   HEADPRESS_BIN   the binary to test (default target/debug/headpress)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
bin="${HEADPRESS_BIN:-$root/target/debug/headpress}"
out="$root/target/browser"

log() { printf '\n--- %s\n' "$*"; }

[[ -x "$bin" ]] || { echo "error: $bin not found; run cargo build first" >&2; exit 1; }

# --- Chromium and playwright-core -----------------------------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
    log "installing Debian's chromium"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
log "npm ci in .ci/browser (playwright-core)"
(cd .ci/browser && npm ci --no-audit --no-fund --loglevel=error)

# --- A throwaway server -------------------------------------------------------------------
mkdir -p "$out"
tmp=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    [[ -f "$tmp/server.log" ]] && cp "$tmp/server.log" "$out/server.log"
    rm -rf "$tmp"
}
trap cleanup EXIT

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
base="http://127.0.0.1:$port"
export DATABASE_URL="$tmp/db.sqlite" HEADPRESS_DATA_DIR="$tmp"
export HEADPRESS_BIND="127.0.0.1:$port" HEADPRESS_PUBLIC_URL="$base"
export RUST_LOG="${RUST_LOG:-info}"

log "starting headpress serve --demo on $base"
"$bin" serve --demo >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=
for _ in $(seq 150); do
    kill -0 "$server_pid" 2>/dev/null || break
    if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/readyz"; then
        ready=1
        break
    fi
    sleep 0.2
done
if [[ -z "$ready" ]]; then
    echo "error: the server did not become ready at $base/readyz; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
fi

# --- The browser test -----------------------------------------------------------------------
log "node .ci/browser/embed_e2e.mjs (HEADPRESS_API=$base)"
status=0
HEADPRESS_API="$base" node .ci/browser/embed_e2e.mjs || status=$?
if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "error: the server died during the test; its log:" >&2
    tail -n 50 "$tmp/server.log" >&2
    status=1
fi
if [[ $status -ne 0 ]]; then
    echo "error: the browser test failed (server log: target/browser/server.log)" >&2
fi
exit "$status"
