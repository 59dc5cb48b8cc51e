"""Members' requests for information and materials to each other (R-000-10d): the request (from, to, what,
by when) with a deadline and reminders for the body asked, the answer with its attachments, visible to both
sides and the secretary."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from council.deadline_services import deadline_close_for, deadline_open
from council.messages import body_name
from council.models import AuditVerb
from council.notify import bilingual, notify
from council.rules import allowed
from council.selectors import bodies_of, body_employees, council_bodies, council_secretaries
from council.services import audit
from council.uploads import DOCUMENT_TYPES, discarded_on_failure, store_upload
from council.workflow import move

from ..models import MemberRequest, MemberRequestFile

WHAT_MAX = 5000
KIND = "member-request"


@transaction.atomic
def member_request_create(*, actor, council, from_body, to_body, what, due_date, now):
    day = now.date()
    if not allowed(actor, "secretariat.request_materials", council, day=day):
        raise PermissionDenied(_("Members and their secretariat employees request materials from each other."))
    errors = {}
    if from_body not in bodies_of(user=actor, council=council, day=day):
        errors["from_body"] = _("Request on behalf of your own body.")
    if to_body == from_body:
        errors["to_body"] = _("Ask another member's body.")
    elif not council_bodies(council).filter(pk=to_body.pk).exists():
        errors["to_body"] = _("The body asked is not a member of this council.")
    what = (what or "").strip()
    if not what:
        errors["what"] = _("Write what information or materials are requested.")
    elif len(what) > WHAT_MAX:
        errors["what"] = _("At most %(max)s characters.") % {"max": WHAT_MAX}
    if due_date is None or due_date <= day:
        errors["due_date"] = _("The date to answer by comes after today.")
    if errors:
        raise ValidationError(errors)
    request = MemberRequest.objects.create(
        council=council,
        from_body=from_body,
        to_body=to_body,
        what=what,
        due_date=due_date,
        requested_by=actor,
        requested_at=now,
    )
    deadline_open(
        council=council,
        subject=request,
        kind=KIND,
        rule_id="R-000-10d",
        anchor=due_date,
        due_date=due_date,
        now=now,
        actor=actor,
        responsible_body=to_body,
        title=bilingual(_("Answer to the request of %(body)s"), body=from_body.short_name or from_body.name),
    )
    notify(
        recipients=body_employees(council=council, body=to_body, day=day)
        or council_secretaries(council=council, day=day),
        key=f"member-request:{request.pk}:new",
        message="member_request.new",
        params={"body": body_name(from_body), "what": what[:500]},
        now=now,
        council=council,
        url=request.get_absolute_url(),
    )
    audit(actor=actor, verb=AuditVerb.MEMBER_REQUEST_CREATE, subject=request, council=council, at=now)
    return request


@transaction.atomic
def member_request_answer(*, actor, request, answer, now, uploads=()):
    request = MemberRequest.objects.select_for_update().select_related("council", "from_body").get(pk=request.pk)
    day = now.date()
    if not allowed(actor, "secretariat.answer_member_request", request, day=day):
        raise PermissionDenied(_("The body asked answers the request."))
    answer = (answer or "").strip()
    if not answer and not uploads:
        raise ValidationError({"answer": _("Write the answer or attach the materials.")})
    if len(answer) > WHAT_MAX:
        raise ValidationError({"answer": _("At most %(max)s characters.") % {"max": WHAT_MAX}})
    move(request, MemberRequest.Status.ANSWERED, actor=actor, now=now, council=request.council)
    request.answer, request.answered_by, request.answered_at = answer, actor, now
    request.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    files = []
    for upload in uploads:
        document = MemberRequestFile(request=request, uploaded_by=actor, uploaded_at=now)
        store_upload(document, upload, allowed=DOCUMENT_TYPES)
        files.append(document)
    for document in files:
        with discarded_on_failure(document):
            document.save()
    deadline_close_for(subject=request, kind=KIND, actor=actor, now=now)
    recipients = [request.requested_by, *body_employees(council=request.council, body=request.from_body, day=day)]
    notify(
        recipients=list({p.pk: p for p in recipients}.values()),
        key=f"member-request:{request.pk}:answered",
        message="member_request.answered",
        params={"what": request.what[:80], "answer": answer[:500]},
        now=now,
        council=request.council,
        url=request.get_absolute_url(),
    )
    return request
