"""Fiscal years in the Buddhist Era: FY n runs 1 Oct of CE n−544 to 30 Sep of CE n−543.

Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep. Dates are stored in CE; users see BE years.
"""
import datetime

from okr_tracker.thai import BE_OFFSET

_QUARTER_MONTHS = {1: (10, 12), 2: (1, 3), 3: (4, 6), 4: (7, 9)}


def fiscal_year_of(date):
    """The BE fiscal year that `date` falls in (30 Sep 2025 → 2568; 1 Oct 2025 → 2569)."""
    ce = date.year + 1 if date.month >= 10 else date.year
    return ce + BE_OFFSET


def quarter_of(date):
    """(BE fiscal year, quarter number 1–4) of `date`."""
    number = {10: 1, 11: 1, 12: 1}.get(date.month) or (date.month - 1) // 3 + 2
    return fiscal_year_of(date), number


def year_bounds(year_be):
    return datetime.date(year_be - 544, 10, 1), datetime.date(year_be - 543, 9, 30)


def quarter_bounds(year_be, number):
    if number not in _QUARTER_MONTHS:
        raise ValueError(f"quarter must be 1–4, not {number}")
    first_month, last_month = _QUARTER_MONTHS[number]
    ce = year_be - 544 if number == 1 else year_be - 543
    start = datetime.date(ce, first_month, 1)
    next_month = datetime.date(ce + (last_month == 12), last_month % 12 + 1, 1)
    return start, next_month - datetime.timedelta(days=1)
