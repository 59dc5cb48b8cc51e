"""Pages of what follows a citizen's question at a police chief's report: its check (R-002-16) and its
forwarding with notice (R-002-17), under the leadership's control (R-002-19)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.http import run_form_action, within_calendar
from council.models import Body
from council.rules import allowed
from secretariat.models import CitizenQuestion

from .models import QuestionCheck, QuestionForward
from .services import police


def _date(label):
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), validators=[within_calendar]
    )


class ForwardForm(forms.Form):
    body = forms.ModelChoiceField(label=gettext_lazy("Competent state body"), queryset=Body.objects.all())
    basis = forms.ChoiceField(label=gettext_lazy("Basis"), choices=QuestionForward.Basis.choices)
    outgoing_number = forms.CharField(label=gettext_lazy("Outgoing number"), max_length=64)
    outgoing_date = _date(gettext_lazy("Outgoing date"))


class NoticeForm(forms.Form):
    notice_date = _date(gettext_lazy("Person notified on"))
    notice_channel = forms.ChoiceField(label=gettext_lazy("Notified by"), choices=QuestionForward.Channel.choices)


class ResultForm(forms.Form):
    result = forms.CharField(
        label=gettext_lazy("Result of the check"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )


def _question_or_404(request, pk):
    question = get_object_or_404(CitizenQuestion.objects.select_related("report__meeting__council"), pk=pk)
    if not request.user.has_perm("council.open_council", question.council):
        raise Http404
    return question


def _editor(request, question):
    if not allowed(request.user, "protocols.edit_protocol", question.council, day=timezone.localdate()):
        raise PermissionDenied


@login_required
def question_follow_up(request, pk):
    """The question, and its check or forwarding: deadline, period, notice (R-002-16, R-002-17)."""
    question = _question_or_404(request, pk)
    check = QuestionCheck.objects.filter(question=question).first()
    forward = QuestionForward.objects.filter(question=question).select_related("body").first()
    can_edit = allowed(request.user, "protocols.edit_protocol", question.council, day=timezone.localdate())
    return render(
        request,
        "protocols/question_follow_up.html",
        {
            "question": question,
            "report": question.report,
            "council": question.council,
            "check": check,
            "forward": forward,
            "period": police.check_period(question.council),
            "can_edit": can_edit,
            "pending": question.outcome == CitizenQuestion.Outcome.PENDING,
            "forward_form": ForwardForm(initial={"outgoing_date": timezone.localdate()}),
            "notice_form": NoticeForm(initial={"notice_date": timezone.localdate()}),
            "result_form": ResultForm(),
        },
    )


@login_required
@require_POST
def question_check_new(request, pk):
    question = _question_or_404(request, pk)
    _editor(request, question)
    try:
        police.check_open(actor=request.user, question=question, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question is recorded in the protocol for a check."))
    return redirect("protocols:question_follow_up", question.pk)


@login_required
@require_POST
def question_forward_new(request, pk):
    question = _question_or_404(request, pk)
    _editor(request, question)
    run_form_action(
        request,
        ForwardForm(request.POST),
        lambda d: police.forward_record(actor=request.user, question=question, now=timezone.now(), **d),
        _("The forwarding is recorded; notify the person who raised the question."),
    )
    return redirect("protocols:question_follow_up", question.pk)


@login_required
@require_POST
def check_close(request, pk):
    question = _question_or_404(request, pk)
    _editor(request, question)
    check = get_object_or_404(QuestionCheck, question=question)
    run_form_action(
        request,
        ResultForm(request.POST),
        lambda d: police.check_close(actor=request.user, check=check, result=d["result"], now=timezone.now()),
        _("The result of the check is recorded."),
    )
    return redirect("protocols:question_follow_up", question.pk)


@login_required
@require_POST
def forward_notify(request, pk):
    question = _question_or_404(request, pk)
    _editor(request, question)
    forward = get_object_or_404(QuestionForward, question=question)
    run_form_action(
        request,
        NoticeForm(request.POST),
        lambda d: police.forward_complete(actor=request.user, forward=forward, now=timezone.now(), **d),
        _("The notice is recorded; the forwarding is complete."),
    )
    return redirect("protocols:question_follow_up", question.pk)
