"""The quarter's story in a real Chromium: a district fills and submits, the reviewer returns it,
the district fixes and resubmits, the reviewer approves. Screenshots of each page go to docs/."""
import pytest
from playwright.sync_api import expect

from indicators.models import Quarter

from .test_browser import CHROMIUM, DOCS, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]


def log_out(page):
    page.get_by_role("button", name="ออกจากระบบ").click()


def test_submit_return_fix_resubmit_approve(page, tmp_path):
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    Quarter.objects.filter(fiscal_year__year_be=2568, number=1).update(status=Quarter.Status.OPEN)
    DOCS.mkdir(exist_ok=True)

    log_in(page, "dindaeng", "dindaeng-2568")
    expect(page.get_by_role("heading", name="รายงานของเขตในไตรมาสนี้")).to_be_visible()
    page.screenshot(path=DOCS / "story-1-my-district.png")
    page.get_by_role("link", name="กรอกรายงาน").first.click()

    page.get_by_label("จำนวนชุมชนที่เบิกจ่ายงบประมาณแล้ว (สะสม)").fill("๒๓")
    page.get_by_label("ได้รับจัดสรร (บาท)").fill("220,000")
    page.get_by_label("เบิกจ่ายแล้ว (บาท)").fill("150,000")
    expect(page.get_by_text("คงเหลือ: 70,000.00")).to_be_visible()  # the optional JS hint
    page.get_by_label("ผลการดำเนินงานในไตรมาส").fill("จัดเวทีประชาคม 22 ชุมชน")
    page.get_by_role("button", name="บันทึกร่าง").click()
    # 23 is more than ดินแดง's 22 communities: refused, next to the field, nothing lost.
    expect(page.get_by_text("23 มากกว่าจำนวนชุมชนของเขต (22)")).to_be_visible()
    assert page.get_by_label("ผลการดำเนินงานในไตรมาส").input_value() == "จัดเวทีประชาคม 22 ชุมชน"
    assert page.get_by_label("เบิกจ่ายแล้ว (บาท)").input_value() == "150,000"
    page.screenshot(path=DOCS / "story-2-form-error.png", full_page=True)
    page.get_by_label("จำนวนชุมชนที่เบิกจ่ายงบประมาณแล้ว (สะสม)").fill("18")
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.get_by_text("บันทึกร่างแล้ว")).to_be_visible()
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    expect(page.get_by_text("ส่งรายงานถึงสำนักพัฒนาสังคมแล้ว")).to_be_visible()
    log_out(page)

    log_in(page, "reviewer", "reviewer-2568")
    expect(page.get_by_role("heading", name="รายงานที่รอตรวจ")).to_be_visible()
    page.screenshot(path=DOCS / "story-3-review-list.png")
    page.get_by_role("link", name="ดินแดง").click()
    page.get_by_label("เหตุผลที่ส่งกลับ (สำนักงานเขตจะเห็นข้อความนี้)").fill("กรุณาแนบรายชื่อชุมชนที่เบิกจ่ายแล้ว")
    page.get_by_role("button", name="ส่งกลับให้สำนักงานเขตแก้ไข").click()
    expect(page.get_by_text("ส่งกลับให้สำนักงานเขตพร้อมความเห็นแล้ว")).to_be_visible()
    log_out(page)

    log_in(page, "dindaeng", "dindaeng-2568")
    expect(page.get_by_role("alert").filter(has_text="กรุณาแนบรายชื่อชุมชนที่เบิกจ่ายแล้ว")).to_be_visible()
    page.screenshot(path=DOCS / "story-4-returned.png")
    page.get_by_role("link", name="แก้ไขและส่งใหม่").click()
    page.get_by_label("จำนวนชุมชนที่เบิกจ่ายงบประมาณแล้ว (สะสม)").fill("20")
    attachment = tmp_path / "รายชื่อชุมชนที่เบิกจ่ายแล้ว.pdf"
    attachment.write_bytes(b"%PDF-1.7\n% the 20 communities\n")
    page.get_by_label("แนบไฟล์หลักฐาน").set_input_files(str(attachment))
    page.get_by_role("button", name="บันทึกและส่งรายงาน").click()
    expect(page.get_by_text("ส่งรายงานถึงสำนักพัฒนาสังคมแล้ว")).to_be_visible()
    log_out(page)

    log_in(page, "reviewer", "reviewer-2568")
    page.get_by_role("link", name="ดินแดง").click()
    with page.expect_download() as download:  # the file the district attached, byte for byte
        page.get_by_role("link", name="รายชื่อชุมชนที่เบิกจ่ายแล้ว.pdf").click()
    assert download.value.suggested_filename == attachment.name
    assert open(download.value.path(), "rb").read() == attachment.read_bytes()
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(page.locator(".status-approved").first).to_be_visible()
    history = page.locator("ol.history").inner_text()
    for step in ["สร้างร่าง", "ส่งแล้ว", "ส่งกลับให้สำนักงานเขตแก้ไข", "อนุมัติแล้ว", "18 → 20"]:
        assert step in history, step
    page.screenshot(path=DOCS / "story-5-approved.png", full_page=True)


def test_too_large_a_selection_is_refused_before_it_is_sent(page, tmp_path):
    """The reverse proxy would refuse a body over its limit with its own page, losing what was
    typed; the form's script refuses first, naming the file, and nothing is sent."""
    Quarter.objects.filter(fiscal_year__year_be=2568, number=1).update(status=Quarter.Status.OPEN)
    log_in(page, "dindaeng", "dindaeng-2568")
    page.get_by_role("link", name="กรอกรายงาน").first.click()
    page.get_by_label("ผลการดำเนินงานในไตรมาส").fill("ข้อความที่พิมพ์ไว้")
    files = page.get_by_label("แนบไฟล์หลักฐาน")
    files.evaluate("input => { input.dataset.maxFileBytes = 50; }")  # a 50-byte limit stands in for 10 MB
    big = tmp_path / "ภาพใหญ่.pdf"
    big.write_bytes(b"%PDF-1.7" + b"x" * 100)
    files.set_input_files(str(big))
    assert files.evaluate("input => input.validationMessage") == "“ภาพใหญ่.pdf” มีขนาดเกิน 10 MB"
    expect(page.get_by_role("alert").filter(has_text="“ภาพใหญ่.pdf” มีขนาดเกิน 10 MB")).to_be_visible()
    sent = []
    page.on("request", lambda request: sent.append(request) if request.method == "POST" else None)
    page.get_by_role("button", name="บันทึกร่าง").click()
    page.wait_for_timeout(500)
    assert sent == [] and page.get_by_label("ผลการดำเนินงานในไตรมาส").input_value() == "ข้อความที่พิมพ์ไว้"
    files.set_input_files([])
    assert files.evaluate("input => input.validationMessage") == ""
