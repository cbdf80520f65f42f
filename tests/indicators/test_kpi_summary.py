import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import DistrictResult, Quarter

# These write figures into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]


def run(*args):
    out = StringIO()
    call_command("kpi_summary", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_contract_keys_for_a_community_share_indicator():
    data = json.loads(run("--indicator", "8308", "--year", "2568", "--quarter", "4", "--format", "json"))
    for key in ["indicator", "year", "quarter", "kind", "target_percent", "percent", "met", "groups", "districts",
                "communities", "target_communities", "achieved", "districts_meeting_target"]:
        assert key in data, key
    assert (data["indicator"], data["year"], data["quarter"], data["kind"]) == ("8308", 2568, 4, "community_share")
    assert (data["communities"], data["target_communities"]) == (2004, 1806)
    assert data["target_percent"] == "90.00"
    assert (data["percent"], data["met"], data["achieved"]) == (None, None, None)
    assert len(data["districts"]) == 50 and len(data["groups"]) == 6
    assert {"code", "name", "group", "communities", "target_communities", "achieved"} <= set(data["districts"][0])
    rat_burana = next(d for d in data["districts"] if d["code"] == "1024")
    assert (rat_burana["name"], rat_burana["group"], rat_burana["communities"], rat_burana["target_communities"]) == (
        "ราษฎร์บูรณะ", "กธ.ใต้", 28, 25)


def test_json_has_the_contract_keys_for_a_district_share_indicator():
    data = json.loads(run("--indicator", "CDP2563", "--year", "2563", "--quarter", "4", "--format", "json"))
    assert (data["kind"], data["districts_yes"], data["districts_total"]) == ("district_share", 43, 50)
    assert (data["percent"], data["target_percent"], data["met"]) == ("86.00", "80.00", True)
    assert sorted(d["name"] for d in data["districts"] if not d["answered_yes"]) == sorted(
        ["ดินแดง", "บางขุนเทียน", "บางบอน", "ราชเทวี", "ลาดพร้าว", "สัมพันธวงศ์", "หลักสี่"])


def test_json_q3_is_40_districts_80_percent():
    data = json.loads(run("--indicator", "CDP2563", "--year", "2563", "--quarter", "3", "--format", "json"))
    assert (data["districts_yes"], data["percent"]) == (40, "80.00")


def test_json_reports_achieved_figures(kr8308):
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2)
    DistrictResult.objects.create(indicator=kr8308, district=kr8308.district_targets.get(district__code="1026").district,
                                  quarter=quarter, achieved=21)
    data = json.loads(run("--indicator", "8308", "--year", "2568", "--quarter", "2", "--format", "json"))
    din_daeng = next(d for d in data["districts"] if d["code"] == "1026")
    assert (din_daeng["achieved"], din_daeng["percent"], din_daeng["met"]) == (21, "95.45", True)
    assert (data["achieved"], data["percent"], data["districts_meeting_target"]) == (21, "1.05", 1)


def test_table_is_thai_and_shows_the_totals():
    text = run("--indicator", "8308", "--year", "๒๕๖๘", "--quarter", "1", "--format", "table")
    assert "ตัวชี้วัด 8308 ปีงบประมาณ 2568 ไตรมาสที่ 1" in text
    assert "ราษฎร์บูรณะ" in text
    total = next(line for line in text.splitlines() if "รวม" in line)
    assert "2004" in total and "1806" in total


def test_table_for_cdp2563_q4_says_43_of_50_and_86_percent():
    text = run("--indicator", "CDP2563", "--year", "2563", "--quarter", "4")
    assert "43 จาก 50 เขต" in text
    assert "ร้อยละ 86.00" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--indicator", "9999", "--year", "2568", "--quarter", "1"], "ไม่พบตัวชี้วัดรหัส 9999"),
        (["--indicator", "8308", "--year", "2599", "--quarter", "1"], "ไม่มีในปีงบประมาณ 2599"),
        (["--indicator", "8308", "--year", "2568", "--quarter", "5"], "ไตรมาสต้องเป็น 1–4"),
    ],
)
def test_bad_arguments_give_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_the_command_line_exits_non_zero_without_a_traceback():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "kpi_summary", "--indicator", "8308", "--year", "twenty", "--quarter", "1"],
        capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "twenty" in result.stderr


def test_every_kind_gives_unit_value_target_and_met(kr8308, cdp2563):
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command("kpi_summary", "--indicator", "CDP2563", "--year", "2563", "--quarter", "4", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["kind"], data["unit"], data["value"], data["target"], data["met"], data["districts_meeting_target"]) == (
        "district_share", "สำนักงานเขต", "86.00", "80.00", True, 43)
    assert data["percent"] == "86.00" and data["districts_yes"] == 43  # the keys it had keep their meaning
    out = io.StringIO()
    call_command("kpi_summary", "--indicator", "8308", "--year", "2568", "--quarter", "4", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["unit"], data["target"], data["communities"], data["target_communities"]) == ("ชุมชน", "90.00", 2004, 1806)
    dindaeng = next(row for row in data["districts"] if row["code"] == "1026")
    assert (dindaeng["target"], dindaeng["value"], dindaeng["met"]) == (20, None, None)
