"""The read API is what its description says (issue 24): the description is generated from the code
(django-ninja), every kind's fields come from the kinds registry, parameters carry their real bounds,
every answer is documented, and a district's unapproved figures never leave through any endpoint."""
import pytest

from indicators.kinds import KINDS
from okr_tracker.api_auth import create_token
from reports import services
from tests.reports.helpers import submitted

pytestmark = pytest.mark.django_db
LIST, Q4 = "/api/v1/indicators/", "/api/v1/indicators/CDP2563/2563/q4/"
SUMMARY_PATH = "/api/v1/indicators/{code}/{year}/q{quarter}/"


@pytest.fixture
def reader(client, reviewer):
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {create_token(reviewer, 'test')}"
    return client


@pytest.fixture
def description(reader):
    return reader.get("/api/v1/openapi.json").json()


def resolve(spec, node):
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def test_every_kind_of_the_registry_is_in_the_description_with_its_own_fields(description):
    answer = description["paths"][SUMMARY_PATH]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    variants = [resolve(description, variant) for variant in answer.get("oneOf") or answer.get("anyOf")]
    by_kind = {variant["properties"]["kind"]["const"]: variant for variant in variants}
    assert set(by_kind) == set(KINDS)
    for code, kind in KINDS.items():
        properties = by_kind[code]["properties"]
        assert set(kind.json_totals) | set(kind.json_top) <= set(properties), code
        district = resolve(description, properties["districts"]["items"])
        assert set(kind.json_district) <= set(district["properties"]), code


def test_parameters_carry_their_real_bounds_and_every_answer_is_documented(description):
    listing = description["paths"][LIST]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in listing["parameters"]}
    year = parameters["year"].get("anyOf", [parameters["year"]])[0]
    assert (year["minimum"], year["maximum"], parameters["page"]["minimum"]) == (2500, 2700, 1)
    summary = description["paths"][SUMMARY_PATH]["get"]
    bounds = {parameter["name"]: parameter["schema"] for parameter in summary["parameters"]}
    assert (bounds["quarter"]["minimum"], bounds["quarter"]["maximum"]) == (1, 4)
    assert {"200", "400", "401"} <= set(listing["responses"]) and {"200", "400", "401", "404"} <= set(summary["responses"])


@pytest.mark.parametrize("query", ["?year=", "?page=true", "?year=-10877", "?year=2568&page=0", "?year=abc"])
def test_what_the_description_forbids_is_a_400_with_the_error_shape(reader, query):
    response = reader.get(LIST + query)
    assert response.status_code == 400 and set(response.json()) == {"error"}


def test_a_page_past_the_last_is_empty_not_an_error(reader):
    data = reader.get(LIST + "?page=45409170").json()
    assert data["indicators"] == [] and data["next"] is None and data["count"] > 0


@pytest.mark.parametrize("method", ["TRACE", "POST", "PUT", "DELETE", "PATCH"])
def test_an_undeclared_method_is_405_with_allow(reader, method):
    for url in (LIST, Q4):
        response = reader.generic(method, url)
        assert response.status_code == 405 and "GET" in response["Allow"]


def test_a_path_the_api_does_not_have_is_a_json_404(reader):
    response = reader.get("/api/v1/indicators/8308/2568/qnull,null/")
    assert response.status_code == 404 and "error" in response.json()


def test_a_summary_of_every_kind_matches_the_description(reader):
    """Each kind's summary is validated against its model before it leaves: a key a kind emits without
    declaring it would be a 500 here (the contract), never a drift."""
    from bench.world import grow
    from indicators.models import Indicator

    grow(krs=3)
    for code in KINDS:
        indicator = Indicator.objects.filter(kind=code).select_related("fiscal_year").order_by("code").first()
        response = reader.get(f"/api/v1/indicators/{indicator.code}/{indicator.fiscal_year.year_be}/q1/")
        assert response.status_code == 200, (code, response.content[:300])
        data = response.json()
        assert data["kind"] == code and set(KINDS[code].json_totals) <= set(data)


def test_no_endpoint_gives_a_districts_unapproved_figure(reader, kr8308, open_quarter, din_daeng_clerk):
    submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=17, narrative="ยังไม่อนุมัติ")
    for url in (LIST, LIST + "?year=2568", "/api/v1/indicators/8308/2568/q1/", "/api/v1/openapi.json"):
        text = reader.get(url).content.decode()
        assert "ยังไม่อนุมัติ" not in text
    district = next(row for row in reader.get("/api/v1/indicators/8308/2568/q1/").json()["districts"]
                    if row["code"] == "1026")
    assert district["achieved"] is None and district["value"] is None


def test_a_path_with_control_characters_is_a_json_404_too(reader):
    """Found by Schemathesis in CI: a %0A in the path fell through to the site's HTML 404 page."""
    response = reader.get("/api/v1/indicators/%C3%AE%0A%1B/2619/q-29053228/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
