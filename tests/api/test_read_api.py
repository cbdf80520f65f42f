"""The read API: the same figures as the pages and kpi_summary, for authenticated callers only."""
import json
from io import StringIO

import pytest

from django.core.management import call_command

from indicators.models import Indicator
from okr_tracker.api_auth import create_token

pytestmark = pytest.mark.django_db
Q4 = "/api/v1/indicators/CDP2563/2563/q4/"


def test_anonymous_requests_are_refused_with_401_json(client):
    response = client.get(Q4)
    assert response.status_code == 401 and response.json()["error"].startswith("authentication required")


def test_a_token_reads_the_seed_002_figures(client, reviewer):
    key = create_token(reviewer, "BMA Policy Tracking")
    data = client.get(Q4, HTTP_AUTHORIZATION=f"Token {key}").json()
    assert (data["districts_yes"], data["districts_total"], data["percent"], data["met"]) == (43, 50, "86.00", True)


def test_a_wrong_token_is_refused(client):
    assert client.get(Q4, HTTP_AUTHORIZATION="Token not-a-key").status_code == 401


def test_the_api_gives_exactly_what_kpi_summary_gives(client, din_daeng_clerk):
    client.force_login(din_daeng_clerk)
    out = StringIO()
    call_command("kpi_summary", "--indicator", "8308", "--year", "2568", "--quarter", "1", "--format", "json", stdout=out)
    assert client.get("/api/v1/indicators/8308/2568/q1/").json() == json.loads(out.getvalue())


def test_kr8308_citywide_2004_and_1806(client, reviewer):
    client.force_login(reviewer)
    data = client.get("/api/v1/indicators/8308/2568/q4/").json()
    assert (data["communities"], data["target_communities"], len(data["districts"])) == (2004, 1806, 50)


def test_the_indicator_list_links_to_each_quarter(client, reviewer):
    client.force_login(reviewer)
    data = client.get("/api/v1/indicators/").json()["indicators"]
    cdp = next(item for item in data if item["code"] == "CDP2563")
    assert (cdp["year"], cdp["code_is_local"], cdp["target_percent"]) == (2563, True, "80.00")
    assert cdp["quarters"][3]["summary"] == Q4


def test_the_indicator_list_comes_100_a_page_and_by_year(client, reviewer, kr8308):
    Indicator.objects.bulk_create(
        Indicator(code=f"P{number:03}", fiscal_year=kr8308.fiscal_year, kind="amount", title=f"KR {number}",
                  host_agency="สำนักอนามัย", target_percent=90) for number in range(120))
    client.force_login(reviewer)
    first = client.get("/api/v1/indicators/").json()
    total = Indicator.objects.count()
    assert first["count"] == total and len(first["indicators"]) == 100
    second = client.get(first["next"]).json()
    assert second["next"] is None and len(second["indicators"]) == total - 100
    codes = [item["code"] for item in first["indicators"] + second["indicators"]]
    assert len(set(codes)) == total and "CDP2563" in codes
    only = client.get("/api/v1/indicators/?year=2563").json()
    assert [item["code"] for item in only["indicators"]] == ["CDP2563"] and only["next"] is None
    assert client.get("/api/v1/indicators/?year=abc").status_code == 400


def test_unknown_indicator_is_a_json_404(client, reviewer):
    client.force_login(reviewer)
    response = client.get("/api/v1/indicators/9999/2568/q1/")
    assert response.status_code == 404 and "9999" in response.json()["error"]


def test_the_openapi_description_names_the_paths(client, reviewer):
    client.force_login(reviewer)
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/v1/indicators/{code}/{year}/q{quarter}/" in spec["paths"]


def test_the_api_takes_a_fixed_number_of_queries(client, reviewer, django_assert_max_num_queries):
    client.force_login(reviewer)
    with django_assert_max_num_queries(12):
        client.get("/api/v1/indicators/8308/2568/q1/")
    with django_assert_max_num_queries(10):
        client.get("/api/v1/indicators/")


def test_create_api_token_prints_a_key_once(reviewer):
    out = StringIO()
    call_command("create_api_token", reviewer.username, "--name", "dashboard", stdout=out)
    from okr_tracker.models import APIToken

    key = out.getvalue().strip()
    assert len(key) > 30 and not APIToken.objects.filter(key_hash=key).exists()
