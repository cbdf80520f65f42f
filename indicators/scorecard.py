"""A district's year under its performance agreement, as BMA Policy Tracking scores it: every KR of
its agreement with weight, criteria, result, score and weighted score; subtotals by dimension; the
total; its rank among the districts and within its group. The rules are in indicators/scoring.py.

The result a KR scores is the district's approved figure at the end of the chosen quarter, or, where
it has none there, at the latest earlier quarter of the year that has one (a year-to-date figure); at
the end of the year, the year-end figure. Where the Strategy and Evaluation Department (สยป.) has
assessed a quarter at least as late, its assessed result is scored instead, the reported one shown
beside it. Every district's scorecard is computed at once (the ranks
need them all): one summary per KR and quarter, whatever the number of districts.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from . import scoring, summaries
from .kinds import kind_of
from .models import AgreementItem, Assessment, FiscalYear, ScoringCriteria


@dataclass
class ScoredKR:
    item: AgreementItem
    criteria: list | None
    result: Decimal | None  # the figure scored: the assessed one where there is one, else the reported one
    result_quarter: int | None
    score: Decimal | None
    reported: Decimal | None = None  # the district's own figure (of the same quarter)
    assessed: bool = False  # whether the result is the evaluator's (สยป.)
    comment: str = ""  # the evaluator's comment

    @property
    def indicator(self):
        return self.item.indicator

    @property
    def no_result(self):
        return self.result is None

    @property
    def weighted_score(self):
        """weight × score / 100: the KR's share of the total."""
        return None if self.score is None else scoring._round(self.item.weight * self.score / 100)


@dataclass
class Dimension:
    name: str
    krs: list = field(default_factory=list)

    @property
    def weight(self):
        return sum((kr.item.weight for kr in self.krs), Decimal(0))

    @property
    def weighted_score(self):
        return scoring._round(sum((kr.weighted_score or 0 for kr in self.krs), Decimal(0)))


@dataclass
class Scorecard:
    district: object
    year: int
    quarter: int
    krs: list
    total: Decimal | None = None
    rank: int | None = None
    ranked: int = 0
    rank_in_group: int | None = None
    ranked_in_group: int = 0

    @property
    def dimensions(self):
        found = {}
        for kr in self.krs:
            found.setdefault(kr.item.dimension, Dimension(kr.item.dimension)).krs.append(kr)
        return list(found.values())


def criteria_for(indicator, district, criteria):
    """The district's own criteria, else the KR's, else its kind's (a success level: its levels)."""
    return (criteria.get((indicator.pk, district.pk)) or criteria.get((indicator.pk, None))
            or kind_of(indicator).default_criteria(indicator))


def scorecards(year_be, quarter_number=4):
    """{district pk: Scorecard} of every district with an agreement for the fiscal year, ranked."""
    year = FiscalYear.objects.get(year_be=year_be)
    items = list(AgreementItem.objects.filter(indicator__fiscal_year=year)
                 .select_related("district__group", "indicator__fiscal_year").order_by("district__code", "order", "pk"))
    indicators = {item.indicator_id: item.indicator for item in items}
    criteria = {(row.indicator_id, row.district_id): row.values
                for row in ScoringCriteria.objects.filter(indicator__in=list(indicators))}
    quarters = list(year.quarters.filter(number__lte=quarter_number).order_by("-number"))
    results = defaultdict(dict)  # indicator pk → district pk → (result, quarter number), the latest first found
    for indicator in indicators.values():
        kind = kind_of(indicator)
        for quarter in quarters:
            for row in summaries.summarise(indicator, quarter).districts:
                value = kind.score_result(row)
                if value is not None and row.district.pk not in results[indicator.pk]:
                    results[indicator.pk][row.district.pk] = (value, quarter.number)
    assessed = {}  # (indicator pk, district pk) → the latest assessment of the year up to the quarter
    for assessment in (Assessment.objects.filter(indicator__in=list(indicators), quarter__fiscal_year=year,
                                                 quarter__number__lte=quarter_number)
                       .select_related("quarter").order_by("quarter__number")):
        assessed[(assessment.indicator_id, assessment.district_id)] = assessment
    cards = {}
    for item in items:
        district = item.district
        card = cards.setdefault(district.pk, Scorecard(district=district, year=year_be, quarter=quarter_number, krs=[]))
        values = criteria_for(item.indicator, district, criteria)
        result, result_quarter = results[item.indicator_id].get(district.pk, (None, None))
        reported, assessment = result, assessed.get((item.indicator_id, district.pk))
        if assessment is not None and (result_quarter is None or assessment.quarter.number >= result_quarter):
            result, result_quarter = assessment.result, assessment.quarter.number
        if values is None:
            score = None
        elif result is None:
            score = scoring._round(1)  # no result: scored 1.0000, marked "no result"
        else:
            score = scoring.score(result, values, item.indicator.direction)
        used = assessment is not None and result is assessment.result
        card.krs.append(ScoredKR(item=item, criteria=values, result=result, result_quarter=result_quarter, score=score,
                                 reported=reported, assessed=used, comment=assessment.comment if used else ""))
    for card in cards.values():
        card.total = scoring.weighted_total([(kr.item.weight, kr.score) for kr in card.krs if kr.score is not None])
    overall = scoring.ranks({pk: card.total for pk, card in cards.items()})
    by_group = defaultdict(dict)
    for pk, card in cards.items():
        by_group[card.district.group_id][pk] = card.total
    in_group = {pk: rank for totals in by_group.values() for pk, rank in scoring.ranks(totals).items()}
    for pk, card in cards.items():
        card.rank, card.ranked = overall[pk], len(cards)
        card.rank_in_group, card.ranked_in_group = in_group[pk], len(by_group[card.district.group_id])
    return cards


def as_dict(card):
    """The scorecard as plain data: `scorecard --format json` and the pages' tests."""
    def number(value):
        return None if value is None else f"{value:.4f}"

    return {
        "district": card.district.code, "district_name": card.district.name_th, "group": card.district.group.name_th,
        "year": card.year, "quarter": card.quarter, "total": number(card.total),
        "rank": card.rank, "of": card.ranked, "rank_in_group": card.rank_in_group, "of_in_group": card.ranked_in_group,
        "dimensions": [{"dimension": dimension.name, "weight": f"{dimension.weight:.2f}",
                        "weighted_score": number(dimension.weighted_score)} for dimension in card.dimensions],
        "krs": [{"code": kr.indicator.code, "title": kr.indicator.title, "kind": kr.indicator.kind,
                 "dimension": kr.item.dimension, "weight": f"{kr.item.weight:.2f}",
                 "criteria": None if kr.criteria is None else [f"{Decimal(value):.2f}" for value in kr.criteria],
                 "result": None if kr.result is None else f"{kr.result:.2f}", "result_quarter": kr.result_quarter,
                 "no_result": kr.no_result, "score": number(kr.score), "weighted_score": number(kr.weighted_score),
                 "reported": None if kr.reported is None else f"{kr.reported:.2f}", "assessed": kr.assessed}
                for kr in card.krs],
    }
