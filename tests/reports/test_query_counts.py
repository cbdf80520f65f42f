"""Pages take the same number of queries however much there is: measured at two sizes, equal."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Community, District
from indicators.models import DistrictTarget, Indicator, Quarter
from reports import services

from .helpers import submitted

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm caches (content types, translations) first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def returned_reports(kr8308, quarter, clerk, reviewer, count):
    """`count` KRs of the year (copies of KR 8308), each with a returned report of ดินแดง."""
    din_daeng = District.objects.get(code="1026")
    for number in range(count):
        indicator = Indicator.objects.create(code=f"K{number:03}", fiscal_year=kr8308.fiscal_year, kind=kr8308.kind,
                                             title=f"KR {number}", host_agency=kr8308.host_agency, target_percent=90)
        DistrictTarget.objects.create(indicator=indicator, district=din_daeng, communities=22)
        report = submitted(indicator, quarter, "1026", clerk, achieved=1)
        services.return_report(report=report, by=reviewer, comment=f"แก้ไข {number}")


@pytest.mark.usefixtures("open_fy2568")  # figures of past quarters, which the reference data locks
def test_my_district_with_returned_reports_takes_the_same_queries_for_3_or_30_krs(client, kr8308, open_quarter,
                                                                                 din_daeng_clerk, reviewer):
    client.force_login(din_daeng_clerk)
    returned_reports(kr8308, open_quarter, din_daeng_clerk, reviewer, 3)
    few = queries_for(client, reverse("reports:mine"))
    returned_reports_more = 27
    for number in range(3, 3 + returned_reports_more):
        indicator = Indicator.objects.create(code=f"K{number:03}", fiscal_year=kr8308.fiscal_year, kind=kr8308.kind,
                                             title=f"KR {number}", host_agency=kr8308.host_agency, target_percent=90)
        DistrictTarget.objects.create(indicator=indicator, district=District.objects.get(code="1026"), communities=22)
        services.return_report(report=submitted(indicator, open_quarter, "1026", din_daeng_clerk, achieved=1), by=reviewer,
                               comment="แก้ไข")
    many = queries_for(client, reverse("reports:mine"))
    assert few == many, (few, many)


def test_the_report_form_takes_the_same_queries_for_5_or_50_communities(client, kr8308, open_quarter, din_daeng_clerk):
    din_daeng = District.objects.get(code="1026")
    url = reverse("reports:form", args=["1026", "8308", 2568, 1])
    client.force_login(din_daeng_clerk)
    Community.objects.bulk_create(Community(district=din_daeng, name=f"ชุมชน {number}") for number in range(5))
    few = queries_for(client, url)
    Community.objects.bulk_create(Community(district=din_daeng, name=f"ชุมชน {number}") for number in range(5, 50))
    many = queries_for(client, url)
    assert few == many, (few, many)


def test_the_review_list_opens_on_the_open_quarter_and_pages_by_50(client, kr8308, open_quarter, reviewer):
    from tests.reports.helpers import clerk_submitting_for

    clerk_submitting_for(kr8308, open_quarter, 50)
    for code in range(3):  # 3 more KRs: 150 submitted reports in the open quarter
        indicator = Indicator.objects.create(code=f"K{code}", fiscal_year=kr8308.fiscal_year, kind="district_share",
                                             title=f"KR {code}", host_agency="สำนักพัฒนาสังคม", target_percent=80)
        from django.contrib.auth import get_user_model

        staff = get_user_model().objects.create_user(f"clerk-k{code}")
        staff.districts.set(District.objects.all())
        for district in District.objects.all():
            submitted(indicator, open_quarter, district.code, staff, answered_yes=True)
    client.force_login(reviewer)
    page = client.get(reverse("reports:review")).content.decode()
    assert page.count('name="report"') == 50 and "1–50 จาก 200" in page
    last = client.get(reverse("reports:review") + f"?status=submitted&quarter={open_quarter.pk}&page=4").content.decode()
    assert last.count('name="report"') == 50
    filters = f"?status=submitted&quarter={open_quarter.pk}"
    few = queries_for(client, reverse("reports:review") + filters + "&indicator=K0")  # 50 reports
    many = queries_for(client, reverse("reports:review") + filters)  # 200 reports, 4 pages
    assert few == many, (few, many)


def test_the_status_board_shows_12_krs_a_page_and_the_same_queries_for_3_or_30_krs(client, kr8308, open_quarter, reviewer):
    client.force_login(reviewer)
    url = reverse("reports:status_board", kwargs={"year": 2568, "quarter_number": 1})
    for number in range(2):
        Indicator.objects.create(code=f"B{number:02}", fiscal_year=kr8308.fiscal_year, kind="district_share",
                                 title=f"KR {number}", host_agency="สำนักอนามัย", target_percent=80)
    few = queries_for(client, url)
    for number in range(2, 29):
        Indicator.objects.create(code=f"B{number:02}", fiscal_year=kr8308.fiscal_year, kind="district_share",
                                 title=f"KR {number}", host_agency="สำนักอนามัย", target_percent=80)
    many = queries_for(client, url)
    assert few == many, (few, many)
    board = client.get(url).content.decode().split('data-testid="status-board"')[1].split("</thead>")[0]
    assert board.count('<th scope="col">') == 2 + 12
    only = client.get(url + "?agency=สำนักพัฒนาสังคม&group=krungthep-central").content.decode()
    table = only.split('data-testid="status-board"')[1].split("</table>")[0]
    assert "8308" in table and "B00" not in table and table.count('<th scope="row">') == 9  # กท.กลาง's 9 districts


def test_a_districts_history_shows_one_fiscal_year_at_a_time(client, kr8308, cdp2563, open_quarter, din_daeng_clerk,
                                                              reviewer):
    from indicators.models import Quarter

    submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=3)
    old_quarter = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    Quarter.objects.filter(pk=old_quarter.pk).update(status=Quarter.Status.OPEN)
    old_quarter.refresh_from_db()
    submitted(cdp2563, old_quarter, "1026", din_daeng_clerk, answered_yes=True)
    client.force_login(reviewer)
    url = reverse("reports:district", args=["1026"])
    latest = client.get(url).content.decode()
    assert "8308" in latest and "CDP2563" not in latest.split("<table")[1] and "?year=2563" in latest
    older = client.get(url + "?year=2563").content.decode()
    assert "CDP2563" in older.split('<table class="data">')[1]


@pytest.mark.usefixtures("open_fy2568")  # figures of past quarters, which the reference data locks
def test_a_districts_history_pages_by_50_filters_by_kr_and_charts_the_krs_on_its_page(client, kr8308, reviewer):
    from indicators.models import DistrictResult, Quarter
    from reports.models import Report

    din_daeng = District.objects.get(code="1026")
    quarters = list(Quarter.objects.filter(fiscal_year=kr8308.fiscal_year).order_by("number"))
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"H{number:02}", fiscal_year=kr8308.fiscal_year, kind=kr8308.kind, title=f"KR {number}",
                  host_agency="สำนักพัฒนาสังคม", target_percent=90) for number in range(15))
    Report.objects.bulk_create(Report(indicator=indicator, district=din_daeng, quarter=quarter, status="approved", achieved=5)
                               for indicator in indicators for quarter in quarters)  # 60 reports
    DistrictResult.objects.bulk_create(DistrictResult(indicator=indicator, district=din_daeng, quarter=quarter, achieved=5)
                                       for indicator in indicators for quarter in quarters)
    client.force_login(reviewer)
    url = reverse("reports:district", args=["1026"])
    first = client.get(url).content.decode()
    rows = first.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 50 and "1–50 จาก 60" in first
    # The newest quarter first, then by code: page 1 holds Q4–Q2 of all 15 and Q1 of H00–H04.
    assert 'id="trend-H00-title"' in first and 'id="trend-H14-title"' in first
    second = client.get(url + "?year=2568&page=2").content.decode()
    assert second.split("<tbody>")[1].count("<tr>") == 10
    assert 'id="trend-H05-title"' in second and 'id="trend-H04-title"' not in second
    only = client.get(url + "?year=2568&kr=H07").content.decode()
    assert only.split("<tbody>")[1].split("</tbody>")[0].count("<tr>") == 4
    assert 'id="trend-H07-title"' in only and 'id="trend-H06-title"' not in only


@pytest.mark.usefixtures("open_fy2568")  # figures of past quarters, which the reference data locks
def test_a_districts_trend_shows_its_last_eight_quarters(client, kr8308, reviewer):
    from indicators.models import DistrictResult, FiscalYear

    din_daeng = District.objects.get(code="1026")
    for year_be in (2566, 2567):
        year = FiscalYear.get_or_create_year(year_be)
        old = Indicator.objects.create(code="8308", fiscal_year=year, kind=kr8308.kind, title=kr8308.title,
                                       host_agency=kr8308.host_agency, target_percent=90)
        DistrictResult.objects.bulk_create(DistrictResult(indicator=old, district=din_daeng, quarter=quarter, achieved=2)
                                           for quarter in year.quarters.all())
    DistrictResult.objects.bulk_create(DistrictResult(indicator=kr8308, district=din_daeng, quarter=quarter, achieved=3)
                                       for quarter in kr8308.fiscal_year.quarters.all())
    from reports.models import Report

    Report.objects.create(indicator=kr8308, district=din_daeng, quarter=kr8308.fiscal_year.quarters.get(number=4),
                          status="approved", achieved=3)
    client.force_login(reviewer)
    page = client.get(reverse("reports:district", args=["1026"]) + "?year=2568").content.decode()
    chart = page.split('id="trend-8308-title"')[1].split("</figure>")[0]
    labels = [f"{number}/{year}" for year in (2567, 2568) for number in range(1, 5)]
    assert all(f"<th scope=\"col\">{label}</th>" in chart for label in labels)
    assert "/2566</th>" not in chart


def test_the_review_list_pages_in_order_reading_only_the_krs_of_its_page(kr8308, open_fy2568, reviewer):
    """Issue 21, finding 8: the review list sorted every matching report to show 50 (2.5× the time at
    300 KRs as at 30). Its pages are now read from the (quarter, KR) groups they span: the same reports
    in the same order as sorting them all, each page reading at most the rows of the KRs on it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.models import Report
    from reports.selectors import reports_for_review

    order = ("-quarter__fiscal_year__year_be", "-quarter__number", "indicator__code", "district__group__order",
             "district__code")
    quarters = list(Quarter.objects.filter(fiscal_year=kr8308.fiscal_year).order_by("number")[:2])
    districts = list(District.objects.order_by("code"))
    statuses = [Report.Status.SUBMITTED, Report.Status.DRAFT, Report.Status.APPROVED]
    for number in range(7):  # KRs created out of code order, 20–45 districts each, in two quarters
        indicator = Indicator.objects.create(code=f"Z{(number * 5) % 7}", fiscal_year=kr8308.fiscal_year,
                                             kind="district_share", title="x", host_agency="x", target_percent=80)
        Report.objects.bulk_create(
            Report(indicator=indicator, district=district, quarter=quarter, status=statuses[(index + number) % 3])
            for quarter in quarters for index, district in enumerate(districts[:20 + 5 * (number % 6)]))
    for filters in ({}, {"status": Report.Status.SUBMITTED}, {"quarter": quarters[1]}, {"indicator": "z3"},
                    {"status": Report.Status.APPROVED, "quarter": quarters[0]}):
        expected = [report.pk for report in Report.objects.filter(
            **{("indicator__code__iexact" if key == "indicator" else key): value for key, value in filters.items()})
            .order_by(*order)]
        queue = reports_for_review(reviewer, **filters)
        assert queue.count() == len(expected)
        for start in range(0, len(expected) + 50, 50):
            with CaptureQueriesContext(connection) as captured:
                page = list(queue[start:start + 50])
            assert [report.pk for report in page] == expected[start:start + 50], (filters, start)
            reads = [query["sql"] for query in captured if 'FROM "reports_report"' in query["sql"]]
            # The page's reports come from its KRs alone (at most two here), never from all of them.
            assert all(re.search(r'"reports_report"\."indicator_id" = \d+', sql) for sql in reads[1:] or reads), reads
    assert queue[0].pk == expected[0]
