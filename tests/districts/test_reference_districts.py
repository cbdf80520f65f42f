import pytest

from districts.models import Community, District, DistrictGroup

pytestmark = pytest.mark.django_db

SEED_GROUP_SIZES = {"กท.กลาง": 9, "กท.ตะวันออก": 9, "กท.ใต้": 10, "กท.เหนือ": 7, "กธ.ใต้": 7, "กธ.เหนือ": 8}


def test_there_are_the_50_official_districts_with_codes_1001_to_1050():
    assert sorted(District.objects.values_list("code", flat=True)) == [str(code) for code in range(1001, 1051)]


def test_the_six_district_groups_have_the_seed_tables_members():
    sizes = {group.name_th: group.districts.count() for group in DistrictGroup.objects.all()}
    assert sizes == SEED_GROUP_SIZES


def test_rat_burana_is_in_krungthon_south():
    assert District.objects.get(code="1024").group.name_th == "กธ.ใต้"


def test_only_active_communities_count_in_a_denominator():
    district = District.objects.get(code="1026")
    Community.objects.create(district=district, name="ชุมชน ก", status=Community.Status.ACTIVE)
    Community.objects.create(district=district, name="ชุมชน ข", status=Community.Status.DISSOLVING)
    Community.objects.create(district=district, name="ชุมชน ค", status=Community.Status.COMMITTEE_INCOMPLETE)
    assert list(Community.objects.counting().values_list("name", flat=True)) == ["ชุมชน ก"]


def test_for_user_scopes_districts(din_daeng_clerk, reviewer, client):
    from django.contrib.auth.models import AnonymousUser

    assert list(District.objects.for_user(din_daeng_clerk).values_list("code", flat=True)) == ["1026"]
    assert District.objects.for_user(reviewer).count() == 50
    assert District.objects.for_user(AnonymousUser()).count() == 0
