"""Success levels (ระดับความสำเร็จ, 1–5): a district meets when its level ≥ the target level;
the totals count the districts at the target level among all districts."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from districts.models import District
from indicators.achievement import Tally, mean, meets, percent
from indicators.models import DistrictResult, Indicator

from ..common import by_group as _by_group
from ..common import districts as _districts


@dataclass
class LevelRow:
    district: District
    target_level: int | None
    level: int | None = None
    percent = None

    @property
    def reported(self):
        return self.level is not None

    @property
    def met(self):
        if self.level is None or self.target_level is None:
            return None
        return self.level >= self.target_level


@dataclass
class LevelTotals(Tally):
    target_level: int | None
    target_percent: Decimal
    districts: list = field(default_factory=list)
    group: object = None



    @property
    def districts_total(self):
        return len(self.districts)

    @property
    def percent(self):
        """Districts at the target level × 100 / districts."""
        if not self.districts_reported:
            return None
        return percent(self.districts_meeting_target, self.districts_total)

    @property
    def mean_level(self):
        return mean(row.level for row in self.districts)

    @property
    def met(self):
        return meets(self.percent, self.target_percent)


@dataclass
class LevelSummary(LevelTotals):
    indicator: Indicator = None
    quarter: object = None
    groups: list = field(default_factory=list)


def target_level(indicator):
    return int(indicator.target_value) if indicator.target_value is not None else None


def level_rows(indicator, quarter=None, pending=None):
    levels = {}
    if quarter is not None:
        levels = dict(DistrictResult.objects.filter(indicator=indicator, quarter=quarter, level__isnull=False)
                      .values_list("district_id", "level"))
        levels.update({district_id: report.level for district_id, report in (pending or {}).items()
                       if report.level is not None})
    goal = target_level(indicator)
    return [LevelRow(district=district, target_level=goal, level=levels.get(district.pk)) for district in _districts()]


def summarise_level(rows, indicator, quarter=None):
    goal = target_level(indicator)
    return LevelSummary(target_level=goal, target_percent=indicator.target_percent, districts=list(rows),
                        indicator=indicator, quarter=quarter,
                        groups=_by_group(rows, lambda group: LevelTotals(goal, indicator.target_percent, group=group)))


def level_overviews(indicators, quarters):
    """Districts at each KR's target level per quarter, from one query of counts by level."""
    districts_total = District.objects.count()
    by_level = defaultdict(list)
    for row in (DistrictResult.objects.filter(indicator__in=indicators, level__isnull=False)
                .values("indicator_id", "quarter_id", "level").annotate(count=Count("pk"))):
        by_level[(row["indicator_id"], row["quarter_id"])].append((row["level"], row["count"]))
    found = {}
    for indicator in indicators:
        goal = target_level(indicator) or 0
        overview = []
        for quarter in quarters:
            levels = by_level.get((indicator.pk, quarter.pk))
            at_target = sum(count for level, count in levels if level >= goal) if levels else None
            value = percent(at_target, districts_total) if levels else None
            overview.append({"quarter": quarter, "numerator": at_target,
                             "denominator": districts_total, "districts_reported": sum(count for _level, count in levels) if levels else 0,
                             "percent": value, "met": meets(value, indicator.target_percent)})
        found[indicator.pk] = overview
    return found

