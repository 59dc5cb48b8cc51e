"""Forms of a police chief's report to the public (R-002-4, R-002-6, R-002-8, R-002-10, R-002-13,
R-002-18)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.http import within_calendar

from .models import CitizenQuestion, InviteeGroup, PoliceReport, Publication, ReportSchedule, ReportSource, Topic


def _date(label):
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), validators=[within_calendar]
    )


def _length(model, field):
    return model._meta.get_field(field).max_length


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), min_value=2000, max_value=2099)
    approved_on = _date(_("Approved on"))
    approval_number = forms.CharField(
        label=_("Approval number"), required=False, max_length=_length(ReportSchedule, "approval_number")
    )


class ReportForm(forms.Form):
    schedule = forms.ModelChoiceField(label=_("Schedule"), queryset=ReportSchedule.objects.none())
    date = _date(_("Date"))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    place_kk = forms.CharField(label=_("Place (Kazakh)"), max_length=300)
    place_ru = forms.CharField(label=_("Place (Russian)"), max_length=300)
    akimat_kk = forms.CharField(
        label=_("Local executive body invited (Kazakh)"), max_length=_length(PoliceReport, "akimat_kk")
    )
    akimat_ru = forms.CharField(
        label=_("Local executive body invited (Russian)"), max_length=_length(PoliceReport, "akimat_ru")
    )
    invitee_groups = forms.MultipleChoiceField(
        label=_("Also invited (R-002-11)"),
        required=False,
        choices=[c for c in InviteeGroup.choices if c[0] != InviteeGroup.AKIMAT],
        widget=forms.CheckboxSelectMultiple,
    )
    questions_how_kk = forms.CharField(
        label=_("How to send questions (Kazakh)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    questions_how_ru = forms.CharField(
        label=_("How to send questions (Russian)"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = ReportSchedule.objects.filter(council=council)


class TopicsForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("Topics covered (R-002-6)"), required=False, choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )


class PublicationForm(forms.Form):
    channel = forms.ChoiceField(label=_("Where"), choices=Publication.Channel.choices)
    outlet = forms.CharField(label=_("Periodical, channel or web resource"), max_length=_length(Publication, "outlet"))
    published_on = _date(_("Published on"))
    link = forms.URLField(
        label=_("Link"), required=False, assume_scheme="https", max_length=_length(Publication, "link")
    )
    copy = forms.FileField(label=_("Copy"), required=False)


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Source (R-002-10)"), choices=ReportSource.Kind.choices)
    file = forms.FileField(label=_("Document"))


class RegisterForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=_length(PoliceReport, "registration_number")
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CitizenQuestion.Kind.choices)
    received = forms.ChoiceField(label=_("Received"), choices=CitizenQuestion.Received.choices)
    author = forms.CharField(label=_("Who raised it"), max_length=_length(CitizenQuestion, "author"))
    consent_to_contact = forms.BooleanField(label=_("Consents to be contacted"), required=False)
    contact = forms.CharField(label=_("Contact"), required=False, max_length=_length(CitizenQuestion, "contact"))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer given"), widget=forms.Textarea(attrs={"rows": 2}), max_length=20_000)
