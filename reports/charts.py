"""Bar charts drawn on the server as inline SVG (no JavaScript, no CDN; readable in print).
Only geometry is computed here; every figure comes from the achievement module. A chart of percents
runs 0–100; a chart of amounts (people, baht) runs from 0 to a round number above its target and
its largest bar, each in its unit (the kind says which: Kind.chart_value/chart_target/chart_unit)."""
import math
from dataclasses import dataclass, field
from decimal import Decimal

from okr_tracker.numbers import PERCENT, figure

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 560, 220, 12, 28, 36


@dataclass
class Bar:
    label: str
    value: Decimal | None
    x: int
    y: int
    height: int
    width: int
    met: bool | None
    text: str = ""


@dataclass
class BarChart:
    bars: list
    target: Decimal | None
    target_y: int
    unit: str = PERCENT
    top: Decimal = Decimal(100)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline_y: int = HEIGHT - BOTTOM
    gridlines: list = field(default_factory=list)

    @property
    def target_text(self):
        if self.target is None:
            return "–"
        return f"{figure(self.target, self.unit)}%" if self.unit == PERCENT else f"{figure(self.target, self.unit)} {self.unit}"


def _top(values, target, unit):
    if unit == PERCENT:
        return Decimal(100)
    highest = max([Decimal(value) for value in values if value is not None] + [Decimal(target or 0), Decimal(1)])
    step = Decimal(10) ** max(int(math.floor(math.log10(highest))), 0)  # a round number above the highest
    return (highest / step).to_integral_value(rounding="ROUND_CEILING") * step


def _y(value, top):
    plot = HEIGHT - TOP - BOTTOM
    return HEIGHT - BOTTOM - int(min(Decimal(value), top) * plot / top)


def bar_chart(points, target, unit=PERCENT):
    """points: [(label, value or None, met or None)] in order (met None: value ≥ target), in `unit`."""
    plot_width = WIDTH - LEFT - 8
    slot = plot_width // max(len(points), 1)
    bar_width = max(min(slot - 16, 80), 8)
    top = _top([point[1] for point in points], target, unit)
    bars = []
    for index, (label, value, *met) in enumerate(points):
        met = met[0] if met and met[0] is not None else (
            None if value is None or target is None else value >= target)
        y = _y(value, top) if value is not None else HEIGHT - BOTTOM
        bars.append(Bar(label=label, value=value, x=LEFT + index * slot + (slot - bar_width) // 2, y=y,
                        height=HEIGHT - BOTTOM - y, width=bar_width, met=met, text=figure(value, unit)))
    gridlines = [(figure(top * share / 4, unit) if unit != PERCENT else str(int(top * share / 4)), _y(top * share / 4, top))
                 for share in range(5)]
    return BarChart(bars=bars, target=target, target_y=_y(target, top) if target is not None else HEIGHT - BOTTOM,
                    unit=unit, top=top, gridlines=gridlines)
