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
