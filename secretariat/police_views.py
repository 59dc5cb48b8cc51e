"""Pages of a police chief's report to the public: the body's schedule and reports, one report's records
(for its secretary), and the public pages that need no login (R-002-4, R-002-6, R-002-8, R-002-10,
R-002-13, R-002-18)."""

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.deadline_services import council_profile
from council.http import run_form_action
from council.models import Council
from council.selectors import deadlines_base
from council.views import visible_council_or_404

from .models import CitizenQuestion, Meeting, PoliceReport
from .police_forms import (
    AnswerForm,
    PublicationForm,
    QuestionForm,
    RegisterForm,
    ReportForm,
    ScheduleForm,
    SourceForm,
    TopicsForm,
)
from .police_report import PUBLIC_FIELDS, announcement_text, public_facts, reports_of, upcoming_reports
from .services import police


def _police_council_or_404(request, code):
    council = visible_council_or_404(request, code)
    if council.kind != Council.Kind.PUBLIC_REPORT:
        raise Http404
    return council


def _report_or_404(request, pk):
    report = get_object_or_404(PoliceReport.objects.select_related("meeting__council", "schedule"), pk=pk)
    if not request.user.has_perm("council.open_council", report.council):
        raise Http404
    return report


def _keeper(request, obj):
    if not police.can_keep(request.user, obj, timezone.localdate()):
        raise PermissionDenied


@login_required
def police_reports(request, code):
    """The body's schedules of reports and its reports (R-002-4, R-002-8.1)."""
    council = _police_council_or_404(request, code)
    can_keep = police.can_keep(request.user, council, timezone.localdate())
    return render(
        request,
        "secretariat/police_reports.html",
        {
            "council": council,
            "schedules": council.report_schedules.all(),
            "reports": reports_of(council),
            "can_keep": can_keep,
            "schedule_form": ScheduleForm(),
            "report_form": ReportForm(council=council),
        },
    )


@login_required
@require_POST
def schedule_approve(request, code):
    council = _police_council_or_404(request, code)
    _keeper(request, council)
    run_form_action(
        request,
        ScheduleForm(request.POST),
        lambda d: police.schedule_approve(actor=request.user, council=council, now=timezone.now(), **d),
        _("The schedule of reports is recorded."),
    )
    return redirect("secretariat:police_reports", council.code)


@login_required
@require_POST
def report_new(request, code):
    council = _police_council_or_404(request, code)
    _keeper(request, council)
    run_form_action(
        request,
        ReportForm(request.POST, council=council),
        lambda d: police.police_report_schedule(actor=request.user, now=timezone.now(), **d),
        _("The report is scheduled; its announcement is due before it."),
    )
    return redirect("secretariat:police_reports", council.code)


@login_required
def police_report(request, pk):
    """One report: its facts, deadlines, the announcement to publish, publications, topics, sources,
    registration and the citizens' questions."""
    report = _report_or_404(request, pk)
    meeting = report.meeting
    can_keep = police.can_keep(request.user, report, timezone.localdate())
    deadlines = deadlines_base().filter(subject_type=ContentType.objects.get_for_model(Meeting), subject_id=meeting.pk)
    return render(
        request,
        "secretariat/police_report.html",
        {
            "report": report,
            "meeting": meeting,
            "council": report.council,
            "deadlines": deadlines.order_by("due_date", "id"),
            "today": timezone.localdate(),
            "announcement": {lang: announcement_text(report, lang) for lang in ("kk", "ru")},
            "publications": report.publications.all(),
            "sources": report.sources.all(),
            "questions": report.questions.all(),
            "retention_years": council_profile(report.council).typed.retention_years,
            "protocols": meeting.protocols.order_by("id") if meeting.status == Meeting.Status.HELD else [],
            "can_keep": can_keep,
            "held": meeting.status == Meeting.Status.HELD,
            "topics_form": TopicsForm(initial={"topics": report.topics}),
            "publication_form": PublicationForm(),
            "source_form": SourceForm(),
            "register_form": RegisterForm(initial={"registration_number": report.registration_number}),
            "question_form": QuestionForm(),
            "answer_form": AnswerForm(),
            "outcome": CitizenQuestion.Outcome,
        },
    )


def _report_action(request, pk, form_class, call, success):
    report = _report_or_404(request, pk)
    _keeper(request, report)
    form = form_class(request.POST, request.FILES)
    run_form_action(request, form, lambda d: call(report, d), success)
    return redirect(report)


@login_required
@require_POST
def report_topics(request, pk):
    return _report_action(
        request,
        pk,
        TopicsForm,
        lambda r, d: police.report_topics_save(actor=request.user, report=r, topics=d["topics"], now=timezone.now()),
        _("The topics are saved."),
    )


@login_required
@require_POST
def report_register(request, pk):
    return _report_action(
        request,
        pk,
        RegisterForm,
        lambda r, d: police.report_register(actor=request.user, report=r, now=timezone.now(), **d),
        _("The materials are registered."),
    )


@login_required
@require_POST
def publication_add(request, pk):
    def call(report, d):
        police.publication_record(
            actor=request.user,
            report=report,
            channel=d["channel"],
            outlet=d["outlet"],
            published_on=d["published_on"],
            link=d["link"],
            upload=d["copy"],
            now=timezone.now(),
        )

    return _report_action(request, pk, PublicationForm, call, _("The publication is recorded."))


@login_required
@require_POST
def source_add(request, pk):
    return _report_action(
        request,
        pk,
        SourceForm,
        lambda r, d: police.source_add(
            actor=request.user, report=r, kind=d["kind"], upload=d["file"], now=timezone.now()
        ),
        _("The source is attached."),
    )


@login_required
@require_POST
def question_add(request, pk):
    return _report_action(
        request,
        pk,
        QuestionForm,
        lambda r, d: police.question_add(actor=request.user, report=r, now=timezone.now(), **d),
        _("The question is recorded."),
    )


@login_required
@require_POST
def question_answer(request, pk):
    question = get_object_or_404(CitizenQuestion.objects.select_related("report__meeting__council"), pk=pk)
    report = question.report
    if not request.user.has_perm("council.open_council", report.council):
        raise Http404
    _keeper(request, question)
    run_form_action(
        request,
        AnswerForm(request.POST),
        lambda d: police.question_answer(actor=request.user, question=question, answer=d["answer"], now=timezone.now()),
        _("The answer is recorded."),
    )
    return redirect(report)


# Public pages: no login, only PUBLIC_FIELDS (R-002-8.2).


def public_report(request, pk):
    """The public page of a scheduled report: time, place, topics and how to send questions, in Kazakh and
    Russian. Nothing else of the system."""
    report = get_object_or_404(
        PoliceReport.objects.select_related("meeting__council", "schedule").exclude(
            meeting__status=Meeting.Status.CANCELLED
        ),
        pk=pk,
        meeting__council__is_active=True,
    )
    facts = {lang: public_facts(report, lang) for lang in ("kk", "ru")}
    return render(request, "secretariat/public_report.html", {"facts": facts, "fields": PUBLIC_FIELDS})


def public_reports(request, code):
    """The public list of a body's upcoming reports."""
    council = get_object_or_404(Council, code=code, is_active=True, kind=Council.Kind.PUBLIC_REPORT)
    rows = [
        (r.pk, {lang: public_facts(r, lang) for lang in ("kk", "ru")})
        for r in upcoming_reports(council, timezone.localdate())
    ]
    return render(
        request,
        "secretariat/public_reports.html",
        {"name": {"kk": council.name_kk or council.name_ru, "ru": council.name_ru}, "rows": rows},
    )
