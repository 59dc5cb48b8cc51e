from django import forms
from django.utils.translation import gettext_lazy as _


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place_kk = forms.CharField(label=_("Place (Kazakh)"), required=False)
    place_ru = forms.CharField(label=_("Place (Russian)"), required=False)
    online = forms.BooleanField(label=_("Online meeting"), required=False)

    def __init__(self, *args, online_allowed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not online_allowed:
            del self.fields["online"]


class AgreementRequestForm(forms.Form):
    agree_by = forms.DateField(
        label=_("Members answer by"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class InviteeForm(forms.Form):
    full_name_ru = forms.CharField(label=_("Full name (Russian)"))
    full_name_kk = forms.CharField(label=_("Full name (Kazakh)"), required=False)
    position_ru = forms.CharField(label=_("Position (Russian)"), required=False)
    position_kk = forms.CharField(label=_("Position (Kazakh)"), required=False)


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
        label=_("Desired date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
