"""Share of units: the figures (district rows, group and city totals) and their loaders, a fixed
number of queries whatever the number of districts."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from districts.models import Community, District
from indicators.achievement import HUNDRED, Tally, meets, percent, round_half_up
from indicators.models import DistrictResult, DistrictTarget, Indicator

from ..common import districts as _districts


def target_communities_for(communities, target_percent):
    """ROUND_HALF_UP(target % × communities): the target where the table gives none."""
    return int(round_half_up(Decimal(communities) * Decimal(target_percent) / HUNDRED))



@dataclass
class DistrictFigures:
    district: District
    communities: int
    target_communities: int
    target_from_table: bool
    achieved: int | None = None
    number: int = 0  # the row's number in the table as printed

    @property
    def reported(self):
        return self.achieved is not None

    @property
    def percent(self):
        return percent(self.achieved, self.communities)

    @property
    def met(self):
        if self.achieved is None:
            return None
        return self.achieved >= self.target_communities


@dataclass
class CommunityShareTotals(Tally):
    """The sums over a set of districts: one group, or the whole city."""

    target_percent: Decimal
    districts: list = field(default_factory=list)
    group: object = None

    @property
    def communities(self):
        return sum(row.communities for row in self.districts)

    @property
    def target_communities(self):
        return sum(row.target_communities for row in self.districts)


    @property
    def achieved(self):
        if not self.districts_reported:
            return None
        return sum(row.achieved for row in self.districts if row.reported)


    @property
    def percent(self):
        return percent(self.achieved, self.communities)

    @property
    def target_share_percent(self):
        """Σ target communities as a share of Σ communities (1,806 of 2,004 = 90.12%)."""
        return percent(self.target_communities, self.communities)

    @property
    def met(self):
        return meets(self.percent, self.target_percent)


@dataclass
class CommunityShareSummary(CommunityShareTotals):
    indicator: Indicator = None
    quarter: object = None
    groups: list = field(default_factory=list)


def summarise_community_share(rows, target_percent, **extra):
    """Group totals and city totals of DistrictFigures rows (in the order given)."""
    by_group = {}
    for row in rows:
        group = row.district.group
        by_group.setdefault(group.pk, CommunityShareTotals(target_percent=target_percent, group=group)).districts.append(row)
    groups = sorted(by_group.values(), key=lambda totals: (totals.group.order, totals.group.code))
    return CommunityShareSummary(target_percent=target_percent, districts=list(rows), groups=groups, **extra)


def community_share_rows(indicator, quarter=None, pending=None):
    """One DistrictFigures per district of the target table (or with counting communities).

    Three queries whatever the number of districts: targets, community counts, results.
    `pending` ({district id: object with .achieved}) adds figures not yet approved, e.g. submitted
    reports for the dashboard's "including submitted"; they take the place of the counted ones.
    """
    targets = {target.district_id: target for target in DistrictTarget.objects.filter(indicator=indicator)}
    achieved = {}
    if quarter is not None:
        achieved = dict(
            DistrictResult.objects.filter(indicator=indicator, quarter=quarter, achieved__isnull=False).values_list(
                "district_id", "achieved"
            )
        )
    for district_id, figures in (pending or {}).items():
        if figures.achieved is not None:
            achieved[district_id] = figures.achieved
    return _community_share_rows(indicator, targets, _community_counts(), _districts(), achieved)


def _community_counts():
    """{district id: counting communities} of every district, one query."""
    return dict(
        Community.objects.counting().values_list("district").annotate(total=Count("pk")).values_list("district", "total")
    )


def _community_share_rows(indicator, targets, community_counts, districts, achieved):
    """The rows of community_share_rows from what it read ({district id: target}, …)."""
    rows = []
    # The table's own order (seed 000 numbers its rows by group, then alphabetically).
    districts = sorted(districts, key=lambda d: (getattr(targets.get(d.pk), "row_number", None) or 10_000,))
    for district in districts:
        target = targets.get(district.pk)
        number = len(rows) + 1
        communities = target.communities if target and target.communities is not None else community_counts.get(district.pk)
        if communities is None:
            continue  # a district with neither a table row nor a community list takes no part
        from_table = target is not None and target.target_communities is not None
        target_communities = (
            target.target_communities if from_table else target_communities_for(communities, indicator.target_percent)
        )
        rows.append(
            DistrictFigures(
                district=district,
                communities=communities,
                target_communities=target_communities,
                target_from_table=from_table,
                achieved=achieved.get(district.pk),
                number=number,
            )
        )
    return rows



def community_share_overviews(indicators, quarters):
    """Per KR, its denominator (the target table's communities), then Σ achieved per quarter by
    the districts that take part; four queries for any number of KRs."""
    targets = defaultdict(dict)
    for target in DistrictTarget.objects.filter(indicator__in=indicators):
        targets[target.indicator_id][target.district_id] = target
    community_counts, districts = _community_counts(), _districts()
    taking_part, communities = {}, {}
    for indicator in indicators:
        rows = _community_share_rows(indicator, targets[indicator.pk], community_counts, districts, {})
        taking_part[indicator.pk] = {row.district.pk for row in rows}
        communities[indicator.pk] = sum(row.communities for row in rows)
    sums = {}
    for indicator_id, quarter_id, district_id, achieved in DistrictResult.objects.filter(
            indicator__in=indicators, achieved__isnull=False).values_list("indicator_id", "quarter_id", "district_id", "achieved"):
        if district_id in taking_part[indicator_id]:
            total, reported = sums.get((indicator_id, quarter_id), (0, 0))
            sums[(indicator_id, quarter_id)] = (total + achieved, reported + 1)
    found = {}
    for indicator in indicators:
        overview = []
        for quarter in quarters:
            total, reported = sums.get((indicator.pk, quarter.pk), (None, 0))
            value = percent(total, communities[indicator.pk]) if reported else None
            overview.append({
                "quarter": quarter,
                "numerator": total,
                "denominator": communities[indicator.pk],
                "districts_reported": reported,
                "percent": value,
                "met": meets(value, indicator.target_percent),
            })
        found[indicator.pk] = overview
    return found


def district_figures(indicator, district):
    """One district's denominator and target for a community-share indicator, or None if it takes no part."""
    target = DistrictTarget.objects.filter(indicator=indicator, district=district).first()
    communities = target.communities if target and target.communities is not None else None
    if communities is None:
        communities = Community.objects.counting().filter(district=district).count() or None
    if communities is None:
        return None
    from_table = target is not None and target.target_communities is not None
    return DistrictFigures(
        district=district,
        communities=communities,
        target_communities=target.target_communities if from_table else target_communities_for(communities, indicator.target_percent),
        target_from_table=from_table,
        number=target.row_number if target and target.row_number else 0,
    )



TREND_QUARTERS = 8  # a district's trend: the last two years of quarters (ten years of bars are unreadable)


def district_trend(district, kind_code, codes=None):
    """{indicator code: ([(“Q/BE”, percent)], target percent)} of one district's counted
    community-share results (of the KRs `codes`, or all): the last TREND_QUARTERS quarters with a
    result, oldest first; the target is the latest year's. Three queries."""
    denominators = dict(DistrictTarget.objects.filter(district=district, communities__isnull=False).values_list(
        "indicator_id", "communities"))
    fallback = Community.objects.counting().filter(district=district).count() or None
    trend, targets = defaultdict(list), {}
    results = DistrictResult.objects.filter(district=district, achieved__isnull=False,
                                            indicator__kind=kind_code)
    if codes is not None:
        results = results.filter(indicator__code__in=codes)
    for code, indicator_id, year_be, number, achieved, target in results.order_by(
            "quarter__fiscal_year__year_be", "quarter__number").values_list(
            "indicator__code", "indicator_id", "quarter__fiscal_year__year_be", "quarter__number", "achieved",
            "indicator__target_percent"):
        trend[code].append((f"{number}/{year_be}", percent(achieved, denominators.get(indicator_id, fallback))))
        targets[code] = target  # in year order: the latest year's wins
    return {code: (points[-TREND_QUARTERS:], targets[code]) for code, points in trend.items()}
