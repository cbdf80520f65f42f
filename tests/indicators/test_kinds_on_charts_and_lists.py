"""Every kind's figures on the dashboard's trend charts and in the indicator lists (issue 21, finding 2):
an amount KR's charts were empty on a 0–100 axis with "target 0.00%", and the lists showed its target
as "ค่าเป้าหมาย (ร้อยละ) 0.00"."""
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import summaries
from okr_tracker.numbers import figure
from tests.indicators.test_new_kinds import approve_all, readiness, volunteers  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568")]


def test_an_amount_krs_trend_charts_show_its_total_against_its_target_in_its_unit(client, reviewer, volunteers,
                                                                                  open_quarter, din_daeng_clerk):
    approve_all(reviewer, volunteers, open_quarter, din_daeng_clerk, {"1026": {"amount": Decimal(1000)},
                                                                      "1002": {"amount": Decimal(250)}})
    client.force_login(reviewer)
    page = client.get(reverse("reports:dashboard", args=["AMT1", 2568, 1])).content.decode()
    assert "1,000 คน" in page  # the target line's caption: the citywide target in its unit
    assert "0.00%" not in page
    assert ">1,250<" in page  # Q1's bar and its table: the total, as counted
    assert summaries.year_end_values("AMT1") == [("2568", Decimal("1250.00"), True)]


def test_every_kinds_target_reads_as_its_kind_in_the_lists(client, reviewer, volunteers, readiness, kr8308):
    client.force_login(reviewer)
    listing = client.get(reverse("indicators:list") + "?year=2568").content.decode()
    assert "1,000 คน" in listing and "80.00% ≥ 4" in listing and "90.00%" in listing
    client.force_login(type(reviewer).objects.create_superuser("admin-list", password="x"))
    admin_list = client.get("/admin/indicators/indicator/?fiscal_year__id__exact=" + str(kr8308.fiscal_year_id))
    assert "1,000 คน" in admin_list.content.decode()


@pytest.mark.parametrize("value, unit, text", [(None, "คน", "–"), (1250, "คน", "1,250"), (Decimal("1250.5"), "บาท", "1,250.50"),
                                               (Decimal("86"), "%", "86.00"), (Decimal("0"), "คน", "0")])
def test_numbers_as_they_are_counted(value, unit, text):
    assert figure(value, unit) == text


def test_every_kinds_form_and_report_page_show_the_districts_target_and_the_verdict(client, reviewer, volunteers,
                                                                                    readiness, kr8308, open_quarter,
                                                                                    din_daeng_clerk):
    """Issue 22, item 6: the amount and success-level forms did not show the district's own target and
    their report pages had an empty verdict column."""
    from tests.reports.helpers import submitted

    client.force_login(din_daeng_clerk)
    form = client.get(reverse("reports:form", args=["1026", "AMT1", 2568, 1])).content.decode()
    assert "30 คน" in form  # ดินแดง's own target in the year's table
    form = client.get(reverse("reports:form", args=["1026", "LVL1", 2568, 1])).content.decode()
    assert 'data-testid="district-target"' in form and "4" in form
    amount = submitted(volunteers, open_quarter, "1026", din_daeng_clerk, amount=Decimal(1250))
    level = submitted(readiness, open_quarter, "1026", din_daeng_clerk, level=3)
    client.force_login(reviewer)
    page = client.get(amount.get_absolute_url()).content.decode()
    assert ">1,250<" in page and 'data-testid="target">30<' in page
    assert 'data-testid="verdict"><span class="ok">' in page
    page = client.get(level.get_absolute_url()).content.decode()
    verdict = page.split('data-testid="verdict"')[1][:200]
    assert "not-ok" in verdict


def test_numbers_read_as_counted_in_history_excel_and_the_headline(client, reviewer, kr8308, open_quarter,
                                                                  din_daeng_clerk, cdp2563):
    """Issue 22 item 4: the history showed '100000.00 → 180000.00' and an entered 0 as '–'; the Excel
    sheet of planned projects wrote years as 2,563; a dashboard with no result read '–% against…'."""
    import io

    import openpyxl

    from reports import services
    from tests.reports.helpers import draft

    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=5, budget_allocated=Decimal(100000))
    services.save_report(report=report, data={"budget_allocated": Decimal(180000), "budget_returned": Decimal(0)},
                         by=din_daeng_clerk, expected_version=report.version)
    client.force_login(reviewer)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "100,000.00 → 180,000.00" in page and "– → 0.00" in page
    book = openpyxl.load_workbook(io.BytesIO(client.get(
        reverse("reports:dashboard", args=["CDP2563", 2563, 4]) + "?format=xlsx").content))
    year_cell = book["โครงการตามแผน"]["A4"]
    assert year_cell.value == 2563 and year_cell.number_format == "0"
    empty = client.get(reverse("reports:dashboard", args=["8308", 2568, 1])).content.decode()
    verdict = empty.split('data-testid="verdict"')[1][:300]
    assert "ยังไม่มีผล" in verdict and "–%" not in verdict and "90.00%" in verdict
