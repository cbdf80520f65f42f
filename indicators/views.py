from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from okr_tracker.pdf import PdfUnavailable, render_pdf

from . import achievement, exports, summaries
from .kinds import kind_of
from .listing import kr_listing
from .models import AnnualReport, FiscalYear, Indicator, Quarter


def _get_indicator(code, year):
    return get_object_or_404(Indicator.objects.select_related("fiscal_year"), code=code, fiscal_year__year_be=year)


@login_required
@require_safe
def indicator_list(request):
    listing = kr_listing(request)
    fiscal_year = listing.page.object_list[0].fiscal_year if listing.page.object_list else None
    return render(request, "indicators/indicator_list.html", {
        "listing": listing, "indicators": listing.page.object_list, "page": listing.page, "query": listing.query,
        "fiscal_year": fiscal_year})


@login_required
@require_safe
def indicator_detail(request, code, year):
    indicator = get_object_or_404(
        Indicator.objects.select_related("fiscal_year").prefetch_related("agencies"), code=code, fiscal_year__year_be=year
    )
    kind = kind_of(indicator)
    context = {"indicator": indicator, "kind": kind, "agencies": indicator.agencies.all(), **kind.detail_context(indicator)}
    return render(request, "indicators/detail.html", context)


def _xlsx_response(data, filename):
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def export_targets(request, code, year):
    indicator = _get_indicator(code, year)
    data = exports.export_target_table(indicator)
    if data is None:
        raise Http404  # its kind has no district target table
    return _xlsx_response(data, f"targets-{indicator.code}-{year}.xlsx")


@login_required
@require_safe
def export_quarter_results(request, code, year, quarter_number):
    indicator = _get_indicator(code, year)
    quarter = get_object_or_404(Quarter, fiscal_year=indicator.fiscal_year, number=quarter_number)
    return _xlsx_response(exports.export_results(indicator, quarter), f"results-{indicator.code}-{year}-q{quarter_number}.xlsx")


def _official_report_context(indicator, quarters=None, annual_reports=None, overviews=None, listings=None):
    """The official report's figures. The book passes what it read once for all its KRs: the
    year's quarters, the annual reports, the quarter overviews and the lists of districts (and
    host reports and planned projects are prefetched)."""
    if quarters is None:
        quarters = list(indicator.fiscal_year.quarters.order_by("number"))
    if overviews is None:
        overviews, listings = summaries.quarter_overviews([indicator], quarters), summaries.official_listings([indicator], quarters)
    host_reports = {report.quarter_id: report for report in indicator.host_reports.all()}
    rows = overviews[indicator.pk]
    for row in rows:
        row["host_report"] = host_reports.get(row["quarter"].pk)
        row["budget"] = achievement.host_budget(row["host_report"])
        if row["districts_reported"]:
            row["summary"] = listings.get((indicator.pk, row["quarter"].pk))
    final = next((row for row in reversed(rows) if row["districts_reported"]), None)
    return {
        "indicator": indicator, "kind": kind_of(indicator), "quarters": rows, "final": final,
        "annual": (annual_reports.get(indicator.pk) if annual_reports is not None
                   else AnnualReport.objects.filter(indicator=indicator).first()),
        "planned_projects": indicator.planned_projects.all(), "printed_on": timezone.localdate(),
    }


def _printable(request, code, year, *, template, context, page, pdf_name, as_pdf):
    """A printable page (A4 stylesheet) or the same page as a PDF download."""
    indicator = _get_indicator(code, year)
    data = context(indicator)
    if not as_pdf:
        return render(request, template, data)
    html = render_to_string(template, {**data, "pdf": True}, request=request)
    return _pdf_response(request, html, f"{pdf_name}-{indicator.code}-{year}.pdf", page, code, year)


@login_required
@require_safe
def official_report(request, code, year):
    return _printable(request, code, year, template="indicators/official_report.html", context=_official_report_context,
                      page="indicators:official_report", pdf_name="report", as_pdf=False)


@login_required
@require_safe
def official_report_pdf(request, code, year):
    return _printable(request, code, year, template="indicators/official_report.html", context=_official_report_context,
                      page="indicators:official_report", pdf_name="report", as_pdf=True)


def _kr_sheet_context(indicator):
    return {"indicator": indicator, "kind": kind_of(indicator), "agencies": indicator.agencies.all(),
            "table": summaries.summarise(indicator)}


@login_required
@require_safe
def kr_sheet(request, code, year):
    return _printable(request, code, year, template="indicators/kr_sheet.html", context=_kr_sheet_context,
                      page="indicators:kr_sheet", pdf_name="kr", as_pdf=False)


@login_required
@require_safe
def kr_sheet_pdf(request, code, year):
    return _printable(request, code, year, template="indicators/kr_sheet.html", context=_kr_sheet_context,
                      page="indicators:kr_sheet", pdf_name="kr", as_pdf=True)


def _pdf_response(request, html, filename, fallback, code, year):
    try:
        data = render_pdf(html)
    except PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server (it needs Debian's libpango). Print the page from the browser instead."))
        return redirect(fallback, code=code, year=year)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _book_context(year, agency):
    """Every KR of `agency` as host in fiscal year `year`, each with its official report's figures."""
    fiscal_year = get_object_or_404(FiscalYear, year_be=year)
    indicators = list(Indicator.objects.filter(fiscal_year=fiscal_year, host_agency=agency, is_demo=False)
                      .select_related("fiscal_year").prefetch_related("host_reports", "planned_projects").order_by("code"))
    quarters = list(fiscal_year.quarters.order_by("number"))
    annual_reports = {report.indicator_id: report for report in AnnualReport.objects.filter(indicator__in=indicators)}
    overviews = summaries.quarter_overviews(indicators, quarters)
    listings = summaries.official_listings(indicators, quarters)
    entries = [_official_report_context(indicator, quarters, annual_reports, overviews, listings) for indicator in indicators]
    return {"fiscal_year": fiscal_year, "agency": agency, "entries": entries, "printed_on": timezone.localdate()}


def _book_agency(request, year):
    agency = request.GET.get("agency", "").strip()
    agencies = list(Indicator.objects.filter(fiscal_year__year_be=year, is_demo=False)
                    .order_by("host_agency").values_list("host_agency", flat=True).distinct())
    if agency not in agencies:
        if not agencies:
            raise Http404
        agency = agencies[0]
    return agency


@login_required
@require_safe
def book(request, year):
    """The host agency's book of the year: a cover, contents, and each KR in seed 002's official form."""
    return render(request, "indicators/book.html", _book_context(year, _book_agency(request, year)))


@login_required
@require_safe
def book_pdf(request, year):
    agency = _book_agency(request, year)
    html = render_to_string("indicators/book.html", {**_book_context(year, agency), "pdf": True}, request=request)
    try:
        data = render_pdf(html)
    except PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server (it needs Debian's libpango). Print the page from the browser instead."))
        return redirect("indicators:book", year=year)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="book-{year}.pdf"'
    return response
