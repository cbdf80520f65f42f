"""ร้อยละของสำนักงานเขต (share of district offices; seed 002's CDP2563): each district answers yes
or no for the quarter, with a count of projects; citywide, districts answering yes × 100 / all
districts, against the target %."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.achievement import host_budget
from okr_tracker.forms import ThaiIntegerField, number_input
from okr_tracker.workbook import CellError, parse_yes_no

from . import figures as counted
from ..base import Kind
from ..common import dash as _dash
from ..common import percent_text as _percent
from ..common import yes_no


class DistrictShare(Kind):
    code = "district_share"
    label = gettext_lazy("share of district offices")
    report_fields = ("answered_yes", "projects")

    def unit_of(self, indicator):
        return "สำนักงานเขต"
    thai_name = "ร้อยละของสำนักงานเขต"

    def detail_context(self, indicator):
        host_reports = {report.quarter_id: report for report in indicator.host_reports.all()}
        quarters = self.quarter_overview(indicator)
        for row in quarters:
            row["host_report"] = host_reports.get(row["quarter"].pk)
            row["budget"] = host_budget(row["host_report"])
            if row["districts_reported"]:
                row["summary"] = self.summarise(indicator, row["quarter"])
        return {"quarters": quarters, "planned_projects": indicator.planned_projects.all()}

    def summarise(self, indicator, quarter=None, pending=None):
        return counted.summarise_district_share(counted.district_share_rows(indicator, quarter, pending),
                                                    indicator.target_percent, indicator=indicator, quarter=quarter)

    def quarter_overviews(self, indicators, quarters):
        return counted.district_share_overviews(indicators, quarters)

    def official_listings(self, indicators, quarters):
        return counted.district_share_listings(indicators, quarters)

    def sort_value(self, row):
        return None if row.answered_yes is None else int(row.answered_yes)

    def form_fields(self, report, figures):


        return {
            "answered_yes": forms.TypedChoiceField(
                label=_("Did the district do it this quarter?"),
                choices=[("yes", _("Yes, the district did it")), ("no", _("No"))], widget=forms.RadioSelect,
                required=False, coerce=lambda value: value == "yes", empty_value=None),
            "projects": ThaiIntegerField(label=_("Number of projects"), min_value=0, required=False, widget=number_input()),
        }

    def form_initial(self, report):
        if report.pk and report.answered_yes is not None:
            return {"answered_yes": "yes" if report.answered_yes else "no"}
        return {}

    def missing_for_submission(self, report):
        if report.answered_yes is None:
            return {"answered_yes": _("Answer yes or no.")}
        return {}

    def read_result(self, row, limits):
        try:
            row["answered_yes"], row["achieved"] = parse_yes_no(row.get("result")), None
        except CellError as error:
            return {"answered_yes": f"{row['result_where']}: {error}"}
        return {}

    def has_figure(self, report):
        return report.answered_yes is not None

    sheet_headers = ("ดำเนินการ", "จำนวนโครงการ")
    sheet_group_headers = ("เขตที่ดำเนินการ", "จำนวนเขต", "ร้อยละ")

    def sheet_cells(self, row):
        return [{True: "มี", False: "ไม่มี", None: None}[row.answered_yes], row.projects]

    def sheet_total(self, summary):
        return [summary.districts_yes, summary.projects]

    def sheet_group_cells(self, totals):
        return [totals.districts_yes, totals.districts_total, totals.percent]

    results_headers = ("ผลการดำเนินงาน (ดำเนินการ)", "จำนวนโครงการ")

    def results_cells(self, row):
        return [{True: "มี", False: "ไม่มี", None: None}[row.answered_yes], row.projects]

    def summary_table(self, data):
        headers = ["รหัส", "เขต", "กลุ่มเขต", "ดำเนินการ", "โครงการ"]
        rows = [[d["code"], d["name"], d["group"], yes_no(d["answered_yes"]), _dash(d["projects"])] for d in data["districts"]]
        footer = f"เขตที่ดำเนินการ {data['districts_yes']} จาก {data['districts_total']} เขต"
        return headers, rows, {4}, footer

    # The JSON of kpi_summary and the read API (as_json below), declared for the API's description.
    json_totals = {"districts_yes": int | None, "districts_total": int | None, "districts_reported": int | None,
                   "projects": int | None, "percent": str | None, "met": bool | None}
    json_top = {"value": str | None, "target": str | None, "districts_meeting_target": int | None}
    json_district = {"answered_yes": bool | None, "projects": int | None, "value": bool | None, "target": bool,
                     "met": bool | None}

    def score_result(self, row):
        """The district's figure the performance agreement scores, in the KR's unit."""
        return None if row.answered_yes is None else Decimal(100 if row.answered_yes else 0)

    def as_json(self, summary):
        def totals(totals):
            return {
                "districts_yes": totals.districts_yes,
                "districts_total": totals.districts_total,
                "districts_reported": totals.districts_reported,
                "projects": totals.projects,
                "percent": _percent(totals.percent),
                "met": totals.met,
            }

        def district(row):
            # value/target/met, as every kind gives them: the district's answer; yes meets.
            return {"answered_yes": row.answered_yes, "projects": row.projects, "value": row.answered_yes,
                    "target": True, "met": row.answered_yes}

        top = totals(summary)
        top.update(value=_percent(summary.percent), target=_percent(summary.target_percent),
                   districts_meeting_target=summary.districts_yes)
        return top, district, totals
