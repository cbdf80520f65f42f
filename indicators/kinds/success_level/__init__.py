"""ระดับความสำเร็จ (success level 1–5, as Thai KPIs define it): the KR says what each level means;
a district reports the level it reached, with evidence; it meets its target when its level ≥ the
target level; citywide, the share of districts at the target level (against the target %), and
the mean level."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.scoring import SUCCESS_LEVELS
from okr_tracker.workbook import CellError, parse_count

from . import figures as counted
from ..base import Kind
from ..common import dash as _dash
from ..common import percent_text as _percent
from ..common import yes_no


class SuccessLevel(Kind):
    code = "success_level"
    label = gettext_lazy("success level")
    report_fields = ("level",)
    thai_name = "ระดับความสำเร็จ"

    def unit_of(self, indicator):
        return "ระดับ"

    def report_figures(self, report):

        target = report.indicator.target_value
        return counted.LevelRow(district=report.district, target_level=None if target is None else int(target), level=report.level)

    def target_text(self, indicator):
        """“80.00% ≥ 4”: the share of districts that must reach the target level."""
        level = "–" if indicator.target_value is None else int(indicator.target_value)
        return f"{indicator.target_percent:.2f}% ≥ {level}"

    def target_level_of(self, indicator):
        return None if indicator.target_value is None else int(indicator.target_value)

    def target_level_fields(self, text):
        try:
            level = int(str(text).split(".")[0]) if text else None
        except ValueError:
            level = 0
        if level is None or not 1 <= level <= 5:
            raise CellError(_("a level from 1 to 5"))
        return {"target_value": level}

    def summarise(self, indicator, quarter=None, pending=None):
        return counted.summarise_level(counted.level_rows(indicator, quarter, pending), indicator, quarter)

    def quarter_overviews(self, indicators, quarters):
        return counted.level_overviews(indicators, quarters)

    def detail_context(self, indicator):
        return {"quarters": self.quarter_overview(indicator), "target_level": counted.target_level(indicator)}

    def form_fields(self, report, figures):
        # Each level with what the KR says it means, so the district picks by meaning.
        return {"level": forms.TypedChoiceField(
            label=_("Success level reached"), widget=forms.RadioSelect, coerce=int, empty_value=None, required=False,
            choices=[(number, f"{number} – {meaning}" if meaning else str(number))
                     for number, meaning in report.indicator.levels])}

    def sort_value(self, row):
        return row.level

    def validate(self, report, figures):
        if report.level is not None and not 1 <= report.level <= 5:
            return {"level": _("A success level is 1 to 5.")}
        return {}

    def missing_for_submission(self, report):
        return {} if report.level is not None else {"level": _("Choose the level the district reached.")}

    def result_values(self, report):
        return {"level": report.level}

    def read_result(self, row, limits):
        try:
            level = parse_count(row.get("result"))
        except CellError as error:
            return {"level": f"{row['result_where']}: {error}"}
        if not 1 <= level <= 5:
            return {"level": f"{row['result_where']}: " + _("a success level is 1 to 5")}
        row["level"] = level
        return {}

    def has_figure(self, report):
        return report.level is not None

    sheet_headers = ("ระดับที่ได้", "บรรลุเป้าหมาย")
    sheet_group_headers = ("เขตที่ถึงระดับเป้าหมาย", "จำนวนเขต", "ร้อยละ", "ระดับเฉลี่ย")

    def sheet_cells(self, row):
        return [row.level, {True: "บรรลุ", False: "ไม่บรรลุ", None: None}[row.met]]

    def sheet_total(self, summary):
        return [summary.mean_level, summary.districts_meeting_target]

    def sheet_group_cells(self, totals):
        return [totals.districts_meeting_target, totals.districts_total, totals.percent, totals.mean_level]

    results_headers = ("ผลการดำเนินงาน (ระดับ)",)

    def results_cells(self, row):
        return [row.level]

    def summary_table(self, data):
        headers = ["รหัส", "เขต", "กลุ่มเขต", "ระดับ", "บรรลุ"]
        rows = [[d["code"], d["name"], d["group"], _dash(d["value"]), yes_no(d["met"])] for d in data["districts"]]
        footer = (f"เขตที่ถึงระดับ {data['target_level']} : {data['districts_meeting_target']} จาก {len(data['districts'])} เขต"
                  f" · ระดับเฉลี่ย {data['mean_level'] or '-'}")
        return headers, rows, {3}, footer

    # The JSON of kpi_summary and the read API (as_json below), declared for the API's description.
    json_totals = {"districts_meeting_target": int | None, "districts_reported": int | None,
                   "districts_total": int | None, "percent": str | None, "mean_level": str | None, "met": bool | None}
    json_top = {"value": str | None, "target": str | None, "target_level": int | None}
    json_district = {"value": int | None, "target": int | None, "met": bool | None}

    def score_result(self, row):
        """The district's figure the performance agreement scores, in the KR's unit."""
        return None if row.level is None else Decimal(row.level)

    def default_criteria(self, indicator):
        return SUCCESS_LEVELS

    def as_json(self, summary):
        def totals(totals):
            return {"districts_meeting_target": totals.districts_meeting_target,
                    "districts_reported": totals.districts_reported, "districts_total": totals.districts_total,
                    "percent": _percent(totals.percent), "mean_level": _percent(totals.mean_level), "met": totals.met}

        def district(row):
            return {"value": row.level, "target": row.target_level, "met": row.met}

        top = totals(summary)
        top.update(value=_percent(summary.percent), target=_percent(summary.target_percent),
                   target_level=summary.target_level)
        return top, district, totals
