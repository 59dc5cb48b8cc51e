from django import forms
from django.utils.translation import gettext_lazy as _

from council.http import within_calendar
from council.models import Body
from council.selectors import council_bodies
from council.uploads import DOCUMENT_TYPES, validate_document

from .models import Plan, PlanItem, PlanRevision


class BodyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BodiesChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def bodies(council=None):
    """The bodies a picker offers: those of the council's registry (a seat or a secretariat employee on
    it), so a republic council's form never lists an oblast's departments; every body without a council."""
    if council is None:
        return Body.objects.order_by("name_ru")

    return council_bodies(council)


QUARTERS = [("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")]


class VersionedForm(forms.Form):
    """A form that edits a stored draft carries, in a hidden field, the version of the text it was opened
    with; the service refuses a save over a newer version, so nobody's save silently undoes another's.
    ``versioned``: the form edits a stored row (a new one has no version yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, versioned=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.versioned = versioned

    def clean(self):
        data = super().clean()
        self.errors.pop("version", None)  # a hidden field's own error would not be seen
        if self.versioned and data.get("version") is None:
            self.add_error(
                None,
                _(
                    "The page did not say which version of the text it was opened with; nothing was saved. "
                    "Your text is kept below and the current text is shown: review it and save again."
                ),
            )
        return data

    @property
    def based_on(self):
        """The version the submitted page was opened with, or None."""
        try:
            return int(self.data.get(self.add_prefix("version"), ""))
        except (TypeError, ValueError):
            return None

    def rebase(self, version):
        """After a refusal: what the user typed stays, and the next save is based on ``version``, the text
        now shown to them."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(version)


class ItemFields(VersionedForm):
    question_kk = forms.CharField(label=_("Question (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}))
    question_ru = forms.CharField(label=_("Question (Russian)"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_body = BodyChoice(
        label=_("Responsible executor (listed first)"), queryset=Body.objects.none(), required=False
    )
    co_executors = BodiesChoice(
        label=_("Co-executors"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("In the order they are listed in the plan."),
    )
    planned_quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=QUARTERS, coerce=int, empty_value=None, required=False
    )
    planned_meeting = forms.DateField(
        label=_("Planned meeting"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )
    form_kk = forms.CharField(
        label=_("Form of completion (Kazakh)"),
        required=False,
        max_length=PlanItem._meta.get_field("form_kk").max_length,
    )
    form_ru = forms.CharField(
        label=_("Form of completion (Russian)"),
        required=False,
        max_length=PlanItem._meta.get_field("form_ru").max_length,
    )
    stage = forms.ChoiceField(
        label=_("Stage (analytical plans)"), required=False, choices=[("", "—"), *PlanItem.Stage.choices]
    )
    # Items are addressed by number, and numbers shift when an item is removed: the page also says which
    # item it was opened for.
    item = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, stages=True, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_body"].queryset = bodies(council)
        self.fields["co_executors"].queryset = bodies(council)
        if not stages:
            del self.fields["stage"]

    @property
    def opened_for(self):
        """The id of the item the submitted page was opened for, or None."""
        try:
            return int(self.data.get(self.add_prefix("item"), ""))
        except (TypeError, ValueError):
            return None

    def item_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "co_executors" and k in self.fields}
        for key in ("reason", "explanation", "version", "item"):
            data.pop(key, None)
        return data

    def ordered_co_executors(self):
        chosen = list(self.cleaned_data.get("co_executors") or [])
        order = (
            [int(x) for x in self.data.getlist(self.add_prefix("co_executors"))]
            if hasattr(self.data, "getlist")
            else []
        )
        return sorted(chosen, key=lambda b: order.index(b.pk) if b.pk in order else 0)


class CorrectionForm(ItemFields):
    reason = forms.ChoiceField(
        label=_("Reason for the correction"),
        choices=[c for c in PlanRevision.Reason.choices if c[0] != PlanRevision.Reason.APPROVAL],
    )
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    field_order = ["reason", "explanation"]


class RemoveForm(forms.Form):
    reason = CorrectionForm.base_fields["reason"]
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PlanCreateForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=())
    start = forms.DateField(
        label=_("First day of the period"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["period"].choices = [(p, Plan.Period(p).label) for p in periods]


class DecisionForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when returning the draft."),
    )


class ProposalForm(forms.Form):
    question_kk = forms.CharField(label=_("Question (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}))
    question_ru = forms.CharField(label=_("Question (Russian)"), widget=forms.Textarea(attrs={"rows": 3}))
    justification_kk = forms.CharField(
        label=_("Justification (Kazakh)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    justification_ru = forms.CharField(
        label=_("Justification (Russian)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    justification_file = forms.FileField(
        label=_("Justification note (file)"),
        required=False,
        help_text=_("PDF, DOCX or ODT, instead of the text."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )
    responsible_body = BodyChoice(label=_("Proposed responsible executor"), queryset=Body.objects.none())
    co_executors = BodiesChoice(label=_("Proposed co-executors"), queryset=Body.objects.none(), required=False)
    desired_quarter = forms.TypedChoiceField(
        label=_("Desired quarter"), choices=QUARTERS, coerce=int, empty_value=None, required=False
    )
    # R-001-1.2: where the council may not deal with a specific criminal case, the proposer confirms it.
    not_a_criminal_case = forms.BooleanField(
        label=_("The question does not concern a specific criminal case (R-001-1.2)"), required=False
    )

    def __init__(self, *args, council=None, criminal_case_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not criminal_case_confirmation:
            del self.fields["not_a_criminal_case"]
        self.fields["responsible_body"].queryset = bodies(council)
        self.fields["co_executors"].queryset = bodies(council)

    def clean_justification_file(self):
        upload = self.cleaned_data.get("justification_file")
        if upload:
            validate_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("justification_kk") or data.get("justification_ru") or data.get("justification_file")):
            if "justification_file" not in self.errors:
                self.add_error("justification_ru", _("Give the justification: a note as a file or as text."))
        return data


class ProposalDecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ItemControlForm(forms.Form):
    """One step of an approved plan item's control (R-001-2, R-003-18)."""

    step = forms.ChoiceField(
        label=_("Step"),
        choices=[
            ("results", _("Results reported to whoever approved the plan")),
            ("resolution", _("Resolution on the report")),
            ("removal", _("Documents for removal from control submitted")),
            ("acted", _("Results acted on")),
        ],
    )
    resolution_date = forms.DateField(
        label=_("Date of the resolution"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[within_calendar],
    )
    note = forms.CharField(
        label=_("Results or certificate of results"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10000,
    )
