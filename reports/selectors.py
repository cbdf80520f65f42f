"""Reads that span tables, for the district's landing page, the history and the review list."""
import datetime

from django.utils.translation import gettext_lazy as _

from indicators.kinds import kind_of
from okr_tracker.numbers import field_value
from indicators.models import DistrictTarget, Indicator, Quarter

from .models import Report


def reporting_slots(districts):
    """For each district: the (indicator, quarter, report or None) it must report on while open.

    A district reports on a community-share indicator when the year's table lists it, and on
    every district-share indicator. Five queries whatever the number of districts.
    """
    districts = list(districts)
    quarters = list(Quarter.objects.filter(status=Quarter.Status.OPEN, start_date__lte=datetime.date.today())
                    .select_related("fiscal_year"))  # never a quarter that has not begun
    year_ids = {quarter.fiscal_year_id for quarter in quarters}
    indicators = list(Indicator.objects.filter(fiscal_year__in=year_ids).select_related("fiscal_year").order_by("code"))
    listed = set(
        DistrictTarget.objects.filter(indicator__in=indicators, district__in=districts).values_list("indicator_id", "district_id")
    )
    reports = {
        (report.indicator_id, report.district_id, report.quarter_id): report
        for report in Report.objects.filter(indicator__in=indicators, district__in=districts, quarter__in=quarters).with_related()
    }
    slots = []
    for district in districts:
        rows = []
        for indicator in indicators:
            if not kind_of(indicator).takes_part(indicator, district, listed):
                continue
            for quarter in quarters:
                if quarter.fiscal_year_id == indicator.fiscal_year_id:
                    rows.append((indicator, quarter, reports.get((indicator.pk, district.pk, quarter.pk))))
        slots.append((district, rows))
    return slots


def reports_for_review(user, *, status=None, group=None, quarter=None, indicator=None):
    reports = Report.objects.for_user(user).with_related().select_related("submitted_by", "reviewed_by")
    if status:
        reports = reports.filter(status=status)
    if group:
        reports = reports.filter(district__group=group)
    if quarter:
        reports = reports.filter(quarter=quarter)
    if indicator:
        reports = reports.filter(indicator__code__iexact=indicator.strip())
    return reports.order_by(
        "-quarter__fiscal_year__year_be", "-quarter__number", "indicator__code", "district__group__order", "district__code"
    )


def district_history(user, district, year=None):
    """A district's reports of one fiscal year (the page shows a year at a time)."""
    reports = Report.objects.for_user(user).filter(district=district)
    if year is not None:
        reports = reports.filter(quarter__fiscal_year__year_be=year)
    return reports.with_related().order_by("-quarter__fiscal_year__year_be", "-quarter__number", "indicator__code")


def history_years(user, district):
    """The BE years in which the district has reports, newest first."""
    return list(Report.objects.for_user(user).filter(district=district).order_by("-quarter__fiscal_year__year_be")
                .values_list("quarter__fiscal_year__year_be", flat=True).distinct())


HISTORY_REASONS = {
    "draft created": _("draft created"),
    "draft saved": _("draft saved"),
    "submitted": _("submitted"),
    "returned": _("returned to the district"),
    "approved": _("approved"),
}


# Who and when are the entry's own heading; the status is its reason.
HISTORY_HIDDEN_FIELDS = [
    "version", "updated_at", "updated_by", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by", "status",
    "disbursed_communities",
]


def readable_history(report):
    """The report's history, newest first, each with the fields that changed."""
    records = list(report.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=HISTORY_HIDDEN_FIELDS)
            changes = []
            for change in delta.changes:
                baht = change.field.startswith("budget_")
                changes.append((report._meta.get_field(change.field).verbose_name,
                                field_value(change.old, baht=baht), field_value(change.new, baht=baht)))
        reason = newer.history_change_reason or ""
        if reason.startswith("imported:"):
            label = _("imported by an administrator from %(file)s") % {"file": reason.removeprefix("imported:")}
        else:
            label = HISTORY_REASONS.get(reason, reason)
        entries.append({"record": newer, "changes": changes, "reason": label})
    return entries
