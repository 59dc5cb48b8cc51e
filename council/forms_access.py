"""Forms of access to sensitive material (R-004-11..13)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .http import within_calendar
from .models import AccessLogEntry, DisclosureOrder

DATE = forms.DateInput(attrs={"type": "date"})


class BasisForm(forms.Form):
    """R-004-11: the basis of this access; R-004-13: the workstation's identifier as the user types it."""

    basis_kind = forms.ChoiceField(label=_("Basis"), choices=AccessLogEntry.BasisKind.choices, widget=forms.RadioSelect)
    reference = forms.CharField(label=_("Plan item number, or memo / assignment number"), max_length=100)
    basis_date = forms.DateField(
        label=_("Plan approval date, or memo / assignment date"), widget=DATE, validators=[within_calendar]
    )
    workstation = forms.CharField(
        label=_("Workstation identifier"),
        max_length=AccessLogEntry._meta.get_field("workstation").max_length,
        help_text=_("As written on the certified workstation; the system cannot verify it (R-004-13)."),
    )
    disclose = forms.BooleanField(
        label=_("Show personal data under the order of the Prosecutor General"), required=False
    )

    def __init__(self, *args, can_disclose=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_disclose:
            del self.fields["disclose"]


class DisclosureOrderForm(forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=DisclosureOrder._meta.get_field("number").max_length)
    date = forms.DateField(label=_("Order date"), widget=DATE, validators=[within_calendar])
    valid_until = forms.DateField(label=_("In force until"), widget=DATE, validators=[within_calendar])
    fields = forms.MultipleChoiceField(
        label=_("Personal data disclosed"),
        choices=DisclosureOrder.Field.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    persons = forms.CharField(
        label=_("Only these persons"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name a line, as the order names them. Empty: every person in the material."),
    )
    scope = forms.CharField(
        label=_("Scope as the order words it"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawOrderForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AccessLogFilter(forms.Form):
    person = forms.CharField(label=_("Person"), max_length=100, required=False)
    material = forms.IntegerField(label=_("Material number"), min_value=1, max_value=2**31 - 1, required=False)
    start = forms.DateField(label=_("From"), widget=DATE, required=False, validators=[within_calendar])
    end = forms.DateField(label=_("To"), widget=DATE, required=False, validators=[within_calendar])
