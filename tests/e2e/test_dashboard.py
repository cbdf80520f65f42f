"""The reviewer's dashboard in Chromium: read the verdict, filter by group, open a district's
report, print the dashboard to PDF."""
import shutil

import pytest
from playwright.sync_api import expect

from districts.models import District
from indicators.models import Indicator, Quarter
from reports import services
from reports.models import Report

from .test_browser import CHROMIUM, DOCS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]


def test_reviewer_reads_filters_opens_and_prints_the_dashboard(page):
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    from django.contrib.auth import get_user_model

    Quarter.objects.filter(fiscal_year__year_be=2568, number=1).update(status=Quarter.Status.OPEN)
    indicator = Indicator.objects.get(code="8308", fiscal_year__year_be=2568)
    quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=1)
    clerk, reviewer = get_user_model().objects.get(username="dindaeng"), get_user_model().objects.get(username="reviewer")
    report = services.save_report(report=Report(indicator=indicator, district=District.objects.get(code="1026"), quarter=quarter),
                                  data={"achieved": 21}, by=clerk, expected_version=None)
    services.approve_report(report=services.submit_report(report=report, by=clerk), by=reviewer)

    log_in(page, "reviewer", "reviewer-2568")
    page.get_by_role("navigation").get_by_role("link", name="แดชบอร์ด").click()
    page.get_by_role("row").filter(has_text="8308").get_by_role("link", name="ไตรมาส 1").first.click()
    expect(page.get_by_test_id("verdict")).to_contain_text("ยังไม่บรรลุเป้าหมาย")
    expect(page.get_by_test_id("communities")).to_have_text("2,004")
    expect(page.get_by_test_id("target-communities")).to_have_text("1,806")
    expect(page.get_by_test_id("achieved")).to_have_text("21")
    page.screenshot(path=DOCS / "dashboard.png", full_page=True)

    page.get_by_label("กลุ่มเขต", exact=True).select_option(label="กท.กลาง")
    page.get_by_role("button", name="กรอง").click()
    expect(page.get_by_test_id("district-table").locator("tbody tr")).to_have_count(9)
    page.get_by_test_id("district-table").get_by_role("link", name="ดินแดง").click()
    expect(page.locator(".status-approved").first).to_be_visible()

    page.go_back()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
