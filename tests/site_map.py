"""A small world with one object of every kind a page or a form works on, the list pages with their query
parameters and the forms with their fields: what the bad-input tests and the fuzz test send requests to.

The shape follows the permission matrix's fixture (tests/test_permission_matrix.py): the demo councils, a
draft plan, a scheduled meeting with a question, a material, a draft protocol with a decision under control,
a report to the chair, an oblast council's approval; plus a sent agenda (a meeting day to record), a
proposal, a request for an extraordinary meeting and an extension request."""

from django.db import connection
from django.urls import reverse

from tests import clock


def build(demo, user_named):
    """The permission matrix's world (tests/world.py), plus a meeting whose agenda is sent (its day can be
    recorded) and the ids the forms choose from; returns the objects by name."""
    from council.models import Body, Seat
    from secretariat.models import AgendaItem, Invitee, Meeting
    from tests.world import build as build_world

    w = build_world(demo, user_named)
    now = clock.now()
    republic = demo["republic"]
    day_meeting = Meeting.objects.create(
        council=republic,
        date=clock.today(),
        created_by=user_named("secretary"),
        created_at=now,
        status=Meeting.Status.DISPATCHED,
    )
    day_item = AgendaItem.objects.create(
        meeting=day_meeting,
        number=1,
        question_kk="Күн мәселесі",
        question_ru="Вопрос дня",
        responsible_body=Body.objects.get(code="mvd"),
        status=AgendaItem.Status.ACCEPTED,
    )
    return {
        **w,
        "now": now,
        "republic": republic,
        "oblast": demo["oblast"],
        "pitem": w["protocol_item"],
        "day_meeting": day_meeting,
        "day_invitee": Invitee.objects.create(item=day_item, full_name_ru="Приглашённый"),
        "seats": list(Seat.objects.filter(council=republic).values_list("pk", flat=True)),
        "bodies": list(Body.objects.values_list("pk", flat=True)),
    }


# A field's kind says which valid values to mix with the generated junk.
TEXT, DATE, ID, INT, CHOICE = "text", "date", "id", "int", "choice"


def list_pages(w):
    """List pages and their query parameters: url -> {parameter: (kind, valid values)}."""
    return {
        reverse("council_detail", args=["republic"]): {"on": (DATE, [])},
        reverse("my_deadlines"): {
            "state": (CHOICE, ["active", "open", "overdue", "all"]),
            "sort": (CHOICE, ["due", "council"]),
            "council": (TEXT, ["republic"]),
            "page": (INT, ["1", "2"]),
        },
        reverse("council_deadlines", args=["republic"]): {
            "state": (CHOICE, ["active", "all"]),
            "sort": (CHOICE, ["due"]),
            "council": (TEXT, ["republic"]),
            "page": (INT, ["1"]),
        },
        reverse("inbox"): {"unread": (CHOICE, ["1"]), "page": (INT, ["1"])},
        reverse("oparl-body-papers", args=[w["republic"].pk]): {
            "modified_since": (DATE, ["2026-01-01T00:00:00+05:00"]),
            "created_until": (DATE, ["2030-01-01"]),
            "page": (INT, ["1", "2"]),
            "limit": (INT, ["1", "50"]),
        },
        reverse("oparl-body-meetings", args=[w["republic"].pk]): {
            "modified_since": (DATE, ["2026-01-01"]),
            "page": (INT, ["1"]),
            "limit": (INT, ["1", "200"]),
        },
        reverse("plans:proposal_list", args=["republic"]): {"status": (CHOICE, ["submitted", "accepted"])},
        reverse("secretariat:meeting_new", args=["republic"]): {"date": (DATE, ["2027-01-22"])},
        reverse("protocols:protocol_list", args=["republic"]): {
            "status": (CHOICE, ["draft", "signed"]),
            "year": (INT, ["2026", "2027"]),
            "q": (TEXT, ["Вопрос", "Мәселе"]),
            "kept": (CHOICE, ["past"]),
            "page": (INT, ["1"]),
        },
        reverse("protocols:assignment_list", args=["republic"]): {
            "body": (ID, [str(b) for b in w["bodies"]]),
            "status": (CHOICE, ["open", "overdue", "in_work"]),
            "page": (INT, ["1"]),
        },
        reverse("protocols:chair_report", args=["republic"]): {
            "start": (DATE, ["2026-01-01"]),
            "end": (DATE, ["2026-12-31"]),
        },
        reverse("protocols:compliance"): {
            "council": (TEXT, ["republic", "almaty-oblast"]),
            "year": (INT, ["2026"]),
            "quarter": (INT, ["0", "1", "4"]),
            "format": (CHOICE, ["csv", "xlsx"]),
        },
        reverse("protocols:search"): {
            "council": (TEXT, ["republic"]),
            "q": (TEXT, ["Решение", "Вопрос"]),
            "year": (INT, ["2027"]),
            "body": (ID, [str(b) for b in w["bodies"]]),
            "kind": (CHOICE, ["plan_item", "decision"]),
            "status": (CHOICE, ["decision:draft", "plan_item:approved"]),
        },
    }


def forms(w):
    """Every form and button that POSTs: url -> {field: (kind, valid values)}."""
    bodies = [str(b) for b in w["bodies"]]
    seats = {f"seat-{s}": (CHOICE, ["present", "absent", "acting"]) for s in w["seats"]}
    plan, item, meeting, protocol = w["plan"], w["item"], w["meeting"], w["protocol"]
    return {
        reverse("set_language"): {"language": (CHOICE, ["kk", "ru", "en"]), "next": (TEXT, ["/", "/inbox/"])},
        reverse("inbox_read_all"): {},
        reverse("plans:plan_list", args=["republic"]): {
            "period": (CHOICE, ["half_year", "year"]),
            "start": (DATE, ["2027-07-01"]),
        },
        reverse("plans:proposal_new", args=["republic"]): {
            "question_kk": (TEXT, ["Сұрақ"]),
            "question_ru": (TEXT, ["Вопрос"]),
            "justification_kk": (TEXT, []),
            "justification_ru": (TEXT, ["Обоснование"]),
            "responsible_body": (ID, bodies),
            "co_executors": (ID, bodies),
            "desired_quarter": (INT, ["1", "4"]),
        },
        reverse("plans:proposal_decide", args=[w["proposal"].pk]): {
            "decision": (CHOICE, ["accept", "reject"]),
            "note": (TEXT, []),
        },
        reverse("plans:item_new", args=[plan.pk]): _plan_item_fields(bodies),
        reverse("plans:item_edit", args=[plan.pk, 1]): _plan_item_fields(bodies),
        reverse("plans:item_remove", args=[plan.pk, 1]): {"reason": (CHOICE, ["situation"]), "explanation": (TEXT, [])},
        reverse("plans:plan_decide", args=[plan.pk]): {
            "decision": (CHOICE, ["approve", "return"]),
            "remarks": (TEXT, []),
        },
        reverse("plans:plan_add_proposals", args=[plan.pk]): {"proposal": (ID, [str(w["proposal"].pk)])},
        reverse("plans:item_control", args=[plan.pk, 1]): {  # R-001-2, R-003-18
            "step": (CHOICE, ["results", "resolution", "removal", "acted"]),
            "resolution_date": (DATE, ["2027-01-15"]),
            "note": (TEXT, ["Итоги"]),
        },
        reverse("secretariat:member_requests", args=["republic"]): {  # R-000-10d
            "from_body": (ID, bodies),
            "to_body": (ID, bodies),
            "what": (TEXT, ["Сведения"]),
            "due_date": (DATE, ["2027-02-10"]),
        },
        reverse("secretariat:member_request", args=[w["member_request"].pk]): {"answer": (TEXT, ["Ответ"])},
        reverse("secretariat:meeting_media", args=[meeting.pk]): {  # R-003-24
            "recording": (CHOICE, ["on"]),
            "videoconference": (CHOICE, ["on"]),
        },
        reverse("protocols:assignment_cancel", args=[w["assignment"].pk]): {"reason": (TEXT, ["Утратило"])},
        reverse("protocols:control_review", args=[w["control_review"].pk]): {},
        reverse("protocols:oral_instructions", args=["republic"]): {  # R-003-44
            "given_by": (TEXT, ["Генеральный Прокурор"]),
            "given_at": (TEXT, ["2026-01-01T10:00"]),
            "body": (ID, bodies),
            "text": (TEXT, ["Срочно"]),
        },
        reverse("secretariat:meeting_new", args=["republic"]): {
            "date": (DATE, ["2027-02-12"]),
            "time": (TEXT, ["10:00"]),
            "place_kk": (TEXT, ["Астана"]),
            "place_ru": (TEXT, ["Астана"]),
            "online": (CHOICE, ["on"]),
            "plan_item": (ID, [str(i) for i in plan.items.values_list("pk", flat=True)]),
        },
        reverse("secretariat:meeting_request_agreement", args=[meeting.pk]): {"agree_by": (DATE, ["2027-01-15"])},
        reverse("secretariat:meeting_answer", args=[meeting.pk]): {
            "agrees": (CHOICE, ["yes", "no"]),
            "comment": (TEXT, []),
        },
        reverse("secretariat:invitee_add", args=[item.pk]): {
            "full_name_ru": (TEXT, ["Иванов И. И."]),
            "full_name_kk": (TEXT, ["Иванов И. И."]),
            "position_ru": (TEXT, ["судья"]),
            "position_kk": (TEXT, ["судья"]),
        },
        reverse("secretariat:invitee_confirm", args=[w["invitee"].pk]): {},
        reverse("secretariat:item_materials", args=[item.pk]): {"kind": (CHOICE, ["other", "reference_note"])},
        reverse("secretariat:item_report", args=[item.pk]): {"note": (TEXT, [])},
        reverse("secretariat:item_decide", args=[item.pk]): {
            "decision": (CHOICE, ["accept", "return"]),
            "remarks": (TEXT, []),
        },
        reverse("secretariat:item_allow_late", args=[item.pk]): {"reason": (TEXT, [])},
        reverse("secretariat:extraordinary_new", args=["republic"]): {
            "question_kk": (TEXT, []),
            "question_ru": (TEXT, []),
            "justification": (TEXT, []),
            "desired_date": (DATE, ["2027-02-10"]),
        },
        reverse("secretariat:extraordinary_decide", args=[w["extraordinary"].pk]): {
            "decision": (CHOICE, ["convene", "decline"]),
            "reason": (TEXT, []),
        },
        reverse("secretariat:meeting_day", args=[w["day_meeting"].pk]): {
            **seats,
            "seat-abc": (CHOICE, ["present"]),
            "presiding": (ID, [str(s) for s in w["seats"]]),
            "invitee": (ID, [str(w["day_invitee"].pk)]),
        },
        reverse("protocols:item_edit", args=[w["pitem"].pk]): {
            "heard_kk": (TEXT, []),
            "heard_ru": (TEXT, []),
            "version": (INT, ["1"]),
        },
        reverse("protocols:decision_new", args=[w["pitem"].pk]): _decision_fields(bodies),
        reverse("protocols:decision_edit", args=[w["pitem"].pk, w["decision"].pk]): _decision_fields(bodies),
        reverse("protocols:decision_votes", args=[w["decision"].pk]): {
            f"seat-{s}": (CHOICE, ["for", "against", "abstained"]) for s in w["seats"]
        },
        reverse("protocols:protocol_send", args=[protocol.pk]): {"agree_by": (DATE, ["2027-01-29"])},
        reverse("protocols:protocol_answer", args=[protocol.pk]): {
            "agrees": (CHOICE, ["yes", "no"]),
            "remarks": (TEXT, []),
        },
        reverse("protocols:protocol_sign", args=[protocol.pk]): {"password": (TEXT, ["demo-pass-123"])},
        reverse("protocols:protocol_dispatch", args=[protocol.pk]): {"bodies": (ID, bodies)},
        reverse("protocols:assignment_report", args=[w["assignment"].pk]): {"text": (TEXT, ["Сделано"])},
        reverse("protocols:assignment_analyse", args=[w["assignment"].pk]): {
            "decision": (CHOICE, ["accept", "return"]),
            "remarks": (TEXT, []),
            "certificate": (TEXT, []),
        },
        reverse("protocols:assignment_removal", args=[w["assignment"].pk]): {
            "decision": (CHOICE, ["remove", "keep"]),
            "comment": (TEXT, []),
        },
        reverse("protocols:extension_request", args=[w["assignment"].pk]): {
            "new_due_date": (DATE, ["2027-04-01"]),
            "reason": (TEXT, []),
        },
        reverse("protocols:extension_decide", args=[w["extension"].pk]): {
            "decision": (CHOICE, ["approve", "decline"]),
            "comment": (TEXT, []),
        },
        reverse("protocols:chair_report", args=["republic"]): {
            "start": (DATE, ["2026-01-01"]),
            "end": (DATE, ["2026-12-31"]),
            "conclusions_kk": (TEXT, []),
            "conclusions_ru": (TEXT, []),
        },
        reverse("territorial:approval_new", args=["almaty-oblast"]): {
            "kind": (CHOICE, ["composition", "regulation"]),
            "note": (TEXT, []),
            "profile": (ID, []),
        },
        reverse("territorial:approval_decide", args=[w["approval"].pk]): {
            "decision": (CHOICE, ["approve", "return"]),
            "remarks": (TEXT, []),
        },
    }


def _plan_item_fields(bodies):
    return {
        "question_kk": (TEXT, ["Мәселе"]),
        "question_ru": (TEXT, ["Вопрос"]),
        "responsible_body": (ID, bodies),
        "co_executors": (ID, bodies),
        "planned_quarter": (INT, ["1", "2"]),
        "planned_meeting": (DATE, ["2027-03-12"]),
        "deadline": (DATE, ["2027-03-01"]),
        "form_kk": (TEXT, []),
        "form_ru": (TEXT, []),
        "stage": (CHOICE, []),
        "version": (INT, ["1"]),
        "item": (ID, []),
    }


def _decision_fields(bodies):
    return {
        "text_kk": (TEXT, ["Шешім"]),
        "text_ru": (TEXT, ["Решение"]),
        "responsible": (ID, bodies),
        "co_executors": (ID, bodies),
        "due_date": (DATE, ["2027-03-01"]),
        "version": (INT, ["1"]),
    }


# The tables a refused request must leave as they were.
WATCHED = [
    "council.Council",
    "council.Appointment",
    "council.Deadline",
    "plans.Plan",
    "plans.PlanItem",
    "plans.Proposal",
    "secretariat.Meeting",
    "secretariat.AgendaItem",
    "secretariat.Invitee",
    "secretariat.Material",
    "secretariat.Attendance",
    "secretariat.ExtraordinaryRequest",
    "protocols.Protocol",
    "protocols.ProtocolItem",
    "protocols.Decision",
    "protocols.Vote",
    "protocols.Assignment",
    "protocols.ExecutionReport",
    "protocols.Extension",
    "protocols.ChairReport",
    "territorial.Approval",
]


def snapshot():
    """One digest per watched table (its rows in id order), read in a single query."""
    from django.apps import apps

    tables = [apps.get_model(label)._meta.db_table for label in WATCHED]
    sql = " UNION ALL ".join(
        f"SELECT '{t}', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM {t} x" for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}
