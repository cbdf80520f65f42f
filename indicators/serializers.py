"""Plain-data views of achievement summaries: the JSON contract of kpi_summary (and the API).

Top-level keys: indicator, year, quarter, kind, target_percent, percent, met, groups, districts;
community share adds communities, target_communities, achieved, districts_meeting_target;
district share adds districts_yes, districts_total; planned_projects lists the projects put into
the action plans by plan year (seed 002: 343 in 2563, 273 in 2564). Percentages are strings with
two decimals.
"""
from .models import Indicator


def _percent(value):
    return None if value is None else f"{value:.2f}"


def _community_totals(totals):
    return {
        "communities": totals.communities,
        "target_communities": totals.target_communities,
        "achieved": totals.achieved,
        "districts_reported": totals.districts_reported,
        "districts_meeting_target": totals.districts_meeting_target,
        "percent": _percent(totals.percent),
        "met": totals.met,
    }


def _district_share_totals(totals):
    return {
        "districts_yes": totals.districts_yes,
        "districts_total": totals.districts_total,
        "districts_reported": totals.districts_reported,
        "projects": totals.projects,
        "percent": _percent(totals.percent),
        "met": totals.met,
    }


def summary_as_dict(summary):
    indicator = summary.indicator
    data = {
        "indicator": indicator.code,
        "indicator_code_is_local": indicator.code_is_local,
        "title": indicator.title,
        "year": indicator.fiscal_year.year_be,
        "quarter": summary.quarter.number if summary.quarter else None,
        "kind": indicator.kind,
        "target_percent": _percent(summary.target_percent),
    }
    if indicator.kind == Indicator.Kind.COMMUNITY_SHARE:
        data.update(_community_totals(summary))
        totals, district_fields = _community_totals, lambda row: {
            "communities": row.communities,
            "target_communities": row.target_communities,
            "target_from_table": row.target_from_table,
            "achieved": row.achieved,
            "percent": _percent(row.percent),
            "met": row.met,
        }
    else:
        data.update(_district_share_totals(summary))
        totals, district_fields = _district_share_totals, lambda row: {
            "answered_yes": row.answered_yes,
            "projects": row.projects,
        }
    data["planned_projects"] = [{"plan_year": tally.plan_year_be, "projects": tally.projects}
                                for tally in indicator.planned_projects.order_by("plan_year_be")]
    data["groups"] = [
        {"group": group.group.name_th, "group_en": group.group.name_en, **totals(group)} for group in summary.groups
    ]
    data["districts"] = [
        {
            "code": row.district.code,
            "name": row.district.name_th,
            "name_en": row.district.name_en,
            "group": row.district.group.name_th,
            **district_fields(row),
        }
        for row in summary.districts
    ]
    return data
