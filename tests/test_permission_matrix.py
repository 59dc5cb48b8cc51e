"""Every URL of the product x every role x own council / another council: allowed, 403 or 404.

Add a row here with every new page. Anonymous visitors are sent to the login page (302)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.oparl_matrix import API_MATRIX, API_POST_MATRIX, api_actions, api_urls
from tests.world import ROLES

pytestmark = pytest.mark.django_db


# page -> expected status per role, in the order of ROLES
MATRIX = {
    "home": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "my_deadlines": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "calendar": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "calendar_year": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "calendar_month": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "republic_calendar": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "oblast_calendar": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    # The iCal feed needs no sign-in: a wrong secret address is 404 for everyone.
    "calendar_ics": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    # Files: a proposal's note for its author, its body and those who decide; a report for the council.
    "proposal_file": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "report_file": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "inbox": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "notification_settings": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],  # one's own choice
    "republic_page": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "oblast_page": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "republic_deadlines": [302, 200, 200, 403, 403, 200, 403, 404, 404, 404],
    "oblast_deadlines": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "oblast_approvals": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "oblast_approval_new": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "oblast_approval": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "oblast_approval_document": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    # R-003-33: the regional quarterly report, read by whoever opens the territorial council.
    "oblast_regional_reports": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "oblast_regional_report_document": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
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
    "plan_item_control": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],  # R-001-2, R-003-18
    "republic_meetings": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "oblast_meetings": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "republic_meeting_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "meeting": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    # Members read the documents once the agenda is sent (R-000-10e); this meeting's is not sent yet.
    "item_materials": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "material": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "meeting_pack": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "meeting_book": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "meeting_agenda": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
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
    # R-003-49: done by the secretary, read by the council like the control list (R-000-11d)
    "control_review": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    # R-000-10d: members' requests, seen by both sides (the Ministries of Internal Affairs and of Justice)
    # and the secretary.
    "republic_member_requests": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "republic_oral_instructions": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],  # R-003-44
    "member_request": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "member_request_file": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "search": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "admin_republic": [302, 200, 200, 302, 302, 302, 302, 302, 302, 302],
    "admin_oblast": [302, 200, 200, 302, 302, 302, 302, 200, 302, 302],
    # Analytical work (seed 004): analysts of a listed category (here acting_mju), the secretary, the chair;
    # sensitive material only for a listed category (R-004-11); the access log for its auditors.
    "unplanned_list": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "unplanned_new": [302, 200, 200, 403, 403, 403, 200, 404, 404, 404],
    "unplanned": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "unplanned_document": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "sensitive": [302, 403, 403, 403, 403, 403, 200, 404, 404, 404],
    # Orders of disclosure are the administrators' (R-004-11).
    "disclosure_order_new": [302, 200, 403, 403, 403, 403, 403, 404, 404, 404],
    "access_log": [302, 200, 403, 403, 403, 403, 403, 404, 404, 404],
    # A police body's reports to the public: its own people only (none of ROLES but the administrator);
    # the public pages need no login (R-002-8.2).
    "police_reports": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "police_report": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "report_source": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "publication_copy": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "question_follow_up": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "public_report": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "public_reports": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
}


MATRIX.update(API_MATRIX)  # the read API and the account's token pages


@pytest.fixture
def world(demo, user_named):
    from tests.world import build

    return build(demo, user_named)


@pytest.fixture
def urls(demo, world, user_named):
    w = world
    approval, plan, meeting, item, material = w["approval"], w["plan"], w["meeting"], w["item"], w["material"]
    protocol, pitem, decision, assignment = w["protocol"], w["protocol_item"], w["decision"], w["assignment"]
    report = w["chair_report"]
    return {
        "assignments": reverse("protocols:assignment_list", args=["republic"]),
        "assignment": reverse("protocols:assignment_detail", args=[assignment.pk]),
        "assignment_report": reverse("protocols:assignment_report", args=[assignment.pk]),
        "chair_report": reverse("protocols:chair_report", args=["republic"]),
        "chair_report_pdf": reverse("protocols:chair_report_pdf", args=[report.pk, "ru"]),
        "compliance": reverse("protocols:compliance"),
        "control_review": reverse("protocols:control_review", args=[w["control_review"].pk]),
        "republic_member_requests": reverse("secretariat:member_requests", args=["republic"]),
        "republic_oral_instructions": reverse("protocols:oral_instructions", args=["republic"]),
        "member_request": reverse("secretariat:member_request", args=[w["member_request"].pk]),
        "member_request_file": reverse("secretariat:member_request_file", args=[w["member_request"].files.get().pk]),
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
        "meeting_book": reverse("secretariat:meeting_book", args=[meeting.pk, "ru"]),
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
        "plan_item_control": reverse("plans:item_control", args=[plan.pk, 1]),
        "home": reverse("home"),
        "my_deadlines": reverse("my_deadlines"),
        "calendar": reverse("calendar"),
        "calendar_year": reverse("calendar_year", args=[2027]),
        "calendar_month": reverse("secretariat:calendar_month") + "?month=2026-12",
        "republic_calendar": reverse("secretariat:council_calendar", args=["republic"]),
        "oblast_calendar": reverse("secretariat:council_calendar", args=["almaty-oblast"]),
        "calendar_ics": reverse("secretariat:calendar_ics", args=["not-a-real-address"]),
        "proposal_file": reverse("plans:proposal_file", args=[w["proposal"].pk]),
        "report_file": reverse("protocols:report_file", args=[w["report"].pk]),
        "inbox": reverse("inbox"),
        "notification_settings": reverse("notification_settings"),
        "republic_page": reverse("council_detail", args=["republic"]),
        "oblast_page": reverse("council_detail", args=["almaty-oblast"]),
        "republic_deadlines": reverse("council_deadlines", args=["republic"]),
        "oblast_deadlines": reverse("council_deadlines", args=["almaty-oblast"]),
        "oblast_approvals": reverse("territorial:approval_list", args=["almaty-oblast"]),
        "oblast_approval_new": reverse("territorial:approval_new", args=["almaty-oblast"]),
        "oblast_approval": reverse("territorial:approval_detail", args=[approval.pk]),
        "oblast_approval_document": reverse("territorial:approval_document", args=[approval.pk]),
        "oblast_regional_reports": reverse("territorial:regional_reports", args=["almaty-oblast"]),
        "oblast_regional_report_document": reverse(
            "territorial:regional_report_document", args=[w["regional_report"].pk]
        ),
        "approvals_awaiting": reverse("territorial:approvals_awaiting"),
        "unplanned_list": reverse("analytics:unplanned_list", args=["republic"]),
        "unplanned_new": reverse("analytics:unplanned_new", args=["republic"]),
        "unplanned": reverse("analytics:unplanned_detail", args=[w["unplanned"].pk]),
        "unplanned_document": reverse("analytics:unplanned_document", args=[w["unplanned_document"].pk]),
        "sensitive": reverse("access:material_open", args=[w["sensitive"].pk]),
        "disclosure_order_new": reverse("access:disclosure_order_new", args=[w["sensitive"].pk]),
        "access_log": reverse("access:access_log", args=["republic"]),
        "admin_republic": reverse("admin:council_council_change", args=[demo["republic"].pk]),
        "admin_oblast": reverse("admin:council_council_change", args=[demo["oblast"].pk]),
        **api_urls(demo, w, user_named),
        "police_reports": reverse("secretariat:police_reports", args=[w["police_council"].code]),
        "police_report": reverse("secretariat:police_report", args=[w["police_report"].pk]),
        "report_source": reverse("secretariat:report_source", args=[w["report_source"].pk]),
        "publication_copy": reverse("secretariat:publication_copy", args=[w["publication"].pk]),
        "question_follow_up": reverse("protocols:question_follow_up", args=[w["question"].pk]),
        "public_report": reverse("secretariat:public_report", args=[w["police_report"].pk]),
        "public_reports": reverse("secretariat:public_reports", args=[w["police_council"].code]),
    }


@pytest.fixture
def actions(demo, world, user_named):
    """Every POST-only action, on the republic council's objects (the oblast's approval for the
    territorial ones)."""
    w = world
    meeting, item, protocol, assignment = w["meeting"], w["item"], w["protocol"], w["assignment"]
    approval, plan = w["approval"], w["plan"]
    return {
        "approval_submit": reverse("territorial:approval_submit", args=[approval.pk]),
        "approval_decide": reverse("territorial:approval_decide", args=[approval.pk]),
        "proposal_decide": reverse("plans:proposal_decide", args=[w["proposal"].pk]),
        "plan_submit": reverse("plans:plan_submit", args=[plan.pk]),
        "plan_decide": reverse("plans:plan_decide", args=[plan.pk]),
        "plan_add_proposals": reverse("plans:plan_add_proposals", args=[plan.pk]),
        "meeting_request_agreement": reverse("secretariat:meeting_request_agreement", args=[meeting.pk]),
        "meeting_answer": reverse("secretariat:meeting_answer", args=[meeting.pk]),
        "invitee_add": reverse("secretariat:invitee_add", args=[item.pk]),
        "invitee_confirm": reverse("secretariat:invitee_confirm", args=[w["invitee"].pk]),
        "item_report": reverse("secretariat:item_report", args=[item.pk]),
        "item_decide": reverse("secretariat:item_decide", args=[item.pk]),
        "item_refuse": reverse("secretariat:item_refuse", args=[item.pk]),
        "item_allow_late": reverse("secretariat:item_allow_late", args=[item.pk]),
        "agenda_approve": reverse("secretariat:agenda_approve", args=[meeting.pk]),
        "agenda_dispatch": reverse("secretariat:agenda_dispatch", args=[meeting.pk]),
        "extraordinary_decide": reverse("secretariat:extraordinary_decide", args=[w["extraordinary"].pk]),
        "meeting_hold": reverse("secretariat:meeting_hold", args=[meeting.pk]),
        "protocol_send": reverse("protocols:protocol_send", args=[protocol.pk]),
        "protocol_answer": reverse("protocols:protocol_answer", args=[protocol.pk]),
        "protocol_rework": reverse("protocols:protocol_rework", args=[protocol.pk]),
        "protocol_present": reverse("protocols:protocol_present", args=[protocol.pk]),
        "calendar_feed": reverse("secretariat:calendar_feed"),
        "remark_handle": reverse("protocols:remark_handle", args=[protocol.pk]),
        "protocol_dispatch": reverse("protocols:protocol_dispatch", args=[protocol.pk]),
        "protocol_correct": reverse("protocols:protocol_correct", args=[protocol.pk]),
        "assignment_analyse": reverse("protocols:assignment_analyse", args=[assignment.pk]),
        "assignment_removal": reverse("protocols:assignment_removal", args=[assignment.pk]),
        "extension_request": reverse("protocols:extension_request", args=[assignment.pk]),
        "extension_decide": reverse("protocols:extension_decide", args=[w["extension"].pk]),
        **api_actions(user_named),
        "unplanned_accept": reverse("analytics:unplanned_accept", args=[w["unplanned"].pk]),
        "unplanned_refuse": reverse("analytics:unplanned_refuse", args=[w["unplanned"].pk]),
        "unplanned_answer": reverse("analytics:unplanned_answer", args=[w["unplanned"].pk]),
        "unplanned_result": reverse("analytics:unplanned_result", args=[w["unplanned"].pk]),
        "unplanned_close": reverse("analytics:unplanned_close", args=[w["unplanned"].pk]),
        "unplanned_confirm": reverse("analytics:unplanned_confirm", args=[w["unplanned"].pk]),
        "disclosure_order_withdraw": reverse("access:disclosure_order_withdraw", args=[w["disclosure_order"].pk]),
        "schedule_approve": reverse("secretariat:schedule_approve", args=[w["police_council"].code]),
        "police_report_new": reverse("secretariat:police_report_new", args=[w["police_council"].code]),
        "report_topics": reverse("secretariat:report_topics", args=[w["police_report"].pk]),
        "report_register": reverse("secretariat:report_register", args=[w["police_report"].pk]),
        "publication_add": reverse("secretariat:publication_add", args=[w["police_report"].pk]),
        "source_add": reverse("secretariat:source_add", args=[w["police_report"].pk]),
        "question_add": reverse("secretariat:question_add", args=[w["police_report"].pk]),
        "question_answer": reverse("secretariat:question_answer", args=[w["question"].pk]),
        "question_check_new": reverse("protocols:question_check_new", args=[w["question"].pk]),
        "question_forward_new": reverse("protocols:question_forward_new", args=[w["question"].pk]),
        "check_close": reverse("protocols:check_close", args=[w["checked_question"].pk]),
        "forward_notify": reverse("protocols:forward_notify", args=[w["forwarded_question"].pk]),
        "assignment_cancel": reverse("protocols:assignment_cancel", args=[assignment.pk]),
        "meeting_media": reverse("secretariat:meeting_media", args=[meeting.pk]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_expected(client, urls, user_named, role):
    if role != "anonymous":
        client.force_login(user_named(role))
    got = {page: client.get(url).status_code for page, url in urls.items()}
    expected = {page: statuses[ROLES.index(role)] for page, statuses in MATRIX.items()}
    assert got == expected


@pytest.mark.parametrize("role", ROLES)
def test_every_post_answers_each_role_as_expected(client, urls, actions, user_named, role):
    """Every action and every page's form, POSTed empty: 403 for a role the registry refuses, 404 for
    another council's object (its existence does not leak), and for an allowed role the action runs as far
    as its input lets it (a redirect with the reason, or the form again) — never a 5xx."""
    if role != "anonymous":
        client.force_login(user_named(role))
    targets = {**actions, **{f"page:{name}": url for name, url in urls.items()}}
    got = {name: client.post(url, {}).status_code for name, url in targets.items()}
    expected = {name: statuses[ROLES.index(role)] for name, statuses in POST_MATRIX.items()}
    assert got == expected


# Infrastructure: no council object behind it.
INFRASTRUCTURE = {
    "inbox_read", "inbox_read_all", "set_language", "healthz", "login", "logout", "password_change",
    "password_change_done", "readyz", "favicon",
}  # fmt: skip


def test_the_matrices_cover_every_named_url(urls, actions):
    """A new page or action fails here until it has its row in MATRIX and POST_MATRIX."""
    from django.urls import get_resolver, resolve

    resolver = get_resolver()
    names = {name for name in resolver.reverse_dict if isinstance(name, str)}
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        if namespace != "admin":  # the admin is covered by tests/council/test_admin_scope.py
            names |= {f"{namespace}:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    covered = {resolve(url.split("?")[0]).view_name for url in [*urls.values(), *actions.values()]}
    covered = {n for n in covered if not n.startswith("admin:")}
    assert names - covered - INFRASTRUCTURE == set()
    assert set(MATRIX) == set(urls)
    assert set(POST_MATRIX) == set(actions) | {f"page:{name}" for name in urls}


def test_every_registry_action_is_used_by_the_code():
    """Each action of the permission registry is checked somewhere outside the registry itself."""
    import pathlib

    from council.rules import actions

    root = pathlib.Path(__file__).resolve().parent.parent
    code = "".join(
        p.read_text()
        for app in ("council", "plans", "secretariat", "protocols", "territorial", "templates")
        for p in (root / app).rglob("*")
        if p.suffix in (".py", ".html") and p.name != "rules.py"
    )
    assert [a for a in actions() if f'"{a}"' not in code] == []


# Action or page -> expected status of an empty POST per role, in the order of ROLES.
POST_MATRIX = {
    "approval_submit": [302, 302, 403, 403, 404, 403, 404, 302, 403, 404],
    "approval_decide": [302, 403, 403, 400, 404, 403, 404, 403, 403, 404],
    "proposal_decide": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "plan_submit": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "plan_decide": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "plan_add_proposals": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "meeting_request_agreement": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "meeting_answer": [302, 403, 403, 302, 302, 403, 403, 404, 404, 404],
    "invitee_add": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "invitee_confirm": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "item_report": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "item_decide": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "item_refuse": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],  # R-001-1.2: the secretary
    "item_allow_late": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "agenda_approve": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "agenda_dispatch": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "extraordinary_decide": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "meeting_hold": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "protocol_send": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "protocol_answer": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "protocol_rework": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "protocol_present": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "remark_handle": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "calendar_feed": [302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
    "protocol_dispatch": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "protocol_correct": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "assignment_analyse": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "assignment_removal": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "extension_request": [302, 403, 403, 403, 403, 302, 403, 404, 404, 404],
    "extension_decide": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "assignment_cancel": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],  # R-003-49
    "meeting_media": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],  # R-003-24: the chair decides
    "page:assignments": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:assignment": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:assignment_report": [302, 403, 403, 403, 403, 200, 403, 404, 404, 404],
    "page:chair_report": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:chair_report_pdf": [302, 200, 200, 200, 403, 403, 403, 404, 404, 404],
    "page:compliance": [302, 200, 200, 200, 403, 403, 403, 200, 403, 403],
    "page:control_review": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "page:republic_member_requests": [302, 403, 403, 200, 200, 200, 200, 404, 404, 404],
    "page:republic_oral_instructions": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:member_request": [302, 403, 403, 403, 403, 403, 200, 404, 404, 404],
    "page:member_request_file": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:search": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:meeting_day": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:republic_protocols": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:protocol": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "page:protocol_pdf": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "page:protocol_item": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:protocol_public": [302, 404, 404, 404, 403, 404, 403, 404, 404, 404],
    "page:decision_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:decision_edit": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:decision_votes": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "page:protocol_sign": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    "page:republic_meetings": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:oblast_meetings": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:republic_meeting_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:meeting": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:item_materials": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:material": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "page:meeting_pack": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "page:meeting_book": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "page:meeting_agenda": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    "page:my_meetings": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:extraordinary_new": [302, 403, 403, 200, 200, 403, 200, 404, 404, 404],
    "page:republic_plans": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:oblast_plans": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "page:republic_proposals": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:republic_proposal_new": [302, 403, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:plan": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:plan_pdf": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:plan_item_new": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:plan_item_edit": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:plan_item_remove": [302, 302, 302, 403, 403, 403, 403, 404, 404, 404],
    "page:plan_item_control": [302, 200, 200, 403, 403, 403, 403, 404, 404, 404],
    "page:home": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:my_deadlines": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:calendar": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:calendar_year": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:calendar_month": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:republic_calendar": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:oblast_calendar": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:calendar_ics": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:proposal_file": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "page:report_file": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:inbox": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:notification_settings": [302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
    "page:republic_page": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    "page:oblast_page": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:republic_deadlines": [302, 200, 200, 403, 403, 200, 403, 404, 404, 404],
    "page:oblast_deadlines": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "page:oblast_approvals": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:oblast_approval_new": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "page:oblast_approval": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:oblast_approval_document": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:oblast_regional_reports": [302, 200, 403, 403, 404, 403, 404, 200, 403, 404],
    "page:oblast_regional_report_document": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
    "page:approvals_awaiting": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:admin_republic": [302, 200, 200, 302, 302, 302, 302, 302, 302, 302],
    "page:admin_oblast": [302, 200, 403, 302, 302, 302, 302, 200, 302, 302],
    "unplanned_accept": [302, 302, 302, 403, 403, 403, 302, 404, 404, 404],
    "unplanned_refuse": [302, 302, 302, 403, 403, 403, 302, 404, 404, 404],
    "unplanned_answer": [302, 302, 302, 403, 403, 403, 302, 404, 404, 404],
    "unplanned_result": [302, 302, 302, 403, 403, 403, 302, 404, 404, 404],
    "unplanned_close": [302, 403, 403, 302, 403, 403, 403, 404, 404, 404],
    # The secretary recorded it: confirming their own record is refused with the reason (a redirect).
    "unplanned_confirm": [302, 302, 302, 302, 403, 403, 403, 404, 404, 404],
    "page:unplanned_list": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "page:unplanned_new": [302, 200, 200, 403, 403, 403, 200, 404, 404, 404],
    "page:unplanned": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "page:unplanned_document": [302, 200, 200, 200, 403, 403, 200, 404, 404, 404],
    "page:sensitive": [302, 403, 403, 403, 403, 403, 200, 404, 404, 404],
    "page:disclosure_order_new": [302, 200, 403, 403, 403, 403, 403, 404, 404, 404],
    "disclosure_order_withdraw": [302, 302, 403, 403, 403, 403, 403, 404, 404, 404],
    "page:access_log": [302, 200, 403, 403, 403, 403, 403, 404, 404, 404],
    # A police body's reports to the public (seed 002): only its own people; the public pages need no login.
    "schedule_approve": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "police_report_new": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "report_topics": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "report_register": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "publication_add": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "source_add": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "question_add": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "question_answer": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "question_check_new": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "question_forward_new": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "check_close": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "forward_notify": [302, 302, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:police_reports": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:police_report": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:report_source": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:publication_copy": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:question_follow_up": [302, 200, 404, 404, 404, 404, 404, 404, 404, 404],
    "page:public_report": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "page:public_reports": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith(("/static/", "/admin/", "/media/")):
            self.hrefs.add(href.split("#")[0])


@pytest.mark.parametrize("role", ROLES[1:])
def test_no_page_links_to_a_page_that_refuses_the_user(client, urls, user_named, role):
    """Menus, buttons and lists never offer a link that answers 403 or 404 to the person reading them."""
    client.force_login(user_named(role))
    parser = _Links()
    for url in urls.values():
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            parser.feed(response.content.decode())
    refused = {}
    for href in sorted(parser.hrefs - {""}):
        status = client.get(href).status_code
        if status in (403, 404):
            refused[href] = status
    assert refused == {}


POST_MATRIX.update(API_POST_MATRIX)
