"""The KRs of one fiscal year, filtered and in pages: what the indicator list and the dashboard's
index show, bounded however many KRs and years the plan has."""
import dataclasses

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from .fiscal import fiscal_year_of
from .models import FiscalYear, Indicator

PAGE_SIZE = 50


@dataclasses.dataclass
class Listing:
    years: list
    year: int | None
    agencies: list
    agency: str
    search: str
    page: Page
    query: str  # the filters as a query string, for the page links


def kr_listing(request, *, prefetch=()):
    """?year= (else this fiscal year, or the newest year with KRs: next year's KRs may be set up
    before it starts), ?agency= (a host agency), ?q= (part of a code or title), ?page=."""
    years = list(FiscalYear.objects.filter(indicators__isnull=False).distinct().order_by("-year_be")
                 .values_list("year_be", flat=True))
    asked, this_year = request.GET.get("year", ""), fiscal_year_of(timezone.localdate())
    if asked.isdigit() and int(asked) in years:
        year = int(asked)
    else:
        year = this_year if this_year in years else (years[0] if years else None)
    indicators = Indicator.objects.filter(fiscal_year__year_be=year).select_related("fiscal_year")
    agencies = list(indicators.order_by("host_agency").values_list("host_agency", flat=True).distinct())
    agency, search = request.GET.get("agency", ""), request.GET.get("q", "").strip()[:100]
    if agency:
        indicators = indicators.filter(host_agency=agency)
    if search:
        indicators = indicators.filter(Q(code__icontains=search) | Q(title__icontains=search))
    page = Paginator(indicators.prefetch_related(*prefetch).order_by("code"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    if year is not None:
        query["year"] = year
    return Listing(years=years, year=year, agencies=agencies, agency=agency, search=search, page=page,
                   query=query.urlencode())
