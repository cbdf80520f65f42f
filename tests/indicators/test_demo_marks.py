"""Demo figures never leave the system unmarked: every page, print, PDF and Excel file of the demo
indicator says "ข้อมูลทดลอง", and its official report certifies nothing."""
import datetime
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from reports.demo import create_demo_accounts, create_demo_reports

pytestmark = pytest.mark.django_db
MARK = "ข้อมูลทดลอง"


@pytest.fixture
def demo(client):
    users = create_demo_accounts()
    indicator = create_demo_reports(users)
    client.force_login(users["reviewer"])
    return indicator


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_every_page_of_the_demo_indicator_is_marked(client, demo):
    code, year = demo.code, demo.fiscal_year.year_be
    for name in ("detail", "official_report", "kr_sheet"):
        assert MARK in text_of(client.get(reverse(f"indicators:{name}", args=[code, year]))), name
    quarter = demo.fiscal_year.quarters.filter(status="open", start_date__lte=datetime.date.today()).order_by("-number").first()
    board = client.get(reverse("reports:status_board", kwargs={"year": year, "quarter_number": quarter.number}))
    assert MARK in text_of(board)


def test_the_demo_official_report_certifies_nothing(client, demo):
    text = text_of(client.get(reverse("indicators:official_report", args=[demo.code, demo.fiscal_year.year_be])))
    assert "ขอรับรอง" not in text and "จัดพิมพ์จากระบบงานจริง" not in text and "ลงชื่อ" not in text
    assert "ไม่มีการรับรอง" in text


def test_a_real_indicators_report_is_certified_and_not_marked(client, demo):
    text = text_of(client.get(reverse("indicators:official_report", args=["CDP2563", 2563])))
    assert "ขอรับรองว่า" in text and MARK not in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")
@pytest.mark.parametrize("name", ["official_report_pdf", "kr_sheet_pdf"])
def test_every_page_of_a_demo_pdf_is_marked(client, demo, tmp_path, name):
    response = client.get(reverse(f"indicators:{name}", args=[demo.code, demo.fiscal_year.year_be]))
    path = tmp_path / "demo.pdf"
    path.write_bytes(response.content)
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2 and all(MARK in page for page in pages)


def test_every_excel_file_of_the_demo_indicator_is_marked(client, demo):
    code, year = demo.code, demo.fiscal_year.year_be
    quarter = demo.fiscal_year.quarters.filter(status="open", start_date__lte=datetime.date.today()).order_by("-number").first()
    urls = [reverse("indicators:export_targets", args=[code, year]),
            reverse("indicators:export_results", args=[code, year, quarter.number]),
            reverse("reports:dashboard", args=[code, year, quarter.number]) + "?format=xlsx"]
    for url in urls:
        book = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
        assert all(MARK in sheet["A1"].value for sheet in book.worksheets), url
