"""Pages of the reporting workflow: the district's quarter, the report form, review, history."""
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from districts.models import District, DistrictGroup
from indicators import summaries
from indicators import versions
from indicators.kinds import TakesNoPart, kind_of
from indicators.listing import kr_listing
from indicators.models import AnnualReport, DistrictResult, FiscalYear, HostReport, Indicator, Quarter
from okr_tracker.kept_forms import keeps_typing, take_kept

from . import rules, selectors, services
from .charts import bar_chart
from .tilemap import ranking_map, results_map
from .dashboard import (STATUS_LABELS, assessed_lines, dashboard_workbook, filtered_lines, quarter_dashboard,
                        status_board_rows)
from .forms import AssessmentForm, HostNarrativeForm, ReportForm, ReturnForm, ReviewFilterForm
from .models import Evidence, Report


def _get_report_for_user(request, pk):
    """The report if the user may read it; 404 for another district's, so nothing leaks."""
    return get_object_or_404(Report.objects.for_user(request.user).with_related(), pk=pk)


def _get_staff_district(request, code):
    district = get_object_or_404(District.objects.select_related("group"), code=code)
    if not rules.is_staff_of(request.user, district):
        if rules.can_read_all_districts(request.user):
            raise PermissionDenied  # a reviewer may read the district, never write its reports
        raise Http404
    return district


@login_required
@require_safe
def home(request):
    if rules.staff_district_ids(request.user):
        return redirect("reports:mine")
    if rules.is_reviewer(request.user):
        return redirect("reports:review")
    return redirect("indicators:list")


@login_required
@require_safe
def my_district(request):
    districts = District.objects.filter(staff=request.user).select_related("group")
    slots = selectors.reporting_slots(districts)
    returned = [report for _district, rows in slots for _i, _q, report in rows if report and report.status == Report.Status.RETURNED]
    return render(request, "reports/my_district.html", {"slots": slots, "returned": returned})


@keeps_typing
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_form(request, district_code, indicator_code, year, quarter_number):
    district = _get_staff_district(request, district_code)
    indicator = get_object_or_404(Indicator.objects.select_related("fiscal_year"), code=indicator_code, fiscal_year__year_be=year)
    quarter = get_object_or_404(Quarter.objects.select_related("fiscal_year"), fiscal_year=indicator.fiscal_year, number=quarter_number)
    report = (
        Report.objects.with_related().filter(indicator=indicator, district=district, quarter=quarter).first()
        or Report(indicator=indicator, district=district, quarter=quarter)
    )
    kind = kind_of(indicator)
    try:
        figures = kind.figures_for_report(indicator, district)
    except TakesNoPart:
        raise Http404 from None  # this district is not in the indicator's table
    if not rules.can_edit_report(request.user, report):
        if report.pk:
            messages.info(request, _("This report can no longer be edited."))
            return redirect(report)
        raise PermissionDenied
    stale = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, report=report, figures=figures)
        if form.is_valid():
            try:
                saved, refused = services.save_report_form(
                    report=report, data=form.report_data(), by=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    relations=form.relations(),
                    evidence=zip(form.cleaned_data["evidence_files"], form.evidence_content_types),
                    submit="submit" in request.POST,
                )
            except ValidationError as error:
                form.add_error(None, error)
            except services.StaleReport as error:
                stale = error.current
                form.add_error(None, _("Someone else saved this report while you were editing it. Your entries are "
                                       "below and what is stored now is shown beside them; check, then save again."))
                data = request.POST.copy()
                data["version"] = stale.version
                form.data = data
            else:
                if refused is not None:
                    messages.warning(request, _("The draft is saved, but it cannot be submitted yet:"))
                    for field_errors in refused.message_dict.values():
                        for message in field_errors:
                            messages.warning(request, message)
                    return redirect(request.path)
                if "submit" in request.POST:
                    messages.success(request, _("The report is submitted to the Social Development Department."))
                    return redirect(saved)
                messages.success(request, _("Draft saved."))
                return redirect(request.path)
        if form.errors and request.FILES and "evidence_files" not in form.errors:
            form.add_error("evidence_files", _("Choose the files again: a browser does not keep them when a form is refused."))
    else:
        form = ReportForm(take_kept(request), report=report, figures=figures)
    warnings = services.warnings_for(report) if report.pk else []
    return render(request, "reports/report_form.html", {
        "form": form, "report": report, "figures": figures, "target": kind.report_figures(report), "stale": stale, "warnings": warnings,
        "evidence": report.evidence.all() if report.pk else [],
    })


@login_required
@require_safe
def report_detail(request, pk):
    report = _get_report_for_user(request, pk)
    context = {
        "report": report,
        # This report's figure against the district's target, approved or not yet (the kind's row).
        "figures": report.kind.report_figures(report),
        "warnings": services.warnings_for(report),
        "history": selectors.readable_history(report),
        "evidence": report.evidence.all(),
        "communities": report.disbursed_communities.all(),
        "can_edit": rules.can_edit_report(request.user, report),
        "can_review": rules.can_review_report(request.user, report),
        "review_locked": rules.waits_for_the_quarter_to_reopen(request.user, report),
        "return_form": ReturnForm(),
        "assessment": selectors.assessment_of(report),
        "can_assess": rules.can_assess_report(request.user, report),
    }
    if context["can_assess"]:
        initial = {"result": context["assessment"].result, "comment": context["assessment"].comment} if context["assessment"] else {}
        context["assessment_form"] = AssessmentForm(initial=initial)
    return render(request, "reports/report_detail.html", context)


@login_required
@require_POST
def report_assess(request, pk):
    """The evaluator (สยป.) records the assessed result of an approved report."""
    report = _get_report_for_user(request, pk)
    if not rules.can_assess_report(request.user, report):
        raise PermissionDenied
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(report)
    services.assess_report(report=report, result=form.cleaned_data["result"], comment=form.cleaned_data["comment"],
                           by=request.user)
    messages.success(request, _("Assessment saved."))
    return redirect(report)


def _refuse_review_in_a_locked_quarter(request, report):
    if rules.waits_for_the_quarter_to_reopen(request.user, report):
        messages.error(request, _("This quarter is locked: its figures are final. An administrator must reopen the "
                                  "quarter before the report can be approved or returned."))
        return redirect(report)
    return None


@login_required
@require_POST
def report_submit(request, pk):
    report = _get_report_for_user(request, pk)
    try:
        services.submit_report(report=report, by=request.user)
    except ValidationError as error:
        for field_errors in error.message_dict.values():
            for message in field_errors:
                messages.error(request, message)
    else:
        messages.success(request, _("The report is submitted to the Social Development Department."))
    return redirect(report)


@login_required
@require_POST
def report_approve(request, pk):
    report = _get_report_for_user(request, pk)
    if refused := _refuse_review_in_a_locked_quarter(request, report):
        return refused
    services.approve_report(report=report, by=request.user)
    messages.success(request, _("Approved: %(report)s") % {"report": report})
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/reports/") else report)


@login_required
@require_POST
def report_return(request, pk):
    report = _get_report_for_user(request, pk)
    if refused := _refuse_review_in_a_locked_quarter(request, report):
        return refused
    form = ReturnForm(request.POST)
    if form.is_valid():
        services.return_report(report=report, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("Returned to the district with your comment."))
        return redirect(report)
    if not rules.can_review_report(request.user, report):
        raise PermissionDenied
    context = {
        "report": report, "return_form": form, "can_review": True, "can_edit": False,
        "figures": report.kind.district_figures(report.indicator, report.district),
        "warnings": services.warnings_for(report), "history": selectors.readable_history(report),
        "evidence": report.evidence.all(), "communities": report.disbursed_communities.all(),
    }
    return render(request, "reports/report_detail.html", context, status=400)


REVIEW_PAGE_SIZE = 50
BOARD_PAGE_SIZE = 12


@login_required
@require_safe
def review_list(request):
    if not rules.is_reviewer(request.user):
        raise PermissionDenied
    # Opens on what is waiting in the open quarter; every filter and page is in the address.
    query = request.GET.copy()
    query.pop("page", None)
    if not query:
        open_quarter = Quarter.objects.filter(status=Quarter.Status.OPEN).order_by("-fiscal_year__year_be", "-number").first()
        query.update({"status": Report.Status.SUBMITTED, "quarter": open_quarter.pk if open_quarter else ""})
    filters = ReviewFilterForm(query)
    filters.is_valid()
    reports = selectors.reports_for_review(request.user, **{k: v for k, v in filters.cleaned_data.items() if v})
    page = Paginator(reports, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/review_list.html", {"filters": filters, "reports": page.object_list, "page": page,
                                                        "query": query.urlencode()})


@login_required
@require_POST
def review_approve_many(request):
    if not rules.is_reviewer(request.user):
        raise PermissionDenied
    ids = [value for value in request.POST.getlist("report") if value.isdigit()]
    reports = Report.objects.for_user(request.user).filter(pk__in=ids).with_related()
    approved, skipped = services.approve_reports(reports=reports, by=request.user)
    if approved:
        messages.success(request, _("%(count)s reports approved.") % {"count": len(approved)})
    for report in skipped:
        messages.warning(request, _("Not approved (not submitted, or submitted by you): %(report)s") % {"report": report})
    return redirect(reverse("reports:review") + ("?" + request.POST["query"] if request.POST.get("query") else ""))


@login_required
@require_safe
def district_history(request, district_code):
    district = get_object_or_404(District.objects.select_related("group"), code=district_code)
    if not (rules.is_staff_of(request.user, district) or rules.can_read_all_districts(request.user)):
        raise Http404
    years = selectors.history_years(request.user, district)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    reports = selectors.district_history(request.user, district, year)
    on_file = selectors.results_on_file(district, year) if year else DistrictResult.objects.none()
    codes = sorted(set(reports.order_by().values_list("indicator__code", flat=True).distinct())
                   | set(on_file.order_by().values_list("indicator__code", flat=True).distinct()))
    code = request.GET.get("kr", "")
    if code in codes:
        reports = reports.filter(indicator__code=code)
        on_file = on_file.filter(indicator__code=code)
    on_file_count = on_file.count()
    on_file = list(on_file[:selectors.RESULTS_ON_FILE_SHOWN])
    # HISTORY_PAGE_SIZE reports a page; the trend of each KR on the page, over every year.
    page = Paginator(reports, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = sorted({report.indicator.code for report in page.object_list})
    charts = [(code, bar_chart(points, target))
              for code, (points, target) in summaries.district_trend(district, codes=shown).items()]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/district_history.html", {
        "district": district, "reports": page.object_list, "charts": charts, "years": years, "year": year,
        "on_file": on_file, "on_file_more": on_file_count - len(on_file),
        "codes": codes, "code": code, "page": page, "query": query.urlencode()})


@login_required
@require_safe
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report__district"), pk=pk)
    if not rules.can_view_report(request.user, evidence.report):
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report__district", "report__quarter"), pk=pk)
    if not rules.can_view_report(request.user, evidence.report):
        raise Http404
    report = evidence.report
    services.remove_evidence(evidence=evidence, by=request.user)
    messages.success(request, _("File removed."))
    return redirect(reverse("reports:form", kwargs={
        "district_code": report.district.code, "indicator_code": report.indicator.code,
        "year": report.quarter.fiscal_year.year_be, "quarter_number": report.quarter.number}))


HISTORY_PAGE_SIZE = 50


def _require_reviewer(request):
    if not rules.is_reviewer(request.user):
        raise PermissionDenied


@login_required
@require_safe
def dashboard_index(request):
    _require_reviewer(request)
    listing = kr_listing(request)
    quarters = list(Quarter.objects.filter(fiscal_year__year_be=listing.year).order_by("number"))
    return render(request, "reports/dashboard_index.html", {
        "listing": listing, "indicators": listing.page.object_list, "quarters": quarters, "page": listing.page,
        "query": listing.query})


@login_required
@require_safe
def dashboard(request, indicator_code, year, quarter_number):
    _require_reviewer(request)
    # One query finds the KR and the version stamps of its figures; the KR, its quarter and its
    # figures are read from the database only when the cached page body is missing (or for Excel).
    found = versions.of_indicator(indicator_code, year) if year < 10_000 else None
    if found is None or quarter_number not in range(1, 5):
        raise Http404
    indicator_pk, all_version, indicator_version = found
    indicator = SimpleLazyObject(lambda: Indicator.objects.select_related("fiscal_year").get(pk=indicator_pk))
    quarter = SimpleLazyObject(lambda: get_object_or_404(Quarter.objects.select_related("fiscal_year"),
                                                         fiscal_year=indicator.fiscal_year, number=quarter_number))
    include_submitted = request.GET.get("include_submitted") == "1"
    board = SimpleLazyObject(lambda: quarter_dashboard(indicator, quarter, include_submitted=include_submitted))
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(dashboard_workbook(board),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="dashboard-{indicator.code}-{year}-q{quarter_number}.xlsx"'
        return response
    group, status, sort = request.GET.get("group", ""), request.GET.get("status", ""), request.GET.get("sort", "")
    # The page body is cached (in the database, shared by every app server) under the figures'
    # version stamps: any write that changes them bumps a stamp, so the next view computes afresh.
    # The figures are computed lazily, only when the cached body is missing.
    cache_key = ":".join(str(part) for part in (indicator_pk, quarter_number, include_submitted, group, status, sort,
                                                translation.get_language(), all_version, indicator_version))

    def chart_by_quarter():
        kind = kind_of(indicator)  # read only on a cache miss, like the KR itself
        return bar_chart([(_("Q%(number)s") % {"number": row["quarter"].number}, kind.chart_value(row), row["met"])
                          for row in summaries.quarter_overview(indicator)],
                         kind.chart_target(indicator), kind.chart_unit(indicator))

    return render(request, "reports/dashboard.html", {
        "indicator": indicator, "indicator_code": indicator_code, "quarter": quarter,
        "include_submitted": include_submitted, "cache_key": cache_key,
        "board": board, "summary": SimpleLazyObject(lambda: board.summary),
        "lines": SimpleLazyObject(lambda: filtered_lines(board, group=group, status=status, sort=sort)),
        "groups": SimpleLazyObject(lambda: [(totals, board.group_completeness.get(totals.group.pk))
                                            for totals in board.summary.groups]),
        "all_groups": DistrictGroup.objects.all(), "group": group, "status": status, "sort": sort,
        "statuses": SimpleLazyObject(lambda: [(status, STATUS_LABELS[status]) for status in board.statuses]),
        "quarters": SimpleLazyObject(lambda: indicator.fiscal_year.quarters.order_by("number")),
        "chart_by_quarter": SimpleLazyObject(chart_by_quarter),
        "tile_map": SimpleLazyObject(lambda: results_map(board.lines, indicator, year, quarter_number)),
        "assessed": SimpleLazyObject(lambda: assessed_lines(board)),
        "chart_by_year": SimpleLazyObject(lambda: bar_chart(summaries.year_end_values(indicator.code),
                                                            kind_of(indicator).chart_target(indicator),
                                                            kind_of(indicator).chart_unit(indicator))),
    })


@keeps_typing
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def host_narrative(request, indicator_code, year, quarter_number):
    _require_reviewer(request)
    indicator = get_object_or_404(Indicator.objects.select_related("fiscal_year"), code=indicator_code, fiscal_year__year_be=year)
    quarter = get_object_or_404(Quarter.objects.select_related("fiscal_year"), fiscal_year=indicator.fiscal_year, number=quarter_number)
    host = HostReport.objects.filter(indicator=indicator, quarter=quarter).first()
    annual = AnnualReport.objects.filter(indicator=indicator).first()
    if request.method == "POST":
        form = HostNarrativeForm(request.POST)
        if form.is_valid():
            try:
                services.save_host_narrative(indicator=indicator, quarter=quarter, data=form.cleaned_data, by=request.user)
            except ValidationError as error:  # a locked quarter's narrative is final (indicators.locks)
                form.add_error(None, error)
            else:
                messages.success(request, _("The host agency's narrative is saved."))
                return redirect(request.path)
    else:
        initial = {"narrative": host.narrative if host else ""}
        if annual:
            initial.update({name: getattr(annual, name) for name in
                            ("summary", "supporting_factors", "obstacles", "evidence", "reporter_name", "reporter_position")})
        form = HostNarrativeForm(take_kept(request), initial=initial)
    district_reports = (Report.objects.filter(indicator=indicator, quarter=quarter).exclude(narrative="")
                        .select_related("district").order_by("district__code"))
    return render(request, "reports/host_narrative.html", {
        "form": form, "indicator": indicator, "quarter": quarter, "district_reports": district_reports,
    })


@login_required
@require_safe
def status_board(request, year, quarter_number):
    """District × indicator for one quarter: each cell the report's state and its last change."""
    _require_reviewer(request)
    fiscal_year = get_object_or_404(FiscalYear, year_be=year)
    quarter = get_object_or_404(Quarter, fiscal_year=fiscal_year, number=quarter_number)
    # Bounded however many KRs: one host agency's KRs (or all), BOARD_PAGE_SIZE columns a page;
    # one district group's rows (or all 50).
    agency, group = request.GET.get("agency", ""), request.GET.get("group", "")
    indicators = Indicator.objects.filter(fiscal_year=fiscal_year).order_by("code")
    agencies = list(indicators.order_by("host_agency").values_list("host_agency", flat=True).distinct())
    if agency:
        indicators = indicators.filter(host_agency=agency)
    page = Paginator(indicators, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    districts = District.objects.select_related("group").order_by("group__order", "code")
    if group:
        districts = districts.filter(group__code=group)
    rows = status_board_rows(quarter, list(page.object_list), districts)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/status_board.html", {
        "fiscal_year": fiscal_year, "quarter": quarter, "indicators": page.object_list, "rows": rows,
        "quarters": fiscal_year.quarters.order_by("number"), "page": page, "query": query.urlencode(),
        "agencies": agencies, "agency": agency, "groups": DistrictGroup.objects.all(), "group": group,
    })


def _quarter_asked(request):
    quarter = request.GET.get("quarter", "")
    return int(quarter) if quarter in {"1", "2", "3", "4"} else 4


@login_required
@require_safe
def scorecard(request, year, district_code):
    """A district's year under its performance agreement (its staff, reviewers, administrators)."""
    district, quarter, card = _scorecard_of(request, year, district_code)
    if card is not None and request.GET.get("format") == "xlsx":
        response = HttpResponse(scorecard_workbook(card),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="scorecard-{district.code}-{year}-q{quarter}.xlsx"'
        return response
    return render(request, "reports/scorecard.html", {"district": district, "year": year, "quarter": quarter,
                                                      "card": card, "quarters": range(1, 5)})


@login_required
@require_safe
def scorecard_pdf(request, year, district_code):
    """The scorecard as the official A4 form (PDF), for the district's file and its director's signature."""
    from django.template.loader import render_to_string

    from okr_tracker.pdf import PdfUnavailable, render_pdf

    district, quarter, card = _scorecard_of(request, year, district_code)
    if card is None:
        raise Http404
    html = render_to_string("reports/scorecard_print.html", {"district": district, "year": year, "quarter": quarter,
                                                              "card": card, "pdf": True}, request=request)
    try:
        data = render_pdf(html)
    except PdfUnavailable:
        messages.error(request, _("The PDF cannot be made on this server (it needs Debian's libpango). Print the page from the browser instead."))
        return redirect(reverse("reports:scorecard", args=[year, district.code]) + f"?quarter={quarter}")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="scorecard-{district.code}-{year}-q{quarter}.pdf"'
    return response


def _scorecard_of(request, year, district_code):
    """(district, quarter asked, its Scorecard or None), for the people who may read it (404 otherwise)."""
    from indicators.scorecard import scorecards

    district = get_object_or_404(District.objects.select_related("group"), code=district_code)
    if not (rules.is_staff_of(request.user, district) or rules.can_read_all_districts(request.user)):
        raise Http404
    get_object_or_404(FiscalYear, year_be=year)
    quarter = _quarter_asked(request)
    return district, quarter, scorecards(year, quarter).get(district.pk)


def scorecard_workbook(card):
    """The scorecard as xlsx, in Thai like the page: a row per KR under its dimension, then the total."""
    from okr_tracker.spreadsheet import workbook_bytes

    headers = ["มิติ", "ตัวชี้วัด", "น้ำหนัก", "เกณฑ์ระดับ 1–5", "ผลการดำเนินงาน", "คะแนน", "คะแนนถ่วงน้ำหนัก"]
    rows = []
    for dimension in card.dimensions:
        for kr in dimension.krs:
            criteria = " / ".join(f"{value}" for value in kr.criteria) if kr.criteria else "ไม่มีเกณฑ์"
            rows.append([dimension.name, f"{kr.indicator.code} {kr.indicator.title}", kr.item.weight, criteria,
                         "ยังไม่มีผล" if kr.no_result else kr.result, kr.score, kr.weighted_score])
    title = (f"ผลการประเมินตามคำรับรองการปฏิบัติราชการ {card.district.office_name} ปีงบประมาณ {card.year} "
             f"ณ สิ้นไตรมาส {card.quarter}: อันดับ {card.rank}/{card.ranked} (ในกลุ่มเขต {card.rank_in_group}/{card.ranked_in_group})")
    total = ["รวม", "", sum((kr.item.weight for kr in card.krs), Decimal(0)), "", "", "", card.total]
    return workbook_bytes("คำรับรอง", title, headers, rows, total,
                          demo=any(kr.indicator.is_demo for kr in card.krs))


@login_required
@require_safe
def ranking(request, year):
    """The districts ranked by their agreements' totals (reviewers), filterable by group."""
    from indicators.scorecard import scorecards

    _require_reviewer(request)
    get_object_or_404(FiscalYear, year_be=year)
    quarter = _quarter_asked(request)
    group = request.GET.get("group", "")
    group = group if group.isdigit() else ""
    # The page body is cached under the version stamps of every KR of the year's agreements (and "all"),
    # like the dashboard's: the scores are computed only when the cached body is missing.
    cache_key = ":".join(str(part) for part in (year, quarter, group, translation.get_language(),
                                                *versions.of_agreements(year)))
    every = SimpleLazyObject(lambda: scorecards(year, quarter))

    def ranked():
        cards = sorted(every.values(), key=lambda card: (card.rank, card.district.code))
        return [card for card in cards if card.district.group_id == int(group)] if group else cards

    def tile_map():
        districts = District.objects.select_related("group").order_by("code")
        return ranking_map(every, districts.filter(group_id=int(group)) if group else districts, year, quarter)

    return render(request, "reports/ranking.html", {"year": year, "quarter": quarter, "quarters": range(1, 5),
                                                    "cards": SimpleLazyObject(ranked), "map": SimpleLazyObject(tile_map),
                                                    "groups": DistrictGroup.objects.all(), "group": group,
                                                    "cache_key": cache_key})
