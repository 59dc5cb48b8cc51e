"""The deadline sweep: 1,000 due rows among a small and a large table. The cost must follow the due
rows, not the table size (partial index on active rows with an action time)."""

import datetime as dt
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count

from council.deadline_services import deadline_sweep
from council.models import Body, Council, Deadline, Notification

DUE = 1000


def fill(total, *, now):
    """``total`` open deadlines of the demo council; DUE of them due for their first reminder at ``now``."""
    council = Council.objects.get(code="republic")
    body = Body.objects.get(code="mvd")
    ct = ContentType.objects.get_for_model(Council)
    far = now + dt.timedelta(days=3650)
    with connection.cursor() as cur:
        cur.execute("TRUNCATE council_notification, council_deadline RESTART IDENTITY")
        cur.execute(
            """
            INSERT INTO council_deadline (council_id, subject_type_id, subject_id, kind, title_kk, title_ru,
                rule_id, profile_id, anchor_date, due_date, state, responsible_body_id, next_action_at, stage,
                created_at, waive_reason, url)
            SELECT %(council)s, %(ct)s, g, 'bench-' || g, 'Мерзім ' || g, 'Срок ' || g, 'R-000-10c', %(profile)s,
                %(anchor)s::date, %(due)s::date + (g %% 400), 'open', %(body)s, %(far)s, 0, %(now)s, '', ''
            FROM generate_series(1, %(total)s) AS g
            """,
            {
                "council": council.pk,
                "ct": ct.pk,
                "profile": council.profile_id,
                "anchor": now.date(),
                "due": now.date() + dt.timedelta(days=3),
                "body": body.pk,
                "far": far,
                "now": now,
                "total": total,
            },
        )
        cur.execute("ANALYZE council_deadline")
    reset_due(now=now)


def reset_due(*, now, due=DUE):
    """Make ``due`` rows (spread over the table) due again, with no notices sent yet."""
    Notification.objects.all().delete()
    total = Deadline.objects.count()
    step = max(total // due, 1)
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE council_deadline SET state = 'open', stage = 0, next_action_at = %s, due_date = %s "
            "WHERE id %% %s = 0 AND id <= %s",
            [now - dt.timedelta(hours=1), now.date() + dt.timedelta(days=3), step, step * due],
        )


def measure(total, *, now, repeats):
    fill(total, now=now)
    times = []
    for _ in range(repeats):
        reset_due(now=now)
        start = time.perf_counter()
        result = deadline_sweep(now=now, email=False)  # as the periodic task runs it: mail from its queue
        times.append(time.perf_counter() - start)
        assert result.handled == DUE, result
        assert not result.errors, result.errors
    return {"rows": total, "due": DUE, "median_s": statistics.median(times), "min_s": min(times)}


def _sweep_in_child(now):
    connection.close()  # a forked process opens its own connection
    deadline_sweep(now=now, email=False)
    connection.close()


def parallel(*, now, repeats=1):
    """Two sweep processes at once against one: the throughput of two over that of one on the same 2 x DUE
    due rows (the median of ``repeats`` pairs, one and two measured in turn), and the notices sent twice in
    any pair (none, by the unique key and SKIP LOCKED)."""
    import multiprocessing

    due = 2 * DUE
    fork = multiprocessing.get_context("fork")
    ones, twos, sent_twice = [], [], 0
    for _ in range(repeats):
        reset_due(now=now, due=due)
        start = time.perf_counter()
        deadline_sweep(now=now, email=False)
        ones.append(time.perf_counter() - start)
        reset_due(now=now, due=due)
        connection.close()
        processes = [fork.Process(target=_sweep_in_child, args=(now,)) for _ in range(2)]
        start = time.perf_counter()
        for p in processes:
            p.start()
        for p in processes:
            p.join()
        twos.append(time.perf_counter() - start)
        sent_twice += Notification.objects.values("recipient_id", "key").annotate(n=Count("id")).filter(n__gt=1).count()
    return {"due": due, "one_s": statistics.median(ones), "two_s": statistics.median(twos), "sent_twice": sent_twice}


def floor(*, now, repeats):
    """The database's floor for the sweep's writes: as many notices as it sends for DUE rows, inserted with one
    ``bulk_create`` in one transaction, with nothing decided or read."""
    council = Council.objects.get(code="republic")
    recipients = list(council_recipients(council))
    deadlines = list(Deadline.objects.filter(stage__gt=0).values_list("pk", flat=True)[:DUE])
    sent = Notification.objects.count()
    times = []
    for _ in range(repeats):
        Notification.objects.all().delete()
        rows = [
            Notification(
                recipient_id=recipients[n % len(recipients)],
                council=council,
                deadline_id=deadlines[n % len(deadlines)] if deadlines else None,
                key=f"bench-floor:{n}",
                title="Срок",
                created_at=now,
            )
            for n in range(sent)
        ]
        start = time.perf_counter()
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
        times.append(time.perf_counter() - start)
    return {"notices": sent, "median_s": statistics.median(times)}


def council_recipients(council):
    from council.models import User

    return User.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[:50]


def run(*, quick, smoke=False):
    from council.demo import load_demo

    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    load_demo(today=now.date())
    small, large = (DUE, 2 * DUE) if smoke else (10_000, 100_000) if quick else (10_000, 1_000_000)
    repeats = 1 if smoke else 3
    base = measure(small, now=now, repeats=repeats)
    big = measure(large, now=now, repeats=repeats)
    ratio = big["median_s"] / base["median_s"]
    low = floor(now=now, repeats=repeats)
    pair = parallel(now=now, repeats=repeats)
    return [
        {
            "name": f"sweep: two processes against one ({pair['due']} due, {pair['sent_twice']} sent twice)",
            "median_s": pair["two_s"],
            "ratio": pair["one_s"] / pair["two_s"],
            "target": ">= 1.6 throughput, none sent twice",
            "met": pair["one_s"] / pair["two_s"] >= 1.6 and pair["sent_twice"] == 0,
        },
        {
            "name": f"sweep floor: {low['notices']} notices in one bulk insert",
            "median_s": low["median_s"],
            "ratio": 1.0,
            "target": "floor",
        },
        {
            "name": f"sweep against its floor ({DUE} due)",
            "median_s": base["median_s"],
            "ratio": base["median_s"] / low["median_s"],
            "target": "<= 10",
            "met": base["median_s"] / low["median_s"] <= 10,
        },
        {
            "name": f"sweep: {DUE} due among {small:,} rows",
            "median_s": base["median_s"],
            "ratio": 1.0,
            "target": "baseline",
        },
        {
            "name": f"sweep: {DUE} due among {large:,} rows",
            "median_s": big["median_s"],
            "ratio": ratio,
            "target": "<= 1.5",
            "met": ratio <= 1.5,
        },
    ]
