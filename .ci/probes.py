#!/usr/bin/env python3
"""Load probes: health and cheap reads under heavy searches, and over-long URLs.

    python3 .ci/probes.py                      # SQLite
    python3 .ci/probes.py --posts 10000 --searchers 8

Starts `headpress serve` on a generated site of --posts posts (SQLite, response cache off so
that every search reaches the database), then:

1. Measures `/healthz` and a plain list page with nothing else running (the baseline).
2. Runs --searchers threads that search without pause (full-text searches over the whole
   site, 100 per page, varied so no answer repeats) and measures the same two requests again.
   `/healthz` must answer within 50 ms (95th percentile) and the list page within twice its
   baseline (medians, with 5 ms of slack for timer noise on a loaded machine). Searches may
   be told to come back (503 with `Retry-After`), never fail otherwise.
3. Sends URLs of 8 KB up to 1 MB: each gets a 4xx (or the connection closed without an
   answer for the largest), never a 5xx, and the server keeps answering afterwards.

Exits non-zero on any miss. Bounded (about a minute with a debug build); loopback only.
Settings: HEADPRESS_BIN (default target/debug/headpress).
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crash import BIN, Server, free_port  # noqa: E402

WORDS = ["labour", "slavery", "supply", "rights", "report", "workers", "guidance", "audit"]


def timed_get(url, timeout=10):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as res:
            res.read()
            status = res.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    return status, (time.perf_counter() - started) * 1000


def sample(base, path, n):
    times = []
    for _ in range(n):
        status, ms = timed_get(base + path)
        if status != 200:
            raise SystemExit(f"{path}: {status}")
        times.append(ms)
        time.sleep(0.02)
    return times


def p95(times):
    return sorted(times)[int(len(times) * 0.95) - 1]


def health_under_search(base, searchers, seconds):
    ok = True
    health0 = sample(base, "/healthz", 40)
    list0 = sample(base, "/api/v1/posts?page=3", 40)
    stop = threading.Event()
    outcomes = {}
    lock = threading.Lock()

    def searcher(n):
        i = n
        while not stop.is_set():
            word = WORDS[i % len(WORDS)]
            page = 1 + (i // len(WORDS)) % 5
            status, _ = timed_get(f"{base}/api/v1/posts?search={word}&per_page=100&page={page}", 30)
            with lock:
                outcomes[status] = outcomes.get(status, 0) + 1
            i += searchers

    threads = [threading.Thread(target=searcher, args=(n,), daemon=True) for n in range(searchers)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # let the searches pile up
    deadline = time.monotonic() + seconds
    health1, list1 = [], []
    while time.monotonic() < deadline:
        health1 += sample(base, "/healthz", 5)
        list1 += sample(base, "/api/v1/posts?page=3", 5)
    stop.set()
    for t in threads:
        t.join(timeout=60)

    print(f"  searches answered: {dict(sorted(outcomes.items()))}")
    print(
        f"  /healthz ms: idle median {statistics.median(health0):.1f}, "
        f"under search median {statistics.median(health1):.1f} p95 {p95(health1):.1f}"
    )
    print(
        f"  list page ms: idle median {statistics.median(list0):.1f}, "
        f"under search median {statistics.median(list1):.1f}"
    )
    if outcomes.get(200, 0) == 0:
        print("FAIL: no search was answered")
        ok = False
    if set(outcomes) - {200, 503}:
        print(f"FAIL: searches answered {outcomes}")
        ok = False
    if p95(health1) >= 50:
        print("FAIL: /healthz took 50 ms or more under heavy searches")
        ok = False
    if statistics.median(list1) > 2 * statistics.median(list0) + 5:
        print("FAIL: a plain list page slowed by more than a factor of two under heavy searches")
        ok = False
    return ok


def raw_get(host, port, target):
    """The status line of a GET, or None when the server closed without an answer."""
    with socket.create_connection((host, port), timeout=10) as s:
        try:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except ConnectionResetError:
            pass
    if not data:
        return None
    return int(data.split(b" ", 2)[1])


def long_urls(base, host, port):
    ok = True
    for size in [8 << 10, 16 << 10, 32 << 10, 64 << 10, 1 << 20]:
        target = "/api/v1/posts?search=" + "a" * size
        status = raw_get(host, port, target)
        print(f"  URL of {len(target)} bytes: {status if status else 'closed without an answer'}")
        if status is not None and not 400 <= status < 500:
            print(f"FAIL: a URL of {len(target)} bytes got {status}")
            ok = False
        if status is None and size < (64 << 10):
            print(f"FAIL: a URL of {len(target)} bytes got no answer")
            ok = False
    status, _ = timed_get(base + "/healthz")
    if status != 200:
        print(f"FAIL: /healthz answers {status} after the long URLs")
        ok = False
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--searchers", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=8.0)
    args = ap.parse_args()
    if not Path(BIN).exists():
        raise SystemExit(f"{BIN} not found: cargo build first")
    ok = True
    with tempfile.TemporaryDirectory() as d:
        db = str(Path(d) / "probe.db")
        started = time.monotonic()
        made = subprocess.run([BIN, "generate", "--database-url", db, "--posts", str(args.posts)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            raise SystemExit(f"generate failed:\n{made.stdout}{made.stderr}")
        print(f"generated {args.posts} posts in {time.monotonic() - started:.0f} s")
        port = free_port()
        env = dict(os.environ, DATABASE_URL=db, HEADPRESS_BIND=f"127.0.0.1:{port}",
                   HEADPRESS_CACHE_SIZE="0", HEADPRESS_ANONYMOUS_RATE_LIMIT="0",
                   RUST_LOG="warn")
        with open(Path(d) / "server.log", "wb") as log:
            server = Server(env, log)
            try:
                base = server.start()
                print(f"health and a list page under {args.searchers} concurrent heavy searches")
                ok &= health_under_search(base, args.searchers, args.seconds)
                print("over-long URLs")
                ok &= long_urls(base, "127.0.0.1", port)
            finally:
                server.stop()
    print("all probes passed" if ok else "some probes failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
