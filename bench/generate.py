"""A national installation for benchmarks: the republic council and 20 territorial councils with ten years
of history. Deterministic (every value follows from row numbers; no randomness), loaded with set-based
inserts. At scale 1: about 10,000 meetings, 80,000 agenda questions with their materials' metadata,
400,000 decisions with their assignments, 1,000,000 deadline rows and 5,000 users.

The registry (bodies, positions, seats, people) is built with the test factories; the history with
INSERT ... SELECT over generate_series, which is what makes a million rows take seconds, not hours.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

TODAY = dt.date(2026, 11, 23)
START = TODAY - dt.timedelta(days=3652)  # ten years
TERRITORIAL = 20
ITEMS_PER_MEETING = 8
DECISIONS_PER_ITEM = 5
SEATS_PER_TERRITORIAL = 12
USERS = 5000
DEADLINES = 1_000_000
MEETINGS = 10_000

BIG_TABLES = [
    "council_notification",
    "council_deadline",
    "council_compliancesummary",
    "council_compliancerollup",
    "protocols_assignment",
    "protocols_decisionexecutor",
    "protocols_decision",
    "protocols_protocolitem",
    "protocols_protocol",
    "secretariat_material",
    "secretariat_agendaitem",
    "secretariat_meeting",
]
SUMMARY_TABLES = {"council_compliancesummary", "council_compliancerollup"}


def _registry():
    """The demo registry plus 20 territorial councils, each with its bodies, seats, members and secretary;
    the rest of the 5,000 users are people without a seat (invited persons, former staff)."""
    from council.deadline_services import profile_ensure_presets
    from council.demo import load_demo
    from council.models import Appointment, Council, CouncilOfficer, Seat, User
    from council.profiles import KIND_PRESET
    from tests.factories import BodyFactory, PositionFactory

    load_demo(today=TODAY, password="bench-pass-2026")
    republic = Council.objects.get(code="republic")
    profile = profile_ensure_presets()[KIND_PRESET["territorial"]]
    password = make_password("bench-pass-2026")
    existing = set(User.objects.values_list("username", flat=True))
    councils = []
    for i in range(1, TERRITORIAL + 1):
        council, _ = Council.objects.get_or_create(
            code=f"bench-oblast-{i:02d}",
            defaults={
                "name_ru": f"Координационный совет области № {i}",
                "name_kk": f"№ {i} облыстың үйлестіру кеңесі",
                "short_name_ru": f"КС области № {i}",
                "short_name_kk": f"№ {i} облыс ҮК",
                "kind": Council.Kind.TERRITORIAL,
                "parent": republic,
                "profile": profile,
            },
        )
        councils.append(council)
        if council.seats.exists():
            continue
        people = []
        for j in range(SEATS_PER_TERRITORIAL + 1):
            username = f"bench-{i:02d}-{j:02d}"
            people.append(
                User(
                    username=username,
                    password=password,
                    full_name_ru=f"Член {i}-{j}",
                    full_name_kk=f"Мүше {i}-{j}",
                    preferred_language="ru",
                    home_council=council,
                    is_staff=j == 0,
                )
            )
        people = User.objects.bulk_create([p for p in people if p.username not in existing])
        secretary, members = people[0], people[1:]
        for j, person in enumerate(members):
            body = BodyFactory(code=f"bench-{i:02d}-body-{j:02d}")
            position = PositionFactory(body=body, is_head=True)
            Seat.objects.create(
                council=council,
                position=position,
                role=Seat.Role.CHAIR if j == 0 else Seat.Role.MEMBER,
                order=j,
                valid_from=START,
            )
            Appointment.objects.create(position=position, person=person, kind=Appointment.Kind.HOLDER, start=START)
        CouncilOfficer.objects.create(
            council=council, person=secretary, role=CouncilOfficer.Role.SECRETARY, start=START
        )
    missing = USERS - User.objects.count()
    if missing > 0:
        User.objects.bulk_create(
            User(
                username=f"bench-person-{n:05d}",
                password=password,
                full_name_ru=f"Участник {n}",
                preferred_language="ru",
            )
            for n in range(missing)
        )
    return [republic, *councils]


def generate(scale=1.0):
    """Empty the history tables and fill them at ``scale`` (1.0 = national, ten years). Returns counts."""
    from council.compliance_summary import rebuild_sql, rollup_sql
    from council.models import User
    from protocols.models import Assignment
    from secretariat.models import AgendaItem, Meeting

    councils = _registry()
    council_ids = [c.pk for c in councils]
    secretary = User.objects.get(username="secretary").pk
    meetings = max(int(MEETINGS * scale), 4 * len(council_ids))  # every council has a past meeting
    days = (TODAY - START).days
    ct_meeting = ContentType.objects.get_for_model(Meeting).pk
    ct_item = ContentType.objects.get_for_model(AgendaItem).pk
    ct_assignment = ContentType.objects.get_for_model(Assignment).pk
    from council.deadline_services import council_profile

    profile = council_profile(councils[0]).pk
    p = {
        "councils": council_ids,
        "nc": len(council_ids),
        "secretary": secretary,
        "meetings": meetings,
        "start": START,
        "days": days,
        "today": TODAY,
        "items": ITEMS_PER_MEETING,
        "decisions": DECISIONS_PER_ITEM,
        "ct_meeting": ct_meeting,
        "ct_item": ct_item,
        "ct_assignment": ct_assignment,
        "profile": profile,
    }
    from council.navcache import touch_all

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("TRUNCATE " + ", ".join(BIG_TABLES) + " RESTART IDENTITY CASCADE")
        touch_all()  # raw INSERTs send no signals: every cached header is recomputed once they commit
        # Each council's own bodies, those of its open seats in a fixed order: a council's questions and the
        # executors of its decisions come from them, as a territorial council hears its region's bodies and the
        # republic council the republic's, so a council's history names a dozen bodies, not every one.
        cur.execute(
            """
            CREATE TEMPORARY TABLE bench_council_bodies ON COMMIT DROP AS
            SELECT s.council_id, array_agg(DISTINCT p.body_id ORDER BY p.body_id) AS bodies
            FROM council_seat s JOIN council_position p ON p.id = s.position_id
            WHERE s.council_id = ANY(%(councils)s) AND s.valid_to IS NULL
            GROUP BY s.council_id
            """,
            p,
        )
        cur.execute("SELECT count(*) FROM bench_council_bodies")
        if cur.fetchone()[0] != len(council_ids):
            raise RuntimeError("every council of the benchmark needs a seat held by a body")
        cur.execute(
            """
            INSERT INTO secretariat_meeting (kind, date, place_kk, place_ru, online, status, created_at, council_id,
                created_by_id, quorum_reached, held_at)
            SELECT 'regular', d, 'Астана', 'Астана', false,
                CASE WHEN d < %(today)s THEN 'held' ELSE 'scheduled' END,
                d - 30, (%(councils)s::int[])[1 + g %% %(nc)s], %(secretary)s,
                CASE WHEN d < %(today)s THEN true END, CASE WHEN d < %(today)s THEN d + time '11:00' END
            FROM (SELECT g, %(start)s::date + (g::bigint * %(days)s / %(meetings)s)::int AS d
                  FROM generate_series(1, %(meetings)s) AS g) AS m
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO secretariat_agendaitem (number, question_kk, question_ru, responsible_body_id, meeting_id,
                status, not_a_criminal_case, refusal_ground, refusal_note)
            SELECT n, 'Мәселе ' || m.id || '-' || n, 'Вопрос ' || m.id || '-' || n || ' о состоянии законности',
                cb.bodies[1 + (m.id + n) %% cardinality(cb.bodies)], m.id, 'accepted', false, '', ''
            FROM secretariat_meeting m JOIN bench_council_bodies cb ON cb.council_id = m.council_id
                CROSS JOIN generate_series(1, %(items)s) AS n
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO secretariat_material (kind, version, file, original_name, sha256, size, pages,
                content_type, late, submitted_at, body_id, item_id, submitted_by_id)
            SELECT 'reference_note', 1, 'materials/bench/' || i.id || '.pdf', 'справка-' || i.id || '.pdf',
                md5(i.id::text) || md5(i.id::text), 120000 + i.id %% 50000, 1 + i.id %% 8, 'application/pdf',
                i.id %% 11 = 0,
                m.date - 21 + (i.id %% 3)::int, i.responsible_body_id, i.id, %(secretary)s
            FROM secretariat_agendaitem i JOIN secretariat_meeting m ON m.id = i.meeting_id
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO protocols_protocol (status, version, year, number, signed_at, pdf_kk, pdf_ru, sha256_kk,
                sha256_ru, dispatched_at, created_at, council_id, created_by_id, meeting_id, public_remarks_kk,
                public_remarks_ru)
            SELECT 'dispatched', 1, extract(year FROM m.date)::int, m.id, m.date + 4, '', '', '', '',
                m.date + 5, m.date, m.council_id, %(secretary)s, m.id, '', ''
            FROM secretariat_meeting m WHERE m.status = 'held'
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO protocols_protocolitem (number, question_kk, question_ru, heard_kk, heard_ru, agenda_item_id,
                protocol_id, version)
            SELECT i.number, i.question_kk, i.question_ru, '', 'Доклад ответственного исполнителя', i.id, pr.id, 1
            FROM protocols_protocol pr JOIN secretariat_agendaitem i ON i.meeting_id = pr.meeting_id
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO protocols_decision (number, text_kk, text_ru, due_date, votes_for, votes_against, abstained,
                adopted, casting_vote, item_id, version, kind, shortened_on, period)
            SELECT n, 'Шешім ' || pi.id || '-' || n, 'Принять меры по вопросу ' || pi.id || ', пункт ' || n,
                m.date + 30 + 15 * (n - 1), 7, 0, 0, true, false, pi.id, 1, '', '', ''
            FROM protocols_protocolitem pi JOIN protocols_protocol pr ON pr.id = pi.protocol_id
                JOIN secretariat_meeting m ON m.id = pr.meeting_id
                CROSS JOIN generate_series(1, %(decisions)s) AS n
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO protocols_decisionexecutor ("order", body_id, decision_id)
            SELECT 1, cb.bodies[1 + d.id %% cardinality(cb.bodies)], d.id
            FROM protocols_decision d JOIN protocols_protocolitem pi ON pi.id = d.item_id
                JOIN protocols_protocol pr ON pr.id = pi.protocol_id
                JOIN bench_council_bodies cb ON cb.council_id = pr.council_id
            """,
            p,
        )
        cur.execute(
            """
            INSERT INTO protocols_assignment (responsible, "order", due_date, original_due_date, status, reported_at,
                certificate, closed_at, on_time, created_at, body_id, council_id, decision_id, cancel_reason)
            SELECT true, 1, d.due_date, d.due_date,
                CASE WHEN d.due_date < %(today)s - 60 THEN 'removed' WHEN d.id %% 4 = 0 THEN 'reported'
                     ELSE 'in_work' END,
                CASE WHEN d.due_date < %(today)s - 60 OR d.id %% 4 = 0 THEN d.due_date - 2 + (d.id %% 5)::int END,
                '', CASE WHEN d.due_date < %(today)s - 60 THEN d.due_date + 20 END,
                CASE WHEN d.due_date < %(today)s - 60 THEN d.id %% 5 < 3 END,
                pr.dispatched_at, e.body_id, pr.council_id, d.id, ''
            FROM protocols_decision d JOIN protocols_decisionexecutor e ON e.decision_id = d.id
                JOIN protocols_protocolitem pi ON pi.id = d.item_id JOIN protocols_protocol pr ON pr.id = pi.protocol_id
            """,
            p,
        )
        # Deadlines: execution and co-executors' parts of every assignment, materials and rework of every
        # question, agenda dispatch, protocol and protocol dispatch of every meeting; closed in the past
        # (met, or met late one time in five), open or overdue where the date is near or past.
        state = """CASE WHEN {due} < %(today)s - 60 THEN (CASE WHEN {key} %% 5 = 4 THEN 'met_late' ELSE 'met' END)
                        WHEN {due} < %(today)s THEN (CASE WHEN {key} %% 3 = 0 THEN 'overdue' ELSE 'met' END)
                        ELSE 'open' END"""
        columns = """council_id, subject_type_id, subject_id, kind, title_kk, title_ru, rule_id, profile_id,
            anchor_date, due_date, state, responsible_body_id, next_action_at, stage, created_at, waive_reason, url"""
        sources = [
            (
                "a.council_id, %(ct_assignment)s, a.id, 'execution', 'Орындау ' || a.id, 'Исполнение решения ' || a.id,"
                " 'R-000-11d', %(profile)s, a.due_date, a.due_date, {state}, a.body_id, {action}, 0, a.created_at, '',"
                " '/assignments/' || a.id || '/'",
                "protocols_assignment a",
                "a.due_date",
                "a.id",
            ),
            (
                "a.council_id, %(ct_assignment)s, a.id, 'execution-part', 'Үлес ' || a.id,"
                " 'Часть соисполнителя ' || a.id, 'R-000-11e', %(profile)s, a.due_date, a.due_date - 5, {state},"
                " a.body_id, {action}, 0, a.created_at, '', '/assignments/' || a.id || '/'",
                "protocols_assignment a",
                "a.due_date - 5",
                "a.id",
            ),
            (
                "m.council_id, %(ct_item)s, i.id, 'materials', 'Материалдар ' || i.id, 'Материалы по вопросу ' || i.id,"
                " 'R-000-10b', %(profile)s, m.date, m.date - 20, {state}, i.responsible_body_id, {action}, 0,"
                " m.created_at, '', '/meetings/' || m.id || '/'",
                "secretariat_agendaitem i JOIN secretariat_meeting m ON m.id = i.meeting_id",
                "m.date - 20",
                "i.id",
            ),
            (
                "m.council_id, %(ct_item)s, i.id, 'rework-1', 'Пысықтау ' || i.id, 'Доработка ' || i.id, 'R-000-10c',"
                " %(profile)s, m.date - 15, m.date - 12, {state}, i.responsible_body_id, {action}, 0, m.created_at, '',"
                " '/meetings/' || m.id || '/'",
                "secretariat_agendaitem i JOIN secretariat_meeting m ON m.id = i.meeting_id",
                "m.date - 12",
                "i.id",
            ),
        ]
        for kind, rule, offset in (
            ("agenda-dispatch", "R-000-10e", -3),
            ("protocol", "R-000-11a", 7),
            ("protocol-dispatch", "R-000-11c", 9),
        ):
            sources.append(
                (
                    f"m.council_id, %(ct_meeting)s, m.id, '{kind}', '{kind} ' || m.id, '{kind} ' || m.id, '{rule}',"
                    f" %(profile)s, m.date, m.date + ({offset}), {{state}}, NULL, {{action}}, 0, m.created_at, '',"
                    " '/meetings/' || m.id || '/'",
                    "secretariat_meeting m",
                    f"m.date + ({offset})",
                    "m.id",
                )
            )
        for select, source, due, key in sources:
            action = f"CASE WHEN {due} >= %(today)s THEN ({due} - 3) + time '09:00' END"
            sql = f"INSERT INTO council_deadline ({columns}) SELECT {select} FROM {source}"
            cur.execute(sql.format(state=state.format(due=due, key=key), action=action), p)
        cur.execute("SELECT count(*) FROM council_deadline")
        have = cur.fetchone()[0]
        filler = max(int(DEADLINES * scale) - have, 0)
        if filler:  # older reminders of the plans' proposals, closed long ago
            cur.execute(
                f"""INSERT INTO council_deadline ({columns})
                SELECT (%(councils)s::int[])[1 + g %% %(nc)s], %(ct_meeting)s, 1 + g %% %(meetings)s,
                    'proposals-' || g, 'Ұсыныстар', 'Предложения в план', 'R-000-9a.proposals', %(profile)s, d, d,
                    'met', NULL, NULL, 0, d, '', ''
                FROM (SELECT g, %(start)s::date + (g %% %(days)s)::int AS d
                      FROM generate_series(1, %(filler)s) AS g) AS f""",
                {**p, "filler": filler},
            )
        # The compliance dashboard's summary and its roll-up, as the deadline services would have kept them.
        cur.execute(*rebuild_sql())
        cur.execute(rollup_sql())
    with connection.cursor() as cur:
        for table in BIG_TABLES:
            # The summary tables vacuumed too, as autovacuum would have: the dashboard reads them from their
            # covering indexes, which answer alone only for pages marked all-visible.
            cur.execute(f"{'VACUUM ' if table in SUMMARY_TABLES else ''}ANALYZE {table}")
        counts = {}
        for table in BIG_TABLES[1:]:
            cur.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cur.fetchone()[0]
    counts["council_user"] = User.objects.count()
    return counts
