"""Share of district offices: each district's answer (did it, or not) and its projects; the
totals count the districts that did it among all districts."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from districts.models import District
from indicators.achievement import Tally, meets, percent
from indicators.models import DistrictResult, Indicator
from okr_tracker.thai import thai_sort_key

from ..common import districts as _districts


@dataclass
class DistrictAnswer:
    district: District
    answered_yes: bool | None = None
    projects: int | None = None

    @property
    def reported(self):
        return self.answered_yes is not None

    @property
    def met(self):
        """A district meets a district-share KR by doing it (answering yes)."""
        return self.answered_yes


@dataclass
class DistrictShareTotals(Tally):
    target_percent: Decimal
    districts_total: int
    districts: list = field(default_factory=list)
    group: object = None


    @property
    def districts_yes(self):
        return sum(1 for row in self.districts if row.answered_yes)

    @property
    def districts_not_yes(self):
        """Districts that answered no or did not answer, in Thai dictionary order as the seed lists them."""
        return sorted((row.district for row in self.districts if not row.answered_yes), key=lambda d: thai_sort_key(d.name_th))

    @property
    def projects(self):
        values = [row.projects for row in self.districts if row.projects is not None]
        return sum(values) if values else None

    @property
    def percent(self):
        if not self.districts_reported:
            return None
        return percent(self.districts_yes, self.districts_total)

    @property
    def met(self):
        return meets(self.percent, self.target_percent)


@dataclass
class DistrictShareSummary(DistrictShareTotals):
    indicator: Indicator = None
    quarter: object = None
    groups: list = field(default_factory=list)


def summarise_district_share(rows, target_percent, **extra):
    by_group = {}
    for row in rows:
        group = row.district.group
        if group.pk not in by_group:
            by_group[group.pk] = DistrictShareTotals(target_percent=target_percent, districts_total=0, group=group)
        by_group[group.pk].districts.append(row)
        by_group[group.pk].districts_total += 1
    groups = sorted(by_group.values(), key=lambda totals: (totals.group.order, totals.group.code))
    return DistrictShareSummary(
        target_percent=target_percent, districts_total=len(rows), districts=list(rows), groups=groups, **extra
    )


def district_share_rows(indicator, quarter, pending=None):
    results = {}
    if quarter is not None:
        results = {
            result.district_id: result for result in DistrictResult.objects.filter(indicator=indicator, quarter=quarter)
        }
    results.update({district_id: figures for district_id, figures in (pending or {}).items() if figures.answered_yes is not None})
    return _district_share_rows(results, _districts())


def _district_share_rows(results, districts):
    """The rows of district_share_rows from {district id: result} and the districts."""
    rows = []
    for district in districts:
        result = results.get(district.pk)
        rows.append(
            DistrictAnswer(
                district=district,
                answered_yes=result.answered_yes if result else None,
                projects=result.projects if result else None,
            )
        )
    return rows


def district_share_listings(indicators, quarters):
    """{(indicator pk, quarter pk): summary} of share-of-districts KRs for every quarter with
    answers: the official report's list of districts by their answer, for many KRs (the book) in
    two queries."""
    results = defaultdict(dict)
    for result in DistrictResult.objects.filter(indicator__in=indicators, quarter__in=quarters):
        results[(result.indicator_id, result.quarter_id)][result.district_id] = result
    districts = _districts()
    indicator_of = {indicator.pk: indicator for indicator in indicators}
    quarter_of = {quarter.pk: quarter for quarter in quarters}
    return {
        (indicator_id, quarter_id): summarise_district_share(
            _district_share_rows(found, districts), indicator_of[indicator_id].target_percent,
            indicator=indicator_of[indicator_id], quarter=quarter_of[quarter_id])
        for (indicator_id, quarter_id), found in results.items()
    }


def district_share_overviews(indicators, quarters):
    """Districts answering yes per KR and quarter in one aggregate query."""
    districts_total = District.objects.count()
    counts = defaultdict(lambda: (0, 0))
    for row in (
        DistrictResult.objects.filter(indicator__in=indicators, answered_yes__isnull=False)
        .values("indicator_id", "quarter_id")
        .annotate(yes=Count("pk", filter=Q(answered_yes=True)), reported=Count("pk"))
    ):
        counts[(row["indicator_id"], row["quarter_id"])] = (row["yes"], row["reported"])
    found = {}
    for indicator in indicators:
        overview = []
        for quarter in quarters:
            yes, reported = counts[(indicator.pk, quarter.pk)]
            value = percent(yes, districts_total) if reported else None
            overview.append({"quarter": quarter, "numerator": yes, "denominator": districts_total,
                             "districts_reported": reported, "percent": value,
                             "met": meets(value, indicator.target_percent) if reported else None})
        found[indicator.pk] = overview
    return found
