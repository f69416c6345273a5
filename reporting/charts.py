"""Geometry of the server-drawn bar charts (templates/reporting/monitoring/_hbar_chart.html): pure code.

Every chart is horizontal bars of percentages, one band per row (an urusan, a quarter, a year) and one bar
per series, each bar with its value written after it and gridlines at 0, 50 and 100 %. The SVG's user
units are CSS pixels at the chart's natural width (``WIDTH``), so its text is drawn at body size.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from reporting import calculations

WIDTH = 480  # the SVG's natural width; the CSS never draws it wider
PLOT = 380  # 100 % in user units; the value text fits after a full bar
LABEL_HEIGHT = 24  # the row's label above its bars
BAR_HEIGHT = 18
BAR_GAP = 4
BAND_GAP = 14
AXIS_HEIGHT = 24  # the gridline labels on top
GRIDLINES = (0, 50, 100)


@dataclass
class Bar:
    series: int
    name: str
    y: int
    width: Decimal
    value: Decimal | None
    text: str
    text_x: Decimal

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass
class Band:
    label: str
    y: int
    height: int
    bars: list[Bar]


@dataclass
class Gridline:
    x: int
    label: str

    @property
    def anchor(self) -> str:
        """The 0 % label starts at the left edge; the others are centred on their line."""
        return "start" if self.x == 0 else "middle"


@dataclass
class BarChart:
    bands: list[Band]
    series: list[str]
    width: int = WIDTH
    height: int = 0
    gridlines: list[Gridline] = field(default_factory=list)
    plot_top: int = AXIS_HEIGHT

    @property
    def plot_bottom(self) -> int:
        return max(self.height - BAND_GAP, self.plot_top)


def bar_width(value: Decimal | None) -> Decimal:
    """The drawn length of a percentage, clamped to 0-100 %: ``bar_width(Decimal(50)) == Decimal(190)``."""
    if value is None:
        return Decimal(0)
    clamped = min(max(Decimal(value), Decimal(0)), Decimal(100))
    return (clamped * PLOT / 100).quantize(Decimal("0.1"))


def bar_chart(rows, series: list[str]) -> BarChart:
    """``rows``: dicts with ``label`` and ``values`` (one percentage or ``None`` per series)."""
    bands, y = [], AXIS_HEIGHT
    band_height = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP)
    for row in rows:
        bars = []
        for index, value in enumerate(row["values"]):
            width = bar_width(value)
            bars.append(
                Bar(
                    series=index,
                    name=series[index] if index < len(series) else "",
                    y=LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP),
                    width=width,
                    value=value,
                    text=calculations.format_percent(value),
                    text_x=width + 6,
                )
            )
        bands.append(Band(label=row["label"], y=y, height=band_height, bars=bars))
        y += band_height + BAND_GAP
    return BarChart(
        bands=bands,
        series=series,
        height=y,
        gridlines=[Gridline(x=g * PLOT // 100, label=f"{g} %") for g in GRIDLINES],
    )
