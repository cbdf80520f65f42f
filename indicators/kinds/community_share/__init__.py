"""ร้อยละของหน่วยในพื้นที่ (share of units in the district's area; KR 8308, unit ชุมชน): per
district a number of units and a target of units (blank = ROUND_HALF_UP(target % × units));
districts report units achieved, cumulative; a district meets its target when achieved ≥ its
target; citywide Σ achieved × 100 / Σ units against the target %."""
import dataclasses

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districts.models import Community
from indicators.models import DistrictResult
from okr_tracker.forms import ThaiIntegerField, number_input
from okr_tracker.workbook import CellError, Column, normalise_label, parse_count

from . import checks
from . import figures as counted
from ..base import Kind, TakesNoPart
from ..common import dash as _dash
from ..common import percent_text as _percent
from ..common import yes_no


class CommunityShare(Kind):
    code = "community_share"
    label = gettext_lazy("share of units in the area")
    report_fields = ("achieved", "disbursed_communities")
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
        return [Column("units", (normalise_label(f"จำนวน{unit}"),)),
                Column("target", (normalise_label(f"{unit}เป้าหมาย"), "เป้าหมาย"), required=False)]

    # Seed 000's table, as the admin's target import reads it (indicators/resources.py).
    TARGET_TABLE_HEADERS = ["ลำดับ", "เขต", "กลุ่มเขต", "จำนวนชุมชนที่จัดตั้งตามระเบียบฯ (ชุมชน)",
                            "ชุมชนเป้าหมาย (ร้อยละ {target} ของชุมชนในพื้นที่และมีการเบิกจ่ายงบประมาณ)"]

    def target_table_sheet(self, indicator, summary):
        """No., district, group, communities, target communities, and the total row. A target the table
        does not give (computed) is left blank, as it was in the file it came from."""
        headers = [*self.TARGET_TABLE_HEADERS[:4], self.TARGET_TABLE_HEADERS[4].format(target=f"{indicator.target_percent:g}")]
        rows = [[row.number, row.district.office_name, row.district.group.name_th, row.communities,
                 row.target_communities if row.target_from_table else None] for row in summary.districts]
        all_from_table = all(row.target_from_table for row in summary.districts)
        total = [None, None, "รวม", summary.communities, summary.target_communities if all_from_table else None]
        return headers, rows, total

    def unit_from_headers(self, headers):
        for header in headers:
            label = normalise_label(header)
            if label.startswith("จำนวน") and len(label) > len("จำนวน"):
                return label[len("จำนวน"):].split("(")[0] or None
        return None

    def read_target(self, values):
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
        figures = self.district_figures(report.indicator, report.district)
        return dataclasses.replace(figures, achieved=report.achieved) if figures else None

    def district_figures(self, indicator, district):
        return counted.district_figures(indicator, district)

    def takes_part(self, indicator, district, listed):
        return (indicator.pk, district.pk) in listed

    def figures_for_report(self, indicator, district):
        figures = self.district_figures(indicator, district)
        if figures is None:
            raise TakesNoPart(district.code)
        return figures

    def form_fields(self, report, figures):
        limit = figures.communities if figures else None


        def within_limit(value):
            if value is not None and limit is not None and value > limit:
                raise forms.ValidationError(_("%(achieved)s is more than the district's %(limit)s communities."),
                                            code="more_than_communities", params={"achieved": value, "limit": limit})

        achieved = ThaiIntegerField(label=_("Communities that have disbursed (cumulative)"), min_value=0, required=False,
                                    widget=number_input(), validators=[within_limit])
        if limit is not None:
            achieved.help_text = _("At most %(limit)s: the district's communities in this year's table.") % {"limit": limit}
        fields = {"achieved": achieved}
        communities = Community.objects.counting().filter(district=report.district_id).select_related("district")
        if communities.exists():
            fields["disbursed_communities"] = forms.ModelMultipleChoiceField(
                label=_("Which communities have disbursed"), queryset=communities, required=False,
                widget=forms.CheckboxSelectMultiple)
        return fields

    def clean_form(self, cleaned, add_error):
        achieved, chosen = cleaned.get("achieved"), cleaned.get("disbursed_communities")
        if chosen and achieved is not None and len(chosen) > achieved:
            add_error("disbursed_communities", forms.ValidationError(
                _("%(chosen)s communities are ticked but the figure says %(achieved)s."), code="ticked_more",
                params={"chosen": len(chosen), "achieved": achieved}))

    def form_relations(self, cleaned):
        return {"disbursed_communities": cleaned["disbursed_communities"]} if "disbursed_communities" in cleaned else {}

    def warnings(self, report, earlier_reports):
        return checks.figure_warnings(report, earlier_reports)

    def previous_figures(self, indicator, quarter):
        if quarter.number == 1:
            return {}
        return dict(DistrictResult.objects.filter(
            indicator=indicator, quarter__fiscal_year=quarter.fiscal_year_id, quarter__number=quarter.number - 1,
            achieved__isnull=False).values_list("district_id", "achieved"))

    def follow_up_reasons(self, row, previous):
        reasons = []
        if row.percent is not None and row.percent > 100:
            reasons.append(">100%")
        if row.achieved is not None and previous is not None and row.achieved < previous:
            reasons.append(_("lower than last quarter (%(before)s)") % {"before": previous})
        return reasons

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
