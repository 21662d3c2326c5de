#!/usr/bin/env bash
# headpress against a real WordPress: Debian's `wordpress` package (unpacked under
# target/, served by PHP's built-in server, on a MariaDB instance of its own), seeded from
# the fixture's export through WordPress's own functions. Then:
#   1. `headpress sync wordpress` copies it; the same client calls (.ci/wordpress_compare.py)
#      are made to WordPress and to headpress's /wp-json and compared field by field;
#   2. an import of the same export answers the same calls as the sync does;
#   3. a sync killed with kill -9 mid-way, then run again, gives the same answers;
#   4. a second sync with nothing changed fetches nothing;
#   5. a title is edited, a post trashed, one deleted and a page moved in WordPress; one
#      sync later both answer the same again.
# Run from .ci/run after `cargo build`; PHP comes from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

W="$PWD/target/wordpress"
ROOT="$W/root/usr/share/wordpress"
WP_PORT=8391
HP_PORT=8392
IMPORT_PORT=8393
KILLED_PORT=8394
HEADPRESS="$PWD/target/debug/headpress"

if ! php -r 'exit(extension_loaded("mysqli") && extension_loaded("simplexml") ? 0 : 1);' 2>/dev/null; then
    echo "installing PHP (CLI, MySQL, XML, GD) from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends php8.2-cli php8.2-mysql php8.2-xml php8.2-gd php8.2-mbstring >/dev/null \
        || { apt-get update -qq && apt-get install -y -qq --no-install-recommends php8.2-cli php8.2-mysql php8.2-xml php8.2-gd php8.2-mbstring >/dev/null; }
fi
if [ ! -f "$ROOT/wp-settings.php" ]; then
    echo "unpacking Debian's wordpress package"
    mkdir -p "$W/deb" "$W/root"
    (cd "$W/deb" && { apt-get download wordpress libphp-phpmailer php-getid3 2>/dev/null \
        || { apt-get update -qq && apt-get download wordpress libphp-phpmailer php-getid3; }; })
    for deb in "$W"/deb/*.deb; do dpkg-deb -x "$deb" "$W/root"; done
    # The package links its libraries (PHPMailer, getID3) where Debian installs them.
    find "$W/root" -type l | while read -r link; do
        target=$(readlink "$link")
        if [[ "$target" == /* && -e "$W/root$target" ]]; then ln -sfn "$W/root$target" "$link"; fi
    done
fi
cp .ci/wordpress/wp-config.php "$ROOT/wp-config.php"

pids=()
cleanup() {
    # PHP's server forks its workers: they go with it.
    for pid in "${pids[@]}"; do pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

# A fresh database and site every run.
rm -rf "$W/db" "$W/content" "$W/headpress" "$W/import" "$W/killed"
mkdir -p "$W/db" "$W/content/mu-plugins" "$W/content/uploads" "$W/content/plugins" "$W/content/themes" "$W/headpress"
cp .ci/wordpress/headpress-site.php "$W/content/mu-plugins/"
mariadb-install-db --no-defaults --datadir="$W/db/data" --auth-root-authentication-method=normal --user="$(id -un)" >"$W/db/install.log" 2>&1
mariadbd --no-defaults --datadir="$W/db/data" --socket="$W/db/sock" --skip-networking \
    --user="$(id -un)" --skip-log-bin --innodb-buffer-pool-size=64M >"$W/db/log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    mariadb-admin --no-defaults --socket="$W/db/sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.5
done
mariadb --no-defaults --socket="$W/db/sock" -uroot -e "CREATE DATABASE wordpress"

export HP_WP_ROOT="$ROOT" HP_WP_CONTENT="$W/content" HP_WP_DB_SOCKET="$W/db/sock"
export HP_WP_URL="http://127.0.0.1:$WP_PORT"
creds=$(php .ci/wordpress/seed.php tests/fixtures/wordpress/small.wxr.xml tests/fixtures/wordpress/uploads)
user=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["user"])' "$creds")
password=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["app_password"])' "$creds")
for port in $WP_PORT $HP_PORT $IMPORT_PORT $KILLED_PORT; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        echo "error: something already listens on 127.0.0.1:$port" >&2
        exit 1
    fi
done
PHP_CLI_SERVER_WORKERS=4 php -S "127.0.0.1:$WP_PORT" -t "$ROOT" .ci/wordpress/router.php >"$W/php.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "$HP_WP_URL/wp-json/" >/dev/null && break; sleep 0.5; done
echo "WordPress $(php -r 'include getenv("HP_WP_ROOT")."/wp-includes/version.php"; echo $wp_version;') at $HP_WP_URL, seeded from the fixture"

export DATABASE_URL="$W/headpress/headpress.db" HEADPRESS_DATA_DIR="$W/headpress"
sync() {
    "$HEADPRESS" sync wordpress --wordpress-url "$HP_WP_URL" --wordpress-user "$user" \
        --wordpress-app-password "$password" 2>"$W/sync.log" | tee "$W/sync.out" | tail -3
}
echo "--- first sync"
sync
HEADPRESS_BIND="127.0.0.1:$HP_PORT" HEADPRESS_SITE_TIMEZONE=Europe/London "$HEADPRESS" serve >"$W/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$HP_PORT/healthz" >/dev/null && break; sleep 0.5; done
echo "--- the same calls to WordPress and to headpress"
python3 .ci/wordpress_compare.py "$HP_WP_URL" "http://127.0.0.1:$HP_PORT"

echo "--- an import of the same site's export answers as the sync does (import: left, sync: right)"
mkdir -p "$W/import"
DATABASE_URL="$W/import/headpress.db" HEADPRESS_DATA_DIR="$W/import" "$HEADPRESS" import wordpress \
    tests/fixtures/wordpress/small.wxr.xml --uploads tests/fixtures/wordpress/uploads >"$W/import.out" 2>&1
DATABASE_URL="$W/import/headpress.db" HEADPRESS_DATA_DIR="$W/import" HEADPRESS_BIND="127.0.0.1:$IMPORT_PORT" \
    HEADPRESS_SITE_TIMEZONE=Europe/London "$HEADPRESS" serve >"$W/import-serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$IMPORT_PORT/healthz" >/dev/null && break; sleep 0.5; done
python3 .ci/wordpress_compare.py "http://127.0.0.1:$IMPORT_PORT" "http://127.0.0.1:$HP_PORT"

echo "--- a sync killed (kill -9) mid-way and run again answers as the whole one does"
mkdir -p "$W/killed"
killed_sync() {
    DATABASE_URL="$W/killed/headpress.db" HEADPRESS_DATA_DIR="$W/killed" "$HEADPRESS" sync wordpress \
        --wordpress-url "$HP_WP_URL" --wordpress-user "$user" --wordpress-app-password "$password" "$@"
}
DATABASE_URL="$W/killed/headpress.db" HEADPRESS_DATA_DIR="$W/killed" "$HEADPRESS" sync wordpress \
    --wordpress-url "$HP_WP_URL" --wordpress-user "$user" --wordpress-app-password "$password" \
    >"$W/killed/first.out" 2>&1 &
victim=$!
# Killed once the resources are written, before the events, pages and posts.
for _ in $(seq 400); do
    grep -q "^resources: .* written" "$W/killed/first.out" && break
    sleep 0.02
done
kill -9 "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
echo "killed after: $(grep -E "written" "$W/killed/first.out" | tail -1)"
if ! killed_sync >"$W/killed/second.out" 2>&1; then
    cat "$W/killed/second.out" >&2
    exit 1
fi
tail -1 "$W/killed/second.out"
if grep -q " 0 items changed" "$W/killed/second.out"; then
    echo "error: the sync was not killed mid-way (the second run had nothing left to do)" >&2
    exit 1
fi
DATABASE_URL="$W/killed/headpress.db" HEADPRESS_DATA_DIR="$W/killed" HEADPRESS_BIND="127.0.0.1:$KILLED_PORT" \
    HEADPRESS_SITE_TIMEZONE=Europe/London "$HEADPRESS" serve >"$W/killed-serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$KILLED_PORT/healthz" >/dev/null && break; sleep 0.5; done
python3 .ci/wordpress_compare.py "http://127.0.0.1:$HP_PORT" "http://127.0.0.1:$KILLED_PORT"

echo "--- a sync with nothing changed"
sync
if ! grep -q " 0 items changed, 0 deleted" "$W/sync.out"; then
    echo "error: a sync with nothing changed in WordPress wrote something" >&2
    exit 1
fi
requests=$(grep -o '^[0-9]* requests' "$W/sync.out" | cut -d' ' -f1)
if [ "$requests" -gt 20 ]; then
    echo "error: a sync with nothing changed made $requests requests" >&2
    exit 1
fi

echo "--- edited, trashed, deleted and moved in WordPress, then one sync"
python3 .ci/wordpress_compare.py "$HP_WP_URL" "http://127.0.0.1:$HP_PORT" --edit "$user:$password" >"$W/edits.json"
cat "$W/edits.json"
sync
# The server learns of the sync's writes (another process) within a second.
sleep 2
python3 .ci/wordpress_compare.py "$HP_WP_URL" "http://127.0.0.1:$HP_PORT" --expect "$W/edits.json"
