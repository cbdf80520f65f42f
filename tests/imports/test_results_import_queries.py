"""A quarter's results import with a fixed number of queries, whatever its number of rows (issue 21,
finding 7: about 13 queries a row, 670 for 50 districts): the districts, the quarter's reports and
results read once; reports, results and their history rows written in bulk; for every kind."""
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districts.models import District
from indicators.models import DistrictResult, Indicator, Quarter
from reports.models import Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]

# Each kind: (the KR's code and year, a result cell every district may report, the stored figure).
KINDS = {
    "community_share": ("8308", 2568, "1", ("achieved", 1)),
    "district_share": ("CDP2563", 2563, "ใช่", ("answered_yes", True)),
    "amount": ("AMT9", 2568, "12.50", ("amount", Decimal("12.50"))),
    "success_level": ("LVL9", 2568, "3", ("level", 3)),
}


@pytest.fixture
def indicators(kr8308, cdp2563):
    year = kr8308.fiscal_year
    Indicator.objects.create(code="AMT9", fiscal_year=year, kind="amount", unit="คน", title="อาสาสมัคร",
                             host_agency="สำนักพัฒนาสังคม", target_percent=0, target_value=Decimal(1000))
    Indicator.objects.create(code="LVL9", fiscal_year=year, kind="success_level", unit="ระดับ", title="แผน",
                             host_agency="สำนักพัฒนาสังคม", target_percent=80, target_value=4)


def results_file(tmp_path, districts, cell):
    book = openpyxl.Workbook()
    book.active.append(["ลำดับ", "เขต", "ผลการดำเนินงาน"])
    for number, district in enumerate(districts, start=1):
        book.active.append([number, district.name_th, cell])
    path = tmp_path / f"results-{len(districts)}.xlsx"
    book.save(path)
    return path


def import_counting_queries(path, code, year, quarter=1):
    with CaptureQueriesContext(connection) as captured:
        call_command("import_results", str(path), "--indicator", code, "--year", str(year), "--quarter", str(quarter),
                     stdout=io.StringIO())
    return len(captured)


@pytest.mark.parametrize("kind", KINDS)
def test_results_import_costs_the_same_queries_for_10_and_50_districts(tmp_path, indicators, kind, django_user_model):
    code, year, cell, (field, stored) = KINDS[kind]
    indicator = Indicator.objects.get(code=code, fiscal_year__year_be=year)
    quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=1)
    districts = list(District.objects.order_by("code"))
    # Some districts already have a report and a counted result of the quarter: each import updates
    # those and creates the rest (both paths, at both sizes).
    for district in districts[:3] + districts[20:23]:
        Report.objects.create(indicator=indicator, district=district, quarter=quarter, status=Report.Status.DRAFT)
        DistrictResult.objects.create(indicator=indicator, district=district, quarter=quarter)
    small = import_counting_queries(results_file(tmp_path, districts[:10], cell), code, year)
    large = import_counting_queries(results_file(tmp_path, districts, cell), code, year)
    # PostgreSQL writes each bulk in one statement; SQLite splits an INSERT at 999 parameters (about
    # 39 history rows), so 50 rows may take a statement or two more than 10 — never one a row.
    assert large - small <= (0 if connection.vendor == "postgresql" else 4), (small, large)
    assert large <= 45, large
    assert DistrictResult.objects.filter(indicator=indicator, quarter=quarter, **{field: stored}).count() == 50
    reports = Report.objects.filter(indicator=indicator, quarter=quarter)
    assert reports.count() == 50 and not reports.exclude(status=Report.Status.APPROVED).exists()
    assert set(reports.values_list(field, flat=True)) == {stored}
    history = Report.history.filter(indicator_id=indicator.pk, quarter_id=quarter.pk)
    assert history.filter(history_change_reason="imported:results-50.xlsx").count() == 50
    assert history.filter(history_change_reason="imported:results-10.xlsx").count() == 10
    result_history = DistrictResult.history.filter(indicator_id=indicator.pk, quarter_id=quarter.pk)
    assert result_history.filter(history_change_reason="imported:results-50.xlsx").count() == 50
