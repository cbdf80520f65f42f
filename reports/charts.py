"""Bar charts drawn on the server as inline SVG (no JavaScript, no CDN; readable in print).
Only geometry is computed here; every figure comes from the achievement module."""
from dataclasses import dataclass
from decimal import Decimal

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


@dataclass
class BarChart:
    bars: list
    target: Decimal
    target_y: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline_y: int = HEIGHT - BOTTOM

    @property
    def gridlines(self):
        return [(percent, self._y(Decimal(percent))) for percent in (0, 25, 50, 75, 100)]

    @staticmethod
    def _y(percent):
        plot = HEIGHT - TOP - BOTTOM
        return HEIGHT - BOTTOM - int(min(percent, Decimal(100)) * plot / 100)


def bar_chart(points, target):
    """points: [(label, percent or None)], in order."""
    plot_width = WIDTH - LEFT - 8
    slot = plot_width // max(len(points), 1)
    bar_width = max(min(slot - 16, 80), 8)
    bars = []
    for index, (label, value) in enumerate(points):
        y = BarChart._y(value) if value is not None else HEIGHT - BOTTOM
        bars.append(Bar(label=label, value=value, x=LEFT + index * slot + (slot - bar_width) // 2, y=y,
                        height=HEIGHT - BOTTOM - y, width=bar_width,
                        met=None if value is None else value >= target))
    return BarChart(bars=bars, target=target, target_y=BarChart._y(target))
