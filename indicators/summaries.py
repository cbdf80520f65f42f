"""What a page asks of a KR's figures, whatever its kind: its summary at a quarter, its quarters,
its years, a district's trend. Each kind answers (indicators.kinds); this module only routes the
question and merges the answers, and never asks which kind it holds."""
from collections import defaultdict

from indicators.models import Indicator, Quarter

from .kinds import KINDS, kind_of


def summarise(indicator, quarter=None, pending=None):
    """The summary of `indicator` at the end of `quarter` (None: the target table alone).

    `pending`: figures not yet approved to count as well (see community_share_rows)."""
    return kind_of(indicator).summarise(indicator, quarter, pending)


def quarter_overview(indicator, quarters=None):
    """Per quarter of the indicator's year (`quarters`, or read): (quarter, percent, districts
    reported). A few queries."""
    return kind_of(indicator).quarter_overview(indicator, quarters)


def _each_kind(indicators, ask):
    """The dicts that `ask(kind, its KRs)` gives for each kind among `indicators`, merged."""
    by_kind = defaultdict(list)
    for indicator in indicators:
        by_kind[kind_of(indicator).code].append(indicator)
    found = {}
    for group in by_kind.values():
        found.update(ask(kind_of(group[0]), group))
    return found


def quarter_overviews(indicators, quarters):
    """{indicator pk: quarter_overview} of many KRs of one year (the book): the same few queries
    for each kind present, however many KRs."""
    return _each_kind(indicators, lambda kind, group: kind.quarter_overviews(group, quarters))


def official_listings(indicators, quarters):
    """{(indicator pk, quarter pk): summary} of the official reports' lists of districts (see
    Kind.official_listings), for many KRs at once."""
    return _each_kind(indicators, lambda kind, group: kind.official_listings(group, quarters))


def year_end_values(code):
    """[(BE year, the kind's chart value at the last quarter with one, met)] for every year of an
    indicator code, whatever its kind (an amount's total, a share's percent): from quarter_overviews,
    a fixed number of queries however many years."""
    indicators = list(Indicator.objects.filter(code=code).select_related("fiscal_year").order_by("fiscal_year__year_be"))
    quarters = list(Quarter.objects.filter(fiscal_year__in=[indicator.fiscal_year_id for indicator in indicators])
                    .select_related("fiscal_year").order_by("fiscal_year__year_be", "number"))
    overviews = quarter_overviews(indicators, quarters)
    points = []
    for indicator in indicators:
        kind = kind_of(indicator)
        rows = [row for row in overviews[indicator.pk] if row["quarter"].fiscal_year_id == indicator.fiscal_year_id]
        last = next((row for row in reversed(rows) if kind.chart_value(row) is not None), None)
        points.append((str(indicator.fiscal_year.year_be), kind.chart_value(last) if last else None,
                       last["met"] if last else None))
    return points


def district_trend(district, codes=None):
    """{indicator code: ([(“Q/BE”, value)], target)} of one district's results (of the KRs `codes`,
    or all) as each kind draws them: a few queries for each kind."""
    found = {}
    for kind in KINDS.values():
        found.update(kind.district_trend(district, codes))
    return found
