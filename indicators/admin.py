from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from okr_tracker.admin_dates import BuddhistDatesMixin, be_date_column
from okr_tracker.admin_import import WorkbookImportMixin

from .kinds import codes_where
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
)


START = be_date_column("start_date", _("start date"))
END = be_date_column("end_date", _("end date"))


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


@admin.register(Quarter)
class QuarterAdmin(BuddhistDatesMixin, admin.ModelAdmin):
    list_display = ["__str__", START, END, "status", "deadline"]
    list_filter = ["status", "fiscal_year"]
    list_editable = ["status", "deadline"]
    list_select_related = ["fiscal_year"]
    actions = ["open_quarters", "lock_quarters"]

    @admin.action(description=_("Open the selected quarters"))
    def open_quarters(self, request, queryset):
        queryset.update(status=Quarter.Status.OPEN)

    @admin.action(description=_("Lock the selected quarters"))
    def lock_quarters(self, request, queryset):
        queryset.update(status=Quarter.Status.LOCKED)


class ResponsibleAgencyInline(admin.StackedInline):
    model = ResponsibleAgency
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "fiscal_year", "title", "kind", "target_percent", "code_is_local"]
    list_filter = ["fiscal_year", "kind"]
    search_fields = ["code", "title"]
    inlines = [ResponsibleAgencyInline]
    list_select_related = ["fiscal_year"]


@admin.register(DistrictTarget)
class DistrictTargetAdmin(WorkbookImportMixin, SimpleHistoryAdmin):
    """Import the district target table from Excel: choose the indicator, upload, preview, confirm."""

    resource_classes = [DistrictTargetResource]
    formats = [TargetTableFormat]
    context_fields = {
        "indicator": forms.ModelChoiceField(
            label=_("Indicator"), queryset=Indicator.objects.select_related("fiscal_year").filter(
                kind__in=codes_where(lambda kind: kind.has_target_table))
        ),
        "year": forms.IntegerField(
            label=_("Fiscal year of the table (B.E.)"), required=False, min_value=2500, max_value=2700,
            help_text=_("Leave empty for the chosen indicator's year. A year the indicator does not have yet "
                        "(next year's table) is created with its definition and target percent."),
        ),
    }

    def resource_context(self, indicator=None, year=None):
        if indicator is not None and year and year != indicator.fiscal_year.year_be:
            return {"new_year": (indicator.code, year)}
        return {"indicator": indicator}

    list_display = ["indicator", "district", "communities", "target_communities"]
    list_filter = ["indicator__fiscal_year", "indicator", "district__group"]
    search_fields = ["district__name_th", "indicator__code"]
    autocomplete_fields = ["district"]
    list_select_related = ["indicator__fiscal_year", "district"]


@admin.register(DistrictResult)
class DistrictResultAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "quarter", "district", "achieved", "answered_yes", "projects"]
    list_filter = ["indicator", "quarter", "district__group"]
    search_fields = ["district__name_th", "indicator__code"]
    autocomplete_fields = ["district"]
    list_select_related = ["indicator__fiscal_year", "district", "quarter__fiscal_year"]


@admin.register(HostReport)
class HostReportAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "quarter", "budget_allocated", "budget_disbursed", "budget_returned"]
    list_select_related = ["indicator__fiscal_year", "quarter__fiscal_year"]


@admin.register(PlannedProjects)
class PlannedProjectsAdmin(admin.ModelAdmin):
    list_display = ["indicator", "plan_year_be", "projects"]
    list_select_related = ["indicator__fiscal_year"]


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["indicator"]
    list_select_related = ["indicator__fiscal_year"]
