"""Each kind's arithmetic against a small oracle written here (issue 21): random tables of 1–100
districts in up to six groups, with Hypothesis. The oracle computes in exact fractions and rounds half
up by hand (floor(x × 100 + ½) / 100), so it shares no code with the kinds: totals, percent, met,
districts reporting and meeting their target, citywide and per group."""
from decimal import Decimal
from fractions import Fraction
from math import floor
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from indicators.kinds.amount import figures as amount
from indicators.kinds.community_share import figures as community_share
from indicators.kinds.district_share import figures as district_share
from indicators.kinds.success_level import figures as success_level

GROUPS = [SimpleNamespace(pk=number, order=number, code=f"G{number}", name_th=f"กลุ่ม {number}") for number in range(1, 7)]
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)


def half_up(value, places=2):
    """Exact half-up rounding of a Fraction (the oracle's own; not the code under test's)."""
    scale = 10 ** places
    rounded = Fraction(floor(Fraction(value) * scale + Fraction(1, 2)), scale)
    return Decimal(rounded.numerator) / Decimal(rounded.denominator) if places else int(rounded)


def districts(count, groups):
    return [SimpleNamespace(pk=number, code=f"{1000 + number}", name_th=f"เขต {number}", group=GROUPS[groups[number] % len(GROUPS)])
            for number in range(count)]


def oracle_groups(rows):
    by_group = {}
    for row in rows:
        by_group.setdefault(row.district.group.pk, []).append(row)
    return by_group


percents = st.integers(min_value=0, max_value=10000).map(lambda hundredths: Decimal(hundredths) / 100)


@st.composite
def community_tables(draw):
    count = draw(st.integers(1, 100))
    groups = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    target_percent = draw(percents)
    rows = []
    for district in districts(count, groups):
        communities = draw(st.integers(1, 400))
        target = draw(st.none() | st.integers(0, communities))
        achieved = draw(st.none() | st.integers(0, communities))
        rows.append(community_share.DistrictFigures(
            district=district, communities=communities,
            target_communities=target if target is not None else community_share.target_communities_for(communities, target_percent),
            target_from_table=target is not None, achieved=achieved))
    return rows, target_percent


@PROPERTY_SETTINGS
@given(st.integers(1, 10_000), percents)
@example(25, Decimal(90))  # seed 000: 22.5 → 23 (half to even would give 22)
@example(45, Decimal(90))  # 40.5 → 41
def test_a_computed_target_is_the_share_rounded_half_up(communities, target_percent):
    assert community_share.target_communities_for(communities, target_percent) == half_up(
        Fraction(communities) * Fraction(target_percent) / 100, 0)


def _check_community_totals(totals, rows, target_percent):
    reported = [row for row in rows if row.achieved is not None]
    assert totals.communities == sum(row.communities for row in rows)
    assert totals.target_communities == sum(row.target_communities for row in rows)
    assert totals.districts_reported == len(reported)
    assert totals.districts_meeting_target == sum(1 for row in reported if row.achieved >= row.target_communities)
    if not reported:
        assert totals.achieved is None and totals.percent is None and totals.met is None
        return
    achieved = sum(row.achieved for row in reported)
    expected = half_up(Fraction(achieved * 100, totals.communities))
    assert totals.achieved == achieved
    assert totals.percent == expected
    assert totals.met == (expected >= target_percent)


@PROPERTY_SETTINGS
@given(community_tables())
@example(([community_share.DistrictFigures(district=districts(1, [0])[0], communities=20000, target_communities=1,
                                           target_from_table=True, achieved=1)], Decimal("0.01")))  # 0.005 → 0.01
def test_share_of_units_totals_match_the_oracle(table):
    rows, target_percent = table
    summary = community_share.summarise_community_share(rows, target_percent)
    _check_community_totals(summary, rows, target_percent)
    for row in rows:
        expected = None if row.achieved is None else half_up(Fraction(row.achieved * 100, row.communities))
        assert row.percent == expected
        assert row.met == (None if row.achieved is None else row.achieved >= row.target_communities)
    by_group = oracle_groups(rows)
    assert [totals.group.pk for totals in summary.groups] == sorted(by_group)
    for totals in summary.groups:
        _check_community_totals(totals, by_group[totals.group.pk], target_percent)


@st.composite
def answer_tables(draw):
    count = draw(st.integers(1, 100))
    groups = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    rows = [district_share.DistrictAnswer(district=district, answered_yes=draw(st.none() | st.booleans()),
                                          projects=draw(st.none() | st.integers(0, 50)))
            for district in districts(count, groups)]
    return rows, draw(percents)


def _check_answer_totals(totals, rows, target_percent):
    reported = [row for row in rows if row.answered_yes is not None]
    yes = sum(1 for row in rows if row.answered_yes)
    assert totals.districts_reported == len(reported)
    assert totals.districts_yes == yes == totals.districts_meeting_target
    projects = [row.projects for row in rows if row.projects is not None]
    assert totals.projects == (sum(projects) if projects else None)
    if not reported:
        assert totals.percent is None and totals.met is None
        return
    expected = half_up(Fraction(yes * 100, len(rows)))
    assert totals.percent == expected
    assert totals.met == (expected >= target_percent)


@PROPERTY_SETTINGS
@given(answer_tables())
def test_share_of_districts_totals_match_the_oracle(table):
    rows, target_percent = table
    summary = district_share.summarise_district_share(rows, target_percent)
    assert summary.districts_total == len(rows)
    _check_answer_totals(summary, rows, target_percent)
    by_group = oracle_groups(rows)
    for totals in summary.groups:
        assert totals.districts_total == len(by_group[totals.group.pk])
        _check_answer_totals(totals, by_group[totals.group.pk], target_percent)


money = st.integers(min_value=0, max_value=10**12).map(lambda satang: Decimal(satang) / 100)


@st.composite
def amount_tables(draw):
    count = draw(st.integers(1, 100))
    groups = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    direction = draw(st.sampled_from(["higher", "lower"]))
    indicator = SimpleNamespace(target_value=draw(st.none() | money), direction=direction, target_percent=Decimal(0))
    rows = [amount.AmountRow(district=district, target=draw(st.none() | money), direction=direction,
                             amount=draw(st.none() | money)) for district in districts(count, groups)]
    return rows, indicator


def _meets(value, target, direction):
    if value is None or target is None:
        return None
    return value <= target if direction == "lower" else value >= target


def _check_amount_totals(totals, rows, indicator):
    amounts = [row.amount for row in rows if row.amount is not None]
    targets = [row.target for row in rows if row.target is not None]
    value = half_up(sum(Fraction(a) for a in amounts)) if amounts else None
    assert totals.value == value
    assert totals.target == (half_up(sum(Fraction(t) for t in targets)) if targets else None)
    assert totals.districts_reported == len(amounts)
    assert totals.districts_meeting_target == sum(1 for row in rows if _meets(row.amount, row.target, row.direction))
    assert totals.met == _meets(value, indicator.target_value, indicator.direction)


@PROPERTY_SETTINGS
@given(amount_tables())
def test_amount_totals_match_the_oracle_in_both_directions(table):
    rows, indicator = table
    summary = amount.summarise_amount(rows, indicator)
    _check_amount_totals(summary, rows, indicator)
    for row in rows:
        assert row.met == _meets(row.amount, row.target, row.direction)
    by_group = oracle_groups(rows)
    for totals in summary.groups:
        _check_amount_totals(totals, by_group[totals.group.pk], indicator)


@st.composite
def level_tables(draw):
    count = draw(st.integers(1, 100))
    groups = draw(st.lists(st.integers(0, 5), min_size=count, max_size=count))
    goal = draw(st.integers(1, 5))
    indicator = SimpleNamespace(target_value=Decimal(goal), target_percent=draw(percents))
    rows = [success_level.LevelRow(district=district, target_level=goal, level=draw(st.none() | st.integers(1, 5)))
            for district in districts(count, groups)]
    return rows, indicator


def _check_level_totals(totals, rows, indicator):
    goal = int(indicator.target_value)
    levels = [row.level for row in rows if row.level is not None]
    at_target = sum(1 for level in levels if level >= goal)
    assert totals.districts_reported == len(levels)
    assert totals.districts_meeting_target == at_target
    assert totals.mean_level == (half_up(Fraction(sum(levels), len(levels))) if levels else None)
    if not levels:
        assert totals.percent is None and totals.met is None
        return
    expected = half_up(Fraction(at_target * 100, len(rows)))
    assert totals.percent == expected
    assert totals.met == (expected >= indicator.target_percent)


@PROPERTY_SETTINGS
@given(level_tables())
def test_success_level_totals_match_the_oracle(table):
    rows, indicator = table
    summary = success_level.summarise_level(rows, indicator)
    assert summary.target_level == int(indicator.target_value)
    _check_level_totals(summary, rows, indicator)
    by_group = oracle_groups(rows)
    for totals in summary.groups:
        _check_level_totals(totals, by_group[totals.group.pk], indicator)
