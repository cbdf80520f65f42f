"""The read API for other BMA systems (seed 000's reporting channel among them): indicators, years and
quarters, and per-district, per-group and citywide achievement — the same approved figures as the
pages, from the achievement module. Authenticated (a token or the browser session), read-only.

Built with django-ninja: the OpenAPI description (/api/v1/openapi.json) is generated from the code
that serves it — the parameters' types and bounds from the functions' signatures, the answers from
the pydantic models below, a summary's fields from each kind's declaration in the kinds registry
(Kind.json_totals, json_top, json_district) — and every answer is validated against those models
before it leaves, so the description and the API cannot drift. Errors are `{"error": "…"}` with the
status the description gives (400, 401, 404; 405 with `Allow`).
"""
from typing import Annotated, Literal, Union

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyHeader, SessionAuth
from pydantic import ConfigDict, create_model

from . import summaries
from .kinds import KINDS
from .models import Indicator, Quarter
from .serializers import summary_as_dict

API_PAGE_SIZE = 100
FIRST_YEAR, LAST_YEAR = 2500, 2700  # a fiscal year in the Buddhist Era, as the model's constraint has it


class TokenAuth(APIKeyHeader):
    """`Authorization: Token <key>` (manage.py create_api_token USERNAME; only its hash is stored)."""

    param_name = "Authorization"

    def authenticate(self, request, key):
        from okr_tracker.api_auth import user_from_token

        user = user_from_token(request)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """The browser's session (a logged-in user trying the API in the browser)."""

    csrf = False  # GET only: nothing to protect


api = NinjaAPI(title="BMA KPI Tracker read API", version="1", urls_namespace="api", auth=[TokenAuth(), Session()],
               docs_url=None, openapi_url=None,
               description="Approved figures only, computed by the same achievement module as the pages. "
                           "Fiscal years are Buddhist Era years (2568 = 1 Oct 2024 – 30 Sep 2025).")


# --- answers -------------------------------------------------------------------------------------


class Error(Schema):
    error: str = Field(examples=["not found: indicator 8308 in fiscal year 2570"])


class QuarterLink(Schema):
    quarter: int = Field(ge=1, le=4)
    status: Literal["open", "locked"]
    summary: str = Field(description="the URL of the quarter's summary")


class IndicatorItem(Schema):
    code: str = Field(examples=["8308"])
    code_is_local: bool
    is_demo: bool
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR, description="fiscal year, Buddhist Era")
    title: str
    kind: Literal[tuple(KINDS)]
    target_percent: str = Field(examples=["90.00"])
    host_agency: str
    quarters: list[QuarterLink]


class IndicatorPage(Schema):
    count: int = Field(ge=0)
    next: str | None = Field(description="the next page's URL; null on the last page")
    indicators: list[IndicatorItem]


class PlannedProjects(Schema):
    plan_year: int
    projects: int


def _fields(declared):
    return {name: (kind_type, ...) for name, kind_type in declared.items()}


def _summary_model(kind):
    """The summary of a KR of `kind`: the keys every kind shares, and the kind's own declaration."""
    strict = ConfigDict(extra="forbid")  # a key a kind emits without declaring it is an error, in the tests
    name = "".join(part.title() for part in kind.code.split("_"))
    group = create_model(f"{name}Group", __config__=strict, group=(str, ...), group_en=(str, ...),
                         **_fields(kind.json_totals))
    district = create_model(f"{name}District", __config__=strict, code=(str, ...), name=(str, ...),
                            name_en=(str, ...), group=(str, ...), **_fields(kind.json_district))
    return create_model(
        f"{name}Summary", __config__=strict,
        indicator=(str, ...), indicator_code_is_local=(bool, ...), title=(str, ...),
        year=(int, Field(..., ge=FIRST_YEAR, le=LAST_YEAR)), quarter=(int | None, ...),
        kind=(Literal[kind.code], ...), target_percent=(str | None, ...), unit=(str, ...),
        planned_projects=(list[PlannedProjects], ...), groups=(list[group], ...), districts=(list[district], ...),
        **_fields({**kind.json_totals, **kind.json_top}),
    )


SUMMARIES = [_summary_model(kind) for kind in KINDS.values()]
Summary = Annotated[Union[tuple(SUMMARIES)], Field(discriminator="kind")]  # noqa: UP007 (a tuple of models)

ERRORS = {400: Error, 401: Error}
STRICT = ConfigDict(extra="forbid")


class ScoredKR(Schema):
    model_config = STRICT
    code: str
    title: str
    kind: Literal[tuple(KINDS)]
    dimension: str = Field(description="the agreement's dimension (มิติ)")
    weight: str = Field(examples=["40.00"], description="percent of the district's year; a year's weights add to 100")
    criteria: list[str] | None = Field(description="the values of levels 1–5 in the KR's unit; null: none")
    result: str | None = Field(description="the figure scored (year to date at the quarter asked); null: no result")
    result_quarter: int | None = Field(description="the quarter the result is of")
    no_result: bool = Field(description="no result: scored 1.0000")
    score: str | None = Field(examples=["4.3920"], description="1.0000–5.0000, four decimals, ROUND_HALF_UP")
    weighted_score: str | None = Field(description="weight × score / 100")
    reported: str | None = Field(description="the district's own figure; `result` differs where it was assessed")
    assessed: bool = Field(description="the result scored is the Strategy and Evaluation Department's assessment")


class DimensionTotal(Schema):
    model_config = STRICT
    dimension: str
    weight: str
    weighted_score: str | None


class ScorecardAnswer(Schema):
    model_config = STRICT
    district: str = Field(examples=["1026"])
    district_name: str
    group: str
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    quarter: int = Field(ge=1, le=4, description="scored as of the end of this quarter")
    total: str | None = Field(examples=["3.8750"], description="the total weighted score, 1.0000–5.0000")
    rank: int | None = Field(description="among the districts with an agreement; equal totals share a rank (1, 2, 2, 4)")
    of: int
    rank_in_group: int | None
    of_in_group: int
    dimensions: list[DimensionTotal]
    krs: list[ScoredKR]


class RankedDistrict(Schema):
    model_config = STRICT
    district: str
    district_name: str
    group: str
    total: str | None
    rank: int | None
    rank_in_group: int | None
    scorecard: str = Field(description="the URL of the district's scorecard")


class RankingAnswer(Schema):
    model_config = STRICT
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    quarter: int = Field(ge=1, le=4)
    districts: list[RankedDistrict]


# --- endpoints -----------------------------------------------------------------------------------


@api.get("/indicators/", response={200: IndicatorPage, **ERRORS}, url_name="indicators",
         summary="Indicators of every loaded fiscal year (or of one), with their quarters",
         description="100 a page, newest year first; `next` is the next page's URL.")
def indicators(request, year: Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR,
                                                          description="one fiscal year (B.E.)")] = None,
               page: Annotated[int, Query(ge=1)] = 1):
    found = Indicator.objects.select_related("fiscal_year").prefetch_related("fiscal_year__quarters").order_by(
        "-fiscal_year__year_be", "code")
    if year is not None:
        found = found.filter(fiscal_year__year_be=year)
    paginator = Paginator(found, API_PAGE_SIZE)
    try:
        shown = paginator.page(page)
    except EmptyPage:  # past the last page: nothing, and no next page
        return {"count": paginator.count, "next": None, "indicators": []}
    following = None
    if shown.has_next():
        query = request.GET.copy()
        query["page"] = shown.next_page_number()
        following = f"{reverse('api:indicators')}?{query.urlencode()}"
    return {"count": paginator.count, "next": following, "indicators": [_item(indicator) for indicator in shown]}


def _item(indicator):
    year = indicator.fiscal_year.year_be
    return {
        "code": indicator.code, "code_is_local": indicator.code_is_local, "is_demo": indicator.is_demo, "year": year,
        "title": indicator.title, "kind": indicator.kind, "target_percent": f"{indicator.target_percent:.2f}",
        "host_agency": indicator.host_agency,
        "quarters": [{"quarter": quarter.number, "status": quarter.status,
                      "summary": reverse("api:summary", kwargs={"code": indicator.code, "year": year,
                                                                "quarter": quarter.number})}
                     for quarter in sorted(indicator.fiscal_year.quarters.all(), key=lambda quarter: quarter.number)],
    }


@api.get("/indicators/{code}/{int:year}/q{int:quarter}/", response={200: Summary, 404: Error, **ERRORS},
         url_name="summary", summary="Citywide, per-group and per-district achievement at the end of a quarter",
         description="Approved figures only. The fields after the shared ones depend on the indicator's kind.")
def summary(request, code: Annotated[str, Path(max_length=20, examples=["8308"])],
            year: Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, examples=[2568])],
            quarter: Annotated[int, Path(ge=1, le=4)]):
    indicator = Indicator.objects.select_related("fiscal_year").filter(code=code, fiscal_year__year_be=year).first()
    if indicator is None:
        raise HttpError(404, f"not found: indicator {code} in fiscal year {year}")
    quarter_row = Quarter.objects.filter(fiscal_year=indicator.fiscal_year, number=quarter).first()
    if quarter_row is None:
        raise HttpError(404, f"not found: quarter {quarter}")
    return summary_as_dict(summaries.summarise(indicator, quarter_row))


QuarterAsked = Annotated[int, Query(ge=1, le=4, description="score as of the end of this quarter (4: the year)")]


def _scorecards(year, quarter):
    from .models import FiscalYear
    from .scorecard import scorecards

    if not FiscalYear.objects.filter(year_be=year).exists():
        raise HttpError(404, f"not found: fiscal year {year}")
    return scorecards(year, quarter)


@api.get("/scorecards/{int:year}/{district}/", response={200: ScorecardAnswer, 404: Error, **ERRORS},
         url_name="scorecard", summary="A district's year under its performance agreement, scored and ranked",
         description="Every KR of the district's agreement with its weight, criteria, result, score and weighted "
                     "score; the dimensions' subtotals; the total and the ranks. Its staff, reviewers and "
                     "administrators only (404 for anyone else, as for a district that does not exist).")
def scorecard(request, year: Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, examples=[2568])],
              district: Annotated[str, Path(max_length=10, examples=["1026"])], quarter: QuarterAsked = 4):
    from districts.models import District
    from reports import rules

    office = District.objects.filter(code=district).select_related("group").first()
    if office is None or not (rules.is_staff_of(request.user, office) or rules.can_read_all_districts(request.user)):
        raise HttpError(404, f"not found: district {district}")
    card = _scorecards(year, quarter).get(office.pk)
    if card is None:
        raise HttpError(404, f"not found: an agreement of district {district} in fiscal year {year}")
    from .scorecard import as_dict

    return as_dict(card)


@api.get("/scorecards/{int:year}/", response={200: RankingAnswer, 403: Error, 404: Error, **ERRORS},
         url_name="ranking", summary="The districts ranked by their agreements' total weighted scores",
         description="Reviewers and administrators (403 for district staff). `group`: one district group's id.")
def ranking(request, year: Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, examples=[2568])], quarter: QuarterAsked = 4,
            group: Annotated[int | None, Query(ge=1, description="a district group's id")] = None):
    from reports import rules

    if not rules.can_read_all_districts(request.user):
        raise HttpError(403, "reviewers and administrators only")
    cards = sorted(_scorecards(year, quarter).values(), key=lambda card: (card.rank or 0, card.district.code))
    if group is not None:
        cards = [card for card in cards if card.district.group_id == group]
    return {"year": year, "quarter": quarter, "districts": [
        {"district": card.district.code, "district_name": card.district.name_th, "group": card.district.group.name_th,
         "total": None if card.total is None else f"{card.total:.4f}", "rank": card.rank,
         "rank_in_group": card.rank_in_group,
         "scorecard": reverse("api:scorecard", kwargs={"year": year, "district": card.district.code}) + f"?quarter={quarter}"}
        for card in cards]}


@api.get("/openapi.json", url_name="openapi", include_in_schema=False)
def openapi(request):
    return api.get_openapi_schema(path_prefix=reverse("api:indicators").removesuffix("indicators/"))


# --- errors: one shape, the status the description gives -----------------------------------------


@api.exception_handler(AuthenticationError)
def _not_authenticated(request, error):
    response = JsonResponse({"error": "authentication required: log in, or send 'Authorization: Token <key>'"},
                            status=401)
    response["WWW-Authenticate"] = "Token"
    return response


@api.exception_handler(ValidationError)
def _invalid(request, error):
    problems = []
    for problem in error.errors:
        where = ".".join(str(part) for part in problem.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {problem.get('msg', 'invalid')}")
    return JsonResponse({"error": "; ".join(problems)}, status=400)


@api.exception_handler(HttpError)
def _http_error(request, error):
    return JsonResponse({"error": str(error)}, status=error.status_code)
