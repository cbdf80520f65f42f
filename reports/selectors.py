"""Reads that span tables, for the district's landing page, the history and the review list."""
import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from indicators.kinds import kind_of
from okr_tracker.numbers import field_value
from indicators.models import DistrictResult, DistrictTarget, Indicator, Quarter

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


REVIEW_ORDER = ("-quarter__fiscal_year__year_be", "-quarter__number", "indicator__code", "district__group__order",
                "district__code")


def reports_for_review(user, *, status=None, group=None, quarter=None, indicator=None):
    """The review list's reports in REVIEW_ORDER, as a ReviewQueue (paged without sorting them all)."""
    reports = Report.objects.for_user(user)
    if status:
        reports = reports.filter(status=status)
    if group:
        reports = reports.filter(district__group=group)
    if quarter:
        reports = reports.filter(quarter=quarter)
    if indicator:
        reports = reports.filter(indicator__code__iexact=indicator.strip())
    return ReviewQueue(reports)


class ReviewQueue:
    """A page of the review list without sorting every matching report (issue 21, finding 8: the page
    took 2.5× as long at 300 KRs as at 30). The order is by quarter and KR first, so the reports are
    counted by (quarter, KR) in one aggregate over an index (reports_report: quarter, status,
    indicator); a page reads and sorts only the reports of the few (quarter, KR) groups it spans.
    Django's Paginator asks count() and a slice, as of a queryset."""

    def __init__(self, reports):
        self.reports = reports
        self._groups = None

    def groups(self):
        """[(year, quarter number, KR code, quarter id, indicator id, reports)] in REVIEW_ORDER's order."""
        if self._groups is None:
            counts = list(self.reports.order_by().values_list("quarter_id", "indicator_id").annotate(total=Count("pk")))
            quarters = {pk: (year, number) for pk, year, number in Quarter.objects.filter(
                pk__in={quarter for quarter, _kr, _total in counts}).values_list("pk", "fiscal_year__year_be", "number")}
            codes = dict(Indicator.objects.filter(pk__in={kr for _quarter, kr, _total in counts}).values_list("pk", "code"))
            self._groups = sorted(((*quarters[quarter], codes[kr], quarter, kr, total) for quarter, kr, total in counts),
                                  key=lambda group: (-group[0], -group[1], group[2]))
        return self._groups

    def count(self):
        return sum(group[-1] for group in self.groups())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        spanned, position, skip = [], 0, 0
        for group in self.groups():
            end = position + group[-1]
            if end > start and position < stop:
                if not spanned:
                    skip = start - position
                spanned.append(group)
            position = end
            if position >= stop:
                break
        if not spanned:
            return []
        spans = Q()
        for _year, _number, _code, quarter_id, indicator_id, _total in spanned:
            spans |= Q(quarter_id=quarter_id, indicator_id=indicator_id)
        rows = list(self.reports.filter(spans).with_related().select_related("submitted_by", "reviewed_by")
                    .order_by(*REVIEW_ORDER))
        return rows[skip:skip + (stop - start)]


def district_history(user, district, year=None):
    """A district's reports of one fiscal year (the page shows a year at a time)."""
    reports = Report.objects.for_user(user).filter(district=district)
    if year is not None:
        reports = reports.filter(quarter__fiscal_year__year_be=year)
    return reports.with_related().order_by("-quarter__fiscal_year__year_be", "-quarter__number", "indicator__code")


def history_years(user, district):
    """The BE years in which the district has reports or results on file, newest first."""
    reported = set(Report.objects.for_user(user).filter(district=district)
                   .values_list("quarter__fiscal_year__year_be", flat=True).distinct())
    on_file = set(DistrictResult.objects.filter(district=district)
                  .values_list("quarter__fiscal_year__year_be", flat=True).distinct())
    return sorted(reported | on_file, reverse=True)


RESULTS_ON_FILE_SHOWN = 50


def results_on_file(district, year, code=None):
    """The district's counted results of the year that no report in the system carries (figures taken
    from the source documents, as seed 002's CDP2563), oldest quarter first, KR by KR."""
    results = (DistrictResult.objects.filter(district=district, quarter__fiscal_year__year_be=year)
               .exclude(Exists(Report.objects.filter(indicator=OuterRef("indicator"), district=OuterRef("district"),
                                                     quarter=OuterRef("quarter"))))
               .select_related("indicator__fiscal_year", "quarter__fiscal_year")
               .order_by("indicator__code", "quarter__number"))
    return results.filter(indicator__code=code) if code else results


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


def assessment_of(report):
    """The evaluator's assessment of the report's KR, district and quarter, once it is approved."""
    from indicators.models import Assessment

    if report.status != Report.Status.APPROVED:
        return None
    return Assessment.objects.filter(indicator=report.indicator_id, district=report.district_id,
                                     quarter=report.quarter_id).first()
