"""Pages take the same number of queries however much there is: measured at two sizes, equal."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Community, District
from indicators.models import DistrictTarget, Indicator
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
