from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from okr_tracker.admin_dates import BuddhistDatesMixin, be_date_column
from okr_tracker.admin_import import FilePreviewImportMixin, WorkbookImportMixin

from . import locks, versions
from .kinds import with_target_table
from .kr_workbook import export_indicator, import_indicator
from .resources import DistrictTargetResource, TargetTableFormat

from .models import (
    AnnualReport,
    DistrictResult,
    DistrictTarget,
    FiscalYear,
    HostReport,
    Indicator,
    PlannedProjects,
    Quarter,
    ResponsibleAgency,
    AgreementItem,
    ScoringCriteria,
)


class LockedFiguresAdminMixin:
    """A row of a locked quarter (indicators.locks) shows read-only, without a delete button; a new or
    changed row whose quarter is locked is refused on the form, naming the quarter. (The guard below
    the save refuses it anyway; this says so where the administrator is looking.)"""

    def _figures_locked(self, obj):
        if obj is None or obj.pk is None:
            return False
        if not hasattr(obj, "_figures_locked"):
            try:
                locks.refuse_locked_queryset(self.model, self.model._base_manager.filter(pk=obj.pk))
                obj._figures_locked = False
            except locks.FiguresLocked:
                obj._figures_locked = True
        return obj._figures_locked

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._figures_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._figures_locked(obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class GuardedForm(form):
            def _post_clean(self):
                super()._post_clean()
                try:
                    locks.refuse_locked_rows(self._meta.model, [self.instance])
                except locks.FiguresLocked as error:
                    self.add_error(None, error)

        return GuardedForm


START = be_date_column("start_date", _("start date"))
END = be_date_column("end_date", _("end date"))


class KRFilter(admin.SimpleListFilter):
    """Filter by KR code, the codes listed once each (one query, however many years share a code),
    instead of Django's related-field filter, which lists every KR of every year by name."""

    title = _("KR")
    parameter_name = "kr"

    def lookups(self, request, model_admin):
        codes = Indicator.objects.order_by("code").values_list("code", flat=True).distinct()
        return [(code, code) for code in codes]

    def queryset(self, request, queryset):
        return queryset.filter(indicator__code=self.value()) if self.value() else queryset


# Lists filter a quarter by its year and number, not by a list of every quarter of every year.
QUARTER_FILTERS = ["quarter__fiscal_year", "quarter__number"]


def picker(model, field_name):
    """The admin's search-as-you-type picker for a form field that is not the model's own (an import
    form's KR or quarter): the page holds the chosen one only, however many KRs and years there are."""
    from django.contrib.admin.widgets import AutocompleteSelect

    return AutocompleteSelect(model._meta.get_field(field_name), admin.site)


class QuarterInline(BuddhistDatesMixin, admin.TabularInline):
    model = Quarter
    extra = 0
    fields = ["number", START, END, "status", "deadline"]
    readonly_fields = ["number", START, END]
    can_delete = False
    max_num = 4


@admin.register(FiscalYear)
class FiscalYearAdmin(BuddhistDatesMixin, admin.ModelAdmin):
    list_display = ["year_be", START, END]
    inlines = [QuarterInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("Copy the KRs of the selected year into the next year"))
    def copy_to_next_year(self, request, queryset):
        from .services import copy_year

        for year in queryset.order_by("year_be"):
            copied, skipped = copy_year(from_year=year.year_be, to_year=year.year_be + 1)
            self.message_user(request, gettext("FY %(from)s → %(to)s: %(copied)s KRs copied, %(skipped)s already there.")
                              % {"from": year.year_be, "to": year.year_be + 1, "copied": len(copied), "skipped": len(skipped)})


@admin.register(Quarter)
class QuarterAdmin(BuddhistDatesMixin, admin.ModelAdmin):
    list_display = ["__str__", START, END, "status", "deadline"]
    list_filter = ["status", "fiscal_year"]
    list_editable = ["status", "deadline"]
    list_select_related = ["fiscal_year"]
    search_fields = ["fiscal_year__year_be"]  # the quarter pickers of other models' forms

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fiscal_year")
    actions = ["open_quarters", "lock_quarters"]

    @admin.action(description=_("Open the selected quarters"))
    def open_quarters(self, request, queryset):
        queryset.update(status=Quarter.Status.OPEN)
        versions.bump(versions.ALL)  # a queryset update sends no signal

    @admin.action(description=_("Lock the selected quarters"))
    def lock_quarters(self, request, queryset):
        queryset.update(status=Quarter.Status.LOCKED)
        versions.bump(versions.ALL)


class ScoringCriteriaInline(admin.TabularInline):
    """The performance agreement's scoring levels: the KR's (district empty) and any district's own."""

    model = ScoringCriteria
    extra = 0
    autocomplete_fields = ["district"]


class ResponsibleAgencyInline(admin.StackedInline):
    model = ResponsibleAgency
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(BuddhistDatesMixin, FilePreviewImportMixin, SimpleHistoryAdmin):
    """A KR with every field of the KR sheet; "Import a KR from its workbook" (a preview, then
    confirm) and "Download as a KR workbook" set KRs up without code."""

    list_display = ["code", "fiscal_year", "title", "kind", "target", "code_is_local"]

    @admin.display(description=_("Target"))
    def target(self, indicator):
        from .kinds import kind_of

        return kind_of(indicator).target_text(indicator)
    change_list_template = "admin/indicators/indicator_change_list.html"
    file_import_title = gettext_lazy("Import a KR from its workbook")
    file_import_help = gettext_lazy("Sheets: KR (label | value), หน่วยงาน, เป้าหมายรายเขต — the layout of “Download as a "
                                    "KR workbook”. The file is checked first and nothing is written until you confirm.")
    file_import_url_name = "indicators_import_kr"
    actions = ["download_workbook"]
    fieldsets = [
        (None, {"fields": ["code", "code_is_local", "fiscal_year", "title", "kind", "unit", "counted_unit", "target_percent",
                           "target_value", "direction", "level", "is_demo"]}),
        (gettext_lazy("Strategy"), {"fields": ["strategy_dimension", "strategy_issue", "strategy_goal", "host_agency",
                                               "responsibility"]}),
        (gettext_lazy("Definition"), {"fields": ["definitions", "formula", "level_1", "level_2", "level_3", "level_4",
                                                 "level_5"]}),
        (gettext_lazy("Reporting"), {"fields": ["reference_documents", "reporting_channel", "evaluation_methods",
                                                "coordinator", "informant", "source_document"]}),
    ]

    def run_file_import(self, data, file_name, dry_run, request=None):
        return import_indicator(data=data, file_name=file_name, dry_run=dry_run)

    def file_import_preview(self, outcome):
        indicator = outcome.indicator
        what = gettext("new KR") if outcome.created else gettext("KR updated")
        return [(what, f"{indicator.code} ({indicator.fiscal_year.year_be}) {indicator.title}"),
                (gettext("agencies"), outcome.agencies), (gettext("district targets"), outcome.targets)]

    def file_import_done(self, outcome):
        return gettext("Imported KR %(code)s, fiscal year %(year)s.") % {"code": outcome.indicator.code,
                                                                    "year": outcome.indicator.fiscal_year.year_be}

    @admin.action(description=gettext_lazy("Download as a KR workbook"))
    def download_workbook(self, request, queryset):
        indicator = queryset.select_related("fiscal_year").first()
        response = HttpResponse(export_indicator(indicator),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="KR-{indicator.code}-{indicator.fiscal_year.year_be}.xlsx"'
        return response
    list_filter = ["fiscal_year", "kind"]
    search_fields = ["code", "title", "fiscal_year__year_be"]
    inlines = [ResponsibleAgencyInline, ScoringCriteriaInline]
    list_select_related = ["fiscal_year"]

    def get_queryset(self, request):  # the KR pickers of other models' forms name each KR with its year
        return super().get_queryset(request).select_related("fiscal_year")

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "districttarget":  # the target table's picker: KRs that have one
            found = found.filter(with_target_table())
        return found, duplicates


@admin.register(DistrictTarget)
class DistrictTargetAdmin(LockedFiguresAdminMixin, WorkbookImportMixin, SimpleHistoryAdmin):
    """Import the district target table from Excel: choose the indicator, upload, preview, confirm."""

    resource_classes = [DistrictTargetResource]
    formats = [TargetTableFormat]
    context_fields = {
        "indicator": forms.ModelChoiceField(
            label=_("Indicator"), queryset=Indicator.objects.select_related("fiscal_year").filter(with_target_table()),
            widget=picker(DistrictTarget, "indicator"),
        ),
        "year": forms.IntegerField(
            label=_("Fiscal year of the table (B.E.)"), required=False, min_value=2500, max_value=2700,
            help_text=_("Leave empty for the chosen indicator's year. A year the indicator does not have yet "
                        "(next year's table) is created with its definition and target percent."),
        ),
    }

    def validate_context(self, cleaned_data):
        indicator, year = cleaned_data.get("indicator"), cleaned_data.get("year")
        if indicator is not None and (not year or year == indicator.fiscal_year.year_be):
            try:
                locks.refuse_locked_year(indicator.fiscal_year)
            except locks.FiguresLocked as error:
                return {"indicator": error}
        return {}

    def resource_context(self, indicator=None, year=None):
        if indicator is not None and year and year != indicator.fiscal_year.year_be:
            return {"new_year": (indicator.code, year)}
        return {"indicator": indicator}

    list_display = ["indicator", "district", "communities", "target_communities"]
    list_filter = ["indicator__fiscal_year", KRFilter, "district__group"]
    search_fields = ["district__name_th", "indicator__code"]
    autocomplete_fields = ["indicator", "district"]
    list_select_related = ["indicator__fiscal_year", "district"]


@admin.register(DistrictResult)
class DistrictResultAdmin(LockedFiguresAdminMixin, SimpleHistoryAdmin):
    list_display = ["indicator", "quarter", "district", "achieved", "answered_yes", "projects"]
    list_filter = [KRFilter, *QUARTER_FILTERS, "district__group"]
    search_fields = ["district__name_th", "indicator__code"]
    autocomplete_fields = ["indicator", "quarter", "district"]
    list_select_related = ["indicator__fiscal_year", "district", "quarter__fiscal_year"]


@admin.register(HostReport)
class HostReportAdmin(LockedFiguresAdminMixin, SimpleHistoryAdmin):
    list_display = ["indicator", "quarter", "budget_allocated", "budget_disbursed", "budget_returned"]
    list_select_related = ["indicator__fiscal_year", "quarter__fiscal_year"]
    autocomplete_fields = ["indicator", "quarter"]


@admin.register(PlannedProjects)
class PlannedProjectsAdmin(admin.ModelAdmin):
    list_display = ["indicator", "plan_year_be", "projects"]
    list_select_related = ["indicator__fiscal_year"]
    autocomplete_fields = ["indicator"]


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["indicator"]
    list_select_related = ["indicator__fiscal_year"]
    autocomplete_fields = ["indicator"]


@admin.register(AgreementItem)
class AgreementItemAdmin(SimpleHistoryAdmin):
    """The performance agreements: a row per KR of a district's year (manage.py import_agreement loads
    every district's from one workbook; the weights of a district's year add to 100)."""

    list_display = ["district", "indicator", "dimension", "weight"]
    list_filter = ["indicator__fiscal_year", "district__group"]
    search_fields = ["district__name_th", "indicator__code"]
    autocomplete_fields = ["district", "indicator"]
    list_select_related = ["district", "indicator__fiscal_year"]
