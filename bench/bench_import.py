"""Import benchmark: the community list, the target table and a quarter's results, in one run.

Prints, measured in the same run on the same machine:
- the 50,000-row community list: the import time divided by the time openpyxl alone needs to read the
  same file in read-only mode (goal ≤ 2×), and the peak memory of the import (goal < 200 MB, tracemalloc);
- for each import at two sizes (the community list at 5,000 and 50,000 rows; the target table and a
  results file at 50 and 100 districts, bench/world.py's synthetic offices beyond the 50): the queries
  of one import at each size (the fixed cost: the same at both sizes), and the cost of each added row
  against openpyxl's parse of the same added rows (goal ≤ 2×).
Run with `make bench-import`; it uses a throw-away SQLite database.
"""
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okr_tracker.settings")
os.environ["DATABASE_URL"] = "sqlite:////tmp/okr-bench-import.sqlite3"

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", 50_000))


def community_workbook(districts):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("ชุมชน")
    sheet.append(["รายชื่อชุมชนที่จัดตั้งตามระเบียบกรุงเทพมหานคร (ข้อมูลสังเคราะห์เพื่อวัดความเร็ว)"])
    sheet.append(["ลำดับ", "เขต", "ชื่อชุมชน", "สถานะ"])
    for number in range(1, ROWS + 1):
        sheet.append([number, f"สำนักงานเขต{districts[number % len(districts)]}", f"ชุมชนสังเคราะห์ที่ {number}", "ปกติ"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def openpyxl_read(data):
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main():
    Path("/tmp/okr-bench-import.sqlite3").unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    from districts.models import Community, District
    from districts.resources import CommunityListFormat, CommunityResource
    from okr_tracker.imports import run_import

    names = list(District.objects.values_list("name_th", flat=True))
    data = community_workbook(names)
    print(f"community list: {ROWS:,} rows, {len(data) / 1e6:.1f} MB xlsx")

    def do_import(dry_run):
        return run_import(resource=CommunityResource(), dataset_format=CommunityListFormat(), data=data,
                          file_name="bench.xlsx", dry_run=dry_run)

    baseline, rows_read = timed(openpyxl_read, data)
    # Memory first, in a dry run (tracemalloc slows Python down, so it is off while timing).
    tracemalloc.start()
    assert do_import(dry_run=True).ok
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    elapsed, outcome = timed(do_import, False)
    assert outcome.ok, outcome.problems[:5]
    assert Community.objects.count() == ROWS
    print(f"openpyxl read-only read: {baseline:.2f} s ({rows_read:,} rows)")
    print(f"import (parse + validate + write): {elapsed:.2f} s, new {outcome.new:,}")
    print(f"ratio import / openpyxl read: {elapsed / baseline:.2f}x (goal <= 2x)")
    print(f"peak traced memory during an import (dry run) of the same file: {peak / 1e6:.0f} MB (goal < 200 MB)")
    again, outcome = timed(do_import, False)
    assert outcome.unchanged == ROWS, outcome
    print(f"the same file again (all {outcome.unchanged:,} rows unchanged): {again:.2f} s, ratio {again / baseline:.2f}x")

    target_table_ratios()
    per_row_costs()


def target_table_ratios(rounds=15):
    """The 50-row target table: medians of `rounds` imports of each kind, against the median
    openpyxl read of the same file (a few milliseconds: medians, not single runs)."""
    import statistics

    from indicators.models import DistrictTarget, Indicator
    from tests.imports.workbooks import target_workbook

    from indicators.models import Quarter

    Quarter.objects.filter(fiscal_year__year_be=2568).update(status=Quarter.Status.OPEN)  # the seeds' year arrives locked
    target = target_workbook()
    path = Path("/tmp/okr-bench-targets.xlsx")
    path.write_bytes(target)

    def import_into(year):
        call_command("import_targets", str(path), "--indicator", "8308", "--year", str(year), stdout=io.StringIO())

    def new_year():
        Indicator.objects.filter(code="8308", fiscal_year__year_be=2569).delete()
        return timed(import_into, 2569)[0]

    def changed_rows():
        DistrictTarget.objects.filter(indicator__code="8308", indicator__fiscal_year__year_be=2568).update(
            communities=999, target_communities=1)
        return timed(import_into, 2568)[0]

    def unchanged():
        return timed(import_into, 2568)[0]

    baseline = statistics.median(timed(openpyxl_read, target)[0] for _ in range(rounds))
    print(f"target table (50 rows): openpyxl read {baseline * 1000:.1f} ms (median of {rounds})")
    for label, run in (("new fiscal year (the KR carried over, 50 new rows)", new_year),
                       ("50 changed rows", changed_rows), ("the same file again (unchanged)", unchanged)):
        elapsed = statistics.median(run() for _ in range(rounds))
        print(f"  {label}: import {elapsed * 1000:.1f} ms, ratio {elapsed / baseline:.1f}x (goal <= 2x)")


def per_row_costs():
    """Each import at two sizes: its queries at each (the fixed cost) and the cost of each added row
    against openpyxl's parse of the same rows."""
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.world import districts_up_to
    from districts.models import Community
    from districts.resources import CommunityListFormat, CommunityResource
    from indicators.models import DistrictResult, DistrictTarget, Indicator, Quarter
    from okr_tracker.imports import run_import
    from reports.models import Report
    from tests.imports.workbooks import target_workbook

    offices = districts_up_to(100)
    names = [office.name_th for office in offices]
    reference = [office.name_th for office in offices if office.name_en and not office.name_en.startswith("Synthetic")]
    kr8308 = Indicator.objects.get(code="8308", fiscal_year__year_be=2568)
    amount = Indicator.objects.get_or_create(
        code="BENCH-AMT", fiscal_year=kr8308.fiscal_year,
        defaults={"kind": "amount", "unit": "คน", "title": "จำนวนสังเคราะห์", "host_agency": "สำนักพัฒนาสังคม",
                  "target_percent": 0, "target_value": 1000})[0]
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=1)

    def sheet(headers, rows):
        book = openpyxl.Workbook(write_only=True)
        page = book.create_sheet("ผล")
        page.append(headers)
        for row in rows:
            page.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def community_file(rows):
        return sheet(["ลำดับ", "เขต", "ชื่อชุมชน", "สถานะ"],
                     ([n, f"สำนักงานเขต{reference[n % 50]}", f"ชุมชนสังเคราะห์ที่ {n}", "ปกติ"] for n in range(1, rows + 1)))

    def no_communities():
        Community.objects.all().delete()

    def import_communities(data):
        outcome = run_import(resource=CommunityResource(), dataset_format=CommunityListFormat(), data=data,
                             file_name="bench.xlsx", dry_run=False)
        assert outcome.ok, outcome.problems[:3]

    def target_file(districts):
        return target_workbook(rows=[[n, name, "", 100, 90] for n, name in enumerate(names[:districts], start=1)], total=None)

    def no_targets():
        DistrictTarget.objects.filter(indicator=kr8308).delete()

    def import_targets(data):
        path = Path("/tmp/okr-bench-targets-n.xlsx")
        path.write_bytes(data)
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stdout=io.StringIO())

    def results_file(districts):
        return sheet(["ลำดับ", "เขต", "ผลการดำเนินงาน"], ([n, name, "12.50"] for n, name in enumerate(names[:districts], start=1)))

    def no_results():
        DistrictResult.objects.filter(indicator=amount).delete()
        Report.objects.filter(indicator=amount).delete()

    def import_results(data):
        path = Path("/tmp/okr-bench-results.xlsx")
        path.write_bytes(data)
        call_command("import_results", str(path), "--indicator", "BENCH-AMT", "--year", "2568", "--quarter", "1",
                     stdout=io.StringIO())

    print("\nper added row (two sizes each; medians):")
    def fresh(prepare, run, data):
        prepare()  # the rows of the last round removed first, not timed: each round imports new rows
        return timed(run, data)[0]

    for label, make, prepare, run, sizes, rounds in (
            ("community list", community_file, no_communities, import_communities, (5_000, 50_000), 3),
            ("target table", target_file, no_targets, import_targets, (50, 100), 9),
            ("results file (amount KR)", results_file, no_results, import_results, (50, 100), 9)):
        files = {size: make(size) for size in sizes}
        parse, work, queries = {}, {}, {}
        for size, data in files.items():
            parse[size] = statistics.median(timed(openpyxl_read, data)[0] for _ in range(rounds))
            work[size] = statistics.median(fresh(prepare, run, data) for _ in range(rounds))
            prepare()
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                run(data)
            queries[size] = len(captured)
        small, large = sizes
        added = large - small
        per_row_import = (work[large] - work[small]) / added
        per_row_parse = (parse[large] - parse[small]) / added
        print(f"  {label}: queries {queries[small]} at {small:,} rows, {queries[large]} at {large:,} rows; "
              f"each added row {per_row_import * 1e6:.0f} µs against openpyxl's {per_row_parse * 1e6:.0f} µs: "
              f"ratio {per_row_import / per_row_parse:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()
