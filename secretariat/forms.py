from django import forms
from django.utils.translation import gettext_lazy as _

from council.http import within_calendar

from .models import Invitee, Meeting


def _length(model, field):
    """A text field's column length, so a form refuses what the database could not store."""
    return model._meta.get_field(field).max_length


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )
    time = forms.TimeField(label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place_kk = forms.CharField(label=_("Place (Kazakh)"), required=False, max_length=_length(Meeting, "place_kk"))
    place_ru = forms.CharField(label=_("Place (Russian)"), required=False, max_length=_length(Meeting, "place_ru"))
    online = forms.BooleanField(label=_("Online meeting"), required=False)
    # R-001-1.2: where the council may not deal with a specific criminal case, the secretary confirms the
    # questions taken from the plan that their proposers have not confirmed.
    not_a_criminal_case = forms.BooleanField(
        label=_("The questions do not concern a specific criminal case (R-001-1.2)"), required=False
    )

    def __init__(self, *args, online_allowed=False, criminal_case_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not online_allowed:
            del self.fields["online"]
        if not criminal_case_confirmation:
            del self.fields["not_a_criminal_case"]


class AgreementRequestForm(forms.Form):
    agree_by = forms.DateField(
        label=_("Members answer by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )


class InviteeForm(forms.Form):
    full_name_ru = forms.CharField(label=_("Full name (Russian)"), max_length=_length(Invitee, "full_name_ru"))
    full_name_kk = forms.CharField(
        label=_("Full name (Kazakh)"), required=False, max_length=_length(Invitee, "full_name_kk")
    )
    position_ru = forms.CharField(
        label=_("Position (Russian)"), required=False, max_length=_length(Invitee, "position_ru")
    )
    position_kk = forms.CharField(
        label=_("Position (Kazakh)"), required=False, max_length=_length(Invitee, "position_kk")
    )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is submitted"), choices=())
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, XLSX or ODT. The reference note: PDF of up to 8 pages.")
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class ExtraordinaryForm(forms.Form):
    question_kk = forms.CharField(label=_("Question (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}))
    question_ru = forms.CharField(label=_("Question (Russian)"), widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 4}))
    desired_date = forms.DateField(
        label=_("Desired date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )
    # R-001-1.2: where the council may not deal with a specific criminal case, the member confirms it.
    not_a_criminal_case = forms.BooleanField(
        label=_("The question does not concern a specific criminal case (R-001-1.2)"), required=False
    )

    def __init__(self, *args, criminal_case_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not criminal_case_confirmation:
            del self.fields["not_a_criminal_case"]


class MemberRequestForm(forms.Form):
    """A request for information or materials to another member's body (R-000-10d)."""

    from_body = forms.ModelChoiceField(label=_("From"), queryset=None)
    to_body = forms.ModelChoiceField(label=_("To"), queryset=None)
    what = forms.CharField(label=_("What is requested"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    due_date = forms.DateField(
        label=_("Answer by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )

    def __init__(self, *args, own_bodies, council_bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_body"].queryset = own_bodies
        self.fields["to_body"].queryset = council_bodies


class MemberRequestAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    files = forms.FileField(label=_("Attachment"), required=False)
