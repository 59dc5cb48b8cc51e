from django import forms
from django.utils.translation import gettext_lazy as _

from council.models import RegulationProfile
from council.uploads import DOCUMENT_TYPES, validate_document

from .models import Approval


class ApprovalForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is submitted"), choices=Approval.Kind.choices)
    note = forms.CharField(label=_("Covering note"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, DOCX or ODT. Required for a regulation."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )
    profile = forms.ModelChoiceField(
        label=_("Regulation profile"),
        queryset=RegulationProfile.objects.order_by("code", "-version"),
        required=False,
        help_text=_("For a regulation: the deadlines and rules it sets, applied when the chair approves it."),
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            validate_document(document)
        return document

    def clean(self):
        data = super().clean()
        if data.get("kind") == Approval.Kind.REGULATION and not data.get("document") and "document" not in self.errors:
            self.add_error("document", _("Attach the regulation document."))
        return data


class DecisionForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required when returning: what the council must work in."),
    )


class RegionalReportForm(forms.Form):
    """The quarter's regional report, a PDF of at most 5 pages (R-003-33)."""

    report = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    document = forms.FileField(
        label=_("Report (PDF, at most 5 pages)"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )
