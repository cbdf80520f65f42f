"""Numbers as they are counted, in one place: a percent with two decimals; an amount (people,
projects, baht) with its thousands separator and decimals only where it has them; "–" for nothing."""
from decimal import Decimal

PERCENT = "%"


def figure(value, unit=PERCENT):
    """22 → "22", 1250 → "1,250", 1250.5 → "1,250.50"; a percent 86 → "86.00"; None → "–"."""
    if value is None:
        return "–"
    value = Decimal(value)
    if unit == PERCENT:
        return f"{value:.2f}"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


class Year(int):
    """A year in a spreadsheet: a number, written without a thousands separator (2563, not 2,563)."""


def field_value(value, baht=False):
    """A stored figure as a page shows it in a report's history: 0 as 0, nothing as “–”, baht with two
    decimals, other amounts as counted, yes/no in words."""
    from django.utils.translation import gettext as _

    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, Decimal)):
        return f"{Decimal(value):,.2f}" if baht else figure(value, unit="")
    return str(value)
