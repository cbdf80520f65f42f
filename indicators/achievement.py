"""The one module that computes achievement: every page, export, API and command asks it.

Nothing else sums, divides or rounds. Arithmetic is Decimal with ROUND_HALF_UP: Python's built-in
rounding (half to even) on floats gives wrong targets (0.9 × 25 → 22 and 0.9 × 45 → 40; seed 000
prints 23 and 41).

Pure functions at the top take numbers; the loaders at the bottom read the database with a
fixed number of queries (not one per district) and hand the rows to the pure functions.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from districts.models import Community, District
from okr_tracker.thai import thai_sort_key

from .kinds import codes_where, kind_of
from .models import DistrictResult, DistrictTarget, Indicator, Quarter

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
WHOLE = Decimal(1)


def round_half_up(value, places=WHOLE):
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP)


def percent(numerator, denominator):
    """numerator × 100 / denominator to two decimals, or None where there is no denominator."""
    if numerator is None or not denominator:
        return None
    return round_half_up(Decimal(numerator) * HUNDRED / Decimal(denominator), TWO_PLACES)


def target_communities_for(communities, target_percent):
    """ROUND_HALF_UP(target % × communities): the target where the table gives none."""
    return int(round_half_up(Decimal(communities) * Decimal(target_percent) / HUNDRED))


def meets(value_percent, target_percent):
    if value_percent is None:
        return None
    return value_percent >= Decimal(target_percent)


class Tally:
    """What every kind's totals count over their district rows (each row says `reported` and `met`)."""

    @property
    def districts_reported(self):
        return sum(1 for row in self.districts if row.reported)

    @property
    def districts_meeting_target(self):
        return sum(1 for row in self.districts if row.met)


# --- community share (KR 8308) -------------------------------------------------------------


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


# --- district share (seed 002's KPI) -------------------------------------------------------


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


# --- budget ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetShares:
    allocated: Decimal
    disbursed: Decimal
    returned: Decimal

    @property
    def kept(self):
        return self.allocated - self.disbursed - self.returned

    @property
    def disbursed_percent(self):
        return percent(self.disbursed, self.allocated)

    @property
    def returned_percent(self):
        return percent(self.returned, self.allocated)

    @property
    def kept_percent(self):
        return percent(self.kept, self.allocated)


def budget_shares(allocated, disbursed, returned):
    allocated, disbursed, returned = (Decimal(value or 0) for value in (allocated, disbursed, returned))
    if disbursed + returned > allocated:
        raise ValueError("disbursed + returned exceeds allocated")
    return BudgetShares(allocated, disbursed, returned)


# --- loaders -------------------------------------------------------------------------------


def _districts():
    return list(District.objects.select_related("group").order_by("group__order", "group__code", "code"))


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


def summarise(indicator, quarter=None, pending=None):
    """The summary of `indicator` at the end of `quarter` (None: the target table alone).

    `pending`: figures not yet approved to count as well (see community_share_rows)."""
    return kind_of(indicator).summarise(indicator, quarter, pending)


def reporting_rate(received, expected):
    """Reports received × 100 / reports expected (DHIS2's reporting rate), two decimals."""
    return percent(received, expected)


def host_budget(report):
    """Budget shares of a host agency's quarterly report, or None where it gives no budget."""
    if report is None or report.budget_allocated is None:
        return None
    return budget_shares(report.budget_allocated, report.budget_disbursed, report.budget_returned)


def quarter_overview(indicator, quarters=None):
    """Per quarter of the indicator's year (`quarters`, or read): (quarter, percent, districts
    reported). A few queries."""
    if quarters is None:
        quarters = list(indicator.fiscal_year.quarters.order_by("number"))
    return kind_of(indicator).quarter_overviews([indicator], quarters)[indicator.pk]


def _each_kind(indicators, ask):
    """The dicts that `ask(kind, its KRs)` gives for each kind among `indicators`, merged."""
    by_kind = defaultdict(list)
    for indicator in indicators:
        by_kind[kind_of(indicator).code].append(indicator)
    found = {}
    for group in by_kind.values():
        found.update(ask(kind_of(group[0]), group))
    return found


def quarter_overviews(indicators, quarters):
    """{indicator pk: quarter_overview} of many KRs of one year (the book): the same few queries
    for each kind present, however many KRs."""
    return _each_kind(indicators, lambda kind, group: kind.quarter_overviews(group, quarters))


def official_listings(indicators, quarters):
    """{(indicator pk, quarter pk): summary} of the official reports' lists of districts (see
    Kind.official_listings), for many KRs at once."""
    return _each_kind(indicators, lambda kind, group: kind.official_listings(group, quarters))


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


def year_end_values(code):
    """[(BE year, the kind's chart value at the last quarter with one, met)] for every year of an
    indicator code, whatever its kind (an amount's total, a share's percent): from quarter_overviews,
    a fixed number of queries however many years."""
    indicators = list(Indicator.objects.filter(code=code).select_related("fiscal_year").order_by("fiscal_year__year_be"))
    quarters = list(Quarter.objects.filter(fiscal_year__in=[indicator.fiscal_year_id for indicator in indicators])
                    .select_related("fiscal_year").order_by("fiscal_year__year_be", "number"))
    overviews = quarter_overviews(indicators, quarters)
    points = []
    for indicator in indicators:
        kind = kind_of(indicator)
        rows = [row for row in overviews[indicator.pk] if row["quarter"].fiscal_year_id == indicator.fiscal_year_id]
        last = next((row for row in reversed(rows) if kind.chart_value(row) is not None), None)
        points.append((str(indicator.fiscal_year.year_be), kind.chart_value(last) if last else None,
                       last["met"] if last else None))
    return points


def year_end_percents(code):
    """[(BE year, percent at the last quarter with results, or None)] for every year of an indicator
    code. A fixed number of queries however many years and districts: the same arithmetic as
    summarise(), on rows fetched at once."""
    indicators = list(Indicator.objects.filter(code=code).select_related("fiscal_year").order_by("fiscal_year__year_be"))
    ids = [indicator.pk for indicator in indicators]
    districts_total = District.objects.count()
    community_counts = dict(
        Community.objects.counting().values_list("district").annotate(total=Count("pk")).values_list("district", "total")
    )
    targets = defaultdict(dict)
    for indicator_id, district_id, communities in DistrictTarget.objects.filter(indicator__in=ids).values_list(
            "indicator_id", "district_id", "communities"):
        targets[indicator_id][district_id] = communities
    results = defaultdict(lambda: defaultdict(list))
    for indicator_id, number, district_id, achieved, answered_yes in DistrictResult.objects.filter(indicator__in=ids).values_list(
            "indicator_id", "quarter__number", "district_id", "achieved", "answered_yes"):
        results[indicator_id][number].append((district_id, achieved, answered_yes))
    all_districts = District.objects.values_list("pk", flat=True)
    points = []
    for indicator in indicators:
        value = None
        if kind_of(indicator).cumulative:  # units achieved over units in the area
            denominators = {}
            for district_id in all_districts:
                communities = targets[indicator.pk].get(district_id)
                if communities is None:
                    communities = community_counts.get(district_id)
                if communities is not None:
                    denominators[district_id] = communities
            for number in sorted(results[indicator.pk], reverse=True):
                counted = [achieved for district_id, achieved, _yes in results[indicator.pk][number]
                           if achieved is not None and district_id in denominators]
                if counted:
                    value = percent(sum(counted), sum(denominators.values()))
                    break
        else:
            for number in sorted(results[indicator.pk], reverse=True):
                answers = [yes for _district, _achieved, yes in results[indicator.pk][number] if yes is not None]
                if answers:
                    value = percent(sum(1 for yes in answers if yes), districts_total)
                    break
        points.append((str(indicator.fiscal_year.year_be), value))
    return points


TREND_QUARTERS = 8  # a district's trend: the last two years of quarters (ten years of bars are unreadable)


def district_trend(district, codes=None):
    """{indicator code: ([(“Q/BE”, percent)], target percent)} of one district's counted
    community-share results (of the KRs `codes`, or all): the last TREND_QUARTERS quarters with a
    result, oldest first; the target is the latest year's. Three queries."""
    denominators = dict(DistrictTarget.objects.filter(district=district, communities__isnull=False).values_list(
        "indicator_id", "communities"))
    fallback = Community.objects.counting().filter(district=district).count() or None
    trend, targets = defaultdict(list), {}
    results = DistrictResult.objects.filter(district=district, achieved__isnull=False,
                                            indicator__kind__in=codes_where(lambda kind: kind.cumulative))
    if codes is not None:
        results = results.filter(indicator__code__in=codes)
    for code, indicator_id, year_be, number, achieved, target in results.order_by(
            "quarter__fiscal_year__year_be", "quarter__number").values_list(
            "indicator__code", "indicator_id", "quarter__fiscal_year__year_be", "quarter__number", "achieved",
            "indicator__target_percent"):
        trend[code].append((f"{number}/{year_be}", percent(achieved, denominators.get(indicator_id, fallback))))
        targets[code] = target  # in year order: the latest year's wins
    return {code: (points[-TREND_QUARTERS:], targets[code]) for code, points in trend.items()}


# --- amounts (จำนวน): a number per district against an optional target; citywide Σ vs a target ----


def meets_amount(value, target, direction):
    """value ≥ target, or ≤ where lower is better; None where either is missing."""
    if value is None or target is None:
        return None
    return value <= Decimal(target) if direction == Indicator.Direction.LOWER else value >= Decimal(target)


def total(values):
    """Σ of the values given (Decimal, two places), or None when there are none."""
    values = [Decimal(value) for value in values if value is not None]
    return round_half_up(sum(values), TWO_PLACES) if values else None


def mean(values):
    """The mean of the values given, ROUND_HALF_UP to two places, or None when there are none."""
    values = [Decimal(value) for value in values if value is not None]
    return round_half_up(sum(values) / len(values), TWO_PLACES) if values else None


@dataclass
class AmountRow:
    district: District
    target: Decimal | None
    direction: str
    amount: Decimal | None = None
    percent = None  # an amount is no share: the lists sort by it as "no percent"

    @property
    def reported(self):
        return self.amount is not None

    @property
    def met(self):
        return meets_amount(self.amount, self.target, self.direction)


@dataclass
class AmountTotals(Tally):
    target_value: Decimal | None
    direction: str
    districts: list = field(default_factory=list)
    group: object = None
    percent = None


    @property
    def value(self):
        return total(row.amount for row in self.districts)

    @property
    def target(self):
        return total(row.target for row in self.districts)


    @property
    def met(self):
        return meets_amount(self.value, self.target_value, self.direction)


@dataclass
class AmountSummary(AmountTotals):
    indicator: Indicator = None
    quarter: object = None
    groups: list = field(default_factory=list)
    target_percent: Decimal = None


def _by_group(rows, make):
    groups = {}
    for row in rows:
        groups.setdefault(row.district.group.pk, make(row.district.group)).districts.append(row)
    return sorted(groups.values(), key=lambda totals: (totals.group.order, totals.group.code))


def amount_rows(indicator, quarter=None, pending=None):
    """Every district: its target (if the table gives one) and its amount at `quarter`. Three queries."""
    targets = dict(DistrictTarget.objects.filter(indicator=indicator).values_list("district_id", "target_amount"))
    amounts = {}
    if quarter is not None:
        amounts = dict(DistrictResult.objects.filter(indicator=indicator, quarter=quarter, amount__isnull=False)
                       .values_list("district_id", "amount"))
        amounts.update({district_id: report.amount for district_id, report in (pending or {}).items()
                        if report.amount is not None})
    return [AmountRow(district=district, target=targets.get(district.pk), direction=indicator.direction,
                      amount=amounts.get(district.pk)) for district in _districts()]


def summarise_amount(rows, indicator, quarter=None):
    return AmountSummary(target_value=indicator.target_value, direction=indicator.direction, districts=list(rows),
                         indicator=indicator, quarter=quarter, target_percent=indicator.target_percent,
                         groups=_by_group(rows, lambda group: AmountTotals(indicator.target_value, indicator.direction,
                                                                           group=group)))


def amount_overviews(indicators, quarters):
    """Σ amount per KR and quarter in one aggregate query."""
    sums = {(row["indicator_id"], row["quarter_id"]): row for row in DistrictResult.objects.filter(
        indicator__in=indicators, amount__isnull=False).values("indicator_id", "quarter_id").annotate(
        total=Sum("amount"), reported=Count("pk"))}
    found = {}
    for indicator in indicators:
        overview = []
        for quarter in quarters:
            row = sums.get((indicator.pk, quarter.pk))
            value = round_half_up(row["total"], TWO_PLACES) if row else None
            overview.append({"quarter": quarter, "numerator": value, "denominator": indicator.target_value,
                             "districts_reported": row["reported"] if row else 0, "percent": None, "value": value,
                             "met": meets_amount(value, indicator.target_value, indicator.direction)})
        found[indicator.pk] = overview
    return found


# --- success levels (ระดับความสำเร็จ, 1–5): a district meets when level ≥ the target level --------


@dataclass
class LevelRow:
    district: District
    target_level: int | None
    level: int | None = None
    percent = None

    @property
    def reported(self):
        return self.level is not None

    @property
    def met(self):
        if self.level is None or self.target_level is None:
            return None
        return self.level >= self.target_level


@dataclass
class LevelTotals(Tally):
    target_level: int | None
    target_percent: Decimal
    districts: list = field(default_factory=list)
    group: object = None



    @property
    def districts_total(self):
        return len(self.districts)

    @property
    def percent(self):
        """Districts at the target level × 100 / districts."""
        if not self.districts_reported:
            return None
        return percent(self.districts_meeting_target, self.districts_total)

    @property
    def mean_level(self):
        return mean(row.level for row in self.districts)

    @property
    def met(self):
        return meets(self.percent, self.target_percent)


@dataclass
class LevelSummary(LevelTotals):
    indicator: Indicator = None
    quarter: object = None
    groups: list = field(default_factory=list)


def target_level(indicator):
    return int(indicator.target_value) if indicator.target_value is not None else None


def level_rows(indicator, quarter=None, pending=None):
    levels = {}
    if quarter is not None:
        levels = dict(DistrictResult.objects.filter(indicator=indicator, quarter=quarter, level__isnull=False)
                      .values_list("district_id", "level"))
        levels.update({district_id: report.level for district_id, report in (pending or {}).items()
                       if report.level is not None})
    goal = target_level(indicator)
    return [LevelRow(district=district, target_level=goal, level=levels.get(district.pk)) for district in _districts()]


def summarise_level(rows, indicator, quarter=None):
    goal = target_level(indicator)
    return LevelSummary(target_level=goal, target_percent=indicator.target_percent, districts=list(rows),
                        indicator=indicator, quarter=quarter,
                        groups=_by_group(rows, lambda group: LevelTotals(goal, indicator.target_percent, group=group)))


def level_overviews(indicators, quarters):
    """Districts at each KR's target level per quarter, from one query of counts by level."""
    districts_total = District.objects.count()
    by_level = defaultdict(list)
    for row in (DistrictResult.objects.filter(indicator__in=indicators, level__isnull=False)
                .values("indicator_id", "quarter_id", "level").annotate(count=Count("pk"))):
        by_level[(row["indicator_id"], row["quarter_id"])].append((row["level"], row["count"]))
    found = {}
    for indicator in indicators:
        goal = target_level(indicator) or 0
        overview = []
        for quarter in quarters:
            levels = by_level.get((indicator.pk, quarter.pk))
            at_target = sum(count for level, count in levels if level >= goal) if levels else None
            value = percent(at_target, districts_total) if levels else None
            overview.append({"quarter": quarter, "numerator": at_target,
                             "denominator": districts_total, "districts_reported": sum(count for _level, count in levels) if levels else 0,
                             "percent": value, "met": meets(value, indicator.target_percent)})
        found[indicator.pk] = overview
    return found
