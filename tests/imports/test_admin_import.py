"""The admin's import: choose the indicator, upload, see the preview, confirm."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import DistrictTarget
from okr_tracker.models import ImportUpload

from .workbooks import seed_rows, target_workbook

# These write into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]
URL = "/admin/indicators/districttarget/import/"


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def upload(client, kr8308, data, name="targets.xlsx", year=""):
    return client.post(URL, {"indicator": kr8308.pk, "format": 0, "year": year,
                             "import_file": SimpleUploadedFile(name, data)})


def test_preview_then_confirm_writes_the_table(client, admin_user, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200
    response = upload(client, kr8308, target_workbook())
    assert response.status_code == 200
    assert not DistrictTarget.objects.filter(indicator=kr8308).exists()  # the preview wrote nothing
    html = response.content.decode()
    assert "ราษฎร์บูรณะ" in html or "1024" in html
    confirm = response.context["confirm_form"]
    assert ImportUpload.objects.count() == 1  # kept in the database between preview and confirm
    data = {name: confirm.initial.get(name) for name in confirm.fields}
    response = client.post("/admin/indicators/districttarget/process_import/", data)
    assert response.status_code == 302
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50
    assert ImportUpload.objects.count() == 0  # cleaned up


def test_a_bad_file_shows_every_problem_in_thai_and_no_confirm_button(client, admin_user, kr8308):
    client.force_login(admin_user)
    rows = seed_rows()
    rows[0][1] = "บางใหญ่"
    rows[3][3] = "ยี่สิบ"
    response = upload(client, kr8308, target_workbook(rows), name="เป้าหมาย.xlsx")
    text = text_of(response)
    assert "เป้าหมาย.xlsx: แผ่นงาน “ตารางแนบท้าย” แถว 4 คอลัมน์ “เขต” ค่า “บางใหญ่”: ไม่พบเขตนี้" in text
    assert "แถว 7" in text and "ไม่ใช่ตัวเลข" in text
    assert "Traceback" not in text and "WorkbookInvalid" not in text
    assert response.context.get("confirm_form") is None


def test_staff_without_the_import_permission_cannot_import(client, din_daeng_clerk, kr8308):
    din_daeng_clerk.is_staff = True
    din_daeng_clerk.save()
    client.force_login(din_daeng_clerk)
    assert client.get(URL).status_code == 403


def test_results_imported_in_the_admin_are_approved_reports_with_who_and_which_file(client, admin_user, kr8308):
    import io

    import openpyxl

    from indicators.models import DistrictResult, Quarter
    from reports.models import Report

    book = openpyxl.Workbook()
    for row in [["เขต", "ผลการดำเนินงาน"], ["ดินแดง", 21], ["ดุสิต", "๔๐"]]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2)
    client.force_login(admin_user)
    response = client.post("/admin/reports/report/import/", {
        "indicator": kr8308.pk, "quarter": quarter.pk, "format": 0,
        "import_file": SimpleUploadedFile("ผลไตรมาส2.xlsx", buffer.getvalue())})
    assert not Report.objects.exists() and not DistrictResult.objects.filter(indicator=kr8308).exists()
    confirm = response.context["confirm_form"]
    client.post("/admin/reports/report/process_import/", {name: confirm.initial.get(name) for name in confirm.fields})
    report = Report.objects.get(district__code="1026")
    assert (report.status, report.achieved, report.reviewed_by) == (Report.Status.APPROVED, 21, admin_user)
    record = report.history.first()
    assert (record.history_user, record.history_change_reason) == (admin_user, "imported:ผลไตรมาส2.xlsx")
    assert DistrictResult.objects.get(indicator=kr8308, district__code="1002", quarter=quarter).achieved == 40


def test_a_quarter_of_another_year_is_refused_on_the_form(client, admin_user, kr8308):
    from indicators.models import Quarter

    other = Quarter.objects.exclude(fiscal_year=kr8308.fiscal_year).first()
    client.force_login(admin_user)
    response = client.post("/admin/reports/report/import/", {
        "indicator": kr8308.pk, "quarter": other.pk, "format": 0, "import_file": SimpleUploadedFile("x.xlsx", target_workbook())})
    assert "ไตรมาสต้องอยู่ในปีงบประมาณของตัวชี้วัด" in text_of(response)


def test_next_years_table_imports_from_the_admin_and_only_the_confirmation_creates_the_year(client, admin_user, kr8308):
    from indicators import summaries
    from indicators.models import Indicator

    client.force_login(admin_user)
    response = upload(client, kr8308, target_workbook(), year=2569)
    assert response.status_code == 200 and "confirm_form" in response.context
    assert not Indicator.objects.filter(code="8308", fiscal_year__year_be=2569).exists()  # the preview wrote nothing
    confirm = response.context["confirm_form"]
    data = {name: confirm.initial.get(name) for name in confirm.fields}
    assert client.post("/admin/indicators/districttarget/process_import/", data).status_code == 302
    new = Indicator.objects.get(code="8308", fiscal_year__year_be=2569)
    assert new.district_targets.count() == 50 and summaries.summarise(new).target_communities == 1806
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50  # FY2568's table untouched


@pytest.mark.parametrize("name", ["seed-table.ods", "seed-table.xls", "seed-table-cp874.csv"])
def test_the_admin_previews_and_imports_ods_xls_and_thai_csv(client, admin_user, kr8308, name):
    from pathlib import Path

    DistrictTarget.objects.filter(indicator=kr8308).delete()
    client.force_login(admin_user)
    response = upload(client, kr8308, (Path(__file__).parent / "files" / name).read_bytes(), name=name)
    assert response.status_code == 200 and "confirm_form" in response.context, text_of(response)[:500]
    confirm = response.context["confirm_form"]
    data = {name: confirm.initial.get(name) for name in confirm.fields}
    assert client.post("/admin/indicators/districttarget/process_import/", data).status_code == 302
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50
