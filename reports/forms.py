"""The district's quarterly report form and the reviewer's forms."""
from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import Community, DistrictGroup
from indicators.models import Quarter
from okr_tracker.forms import ThaiDecimalField, ThaiIntegerField

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


def _number_input(mode="numeric"):
    return forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "class": "number"})


YES_NO = [("yes", _("Yes, the district did it")), ("no", _("No"))]


# The figures that depend on the indicator's kind: the form keeps those its kind reports.
KIND_FIELDS = {"achieved", "disbursed_communities", "answered_yes", "projects", "amount", "level"}


class ReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    achieved = ThaiIntegerField(label=_("Communities that have disbursed (cumulative)"), min_value=0, required=False, widget=_number_input())
    answered_yes = forms.TypedChoiceField(
        label=_("Did the district do it this quarter?"), choices=YES_NO, widget=forms.RadioSelect, required=False,
        coerce=lambda value: value == "yes", empty_value=None,
    )
    projects = ThaiIntegerField(label=_("Number of projects"), min_value=0, required=False, widget=_number_input())
    amount = ThaiDecimalField(label=_("Result"), min_value=0, max_digits=14, decimal_places=2, required=False,
                              widget=_number_input("decimal"))
    level = forms.TypedChoiceField(label=_("Success level reached"), choices=[(number, number) for number in range(1, 6)],
                                   widget=forms.RadioSelect, coerce=int, empty_value=None, required=False)
    budget_allocated = ThaiDecimalField(label=_("Allocated (baht)"), min_value=0, max_digits=14, decimal_places=2, required=False, widget=_number_input("decimal"))
    budget_disbursed = ThaiDecimalField(label=_("Disbursed (baht)"), min_value=0, max_digits=14, decimal_places=2, required=False, widget=_number_input("decimal"))
    budget_returned = ThaiDecimalField(label=_("Returned (baht)"), min_value=0, max_digits=14, decimal_places=2, required=False, widget=_number_input("decimal"))
    evidence_files = MultipleFileField(label=_("Add evidence files"), required=False,
                                       help_text=_("PDF, PNG, JPEG or Office files, up to 10 MB each and 50 MB in one save."))

    class Meta:
        model = Report
        fields = [
            "achieved", "disbursed_communities", "answered_yes", "projects", "amount", "level",
            "budget_allocated", "budget_disbursed", "budget_returned",
            "narrative", "obstacles", "supporting_factors", "warning_explanation",
        ]
        widgets = {
            "disbursed_communities": forms.CheckboxSelectMultiple,
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
            "supporting_factors": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, report, communities_limit=None, **kwargs):
        if report.pk and report.answered_yes is not None:
            kwargs.setdefault("initial", {})["answered_yes"] = "yes" if report.answered_yes else "no"
        super().__init__(*args, instance=report, **kwargs)
        self.communities_limit = communities_limit
        self.fields["version"].initial = report.version if report.pk else Report.NO_REPORT_YET
        for name in KIND_FIELDS - set(report.kind.report_fields):
            del self.fields[name]
        indicator = report.indicator
        if "amount" in self.fields:
            self.fields["amount"].label = _("Result (%(unit)s)") % {"unit": indicator.unit}
        if "level" in self.fields:
            # Each level with what the KR says it means, so the district picks by meaning.
            self.fields["level"].choices = [(number, f"{number} – {meaning}" if meaning else str(number))
                                            for number, meaning in indicator.levels]
        if "disbursed_communities" in self.fields:
            communities = Community.objects.counting().filter(district=report.district_id).select_related("district")
            self.fields["disbursed_communities"].queryset = communities
            if not communities.exists():
                del self.fields["disbursed_communities"]
            if communities_limit is not None:
                self.fields["achieved"].help_text = _("At most %(limit)s: the district's communities in this year's table.") % {
                    "limit": communities_limit
                }
        self.fields["warning_explanation"].help_text = _("Needed only when the form flags a figure as unusual.")
        self.evidence_content_types = []
        if "evidence_files" in self.fields:
            # For the form's script, which refuses too large a selection before anything is sent.
            self.fields["evidence_files"].widget.attrs.update({
                "data-max-file-bytes": MAX_EVIDENCE_BYTES, "data-max-total-bytes": MAX_UPLOAD_BYTES_PER_SAVE,
                "data-message-file": _("“{name}” is larger than 10 MB."),
                "data-message-total": _("The files chosen come to more than 50 MB: attach them in two or more saves."),
            })

    def clean_achieved(self):
        achieved = self.cleaned_data.get("achieved")
        if achieved is not None and self.communities_limit is not None and achieved > self.communities_limit:
            raise forms.ValidationError(
                _("%(achieved)s is more than the district's %(limit)s communities."),
                code="more_than_communities", params={"achieved": achieved, "limit": self.communities_limit},
            )
        return achieved

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
        achieved, chosen = cleaned.get("achieved"), cleaned.get("disbursed_communities")
        if chosen and achieved is not None and len(chosen) > achieved:
            self.add_error("disbursed_communities", forms.ValidationError(
                _("%(chosen)s communities are ticked but the figure says %(achieved)s."), code="ticked_more",
                params={"chosen": len(chosen), "achieved": achieved}))
        return cleaned

    def report_data(self):
        return {name: value for name, value in self.cleaned_data.items()
                if name not in {"version", "evidence_files", "disbursed_communities"}}


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
