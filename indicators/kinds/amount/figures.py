"""Amounts (จำนวน): a number per district against an optional target; citywide Σ against a target."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from districts.models import District
from indicators.achievement import TWO_PLACES, Tally, round_half_up, total
from indicators.models import DistrictResult, DistrictTarget, Indicator

from ..common import by_group as _by_group
from ..common import districts as _districts


def meets_amount(value, target, direction):
    """value ≥ target, or ≤ where lower is better; None where either is missing."""
    if value is None or target is None:
        return None
    return value <= Decimal(target) if direction == Indicator.Direction.LOWER else value >= Decimal(target)



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
