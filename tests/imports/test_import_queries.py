"""The target table imports with a fixed number of queries, whatever its number of rows: the
districts and the table's existing rows are read once, the rows and their history rows written in
bulk, the version of the figures bumped once."""
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import DistrictTarget

from .workbooks import seed_rows, target_workbook

# These write into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]


def queries_to_import(tmp_path, data):
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    with CaptureQueriesContext(connection) as captured:
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stdout=io.StringIO())
    return [query["sql"] for query in captured]


def test_the_whole_table_costs_a_fixed_number_of_queries_and_keeps_its_history(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).update(communities=1, target_communities=1)
    history_before = DistrictTarget.history.filter(indicator_id=kr8308.pk).count()
    queries = queries_to_import(tmp_path, target_workbook())
    assert sum(1 for sql in queries if "okr_tracker_stamp" in sql) == 1
    # 50 changed rows in a few statements: 463 queries before (lookups, an UPDATE, a history row and
    # a savepoint per row), then 216; 22 with the guard of locked figures (the year's quarters, before
    # and under the write: indicators.locks).
    assert len(queries) <= 22, (len(queries), queries)
    rows = seed_rows()
    assert DistrictTarget.objects.get(indicator=kr8308, district__code="1026").communities == rows[0][3]
    history = DistrictTarget.history.filter(indicator_id=kr8308.pk)
    assert history.count() == history_before + 50
    assert history.latest("history_id").history_change_reason == "imported:t.xlsx"


def test_new_and_changed_rows_are_written_and_an_unchanged_file_writes_nothing(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308, district__code__in=["1001", "1002"]).delete()
    DistrictTarget.objects.filter(indicator=kr8308, district__code="1026").update(communities=1, target_communities=1)
    path = tmp_path / "t.xlsx"
    path.write_bytes(target_workbook())
    out = io.StringIO()
    call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stdout=out)
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50
    assert DistrictTarget.objects.get(indicator=kr8308, district__code="1026").communities == seed_rows()[0][3]
    history = DistrictTarget.history.filter(indicator_id=kr8308.pk)
    before = history.count()
    with CaptureQueriesContext(connection) as captured:
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stdout=io.StringIO())
    assert history.count() == before
    assert not [query for query in captured if query["sql"].startswith(("INSERT", "UPDATE"))]
