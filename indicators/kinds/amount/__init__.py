"""จำนวน (an amount against a target: people, projects, baht): each district reports a number;
per-district targets are optional; citywide the Σ of the districts against the KR's citywide target;
the KR says whether higher or lower is better."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DistrictTarget
from okr_tracker.forms import ThaiDecimalField, number_input
from okr_tracker.numbers import figure
from okr_tracker.workbook import CellError, Column, parse_amount

from . import figures as counted
from ..base import Kind
from ..common import dash as _dash
from ..common import yes_no


def _number(value):
    return None if value is None else f"{value:.2f}"


class Amount(Kind):
    code = "amount"
    label = gettext_lazy("amount")
    report_fields = ("amount",)
    thai_name = "จำนวน"

    def target_of(self, indicator):
        return indicator.target_value

    def target_fields(self, value):
        if value < 0:
            raise CellError(_("a negative number"))
        return {"target_value": value}

    def target_text(self, indicator):
        """“5,000 คน”, “≤ 120 ราย” where lower is better; “–” without a citywide target."""
        if indicator.target_value is None:
            return "–"
        lower = "≤ " if indicator.direction == indicator.Direction.LOWER else ""
        return f"{lower}{figure(indicator.target_value, indicator.unit)} {indicator.unit}"

    def report_figures(self, report):
        target = (DistrictTarget.objects.filter(indicator=report.indicator_id, district=report.district_id)
                  .values_list("target_amount", flat=True).first())
        return counted.AmountRow(district=report.district, target=target, direction=report.indicator.direction,
                         amount=report.amount)

    def chart_value(self, row):
        return row.get("value")

    def chart_target(self, indicator):
        return indicator.target_value

    def chart_unit(self, indicator):
        return indicator.unit

    def target_headers(self, indicator):
        return [f"ค่าเป้าหมาย ({indicator.unit})"]

    def target_cells(self, target):
        return [target.target_amount]

    def target_columns(self, unit):
        return [Column("target", ("ค่าเป้าหมาย",), required=False)]

    def read_target(self, values):
        target = values.get("target")
        try:
            return {"target_amount": parse_amount(target) if target not in (None, "") else None}
        except CellError as error:
            raise CellError(str(error), "target") from None

    def summarise(self, indicator, quarter=None, pending=None):
        return counted.summarise_amount(counted.amount_rows(indicator, quarter, pending), indicator, quarter)

    def quarter_overviews(self, indicators, quarters):
        return counted.amount_overviews(indicators, quarters)

    def detail_context(self, indicator):
        return {"table": self.summarise(indicator), "quarters": self.quarter_overview(indicator)}

    def form_fields(self, report, figures):


        return {"amount": ThaiDecimalField(label=_("Result (%(unit)s)") % {"unit": report.indicator.unit}, min_value=0,
                                           max_digits=14, decimal_places=2, required=False, widget=number_input("decimal"))}

    def sort_value(self, row):
        return row.amount

    def missing_for_submission(self, report):
        return {} if report.amount is not None else {"amount": _("Enter the amount.")}

    def result_values(self, report):
        return {"amount": report.amount}

    def read_result(self, row, limits):
        try:
            row["amount"] = parse_amount(row.get("result"))
        except CellError as error:
            return {"amount": f"{row['result_where']}: {error}"}
        return {}

    def has_figure(self, report):
        return report.amount is not None

    sheet_headers = ("ค่าเป้าหมาย", "ผลงาน", "บรรลุเป้าหมาย")
    sheet_group_headers = ("ค่าเป้าหมายรวม", "ผลงานรวม", "เขตที่บรรลุเป้าหมาย", "จำนวนเขต")

    def sheet_cells(self, row):
        return [row.target, row.amount, {True: "บรรลุ", False: "ไม่บรรลุ", None: None}[row.met]]

    def sheet_total(self, summary):
        return [summary.target_value, summary.value, summary.districts_meeting_target]

    def sheet_group_cells(self, totals):
        return [totals.target, totals.value, totals.districts_meeting_target, len(totals.districts)]

    results_headers = ("ค่าเป้าหมาย", "ผลการดำเนินงาน")

    def results_cells(self, row):
        return [row.target, row.amount]

    def summary_table(self, data):
        headers = ["รหัส", "เขต", "กลุ่มเขต", "ค่าเป้าหมาย", "ผลงาน", "บรรลุ"]
        rows = [[d["code"], d["name"], d["group"], _dash(d["target"]), _dash(d["value"]), yes_no(d["met"])]
                for d in data["districts"]]
        rows += [["", "", g["group"], _dash(g["target"]), _dash(g["value"]), ""] for g in data["groups"]]
        rows.append(["", "รวม", "", _dash(data["target"]), _dash(data["value"]), yes_no(data["met"])])
        footer = f"เขตที่บรรลุเป้าหมาย {data['districts_meeting_target']} จาก {len(data['districts'])} เขต"
        return headers, rows, {3, 4}, footer

    # The JSON of kpi_summary and the read API (as_json below), declared for the API's description.
    json_totals = {"value": str | None, "target": str | None, "districts_reported": int | None,
                   "districts_meeting_target": int | None, "met": bool | None}
    json_top = {"direction": str}
    json_district = {"value": str | None, "target": str | None, "met": bool | None}

    def score_result(self, row):
        """The district's figure the performance agreement scores, in the KR's unit."""
        return row.amount

    def as_json(self, summary):
        def totals(totals):
            return {"value": _number(totals.value), "target": _number(totals.target),
                    "districts_reported": totals.districts_reported,
                    "districts_meeting_target": totals.districts_meeting_target, "met": totals.met}

        def district(row):
            return {"value": _number(row.amount), "target": _number(row.target), "met": row.met}

        top = totals(summary)
        top.update(target=_number(summary.target_value), direction=summary.direction)
        return top, district, totals
