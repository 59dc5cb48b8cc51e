from django import forms
from django.utils.translation import gettext_lazy as _

from council.http import within_calendar
from plans.forms import BodiesChoice, BodyChoice, VersionedForm, bodies

from .models import AssignmentKind, Periodicity, ShorteningGround


class ItemForm(VersionedForm):
    heard_kk = forms.CharField(label=_("Heard (Kazakh)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    heard_ru = forms.CharField(label=_("Heard (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(VersionedForm):
    text_kk = forms.CharField(label=_("Decision (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_ru = forms.CharField(label=_("Decision (Russian)"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = BodyChoice(label=_("Responsible executor (organises the execution)"), queryset=bodies())
    co_executors = BodiesChoice(label=_("Co-executors"), required=False, queryset=bodies())
    due_date = forms.DateField(
        label=_("Execution deadline"),
        required=False,
        help_text=_("Left empty: one month from the meeting (R-003-23)."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    kind = forms.ChoiceField(
        label=_("Kind of assignment"),
        required=False,
        choices=[("", _("a decision of the council"))],
        help_text=_("The Office's assignments have minimum execution periods (R-003-40..44)."),
    )
    shortened_on = forms.ChoiceField(label=_("Ground for a shorter period"), required=False, choices=[("", "—")])
    period = forms.ChoiceField(
        label=_("Periodic"),
        required=False,
        choices=[("", _("no"))],
        help_text=_("Reported at each date; with no deadline, up to 31 December (R-003-47)."),
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = bodies(council)
        self.fields["co_executors"].queryset = bodies(council)

        self.fields["kind"].choices += AssignmentKind.choices
        self.fields["shortened_on"].choices += ShorteningGround.choices
        self.fields["period"].choices += Periodicity.choices

    def executors(self):
        data = self.cleaned_data
        return [data["responsible"], *[b for b in data["co_executors"] if b != data["responsible"]]]


class AgreeByForm(forms.Form):
    agree_by = forms.DateField(
        label=_("Members answer by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )


class SignForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        help_text=_("Signing is confirmed by entering your password again."),
    )


class DispatchForm(forms.Form):
    bodies = BodiesChoice(
        label=_("Also send copies to"), required=False, queryset=bodies(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = bodies(council)


class PublicPartForm(forms.Form):
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1, max_value=1_000_000)
    remarks_kk = forms.CharField(
        label=_("Citizens' complaints, proposals and remarks (Kazakh)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    remarks_ru = forms.CharField(
        label=_("Citizens' complaints, proposals and remarks (Russian)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class OralInstructionForm(forms.Form):
    """R-003-44: an urgent oral instruction, entered by the end of the working day it was given."""

    given_by = forms.CharField(label=_("Given by"), max_length=300)
    given_at = forms.DateTimeField(
        label=_("Given at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    body = BodyChoice(label=_("To"), queryset=bodies())
    text = forms.CharField(label=_("Instruction"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
