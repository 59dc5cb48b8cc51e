"""Pages through the real stack: gunicorn (gthread, 2 workers of 4 threads) on 127.0.0.1 and a load client of
keep-alive connections, bounded in requests and time, beside 12 idle connections as a browser leaves them.
Each page against the baseline view measured in the same run; a request that waits over 10 s fails the run."""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CONCURRENCY = 2
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
# Browser-like: while the active clients load the pages, IDLE connections stay open doing nothing, as Chromium
# leaves them: half made one request and are kept alive, half were opened ahead of need and never used. With
# sync workers each held a worker until its timeout and pages took 27-30 s; no request may wait on them.
IDLE = int(os.environ.get("BENCH_IDLE", "12"))
STALL_SECONDS = 10


def session_cookie(username):
    """A logged-in session for ``username``, made the way the login view makes one."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from council.models import User

    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


class Server:
    """gunicorn as production starts it (``--config gunicorn.conf.py``: gthread workers), with
    BENCH_WORKERS workers of BENCH_THREADS threads."""

    def __init__(self, database_url):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"127.0.0.1:{PORT}",
            "GUNICORN_WORKERS": str(WORKERS),
            "GUNICORN_THREADS": str(THREADS),
            "GUNICORN_ACCESSLOG": "",
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "council.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


def load(path, cookie, *, requests, seconds):
    """``requests`` GETs of ``path`` over CONCURRENCY keep-alive connections, stopping after ``seconds``."""
    latencies, queries, statuses = [], [], set()
    lock = threading.Lock()
    remaining = [requests]
    stop_at = [0.0]  # set once the warm-up is over

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        headers = {"Cookie": cookie} if cookie else {}
        while True:
            with lock:
                if remaining[0] <= 0 or time.time() > stop_at[0]:
                    break
                remaining[0] -= 1
            start = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses.add(response.status)
                queries.append(int(response.getheader("X-Queries", "-1")))
        conn.close()

    # Warm up: each worker process, its connection pool and caches.
    for _ in range(4):
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        c.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        c.getresponse().read()
        c.close()
    stop_at[0] = time.time() + seconds
    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "median_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
        "max_ms": 1000 * latencies[-1],
        "rps": len(latencies) / wall,
        # Per request in the steady state (the most common count); a worker's first request also loads the
        # content types into its cache.
        "queries": statistics.mode(queries),
        "queries_max": max(queries),
        "status": sorted(statuses),
    }


def targets():
    """(name, path, user) of every page measured, chosen from the data present."""
    from django.urls import reverse

    from secretariat.models import Meeting

    meeting = Meeting.objects.filter(council__code="republic", status="held").order_by("-date").first()
    return [
        ("baseline (one indexed query)", "/bench/baseline/", None),
        ("layout baseline", "/bench/layout/", "secretary"),
        ("secretary's home", reverse("home"), "secretary"),
        ("meeting page", reverse("secretariat:meeting_detail", args=[meeting.pk]), "secretary"),
        ("member's my meetings", reverse("secretariat:my_meetings"), "member_mvd"),
        ("secretary's month calendar", reverse("secretariat:calendar_month") + "?month=2026-11", "secretary"),
        ("execution control list", reverse("protocols:assignment_list", args=["republic"]) + "?status=", "secretary"),
        ("compliance dashboard", reverse("protocols:compliance") + "?year=2025", "secretary"),
        ("admin: members' appointments", reverse("admin:council_appointment_changelist"), "secretary"),
    ]


def open_idle(count):
    """``count`` connections left idle: the first half after one request each (keep-alive), the rest never
    used (a browser's pre-opened connections)."""
    held = []
    for n in range(count):
        if n < count // 2:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            conn.request("GET", "/readyz")
            conn.getresponse().read()
            held.append(conn)
        else:
            held.append(socket.create_connection(("127.0.0.1", PORT)))
    return held


def run(database_url, *, requests, seconds):
    cookies = {}
    rows = []
    server = Server(database_url)
    idle = []
    try:
        idle = open_idle(IDLE)
        for name, path, user in targets():
            if user and user not in cookies:
                cookies[user] = session_cookie(user)
            figures = load(path, cookies.get(user), requests=requests, seconds=seconds)
            if figures["status"] != [200]:
                raise RuntimeError(f"{name} ({path}) answered {figures['status']}, not 200")
            if figures["max_ms"] > 1000 * STALL_SECONDS:
                raise RuntimeError(
                    f"{name} ({path}): a request waited {figures['max_ms']:.0f} ms beside idle connections"
                )
            rows.append({"name": name, "path": path, "idle_connections": IDLE, **figures})
    finally:
        for conn in idle:
            conn.close()
        server.stop()
    base, layout = rows[0]["median_ms"], rows[1]["median_ms"]
    for r in rows:
        r["ratio"] = r["median_ms"] / base
        r["ratio_layout"] = r["median_ms"] / layout
    return rows
