"""Pages of the control of execution, the report to the chair, the compliance dashboard and search."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council import exports
from council.access import sensitive_found
from council.context_processors import overseen_ids
from council.deadline_services import request_calendar
from council.http import (
    SEARCH_MAX,
    attach_errors,
    client_ip,
    id_param,
    int_param,
    refuse_bad_input,
    run_action,
    text_param,
    within_calendar,
    year_param,
)
from council.models import Body, Council
from council.navcache import cached_fragment, fragment_key
from council.pagination import keyset_page
from council.pdf import PDF_LANGUAGES, render_pdf
from council.rules import allowed
from council.selectors import bodies_of, council_bodies, councils_visible_to
from council.uploads import DOCUMENT_TYPES
from council.views import object_or_404, visible_council_or_404

from . import compliance, control, selectors, services
from .models import Assignment, ChairReport, ExecutionReport, Extension
from .search import STATUS_PATHS, status_choices
from .search import kinds as search_kinds
from .search import search as run_search

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("What was done"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(
        label=gettext_lazy("Document"), required=False, help_text=gettext_lazy("PDF, DOCX, XLSX or ODT.")
    )


class ExtensionForm(forms.Form):
    new_due_date = forms.DateField(label=gettext_lazy("New deadline"), widget=DATE, validators=[within_calendar])
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ChairReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=DATE, validators=[within_calendar])
    end = forms.DateField(label=gettext_lazy("To"), widget=DATE, validators=[within_calendar])
    conclusions_kk = forms.CharField(
        label=gettext_lazy("Conclusions (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusions_ru = forms.CharField(
        label=gettext_lazy("Conclusions (Russian)"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("The period ends after it begins."))
        return data


def _assignment_or_404(request, pk):
    return object_or_404(
        request,
        Assignment.objects.select_related(
            "body", "decision__item__protocol__meeting", "question_check__question", "question_check__protocol__meeting"
        ),
        pk=pk,
    )


@login_required
@refuse_bad_input
def assignment_list(request, code):
    """The execution control list: everything under control, filtered; a body's employee starts with
    their own body's assignments."""
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    own_first = allowed(request.user, "protocols.own_body_first", council, day=today)
    own = [b.pk for b in bodies_of(user=request.user, council=council, day=today)] if own_first else []
    body = request.GET.get("body", str(own[0]) if own and "body" not in request.GET else "")
    status = request.GET.get("status", "open" if "status" not in request.GET else "")
    body_id = int(body) if id_param({"body": body}, "body", label=_("Body")) is not None else None
    after = request.GET.get("after")
    is_staff = allowed(request.user, "protocols.see_control_overview", council, day=today)

    def content():
        qs = selectors.assignments_filtered(council=council, today=today, body_id=body_id, status=status)
        page = keyset_page(qs, keys=("due_date", "id"), after=after, size=50)
        rows = selectors.control_rows(page.object_list, today=today, calendar=lambda: request_calendar(request))
        context = {
            "council": council,
            "page": page,
            "rows": rows,
            "bodies": council_bodies(council),
            "filters": {"body": body, "status": status},
            "statuses": Assignment.Status.choices,
            "is_staff": is_staff,
        }
        return render_to_string("protocols/_assignment_list_body.html", context, request=request)

    # The list changes with the council's assignments, their extensions and deadlines, its bodies and the
    # decrees, each of which bumps the council's generation (council.navcache); the labels come from sent
    # protocols, which do not change. Kept per filter, page, day and language, shared by its staff.
    key = fragment_key(
        "control",
        councils=[council.pk],
        parts=(translation.get_language(), today, body, status, after, is_staff),
    )
    return render(
        request, "protocols/assignment_list.html", {"council": council, "body": cached_fragment(key, content)}
    )


@login_required
def assignment_detail(request, pk):
    assignment = _assignment_or_404(request, pk)
    today = timezone.localdate()
    user = request.user
    # A check of a citizen's question is executed on the question's page, not by reports here (R-002-16).
    check = assignment.question_check
    employee = control.is_body_employee(user, assignment, today) and check is None
    parts = (
        Assignment.objects.filter(decision_id=assignment.decision_id, responsible=False)
        .select_related("body")
        .prefetch_related(Prefetch("reports", queryset=ExecutionReport.objects.order_by("-version")))
        if assignment.responsible and check is None
        else []
    )
    lead = control.responsible_of(assignment)
    return render(
        request,
        "protocols/assignment_detail.html",
        {
            "assignment": assignment,
            "council": assignment.council,
            "decision": assignment.decision,
            "check": check,
            "reports": assignment.reports.select_related("submitted_by"),
            "parts": parts,
            "lead": lead,
            "steps": assignment.steps.select_related("actor"),
            "extensions": assignment.extensions.select_related("requested_by", "decided_by"),
            "may_report": employee and assignment.status in Assignment.OPEN,
            "may_analyse": allowed(user, "protocols.analyse_execution", assignment, day=today)
            and assignment.responsible
            and check is None
            and assignment.status == Assignment.Status.REPORTED,
            "may_remove": allowed(user, "protocols.chair_control", assignment, day=today)
            and check is None
            and assignment.status == Assignment.Status.PROPOSED,
            "may_extend": employee and assignment.responsible and assignment.status in Assignment.OPEN,
            "is_chair": allowed(user, "protocols.chair_control", assignment, day=today),
            "extension_last_day": control.extension_last_day(assignment),
            "report_form": ReportForm(),
            "extension_form": ExtensionForm(),
            "history": assignment.history.order_by("-history_date")[:20],
            "today": today,
        },
    )


@login_required
def assignment_report(request, pk):
    assignment = _assignment_or_404(request, pk)
    if not request.user.has_perm("protocols.report_execution", assignment):
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            control.report_submit(
                actor=request.user,
                assignment=assignment,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The report is submitted."))
            return redirect(assignment)
    return render(
        request,
        "protocols/assignment_report.html",
        {"assignment": assignment, "council": assignment.council, "form": form, "types": DOCUMENT_TYPES},
    )


@login_required
@require_POST
@refuse_bad_input
def assignment_analyse(request, pk):
    assignment = _assignment_or_404(request, pk)
    accept = request.POST.get("decision") == "accept"
    remarks = text_param(request.POST, "remarks", label=_("Remarks"))
    certificate = text_param(request.POST, "certificate", label=_("Certificate of results"))
    return run_action(
        request,
        assignment,
        lambda: control.report_analyse(
            actor=request.user,
            assignment=assignment,
            accept=accept,
            remarks=remarks,
            certificate=certificate,
            now=timezone.now(),
        ),
        _("Proposed to the chair for removal from control.") if accept else _("The report is returned with remarks."),
    )


@login_required
@require_POST
@refuse_bad_input
def assignment_removal(request, pk):
    assignment = _assignment_or_404(request, pk)
    remove = request.POST.get("decision") == "remove"
    comment = text_param(request.POST, "comment", label=_("Comment"))
    return run_action(
        request,
        assignment,
        lambda: control.removal_decide(
            actor=request.user,
            assignment=assignment,
            remove=remove,
            comment=comment,
            now=timezone.now(),
        ),
        _("Removed from control.") if remove else _("It stays under control; returned to the body."),
    )


@login_required
@require_POST
def extension_request(request, pk):
    assignment = _assignment_or_404(request, pk)
    if not request.user.has_perm("protocols.report_execution", assignment):
        raise PermissionDenied
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new deadline and the reason."))
        return redirect(assignment)
    return run_action(
        request,
        assignment,
        lambda: control.extension_request(
            actor=request.user, assignment=assignment, now=timezone.now(), **form.cleaned_data
        ),
        _("The extension request is sent to the chair."),
    )


@login_required
@require_POST
@refuse_bad_input
def extension_decide(request, pk):
    extension = object_or_404(request, Extension.objects, council="assignment__council", pk=pk)
    approve = request.POST.get("decision") == "approve"
    comment = text_param(request.POST, "comment", label=_("Comment"))
    return run_action(
        request,
        extension.assignment,
        lambda: control.extension_decide(
            actor=request.user,
            extension=extension,
            approve=approve,
            comment=comment,
            now=timezone.now(),
        ),
        _("The extension is approved; the deadlines moved.") if approve else _("The extension is declined."),
    )


# The report to the chair (R-000-6, R-000-11d) --------------------------------------------------------


def summary_groups(summary):
    """The report's sections, titled in whatever language the page or the document is rendered in."""
    return [
        (gettext_lazy("Executed on time"), summary.on_time),
        (gettext_lazy("Executed late"), summary.late),
        (gettext_lazy("Overdue"), summary.overdue),
        (gettext_lazy("In work"), summary.in_work),
        (gettext_lazy("Deadline extended"), summary.extended),
    ]


def _report_reader_or_403(request, council, today):
    if not allowed(request.user, "protocols.read_control_reports", council, day=today):
        raise PermissionDenied


@login_required
def chair_report(request, code):
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    _report_reader_or_403(request, council, today)
    writer = allowed(request.user, "protocols.analyse_execution", council, day=today)
    previous_end = council.chair_reports.aggregate(end=Max("end"))["end"]
    period = control.report_period(today, previous_end)
    form = ChairReportForm(request.POST or None, initial={"start": period[0], "end": period[1]})
    if form.is_bound and form.is_valid():
        period = (form.cleaned_data["start"], form.cleaned_data["end"])
    elif not form.is_bound and request.GET.get("start"):
        try:
            period = (
                datetime.date.fromisoformat(request.GET["start"]),
                datetime.date.fromisoformat(request.GET["end"]),
            )
        except (KeyError, ValueError):
            pass
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        if form.is_valid():
            report = services.chair_report_create(
                actor=request.user, council=council, now=timezone.now(), **form.cleaned_data
            )
            messages.success(request, _("The report to the chair is prepared."))
            return redirect(
                "protocols:chair_report_pdf",
                report.pk,
                request.LANGUAGE_CODE if request.LANGUAGE_CODE in PDF_LANGUAGES else "ru",
            )
    summary = control.execution_summary(councils=[council], start=period[0], end=period[1], today=today)
    return render(
        request,
        "protocols/chair_report.html",
        {
            "council": council,
            "form": form,
            "writer": writer,
            "summary": summary,
            "groups": summary_groups(summary),
            "period": period,
            "reports": council.chair_reports.select_related("created_by")[:20],
        },
    )


@login_required
def chair_report_pdf(request, pk, lang):
    report = object_or_404(request, ChairReport.objects, pk=pk)
    today = timezone.localdate()
    _report_reader_or_403(request, report.council, today)
    if lang not in PDF_LANGUAGES:
        raise Http404
    summary = control.execution_summary(councils=[report.council], start=report.start, end=report.end, today=today)
    pdf = render_pdf(
        "pdf/chair_report.html",
        {"report": report, "council": report.council, "summary": summary, "groups": summary_groups(summary)},
        lang=lang,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="execution-report-{report.start:%Y%m%d}-{report.end:%Y%m%d}-{lang}.pdf"'
    )
    return response


# The compliance dashboard -----------------------------------------------------------------------------


@login_required
@refuse_bad_input
def compliance_dashboard(request):
    """The compliance of the councils the person oversees (R-000-14). The page's body depends only on the
    councils shown, the period, the day and the language: it is kept under those councils' generations
    (``council.navcache``), so that it is built again once anything it counts has changed."""
    today = timezone.localdate()
    ids = overseen_ids(request)
    code = request.GET.get("council", "")
    if not ids:
        if code:
            raise Http404
        raise PermissionDenied
    year = year_param(request.GET, default=today.year)
    quarter = int_param(request.GET, "quarter", default=0, min=0, max=4, label=_("quarter"))
    if 1 <= quarter <= 4:
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = (datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - datetime.timedelta(days=1)
    else:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        _overseen, councils = _councils_shown(ids, code)
        data = compliance.dashboard(councils=councils, start=start, end=end, today=today)
        header, rows = compliance.export_rows(data)
        name = f"compliance-{year}{f'-q{quarter}' if quarter else ''}"
        return exports.response(rows, header, fmt=fmt, filename=name)

    def body():
        overseen, councils = _councils_shown(ids, code)
        query = urlencode({"council": code, "year": year, "quarter": quarter})
        context = {
            "data": compliance.dashboard(councils=councils, start=start, end=end, today=today),
            "start": start,
            "end": end,
            "year": year,
            "quarter": quarter,
            "overseen": overseen,
            "selected": code,
            "today": today,
            "query": query,
        }
        return render_to_string("protocols/_compliance_body.html", context, request=request)

    key = fragment_key("compliance", councils=ids, parts=(translation.get_language(), today, year, quarter, code))
    return render(request, "protocols/compliance.html", {"body": cached_fragment(key, body)})


def _councils_shown(ids, code):
    """The councils overseen (for the choice of one) and those shown: the one chosen, or all; 404 for a
    council not overseen."""
    overseen = list(Council.objects.filter(pk__in=ids).order_by("kind", "name_ru"))
    councils = [c for c in overseen if c.code == code] if code else overseen
    if not councils:
        raise Http404
    return overseen, councils


# Search -----------------------------------------------------------------------------------------------


@login_required
@refuse_bad_input
def search(request):
    today = timezone.localdate()
    visible = councils_visible_to(user=request.user, day=today)
    code = text_param(request.GET, "council", max_length=SEARCH_MAX, label=_("Council"))
    councils = visible.filter(code=code) if code else visible
    query = text_param(request.GET, "q", max_length=SEARCH_MAX, label=_("Words"))
    year = year_param(request.GET)
    body = id_param(request.GET, "body", label=_("Body"))
    kind = text_param(request.GET, "kind", max_length=SEARCH_MAX, label=_("In"))
    status = text_param(request.GET, "status", max_length=SEARCH_MAX, label=_("Status"))
    status_kind, _sep, status_value = status.partition(":")
    if status_value and status_kind in STATUS_PATHS:  # a status belongs to one kind of document
        kind = status_kind
    page = run_search(
        query=query,
        councils=councils,
        user=request.user,
        day=today,
        year=year,
        kinds=[kind] if kind else None,
        body=body,
        status=status_value or None,
        after=request.GET.get("after"),  # a damaged cursor: the 400 page that says so
    )
    found = [hit.obj for hit in page.object_list if hit.kind == "sensitive"]
    if found:  # R-004-11: a listing of sensitive material is an entry of the access log
        sensitive_found(actor=request.user, materials=found, address=client_ip(request), now=timezone.now())
    return render(
        request,
        "protocols/search.html",
        {
            "hits": page.object_list,
            "page": page,
            "query": query,
            "councils": visible,
            # Only the bodies of the registries of the councils the user sees.
            "bodies": Body.objects.filter(
                Q(positions__seats__council__in=visible) | Q(secretariat_employees__council__in=visible)
            )
            .distinct()
            .order_by("name_ru"),
            "filters": {
                "council": code,
                "year": year or "",
                "body": str(body or ""),
                "kind": kind,
                "status": status,
            },
            "statuses": status_choices(),
            "kinds": search_kinds(),
        },
    )
