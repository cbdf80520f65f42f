"""One contract, every path, every kind (issue 21).

The same three districts' figures, entered through every channel — the report form (typed as a clerk
types, approved by a reviewer), `import_results` from a .xlsx, .xls and .ods saved by LibreOffice
and from a CSV, and the admin's import — are stored the same and come out the same: kpi_summary's
JSON and the read API (validated by its own schema) give the hand-computed figures, for every kind
(an amount in both directions). Then, from one channel, every output of the KR: dashboard and its
Excel, status board, district page, trend charts of quarters and year-ends, official report and KR
sheet (HTML and the PDF's text), book of the year, the results export, the OpenAPI description.
Outputs read only what is stored, so equal storage and one full pass cover every channel.
"""
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from districts.models import District
from indicators.kinds import KINDS
from indicators.models import DistrictResult, Indicator, Quarter
from okr_tracker.thai import to_arabic_digits
from reports.models import Report

from .cases import CASES, DISTRICTS, file_stem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568")]

FILES = Path(__file__).resolve().parent / "files"
CHANNELS = ["form", "xlsx", "xls", "ods", "csv", "admin"]
YEAR = 2568


def test_every_kind_has_a_case():
    assert {case.kind for case in CASES} == set(KINDS), "a kind in the registry needs a contract case (tests/contract/cases.py)"
    assert {"higher", "lower"} <= {case.indicator.get("direction", "higher") for case in CASES if case.kind == "amount"}


def make_indicator(case, kr8308):
    if case.indicator is None:
        return kr8308
    return Indicator.objects.create(fiscal_year=kr8308.fiscal_year, host_agency="สำนักพัฒนาสังคม", **case.indicator)


def through_the_form(client, indicator, quarter, case, reviewer):
    for code, data in case.form.items():
        clerk = get_user_model().objects.create_user(f"clerk-{indicator.code}-{code}")
        clerk.districts.add(District.objects.get(code=code))
        client.force_login(clerk)
        url = reverse("reports:form", args=[code, indicator.code, YEAR, quarter.number])
        assert client.get(url).status_code == 200
        response = client.post(url, {"version": "0", **data, "submit": "1"})
        assert response.status_code == 302, response.content.decode()[-2000:]
        report = Report.objects.get(indicator=indicator, district__code=code, quarter=quarter)
        assert report.status == Report.Status.SUBMITTED, code
    client.force_login(reviewer)
    for report in Report.objects.filter(indicator=indicator, quarter=quarter):
        assert client.post(reverse("reports:approve", args=[report.pk])).status_code == 302


def through_a_file(indicator, quarter, case, extension):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_results", str(FILES / f"{file_stem(case)}.{extension}"), "--indicator", indicator.code,
                 "--year", str(YEAR), "--quarter", str(quarter.number), stdout=out, stderr=err)
    assert "นำเข้าแล้ว" in out.getvalue(), out.getvalue() + err.getvalue()


def through_the_admin(client, indicator, quarter, case, admin_user):
    client.force_login(admin_user)
    data = (FILES / f"{file_stem(case)}.xlsx").read_bytes()
    response = client.post("/admin/reports/report/import/", {
        "indicator": indicator.pk, "quarter": quarter.pk, "format": 0,
        "import_file": SimpleUploadedFile(f"{file_stem(case)}.xlsx", data)})
    assert response.status_code == 200 and "confirm_form" in response.context, response.content.decode()[-2000:]
    confirm = response.context["confirm_form"]
    assert client.post("/admin/reports/report/process_import/",
                       {name: confirm.initial.get(name) for name in confirm.fields}).status_code == 302


def enter(channel, *, client, indicator, quarter, case, reviewer, admin_user):
    if channel == "form":
        through_the_form(client, indicator, quarter, case, reviewer)
    elif channel == "admin":
        through_the_admin(client, indicator, quarter, case, admin_user)
    else:
        through_a_file(indicator, quarter, case, channel)


def kpi_json(indicator, quarter):
    out = io.StringIO()
    call_command("kpi_summary", "--indicator", indicator.code, "--year", str(YEAR), "--quarter", str(quarter.number),
                 "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def stored(indicator, quarter, case):
    names = sorted({name for figures in case.stored.values() for name in figures})
    results = {result.district.code: {name: getattr(result, name) for name in names}
               for result in DistrictResult.objects.filter(indicator=indicator, quarter=quarter).select_related("district")}
    reports = {report.district.code: ({name: getattr(report, name) for name in names}, report.status)
               for report in Report.objects.filter(indicator=indicator, quarter=quarter).select_related("district")}
    return results, reports


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_same_figures_through_every_channel_give_the_same_answers(client, kr8308, reviewer, admin_user, case,
                                                                      channel):
    indicator = make_indicator(case, kr8308)
    quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=1)
    enter(channel, client=client, indicator=indicator, quarter=quarter, case=case, reviewer=reviewer, admin_user=admin_user)

    results, reports = stored(indicator, quarter, case)
    assert results == case.stored
    assert reports == {code: (figures, Report.Status.APPROVED) for code, figures in case.stored.items()}
    data = kpi_json(indicator, quarter)
    assert data["kind"] == case.kind
    shown = {row["code"]: row["value"] for row in data["districts"] if row["value"] is not None}
    assert shown == case.district_values
    assert (data["value"], data["met"], data["districts_reported"], data["districts_meeting_target"]) == case.citywide
    client.force_login(reviewer)
    api = client.get(reverse("api:summary", args=[indicator.code, YEAR, quarter.number]))
    assert api.status_code == 200 and api.json() == data  # the API answers exactly what the command prints


def plain(text):
    """A page's or file's text with Thai digits as Arabic ones and without space or separators."""
    return re.sub(r"[\s,]", "", to_arabic_digits(text))


def pdf_text(response, tmp_path):
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "out.pdf"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def workbook_text(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    cells += [str(value), f"{Decimal(str(value)):.2f}"]  # as stored, and as its 0.00 format shows it
                elif value is not None:
                    cells.append(str(value))
    return " ".join(cells)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_output_of_a_kr_shows_its_figures(client, kr8308, reviewer, admin_user, case, tmp_path):
    indicator = make_indicator(case, kr8308)
    quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=1)
    through_a_file(indicator, quarter, case, "xlsx")
    client.force_login(reviewer)

    def get(name, *args, query=""):
        response = client.get(reverse(name, args=args) + query)
        assert response.status_code == 200, (name, response.status_code)
        return response

    code = indicator.code
    dashboard = get("reports:dashboard", code, YEAR, 1).content.decode()
    dashboard_excel = workbook_text(get("reports:dashboard", code, YEAR, 1, query="?format=xlsx"))
    official = get("indicators:official_report", code, YEAR).content.decode()
    sheet = get("indicators:kr_sheet", code, YEAR).content.decode()
    expected = {  # output → what it must show
        "dashboard (its table and both charts)": (dashboard, [case.citywide_text, *case.district_texts]),
        "dashboard (Excel)": (dashboard_excel, [case.citywide_text, *case.district_texts]),
        "official report": (official, [case.citywide_text]),
        "book of the year": (get("indicators:book", YEAR, query=f"?agency={indicator.host_agency}").content.decode(),
                             [case.citywide_text]),
        "results export (Excel)": (workbook_text(get("indicators:export_results", code, YEAR, 1)), case.entered_texts),
        "KR page": (get("indicators:detail", code, YEAR).content.decode(), case.definition_texts),
        "KR sheet": (sheet, case.definition_texts),
    }
    if shutil.which("pdftotext"):
        expected["official report (PDF)"] = (pdf_text(get("indicators:official_report_pdf", code, YEAR), tmp_path),
                                             [case.citywide_text])
        expected["KR sheet (PDF)"] = (pdf_text(get("indicators:kr_sheet_pdf", code, YEAR), tmp_path), case.definition_texts)
    missing = {label: [text for text in texts if plain(text) not in plain(page)] for label, (page, texts) in expected.items()}
    assert not {label: texts for label, texts in missing.items() if texts}, json.dumps(missing, ensure_ascii=False)
    # Both charts of the dashboard draw the quarter's citywide figure (the bar's label and its table).
    charts = re.findall(r"<figure[^>]*>.*?</figure>", dashboard, flags=re.S)
    assert len(charts) >= 2 and all(plain(case.citywide_text) in plain(chart) for chart in charts[:2]), charts[:2]

    # The status board counts the three approved reports; each district's page shows its own figure.
    board = plain(get("reports:status_board", YEAR, 1).content.decode())
    assert code in board
    for district_code in DISTRICTS:
        page = get("reports:district", district_code, query=f"?year={YEAR}").content.decode()
        assert code in page and "อนุมัติ" in page, district_code
    # The read API's description names the kind and validates this answer (test_api_description does the rest).
    schema = get("api:openapi").json()
    assert case.kind in json.dumps(schema)
