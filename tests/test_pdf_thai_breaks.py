"""Every PDF breaks Thai lines between words only (issue 22, item 3): pdftotext reads each PDF the
app serves, and every line that ends in Thai and is followed by a line starting in Thai must end where
libthai, the Thai word segmenter Pango breaks lines with, allows a break in the text as written, and
never inside a district's or a group's name. Before, the KR sheet printed “ทวี/วัฒนา”, “มีน/บุรี” and the official report “สำ/นักงาน”.
Every PDF URL of the URL conf is walked: a new one without a sample here fails."""
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.production.sample_urls import patterns

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed (make test installs it)")]

THAI = re.compile(r"[\u0e00-\u0e7f]")
LETTER = re.compile(r"[\u0e01-\u0e4f]")  # Thai letters and marks: a line ending in a digit ends a number
# Every PDF the app serves, with the documents of the seeds to print.
SAMPLES = {
    "indicators:official_report_pdf": [("8308", 2568), ("CDP2563", 2563)],
    "indicators:kr_sheet_pdf": [("8308", 2568), ("CDP2563", 2563)],
    "indicators:book_pdf": [(2568,), (2563,)],
    "reports:scorecard_pdf": [(2568, "1026")],
}


def test_every_pdf_of_the_url_conf_has_a_sample():
    assert {name for name, _parameters in patterns() if name.endswith("_pdf")} == set(SAMPLES)


def _names():
    """Names never split across lines: the 50 districts and the six groups."""
    from districts.models import District, DistrictGroup

    return set(District.objects.values_list("name_th", flat=True)) | set(DistrictGroup.objects.values_list("name_th", flat=True))


def breaks_inside_words(text, names=frozenset(), written=""):
    """The line ends of `text` that fall inside a Thai word or a name, as “…tail|head…”.

    The segmenter is libthai's dictionary, through the same Pango call WeasyPrint breaks lines with
    (weasyprint.text.line_break.get_log_attrs), given the text *as written*: the PDF's text must break
    only where the words of what was written allow, whatever the renderer did to the characters on the
    way (it decomposes SARA AM, which libthai's dictionary does not know). Names break nowhere.
    `written`: the document's text as HTML gives it, where a line that ended at a space (pdftotext
    drops it: “ปีงบประมาณ| พ.ศ.”) is told from one that ended inside a word."""
    from weasyprint.text.line_break import get_log_attrs

    lines = [line.strip() for line in text.splitlines()]
    bad = []
    for line, following in zip(lines, lines[1:]):
        if not (line and following and LETTER.match(line[-1]) and LETTER.match(following[0])):
            continue
        tail = re.split(r"[^\u0e01-\u0e4f]", line)[-1]
        head = re.split(r"[^\u0e01-\u0e4f]", following)[0]
        joined, junction = tail + head, len(tail)
        inside_a_name = any(0 < junction - found.start() < len(name)
                            for name in names for found in re.finditer(re.escape(name), joined))
        if f"{tail} {head}" in written and not inside_a_name:
            continue  # the line ended at a space
        if inside_a_name or not get_log_attrs(joined, "th")[junction].is_line_break:
            bad.append(f"{tail}|{head}")
    return bad


def test_the_segmenter_finds_a_break_inside_a_word(db):
    assert breaks_inside_words("สำนักงานเขตทวี\nวัฒนา", names={"ทวีวัฒนา"}) == ["สำนักงานเขตทวี|วัฒนา"]
    assert breaks_inside_words("รายงานของสำ\nนักงานเขต") == ["รายงานของสำ|นักงานเขต"]
    assert breaks_inside_words("สำนักงานเขต\nทวีวัฒนา", names={"ทวีวัฒนา"}) == []
    assert breaks_inside_words("ไม่สามารถดำเนิน\nการเองได้") == []  # a compound's parts


@pytest.mark.parametrize("name, arguments", [(name, arguments) for name, samples in SAMPLES.items() for arguments in samples])
def test_every_pdf_breaks_thai_lines_between_words(client, reviewer, tmp_path, name, arguments):
    from indicators.models import Indicator

    client.force_login(reviewer)
    if name == "reports:scorecard_pdf":  # the seeds' KR 8308 as 1026's whole agreement, its criteria the kind's
        from districts.models import District
        from indicators.models import AgreementItem, ScoringCriteria

        kr8308 = Indicator.objects.get(code="8308", fiscal_year__year_be=2568)
        AgreementItem.objects.create(district=District.objects.get(code="1026"), indicator=kr8308,
                                     dimension="มิติด้านประสิทธิผลตามพันธกิจของสำนักงานเขต", weight=100)
        ScoringCriteria.objects.create(indicator=kr8308, level_1=60, level_2=70, level_3=80, level_4=90, level_5=100)
    query = ""
    if name == "indicators:book_pdf":
        agency = Indicator.objects.filter(fiscal_year__year_be=arguments[0]).values_list("host_agency", flat=True).first()
        query = f"?agency={agency}"
    response = client.get(reverse(name, args=arguments) + query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "out.pdf"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    # -raw: the text in the order it was drawn (marks stay with their letters; the default mode may
    # move a mark set high onto a line of its own).
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert THAI.search(text)
    page = client.get(reverse(name.removesuffix("_pdf"), args=arguments) + query).content.decode()
    assert page
    written = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.replace("&nbsp;", " ")))
    assert breaks_inside_words(text, _names(), written) == []
