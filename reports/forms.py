"""The district's quarterly report form and the reviewer's forms."""
from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import DistrictGroup
from indicators.kinds import report_field_names
from indicators.models import Quarter
from okr_tracker.forms import ThaiDecimalField
from okr_tracker.forms import number_input as _number_input

from .evidence import (MAX_EVIDENCE_BYTES, MAX_FILES_PER_REPORT, MAX_UPLOAD_BYTES_PER_SAVE, EvidenceRejected,
                       sniff_content_type)
from .models import Report


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# The figures some kind reports: the form drops them all and takes the kind's own (Kind.form_fields).
KIND_FIELDS = report_field_names()


class ReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    budget_allocated = ThaiDecimalField(label=_("Allocated (baht)"), min_value=0, max_digits=14, decimal_places=2, required=False, widget=_number_input("decimal"))
    budget_disbursed = ThaiDecimalField(label=_("Disbursed (baht)"), min_value=0, max_digits=14, decimal_places=2, required=False, widget=_number_input("decimal"))
    budget_returned = ThaiDecimalField(label=_("Returned (baht)"), min_value=0, max_digits=14, decimal_places=2, required=False, widget=_number_input("decimal"))
    evidence_files = MultipleFileField(label=_("Add evidence files"), required=False,
                                       help_text=_("PDF, PNG, JPEG or Office files, up to 10 MB each and 50 MB in one save."))

    class Meta:
        model = Report
        fields = [
            *KIND_FIELDS, "budget_allocated", "budget_disbursed", "budget_returned",
            "narrative", "obstacles", "supporting_factors", "warning_explanation",
        ]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
            "supporting_factors": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, report, figures=None, **kwargs):
        self.kind = report.kind
        kwargs["initial"] = {**self.kind.form_initial(report), **kwargs.get("initial", {})}
        super().__init__(*args, instance=report, **kwargs)
        self.fields["version"].initial = report.version if report.pk else Report.NO_REPORT_YET
        figures = self.kind.form_fields(report, figures)
        for name in KIND_FIELDS:
            self.fields.pop(name, None)
        # The kind's fields first, where the template's Result fieldset shows them.
        self.fields = {**figures, **self.fields}
        self.fields["warning_explanation"].help_text = _("Needed only when the form flags a figure as unusual.")
        self.evidence_content_types = []
        if "evidence_files" in self.fields:
            # For the form's script, which refuses too large a selection before anything is sent.
            self.fields["evidence_files"].widget.attrs.update({
                "data-max-file-bytes": MAX_EVIDENCE_BYTES, "data-max-total-bytes": MAX_UPLOAD_BYTES_PER_SAVE,
                "data-message-file": _("“{name}” is larger than 10 MB."),
                "data-message-total": _("The files chosen come to more than 50 MB: attach them in two or more saves."),
            })

    def clean_evidence_files(self):
        files = self.cleaned_data.get("evidence_files") or []
        existing = self.instance.evidence.count() if self.instance.pk else 0
        if existing + len(files) > MAX_FILES_PER_REPORT:
            raise forms.ValidationError(_("A report holds at most %(max)s files."), code="too_many_files",
                                        params={"max": MAX_FILES_PER_REPORT})
        if sum(uploaded.size for uploaded in files) > MAX_UPLOAD_BYTES_PER_SAVE:
            raise forms.ValidationError(
                _("The files chosen come to more than 50 MB: attach them in two or more saves."), code="too_much")
        errors, self.evidence_content_types = [], []
        for uploaded in files:
            try:
                self.evidence_content_types.append(sniff_content_type(uploaded))
            except EvidenceRejected as error:
                errors.append(forms.ValidationError(str(error), code="bad_file"))
        if errors:
            raise forms.ValidationError(errors)
        return files

    def clean(self):
        cleaned = super().clean()
        allocated, disbursed, returned = (cleaned.get(f"budget_{name}") for name in ("allocated", "disbursed", "returned"))
        if disbursed is not None or returned is not None:
            if allocated is None:
                self.add_error("budget_allocated", forms.ValidationError(
                    _("Enter the allocated budget first."), code="allocated_missing"))
            elif (disbursed or 0) + (returned or 0) > allocated:
                self.add_error("budget_disbursed", forms.ValidationError(
                    _("Disbursed + returned (%(out)s) is more than allocated (%(allocated)s)."), code="budget_over",
                    params={"out": f"{(disbursed or 0) + (returned or 0):,.2f}", "allocated": f"{allocated:,.2f}"}))
        self.kind.clean_form(cleaned, self.add_error)
        return cleaned

    def relations(self):
        """{many-to-many field: chosen objects} of the kind's fields (the report's communities)."""
        return self.kind.form_relations(self.cleaned_data)

    def report_data(self):
        """The figures and texts to save (the form's own bookkeeping and the relations left out)."""
        kept_out = {"version", "evidence_files", *self.relations()}
        return {name: value for name, value in self.cleaned_data.items() if name not in kept_out}


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Why is it returned? (the district sees this)"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all"))] + list(Report.Status.choices))
    group = forms.ModelChoiceField(label=_("District group"), required=False, queryset=DistrictGroup.objects.all(), empty_label=_("all"))
    quarter = forms.ModelChoiceField(label=_("Quarter"), required=False,
                                     queryset=Quarter.objects.select_related("fiscal_year"), empty_label=_("all"))
    indicator = forms.CharField(label=_("Indicator code"), required=False, max_length=20,
                                widget=forms.TextInput(attrs={"size": 8}))


class HostNarrativeForm(forms.Form):
    """The host agency's part of the official report for one quarter (seed 002 §6.1–6.4) and,
    for the year, §6.5 and 7–9 with the reporter."""

    narrative = forms.CharField(label=_("Activities of the quarter, with dates (§6)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 8}))
    summary = forms.CharField(label=_("Year-end summary (§6.5)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    supporting_factors = forms.CharField(label=_("Supporting factors (§7)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    obstacles = forms.CharField(label=_("Obstacles (§8)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=_("Evidence (§9)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reporter_name = forms.CharField(label=_("Reporter"), required=False, max_length=200)
    reporter_position = forms.CharField(label=_("Reporter's position"), required=False, max_length=200)


class AssessmentForm(forms.Form):
    """The evaluator's assessed result of an approved report, in the unit the KR is scored in."""

    result = ThaiDecimalField(label=_("Assessed result"), max_digits=14, decimal_places=2, min_value=0,
                              widget=_number_input("decimal"),
                              help_text=_("In the unit the KR is scored in (its criteria's unit: a percent, an amount, a level)."))
    comment = forms.CharField(label=_("Comment (the district sees it)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
