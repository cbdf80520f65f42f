"""ร้อยละของหน่วยในพื้นที่ (share of units in the district's area; KR 8308, unit ชุมชน): per
district a number of units and a target of units (blank = ROUND_HALF_UP(target % × units));
districts report units achieved, cumulative; a district meets its target when achieved ≥ its
target; citywide Σ achieved × 100 / Σ units against the target %."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..base import Kind
from . import figures as counted
from ..common import dash as _dash
from ..common import percent_text as _percent
from ..common import yes_no


class CommunityShare(Kind):
    code = "community_share"
    label = gettext_lazy("share of units in the area")
    report_fields = ("achieved", "disbursed_communities")
    cumulative = True
    has_target_table = True
    thai_name = "ร้อยละของหน่วยในพื้นที่"

    def unit_of(self, indicator):
        return indicator.counted_unit or "ชุมชน"

    def target_headers(self, indicator):
        unit = self.unit_of(indicator)
        return [f"จำนวน{unit}", f"{unit}เป้าหมาย"]

    def target_cells(self, target):
        return [target.communities, target.target_communities]

    def target_columns(self, unit):
        from okr_tracker.workbook import Column, normalise_label

        return [Column("units", (normalise_label(f"จำนวน{unit}"),)),
                Column("target", (normalise_label(f"{unit}เป้าหมาย"), "เป้าหมาย"), required=False)]

    def unit_from_headers(self, headers):
        from okr_tracker.workbook import normalise_label

        for header in headers:
            label = normalise_label(header)
            if label.startswith("จำนวน") and len(label) > len("จำนวน"):
                return label[len("จำนวน"):].split("(")[0] or None
        return None

    def read_target(self, values):
        from okr_tracker.workbook import CellError, parse_count

        try:
            units = parse_count(values.get("units"))
        except CellError as error:
            raise CellError(str(error), "units") from None
        target = values.get("target")
        try:
            target = parse_count(target) if target not in (None, "") else None
        except CellError as error:
            raise CellError(str(error), "target") from None
        if target is not None and target > units:
            raise CellError(_("the target (%(target)s) is more than the units (%(units)s)") % {"target": target, "units": units},
                            "target")
        return {"communities": units, "target_communities": target}

    def summarise(self, indicator, quarter=None, pending=None):
        return counted.summarise_community_share(counted.community_share_rows(indicator, quarter, pending),
                                                     indicator.target_percent, indicator=indicator, quarter=quarter)

    def district_trend(self, district, codes=None):
        return counted.district_trend(district, self.code, codes)

    def detail_context(self, indicator):
        return {"table": self.summarise(indicator)}

    def quarter_overviews(self, indicators, quarters):
        return counted.community_share_overviews(indicators, quarters)

    def report_figures(self, report):
        import dataclasses

        figures = self.district_figures(report.indicator, report.district)
        return dataclasses.replace(figures, achieved=report.achieved) if figures else None

    def district_figures(self, indicator, district):
        return counted.district_figures(indicator, district)

    def takes_part(self, indicator, district, listed):
        return (indicator.pk, district.pk) in listed

    def validate(self, report, figures):
        if figures is not None and report.achieved is not None and report.achieved > figures.communities:
            return {"achieved": _("%(achieved)s is more than the district's %(limit)s communities.")
                    % {"achieved": report.achieved, "limit": figures.communities}}
        return {}

    def missing_for_submission(self, report):
        if report.achieved is None:
            return {"achieved": _("Enter the number of communities that have disbursed.")}
        return {}

    def result_limits(self, indicator):
        return {row.district.code: row.communities for row in counted.community_share_rows(indicator)}

    def read_result(self, row, limits):
        from okr_tracker.workbook import CellError, parse_count

        try:
            achieved = parse_count(row.get("result"))
        except CellError as error:
            return {"achieved": f"{row['result_where']}: {error}"}
        row["achieved"], row["answered_yes"] = achieved, None
        limit = limits.get(row["district"])
        if limit is None:
            return {"achieved": _("%(where)s: the district is not in this year's target table") % {"where": row["result_where"]}}
        if achieved > limit:
            return {"achieved": _("%(where)s: achieved (%(achieved)s) exceeds the district's communities (%(limit)s)") % {
                "where": row["result_where"], "achieved": achieved, "limit": limit}}
        return {}

    def has_figure(self, report):
        return report.achieved is not None

    sheet_headers = ("จำนวนชุมชน", "ชุมชนเป้าหมาย", "ผลงาน", "ร้อยละ", "บรรลุเป้าหมาย")
    sheet_group_headers = ("จำนวนชุมชน", "ชุมชนเป้าหมาย", "ผลงาน", "ร้อยละ", "เขตที่บรรลุเป้าหมาย", "จำนวนเขต")

    def sheet_cells(self, row):
        return [row.communities, row.target_communities, row.achieved, row.percent,
                {True: "บรรลุ", False: "ไม่บรรลุ", None: None}[row.met]]

    def sheet_total(self, summary):
        return [summary.communities, summary.target_communities, summary.achieved, summary.percent,
                summary.districts_meeting_target]

    def sheet_group_cells(self, totals):
        return [totals.communities, totals.target_communities, totals.achieved, totals.percent,
                totals.districts_meeting_target, len(totals.districts)]

    results_headers = ("จำนวนชุมชน", "ชุมชนเป้าหมาย", "ผลการดำเนินงาน (ชุมชนที่เบิกจ่าย)")

    def results_cells(self, row):
        return [row.communities, row.target_communities, row.achieved]

    def summary_table(self, data):
        headers = ["รหัส", "เขต", "กลุ่มเขต", "ชุมชน", "ชุมชนเป้าหมาย", "ผลงาน", "ร้อยละ", "บรรลุ"]
        rows = [[d["code"], d["name"], d["group"], d["communities"], d["target_communities"], _dash(d["achieved"]),
                 d["percent"] or "-", yes_no(d["met"])] for d in data["districts"]]
        rows += [["", "", g["group"], g["communities"], g["target_communities"], _dash(g["achieved"]), g["percent"] or "-", ""]
                 for g in data["groups"]]
        rows.append(["", "รวม", "", data["communities"], data["target_communities"], _dash(data["achieved"]),
                     data["percent"] or "-", yes_no(data["met"])])
        footer = f"เขตที่บรรลุเป้าหมาย {data['districts_meeting_target']} จาก {len(data['districts'])} เขต"
        return headers, rows, {3, 4, 5, 6}, footer

    # The JSON of kpi_summary and the read API (as_json below), declared for the API's description:
    # group and citywide totals, the citywide extras, a district's row.
    json_totals = {"communities": int | None, "target_communities": int | None, "achieved": int | None,
                   "districts_reported": int | None, "districts_meeting_target": int | None, "percent": str | None,
                   "met": bool | None}
    json_top = {"value": str | None, "target": str | None}
    json_district = {"communities": int | None, "target_communities": int | None, "target_from_table": bool | None,
                     "achieved": int | None, "percent": str | None, "met": bool | None, "value": int | None,
                     "target": int | None}

    def score_result(self, row):
        """The district's figure the performance agreement scores, in the KR's unit."""
        return row.percent

    def as_json(self, summary):
        def totals(totals):
            return {
                "communities": totals.communities,
                "target_communities": totals.target_communities,
                "achieved": totals.achieved,
                "districts_reported": totals.districts_reported,
                "districts_meeting_target": totals.districts_meeting_target,
                "percent": _percent(totals.percent),
                "met": totals.met,
            }

        def district(row):
            return {
                "communities": row.communities,
                "target_communities": row.target_communities,
                "target_from_table": row.target_from_table,
                "achieved": row.achieved,
                "percent": _percent(row.percent),
                "met": row.met,
                # The keys every kind gives: the district's units achieved against its target units.
                "value": row.achieved,
                "target": row.target_communities,
            }

        top = totals(summary)
        top.update(value=_percent(summary.percent), target=_percent(summary.target_percent))
        return top, district, totals
