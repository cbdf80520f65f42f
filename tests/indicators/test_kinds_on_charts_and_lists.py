"""Every kind's figures on the dashboard's trend charts and in the indicator lists (issue 21, finding 2):
an amount KR's charts were empty on a 0–100 axis with "target 0.00%", and the lists showed its target
as "ค่าเป้าหมาย (ร้อยละ) 0.00"."""
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import achievement
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
    assert achievement.year_end_values("AMT1") == [("2568", Decimal("1250.00"), True)]


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
