"""The read API for other BMA systems: indicators, years and quarters, and per-district, per-group
and citywide achievement — the same figures as the pages, from the achievement module.
Authenticated (session or token), read-only. Its OpenAPI description is served at /api/v1/openapi.json."""
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import reverse

from okr_tracker.api_auth import api_view

from . import achievement
from .models import Indicator, Quarter
from .serializers import summary_as_dict


def _not_found(what):
    return JsonResponse({"error": f"not found: {what}"}, status=404)


API_PAGE_SIZE = 100


@api_view
def indicators(request):
    """Every loaded year's KRs (or one year's: ?year=), newest year first, API_PAGE_SIZE a page:
    `next` is the URL of the next page, null on the last."""
    found = Indicator.objects.select_related("fiscal_year").prefetch_related("fiscal_year__quarters").order_by(
        "-fiscal_year__year_be", "code")
    year = request.GET.get("year", "")
    if year:
        if not year.isdigit():
            return JsonResponse({"error": "year: a fiscal year (B.E.), e.g. 2568"}, status=400)
        found = found.filter(fiscal_year__year_be=int(year))
    page = Paginator(found, API_PAGE_SIZE).get_page(request.GET.get("page"))
    data = []
    for indicator in page.object_list:
        data.append({
            "code": indicator.code,
            "code_is_local": indicator.code_is_local,
            "is_demo": indicator.is_demo,
            "year": indicator.fiscal_year.year_be,
            "title": indicator.title,
            "kind": indicator.kind,
            "target_percent": f"{indicator.target_percent:.2f}",
            "host_agency": indicator.host_agency,
            "quarters": [
                {"quarter": quarter.number, "status": quarter.status,
                 "summary": reverse("api:summary", kwargs={"code": indicator.code, "year": indicator.fiscal_year.year_be,
                                                           "quarter": quarter.number})}
                for quarter in sorted(indicator.fiscal_year.quarters.all(), key=lambda q: q.number)
            ],
        })
    following = None
    if page.has_next():
        query = request.GET.copy()
        query["page"] = page.next_page_number()
        following = f"{reverse('api:indicators')}?{query.urlencode()}"
    return JsonResponse({"count": page.paginator.count, "next": following, "indicators": data})


@api_view
def summary(request, code, year, quarter):
    indicator = Indicator.objects.select_related("fiscal_year").filter(code=code, fiscal_year__year_be=year).first()
    if indicator is None:
        return _not_found(f"indicator {code} in fiscal year {year}")
    quarter_obj = Quarter.objects.filter(fiscal_year=indicator.fiscal_year, number=quarter).first()
    if quarter_obj is None:
        return _not_found(f"quarter {quarter}")
    return JsonResponse(summary_as_dict(achievement.summarise(indicator, quarter_obj)), json_dumps_params={"ensure_ascii": False})


@api_view
def openapi(request):
    return JsonResponse(OPENAPI, json_dumps_params={"ensure_ascii": False})


_SUMMARY_SCHEMA = {
    "type": "object",
    "required": ["indicator", "year", "quarter", "kind", "target_percent", "percent", "met", "groups", "districts"],
    "properties": {
        "indicator": {"type": "string", "example": "8308"},
        "year": {"type": "integer", "description": "fiscal year, Buddhist Era", "example": 2568},
        "quarter": {"type": "integer", "minimum": 1, "maximum": 4},
        "kind": {"type": "string", "enum": ["community_share", "district_share"]},
        "target_percent": {"type": "string", "example": "90.00"},
        "percent": {"type": "string", "nullable": True, "description": "two decimals, ROUND_HALF_UP; null where nothing is reported"},
        "met": {"type": "boolean", "nullable": True},
        "communities": {"type": "integer", "description": "community share only", "example": 2004},
        "target_communities": {"type": "integer", "description": "community share only", "example": 1806},
        "achieved": {"type": "integer", "nullable": True},
        "districts_meeting_target": {"type": "integer"},
        "districts_yes": {"type": "integer", "description": "district share only"},
        "districts_total": {"type": "integer", "description": "district share only"},
        "groups": {"type": "array", "items": {"type": "object"}},
        "districts": {"type": "array", "items": {"type": "object", "required": ["code", "name", "group"],
                                                  "properties": {"code": {"type": "string", "example": "1026"},
                                                                 "name": {"type": "string", "example": "ดินแดง"},
                                                                 "group": {"type": "string", "example": "กท.กลาง"}}}},
    },
}
OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "BMA KPI Tracker read API", "version": "1",
             "description": "Approved figures only, computed by the same achievement module as the pages."},
    "components": {"securitySchemes": {"token": {"type": "apiKey", "in": "header", "name": "Authorization",
                                                 "description": "Token <key> (python manage.py create_api_token USERNAME)"},
                                       "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"}},
                   "schemas": {"Summary": _SUMMARY_SCHEMA}},
    "security": [{"token": []}, {"session": []}],
    "paths": {
        "/api/v1/indicators/": {"get": {"summary": "Indicators of every loaded fiscal year (or of one), with their quarters, "
                                                   "100 a page, newest year first; `next` is the next page's URL",
                                        "parameters": [{"name": "year", "in": "query", "schema": {"type": "integer"}},
                                                       {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
                                        "responses": {"200": {"description": "indicators"}, "401": {"description": "not authenticated"}}}},
        "/api/v1/indicators/{code}/{year}/q{quarter}/": {"get": {
            "summary": "Citywide, per-group and per-district achievement at the end of a quarter",
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}},
                           {"name": "year", "in": "path", "required": True, "schema": {"type": "integer"}},
                           {"name": "quarter", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 4}}],
            "responses": {"200": {"description": "summary", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Summary"}}}},
                          "401": {"description": "not authenticated"}, "404": {"description": "no such indicator, year or quarter"}}}},
    },
}
