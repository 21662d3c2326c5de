#!/usr/bin/env python3
"""Webhook deliveries of a running server, verified with the Standard Webhooks library.

    target/webhooks-venv/bin/python .ci/webhooks.py     # after `cargo build`

Starts `headpress serve` (SQLite, webhooks allowed to reach this machine, a short burst
window and quick retries) and a receiver on a loopback port that verifies every request with
the `standardwebhooks` package and answers 500 to the first three. Then, as an editor:
creates a published post, saves it ten times in a burst, unpublishes it, publishes it again
and deletes it, and creates a draft. Checks that the receiver got, verified and in order:
`post.created` (after three failed attempts, the same `webhook-id` each time),
`post.updated` once for the burst, `post.unpublished`, `post.published`, `post.deleted`,
nothing of the draft, and that the same requests do not verify with a wrong secret.
Bounded (seconds); loopback only. Settings: HEADPRESS_BIN (default target/debug/headpress).
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crash import BIN, Server, call, free_port  # noqa: E402

received = []  # (status, headers, body)
lock = threading.Lock()
failures_left = [3]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        with lock:
            status = 500 if failures_left[0] > 0 else 204
            failures_left[0] -= 1
            received.append((status, {k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise SystemExit(f"FAIL: timed out waiting for {what}; received {len(received)}")


def main():
    if not Path(BIN).exists():
        raise SystemExit(f"{BIN} not found: cargo build first")
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    with tempfile.TemporaryDirectory() as d:
        port = free_port()
        env = dict(os.environ, DATABASE_URL=str(Path(d) / "hooks.db"),
                   HEADPRESS_BIND=f"127.0.0.1:{port}", HEADPRESS_DATA_DIR=d,
                   HEADPRESS_WEBHOOK_ALLOW_INTERNAL="true", HEADPRESS_WEBHOOK_COALESCE_MS="500",
                   HEADPRESS_WEBHOOK_RETRY_SCHEDULE="200ms,200ms,200ms,200ms",
                   RUST_LOG="warn")
        for name, role in [("hooks-admin", "admin"), ("hooks-editor", "editor")]:
            subprocess.run([BIN, "user", "create", "--username", name, "--password",
                            "webhook-check-password", "--role", role],
                           env=env, check=True, capture_output=True)
        with open(Path(d) / "server.log", "wb") as log:
            server = Server(env, log)
            try:
                base = server.start()
                run(base, hook_url)
            finally:
                server.stop()
    receiver.shutdown()
    print("webhooks: every delivery verified with standardwebhooks, in order")


def run(base, hook_url):
    def token(name):
        _, t = call("POST", f"{base}/api/v1/auth/token",
                    {"username": name, "password": "webhook-check-password"})
        return t["access_token"]

    admin, editor = token("hooks-admin"), token("hooks-editor")
    status, hook = call("POST", f"{base}/api/v1/webhooks",
                        {"url": hook_url, "events": ["post.*"]}, admin)
    assert status == 201, hook
    verifier = Webhook(hook["secret"])
    wrong = Webhook("whsec_" + "d3Jvbmcgc2VjcmV0IG9mIHRoaXJ0eS10d28gYnl0ZXM=")

    def accepted():
        return [json.loads(b)["type"] for s, _, b in received if s < 300]

    _, post = call("POST", f"{base}/api/v1/posts",
                   {"title": "Cocoa report", "status": "published"}, editor)
    pid = post["id"]
    call("POST", f"{base}/api/v1/posts", {"title": "Never announced"}, editor)
    wait_for(lambda: accepted() == ["post.created"], 15, "post.created after three failures")
    for n in range(10):
        call("PATCH", f"{base}/api/v1/posts/{pid}", {"title": f"Cocoa report {n}"}, editor)
    wait_for(lambda: len(accepted()) == 2, 10, "one post.updated for the burst")
    time.sleep(1.0)  # nothing more comes of the burst
    for change in [{"status": "draft"}, {"status": "published"}]:
        call("PATCH", f"{base}/api/v1/posts/{pid}", change, editor)
        n = len(accepted()) + 1
        wait_for(lambda n=n: len(accepted()) == n, 10, f"delivery {n}")
    call("DELETE", f"{base}/api/v1/posts/{pid}?force=true", None, editor)
    wait_for(lambda: len(accepted()) == 5, 10, "post.deleted")
    time.sleep(1.0)

    expected = ["post.created", "post.updated", "post.unpublished", "post.published",
                "post.deleted"]
    if accepted() != expected:
        raise SystemExit(f"FAIL: accepted {accepted()}, expected {expected}")
    first_ids = {h["webhook-id"] for s, h, b in received[:4]}
    if [s for s, _, _ in received[:4]] != [500, 500, 500, 204] or len(first_ids) != 1:
        raise SystemExit("FAIL: the first delivery was not tried again with the same id")
    for status, headers, body in received:
        payload = verifier.verify(body, headers)
        if payload["data"]["id"] != pid:
            raise SystemExit(f"FAIL: a delivery about another item: {payload}")
        try:
            wrong.verify(body, headers)
        except WebhookVerificationError:
            pass
        else:
            raise SystemExit("FAIL: a delivery verified with a wrong secret")
        tampered = body.replace(b"Cocoa", b"Cacao")
        if tampered != body:
            try:
                verifier.verify(tampered, headers)
            except WebhookVerificationError:
                pass
            else:
                raise SystemExit("FAIL: a changed body verified")
    updated = json.loads(received[4][2])
    if updated["data"]["item"]["title"] != "Cocoa report 9":
        raise SystemExit(f"FAIL: the burst's delivery does not carry the last save: {updated}")
    _, log = call("GET", f"{base}/api/v1/webhooks/{hook['id']}/deliveries", None, admin)
    if [d["status"] for d in log["data"]] != ["succeeded"] * 5:
        raise SystemExit(f"FAIL: the delivery log says {log}")


if __name__ == "__main__":
    main()
