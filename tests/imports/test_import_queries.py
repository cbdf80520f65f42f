"""The target table imports with a fixed number of queries per row, not lookups per row: the
districts and the table's existing rows are read once, the version of the figures bumped once."""
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import DistrictTarget

from .workbooks import seed_rows, target_workbook

pytestmark = pytest.mark.django_db


def queries_to_import(tmp_path, data):
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    with CaptureQueriesContext(connection) as captured:
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stdout=io.StringIO())
    return [query["sql"] for query in captured]


def test_each_row_costs_only_its_own_write_and_history(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).update(communities=1, target_communities=1)
    queries = queries_to_import(tmp_path, target_workbook())
    per_row = [sql for sql in queries if sql.startswith(('SELECT "districts_district"', 'SELECT "indicators_indicator"',
                                                          'SELECT "indicators_districttarget"'))]
    assert len(per_row) <= 4, per_row[:6]  # read once, whatever the number of rows
    assert sum(1 for sql in queries if "okr_tracker_stamp" in sql) == 1
    # 50 changed rows: an UPDATE, a history row and django-import-export's savepoint and its
    # release each (463 queries before: two district lookups, an instance, an indicator, a stamp per row).
    writes = [sql for sql in queries if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(writes) <= 50 * 2 + 12, len(writes)
    rows = seed_rows()
    assert DistrictTarget.objects.get(indicator=kr8308, district__code="1026").communities == rows[0][3]
