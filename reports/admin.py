from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import Indicator, Quarter
from indicators.admin import KRFilter, LockedFiguresAdminMixin, QUARTER_FILTERS, picker
from indicators.locks import FiguresLocked
from okr_tracker.admin_dates import be_datetime_column
from okr_tracker.admin_import import WorkbookImportMixin

from . import services
from .models import Evidence, Report
from .resources import ResultResource, ResultSheetFormat


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Report)
class ReportAdmin(LockedFiguresAdminMixin, WorkbookImportMixin, SimpleHistoryAdmin):
    """Read-mostly: the status changes only through the services, here as actions. Import takes a
    quarter's results from a sheet and records them as approved reports."""

    resource_classes = [ResultResource]
    formats = [ResultSheetFormat]
    context_fields = {
        "indicator": forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.select_related("fiscal_year"),
                                            widget=picker(Report, "indicator")),
        "quarter": forms.ModelChoiceField(label=_("Quarter"), queryset=Quarter.objects.select_related("fiscal_year"),
                                          widget=picker(Report, "quarter")),
    }

    def resource_context(self, indicator=None, quarter=None):
        return {"indicator": indicator, "quarter": quarter}

    def validate_context(self, cleaned_data):
        indicator, quarter = cleaned_data.get("indicator"), cleaned_data.get("quarter")
        if indicator and quarter and quarter.fiscal_year_id != indicator.fiscal_year_id:
            return {"quarter": _("The quarter must be in the indicator's fiscal year.")}
        if quarter is not None and not quarter.is_open:
            return {"quarter": FiguresLocked([quarter])}
        return {}

    list_display = ["indicator", "district", "quarter", "status", "achieved", "answered_yes", "submitted_by", "reviewed_by"]
    list_filter = ["status", *QUARTER_FILTERS, KRFilter, "district__group"]
    search_fields = ["district__name_th", "indicator__code"]
    list_select_related = ["indicator__fiscal_year", "district", "quarter__fiscal_year", "submitted_by", "reviewed_by"]
    readonly_fields = ["indicator", "district", "quarter", "status", "version",
                       be_datetime_column("submitted_at", _("submitted")), "submitted_by",
                       be_datetime_column("reviewed_at", _("reviewed")), "reviewed_by", "review_comment", "updated_by",
                       be_datetime_column("created_at", _("created")), be_datetime_column("updated_at", _("updated"))]
    exclude = ["disbursed_communities", "submitted_at", "reviewed_at"]  # shown in BE by the columns above
    inlines = [EvidenceInline]
    actions = ["approve_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve the selected submitted reports"))
    def approve_selected(self, request, queryset):
        approved, skipped = services.approve_reports(reports=queryset, by=request.user)
        self.message_user(request, _("%(count)s reports approved.") % {"count": len(approved)}, messages.SUCCESS)
        if skipped:
            self.message_user(request, _("%(count)s reports were not submitted, or submitted by you, and were skipped.")
                              % {"count": len(skipped)}, messages.WARNING)
