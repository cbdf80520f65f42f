"""An administrator imports the target table through the admin in a real Chromium: upload, see the
preview (nothing written yet), confirm, and see the figures on the indicator page."""
import shutil

import pytest
from playwright.sync_api import expect

from indicators.models import DistrictTarget

from ..imports.workbooks import target_workbook
from .test_browser import CHROMIUM, DOCS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]


def test_upload_preview_confirm_then_the_indicator_page_shows_2004_and_1806(page, tmp_path):
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    from indicators.models import Quarter

    # FY2568 is a past year, locked by the reference data: its table is final until a quarter reopens.
    Quarter.objects.filter(fiscal_year__year_be=2568).update(status=Quarter.Status.OPEN)
    DistrictTarget.objects.filter(indicator__code="8308").delete()
    workbook = tmp_path / "ตารางค่าเป้าหมาย 2568.xlsx"
    workbook.write_bytes(target_workbook())

    log_in(page, "admin", "admin-2568")
    page.goto(page.base_url + "/admin/indicators/districttarget/import/")
    # The KR picker searches as the administrator types (the page never lists every KR of every year).
    page.locator("select[name=indicator] + .select2").click()
    page.locator(".select2-search__field").fill("8308")
    page.locator(".select2-results__option", has_text="8308 (2568)").click()
    page.get_by_label("ไฟล์ที่จะนำเข้า (.xlsx, .xls, .ods, .csv)").set_input_files(str(workbook))
    page.get_by_role("button", name="ตรวจสอบไฟล์ (ยังไม่บันทึก)").click()
    expect(page.get_by_text("ตัวอย่างก่อนบันทึก").first).to_be_visible()
    assert not DistrictTarget.objects.filter(indicator__code="8308").exists()
    page.screenshot(path=DOCS / "admin-import-preview.png")
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    expect(page.get_by_text("นำเข้าเสร็จแล้ว: ใหม่ 50 แถว")).to_be_visible()

    page.goto(page.base_url + "/indicators/8308/2568/")
    assert page.get_by_test_id("total-communities").inner_text() == "2,004"
    assert page.get_by_test_id("total-target-communities").inner_text() == "1,806"
