"""Indicator kinds live in one package (the guard: test_kind_guard.py), and each kind brings every
part the pages include."""
from django.template.loader import get_template

from indicators.kinds import KINDS, kind_of
from indicators.models import Indicator

PARTS = ["detail", "headline", "sheet_target", "sheet_annex", "official_target", "official_quarter", "official_year_end", "dashboard_figures", "dashboard_group_head", "dashboard_group_row", "dashboard_district_head",
         "dashboard_district_row", "figure_cell", "report_figures", "stale_figures", "form_target", "form_fields"]


def test_every_kind_of_the_field_has_a_module_and_every_part_of_the_pages():
    assert set(KINDS) == set(Indicator.Kind.values)
    for kind in KINDS.values():
        for part in PARTS:
            get_template(kind.template(part))


def test_an_indicator_is_asked_for_its_kind(kr8308, cdp2563):
    assert kind_of(kr8308).has_target_table and kind_of(kr8308).report_fields == ("achieved", "disbursed_communities")
    assert not kind_of(cdp2563).has_target_table and kind_of(cdp2563).report_fields == ("answered_yes", "projects")
