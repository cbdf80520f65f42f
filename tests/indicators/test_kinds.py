"""Indicator kinds live in one package: nothing else tests which kind an indicator is, and each kind
brings every part the pages include."""
import re
from pathlib import Path

from django.template.loader import get_template

from indicators.kinds import KINDS, kind_of
from indicators.models import Indicator

ROOT = Path(__file__).resolve().parents[2]
BRANCH = re.compile(r"Kind\.(COMMUNITY_SHARE|DISTRICT_SHARE)|is_community_share|\.kind\s*[!=]=|kind\s*==\s*[\"']")
PARTS = ["detail", "headline", "sheet_target", "sheet_annex", "official_target", "official_quarter", "official_year_end", "dashboard_figures", "dashboard_group_head", "dashboard_group_row", "dashboard_district_head",
         "dashboard_district_row", "figure_cell", "report_figures", "stale_figures"]


def test_no_code_outside_the_kinds_package_branches_on_an_indicators_kind():
    offenders = []
    for path in list(ROOT.glob("*/**/*.py")) + list((ROOT / "templates").glob("**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv", "tests/", "indicators/kinds/", "bench/")) or "/migrations/" in relative:
            continue
        if relative == "indicators/models.py":
            continue  # where the kinds' codes are declared as the field's choices
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if BRANCH.search(line) and "OutboxMessage" not in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "ask the kind (indicators.kinds) instead:\n" + "\n".join(offenders)


def test_every_kind_of_the_field_has_a_module_and_every_part_of_the_pages():
    assert set(KINDS) == set(Indicator.Kind.values)
    for kind in KINDS.values():
        for part in PARTS:
            get_template(kind.template(part))


def test_an_indicator_is_asked_for_its_kind(kr8308, cdp2563):
    assert kind_of(kr8308).cumulative and kind_of(kr8308).has_target_table
    assert not kind_of(cdp2563).has_target_table and kind_of(cdp2563).report_fields == ("answered_yes", "projects")
