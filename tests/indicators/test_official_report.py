"""The official report of seed 002's form, filled from the system: on screen and as a PDF."""
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = "/indicators/CDP2563/2563/report/"


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_report_reproduces_the_seeds_figures(client, reviewer):
    client.force_login(reviewer)
    text = text_of(client.get(URL))
    assert "5. เป้าหมาย : 80 (ร้อยละ)" in text and "ผลงานที่ทำได้ = 86 (ร้อยละ)" in text
    assert ("สำนักงานเขตที่ดำเนินการ จำนวน 43 สำนักงานเขต จาก 50 สำนักงานเขต คิดเป็นร้อยละ 86.00 (ยกเว้นสำนักงานเขต"
            "ดินแดง บางขุนเทียน บางบอน ราชเทวี ลาดพร้าว สัมพันธวงศ์ หลักสี่)") in text
    assert "จำนวน 40 สำนักงานเขต จาก 50 สำนักงานเขต คิดเป็นร้อยละ 80.00" in text
    assert "ปีงบประมาณ พ.ศ. 2563 จำนวน 343 โครงการ/กิจกรรม และปีงบประมาณ พ.ศ. 2564 จำนวน 273 โครงการ/กิจกรรม" in text
    for line in ["3,267,440.00 100.00", "583,203.00 17.85", "774,695.00 23.71", "1,909,542.00 58.44"]:
        assert line in text
    assert "7. ปัจจัยสนับสนุนการดำเนินงาน : ความร่วมมือของสำนักพัฒนาสังคม และสำนักงานเขต" in text
    assert "ขอรับรองว่า ข้อมูลที่ปรากฏในเอกสารฉบับนี้" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")
def test_the_pdf_has_the_figures_as_text(client, reviewer, tmp_path):
    client.force_login(reviewer)
    response = client.get("/indicators/CDP2563/2563/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout)
    assert "86.00" in text and "343" in text and "273" in text and "583,203.00" in text and "17.85" in text
    assert "ราชเทวี" in text and "หลักสี่" in text
    # Text copied out of the PDF is the text as written: SARA AA reads as SARA AA (it once read
    # "สำนักงำน"), and SARA AM as SARA AM (it then read NIKHAHIT + SARA AA, "สํานักงาน", which a
    # search for "สำนักงาน" does not find).
    assert "สำนักงาน" in text and "ดำเนินการ" in text and "ยุทธศาสตร์" in text
    assert "\u0e4d" not in text and "สำนักงำน" not in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Sarabun" in fonts


def test_the_kr_sheet_prints_seed_000_in_thai_digits(client, reviewer):
    client.force_login(reviewer)
    text = text_of(client.get("/indicators/8308/2568/sheet/"))
    assert "รหัส OKRs ๘๓๐๘" in text and "ประจำปี พ.ศ. ๒๕๖๘" in text
    assert "๔๑ สำนักงานเขตราษฎร์บูรณะ กธ.ใต้ ๒๘ ๒๕" in text
    assert "รวม ๒,๐๐๔ ๑,๘๐๖" in text
    assert "นางโสภาวดี สุวรรณมิ่ง" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")
def test_the_kr_sheet_pdf_has_the_total_row(client, reviewer, tmp_path):
    client.force_login(reviewer)
    path = tmp_path / "kr.pdf"
    path.write_bytes(client.get("/indicators/8308/2568/sheet.pdf").content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "๒,๐๐๔" in text and "๑,๘๐๖" in text


def test_sara_am_is_given_to_the_shaper_decomposed_as_it_draws_it():
    from okr_tracker.pdf import decompose_sara_am

    assert decompose_sara_am("สำนักงาน น้ำ ค่ำ") == "ส\u0e4d\u0e32นักงาน น\u0e4d\u0e49\u0e32 ค\u0e4d\u0e48\u0e32"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")
def test_sara_am_with_and_without_a_tone_mark_reads_back_as_written(tmp_path):
    from okr_tracker.pdf import render_pdf

    words = "น้ำ ค่ำ ทำ งาน สำนักงาน ไม้ ส่ง ก๋ำ ตัวชี้วัด"
    path = tmp_path / "words.pdf"
    path.write_bytes(render_pdf(f'<link rel="stylesheet" href="/static/css/print.css"><p>{words}</p>'))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert text.split()[:-1] == words.split()  # then the page number, "1/1"
    assert "Sarabun-Thai" in subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout


def test_the_agencys_book_of_the_year_holds_every_kr_in_the_official_form(client, reviewer, kr8308, tmp_path):
    from decimal import Decimal

    from indicators.models import Indicator

    Indicator.objects.create(code="AMT1", fiscal_year=kr8308.fiscal_year, kind="amount", unit="คน",
                             title="จำนวนอาสาสมัครที่ผ่านการอบรม", host_agency=kr8308.host_agency, target_percent=0,
                             target_value=Decimal(1000))
    client.force_login(reviewer)
    url = reverse("indicators:book", args=[2568]) + "?agency=" + kr8308.host_agency
    page = client.get(url).content.decode()
    assert "ส่วนที่ ๒ ผลการดำเนินงานแยกรายตัวชี้วัด" in page and "สารบัญ" in page
    assert page.count("รายงานผลการดำเนินงานตามตัวชี้วัด ปีงบประมาณ พ.ศ. 2568") == 2  # one official form per KR
    assert "5. เป้าหมาย : 1,000.00 (คน)" in page and "5. เป้าหมาย : 90 (ร้อยละ)" in page
    if shutil.which("pdftotext"):
        response = client.get(reverse("indicators:book_pdf", args=[2568]) + "?agency=" + kr8308.host_agency)
        path = tmp_path / "book.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        flat = re.sub(r"\s+", "", text)
        assert "8308" in flat and "AMT1จำนวนอาสาสมัคร" in flat  # each KR in the contents and its form
        assert "1,000.00" in text and "สารบัญ" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")
def test_the_kr_sheets_district_table_keeps_each_name_and_each_row_whole(client, reviewer, tmp_path):
    """Issue 22 item 3: names were broken inside the word (ทวี|วัฒนา, มีน|บุรี) and row 15's figures sat
    at the foot of page 4 with its name on page 5. Each district's row is on one line of one page."""
    from districts.models import District

    client.force_login(reviewer)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(client.get("/indicators/8308/2568/sheet.pdf").content)
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout.split("\f")

    def plain(text):  # pdftotext may put a tone mark after the vowel it sits on (พา่ ย): compare without them
        return re.sub(r"[\u0e48-\u0e4b\s]", "", text)

    for district in District.objects.all():
        lines = [line for page in pages for line in page.splitlines() if plain(district.office_name) in plain(line)]
        assert lines, f"{district.office_name} is not whole in the PDF"
        assert any(district.group.name_th in line for line in lines), district.office_name  # the row on one line
