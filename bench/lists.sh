#!/usr/bin/env bash
# Measures list throughput with wrk against a release build on the demo content.
#   bench/lists.sh                 # SQLite in a temporary folder
#   DATABASE_URL=postgres://... bench/lists.sh
# Needs wrk (Debian: apt-get install wrk). Prints requests per second for each URL.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
port=${PORT:-18080}
export DATABASE_URL=${DATABASE_URL:-$tmp/bench.db}
export HEADPRESS_DATA_DIR=$tmp RUST_LOG=warn
target/release/headpress serve --demo --bind "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
for path in \
  "/api/v1/posts?per_page=20" \
  "/api/v1/posts?per_page=20&include=tags,categories,author" \
  "/api/v1/posts?search=trafficking" \
  "/api/v1/resources?per_page=20&field.publication_year=2020" \
  "/api/v1/events?per_page=20" \
  "/api/v1/tags?per_page=20"; do
  rps=$(wrk -t2 -c32 -d${DURATION:-10}s "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
  printf '%-60s %10s req/s\n' "$path" "$rps"
done
