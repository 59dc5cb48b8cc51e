from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from council.deadline_services import council_profile
from council.files import serve_stored_file
from council.http import (
    SEARCH_MAX,
    attach_errors,
    client_ip,
    id_param,
    refuse_bad_input,
    run_action,
    text_param,
    year_param,
)
from council.pdf import PDF_LANGUAGES, render_pdf
from council.rules import allowed
from council.selectors import deadlines_of
from council.views import object_or_404, visible_council_or_404

from . import services
from .export import protocol_export_response
from .forms import AgreeByForm, DecisionForm, DispatchForm, ItemForm, PublicPartForm, SignForm
from .models import Decision, Protocol, ProtocolAnswer, ProtocolItem, Vote


def _protocol_or_404(request, pk):
    return object_or_404(request, Protocol.objects.select_related("meeting"), perm="protocols.view_protocol", pk=pk)


def _editor_or_403(request, protocol):
    if not services.can_edit(request.user, protocol, timezone.localdate()):
        raise PermissionDenied


@login_required
@refuse_bad_input
def protocol_list(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    staff = allowed(request.user, "protocols.read_draft", council, day=today)
    protocols = council.protocols.select_related("meeting").order_by("-meeting__date", "-id")
    if not staff:
        protocols = protocols.exclude(status=Protocol.Status.DRAFT)
    status = request.GET.get("status", "")
    year = year_param(request.GET)
    q = text_param(request.GET, "q", max_length=SEARCH_MAX, label=_("Words")).strip()
    if status in Protocol.Status.values:
        protocols = protocols.filter(status=status)
    if year is not None:
        protocols = protocols.filter(meeting__date__year=year)
    if request.GET.get("kept") == "past":
        protocols = services.keep_until_passed(protocols, today)
    if q:
        protocols = protocols.filter(
            Q(items__question_ru__icontains=q)
            | Q(items__question_kk__icontains=q)
            | Q(items__decisions__text_ru__icontains=q)
            | Q(items__decisions__text_kk__icontains=q)
        ).distinct()
    page = Paginator(protocols, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "protocols/protocol_list.html",
        {
            "council": council,
            "page": page,
            "statuses": Protocol.Status.choices,
            "filters": {"status": status, "year": year or "", "q": q, "kept": request.GET.get("kept", "")},
            "retention_years": council_profile(council).typed.retention_years,
            "today": today,
        },
    )


@login_required
def protocol_detail(request, pk):
    protocol = _protocol_or_404(request, pk)
    today = timezone.localdate()
    user = request.user
    editor = services.can_edit(user, protocol, today)
    people = services.members(protocol)
    is_member = user.pk in {p.pk for p in people}
    items = list(protocol.items.prefetch_related("decisions__executors__body", "decisions__votes").order_by("number"))
    agreement = services.agreement_state(protocol, today, people) if protocol.status != Protocol.Status.DRAFT else []
    my_answer = next((a for p, _s, a in agreement if p.pk == user.pk), None)
    if protocol.status == Protocol.Status.DISPATCHED:
        services.receipt_open(user=user, protocol=protocol, now=timezone.now())
    return render(
        request,
        "protocols/protocol_detail.html",
        {
            "protocol": protocol,
            "meeting": protocol.meeting,
            "council": protocol.council,
            "items": items,
            "editor": editor,
            "editable": editor and protocol.status == Protocol.Status.DRAFT,
            "public": council_profile(protocol.council).typed.public_protocol,
            "no_agreement": not council_profile(protocol.council).typed.protocol_agreement,
            "agreement": agreement,
            "may_answer": is_member and protocol.status == Protocol.Status.AGREEMENT,
            "my_answer": my_answer,
            "agree_form": AgreeByForm(initial={"agree_by": services.earliest_agree_by(protocol, today)}),
            "signers": services.signers(protocol, protocol.meeting.date),
            "signatures": list(protocol.signatures.select_related("person")),
            "may_sign": protocol.status == Protocol.Status.FOR_SIGNATURE
            and services.capacity_of(user, protocol, today) is not None,
            "dispatch_form": DispatchForm(council=protocol.council),
            "receipts": list(protocol.receipts.select_related("person", "body")) if editor else [],
            "deadlines": deadlines_of(protocol).order_by("due_date"),
            "versions": protocol.versions.order_by("-version"),
            "remarks_by_version": services.remarks_by_version(protocol),
            "incomplete": services.incomplete_items(protocol) if editor and not protocol.frozen else [],
            "corrections": protocol.corrections.order_by("id"),
            "today": today,
        },
    )


@login_required
def item_edit(request, pk):
    item = get_object_or_404(ProtocolItem.objects.select_related("protocol__council", "protocol__meeting"), pk=pk)
    protocol = _protocol_or_404(request, item.protocol_id)
    _editor_or_403(request, protocol)
    form = ItemForm(
        request.POST or None,
        initial={"heard_kk": item.heard_kk, "heard_ru": item.heard_ru, "version": item.version},
        versioned=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(
                actor=request.user,
                item=item,
                heard_kk=form.cleaned_data["heard_kk"],
                heard_ru=form.cleaned_data["heard_ru"],
                version=form.cleaned_data["version"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(protocol)
    current = None
    if form.is_bound:  # refused: the text as stored now, when it is not the one the page was opened with
        item.refresh_from_db()
        if form.based_on != item.version:
            current = item
            form.rebase(item.version)
    return render(
        request, "protocols/item_form.html", {"protocol": protocol, "item": item, "form": form, "current": current}
    )


@login_required
def public_part(request, pk):
    """Participants and citizens' complaints of a police chief's report to the public (R-002-12..R-002-14)."""
    protocol = _protocol_or_404(request, pk)
    if not council_profile(protocol.council).typed.public_protocol:
        raise Http404
    _editor_or_403(request, protocol)
    form = PublicPartForm(
        request.POST or None,
        initial={
            "participants": protocol.participants,
            "remarks_kk": protocol.public_remarks_kk,
            "remarks_ru": protocol.public_remarks_ru,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.public_part_save(actor=request.user, protocol=protocol, now=timezone.now(), **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(protocol)
    return render(
        request,
        "protocols/item_form.html",
        {"protocol": protocol, "item": None, "form": form, "title": _("Participants and citizens' remarks")},
    )


@login_required
def decision_edit(request, pk, decision_pk=None):
    item = get_object_or_404(ProtocolItem.objects.select_related("protocol__council", "protocol__meeting"), pk=pk)
    protocol = _protocol_or_404(request, item.protocol_id)
    _editor_or_403(request, protocol)
    decision = get_object_or_404(item.decisions, pk=decision_pk) if decision_pk else None
    initial = {}
    if decision:
        executors = decision.ordered_executors()
        initial = {
            "text_kk": decision.text_kk,
            "text_ru": decision.text_ru,
            "responsible": executors[0] if executors else None,
            "co_executors": executors[1:],
            "due_date": decision.due_date,
            "version": decision.version,
            "kind": decision.kind,
            "shortened_on": decision.shortened_on,
            "period": decision.period,
        }
    elif item.agenda_item and item.agenda_item.responsible_body_id:
        initial = {"responsible": item.agenda_item.responsible_body_id}
    form = DecisionForm(request.POST or None, initial=initial, versioned=decision is not None, council=protocol.council)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.decision_save(
                actor=request.user,
                item=item,
                decision=decision,
                text_kk=form.cleaned_data["text_kk"],
                text_ru=form.cleaned_data["text_ru"],
                executors=form.executors(),
                due_date=form.cleaned_data["due_date"],
                version=form.cleaned_data.get("version"),
                kind=form.cleaned_data.get("kind") or "",
                shortened_on=form.cleaned_data.get("shortened_on") or "",
                period=form.cleaned_data.get("period") or "",
                now=timezone.now(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The decision is saved."))
            if saved.vote_removed:
                messages.warning(
                    request,
                    _("The text of decision %(number)s changed, so its vote is removed: vote on it again.")
                    % {"number": f"{item.number}.{saved.number}"},
                )
            return redirect(protocol)
    current = None
    if decision and form.is_bound:  # refused: the decision as stored now, when the page showed another version
        decision = Decision.objects.prefetch_related("executors__body").get(pk=decision.pk)
        if form.based_on != decision.version:
            current = decision
            form.rebase(decision.version)
    return render(
        request,
        "protocols/decision_form.html",
        {"protocol": protocol, "item": item, "decision": decision, "form": form, "current": current},
    )


@login_required
def decision_votes(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("item__protocol"), pk=pk)
    protocol = _protocol_or_404(request, decision.item.protocol_id)
    _editor_or_403(request, protocol)
    voters = services.entitled_voters(protocol.meeting)
    recorded = {v.seat_id: v.choice for v in decision.votes.all()}
    error = None
    if request.method == "POST":
        choices = {a.seat_id: request.POST.get(f"seat-{a.seat_id}", "") for a in voters}
        try:
            result = services.votes_record(actor=request.user, decision=decision, choices=choices, now=timezone.now())
        except ValidationError as exc:
            error, recorded = " ".join(exc.messages), choices
        else:
            messages.success(request, result.reason)
            return redirect(protocol)
    return render(
        request,
        "protocols/decision_votes.html",
        {
            "protocol": protocol,
            "decision": decision,
            "rows": [(a, recorded.get(a.seat_id, Vote.Choice.FOR)) for a in voters],
            "choices": Vote.Choice.choices,
            "presiding": protocol.meeting.presiding_id,
            "error": error,
        },
    )


@login_required
@require_POST
def protocol_send(request, pk):
    protocol = _protocol_or_404(request, pk)
    _editor_or_403(request, protocol)
    form = AgreeByForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date by which members answer."))
        return redirect(protocol)
    return run_action(
        request,
        protocol,
        lambda: services.protocol_send_for_agreement(
            actor=request.user, protocol=protocol, agree_by=form.cleaned_data["agree_by"], now=timezone.now()
        ),
        _("The draft is sent to the members for agreement."),
    )


@login_required
@require_POST
@refuse_bad_input
def protocol_answer(request, pk):
    protocol = _protocol_or_404(request, pk)
    agrees = request.POST.get("agrees") == "yes"
    remarks = text_param(request.POST, "remarks", label=_("Remarks"))
    return run_action(
        request,
        protocol,
        lambda: services.protocol_answer(
            actor=request.user,
            protocol=protocol,
            agrees=agrees,
            remarks=remarks,
            now=timezone.now(),
        ),
        _("Your answer is recorded."),
    )


@login_required
@require_POST
def protocol_rework(request, pk):
    protocol = _protocol_or_404(request, pk)
    return run_action(
        request,
        protocol,
        lambda: services.protocol_rework(actor=request.user, protocol=protocol, now=timezone.now()),
        _("The draft is back with the secretariat; the next version will go to the members."),
    )


@login_required
@require_POST
@refuse_bad_input
def remark_handle(request, pk):
    """The secretary records how a member's remarks were handled (R-000-11b)."""
    protocol = _protocol_or_404(request, pk)
    _editor_or_403(request, protocol)
    answer_id = id_param(request.POST, "answer", label=_("Remarks"))
    if answer_id is None:
        messages.error(request, _("Choose the remarks whose handling you record."))
        return redirect(protocol)
    answer = get_object_or_404(ProtocolAnswer, pk=answer_id, protocol=protocol)
    handling = text_param(request.POST, "handling", label=_("How the remarks were handled"))
    return run_action(
        request,
        protocol,
        lambda: services.remark_handle(actor=request.user, answer=answer, handling=handling, now=timezone.now()),
        _("How the remarks were handled is recorded."),
    )


@login_required
@require_POST
def protocol_present(request, pk):
    protocol = _protocol_or_404(request, pk)
    return run_action(
        request,
        protocol,
        lambda: services.protocol_present(actor=request.user, protocol=protocol, now=timezone.now()),
        _("The protocol is presented for signature."),
    )


@login_required
def protocol_sign(request, pk):
    protocol = _protocol_or_404(request, pk)
    today = timezone.localdate()
    if services.capacity_of(request.user, protocol, today) is None:
        raise PermissionDenied
    if protocol.status != Protocol.Status.FOR_SIGNATURE:
        messages.error(request, _("The protocol is not presented for signature."))
        return redirect(protocol)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.protocol_sign(
                actor=request.user,
                protocol=protocol,
                password=form.cleaned_data["password"],
                ip_address=client_ip(request),
                now=timezone.now(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The protocol is signed."))
            return redirect(protocol)
    return render(
        request,
        "protocols/protocol_sign.html",
        {"protocol": protocol, "meeting": protocol.meeting, "council": protocol.council, "form": form},
    )


@login_required
@require_POST
def protocol_dispatch(request, pk):
    protocol = _protocol_or_404(request, pk)
    form = DispatchForm(request.POST, council=protocol.council)
    bodies = form.cleaned_data["bodies"] if form.is_valid() else []
    return run_action(
        request,
        protocol,
        lambda: services.protocol_dispatch(
            actor=request.user, protocol=protocol, bodies=list(bodies), now=timezone.now()
        ),
        _("The protocol is sent."),
    )


@login_required
@require_POST
def protocol_correct(request, pk):
    protocol = _protocol_or_404(request, pk)
    try:
        correction = services.protocol_correct(actor=request.user, protocol=protocol, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(protocol)
    messages.success(request, _("A correction is opened as a new draft linked to the signed protocol."))
    return redirect(correction)


@login_required
def protocol_pdf(request, pk, lang):
    """The signed protocol's stored PDF (the same bytes whose SHA-256 is on record), or a draft rendered now."""
    protocol = _protocol_or_404(request, pk)
    if lang not in PDF_LANGUAGES:
        raise Http404
    name = f"protocol-{protocol.meeting.date:%Y-%m-%d}-{lang}.pdf"
    if protocol.frozen:
        response = serve_stored_file(
            request,
            getattr(protocol, f"pdf_{lang}"),
            expected_sha256=getattr(protocol, f"sha256_{lang}"),
            filename=name,
            subject=protocol,
            council=protocol.council,
            as_attachment=False,
            content_type="application/pdf",
        )
        if response.status_code == 200:  # read only when the member got the signed text
            services.receipt_open(user=request.user, protocol=protocol, now=timezone.now())
        return response
    pdf = render_pdf("pdf/protocol.html", services.protocol_context(protocol), lang=lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
@require_GET
def protocol_export(request, pk):
    """The signed protocol for the electronic document system: both PDFs and their metadata in one ZIP."""
    return protocol_export_response(request, _protocol_or_404(request, pk))
