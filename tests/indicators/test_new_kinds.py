"""The two kinds beyond the seeds, end to end on small KRs of their own, with hand-computed figures:
districts report through the form, a reviewer approves, and the dashboard, report pages, exports,
API and kpi_summary all show the same figures."""
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from districts.models import District
from indicators import summaries
from indicators.models import DistrictResult, DistrictTarget, Indicator, Quarter
from reports import services
from tests.reports.helpers import submitted

# These write figures into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]


@pytest.fixture
def quarter(kr8308):
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=1)
    Quarter.objects.filter(pk=quarter.pk).update(status=Quarter.Status.OPEN)
    quarter.refresh_from_db()
    return quarter


@pytest.fixture
def volunteers(kr8308):
    """จำนวน: volunteers trained, citywide target 1,000 people; targets for two districts."""
    indicator = Indicator.objects.create(code="AMT1", fiscal_year=kr8308.fiscal_year, kind="amount", unit="คน",
                                         title="จำนวนอาสาสมัครที่ผ่านการอบรม", host_agency="สำนักพัฒนาสังคม",
                                         target_percent=0, target_value=Decimal(1000))
    for code, target in (("1026", "30"), ("1002", "20.50")):
        DistrictTarget.objects.create(indicator=indicator, district=District.objects.get(code=code), target_amount=Decimal(target))
    return indicator


@pytest.fixture
def readiness(kr8308):
    """ระดับความสำเร็จ: target level 4, citywide 80% of districts."""
    return Indicator.objects.create(code="LVL1", fiscal_year=kr8308.fiscal_year, kind="success_level", unit="ระดับ",
                                    title="ระดับความสำเร็จของการจัดทำแผนชุมชน", host_agency="สำนักพัฒนาสังคม",
                                    target_percent=80, target_value=4, level_1="มีคณะทำงาน", level_2="มีแผน",
                                    level_3="แผนผ่านประชาคม", level_4="บรรจุในแผนปฏิบัติการ", level_5="ดำเนินการครบ")


def approve_all(reviewer, indicator, quarter, clerk, figures):
    from django.contrib.auth import get_user_model

    for code, data in figures.items():
        staff = get_user_model().objects.create_user(f"clerk-{indicator.code}-{code}")
        staff.districts.add(District.objects.get(code=code))
        services.approve_report(report=submitted(indicator, quarter, code, staff, **data), by=reviewer)


def kpi_json(indicator):
    out = io.StringIO()
    call_command("kpi_summary", "--indicator", indicator.code, "--year", str(indicator.fiscal_year.year_be),
                 "--quarter", "1", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_an_amount_kr_from_the_form_to_every_summary(client, volunteers, quarter, din_daeng_clerk, reviewer):
    client.force_login(din_daeng_clerk)
    form_url = reverse("reports:form", args=["1026", "AMT1", 2568, 1])
    page = client.get(form_url).content.decode()
    assert "ผลการดำเนินงาน (คน)" in page and 'name="achieved"' not in page and 'name="answered_yes"' not in page
    response = client.post(form_url, {"version": "0", "amount": "๓๕", "submit": "1"}, follow=True)
    assert "ส่งรายงานถึงสำนักพัฒนาสังคมแล้ว" in response.content.decode(), response.content.decode()[-3000:]
    services.approve_report(report=volunteers.reports.get(), by=reviewer)
    approve_all(reviewer, volunteers, quarter, din_daeng_clerk,
                {"1002": {"amount": Decimal("20")}, "1004": {"amount": Decimal("12.25")}})

    summary = summaries.summarise(volunteers, quarter)
    assert (summary.value, summary.districts_meeting_target, summary.met) == (Decimal("67.25"), 1, False)
    data = kpi_json(volunteers)
    assert (data["kind"], data["unit"], data["value"], data["target"], data["met"]) == ("amount", "คน", "67.25", "1000.00", False)
    assert data["districts_meeting_target"] == 1
    dusit = next(row for row in data["districts"] if row["code"] == "1002")
    assert (dusit["value"], dusit["target"], dusit["met"]) == ("20.00", "20.50", False)

    client.force_login(reviewer)
    dashboard = client.get(reverse("reports:dashboard", args=["AMT1", 2568, 1])).content.decode()
    assert 'data-testid="value">67.25<' in dashboard and "67.25 คน เทียบกับค่าเป้าหมาย 1,000.00 คน" in dashboard
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:dashboard", args=["AMT1", 2568, 1]) + "?format=xlsx").content))
    assert [cell.value for cell in book.active[book.active.max_row]][3:6] == [1000, 67.25, 1]
    results = openpyxl.load_workbook(io.BytesIO(client.get(reverse("indicators:export_results", args=["AMT1", 2568, 1])).content))
    assert any(row[1] == "สำนักงานเขตดินแดง" and row[3:5] == (30, 35) for row in results.active.iter_rows(values_only=True))
    for url in (reverse("indicators:detail", args=["AMT1", 2568]), reverse("indicators:official_report", args=["AMT1", 2568]),
                reverse("indicators:kr_sheet", args=["AMT1", 2568]), reverse("reports:review"),
                reverse("reports:district", args=["1026"]), volunteers.reports.get(district__code="1026").get_absolute_url()):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("api:summary", args=["AMT1", 2568, 1])).json()["value"] == "67.25"
    report = client.get(reverse("indicators:official_report", args=["AMT1", 2568])).content.decode()
    assert "5. เป้าหมาย : 1,000.00 (คน)" in report and "ผลงานที่ทำได้ = 67.25 (คน)" in report
    assert "ผลการดำเนินงานรวม 67.25 คน (รายงานแล้ว 3 สำนักงานเขต)" in report


def test_lower_is_better_meets_below_the_target(volunteers, quarter, din_daeng_clerk, reviewer):
    Indicator.objects.filter(pk=volunteers.pk).update(direction="lower", target_value=100)
    volunteers.refresh_from_db()
    approve_all(reviewer, volunteers, quarter, din_daeng_clerk, {"1026": {"amount": Decimal("35")}})
    summary = summaries.summarise(volunteers, quarter)
    dindaeng = next(row for row in summary.districts if row.district.code == "1026")
    assert summary.met is True and dindaeng.met is False  # 35 ≤ 100 citywide; 35 is above its own 30


def test_a_success_level_kr_from_the_form_to_every_summary(client, readiness, quarter, din_daeng_clerk, reviewer):
    client.force_login(din_daeng_clerk)
    form_url = reverse("reports:form", args=["1026", "LVL1", 2568, 1])
    page = client.get(form_url).content.decode()
    assert "4 – บรรจุในแผนปฏิบัติการ" in page  # each level with what it means
    client.post(form_url, {"version": "0", "level": "5", "submit": "1"})
    services.approve_report(report=readiness.reports.get(), by=reviewer)
    approve_all(reviewer, readiness, quarter, din_daeng_clerk, {"1002": {"level": 4}, "1004": {"level": 2}})

    summary = summaries.summarise(readiness, quarter)
    # 2 of 50 districts at level 4 or above = 4.00%; mean (5 + 4 + 2) / 3 = 3.67 (ROUND_HALF_UP).
    assert (summary.districts_meeting_target, summary.percent, summary.mean_level, summary.met) == (
        2, Decimal("4.00"), Decimal("3.67"), False)
    data = kpi_json(readiness)
    assert (data["kind"], data["value"], data["target"], data["target_level"], data["mean_level"]) == (
        "success_level", "4.00", "80.00", 4, "3.67")
    client.force_login(reviewer)
    dashboard = client.get(reverse("reports:dashboard", args=["LVL1", 2568, 1])).content.decode()
    assert 'data-testid="mean-level">3.67<' in dashboard and 'data-testid="meeting">2 / 50<' in dashboard
    assert client.get(reverse("indicators:detail", args=["LVL1", 2568])).status_code == 200
    report = client.get(reverse("indicators:official_report", args=["LVL1", 2568])).content.decode()
    assert "ร้อยละ 80 ของสำนักงานเขตอยู่ในระดับ 4 ขึ้นไป" in report and "ผลงานที่ทำได้ = ร้อยละ 4.00" in report


def test_a_level_outside_1_to_5_is_refused_whoever_enters_it(readiness, quarter, din_daeng_clerk):
    from django.core.exceptions import ValidationError

    from tests.reports.helpers import draft

    with pytest.raises(ValidationError):
        draft(readiness, quarter, "1026", din_daeng_clerk, level=6)


def test_the_seeds_figures_are_unchanged_by_the_new_kinds(kr8308, cdp2563):
    assert summaries.summarise(kr8308).target_communities == 1806
    q4 = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    assert summaries.summarise(cdp2563, q4).percent == Decimal("86.00")


def test_an_amount_kr_set_up_from_its_workbook_is_reported_approved_and_summed(client, tmp_path, quarter,
                                                                              din_daeng_clerk, reviewer):
    from tests.indicators.test_kr_workbook import kr_workbook

    path = tmp_path / "AMT7.xlsx"
    path.write_bytes(kr_workbook([("รหัส", "AMT7"), ("ชื่อตัวชี้วัด", "จำนวนครัวเรือนที่คัดแยกขยะ"), ("ปีงบประมาณ", 2568),
                                  ("ประเภท", "จำนวน"), ("หน่วยนับ", "ครัวเรือน"), ("ค่าเป้าหมาย", 50),
                                  ("หน่วยงานผู้รับผิดชอบหลัก (Host : H)", "สำนักสิ่งแวดล้อม")],
                                 targets=[("ลำดับ", "เขต", "กลุ่มเขต", "ค่าเป้าหมาย"), (1, "ดินแดง", "กท.กลาง", 25)]))
    call_command("import_indicator", str(path), stdout=io.StringIO())
    indicator = Indicator.objects.get(code="AMT7")
    client.force_login(din_daeng_clerk)
    client.post(reverse("reports:form", args=["1026", "AMT7", 2568, 1]), {"version": "0", "amount": "30", "submit": "1"})
    services.approve_report(report=indicator.reports.get(), by=reviewer)
    data = kpi_json(indicator)
    assert (data["value"], data["target"], data["met"], data["districts_meeting_target"]) == ("30.00", "50.00", False, 1)


@pytest.mark.parametrize("kind_fixture, cells, field, stored", [
    ("volunteers", {"ดินแดง": "1,250.50", "ดุสิต": "๒๐"}, "amount", {"1026": Decimal("1250.50"), "1002": Decimal(20)}),
    ("readiness", {"ดินแดง": 4, "ดุสิต": "๕"}, "level", {"1026": 4, "1002": 5}),
])
def test_import_results_stores_the_figure_of_every_kind(request, tmp_path, kind_fixture, cells, field, stored):
    """Issue 21, finding 1: import_results said 'imported' and stored no amount or level."""
    import io

    import openpyxl
    from django.core.management import call_command

    indicator = request.getfixturevalue(kind_fixture)
    book = openpyxl.Workbook()
    book.active.append(["เขต", "ผลการดำเนินงาน"])
    for name, value in cells.items():
        book.active.append([name, value])
    path = tmp_path / "ผล.xlsx"
    book.save(path)
    call_command("import_results", str(path), "--indicator", indicator.code, "--year", "2568", "--quarter", "1",
                 stdout=io.StringIO())
    assert dict(DistrictResult.objects.filter(indicator=indicator).values_list("district__code", field)) == stored
