import datetime

import pytest

from indicators import fiscal
from indicators.models import FiscalYear


def test_30_september_2025_is_fy2568_q4():
    assert fiscal.quarter_of(datetime.date(2025, 9, 30)) == (2568, 4)


def test_1_october_2025_is_fy2569_q1():
    assert fiscal.quarter_of(datetime.date(2025, 10, 1)) == (2569, 1)


@pytest.mark.parametrize(
    ("date", "expected"),
    [((2024, 10, 1), (2568, 1)), ((2024, 12, 31), (2568, 1)), ((2025, 1, 1), (2568, 2)), ((2025, 3, 31), (2568, 2)),
     ((2025, 4, 1), (2568, 3)), ((2025, 6, 30), (2568, 3)), ((2025, 7, 1), (2568, 4))],
)
def test_quarter_boundaries(date, expected):
    assert fiscal.quarter_of(datetime.date(*date)) == expected


def test_fy2568_runs_1_october_2024_to_30_september_2025():
    assert fiscal.year_bounds(2568) == (datetime.date(2024, 10, 1), datetime.date(2025, 9, 30))


def test_quarter_bounds_of_fy2568():
    assert [fiscal.quarter_bounds(2568, n) for n in (1, 2, 3, 4)] == [
        (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)),
        (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)),
        (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)),
    ]


@pytest.mark.django_db
def test_a_fiscal_year_is_created_on_demand_with_four_open_quarters():
    year = FiscalYear.get_or_create_year(2570)
    assert (year.start_date, year.end_date) == (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))
    assert [(q.number, q.is_open) for q in year.quarters.order_by("number")] == [(1, True), (2, True), (3, True), (4, True)]
    assert FiscalYear.get_or_create_year(2570).quarters.count() == 4
