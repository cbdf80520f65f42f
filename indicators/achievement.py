"""What every kind's arithmetic shares: Decimal with ROUND_HALF_UP, percent, tallies, totals and
means, budget shares. Nothing else rounds.

Python's built-in rounding (half to even) on floats gives wrong targets (0.9 × 25 → 22 and 0.9 × 45
→ 40; seed 000 prints 23 and 41). Each kind's own figures (its district rows, totals, loaders) live in
its package, `indicators/kinds/<code>/figures.py`, and use these; a page asks `indicators.summaries`.
This module imports nothing of the project.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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



def total(values):
    """Σ of the values given (Decimal, two places), or None when there are none."""
    values = [Decimal(value) for value in values if value is not None]
    return round_half_up(sum(values), TWO_PLACES) if values else None


def mean(values):
    """The mean of the values given, ROUND_HALF_UP to two places, or None when there are none."""
    values = [Decimal(value) for value in values if value is not None]
    return round_half_up(sum(values) / len(values), TWO_PLACES) if values else None



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



def reporting_rate(received, expected):
    """Reports received × 100 / reports expected (DHIS2's reporting rate), two decimals."""
    return percent(received, expected)


def host_budget(report):
    """Budget shares of a host agency's quarterly report, or None where it gives no budget."""
    if report is None or report.budget_allocated is None:
        return None
    return budget_shares(report.budget_allocated, report.budget_disbursed, report.budget_returned)

