import pytest

from districts.models import District, DistrictAlias
from districts.names import DistrictIndex, UnknownDistrict, resolve_district

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spelling",
    ["สำนักงานเขตดินแดง", "เขตดินแดง", " ดินแดง ", "ดินแดง", "Din Daeng", "din daeng", "DIN DAENG district", "1026", "๑๐๒๖",
     "สำนักงานเขต ดินแดง", "เขต  ดิน แดง", "ดินแดง\u200b"],
)
def test_every_spelling_of_din_daeng_resolves_to_it(spelling):
    assert resolve_district(spelling).code == "1026"


def test_seed_000s_misspelling_ratchaburi_burana_is_rat_burana():
    assert resolve_district("สำนักงานเขตราชบุรีบูรณะ").name_th == "ราษฎร์บูรณะ"


def test_an_alias_added_by_an_administrator_resolves():
    DistrictAlias.objects.create(alias="ป้อมปราบฯ2", district=District.objects.get(code="1008"))
    assert resolve_district("เขตป้อมปราบฯ2").code == "1008"


@pytest.mark.parametrize("unknown", ["สำนักงานเขตบางใหญ่", "Nonthaburi", "1051", "", "   ", None, "เขต"])
def test_an_unknown_name_raises_a_clear_error_and_creates_nothing(unknown):
    with pytest.raises(UnknownDistrict) as error:
        resolve_district(unknown)
    assert District.objects.count() == 50
    if unknown and unknown.strip():
        assert unknown.strip() in str(error.value)


def test_the_error_message_is_thai_by_default():
    with pytest.raises(UnknownDistrict) as error:
        resolve_district("บางใหญ่")
    assert "ไม่พบเขต" in str(error.value)


def test_an_index_resolves_fifty_names_in_two_queries(django_assert_max_num_queries):
    names = list(District.objects.values_list("name_th", flat=True))
    with django_assert_max_num_queries(2):
        index = DistrictIndex()
        resolved = [index.resolve(f"สำนักงานเขต{name}") for name in names]
    assert len({district.pk for district in resolved}) == 50
