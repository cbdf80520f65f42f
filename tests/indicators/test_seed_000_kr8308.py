"""Every figure of seed 000 (KR 8308, FY2568) that the system can reproduce, one test each."""
from decimal import Decimal

import pytest

from indicators import summaries
from indicators.kinds.community_share import figures as community_share_figures
from indicators.models import DistrictTarget
from indicators.reference_data import parse_seed_target_table

pytestmark = pytest.mark.django_db

SEED_GROUP_TOTALS = {  # (communities, target communities), summed from seed 000's rows
    "กท.กลาง": (201, 183),
    "กท.ตะวันออก": (490, 441),
    "กท.ใต้": (278, 251),
    "กท.เหนือ": (450, 405),
    "กธ.ใต้": (290, 261),
    "กธ.เหนือ": (295, 265),
}


def test_citywide_communities_is_2004(kr8308):
    assert summaries.summarise(kr8308).communities == 2004


def test_citywide_target_communities_is_1806(kr8308):
    assert summaries.summarise(kr8308).target_communities == 1806


def test_1806_is_not_90_percent_of_2004(kr8308):
    summary = summaries.summarise(kr8308)
    assert community_share_figures.target_communities_for(2004, Decimal(90)) == 1804
    assert summary.target_share_percent == Decimal("90.12")


def test_the_target_table_has_50_rows_one_per_district(kr8308):
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50
    assert len(summaries.summarise(kr8308).districts) == 50


def test_the_50_district_targets_equal_the_seed_table(kr8308):
    seed = {row.number: (row.communities, row.target_communities) for row in parse_seed_target_table()}
    stored = {row.number: (row.communities, row.target_communities) for row in summaries.summarise(kr8308).districts}
    assert stored == seed


def test_the_50_district_targets_equal_round_half_up_of_90_percent(kr8308):
    for row in summaries.summarise(kr8308).districts:
        assert community_share_figures.target_communities_for(row.communities, Decimal(90)) == row.target_communities, row.district


@pytest.mark.parametrize(
    ("district_code", "communities", "target"),
    [("1037", 25, 23), ("1032", 45, 41), ("1009", 45, 41), ("1034", 45, 41)],
)
def test_the_four_districts_where_float_rounding_fails(kr8308, district_code, communities, target):
    row = next(row for row in summaries.summarise(kr8308).districts if row.district.code == district_code)
    assert (row.communities, row.target_communities) == (communities, target)
    assert community_share_figures.target_communities_for(communities, 90) == target
    assert round(0.9 * communities) == target - 1  # what float + round() would have printed


def test_a_missing_table_target_is_computed_half_up(kr8308, open_fy2568):
    DistrictTarget.objects.filter(indicator=kr8308, district__code="1037").update(target_communities=None)
    row = next(row for row in summaries.summarise(kr8308).districts if row.district.code == "1037")
    assert (row.target_communities, row.target_from_table) == (23, False)


@pytest.mark.parametrize("group_name", SEED_GROUP_TOTALS)
def test_per_group_sums(kr8308, group_name):
    group = next(group for group in summaries.summarise(kr8308).groups if group.group.name_th == group_name)
    assert (group.communities, group.target_communities) == SEED_GROUP_TOTALS[group_name]


def test_the_groups_add_up_to_the_citywide_total(kr8308):
    summary = summaries.summarise(kr8308)
    assert sum(group.communities for group in summary.groups) == 2004
    assert sum(group.target_communities for group in summary.groups) == 1806


def test_the_table_keeps_the_seeds_row_order(kr8308):
    districts = summaries.summarise(kr8308).districts
    assert [row.district.name_th for row in districts[:3]] == ["ดินแดง", "ดุสิต", "ป้อมปราบศัตรูพ่าย"]
    assert districts[40].district.name_th == "ราษฎร์บูรณะ"  # seed row 41, "ราชบุรีบูรณะ"
    assert districts[-1].district.name_th == "บางพลัด"


def test_the_kr_sheet_carries_what_the_official_sheet_carries(kr8308):
    assert kr8308.target_percent == Decimal(90)
    assert kr8308.host_agency == "สำนักพัฒนาสังคม"
    assert kr8308.strategy_dimension == "สังคมดี"
    assert "๘.๓" in kr8308.strategy_issue
    assert "นางโสภาวดี สุวรรณมิ่ง" in kr8308.coordinator
    agencies = list(kr8308.agencies.values_list("role", "name", "target_percent"))
    assert agencies == [("H", "สำนักพัฒนาสังคม", Decimal(90)), ("R", "สำนักงานเขต", Decimal(90))]
    assert not kr8308.code_is_local


def test_loading_the_reference_data_twice_changes_nothing(kr8308):
    from indicators.reference_data import load_reference_data

    before = list(DistrictTarget.objects.filter(indicator=kr8308).values_list("district__code", "communities", "target_communities"))
    load_reference_data()
    after = list(DistrictTarget.objects.filter(indicator=kr8308).values_list("district__code", "communities", "target_communities"))
    assert before == after
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50


def test_running_the_reference_data_again_keeps_an_administrators_corrections(kr8308, open_fy2568):
    """Issue 25, finding 1: a second run put the seed's values back (ดินแดง 19 → 20, the coordinator),
    re-created the agencies under new ids and wrote 157 unchanged history rows."""
    from indicators.models import ResponsibleAgency
    from indicators.reference_data import load_reference_data

    target = DistrictTarget.objects.get(indicator=kr8308, district__code="1026")
    target.target_communities = 19
    target.save()
    kr8308.coordinator = "ผู้ประสานงานคนใหม่"
    kr8308.save()
    agencies = list(ResponsibleAgency.objects.filter(indicator=kr8308).values_list("pk", flat=True))
    history = (DistrictTarget.history.count(), type(kr8308).history.count())
    _indicators, added = load_reference_data()
    assert added.counts == {}
    assert DistrictTarget.objects.get(pk=target.pk).target_communities == 19
    assert type(kr8308).objects.get(pk=kr8308.pk).coordinator == "ผู้ประสานงานคนใหม่"
    assert list(ResponsibleAgency.objects.filter(indicator=kr8308).values_list("pk", flat=True)) == agencies
    assert (DistrictTarget.history.count(), type(kr8308).history.count()) == history


def test_the_reference_data_adds_a_row_that_is_missing_and_says_so(kr8308, open_fy2568):
    import io

    from django.core.management import call_command

    DistrictTarget.objects.filter(indicator=kr8308, district__code="1026").delete()
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "เพิ่มข้อมูลอ้างอิงที่ยังไม่มี" in out.getvalue() and "1" in out.getvalue()
    assert DistrictTarget.objects.get(indicator=kr8308, district__code="1026").target_communities == 20
