"""Dashboard benchmark: 10 fiscal years × 30 indicators × N districts × 4 quarters, for N = 50 and
N = 100 (the most the official 10xx district codes allow), in one run.

Prints SQL queries per dashboard page at each N (they must be equal) and the dashboard's median
latency divided by the median latency of a trivial view served by the same process (goal ≤ 3×).
Run with `make bench`. Uses throw-away SQLite databases.
"""
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okr_tracker.settings")
os.environ["DATABASE_URL"] = "sqlite:////tmp/okr-bench-dashboard.sqlite3"
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

YEARS, INDICATORS, ROUNDS = int(os.environ.get("BENCH_YEARS", 10)), int(os.environ.get("BENCH_INDICATORS", 30)), 15


def build(district_count):
    import io

    from django.contrib.auth import get_user_model

    from districts.models import District, DistrictGroup
    from indicators.kinds import kind_of
    from indicators.models import DistrictResult, DistrictTarget, FiscalYear, Indicator
    from reports.models import Report
    from reports.roles import ensure_role_groups

    Path("/tmp/okr-bench-dashboard.sqlite3").unlink(missing_ok=True)
    connection.close()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    groups = list(DistrictGroup.objects.all())
    extra = [code for code in range(1000, 1100) if not District.objects.filter(code=str(code)).exists()]
    District.objects.bulk_create(
        District(code=str(code), name_th=f"เขตสังเคราะห์ {code}", name_en=f"Synthetic {code}", group=groups[code % 6])
        for code in extra[: max(district_count - 50, 0)]
    )
    districts = list(District.objects.all())
    reviewer = get_user_model().objects.create_user("bench-reviewer", password="x")
    reviewer.groups.add(ensure_role_groups()[0])
    for year_be in range(2561, 2561 + YEARS):
        year = FiscalYear.get_or_create_year(year_be)
        quarters = list(year.quarters.order_by("number"))
        for number in range(INDICATORS):
            indicator = Indicator.objects.create(
                code=f"B{number:02d}", fiscal_year=year, title=f"ตัวชี้วัดสังเคราะห์ {number}", host_agency="สำนักพัฒนาสังคม",
                kind=("community_share", "district_share")[number % 2],
                target_percent=Decimal(90), code_is_local=True, is_demo=True)
            if kind_of(indicator).has_target_table:
                DistrictTarget.objects.bulk_create(DistrictTarget(indicator=indicator, district=d, communities=40) for d in districts)
            DistrictResult.objects.bulk_create(
                DistrictResult(indicator=indicator, district=d, quarter=q, achieved=10 * q.number,
                               answered_yes=(d.pk + q.number) % 3 != 0)
                for d in districts for q in quarters)
            Report.objects.bulk_create(
                Report(indicator=indicator, district=d, quarter=q, achieved=10 * q.number, status=Report.Status.APPROVED)
                for d in districts for q in quarters)
    return reviewer, len(districts)


def median_seconds(client, url):
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def main():
    url = f"/reports/dashboard/B00/{2561 + YEARS - 1}/q4/"
    results = {}
    for count in (50, 100):
        reviewer, actual = build(count)
        client = Client()
        client.force_login(reviewer)
        client.get(url)  # warm up
        queries = []  # counted with an execute wrapper: the query log is emptied at each request's start
        with connection.execute_wrapper(lambda execute, sql, params, many, context: queries.append(sql) or execute(sql, params, many, context)):
            client.get(url)
        dashboard = median_seconds(client, url)
        trivial = median_seconds(client, "/healthz")
        page = median_seconds(client, "/indicators/")
        results[actual] = (len(queries), dashboard, trivial)
        print(f"{actual} districts, {YEARS} years × {INDICATORS} indicators × 4 quarters: "
              f"{len(queries)} SQL queries per dashboard page; median {dashboard * 1000:.1f} ms; "
              f"trivial view /healthz {trivial * 1000:.2f} ms (ratio {dashboard / trivial:.1f}×); "
              f"indicator list page {page * 1000:.1f} ms (ratio {dashboard / page:.1f}×)")
    counts = {queries for queries, _d, _t in results.values()}
    print("queries equal at 50 and 100 districts:", "yes" if len(counts) == 1 else f"NO {counts}")


if __name__ == "__main__":
    main()
