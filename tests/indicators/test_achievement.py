"""The achievement module's arithmetic, on plain numbers."""
from decimal import Decimal

import pytest

from indicators import achievement, summaries
from indicators.kinds.community_share import figures as community_share_figures
from indicators.models import DistrictResult, Quarter

# These write figures into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(43, 50, "86.00"), (1, 3, "33.33"), (2, 3, "66.67"), (1, 8, "12.50"), (1, 400, "0.25"), (1, 800, "0.13"), (0, 5, "0.00")],
)
def test_percent_is_two_decimals_rounded_half_up(numerator, denominator, expected):
    assert achievement.percent(numerator, denominator) == Decimal(expected)


def test_percent_of_nothing_is_none():
    assert achievement.percent(5, 0) is None
    assert achievement.percent(None, 10) is None


@pytest.mark.parametrize(("communities", "target"), [(25, 23), (45, 41), (15, 14), (35, 32), (5, 5), (1, 1), (0, 0)])
def test_target_communities_round_half_up(communities, target):
    assert community_share_figures.target_communities_for(communities, Decimal(90)) == target


def test_budget_shares_refuse_more_out_than_in():
    with pytest.raises(ValueError):
        achievement.budget_shares(100, 60, 50)


def test_a_district_meets_its_target_when_achieved_reaches_target_communities(kr8308):
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=4)
    DistrictResult.objects.create(indicator=kr8308, district_id=_pk("1026"), quarter=quarter, achieved=20)  # 22 → target 20
    DistrictResult.objects.create(indicator=kr8308, district_id=_pk("1002"), quarter=quarter, achieved=38)  # 43 → target 39
    summary = summaries.summarise(kr8308, quarter)
    by_code = {row.district.code: row for row in summary.districts}
    assert (by_code["1026"].met, by_code["1026"].percent) == (True, Decimal("90.91"))
    assert (by_code["1002"].met, by_code["1002"].percent) == (False, Decimal("88.37"))
    assert summary.districts_meeting_target == 1
    assert summary.achieved == 58
    assert summary.percent == Decimal("2.89")  # 58 × 100 / 2,004
    assert summary.met is False


def _pk(code):
    from districts.models import District

    return District.objects.get(code=code).pk


def test_the_summary_takes_a_fixed_number_of_queries(kr8308, cdp2563, django_assert_max_num_queries):
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=1)
    with django_assert_max_num_queries(4):
        summaries.summarise(kr8308, quarter).groups
    quarter = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    with django_assert_max_num_queries(2):
        summaries.summarise(cdp2563, quarter).districts_yes


def test_where_a_year_has_no_table_the_counting_communities_are_the_denominator(kr8308):
    from districts.models import Community, District
    from indicators.models import DistrictTarget

    district = District.objects.get(code="1026")
    DistrictTarget.objects.filter(indicator=kr8308, district=district).delete()
    for number in range(10):
        Community.objects.create(district=district, name=f"ชุมชน {number}")
    Community.objects.create(district=district, name="ชุมชนยุบ", status=Community.Status.DISSOLVING)
    row = next(row for row in summaries.summarise(kr8308).districts if row.district.code == "1026")
    assert (row.communities, row.target_communities, row.target_from_table) == (10, 9, False)


def test_the_table_is_a_snapshot_that_community_edits_do_not_change(kr8308):
    from districts.models import Community, District

    Community.objects.create(district=District.objects.get(code="1026"), name="ชุมชนใหม่")
    row = next(row for row in summaries.summarise(kr8308).districts if row.district.code == "1026")
    assert row.communities == 22


def test_year_end_values_agree_with_summarise(cdp2563, kr8308, open_quarter):
    from districts.models import District

    assert summaries.year_end_values("CDP2563") == [("2563", Decimal("86.00"), True)]
    DistrictResult.objects.create(indicator=kr8308, district=District.objects.get(code="1026"), quarter=open_quarter, achieved=21)
    summary = summaries.summarise(kr8308, open_quarter)
    assert summaries.year_end_values("8308") == [("2568", summary.percent, summary.met)]


def test_year_end_values_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        summaries.year_end_values("8308")
