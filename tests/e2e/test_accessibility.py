"""Every page a district officer or a reviewer uses, checked in Chromium by axe-core (the engine
behind most accessibility audits; bundled by axe-playwright-python, nothing downloaded): no
violation of any impact, and no sideways scrolling on a 1366×768 screen."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from reports.demo import create_demo_accounts, create_demo_reports
from reports.models import Report

from .test_browser import browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo(page):
    """The demo reports in every state (DEMO-8308), as `make run` makes them."""
    return create_demo_reports(create_demo_accounts())


def audit(page, path, problems):
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    check(page, path, problems)


def check(page, what, problems):
    results = Axe().run(page)
    if results.violations_count:
        problems.append(f"{what}:\n{results.generate_report()}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"{what}: {overflow}px wider than a 1366 screen")


def test_the_district_officers_pages_pass_axe_and_fit_the_screen(page, demo):
    problems = []
    audit(page, "/login/", problems)
    page.get_by_label("ชื่อผู้ใช้").fill("dindaeng")
    page.get_by_label("รหัสผ่าน").fill("not-the-password")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    check(page, "login refused", problems)

    log_in(page, "dindaeng", "dindaeng-2568")
    report = Report.objects.filter(indicator=demo, district__code="1026", status=Report.Status.DRAFT).select_related(
        "indicator__fiscal_year", "quarter").first()
    form = (f"/reports/district/1026/{report.indicator.code}/{report.indicator.fiscal_year.year_be}/"
            f"q{report.quarter.number}/")
    for path in ("/reports/", form, f"/reports/{report.pk}/", "/reports/district/1026/", "/indicators/",
                 "/indicators/8308/2568/"):
        audit(page, path, problems)
    page.goto(page.base_url + form)
    page.get_by_label("จำนวนชุมชนที่เบิกจ่ายงบประมาณแล้ว (สะสม)").fill("ยี่สิบ")
    page.get_by_role("button", name="บันทึกร่าง").click()
    assert page.locator(".errorlist, [aria-invalid=true]").count() > 0
    check(page, "report form with an error", problems)
    assert problems == [], "\n\n".join(problems)


def test_the_reviewers_pages_pass_axe_and_fit_the_screen(page, demo):
    problems = []
    log_in(page, "reviewer", "reviewer-2568")
    report = Report.objects.select_related("quarter").filter(indicator=demo, status=Report.Status.SUBMITTED).first()
    year, quarter = demo.fiscal_year.year_be, report.quarter.number
    for path in ("/reports/review/", "/reports/dashboard/", f"/reports/dashboard/{demo.code}/{year}/q{quarter}/",
                 f"/reports/dashboard/{demo.code}/{year}/q{quarter}/narrative/",
                 "/reports/dashboard/CDP2563/2563/q4/", f"/reports/board/{year}/q{quarter}/", f"/reports/{report.pk}/",
                 "/indicators/CDP2563/2563/", "/indicators/CDP2563/2563/report/", "/indicators/8308/2568/sheet/"):
        audit(page, path, problems)
    assert problems == [], "\n\n".join(problems)
