"""The performance agreement's score of a result (BMA's agreement form, FY2561: "±10 percent a point").

A KR's criteria are five values v1…v5 in its unit and its good direction (the result that scores 1, 2,
3, 4, 5). At or beyond v5 → 5; at or short of v1 → 1; between vk and vk+1 → k + (result − vk) /
(vk+1 − vk); mirrored where lower is better (the values then fall). Four decimals, ROUND_HALF_UP.
Worked: 60/70/80/90/100 — 86.00 → 3.6000; 93.92 → 4.3920; 55 → 1.0000; 100 → 5.0000.

A district's total is Σ weight × score / Σ weight (weights add to 100), four decimals, ROUND_HALF_UP;
a KR without a result scores 1.0000 and is marked "no result" (what the agreement gives for no
evidence). Ranks are shared by equal totals (1, 2, 2, 4).
"""
from decimal import ROUND_HALF_UP, Decimal

FOUR_PLACES = Decimal("0.0001")
SUCCESS_LEVELS = [Decimal(level) for level in range(1, 6)]  # a success-level KR scores its own level


def _round(value):
    return Decimal(value).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def criteria_problem(values, direction="higher"):
    """Why five values cannot be criteria, or None: all given, strictly rising (falling where lower
    is better)."""
    from django.utils.translation import gettext as _

    if any(value is None for value in values) or len(values) != 5:
        return _("five values, one for each level from 1 to 5")
    values = [Decimal(value) for value in values]
    pairs = list(zip(values, values[1:]))
    if direction == "lower":
        if not all(a > b for a, b in pairs):
            return _("the five values must fall from level 1 to level 5 (lower is better)")
    elif not all(a < b for a, b in pairs):
        return _("the five values must rise from level 1 to level 5")
    return None


def score(result, values, direction="higher"):
    """The score (1.0000–5.0000) of `result` against criteria `values` (v1…v5), or None without a result."""
    if result is None:
        return None
    result = Decimal(result)
    values = [Decimal(value) for value in values]
    if direction == "lower":  # mirrored: a smaller result is better
        result, values = -result, [-value for value in values]
    if result >= values[4]:
        return _round(5)
    if result <= values[0]:
        return _round(1)
    for level, (low, high) in enumerate(zip(values, values[1:]), start=1):
        if low <= result < high:
            return _round(Decimal(level) + (result - low) / (high - low))
    return _round(1)  # not reached: the values rise


def weighted_total(items):
    """Σ weight × score / Σ weight of (weight, score) pairs; None without weights."""
    items = [(Decimal(weight), Decimal(score)) for weight, score in items]
    weights = sum(weight for weight, _score in items)
    if not weights:
        return None
    return _round(sum(weight * score for weight, score in items) / weights)


def ranks(totals):
    """{key: rank} of {key: total}, highest first; equal totals share a rank (1, 2, 2, 4); None is last."""
    ordered = sorted(totals.items(), key=lambda item: (item[1] is None, -(item[1] or 0)))
    found, previous, rank = {}, object(), 0
    for position, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            rank, previous = position, total
        found[key] = rank
    return found
