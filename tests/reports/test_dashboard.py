"""The reviewer's dashboard: figures from the achievement module, the seeds, completeness."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Quarter
from reports import services
from reports.dashboard import quarter_dashboard

from .helpers import clerk_submitting_for, draft, submitted

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url(code, year, number, **query):
    base = reverse("reports:dashboard", kwargs={"indicator_code": code, "year": year, "quarter_number": number})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_seed_002_quarter_4_reads_43_of_50_86_percent_target_met(client, reviewer, cdp2563):
    client.force_login(reviewer)
    text = text_of(client.get(url("CDP2563", 2563, 4)))
    assert "บรรลุเป้าหมาย: 86.00% เทียบกับเป้าหมาย 80.00%" in text
    assert "43 / 50" in text


def test_the_seed_002_results_on_file_count_as_received_not_as_missing_reports(client, reviewer, cdp2563):
    """FY2563's results come from the source document, not from reports sent through the system:
    the reporting rate is 100%, not 0%, and the status column says where the figures came from."""
    board = quarter_dashboard(cdp2563, Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4))
    assert board.completeness.ordered()[-1] == ("on_file", 50) and board.completeness.rate == Decimal("100.00")
    client.force_login(reviewer)
    response = client.get(url("CDP2563", 2563, 4))
    assert 'data-testid="reporting-rate">100.00%<' in response.content.decode()
    assert "มีผลจากเอกสาร (ไม่ได้รายงานผ่านระบบ)" in text_of(response)
    html = response.content.decode()
    assert html.count('class="status status-on_file"') == 50 and 'class="status status-not_started"' not in html


def test_a_quarter_with_no_result_on_file_has_no_such_column(kr8308, open_quarter):
    assert "on_file" not in quarter_dashboard(kr8308, open_quarter).statuses


def test_kr8308_shows_2004_and_1806_side_by_side(client, reviewer, kr8308):
    client.force_login(reviewer)
    response = client.get(url("8308", 2568, 1))
    html = response.content.decode()
    assert 'data-testid="communities">2,004<' in html and 'data-testid="target-communities">1,806<' in html
    assert "ยังไม่มีผล" in text_of(response)


def test_approved_figures_count_and_submitted_ones_only_with_the_switch(kr8308, open_quarter, din_daeng_clerk, dusit_clerk, reviewer):
    services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=20), by=reviewer)
    submitted(kr8308, open_quarter, "1002", dusit_clerk, achieved=39)
    approved_only = quarter_dashboard(kr8308, open_quarter)
    assert (approved_only.summary.achieved, approved_only.summary.districts_meeting_target) == (20, 1)
    including = quarter_dashboard(kr8308, open_quarter, include_submitted=True)
    assert (including.summary.achieved, including.summary.districts_meeting_target) == (59, 2)
    assert including.summary.percent == Decimal("2.94")  # 59 × 100 / 2,004


def test_completeness_counts_and_reporting_rate(kr8308, open_quarter, din_daeng_clerk, dusit_clerk, reviewer):
    services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=20), by=reviewer)
    draft(kr8308, open_quarter, "1002", dusit_clerk, achieved=10)
    board = quarter_dashboard(kr8308, open_quarter)
    counts = dict(board.completeness.ordered())
    assert (counts["not_started"], counts["draft"], counts["approved"]) == (48, 1, 1)
    assert (board.completeness.received, board.completeness.expected, board.completeness.rate) == (1, 50, Decimal("2.00"))
    central = next(totals for totals in board.summary.groups if totals.group.name_th == "กท.กลาง")
    assert board.group_completeness[central.group.pk].expected == 9


def test_filters_by_group_and_status_and_sorts(client, reviewer, kr8308, open_quarter, din_daeng_clerk):
    draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10)
    client.force_login(reviewer)
    from districts.models import DistrictGroup

    central = DistrictGroup.objects.get(name_th="กท.กลาง")
    table = client.get(url("8308", 2568, 1, group=central.pk)).content.decode().split('data-testid="district-table"')[1]
    assert table.count("<tr>") == 1 + 9
    table = client.get(url("8308", 2568, 1, status="draft")).content.decode().split('data-testid="district-table"')[1]
    assert "ดินแดง" in table and table.count("<tr>") == 2


@pytest.mark.parametrize("count", [5, 50])
def test_the_dashboard_takes_the_same_queries_for_5_or_50_reports(client, reviewer, kr8308, open_quarter, count,
                                                                  django_assert_max_num_queries):
    clerk_submitting_for(kr8308, open_quarter, count)
    client.force_login(reviewer)
    # The same bound for 5 or 50 reports: nothing is queried per district (the trend adds a few
    # queries per fiscal year of the indicator, not per district).
    with django_assert_max_num_queries(36):  # computing it, and storing the page body in the cache
        response = client.get(url("8308", 2568, 1, include_submitted=1))
    assert f'data-testid="achieved">{count}<' in response.content.decode()
    with django_assert_max_num_queries(12):  # the same figures again: from the cache
        again = client.get(url("8308", 2568, 1, include_submitted=1))
    assert again.content == response.content or f'data-testid="achieved">{count}<' in again.content.decode()


def test_the_cached_dashboard_changes_the_moment_a_report_is_approved(client, reviewer, kr8308, open_quarter,
                                                                       din_daeng_clerk):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=11)
    client.force_login(reviewer)
    before = client.get(url("8308", 2568, 1)).content.decode()
    assert 'data-testid="achieved">–<' in before or 'data-testid="achieved"></' in before or 'data-testid="achieved">0<' in before
    body = before.split('<section class="headline"')[1]
    assert client.get(url("8308", 2568, 1)).content.decode().split('<section class="headline"')[1] == body  # cached
    services.approve_report(report=report, by=reviewer)
    after = client.get(url("8308", 2568, 1)).content.decode()
    assert 'data-testid="achieved">11<' in after


def test_the_cached_dashboard_changes_when_a_quarter_is_locked_from_the_admin(client, admin_user, reviewer, kr8308,
                                                                               open_quarter, din_daeng_clerk):
    from indicators.models import Quarter

    client.force_login(admin_user)
    client.get(url("8308", 2568, 1))
    from indicators import versions

    before = versions.stamps(open_quarter.fiscal_year.indicators.get(code="8308").pk)
    client.post(reverse("admin:indicators_quarter_changelist"),
                {"action": "lock_quarters", "_selected_action": [open_quarter.pk]})
    assert Quarter.objects.get(pk=open_quarter.pk).status == Quarter.Status.LOCKED
    assert versions.stamps(open_quarter.fiscal_year.indicators.get(code="8308").pk)[0] > before[0]


def test_district_staff_cannot_open_the_dashboard(client, din_daeng_clerk, kr8308):
    client.force_login(din_daeng_clerk)
    assert client.get(url("8308", 2568, 1)).status_code == 403


def test_the_district_table_downloads_as_excel_with_thai_headers(client, reviewer, kr8308, open_quarter, din_daeng_clerk):
    import io

    import openpyxl

    services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=20), by=reviewer)
    client.force_login(reviewer)
    response = client.get(url("8308", 2568, 1, format="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "ปีงบประมาณ พ.ศ. 2568 ไตรมาสที่ 1" in sheet["A1"].value
    assert [cell.value for cell in sheet[3]][:6] == ["รหัส", "เขต", "กลุ่มเขต", "จำนวนชุมชน", "ชุมชนเป้าหมาย", "ผลงาน"]
    din_daeng = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0] == "1026")
    assert din_daeng[3:9] == (22, 20, 20, 90.91, "บรรลุ", "อนุมัติแล้ว")
    assert [cell.value for cell in sheet[sheet.max_row]][1:6] == ["รวม", None, 2004, 1806, 20]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["รายเขต", "รายกลุ่มเขต", "สถานะการส่งรายงาน"]
    groups = {row[0]: row for row in book["รายกลุ่มเขต"].iter_rows(min_row=4, values_only=True)}
    assert groups["กท.ตะวันออก"][1:3] == (490, 441) and groups["กท.กลาง"][3] == 20
    status_total = [cell.value for cell in book["สถานะการส่งรายงาน"][book["สถานะการส่งรายงาน"].max_row]]
    assert status_total == ["รวม", 49, 0, 0, 0, 1, 2.0]
    # Figures are numbers with number formats, not text: a spreadsheet sums and sorts them.
    percent_cell = next(row for row in sheet.iter_rows(min_row=4) if row[0].value == "1026")[6]
    assert percent_cell.data_type == "n" and percent_cell.number_format == "#,##0.00"
    assert all(isinstance(row[3], int) for row in sheet.iter_rows(min_row=4, values_only=True) if row[0])
    # The layout is the same Thai workbook when the reviewer reads the page in English.
    client.post("/i18n/setlang/", {"language": "en"})
    assert '<html lang="en">' in client.get(url("8308", 2568, 1)).content.decode()
    english = openpyxl.load_workbook(io.BytesIO(client.get(url("8308", 2568, 1, format="xlsx")).content))
    assert [cell.value for cell in english["สถานะการส่งรายงาน"][3]][1:3] == ["ยังไม่เริ่ม", "ร่าง"]
    assert next(row for row in english.active.iter_rows(min_row=4, values_only=True) if row[0] == "1026")[8] == "อนุมัติแล้ว"


def test_the_trend_chart_has_a_bar_per_quarter_and_a_text_alternative(client, reviewer, cdp2563):
    client.force_login(reviewer)
    html = client.get(url("CDP2563", 2563, 4)).content.decode()
    chart = html.split('aria-labelledby="by-quarter-title"')[1].split("</figure>")[0]
    assert chart.count('class="bar met"') == 2  # Q3 80.00 and Q4 86.00 both reach the target 80
    assert "<td class=\"num\">80.00</td>" in chart and "<td class=\"num\">86.00</td>" in chart


def test_the_reviewer_writes_the_host_narrative_beside_the_districts_and_it_reaches_the_official_report(
        client, reviewer, kr8308, open_quarter, din_daeng_clerk):
    draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10, narrative="จัดเวทีประชาคมชุมชนบ่อนไก่")
    narrative_url = reverse("reports:host_narrative", kwargs={"indicator_code": "8308", "year": 2568, "quarter_number": 1})
    client.force_login(reviewer)
    assert "จัดเวทีประชาคมชุมชนบ่อนไก่" in text_of(client.get(narrative_url))
    client.post(narrative_url, {"narrative": "15 ต.ค. 2567 ประชุมชี้แจงสำนักงานเขต", "summary": "", "supporting_factors": "ความร่วมมือ",
                                "obstacles": "", "evidence": "", "reporter_name": "นางสาวทดสอบ", "reporter_position": "นักพัฒนาสังคม"})
    text = text_of(client.get("/indicators/8308/2568/report/"))
    assert "15 ต.ค. 2567 ประชุมชี้แจงสำนักงานเขต" in text and "(นางสาวทดสอบ)" in text and "ความร่วมมือ" in text


@pytest.mark.parametrize("count", [5, 50])
def test_the_status_board_shows_each_district_and_indicator_in_fixed_queries(client, reviewer, kr8308, open_quarter, count,
                                                                             django_assert_max_num_queries):
    clerk_submitting_for(kr8308, open_quarter, count)
    client.force_login(reviewer)
    with django_assert_max_num_queries(18):  # + the agencies, the page count, the district groups
        html = client.get(reverse("reports:status_board", kwargs={"year": 2568, "quarter_number": 1})).content.decode()
    board = html.split('data-testid="status-board"')[1]
    assert board.count("status-submitted") == count and board.count("status-not_started") == 50 - count


def test_the_district_page_charts_its_counted_results_across_quarters(client, reviewer, kr8308, open_quarter, din_daeng_clerk):
    services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=11), by=reviewer)
    client.force_login(din_daeng_clerk)
    html = client.get(reverse("reports:district", kwargs={"district_code": "1026"})).content.decode()
    chart = html.split('aria-labelledby="trend-8308-title"')[1].split("</figure>")[0]
    assert "1/2568" in chart and '<td class="num">50.00</td>' in chart  # 11 of 22 communities


def test_a_cumulative_figure_that_fell_is_listed_for_follow_up(kr8308, open_fy2568, open_quarter, din_daeng_clerk, reviewer):
    from indicators.models import DistrictResult

    services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=15), by=reviewer)
    q2 = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2)
    DistrictResult.objects.create(indicator=kr8308, district=open_quarter.results.first().district, quarter=q2, achieved=12)
    line = next(line for line in quarter_dashboard(kr8308, q2).lines if line.district.code == "1026")
    assert line.needs_follow_up == ["ต่ำกว่าไตรมาสก่อน (15)"]


@pytest.mark.parametrize("code, year", [("CDP2563", 2563), ("8308", 2568)])
def test_the_status_board_and_the_dashboard_agree_for_every_quarter(client, reviewer, code, year):
    from districts.models import District
    from reports.dashboard import status_board_rows

    indicator = Indicator.objects.get(code=code, fiscal_year__year_be=year)
    districts = District.objects.select_related("group")
    for quarter in Quarter.objects.filter(fiscal_year=indicator.fiscal_year):
        dashboard = {line.district.pk: line.status for line in quarter_dashboard(indicator, quarter).lines}
        board = {district.pk: cells[0].status for district, cells in status_board_rows(quarter, [indicator], districts)}
        assert board == dashboard, quarter


def test_the_status_board_shows_fy2563_q4_results_on_file_like_its_dashboard(client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("reports:status_board", kwargs={"year": 2563, "quarter_number": 4})).content.decode()
    assert page.count("มีผลจากเอกสาร (ไม่ได้รายงานผ่านระบบ)") == 50
    assert "ยังไม่เริ่ม" not in page


def test_cdp2563s_planned_projects_are_on_its_dashboard_api_and_excel(client, reviewer):
    import io

    import openpyxl

    client.force_login(reviewer)
    page = client.get(url("CDP2563", 2563, 4)).content.decode()
    assert 'data-testid="planned-2563">343<' in page and 'data-testid="planned-2564">273<' in page
    book = openpyxl.load_workbook(io.BytesIO(client.get(url("CDP2563", 2563, 4, format="xlsx")).content))
    rows = list(book["โครงการตามแผน"].iter_rows(min_row=4, values_only=True))
    assert rows == [(2563, 343), (2564, 273)]
    api = client.get(reverse("api:summary", kwargs={"code": "CDP2563", "year": 2563, "quarter": 4})).json()
    assert api["planned_projects"] == [{"plan_year": 2563, "projects": 343}, {"plan_year": 2564, "projects": 273}]


@pytest.mark.parametrize("path", ["8308/2568/q5/", "8308/2568/q0/", "8308/2599/q1/", "9999/2568/q1/",
                                  "8308/99999999999999999999/q1/"])
def test_a_dashboard_that_does_not_exist_is_not_found(client, reviewer, kr8308, path):
    client.force_login(reviewer)
    assert client.get(f"/reports/dashboard/{path}").status_code == 404
