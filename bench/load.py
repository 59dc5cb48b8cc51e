"""Many people at once: concurrent simulated users of every role (secretaries, chairs, members, employees of
the members' bodies) against gunicorn as production runs it, on the benchmark's national data, bounded in
requests and seconds. Each user is logged in as a person of the generated data and walks the pages that person
uses, with a think time between clicks; per page: requests, failures, median, p95 and requests per second.

The users are locust users (greenlets) in a subprocess (bench/loadclient.py): locust monkey-patches the
standard library on import, and the rest of the benchmark must keep real threads and sockets."""

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from bench import pages
from council.models import Appointment, Council, CouncilOfficer, Seat
from council.selectors import active_on
from secretariat.models import Meeting

ROOT = Path(__file__).resolve().parent.parent
# Share of each role among the users; members make up the rest. The republic's bodies have six employees in
# the council's secretariat, so at most six body employees (each user is a person of their own).
ROLE_SHARE = {"secretary": 0.2, "chair": 0.1, "body employee": 0.12}
SPAWN_RATE = 10  # users started per second: a morning, not a single instant


def role_counts(users):
    """How many users of each role: the shares above, at least one of each, members the rest."""
    counts = {role: max(1, round(share * users)) for role, share in ROLE_SHARE.items()}
    counts["member"] = users - sum(counts.values())
    if counts["member"] < 1:
        raise ValueError(f"{users} users are too few for every role")
    return counts


def people(counts):
    """Persons of the generated data for each role, the republic's first, then the territorial councils'
    in order: (role, user, council)."""
    today = timezone.localdate()
    councils = list(Council.objects.filter(code="republic") | Council.objects.filter(code__startswith="bench-"))
    order = {c.pk: (c.code != "republic", c.code) for c in councils}
    found = {role: [] for role in counts}
    for officer in active_on(CouncilOfficer.objects.filter(council__in=councils), today).select_related(
        "person", "council"
    ):
        role = "secretary" if officer.role == CouncilOfficer.Role.SECRETARY else "body employee"
        found[role].append((order[officer.council_id], officer.person.username, officer.person, officer.council))
    holders = {
        a.position_id: a.person
        for a in active_on(Appointment.objects.filter(kind=Appointment.Kind.HOLDER), today)
        .select_related("person")
        .order_by("start")
    }
    seats = Seat.objects.filter(council__in=councils).select_related("council")
    for seat in active_on(seats, today, "valid_from", "valid_to"):
        person = holders.get(seat.position_id)
        if person:
            role = "chair" if seat.role == Seat.Role.CHAIR else "member"
            found[role].append((order[seat.council_id], person.username, person, seat.council))
    chosen = []
    for role, count in counts.items():
        candidates = sorted(found[role], key=lambda f: (f[0], f[1]))
        if len(candidates) < count:
            raise RuntimeError(f"{count} users of role {role} wanted, the data has {len(candidates)}")
        chosen += [(role, person, council) for _, _, person, council in candidates[:count]]
    return chosen


def pages_of(role, council):
    """(page, path) a person of ``role`` in ``council`` walks: the pages of every day."""
    meeting = Meeting.objects.filter(council=council, status="held").order_by("-date").first()
    walk = [
        ("My work", reverse("home")),
        ("meeting page", reverse("secretariat:meeting_detail", args=[meeting.pk])),
        ("my meetings", reverse("secretariat:my_meetings")),
        ("execution control list", reverse("protocols:assignment_list", args=[council.code])),
        ("calendar", reverse("secretariat:calendar_month")),
        ("notifications", reverse("inbox")),
    ]
    if role in ("secretary", "chair"):  # those who answer for the council's compliance (R-000-8, R-000-14)
        walk.append(("compliance dashboard", reverse("protocols:compliance")))
    return walk


def plan(users, *, requests, seconds, think):
    counts = role_counts(users)
    logins = [
        {
            "role": role,
            "username": person.username,
            "cookie": pages.session_cookie(person.username),
            "pages": pages_of(role, council),
            "offset": n,
        }
        for n, (role, person, council) in enumerate(people(counts))
    ]
    return {
        "host": f"http://127.0.0.1:{pages.PORT}",
        "counts": counts,
        "users": logins,
        "requests": requests,
        "seconds": seconds,
        "wait": think,
        "spawn_rate": SPAWN_RATE,
    }


def warm_up(the_plan):
    """Each page of each role as many times as there are worker processes (on fresh connections, which the
    workers share), so that the workers' first requests (caches, connections) are not measured; every one must
    answer 200, whatever the bounds let the users reach afterwards."""
    seen = set()
    for login in the_plan["users"]:
        for name, path in login["pages"]:
            if (login["role"], name) in seen:
                continue
            seen.add((login["role"], name))
            for _ in range(pages.WORKERS):
                conn = http.client.HTTPConnection("127.0.0.1", pages.PORT, timeout=60)
                conn.request("GET", path, headers={"Cookie": login["cookie"]})
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status != 200:
                    raise RuntimeError(f"load: {name} ({path}) answered {login['username']} {response.status}")


def drive(the_plan):
    """The load client in its own process (see bench/loadclient.py); its records."""
    with tempfile.TemporaryDirectory() as tmp:
        plan_path, out_path = Path(tmp, "plan.json"), Path(tmp, "out.json")
        plan_path.write_text(json.dumps(the_plan))
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        subprocess.run(
            [sys.executable, "-m", "bench.loadclient", str(plan_path), str(out_path)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=the_plan["seconds"] + 120,
        )
        return json.loads(out_path.read_text())


def summarise(result):
    """Per page, in the order of the walk: requests, failures, median, p95, max, req/s and queries."""
    by_page = {}
    for name, ms, status, queries, failed in result["records"]:
        page = by_page.setdefault(name, {"times": [], "failures": 0, "statuses": set(), "queries": []})
        page["times"].append(ms)
        page["failures"] += failed
        page["statuses"].add(status)
        page["queries"].append(queries)
    rows = []
    everything = sorted(ms for _, ms, *_ in result["records"])
    for name, page in [*by_page.items(), ("all pages", None)]:
        times = sorted(page["times"]) if page else everything
        failures = page["failures"] if page else sum(p["failures"] for p in by_page.values())
        rows.append(
            {
                "page": name,
                "requests": len(times),
                "failures": failures,
                "median_ms": statistics.median(times),
                "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
                "max_ms": times[-1],
                "rps": len(times) / result["wall_s"],
                "queries": statistics.mode(page["queries"]) if page else None,
                "status": sorted(page["statuses"]) if page else None,
            }
        )
    return rows


def print_table(rows, result, the_plan):
    width = max(len(r["page"]) for r in rows)
    think = the_plan["wait"]
    roles = ", ".join(f"{count} {role}" for role, count in the_plan["counts"].items())
    print(
        f"load: {result['users']} users ({roles}) for {result['wall_s']:.1f} s"
        f" (think {think[0]:g}-{think[1]:g} s,"
        f" gunicorn gthread {pages.WORKERS} workers x {pages.THREADS} threads)"
    )
    print(f"{'page':<{width}}  {'requests':>8}  {'failures':>8}  {'median ms':>9}  {'p95 ms':>7}  {'req/s':>6}")
    for r in rows:
        print(
            f"{r['page']:<{width}}  {r['requests']:>8}  {r['failures']:>8}  {r['median_ms']:>9.1f}"
            f"  {r['p95_ms']:>7.1f}  {r['rps']:>6.1f}"
        )
    for error in result["errors"]:
        print(f"  failed: {error}")


def run(database_url, *, users, requests, seconds, think=(1, 3), strict=False):
    """Figures of the load part, one per page and one for all pages. ``think``: the seconds each user waits
    between two pages (uniform between the two). ``strict`` (the smoke run): any failure or any answer but 200
    raises."""
    the_plan = plan(users, requests=requests, seconds=seconds, think=think)
    server = pages.Server(database_url)
    try:
        warm_up(the_plan)
        result = drive(the_plan)
    finally:
        server.stop()
    if not result["records"]:
        raise RuntimeError("load: no request completed")
    missing = {u["username"] for u in the_plan["users"]} - set(result["started"])
    if missing or len(result["started"]) != len(the_plan["users"]):
        raise RuntimeError(f"load: {len(result['started'])} users started, not each of {len(the_plan['users'])}")
    rows = summarise(result)
    print_table(rows, result, the_plan)
    if strict and (any(r["failures"] for r in rows) or any(r["status"] not in (None, [200]) for r in rows)):
        raise RuntimeError(f"load: requests failed: {result['errors'] or [r['status'] for r in rows]}")
    return [
        {
            "name": f"load: {r['page']}",
            "median_s": r["median_ms"] / 1000,
            "p95_ms": round(r["p95_ms"], 1),
            "max_ms": round(r["max_ms"], 1),
            "rps": round(r["rps"], 1),
            "requests": r["requests"],
            "failures": r["failures"],
            "queries": r["queries"] if r["queries"] is not None else "",
            "status": r["status"] or "",
            "users": result["users"],
            "think_s": list(think),
            # The share of failed requests: the target is none.
            "ratio": r["failures"] / r["requests"],
            "target": "no failure, p95 reported",
            "met": r["failures"] == 0,
        }
        for r in rows
    ]
