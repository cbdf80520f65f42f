"""The reviewer's dashboard for one indicator and quarter: achievement (approved figures, or
including submitted ones), groups, districts with their report status, and completeness.

A fixed number of queries whatever the number of districts; all arithmetic is the achievement
module's."""
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from indicators import achievement, summaries
from indicators.kinds import kind_of
from indicators.models import DistrictResult, Indicator

from .models import Report

NOT_STARTED = "not_started"
# A result on file with no report behind it: taken from the source documents (seed 002's FY2563)
# before the district reported through the system. It counts as received.
ON_FILE = "on_file"
STATUS_ORDER = [NOT_STARTED, Report.Status.DRAFT, Report.Status.RETURNED, Report.Status.SUBMITTED, Report.Status.APPROVED,
                ON_FILE]
RECEIVED = {Report.Status.SUBMITTED, Report.Status.APPROVED, ON_FILE}
STATUS_LABELS = {NOT_STARTED: gettext_lazy("not started"), ON_FILE: gettext_lazy("result on file (not reported online)"),
                 **dict(Report.Status.choices)}


def status_of(report, result_on_file):
    """The one status a district's report shows everywhere (dashboard, status board): its report's,
    or, with no report, whether a result is on file from the source documents."""
    if report:
        return report.status
    return ON_FILE if result_on_file else NOT_STARTED


@dataclass
class DistrictLine:
    figures: object  # the kind's district row (indicators/kinds/<code>/figures.py)
    report: Report | None
    sort_value: object = None  # what "highest first" sorts by (Kind.sort_value)
    figure_reasons: list = field(default_factory=list)  # the kind's reasons to follow up (Kind.follow_up_reasons)

    @property
    def district(self):
        return self.figures.district

    @property
    def status(self):
        return status_of(self.report, self.figures.reported)

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def on_time(self):
        """True/False for a received report against the quarter's deadline; None otherwise."""
        if not self.report or self.report.status not in RECEIVED or not self.report.submitted_at:
            return None
        deadline = self.report.quarter.deadline
        return deadline is None or timezone.localtime(self.report.submitted_at).date() <= deadline

    @property
    def needs_follow_up(self):
        reasons = []
        if self.report and self.report.warning_explanation:
            reasons.append(self.report.warning_explanation)
        return reasons + self.figure_reasons


@dataclass
class Completeness:
    expected: int
    statuses: list
    counts: dict = field(default_factory=dict)
    on_time: int = 0
    late: int = 0

    @property
    def received(self):
        return sum(self.counts.get(status, 0) for status in RECEIVED)

    @property
    def rate(self):
        return achievement.reporting_rate(self.received, self.expected)

    @property
    def on_time_rate(self):
        return achievement.reporting_rate(self.on_time, self.expected)

    def ordered(self):
        return [(status, self.counts.get(status, 0)) for status in self.statuses]


def completeness_of(lines, statuses):
    result = Completeness(expected=len(lines), statuses=statuses)
    for line in lines:
        result.counts[line.status] = result.counts.get(line.status, 0) + 1
        if line.on_time is True:
            result.on_time += 1
        elif line.on_time is False:
            result.late += 1
    return result


@dataclass
class Dashboard:
    indicator: Indicator
    quarter: object
    include_submitted: bool
    summary: object
    lines: list
    completeness: Completeness
    group_completeness: dict
    statuses: list  # the report statuses to show: "result on file" only where some district has one
    planned_projects: list = field(default_factory=list)  # projects put into the action plans, by plan year

    @property
    def kind(self):
        return kind_of(self.indicator)


@dataclass
class AssessedLine:
    district: object
    reported: object  # the district's figure in the unit the KR is scored in (Kind.score_result), or None
    assessment: object


def assessed_lines(board):
    """The quarter's assessments by the evaluator (สยป.), each beside the district's reported figure."""
    from indicators.models import Assessment

    by_district = {line.district.pk: line for line in board.lines}
    kind = kind_of(board.indicator)
    found = []
    for assessment in Assessment.objects.filter(indicator=board.indicator, quarter=board.quarter).order_by("district__code"):
        line = by_district.get(assessment.district_id)
        if line is not None:
            found.append(AssessedLine(district=line.district, reported=kind.score_result(line.figures), assessment=assessment))
    return found


def quarter_dashboard(indicator, quarter, include_submitted=False):
    reports = {report.district_id: report
               for report in Report.objects.filter(indicator=indicator, quarter=quarter).select_related("quarter")}
    pending = {district_id: report for district_id, report in reports.items()
               if include_submitted and report.status == Report.Status.SUBMITTED}
    summary = summaries.summarise(indicator, quarter, pending=pending)
    kind = kind_of(indicator)
    previous = kind.previous_figures(indicator, quarter)
    lines = [DistrictLine(figures=row, report=reports.get(row.district.pk), sort_value=kind.sort_value(row),
                          figure_reasons=kind.follow_up_reasons(row, previous.get(row.district.pk)))
             for row in summary.districts]
    by_group = {}
    for line in lines:
        by_group.setdefault(line.district.group_id, []).append(line)
    statuses = [status for status in STATUS_ORDER
                if status != ON_FILE or any(line.status == ON_FILE for line in lines)]
    return Dashboard(
        indicator=indicator, quarter=quarter, include_submitted=include_submitted, summary=summary, lines=lines,
        completeness=completeness_of(lines, statuses), statuses=statuses,
        group_completeness={group_id: completeness_of(group_lines, statuses) for group_id, group_lines in by_group.items()},
        planned_projects=list(indicator.planned_projects.order_by("plan_year_be")),
    )


SORT_KEYS = {
    "code": lambda line: line.district.code,
    "group": lambda line: (line.district.group.order, line.district.code),
    "percent": lambda line: (line.sort_value is None, line.sort_value or 0),
    "status": lambda line: STATUS_ORDER.index(line.status),
}


def filtered_lines(dashboard, *, group=None, status=None, sort=None):
    lines = dashboard.lines
    if group:
        lines = [line for line in lines if str(line.district.group_id) == str(group)]
    if status:
        lines = [line for line in lines if line.status == status]
    descending = bool(sort) and sort.startswith("-")
    key = SORT_KEYS.get((sort or "").lstrip("-"))
    if key:
        lines = sorted(lines, key=key, reverse=descending)
    return lines


def dashboard_workbook(board):
    """The dashboard's district table as xlsx: same columns, Thai headers, BE year."""
    from okr_tracker.numbers import Year
    from okr_tracker.spreadsheet import workbook_bytes

    with translation.override("th"):  # the workbook's layout is Thai whatever the page's language
        status_labels = {status: str(label) for status, label in STATUS_LABELS.items()}
    indicator, quarter = board.indicator, board.quarter
    scope = "รวมที่ส่งแล้ว" if board.include_submitted else "เฉพาะที่อนุมัติแล้ว"
    title = f"ตัวชี้วัด {indicator.code} ปีงบประมาณ พ.ศ. {quarter.fiscal_year.year_be} ไตรมาสที่ {quarter.number} ({scope})"
    kind = board.kind
    headers = ["รหัส", "เขต", "กลุ่มเขต", *kind.sheet_headers, "สถานะรายงาน"]
    rows = [[line.district.code, line.district.name_th, line.district.group.name_th, *kind.sheet_cells(line.figures),
             str(status_labels[line.status])] for line in board.lines]
    total = ["", "รวม", "", *kind.sheet_total(board.summary), None]
    status_headers = ["กลุ่มเขต", *[str(status_labels[status]) for status in board.statuses], "อัตราการส่งรายงาน (ร้อยละ)"]
    group_rows, completeness_rows = [], []
    for totals in board.summary.groups:
        completeness = board.group_completeness[totals.group.pk]
        completeness_rows.append([totals.group.name_th, *[count for _status, count in completeness.ordered()],
                                  completeness.rate])
        group_rows.append([totals.group.name_th, *kind.sheet_group_cells(totals)])
    group_headers = ["กลุ่มเขต", *kind.sheet_group_headers]
    everything = board.completeness
    completeness_total = ["รวม", *[count for _status, count in everything.ordered()], everything.rate]
    more_sheets = [
        # The city's totals under the groups' (every kind's citywide percent or value is in this row).
        ("รายกลุ่มเขต", title, group_headers, group_rows, ["รวม", *kind.sheet_group_cells(board.summary)]),
        ("สถานะการส่งรายงาน", title, status_headers, completeness_rows, completeness_total),
    ]
    if board.planned_projects:
        more_sheets.append(("โครงการตามแผน", f"ตัวชี้วัด {indicator.code}: โครงการที่บรรจุในแผนปฏิบัติการประจำปีของสำนักงานเขต",
                            ["ปีงบประมาณ", "จำนวนโครงการ/กิจกรรม"],
                            [[Year(tally.plan_year_be), tally.projects] for tally in board.planned_projects], None))
    return workbook_bytes("รายเขต", title, headers, rows, total, more_sheets=more_sheets, demo=indicator.is_demo)


@dataclass
class BoardCell:
    indicator: Indicator
    report: Report | None
    status: str

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def status_board_rows(quarter, indicators, districts):
    """District × indicator for one quarter, each cell with the status the dashboard shows.
    Two queries whatever the number of districts and indicators."""
    reports = {(report.district_id, report.indicator_id): report
               for report in Report.objects.filter(quarter=quarter, indicator__in=indicators)}
    on_file = set(DistrictResult.objects.filter(quarter=quarter, indicator__in=indicators).reported()
                  .values_list("district_id", "indicator_id"))
    return [
        (district, [BoardCell(indicator, reports.get((district.pk, indicator.pk)),
                              status_of(reports.get((district.pk, indicator.pk)), (district.pk, indicator.pk) in on_file))
                    for indicator in indicators])
        for district in districts
    ]
