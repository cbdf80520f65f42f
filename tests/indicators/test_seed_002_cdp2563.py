"""Every figure of seed 002 (the FY2563 district-share KPI, local code CDP2563), one test each."""
from decimal import Decimal

import pytest

from indicators import achievement, summaries
from indicators.models import HostReport, Quarter

pytestmark = pytest.mark.django_db

Q3_NOT_YES = ["ดินแดง", "บางขุนเทียน", "บางบอน", "บางรัก", "พญาไท", "ราชเทวี", "ลาดพร้าว", "วังทองหลาง", "สัมพันธวงศ์", "หลักสี่"]
Q4_NOT_YES = ["ดินแดง", "บางขุนเทียน", "บางบอน", "ราชเทวี", "ลาดพร้าว", "สัมพันธวงศ์", "หลักสี่"]


def _summary(indicator, number):
    return summaries.summarise(indicator, Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=number))


def test_q3_is_40_districts(cdp2563):
    assert _summary(cdp2563, 3).districts_yes == 40


def test_q3_is_80_00_percent_and_meets_target_80(cdp2563):
    summary = _summary(cdp2563, 3)
    assert (summary.percent, summary.target_percent, summary.met) == (Decimal("80.00"), Decimal(80), True)


def test_q3_districts_that_did_not_are_the_10_the_seed_names(cdp2563):
    assert sorted(d.name_th for d in _summary(cdp2563, 3).districts_not_yes) == sorted(Q3_NOT_YES)


def test_q4_is_43_districts(cdp2563):
    assert _summary(cdp2563, 4).districts_yes == 43


def test_q4_is_86_00_percent(cdp2563):
    summary = _summary(cdp2563, 4)
    assert (summary.percent, summary.met, summary.districts_total) == (Decimal("86.00"), True, 50)


def test_q4_districts_that_did_not_are_the_7_the_seed_names(cdp2563):
    assert sorted(d.name_th for d in _summary(cdp2563, 4).districts_not_yes) == sorted(Q4_NOT_YES)


def test_quarters_without_results_have_no_percent(cdp2563):
    summary = _summary(cdp2563, 1)
    assert (summary.percent, summary.met, summary.districts_reported) == (None, None, 0)


def test_projects_343_in_fy2563_and_273_in_fy2564(cdp2563):
    assert dict(cdp2563.planned_projects.values_list("plan_year_be", "projects")) == {2563: 343, 2564: 273}


def _q3_budget(indicator):
    return achievement.host_budget(HostReport.objects.get(indicator=indicator, quarter__number=3))


def test_budget_allocated_to_50_districts_is_3267440(cdp2563):
    assert _q3_budget(cdp2563).allocated == Decimal("3267440")


def test_budget_disbursed_583203_is_17_85_percent(cdp2563):
    budget = _q3_budget(cdp2563)
    assert (budget.disbursed, budget.disbursed_percent) == (Decimal("583203"), Decimal("17.85"))


def test_budget_returned_774695_is_23_71_percent(cdp2563):
    budget = _q3_budget(cdp2563)
    assert (budget.returned, budget.returned_percent) == (Decimal("774695"), Decimal("23.71"))


def test_budget_kept_1909542_is_58_44_percent(cdp2563):
    budget = _q3_budget(cdp2563)
    assert (budget.kept, budget.kept_percent) == (Decimal("1909542"), Decimal("58.44"))


def test_cdp2563_is_marked_as_a_local_code(cdp2563):
    assert cdp2563.code_is_local
    assert cdp2563.target_percent == Decimal(80)
