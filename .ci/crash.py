#!/usr/bin/env python3
"""Crash consistency: kill -9 under concurrent writes, then check every acknowledged write.

    python3 .ci/crash.py                          # SQLite, then PostgreSQL if reachable
    python3 .ci/crash.py --backends sqlite --rounds 1

For each backend and round: starts `headpress serve` on a throwaway database, runs
--writers threads that create posts (each with a unique title) and record every one the
server acknowledged (201 with its id), kills the server with SIGKILL in the middle of it,
starts it again on the same database and checks that every acknowledged post is there,
whole (title and content as sent), and that nothing half-written is readable (every post
listed can be read back). On SQLite it also runs `PRAGMA integrity_check`. Exits non-zero
on any loss. Bounded: a round takes a few seconds; loopback only.

Settings: HEADPRESS_BIN (default target/debug/headpress), PG_URL (default
postgres://postgres@127.0.0.1:5432/postgres; a database is created and dropped per round).
"""

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("HEADPRESS_BIN", str(ROOT / "target" / "debug" / "headpress"))
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def call(method, url, body=None, token=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=timeout) as res:
        return res.status, json.loads(res.read() or b"null")


class Server:
    def __init__(self, env, log):
        self.env, self.log = env, log
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [BIN, "serve"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        base = f"http://{self.env['HEADPRESS_BIND']}"
        for _ in range(150):
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited with {self.proc.returncode}")
            try:
                call("GET", f"{base}/readyz", timeout=1)
                return base
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise SystemExit("the server did not become ready")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def round_(backend, writers, seconds, workdir):
    env = dict(os.environ)
    port = free_port()
    env.update(HEADPRESS_BIND=f"127.0.0.1:{port}", HEADPRESS_DATA_DIR=str(workdir),
               HEADPRESS_PUBLIC_URL=f"http://127.0.0.1:{port}", RUST_LOG="warn")
    dbname = None
    if backend == "sqlite":
        env["DATABASE_URL"] = str(workdir / "crash.db")
    else:
        dbname = "hp_crash_" + "".join(random.choices(string.ascii_lowercase, k=8))
        subprocess.run(["psql", PG_URL, "-qc", f"CREATE DATABASE {dbname}"], check=True)
        env["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + "/" + dbname
    try:
        password = "crash-test-password"
        subprocess.run([BIN, "user", "create", "--username", "crash", "--password", password,
                        "--role", "editor"], env=env, check=True, capture_output=True)
        log = open(workdir / f"server-{backend}.log", "ab")
        server = Server(env, log)
        base = server.start()
        _, token = call("POST", f"{base}/api/v1/auth/token",
                        {"username": "crash", "password": password})
        token = token["access_token"]

        acknowledged = {}
        lock = threading.Lock()
        stop = threading.Event()

        def writer(n):
            i = 0
            while not stop.is_set():
                title = f"crash {n}-{i}"
                body = {"title": title, "status": "published",
                        "content": {"html": f"<p>body of {title}</p>"}, "excerpt": title}
                try:
                    status, post = call("POST", f"{base}/api/v1/posts", body, token)
                except (urllib.error.URLError, ConnectionError, OSError):
                    continue  # not acknowledged: may or may not have landed
                if status == 201:
                    with lock:
                        acknowledged[post["id"]] = title
                i += 1

        threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(writers)]
        for t in threads:
            t.start()
        time.sleep(seconds * random.uniform(0.6, 1.0))
        server.kill()
        stop.set()
        for t in threads:
            t.join(timeout=15)
        with lock:
            acked = dict(acknowledged)

        base = server.start()
        missing, wrong = [], []
        for pid, title in acked.items():
            try:
                _, post = call("GET", f"{base}/api/v1/posts/{pid}?resolve_blocks=false", token=token)
            except urllib.error.HTTPError as e:
                missing.append((pid, e.code))
                continue
            if post["title"] != title or title not in post["content"]["html"]:
                wrong.append(pid)
        # Everything listed reads back whole: nothing half-written.
        listed, page = 0, 1
        while True:
            _, res = call("GET", f"{base}/api/v1/posts?per_page=100&page={page}&status=any", token=token)
            for post in res["data"]:
                listed += 1
                if not post["title"].startswith("crash ") or post["title"] not in post["content"]["html"]:
                    wrong.append(post["id"])
            if page >= (res["meta"].get("total_pages") or 1):
                break
            page += 1
        server.stop()
        log.close()
        integrity = "n/a"
        if backend == "sqlite":
            integrity = sqlite3.connect(env["DATABASE_URL"]).execute("PRAGMA integrity_check").fetchone()[0]
        ok = not missing and not wrong and listed >= len(acked) and integrity in ("ok", "n/a")
        print(f"{backend}: {len(acked)} writes acknowledged before kill -9, {listed} posts after restart, "
              f"missing {len(missing)}, damaged {len(wrong)}, integrity {integrity}: {'ok' if ok else 'FAILED'}")
        if missing:
            print("  missing:", missing[:10])
        return ok
    finally:
        if dbname:
            subprocess.run(["psql", PG_URL, "-qc", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"],
                           check=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    if not Path(BIN).exists():
        raise SystemExit(f"{BIN} not found: cargo build first")
    ok = True
    for backend in args.backends.split(","):
        if backend == "postgres" and subprocess.run(["pg_isready", "-q", "-d", PG_URL]).returncode != 0:
            print("postgres: skipped, not reachable")
            continue
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as d:
                ok &= round_(backend, args.writers, args.seconds, Path(d))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
