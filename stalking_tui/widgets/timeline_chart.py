"""A text chart of incidents per week with the concern level underneath; shapes, not colour, carry meaning."""

from rich.text import Text
from textual.widgets import Static

from ..domain.dates import format_date
from ..domain.levels import TRACK_SYMBOLS
from ..domain.timeline_stats import WeekStat
from ..i18n import _

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_ROWS = 2
LABEL_WIDTH = 6
"""Characters left of the chart for the axis labels ("max 12", "zorg")."""


def chart_lines(stats: list[WeekStat], width: int) -> list[str]:
    """Return the chart as lines of at most `width` characters: title, bars, level row, date axis."""
    title = _("Incidenten per week · zorg: ▁ laag ▄ midden █ hoog ‼ acuut ? ongescreend")
    if not stats:
        return [title[:width], _("Nog geen gebeurtenissen.")]

    available = max(1, width - LABEL_WIDTH - 1)
    stats = stats[-available:]
    cell = max(1, min(3, available // len(stats)))
    peak = max(stat.incidents for stat in stats)
    units = [round(stat.incidents / peak * BAR_ROWS * 8) if peak else 0 for stat in stats]

    lines = [title[:width]]
    for row in reversed(range(BAR_ROWS)):
        cells = []
        for stat, unit in zip(stats, units, strict=True):
            fill = max(0, min(8, unit - row * 8))
            # A week without incidents shows a dot on the base line, so every week is visible.
            char = "·" if row == 0 and stat.incidents == 0 else EIGHTHS[fill]
            cells.append(char * cell)
        lines.append(_axis_label(row, peak) + "".join(cells))

    levels = "".join((TRACK_SYMBOLS[stat.track] if stat.track else " ") * cell for stat in stats)
    lines.append(f"{_('zorg'):<{LABEL_WIDTH}}" + levels)

    first, last = format_date(stats[0].start), format_date(stats[-1].start)
    gap = max(1, len(stats) * cell - len(first) - len(last))
    lines.append(" " * LABEL_WIDTH + (first + " " * gap + last if len(stats) * cell > len(first) + len(last) else last))
    return [line[:width] for line in lines]


def _axis_label(row: int, peak: int) -> str:
    """Return the y-axis label: the peak count on the top row, 0 on the bottom row."""
    if row == BAR_ROWS - 1 and peak > 0:
        return f"{peak:>{LABEL_WIDTH - 1}} "
    if row == 0:
        return f"{0:>{LABEL_WIDTH - 1}} "
    return " " * LABEL_WIDTH


def chart_summary(stats: list[WeekStat]) -> str:
    """Return the chart in words, for screen readers: totals and the weeks with the most incidents."""
    if not stats:
        return _("Nog geen gebeurtenissen.")
    total = sum(stat.incidents for stat in stats)
    recent = sum(stat.incidents for stat in stats[-4:])
    return _("{total} incident(en) in {weeks} week/weken, waarvan {recent} in de laatste 4 weken.").format(
        total=total, weeks=len(stats), recent=recent,
    )


class TimelineChart(Static):
    """Shows `chart_lines` for the current stats and redraws on resize."""

    DEFAULT_CSS = """
    TimelineChart {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._stats: list[WeekStat] = []

    def show_stats(self, stats: list[WeekStat]) -> None:
        self._stats = stats
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        width = max(20, self.size.width - 2) if self.size.width else 76
        lines = chart_lines(self._stats, width)
        if self._stats:
            lines.append(chart_summary(self._stats)[:width])
        self.update(Text("\n".join(lines)))
