"""The pages a newcomer sees after `make run`, through the test client."""
import re

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_anonymous_users_are_sent_to_the_login_page(client):
    for url in ["/", reverse("indicators:list"), "/indicators/8308/2568/"]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith("/login/"), url


def test_the_login_page_is_thai(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()
    assert "เข้าสู่ระบบ" in text_of(response)


def test_logging_in_without_a_district_or_review_role_lands_on_the_indicator_list(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("reader", password=PASSWORD)
    response = client.post("/login/", {"username": "reader", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("indicators:list")
    text = text_of(response)
    assert "ร้อยละของชุมชนที่มีการเบิกจ่ายงบประมาณตามโครงการชุมชนเข้มแข็งฯ" in text
    assert "ปีงบประมาณ 2568" in text and 'href="?year=2563"' in response.content.decode()
    older = text_of(client.get(reverse("indicators:list") + "?year=2563"))
    assert "ปีงบประมาณ 2563" in older and "CDP2563" in older and "8308" not in older


def test_the_indicator_list_filters_by_agency_and_words_and_pages_by_50(client, kr8308, reviewer):
    from indicators.models import Indicator

    Indicator.objects.bulk_create(
        Indicator(code=f"P{number:03}", fiscal_year=kr8308.fiscal_year, kind="amount", title=f"ตัวชี้วัดทดสอบ {number}",
                  host_agency="สำนักอนามัย", target_percent=90) for number in range(60))
    client.force_login(reviewer)
    url = reverse("indicators:list")
    first = client.get(url).content.decode()
    assert first.count("<tr>") == 1 + 50 and "1–50 จาก 61" in first
    second = client.get(url + "?year=2568&page=2").content.decode()
    assert second.count("<tr>") == 1 + 11 and "P059" in second
    health = client.get(url + "?agency=สำนักอนามัย").content.decode()
    assert "8308" not in health.split("<table")[1] and "1–50 จาก 60" in health
    assert "P042" in text_of(client.get(url + "?q=042")) and "P041" not in text_of(client.get(url + "?q=042"))
    index = client.get(reverse("reports:dashboard_index") + "?q=ชุมชนเข้มแข็ง").content.decode()
    assert reverse("reports:dashboard", args=["8308", 2568, 4]) in index and "P001" not in index


def test_a_wrong_password_keeps_the_username_and_says_why_in_thai(client, din_daeng_clerk):
    response = client.post("/login/", {"username": din_daeng_clerk.username, "password": "wrong"})
    assert response.status_code == 200
    assert f'value="{din_daeng_clerk.username}"' in response.content.decode()
    assert "กรุณาใส่" in text_of(response) or "ไม่ถูกต้อง" in text_of(response)


def test_the_list_marks_cdp2563_as_a_local_code(client, reviewer):
    client.force_login(reviewer)
    text = text_of(client.get(reverse("indicators:list") + "?year=2563"))
    assert "CDP2563 รหัสภายในระบบ" in text


def test_the_kr8308_page_shows_the_seed_target_table(client, reviewer, kr8308):
    client.force_login(reviewer)
    response = client.get(kr8308.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response)
    assert "ตารางค่าเป้าหมายรายเขต ปีงบประมาณ 2568" in text
    assert "41 สำนักงานเขตราษฎร์บูรณะ กธ.ใต้ 28 25" in text
    assert "6 สำนักงานเขตราชเทวี กท.กลาง 25 23" in text
    assert "รวมกลุ่ม กท.ตะวันออก (9 เขต) 490 441" in text
    assert re.search(r"รวมทั้งสิ้น 2,004 1,806", text)


def test_the_kr8308_page_takes_few_queries(client, reviewer, kr8308, django_assert_max_num_queries):
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        client.get(kr8308.get_absolute_url())


def test_the_cdp2563_page_shows_q3_and_q4_results(client, reviewer, cdp2563):
    client.force_login(reviewer)
    text = text_of(client.get(cdp2563.get_absolute_url()))
    assert "ไตรมาสที่ 3 40 จาก 50 80.00 80.00 ✓ บรรลุ" in text
    assert "ไตรมาสที่ 4 43 จาก 50 86.00 80.00 ✓ บรรลุ" in text
    assert "ดินแดง, บางขุนเทียน" in text
    assert "583,203.00 17.85" in text and "774,695.00 23.71" in text and "1,909,542.00 58.44" in text
    assert "ปีงบประมาณ 2563: 343" in text and "ปีงบประมาณ 2564: 273" in text


def test_the_cdp2563_page_takes_few_queries(client, reviewer, cdp2563, django_assert_max_num_queries):
    client.force_login(reviewer)
    with django_assert_max_num_queries(20):
        client.get(cdp2563.get_absolute_url())


def test_an_unknown_indicator_is_404(client, reviewer):
    client.force_login(reviewer)
    assert client.get("/indicators/8308/2599/").status_code == 404
    assert client.get("/indicators/NOPE/2568/").status_code == 404


def test_the_language_switch_shows_english(client, reviewer, kr8308):
    client.force_login(reviewer)
    response = client.post("/i18n/setlang/", {"language": "en", "next": kr8308.get_absolute_url()}, follow=True)
    assert '<html lang="en">' in response.content.decode()
    text = text_of(response)
    assert "District target table, fiscal year 2568" in text
    assert "Rat Burana" in text


def test_pages_load_no_asset_from_the_internet(client, reviewer, kr8308):
    client.force_login(reviewer)
    html = client.get(kr8308.get_absolute_url()).content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "/static/css/app.css" in html


def test_the_admin_speaks_thai(client, admin_user):
    client.force_login(admin_user)
    text = text_of(client.get("/admin/"))
    assert "ตัวชี้วัด" in text and "เขต" in text
    for url in ["/admin/indicators/districttarget/", "/admin/districts/district/", "/admin/indicators/indicator/"]:
        assert client.get(url).status_code == 200, url


def test_thai_is_shown_even_to_a_browser_that_asks_for_english(client, reviewer, kr8308):
    client.force_login(reviewer)
    response = client.get(kr8308.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="th">' in response.content.decode()


def test_the_lists_open_on_this_fiscal_year_even_when_next_years_krs_are_set_up(client, kr8308, reviewer):
    from django.utils import timezone

    from indicators.fiscal import fiscal_year_of
    from indicators.models import FiscalYear, Indicator

    this_year = fiscal_year_of(timezone.localdate())
    for year_be, code in ((this_year, "NOW"), (this_year + 1, "NEXT")):
        Indicator.objects.create(code=code, fiscal_year=FiscalYear.get_or_create_year(year_be), kind="amount",
                                 title=f"KR {code}", host_agency="สำนักอนามัย", target_percent=90)
    client.force_login(reviewer)
    for url in (reverse("indicators:list"), reverse("reports:dashboard_index")):
        table = client.get(url).content.decode().split("<table")[1]
        assert "NOW" in table and "NEXT" not in table, url
        assert "NEXT" in client.get(url + f"?year={this_year + 1}").content.decode().split("<table")[1]
