"""The permission registry: one predicate per action, used by the services, the views, the templates
(``{% has_perm "plans.edit_plan" user council as can %}``), search and admin.

An action is named ``<app>.<verb>``. Each takes an object: a council, or a record of one (anything with a
``council``; a territorial approval is decided on its parent council). Roles come from the registry of
seats, appointments and the secretariat (``council/roles.py``, R-000-6..R-000-9d, R-000-14); no module
outside this one names a set of roles.

Two ways in, one answer:
- ``allowed(user, action, obj, day=…)`` for services and tasks, which are given their day;
- ``user.has_perm(action, obj)`` (the ``rules`` backend) for views and templates, on today's date.

Actions that also depend on the object's state (a protocol is readable by members once it is sent)
read that state through small properties of the models (``Protocol.is_draft``,
``Meeting.documents_released``), so this module imports no app above ``council``.
"""

from datetime import date

import rules
from django.utils import timezone

from .models import AccessAuditor
from .roles import MEMBER_ROLES, STAFF_ROLES, Role, council_roles, roles_by_council, secretariat_bodies
from .selectors import active_on, bodies_of

EDITORS = frozenset({Role.SECRETARY, Role.ADMIN})
CHAIR = frozenset({Role.CHAIR})
# Those who prepare the documents see them before the members: the secretariat, the chair, and the
# republic secretariat over a territorial council (R-000-8, R-000-10e, R-000-11b).
PREPARERS = frozenset({Role.SECRETARY, Role.SECRETARIAT, Role.CHAIR, Role.ADMIN, Role.OVERSIGHT})
PROPOSERS = frozenset({Role.CHAIR, Role.MEMBER, Role.ACTING, Role.SECRETARIAT, Role.SECRETARY})
# The report to the chair and the compliance figures: the secretary, the chair, oversight (R-000-11d).
CONTROLLERS = frozenset({Role.SECRETARY, Role.ADMIN, Role.CHAIR, Role.OVERSIGHT})
# Who decides, or answers for, what waits on a council: extraordinary requests, territorial approvals.
DECIDERS = frozenset({Role.CHAIR, Role.SECRETARY, Role.ADMIN})
KEEPERS = frozenset({Role.CHAIR, Role.SECRETARY, Role.SECRETARIAT, Role.ADMIN})

# action -> the roles on the object's council that allow it
ROLE_ACTIONS = {
    "council.manage_council": STAFF_ROLES,
    "plans.edit_plan": EDITORS,  # draft, correct, submit the plan; decide on proposals (R-000-9a)
    "plans.approve_plan": CHAIR,  # R-000-6, R-000-9a
    "plans.propose": PROPOSERS,
    "plans.see_all_proposals": EDITORS | CHAIR,
    "plans.propose_for_any_body": frozenset({Role.SECRETARY}),
    "plans.control_item": EDITORS,  # an approved plan's items under control (R-001-2, R-003-18)
    "secretariat.schedule_meeting": EDITORS,  # meetings, agenda, attendance, dispatch (R-000-10e)
    "secretariat.chair_decide": CHAIR,  # agenda questions, late materials, extraordinary meetings (R-000-9e)
    "secretariat.request_extraordinary": MEMBER_ROLES,  # R-000-9e
    "secretariat.answer_agreement": MEMBER_ROLES,  # the meeting (R-000-9f) and the draft protocol (R-000-11b)
    "secretariat.see_requests": DECIDERS,
    "secretariat.read_documents_early": PREPARERS,  # R-000-10e
    # A police chief's report to the public: its secretary keeps the schedule, publication, sources and
    # citizens' questions (R-002-8, R-002-12, R-002-18).
    "secretariat.keep_report": EDITORS,
    "protocols.edit_protocol": EDITORS,  # R-000-11a
    "protocols.read_draft": PREPARERS,  # R-000-11b
    "protocols.analyse_execution": EDITORS,  # R-000-11d
    "protocols.chair_control": CHAIR,  # removal from control, extensions (R-000-11d)
    "protocols.see_control_overview": EDITORS | CHAIR,
    "protocols.read_control_reports": CONTROLLERS,
    "protocols.own_body_first": frozenset({Role.SECRETARIAT}),  # the control list opens on their body
    "protocols.record_oral_instruction": EDITORS,  # R-003-44
    "territorial.see_awaiting": KEEPERS,
    # Information-analytical work (seed 004)
    "plans.close_unplanned": CHAIR,  # removal from control of unplanned work
    # An analyst's record of an assignment or request is a basis of access once the secretariat or the
    # chair (the Prosecutor General's office) confirms it (R-004-6, R-004-11).
    "plans.confirm_unplanned": EDITORS | CHAIR,
    # Orders of the Prosecutor General (R-004-12), recorded and withdrawn by administrators only (R-004-11).
    "council.record_disclosure_order": frozenset({Role.ADMIN}),
}


def _council_of(obj):
    """The council an object belongs to: its own, its meeting's (an agenda question) or the object itself."""
    for path in ("council", "meeting"):
        if hasattr(obj, path):
            obj = getattr(obj, path)
            return getattr(obj, "council", obj)
    return obj


def _roles(user, obj, day):
    return council_roles(user, _council_of(obj), day)


def opens(user, obj, day) -> bool:
    """Members, the secretariat, oversight and administrators see the council's pages. An invited person
    sees only the items they are invited to (R-000-12), not the council's internal pages."""
    return bool(_roles(user, obj, day) - {Role.INVITEE})


def _territorial_prepare(user, council, day):
    """The territorial council's secretary prepares its regulation and composition for approval."""
    return Role.SECRETARY in _roles(user, council, day) or user.is_superuser


def _territorial_decide(user, council, day):
    """The republic chair approves territorial councils' regulations and composition (R-000-6)."""
    council = _council_of(council)
    return council.parent_id is not None and Role.CHAIR in council_roles(user, council.parent, day)


def speaks_for(user, council, body_id, day) -> bool:
    """Whether the user is the council secretariat's employee of that body (R-000-8, R-000-10f)."""
    if body_id is None:
        return False
    return body_id in secretariat_bodies(user, council, day)


def _add_invitee(user, item, day):
    """The secretary, or the employee of the body that prepares the question, lists invited persons
    (R-000-12)."""
    council = _council_of(item)
    return allowed(user, "secretariat.schedule_meeting", council, day=day) or speaks_for(
        user, council, item.responsible_body_id, day
    )


def _report_execution(user, assignment, day):
    """The employee of the body that executes reports on it (R-000-11d)."""
    return speaks_for(user, assignment.council, assignment.body_id, day)


def _view_protocol(user, protocol, day):
    """The secretariat and the chair see drafts as they are written; members from the moment the draft is
    sent to them for agreement (R-000-11b)."""
    if not opens(user, protocol, day):
        return False
    return not protocol.is_draft or bool(_roles(user, protocol, day) & PREPARERS)


def _view_meeting_documents(user, meeting, day):
    """Members read the documents once the agenda is sent (R-000-10e); the chair and the secretariat
    earlier, while they prepare them."""
    if not opens(user, meeting, day):
        return False
    return meeting.documents_released or bool(_roles(user, meeting, day) & PREPARERS)


def _view_proposal(user, proposal, day):
    """The secretary and the chair see every proposal; others their own and their body's."""
    if not opens(user, proposal, day):
        return False
    if _roles(user, proposal, day) & (EDITORS | CHAIR) or proposal.author_id == user.pk:
        return True

    return proposal.body_id in {b.pk for b in bodies_of(user=user, council=_council_of(proposal), day=day)}


def _own_account(user, account, day):
    """A user creates read-API tokens for their own account only."""
    return getattr(account, "pk", None) == user.pk


def _own_token(user, token, day):
    """A token is revoked by its owner only."""
    return token.user_id == user.pk


def _open_sensitive(user, obj, day):
    """R-004-11: sensitive analytical material opens only for holders (or acting officials) of a position
    of a listed category (Appendix 2) with a role on its council."""
    if not opens(user, obj, day):
        return False
    from .access import category_of  # here: council.access reads this registry at its top

    return category_of(user, day) is not None


def _view_unplanned(user, obj, day):
    """Unplanned analytical work is seen by the analysts (a listed category), the secretary and the chair."""
    return _open_sensitive(user, obj, day) or bool(_roles(user, obj, day) & (EDITORS | CHAIR))


def _record_unplanned(user, obj, day):
    """Analysts and the secretary record, assess and report unplanned work (R-004-6..10)."""
    return _open_sensitive(user, obj, day) or bool(_roles(user, obj, day) & EDITORS)


def _read_access_log(user, obj, day):
    """The council's access log auditors (and administrators) read and export the access log."""
    if user.is_superuser:
        return True

    return active_on(AccessAuditor.objects.filter(person=user, council=_council_of(obj)), day).exists()


def _request_materials(user, council, day):
    """A member, or their body's secretariat employee, asks another member's body (R-000-10d)."""

    return bool(_roles(user, council, day) & (MEMBER_ROLES | {Role.SECRETARIAT})) and bool(
        bodies_of(user=user, council=_council_of(council), day=day)
    )


def _member_request_side(user, request, day):

    own = {b.pk for b in bodies_of(user=user, council=_council_of(request), day=day)}
    return {request.from_body_id, request.to_body_id} & own


def _view_member_request(user, request, day):
    """Both sides of a member's request and the secretary see it (R-000-10d)."""
    if not opens(user, request, day):
        return False
    return bool(_roles(user, request, day) & (EDITORS | CHAIR)) or bool(_member_request_side(user, request, day))


def _answer_member_request(user, request, day):
    """The body asked answers (R-000-10d)."""

    return request.to_body_id in {b.pk for b in bodies_of(user=user, council=_council_of(request), day=day)}


OBJECT_ACTIONS = {
    "council.create_api_token": _own_account,
    "council.revoke_api_token": _own_token,
    "council.open_council": opens,
    "plans.view_plan": opens,
    "plans.view_proposal": _view_proposal,
    "secretariat.view_meeting": opens,
    "secretariat.view_documents": _view_meeting_documents,
    "protocols.view_protocol": _view_protocol,
    "protocols.view_assignment": opens,  # the control list is open to the council (R-000-11d)
    "protocols.report_execution": _report_execution,
    "secretariat.add_invitee": _add_invitee,
    "territorial.prepare": _territorial_prepare,
    "territorial.decide": _territorial_decide,
    "council.open_sensitive": _open_sensitive,
    "council.read_access_log": _read_access_log,
    "plans.view_unplanned": _view_unplanned,
    "plans.record_unplanned": _record_unplanned,
    "territorial.submit_regional_report": _territorial_prepare,  # R-003-33: the council's secretary
    "secretariat.request_materials": _request_materials,  # R-000-10d
    "secretariat.view_member_request": _view_member_request,
    "secretariat.answer_member_request": _answer_member_request,
}


def allowed(user, action: str, obj, *, day: date) -> bool:
    """Whether ``user`` may do ``action`` on ``obj`` on ``day``. An unknown action is refused."""
    if not getattr(user, "is_authenticated", False) or obj is None:
        return False
    if action in ROLE_ACTIONS:
        return bool(_roles(user, obj, day) & ROLE_ACTIONS[action])
    check = OBJECT_ACTIONS.get(action)
    return bool(check and check(user, obj, day))


def councils_allowing(user, action: str, *, day: date) -> set[int]:
    """The ids of the councils on which ``user`` may do the role action ``action`` by a role of their own,
    for all councils in a fixed number of queries (lists across councils: "My work"). For
    ``territorial.decide`` these are the parent councils whose territorial councils the user decides on."""

    if action == "territorial.decide":  # decided on the parent council by its chair (R-000-6)
        wanted = CHAIR
    else:
        wanted = ROLE_ACTIONS[action]
    return {council_id for council_id, roles in roles_by_council(user, day).items() if roles & wanted}


def actions() -> list[str]:
    return sorted({*ROLE_ACTIONS, *OBJECT_ACTIONS})


def is_action(name: str) -> bool:
    return name in ROLE_ACTIONS or name in OBJECT_ACTIONS


def _predicate(action):
    @rules.predicate(name=action)
    def check(user, obj):
        return allowed(user, action, obj, day=timezone.localdate())

    return check


for _action in actions():
    rules.add_perm(_action, _predicate(_action))
