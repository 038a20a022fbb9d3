"""Every screening of a case, and a comparison of any two: changed answers and level."""

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ..domain.case import CaseState
from ..domain.events import Event, ScreeningCompleted
from ..domain.instrument import Instrument
from ..domain.levels import TRACK_SYMBOLS, Track
from ..domain.screening import practice_instrument
from ..domain.screening_compare import ScreeningComparison, compare_screenings
from ..i18n import _, current_language
from ..widgets.screening_pages import ANSWER_WORDS
from .case_base import CaseScopedScreen
from .timeline_text import event_time

PICK_MARK = "●"
DIRECTION_WORDS = {1: _("hoger"), 0: _("gelijk"), -1: _("lager")}


class ScreeningHistoryScreen(CaseScopedScreen):
    """A table of the screenings of one case; pick two with Space to compare them."""

    CSS_PATH = "screening_history.tcss"

    BINDINGS = [
        Binding("space", "pick", _("Kies"), id="history.pick"),
        Binding("escape", "back", _("Terug"), id="history.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._events: list[Event] = []
        self._instruments: dict[str, Instrument] = {}
        """Installed instruments and the practice list by checksum, for item texts."""
        self.picked: list[int] = []
        """Row numbers of the picked screenings, at most two, oldest pick first."""
        self.comparison: ScreeningComparison | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(_("Screenings van deze casus · Spatie kiest er twee om te vergelijken"), id="history-title")
        yield DataTable(id="screenings", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="comparison-pane", can_focus=False):
            yield Static(_("Nog niets gekozen."), id="comparison", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#screenings", DataTable)
        for label, width in ((" ", 1), ("#", 2), (_("Datum"), 16), (_("Niveau"), 9), (_("Instrument"), 22), (_("Door"), 14)):
            table.add_column(label, width=width)
        table.focus()

    def show_case(self, state: CaseState) -> None:
        case_id = self.case_id

        def load(store: Any) -> tuple[list[Event], dict[str, Instrument]]:
            events = [event for event in store.timeline(case_id) if event.kind == "screening.completed"]
            instruments = {entry.instrument.checksum: entry.instrument for entry in store.list_instruments()}
            practice = practice_instrument()
            instruments[practice.checksum] = practice
            return events, instruments

        self.call_store(load, self._loaded)

    def _loaded(self, loaded: tuple[list[Event], dict[str, Instrument]]) -> None:
        self._events, self._instruments = loaded
        self.picked = [row for row in self.picked if row < len(self._events)]
        self._fill_table()
        self._show_comparison()

    def _fill_table(self) -> None:
        table = self.query_one("#screenings", DataTable)
        cursor = table.cursor_row
        table.clear()
        for number, event in enumerate(self._events):
            payload: ScreeningCompleted = event.parsed()
            level = f"{TRACK_SYMBOLS[Track(payload.level.value)]} {payload.level.value}"
            if payload.lowered_reason:
                level += " ⬇"
            instrument = f"{payload.instrument_id} {payload.instrument_version}"
            if payload.practice:
                instrument = _("oefenlijst") + f" {payload.instrument_version}"
            # Cells are Text objects, because a DataTable parses str cells as markup.
            table.add_row(*(Text(cell) for cell in (
                PICK_MARK if number in self.picked else "", str(number + 1), event_time(event), level, instrument,
                payload.assessor,
            )))
        if self._events:
            table.move_cursor(row=min(cursor, len(self._events) - 1))
        else:
            self.query_one("#comparison", Static).update(_("Deze casus heeft nog geen screening."))

    def action_pick(self) -> None:
        """Pick or unpick the screening under the cursor; a third pick replaces the oldest."""
        if not self._events:
            return
        row = self.query_one("#screenings", DataTable).cursor_row
        if row in self.picked:
            self.picked.remove(row)
        else:
            self.picked = [*self.picked, row][-2:]
        self._fill_table()
        self._show_comparison()

    @on(DataTable.RowSelected, "#screenings")
    def _row_selected(self) -> None:
        self.action_pick()

    def _show_comparison(self) -> None:
        pane = self.query_one("#comparison", Static)
        if len(self.picked) < 2:
            self.comparison = None
            if self._events:
                pane.update(_("Kies nog {count} screening(s) met Spatie of Enter.").format(count=2 - len(self.picked)))
            return

        earlier, later = sorted(self.picked)
        before: ScreeningCompleted = self._events[earlier].parsed()
        after: ScreeningCompleted = self._events[later].parsed()
        self.comparison = compare_screenings(before, after)
        pane.update(Text(self._comparison_text(earlier, later, before, after)))

    def _comparison_text(self, earlier: int, later: int, before: ScreeningCompleted, after: ScreeningCompleted) -> str:
        comparison = self.comparison
        lines = [
            _("Screening {earlier} ({at_earlier}) → screening {later} ({at_later})").format(
                earlier=earlier + 1, at_earlier=event_time(self._events[earlier]),
                later=later + 1, at_later=event_time(self._events[later]),
            ),
            _("Zorgniveau: {before} → {after} ({direction})").format(
                before=f"{TRACK_SYMBOLS[Track(before.level.value)]} {before.level.value}",
                after=f"{TRACK_SYMBOLS[Track(after.level.value)]} {after.level.value}",
                direction=DIRECTION_WORDS[comparison.level_direction],
            ),
        ]
        if not comparison.same_instrument:
            lines.append(_("⚠ Andere instrumentversie: vragen kunnen verschillen."))
        if not comparison.changes:
            lines.append(_("Geen antwoorden veranderd."))
            return "\n".join(lines)

        lines.append(_("{count} antwoord(en) veranderd:").format(count=len(comparison.changes)))
        texts = self._item_texts(before, after)
        for change in comparison.changes:
            lines.append(f"  • {texts.get(change.item_id, change.item_id)}: "
                         f"{ANSWER_WORDS[change.before]} → {ANSWER_WORDS[change.after]}")
        return "\n".join(lines)

    def _item_texts(self, *screenings: ScreeningCompleted) -> dict[str, str]:
        """Return item texts of the instruments used, when still installed; else ids are shown."""
        texts: dict[str, str] = {}
        for screening in screenings:
            instrument = self._instruments.get(screening.instrument_checksum)
            if instrument is not None:
                texts.update({item.id: item.text.get(current_language()) for item in instrument.items})
        return texts

    def action_back(self) -> None:
        self.app.pop_screen()
