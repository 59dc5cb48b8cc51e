"""Every URL of the product x every role x own council / another council: allowed, 403 or 404.

Add a row here with every new page. Anonymous visitors are sent to the login page (302)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from territorial.models import Approval
from territorial.services import approval_create

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "admin",
    "secretary",
    "chair",
    "member_mvd",
    "sec_mvd",
    "acting_mju",
    "oblast_secretary",
    "oblast_member_dp",
    "judge",  # invited to a question of a coming meeting (R-000-12)
]

# page -> expected status per role, in the order of ROLES
MATRIX = {
    "home": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "my_deadlines": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "calendar": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "inbox": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "republic_page": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "oblast_page": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "republic_deadlines": [302, 200, 200, 403, 403, 200, 403, 404, 404, 404],
    "oblast_deadlines": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "oblast_approvals": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "oblast_approval_new": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "oblast_approval": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "oblast_approval_document": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "approvals_awaiting": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "republic_plans": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "oblast_plans": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "republic_proposals": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "republic_proposal_new": [302, 403, 200, 200, 200, 200, 200, 404, 404, 404],
    "plan": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "plan_pdf": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "plan_item_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "plan_item_edit": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "plan_item_remove": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "republic_meetings": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "oblast_meetings": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "republic_meeting_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "meeting": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    # Members read the documents once the agenda is sent (R-000-10e); this meeting's is not sent yet.
    "item_materials": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "material": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "meeting_pack": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "meeting_agenda": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "my_meetings": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "extraordinary_new": [302, 403, 403, 200, 200, 403, 200, 404, 404, 404],
    # The meeting day and the protocol (R-000-11b: members read the draft once it is sent to them).
    "meeting_day": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "republic_protocols": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "protocol": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "protocol_pdf": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "protocol_item": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "protocol_public": [302, 404, 404, 404, 403, 404, 403, 404, 404, 404],  # only a report to the public
    "decision_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "decision_edit": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "decision_votes": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "protocol_sign": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],  # the chair, once presented
    # Control of execution: a body's employee reports for their body only; the report to the chair is
    # the secretariat's and the chair's; the dashboard is for those who answer for a council.
    "assignments": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "assignment": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "assignment_report": [302, 403, 403, 403, 403, 200, 403, 404, 404, 404],
    "chair_report": [302, 200, 200, 200, 403, 403, 403, 404, 404, 404],
    "chair_report_pdf": [302, 200, 200, 200, 403, 403, 403, 404, 404, 404],
    "compliance": [302, 200, 200, 200, 403, 403, 403, 200, 403, 403],
    "search": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "admin_republic": [302, 200, 200, 302, 302, 302, 302, 302, 302, 302],
    "admin_oblast": [302, 200, 200, 302, 302, 302, 302, 200, 302, 302],
}


@pytest.fixture
def urls(demo, user_named):
    from django.core.files.uploadedfile import SimpleUploadedFile

    approval = approval_create(
        actor=user_named("oblast_secretary"),
        council=demo["oblast"],
        kind=Approval.Kind.REGULATION,
        document=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF\n"),
        now=timezone.now(),
    )
    from plans.services import plan_create, plan_item_save

    plan = plan_create(
        actor=user_named("secretary"), council=demo["republic"], start=datetime.date(2027, 1, 1), now=timezone.now()
    )
    plan_item_save(
        actor=user_named("secretary"),
        plan=plan,
        now=timezone.now(),
        data={"question_kk": "Мәселе", "question_ru": "Вопрос"},
    )
    from django.core.files.base import ContentFile

    from council.models import Body
    from secretariat.models import AgendaItem, Invitee, Material, Meeting
    from tests.factories import UserFactory

    meeting = Meeting.objects.create(
        council=demo["republic"],
        date=datetime.date(2027, 1, 22),
        created_by=user_named("secretary"),
        created_at=timezone.now(),
    )
    item = AgendaItem.objects.create(meeting=meeting, number=1, question_kk="Мәселе", question_ru="Вопрос")
    Invitee.objects.create(item=item, person=UserFactory(username="judge"), full_name_ru="Судья")
    material = Material.objects.create(
        item=item,
        body=Body.objects.get(code="mvd"),
        kind="other",
        version=1,
        original_name="a.pdf",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="a.pdf"),
        sha256="0" * 64,
        size=14,
        submitted_by=user_named("sec_mvd"),
        submitted_at=timezone.now(),
    )
    from protocols.models import Decision, Protocol, ProtocolItem

    protocol = Protocol.objects.create(
        meeting=meeting, council=demo["republic"], created_by=user_named("secretary"), created_at=timezone.now()
    )
    pitem = ProtocolItem.objects.create(protocol=protocol, number=1, question_kk="Мәселе", question_ru="Вопрос")
    decision = Decision.objects.create(item=pitem, number=1, text_kk="Шешім", text_ru="Решение")
    from protocols.models import Assignment, ChairReport

    assignment = Assignment.objects.create(
        decision=decision,
        council=demo["republic"],
        body=Body.objects.get(code="mvd"),
        responsible=True,
        order=1,
        due_date=datetime.date(2027, 3, 1),
        original_due_date=datetime.date(2027, 3, 1),
        created_at=timezone.now(),
    )
    report = ChairReport.objects.create(
        council=demo["republic"],
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        conclusions_kk="Қорытынды",
        conclusions_ru="Выводы",
        created_by=user_named("secretary"),
        created_at=timezone.now(),
    )
    return {
        "assignments": reverse("protocols:assignment_list", args=["republic"]),
        "assignment": reverse("protocols:assignment_detail", args=[assignment.pk]),
        "assignment_report": reverse("protocols:assignment_report", args=[assignment.pk]),
        "chair_report": reverse("protocols:chair_report", args=["republic"]),
        "chair_report_pdf": reverse("protocols:chair_report_pdf", args=[report.pk, "ru"]),
        "compliance": reverse("protocols:compliance"),
        "search": reverse("protocols:search") + "?q=Решение",
        "meeting_day": reverse("secretariat:meeting_day", args=[meeting.pk]),
        "republic_protocols": reverse("protocols:protocol_list", args=["republic"]),
        "protocol": reverse("protocols:protocol_detail", args=[protocol.pk]),
        "protocol_pdf": reverse("protocols:protocol_pdf", args=[protocol.pk, "kk"]),
        "protocol_item": reverse("protocols:item_edit", args=[pitem.pk]),
        "protocol_public": reverse("protocols:public_part", args=[protocol.pk]),
        "decision_new": reverse("protocols:decision_new", args=[pitem.pk]),
        "decision_edit": reverse("protocols:decision_edit", args=[pitem.pk, decision.pk]),
        "decision_votes": reverse("protocols:decision_votes", args=[decision.pk]),
        "protocol_sign": reverse("protocols:protocol_sign", args=[protocol.pk]),
        "republic_meetings": reverse("secretariat:meeting_list", args=["republic"]),
        "oblast_meetings": reverse("secretariat:meeting_list", args=["almaty-oblast"]),
        "republic_meeting_new": reverse("secretariat:meeting_new", args=["republic"]),
        "meeting": reverse("secretariat:meeting_detail", args=[meeting.pk]),
        "item_materials": reverse("secretariat:item_materials", args=[item.pk]),
        "material": reverse("secretariat:material_download", args=[material.pk]),
        "meeting_pack": reverse("secretariat:meeting_pack", args=[meeting.pk]),
        "meeting_agenda": reverse("secretariat:meeting_agenda_pdf", args=[meeting.pk, "kk"]),
        "my_meetings": reverse("secretariat:my_meetings"),
        "extraordinary_new": reverse("secretariat:extraordinary_new", args=["republic"]),
        "republic_plans": reverse("plans:plan_list", args=["republic"]),
        "oblast_plans": reverse("plans:plan_list", args=["almaty-oblast"]),
        "republic_proposals": reverse("plans:proposal_list", args=["republic"]),
        "republic_proposal_new": reverse("plans:proposal_new", args=["republic"]),
        "plan": reverse("plans:plan_detail", args=[plan.pk]),
        "plan_pdf": reverse("plans:plan_pdf", args=[plan.pk, "ru"]),
        "plan_item_new": reverse("plans:item_new", args=[plan.pk]),
        "plan_item_edit": reverse("plans:item_edit", args=[plan.pk, 1]),
        "plan_item_remove": reverse("plans:item_remove", args=[plan.pk, 1]),
        "home": reverse("home"),
        "my_deadlines": reverse("my_deadlines"),
        "calendar": reverse("calendar"),
        "inbox": reverse("inbox"),
        "republic_page": reverse("council_detail", args=["republic"]),
        "oblast_page": reverse("council_detail", args=["almaty-oblast"]),
        "republic_deadlines": reverse("council_deadlines", args=["republic"]),
        "oblast_deadlines": reverse("council_deadlines", args=["almaty-oblast"]),
        "oblast_approvals": reverse("territorial:approval_list", args=["almaty-oblast"]),
        "oblast_approval_new": reverse("territorial:approval_new", args=["almaty-oblast"]),
        "oblast_approval": reverse("territorial:approval_detail", args=[approval.pk]),
        "oblast_approval_document": reverse("territorial:approval_document", args=[approval.pk]),
        "approvals_awaiting": reverse("territorial:approvals_awaiting"),
        "admin_republic": reverse("admin:council_council_change", args=[demo["republic"].pk]),
        "admin_oblast": reverse("admin:council_council_change", args=[demo["oblast"].pk]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_expected(client, urls, user_named, role):
    if role != "anonymous":
        client.force_login(user_named(role))
    got = {page: client.get(url).status_code for page, url in urls.items()}
    expected = {page: statuses[ROLES.index(role)] for page, statuses in MATRIX.items()}
    assert got == expected


def test_the_matrix_covers_every_named_url():
    from django.urls import get_resolver

    resolver = get_resolver()
    names = {name for name in resolver.reverse_dict if isinstance(name, str)}
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        if namespace != "admin":  # the admin is covered by tests/council/test_admin_scope.py
            names |= {f"{namespace}:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    assert names - COVERED - ELSEWHERE == set()
    assert COVERED | ELSEWHERE <= names  # no stale entry either


# Named URLs checked by the matrix above.
COVERED = {
    "home", "my_deadlines", "calendar", "calendar_year", "inbox", "council_detail", "council_deadlines",
    "territorial:approval_list", "territorial:approval_new", "territorial:approval_detail",
    "territorial:approval_document", "territorial:approvals_awaiting",
    "plans:plan_list", "plans:proposal_list", "plans:proposal_new", "plans:plan_detail", "plans:plan_pdf",
    "plans:item_new", "plans:item_edit", "plans:item_remove",
    "secretariat:meeting_list", "secretariat:meeting_new", "secretariat:meeting_detail",
    "secretariat:item_materials", "secretariat:material_download", "secretariat:meeting_pack",
    "secretariat:meeting_agenda_pdf", "secretariat:my_meetings", "secretariat:extraordinary_new",
    "secretariat:meeting_day", "protocols:protocol_list", "protocols:protocol_detail", "protocols:protocol_pdf",
    "protocols:item_edit", "protocols:public_part", "protocols:decision_new", "protocols:decision_edit",
    "protocols:decision_votes",
    "protocols:protocol_sign", "protocols:assignment_list", "protocols:assignment_detail",
    "protocols:assignment_report", "protocols:chair_report", "protocols:chair_report_pdf", "protocols:compliance",
    "protocols:search",
}  # fmt: skip
# POST-only actions are covered by their own tests; infrastructure needs no council role.
ELSEWHERE = {
    "inbox_read", "inbox_read_all", "set_language", "healthz", "login", "logout", "password_change",
    "password_change_done", "territorial:approval_submit", "territorial:approval_decide",
    "plans:proposal_decide", "plans:plan_submit", "plans:plan_decide", "plans:plan_add_proposals",
    "secretariat:meeting_request_agreement", "secretariat:meeting_answer", "secretariat:invitee_add",
    "secretariat:invitee_confirm", "secretariat:item_report", "secretariat:item_decide", "secretariat:item_allow_late",
    "secretariat:agenda_approve", "secretariat:agenda_dispatch", "secretariat:extraordinary_decide",
    "secretariat:meeting_hold", "protocols:protocol_send", "protocols:protocol_answer", "protocols:protocol_rework",
    "protocols:protocol_present", "protocols:protocol_dispatch", "protocols:protocol_correct",
    "protocols:assignment_analyse", "protocols:assignment_removal", "protocols:extension_request",
    "protocols:extension_decide",
}  # fmt: skip
