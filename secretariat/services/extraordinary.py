"""Writes of extraordinary meetings: a member's request and the chair's decision (R-000-9e)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.deadline_services import council_profile
from council.messages import both_of
from council.models import AuditVerb
from council.notify import notify
from council.rules import allowed
from council.selectors import bodies_of, council_chairs, council_secretaries
from council.services import audit
from council.workflow import move

from ..models import AgendaItem, ExtraordinaryRequest, Meeting
from .meetings import _open_agenda_deadline, _open_materials_deadline


@transaction.atomic
def extraordinary_request(
    *, actor, council, question_kk, question_ru, justification, desired_date, now, not_a_criminal_case=False
):
    """A member asks for an extraordinary meeting on an unplanned question (R-000-9e); where the council may
    not deal with a specific criminal case, the member confirms the question does not (R-001-1.2)."""
    day = now.date()
    if not allowed(actor, "secretariat.request_extraordinary", council, day=day):
        raise PermissionDenied(_("Extraordinary meetings are convened on the initiative of members."))
    bodies = bodies_of(user=actor, council=council, day=day)
    if not (question_kk.strip() and question_ru.strip() and justification.strip()):
        raise ValidationError(_("Give the question in Kazakh and in Russian and its justification."))
    if desired_date <= day:
        raise ValidationError({"desired_date": _("A meeting is scheduled for a future date.")})
    if council_profile(council).typed.no_criminal_cases and not not_a_criminal_case:
        raise ValidationError(
            {
                "not_a_criminal_case": _(
                    "Confirm that the question does not concern a specific criminal case: the group may not deal "
                    "with one (R-001-1.2)."
                )
            }
        )
    request = ExtraordinaryRequest.objects.create(
        council=council,
        requested_by=actor,
        body=bodies[0],
        question_kk=question_kk.strip(),
        question_ru=question_ru.strip(),
        justification=justification.strip(),
        desired_date=desired_date,
        created_at=now,
    )
    notify(
        recipients=council_chairs(council=council, day=day) + council_secretaries(council=council, day=day),
        key=f"extraordinary:{request.pk}:requested",
        message="extraordinary.requested",
        params={"question": both_of(request, "question"), "justification": request.justification},
        now=now,
        council=council,
        url=reverse("secretariat:meeting_list", args=[council.code]),
    )
    audit(actor=actor, verb=AuditVerb.EXTRAORDINARY_REQUEST, subject=request, council=council, at=now)
    return request


@transaction.atomic
def extraordinary_decide(*, actor, request, convene, reason="", date=None, now):
    """The chair convenes the extraordinary meeting (its only question is the requested one) or declines
    with a reason."""
    request = ExtraordinaryRequest.objects.select_for_update().select_related("council").get(pk=request.pk)
    council = request.council
    if not allowed(actor, "secretariat.chair_decide", council, day=now.date()):
        raise PermissionDenied(_("Only the chair convenes the council."))
    if not convene and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    move(
        request,
        ExtraordinaryRequest.Status.CONVENED if convene else ExtraordinaryRequest.Status.DECLINED,
        actor=actor,
        now=now,
        comment=reason.strip(),
        council=council,
    )
    if convene:
        date = date or request.desired_date
        meeting = Meeting.objects.create(
            council=council, kind=Meeting.Kind.EXTRAORDINARY, date=date, created_by=actor, created_at=now
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=1,
            question_kk=request.question_kk,
            question_ru=request.question_ru,
            responsible_body=request.body,
            # The member confirmed it when asking, where the profile asks for it (R-001-1.2).
            not_a_criminal_case=council_profile(council).typed.no_criminal_cases,
        )
        _open_materials_deadline(item, actor=actor, now=now)
        _open_agenda_deadline(meeting, actor=actor, now=now)
        request.meeting = meeting
    request.save(update_fields=["status", "meeting"])
    notify(
        recipients=[request.requested_by] + council_secretaries(council=council, day=now.date()),
        key=f"extraordinary:{request.pk}:{request.status}",
        message="extraordinary.decided",
        params={"question": both_of(request, "question"), "convened": convene, "reason": reason.strip()},
        now=now,
        council=council,
        url=request.meeting.get_absolute_url() if request.meeting else "",
    )
    return request
