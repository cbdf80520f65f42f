"""The admin speaks Buddhist Era years, like every other page: a deadline typed the Thai way is
stored as that day, a Christian Era year is refused with the BE year to type, and dates read BE."""
import datetime
import re

import pytest
from django.urls import reverse

from okr_tracker.forms import BuddhistDateField

pytestmark = pytest.mark.django_db


def quarter_form(quarter, deadline):
    return {"fiscal_year": quarter.fiscal_year_id, "number": quarter.number, "status": quarter.status,
            "start_date": f"{quarter.start_date.day:02d}/{quarter.start_date.month:02d}/{quarter.start_date.year + 543}",
            "end_date": f"{quarter.end_date.day:02d}/{quarter.end_date.month:02d}/{quarter.end_date.year + 543}",
            "deadline": deadline}


def test_a_deadline_typed_in_be_is_stored_as_that_day_and_read_back_in_be(client, admin_user, open_quarter):
    client.force_login(admin_user)
    url = reverse("admin:indicators_quarter_change", args=[open_quarter.pk])
    page = client.get(url).content.decode()
    assert 'value="01/10/2567"' in page  # FY2568 Q1 starts on 1 October 2024
    response = client.post(url, quarter_form(open_quarter, "15/01/2568"))
    assert response.status_code == 302
    open_quarter.refresh_from_db()
    assert open_quarter.deadline == datetime.date(2025, 1, 15)
    assert 'value="15/01/2568"' in client.get(url).content.decode()
    listing = client.get(reverse("admin:indicators_quarter_changelist")).content.decode()
    assert "1 ต.ค. 2567" in listing and "2024" not in re.sub(r"<script.*?</script>", "", listing, flags=re.S)


def test_a_christian_era_year_is_refused_with_the_be_year_to_type(client, admin_user, open_quarter):
    client.force_login(admin_user)
    before = open_quarter.deadline
    url = reverse("admin:indicators_quarter_change", args=[open_quarter.pk])
    response = client.post(url, quarter_form(open_quarter, "15/01/2025"))
    assert response.status_code == 200
    assert "2025 เป็นปี ค.ศ. กรุณาใส่ปี พ.ศ. เช่น 15/01/2568" in response.content.decode()
    open_quarter.refresh_from_db()
    assert open_quarter.deadline == before  # nothing stored from the refused form


@pytest.mark.parametrize("typed, stored", [
    ("15/04/2570", datetime.date(2027, 4, 15)),
    ("๑๕/๐๔/๒๕๗๐", datetime.date(2027, 4, 15)),
    ("1.10.2567", datetime.date(2024, 10, 1)),
])
def test_be_dates_are_read_in_the_ways_offices_write_them(typed, stored):
    assert BuddhistDateField().clean(typed) == stored


@pytest.mark.parametrize("typed", ["2027-04-15", "31/02/2570", "15/04/70"])
def test_other_dates_are_refused_with_an_example(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="15/04/2570"):
        BuddhistDateField().clean(typed)


def test_a_reports_moments_read_in_be_in_the_admin(client, admin_user, kr8308, open_quarter, din_daeng_clerk):
    from django.utils import timezone

    from tests.reports.helpers import submitted

    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10)
    client.force_login(admin_user)
    html = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    today = timezone.localdate()
    assert f" {today.year + 543} " in html.replace("<", " <")
    assert f"{today.day} " in html and str(today.year) not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
