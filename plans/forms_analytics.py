"""Forms of unplanned analytical work (R-004-6..10, R-004-14)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.http import within_calendar
from council.models import Body, User
from council.uploads import DOCUMENT_TYPES, validate_document

from .forms import BodyChoice
from .models import UnplannedDocument, UnplannedWork

_F = UnplannedWork._meta.get_field
_D = UnplannedDocument._meta.get_field
DATE = forms.DateInput(attrs={"type": "date"})


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def _document_field(label):
    return forms.FileField(label=label, help_text=_("PDF, DOCX or ODT."))


def _checked(upload):
    if upload:
        validate_document(upload, allowed=DOCUMENT_TYPES)
    return upload


class UnplannedForm(forms.Form):
    basis = forms.ChoiceField(label=_("Basis"), choices=UnplannedWork.Basis.choices, widget=forms.RadioSelect)
    number = forms.CharField(label=_("Number"), max_length=_F("number").max_length)
    date = forms.DateField(label=_("Date"), widget=DATE, validators=[within_calendar])
    author = forms.CharField(label=_("Author (who signed)"), max_length=_F("author").max_length)
    requesting_body = BodyChoice(
        label=_("Requesting state body"), queryset=Body.objects.order_by("name_ru"), required=False
    )
    agreed_by = forms.CharField(
        label=_("Agreed by (Prosecutor General or deputy)"), max_length=_F("agreed_by").max_length, required=False
    )
    received_on = forms.DateField(label=_("Received"), widget=DATE, validators=[within_calendar])
    text_kk = forms.CharField(label=_("Text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_ru = forms.CharField(label=_("Text (Russian)"), widget=forms.Textarea(attrs={"rows": 3}))
    executor = PersonChoice(label=_("Executor"), queryset=User.objects.none())
    due_date = forms.DateField(
        label=_("Execution deadline set by the Prosecutor General or deputy"),
        help_text=_("Leave empty for one month (R-004-10)."),
        widget=DATE,
        required=False,
        validators=[within_calendar],
    )

    def __init__(self, *args, executors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executor"].queryset = User.objects.filter(pk__in=[u.pk for u in executors]).order_by("username")


class AcceptForm(forms.Form):
    due_date = forms.DateField(
        label=_("Execution deadline set by the Prosecutor General or deputy"),
        help_text=_("Leave empty for one month (R-004-10)."),
        widget=DATE,
        required=False,
        validators=[within_calendar],
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reasons for refusal"), widget=forms.Textarea(attrs={"rows": 3}))
    report = _document_field(_("Reasoned report to the Prosecutor General"))

    def clean_report(self):
        return _checked(self.cleaned_data.get("report"))


class AnswerForm(forms.Form):
    answer = _document_field(_("Reasoned answer to the state body"))
    number = forms.CharField(label=_("Outgoing number"), max_length=_D("number").max_length, required=False)
    dispatched_on = forms.DateField(label=_("Sent on"), widget=DATE, validators=[within_calendar])

    def clean_answer(self):
        return _checked(self.cleaned_data.get("answer"))


class ResultForm(forms.Form):
    title_kk = forms.CharField(label=_("Title (Kazakh)"), max_length=400)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=400)
    text_kk = forms.CharField(label=_("Text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    text_ru = forms.CharField(label=_("Text (Russian)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    personal_terms = forms.CharField(
        label=_("Personal data to mask"),
        help_text=_("Names and other personal data in the text, one per line; they are always masked (R-004-12)."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
