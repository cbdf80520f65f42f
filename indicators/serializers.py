"""Plain-data views of achievement summaries: the JSON contract of kpi_summary (and the API).

Top-level keys: indicator, year, quarter, kind, target_percent, percent, met, groups, districts;
community share adds communities, target_communities, achieved, districts_meeting_target;
district share adds districts_yes, districts_total; every kind gives unit, value (the citywide
figure), target, met, districts_meeting_target, and per district value, target, met; planned_projects lists the projects put into
the action plans by plan year (seed 002: 343 in 2563, 273 in 2564). Percentages are strings with
two decimals.
"""
from .kinds import kind_of


def summary_as_dict(summary):
    indicator = summary.indicator
    data = {
        "indicator": indicator.code,
        "indicator_code_is_local": indicator.code_is_local,
        "title": indicator.title,
        "year": indicator.fiscal_year.year_be,
        "quarter": summary.quarter.number if summary.quarter else None,
        "kind": indicator.kind,
        "target_percent": None if summary.target_percent is None else f"{summary.target_percent:.2f}",
    }
    top, district_fields, totals = kind_of(indicator).as_json(summary)
    data["unit"] = kind_of(indicator).unit_of(indicator)
    data.update(top)
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
