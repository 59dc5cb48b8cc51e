import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.deadline_services import council_profile
from council.files import check_stored_files
from council.http import BadInput, attach_errors, id_list, id_param, refuse_bad_input, run_action, text_param
from council.navcache import kept
from council.pdf import PDF_LANGUAGES, render_pdf
from council.rules import allowed
from council.selectors import council_roster, deadlines_base
from council.views import object_or_404, visible_council_or_404
from plans.models import PlanItem, PlanItemCoExecutor
from plans.selectors import items_for_meeting

from . import services
from .book import agenda_book
from .forms import AgreementRequestForm, ExtraordinaryForm, InviteeForm, MaterialForm, MeetingForm
from .meeting_day import attendance_record, default_presiding, meeting_quorum, roster_with_attendance
from .meeting_day import meeting_hold as hold
from .models import AgendaItem, Attendance, ExtraordinaryRequest, Invitee, Material, Meeting, Receipt
from .selectors import (
    agenda_context,
    document_pack,
    item_checklist,
    latest_materials,
    meeting_lead_times_passed,
    meetings_for_member,
)


def _meeting_or_404(request, pk):
    return object_or_404(request, Meeting.objects, pk=pk)


def _item_or_404(request, pk):
    return object_or_404(request, AgendaItem.objects, council="meeting__council", pk=pk)


@login_required
def meeting_list(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    meetings = council.meetings.order_by("-date")
    return render(
        request,
        "secretariat/meeting_list.html",
        {
            "council": council,
            # A meeting held (or cancelled) today is no longer coming.
            "upcoming": [m for m in meetings if m.date >= today and m.status not in Meeting.CLOSED][::-1],
            "past": [m for m in meetings if m.date < today or m.status in Meeting.CLOSED],
            "can_request": allowed(request.user, "secretariat.request_extraordinary", council, day=today),
            "is_chair": allowed(request.user, "secretariat.chair_decide", council, day=today),
            "requests": council.extraordinary_requests.filter(
                status=ExtraordinaryRequest.Status.REQUESTED
            ).select_related("requested_by", "body")
            if allowed(request.user, "secretariat.see_requests", council, day=today)
            else [],
            "can_schedule": services.can_schedule(request.user, council, today),
        },
    )


@login_required
@refuse_bad_input
def meeting_new(request, code):
    council = visible_council_or_404(request, code)
    if not services.can_schedule(request.user, council, timezone.localdate()):
        raise PermissionDenied
    profile = council_profile(council).typed
    form = MeetingForm(
        request.POST or None,
        initial={"date": request.GET.get("date")},
        online_allowed=profile.online_meetings,
        criminal_case_confirmation=profile.no_criminal_cases,  # R-001-1.2
    )
    day = None
    try:
        day = datetime.date.fromisoformat(request.POST.get("date") or request.GET.get("date") or "")
    except ValueError:
        pass
    offered = list(items_for_meeting(council=council, day=day).filter(agenda_items__isnull=True)) if day else []
    late = []
    if request.method == "POST" and form.is_valid():
        chosen = PlanItem.objects.filter(pk__in=id_list(request.POST, "plan_item"), plan__council=council)
        chosen = sorted(chosen, key=lambda i: (i.plan.start, i.number))
        late = meeting_lead_times_passed(
            council=council,
            date=form.cleaned_data["date"],
            today=timezone.localdate(),
            co_executors=PlanItemCoExecutor.objects.filter(item__in=chosen).exists(),
        )
    # Lead times passed: shown with the deadlines that will be late, scheduled once the secretary confirms.
    if request.method == "POST" and form.is_valid() and (not late or request.POST.get("confirm_late")):
        try:
            meeting = services.meeting_schedule(
                actor=request.user,
                council=council,
                now=timezone.now(),
                plan_items=chosen,
                **{
                    k: v
                    for k, v in form.cleaned_data.items()
                    if k in ("date", "time", "place_kk", "place_ru", "online", "not_a_criminal_case")
                },
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The meeting is scheduled; the deadlines of its materials are set."))
            return redirect(meeting)
    return render(
        request,
        "secretariat/meeting_form.html",
        {"council": council, "form": form, "offered": offered, "day": day, "late": late, "today": timezone.localdate()},
    )


@login_required
def meeting_detail(request, pk):
    """A meeting's page. Its body, once it holds no form (a held meeting, or a reader who acts on nothing),
    is kept per person, day and language under the generations of the person, the council and its parent
    (``council.navcache``): the meeting, its questions, invitations, deadlines, answers, receipts, attendance
    and protocols, and the roles they are shown by, each bump one of them when they change."""
    meeting = _meeting_or_404(request, pk)
    today = timezone.localdate()
    council = meeting.council
    rendered = {}

    def compute():
        rendered["html"], sits = _meeting_body(request, meeting, today)
        # A form carries the session's CSRF token: a body with one is rendered for each request.
        return {"html": None if "csrfmiddlewaretoken" in rendered["html"] else rendered["html"], "sits": sits}

    entry = kept(
        f"meeting:{meeting.pk}:{request.user.pk}:{translation.get_language()}:{today.isoformat()}",
        users=[request.user.pk],
        councils=[council.pk, council.parent_id],
        compute=compute,
    )
    html = entry["html"] or rendered.get("html")
    if html is None:
        html, _sits = _meeting_body(request, meeting, today)
    elif entry["sits"] and "html" not in rendered:
        services.receipt_record(user=request.user, meeting=meeting, now=timezone.now())
    return render(request, "secretariat/meeting_detail.html", {"meeting": meeting, "council": council, "body": html})


def _meeting_body(request, meeting, today):
    """The page's body, rendered, and whether the person sits at the meeting (their opening the dispatched
    agenda is recorded, R-000-10e)."""
    items = list(meeting.items.select_related("responsible_body").prefetch_related("invitees"))
    deadlines = deadlines_base().filter(
        subject_type=ContentType.objects.get_for_model(Meeting), subject_id=meeting.pk
    ) | deadlines_base().filter(
        subject_type=ContentType.objects.get_for_model(AgendaItem), subject_id__in=[i.pk for i in items]
    )
    can_schedule = services.can_schedule(request.user, meeting.council, today)
    is_chair = allowed(request.user, "secretariat.chair_decide", meeting.council, day=today)

    roster = council_roster(council=meeting.council, day=meeting.date)  # read once for the two lists below
    answers = services.agreement_status(meeting, roster)  # everyone who sits at the meeting, with their answer
    mine = next((a for e, a in answers if e.person.pk == request.user.pk), None)
    sits = any(e.person.pk == request.user.pk for e, _a in answers)
    if sits:
        services.receipt_record(user=request.user, meeting=meeting, now=timezone.now())
    can_invite = (
        {i.pk for i in items if can_schedule or services.is_responsible_employee(request.user, i, today)}
        if meeting.status in services.INVITING
        else set()
    )
    context = {
        "meeting": meeting,
        "council": meeting.council,
        "items": items,
        "deadlines": deadlines.order_by("due_date", "id"),
        "today": today,
        "can_schedule": can_schedule,
        "answers": answers if can_schedule else None,
        "my_answer": mine,
        "can_answer": sits and meeting.agree_by,
        # Members are asked to agree before the meeting (R-000-9f): not once it is held, cancelled or today.
        "agreement_form": AgreementRequestForm(initial={"agree_by": meeting.agree_by})
        if meeting.status in services.INVITING and today < meeting.date
        else None,
        # One form per question, its fields named apart, so that each label points at its own field.
        "invitee_forms": {pk: InviteeForm(auto_id=f"id_invitee{pk}_%s") for pk in can_invite},
        "is_chair": is_chair,
        # R-001-1.2: the secretary may refuse a question as a specific criminal case until the agenda is approved.
        "may_refuse": can_schedule
        and meeting.status == Meeting.Status.SCHEDULED
        and council_profile(meeting.council).typed.no_criminal_cases,
        "protocols": meeting.protocols.select_related("meeting", "council").order_by("id")
        if meeting.status == Meeting.Status.HELD
        else [],
        "may_read": _may_read_documents(request.user, meeting, today),
        # Who opened the pack stays visible after the meeting is held, with the roster as it sat.
        "receipts": {r.person_id: r for r in meeting.receipts.all()}
        if can_schedule and meeting.status in (Meeting.Status.DISPATCHED, Meeting.Status.HELD)
        else {},
        "sat": roster_with_attendance(meeting, roster) if meeting.status == Meeting.Status.HELD else [],
        "can_invite": can_invite,
    }
    return render_to_string("secretariat/_meeting_body.html", context, request=request), sits


@login_required
@require_POST
def meeting_request_agreement(request, pk):
    meeting = _meeting_or_404(request, pk)
    if not request.user.has_perm("secretariat.schedule_meeting", meeting.council):
        raise PermissionDenied
    form = AgreementRequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Enter the date by which members answer."))
        services.meeting_request_agreement(
            actor=request.user, meeting=meeting, agree_by=form.cleaned_data["agree_by"], now=timezone.now()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The members are asked to agree the meeting."))
    return redirect(meeting)


@login_required
@require_POST
@refuse_bad_input
def meeting_answer(request, pk):
    meeting = _meeting_or_404(request, pk)
    comment = text_param(request.POST, "comment", label=_("Comment"))
    try:
        services.meeting_answer(
            actor=request.user,
            meeting=meeting,
            agrees=request.POST.get("agrees") == "yes",
            comment=comment,
            now=timezone.now(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect(meeting)


@login_required
@require_POST
def invitee_add(request, pk):
    item = object_or_404(request, AgendaItem.objects, council="meeting__council", perm="secretariat.add_invitee", pk=pk)
    form = InviteeForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect(item.meeting)
    try:
        services.invitee_add(actor=request.user, item=item, now=timezone.now(), **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The invited person is added."))
    return redirect(item.meeting)


@login_required
@require_POST
def invitee_confirm(request, pk):
    invitee = object_or_404(request, Invitee.objects, council="item__meeting__council", pk=pk)
    try:
        services.invitee_confirm(actor=request.user, invitee=invitee, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Attendance and receipt of the documents are confirmed."))
    return redirect(invitee.item.meeting)


@login_required
def item_materials(request, pk):
    item = object_or_404(
        request,
        AgendaItem.objects.select_related("responsible_body", "late_allowed_by").prefetch_related("co_executor_links"),
        council="meeting__council",
        pk=pk,
    )
    council = item.meeting.council
    today = timezone.localdate()
    if not _may_read_documents(request.user, item.meeting, today):
        raise PermissionDenied
    responsible = services.can_schedule(request.user, council, today) or services.is_responsible_employee(
        request.user, item, today
    )
    co_executor = any(
        services.is_employee_of(request.user, council, link.body_id, today) for link in item.co_executor_links.all()
    )
    kinds = [
        (k, label)
        for k, label in Material.Kind.choices
        if (k == Material.Kind.CONTRIBUTION and co_executor) or (k != Material.Kind.CONTRIBUTION and responsible)
    ]
    form = MaterialForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST":
        if not kinds:
            raise PermissionDenied
        if form.is_valid():
            try:
                material = services.material_submit(
                    actor=request.user,
                    item=item,
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    now=timezone.now(),
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(version)s is submitted.") % {"version": material.version}
                    + (" " + _("It is marked late.") if material.late else ""),
                )
                return redirect("secretariat:item_materials", item.pk)
    materials = item.materials.select_related("body", "submitted_by").order_by("kind", "body__name_ru", "-version")
    return render(
        request,
        "secretariat/item_materials.html",
        {
            "item": item,
            "meeting": item.meeting,
            "council": council,
            "materials": materials,
            "checklist": item_checklist(item) if (responsible or co_executor) else None,
            "form": form,
            "can_submit": bool(kinds),
            "may_allow_late": item.late_allowed_at is None
            and council_profile(council).typed.late_materials == "chair_exception"
            and allowed(request.user, "secretariat.chair_decide", council, day=today),
        },
    )


@login_required
@require_POST
@refuse_bad_input
def item_report(request, pk):
    item = _item_or_404(request, pk)
    note = text_param(request.POST, "note", label=_("Note"))
    return run_action(
        request,
        item.meeting,
        lambda: services.item_report(actor=request.user, item=item, note=note, now=timezone.now()),
        _("Reported to the chair."),
    )


@login_required
@require_POST
@refuse_bad_input
def item_decide(request, pk):
    item = _item_or_404(request, pk)
    accept = request.POST.get("decision") == "accept"
    remarks = text_param(request.POST, "remarks", label=_("Remarks"))
    return run_action(
        request,
        item.meeting,
        lambda: services.item_decide(actor=request.user, item=item, accept=accept, remarks=remarks, now=timezone.now()),
        _("The question is accepted for the agenda.") if accept else _("The materials are returned for rework."),
    )


@login_required
@require_POST
@refuse_bad_input
def item_refuse(request, pk):
    """R-001-1.2: the secretary refuses a question as a specific criminal case."""
    item = _item_or_404(request, pk)
    note = text_param(request.POST, "note", label=_("Note"))
    return run_action(
        request,
        item.meeting,
        lambda: services.item_refuse(actor=request.user, item=item, note=note, now=timezone.now()),
        _("The question is refused; the responsible body is told."),
    )


@login_required
@require_POST
@refuse_bad_input
def item_allow_late(request, pk):
    item = _item_or_404(request, pk)
    reason = text_param(request.POST, "reason", label=_("Reason"))
    return run_action(
        request,
        reverse("secretariat:item_materials", args=[item.pk]),
        lambda: services.item_allow_late(actor=request.user, item=item, reason=reason, now=timezone.now()),
        _("The responsible body may submit late."),
    )


@login_required
@require_POST
def agenda_approve(request, pk):
    meeting = _meeting_or_404(request, pk)
    return run_action(
        request,
        meeting,
        lambda: services.agenda_approve(actor=request.user, meeting=meeting, now=timezone.now()),
        _("The agenda is approved."),
    )


@login_required
@require_POST
def agenda_dispatch(request, pk):
    meeting = _meeting_or_404(request, pk)
    return run_action(
        request,
        meeting,
        lambda: services.agenda_dispatch(actor=request.user, meeting=meeting, now=timezone.now()),
        _("The agenda and its documents are sent to the members."),
    )


def _may_read_documents(user, meeting, day):
    return allowed(user, "secretariat.view_documents", meeting, day=day)


@login_required
def meeting_pack(request, pk):
    meeting = _meeting_or_404(request, pk)
    if not _may_read_documents(request.user, meeting, timezone.localdate()):
        raise PermissionDenied

    refused = check_stored_files(
        request,
        [(m.file, m.sha256, m.original_name, m) for m in latest_materials(meeting)],
        subject=meeting,
        council=meeting.council,
        page=meeting.get_absolute_url(),
    )
    if refused is not None:
        return refused
    response = HttpResponse(document_pack(meeting), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.date:%Y-%m-%d}.zip"'
    return response


@login_required
def meeting_book(request, pk, lang):
    """The agenda and every current document in one PDF with contents, bookmarks and page numbers."""
    meeting = _meeting_or_404(request, pk)
    if lang not in PDF_LANGUAGES:
        raise Http404
    if not _may_read_documents(request.user, meeting, timezone.localdate()):
        raise PermissionDenied

    refused = check_stored_files(
        request,
        [(m.file, m.sha256, m.original_name, m) for m in latest_materials(meeting)],
        subject=meeting,
        council=meeting.council,
        page=meeting.get_absolute_url(),
    )
    if refused is not None:
        return refused
    response = HttpResponse(agenda_book(meeting, lang), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="meeting-{meeting.date:%Y-%m-%d}-{lang}.pdf"'
    return response


@login_required
def meeting_agenda_pdf(request, pk, lang):
    meeting = _meeting_or_404(request, pk)
    if lang not in PDF_LANGUAGES:
        raise Http404
    if not _may_read_documents(request.user, meeting, timezone.localdate()):  # R-000-10e: once sent
        raise PermissionDenied

    pdf = render_pdf("pdf/agenda.html", agenda_context(meeting), lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{meeting.date:%Y-%m-%d}-{lang}.pdf"'
    return response


@login_required
def my_meetings(request):

    today = timezone.localdate()
    meetings = list(meetings_for_member(user=request.user, day=today))
    opened = set(Receipt.objects.filter(person=request.user, meeting__in=meetings).values_list("meeting_id", flat=True))
    for m in meetings:
        m.unread = m.status == Meeting.Status.DISPATCHED and m.pk not in opened
    return render(request, "secretariat/my_meetings.html", {"meetings": meetings})


@login_required
def extraordinary_new(request, code):
    council = visible_council_or_404(request, code)
    if not allowed(request.user, "secretariat.request_extraordinary", council, day=timezone.localdate()):
        raise PermissionDenied
    form = ExtraordinaryForm(
        request.POST or None, criminal_case_confirmation=council_profile(council).typed.no_criminal_cases
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.extraordinary_request(actor=request.user, council=council, now=timezone.now(), **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The request is sent to the chair."))
            return redirect("secretariat:meeting_list", council.code)
    return render(request, "secretariat/extraordinary_form.html", {"council": council, "form": form})


@login_required
@require_POST
@refuse_bad_input
def extraordinary_decide(request, pk):
    req = object_or_404(request, ExtraordinaryRequest.objects, pk=pk)
    convene = request.POST.get("decision") == "convene"
    reason = text_param(request.POST, "reason", label=_("Reason"))
    return run_action(
        request,
        reverse("secretariat:meeting_list", args=[req.council.code]),
        lambda: services.extraordinary_decide(
            actor=request.user, request=req, convene=convene, reason=reason, now=timezone.now()
        ),
        _("The extraordinary meeting is convened.") if convene else _("The request is declined."),
    )


@login_required
def meeting_day(request, pk):
    """Attendance, the presiding person and the live quorum (R-000-9d, R-001-3d)."""

    meeting = _meeting_or_404(request, pk)
    today = timezone.localdate()
    if not services.can_schedule(request.user, meeting.council, today):
        raise PermissionDenied
    errors = []
    if request.method == "POST":
        try:
            presence = {
                id_param({"seat": key.removeprefix("seat-")}, "seat"): value
                for key, value in request.POST.items()
                if key.startswith("seat-")
            }
            presiding = id_param(request.POST, "presiding")
            invitees = id_list(request.POST, "invitee")
        except BadInput:
            errors = [
                _(
                    "The form names a seat, a presiding person or an invited person that is not on this meeting's "
                    "list; nothing was recorded. Reload the page."
                )
            ]
        else:
            try:
                attendance_record(
                    actor=request.user,
                    meeting=meeting,
                    presence=presence,
                    presiding_seat_id=presiding,
                    invitees_attended=invitees,
                    now=timezone.now(),
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("The attendance is recorded."))
                return redirect("secretariat:meeting_day", meeting.pk)
    rows = roster_with_attendance(meeting)
    typed = request.POST if errors else {}
    return render(
        request,
        "secretariat/meeting_day.html",
        {
            "meeting": meeting,
            "council": meeting.council,
            "rows": [(e, typed.get(f"seat-{e.seat.pk}") or (a.presence if a else "")) for e, a in rows],
            "presences": Attendance.Presence.choices,
            # A police chief's report sends no agenda: its day is recorded straight from the schedule (R-002-4).
            "ready": meeting.status == Meeting.Status.DISPATCHED
            or (meeting.status == Meeting.Status.SCHEDULED and not council_profile(meeting.council).typed.agenda_rule),
            "quorum": meeting_quorum(meeting, rows),
            "presiding": meeting.presiding_id or getattr(default_presiding(rows), "pk", None),
            "invitees": Invitee.objects.filter(item__meeting=meeting).select_related("item").order_by("item__number"),
            "errors": errors,
            "protocol": meeting.protocols.filter(corrects__isnull=True).first(),
        },
    )


@login_required
@require_POST
def meeting_hold(request, pk):

    meeting = _meeting_or_404(request, pk)
    try:
        hold(actor=request.user, meeting=meeting, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("secretariat:meeting_day", meeting.pk)
    messages.success(request, _("The meeting is held; the draft protocol is open."))
    return redirect(meeting.protocols.get(corrects__isnull=True))
