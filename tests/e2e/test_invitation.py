"""In a real Chromium, with a real SMTP server: a clerk imported from the accounts workbook follows
the invitation mail's link, sets a password, logs in and saves a first draft."""
import io
import re
import shutil

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Quarter

from .test_browser import CHROMIUM, browser, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]


def test_from_the_invitation_mail_to_the_first_saved_draft(page, smtp, settings, tmp_path):
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    settings.SITE_URL = page.base_url
    Quarter.objects.filter(fiscal_year__year_be=2568, number=1).update(status=Quarter.Status.OPEN)
    book = openpyxl.Workbook()
    book.active.append(["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "อีเมล", "เขต", "บทบาท"])
    book.active.append(["wanpen", "วันเพ็ญ ขยันดี", "wanpen@dindaeng.example.go.th", "ดินแดง", "เจ้าหน้าที่เขต"])
    path = tmp_path / "บัญชี.xlsx"
    book.save(path)
    call_command("import_accounts", str(path), stdout=io.StringIO())

    [mail] = smtp.mailbox.wait_for(1)
    link = re.search(r"(http://\S+/account/password/set/\S+)", mail["body"]).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="ตั้งรหัสผ่านของท่าน")).to_be_visible()
    page.locator("#id_new_password1").fill("ดอกไม้บาน-2569")
    page.locator("#id_new_password2").fill("ดอกไม้บาน-2569")
    page.get_by_role("button", name="ตั้งรหัสผ่าน").click()
    expect(page.get_by_role("heading", name="ตั้งรหัสผ่านแล้ว")).to_be_visible()

    log_in(page, "wanpen", "ดอกไม้บาน-2569")
    expect(page.get_by_role("heading", name="รายงานของเขตในไตรมาสนี้")).to_be_visible()
    page.get_by_role("link", name="กรอกรายงาน").first.click()
    page.get_by_label("จำนวนชุมชนที่เบิกจ่ายงบประมาณแล้ว (สะสม)").fill("10")
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.get_by_text("บันทึกร่างแล้ว")).to_be_visible()
