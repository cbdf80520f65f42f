"""The whole first visit in a real headless Chromium (Debian's), against a live server."""
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reports.demo import create_demo_accounts
from indicators.reference_data import load_reference_data

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
DOCS = Path(__file__).resolve().parents[2] / "docs"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed (make test installs it)"),
]


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
    # here are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    load_reference_data()  # the live server's transactional tests start from an empty database
    create_demo_accounts()
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))
    page.base_url = live_server.url
    page.requested_hosts = requested_hosts
    yield page
    context.close()


def log_in(page, username, password):
    page.goto(page.base_url + "/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_a_reviewer_logs_in_and_sees_the_kr8308_table_and_the_cdp2563_results(page):
    DOCS.mkdir(exist_ok=True)
    page.goto(page.base_url + "/")
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()
    page.screenshot(path=DOCS / "login.png")

    log_in(page, "reviewer", "reviewer-2568")
    page.get_by_role("navigation").get_by_role("link", name="ตัวชี้วัด").click()
    expect(page.get_by_role("heading", name="ตัวชี้วัด", exact=True)).to_be_visible()
    page.screenshot(path=DOCS / "indicator-list.png", full_page=True)

    page.get_by_role("link", name="ร้อยละของชุมชนที่มีการเบิกจ่ายงบประมาณตามโครงการชุมชนเข้มแข็งฯ").click()
    assert page.get_by_test_id("total-communities").inner_text() == "2,004"
    assert page.get_by_test_id("total-target-communities").inner_text() == "1,806"
    rat_burana = page.get_by_role("row").filter(has_text="สำนักงานเขตราษฎร์บูรณะ")
    assert rat_burana.get_by_role("cell").all_inner_texts() == ["41", "สำนักงานเขตราษฎร์บูรณะ", "กธ.ใต้", "28", "25"]
    # The vendored Sarabun is the font actually used for the Thai text.
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ชุมชน')")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Sarabun"') or page.evaluate(
        "getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    page.screenshot(path=DOCS / "kr8308-target-table.png")

    page.goto(page.base_url + "/indicators/CDP2563/2563/")
    q3 = page.locator("tr[data-quarter='3']").get_by_role("cell").all_inner_texts()
    q4 = page.locator("tr[data-quarter='4']").get_by_role("cell").all_inner_texts()
    assert q3[:3] == ["40 จาก 50", "80.00", "80.00"]
    assert q4[:3] == ["43 จาก 50", "86.00", "80.00"]
    assert page.get_by_test_id("districts-not-yes-q4").inner_text() == (
        "ดินแดง, บางขุนเทียน, บางบอน, ราชเทวี, ลาดพร้าว, สัมพันธวงศ์, หลักสี่")
    page.screenshot(path=DOCS / "cdp2563-results.png")

    assert page.requested_hosts <= {page.base_url.split("/")[2]}, "a page asked the internet for something"


def test_the_language_switch_turns_the_page_english_and_back(page):
    log_in(page, "dindaeng", "dindaeng-2568")
    page.goto(page.base_url + "/indicators/8308/2568/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="District target table, fiscal year 2568")).to_be_visible()
    assert page.get_by_role("row").filter(has_text="Rat Burana").count() == 1
    page.get_by_role("button", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", name="ตารางค่าเป้าหมายรายเขต ปีงบประมาณ 2568")).to_be_visible()


def test_a_wrong_password_is_refused_in_thai_and_keeps_the_username(page):
    log_in(page, "dindaeng", "not-the-password")
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.get_by_label("ชื่อผู้ใช้").input_value() == "dindaeng"


def test_the_target_table_prints_on_a4(page, tmp_path):
    log_in(page, "reviewer", "reviewer-2568")
    page.goto(page.base_url + "/indicators/8308/2568/")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="English")).not_to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
