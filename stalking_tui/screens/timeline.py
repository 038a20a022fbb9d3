"""The timeline (logboek stalking): every event of one case in log order, with filter and search."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from ..domain.case import CaseState
from ..domain.events import Event
from ..domain.text import fold, matches
from ..i18n import _
from .case_base import CaseScopedScreen
from .incident import IncidentDialog, NoteDialog
from .timeline_text import FILTERS, actor_text, describe, details, event_time

TIME_WIDTH = 16
ACTOR_WIDTH = 18
MIN_DESCRIPTION_WIDTH = 20


class TimelineScreen(CaseScopedScreen):
    """Every event of a case ordered by its hybrid logical clock, as the shared case log."""

    CSS_PATH = "timeline.tcss"

    BINDINGS = [
        Binding("i", "add_incident", _("Incident"), id="timeline.incident"),
        Binding("n", "add_note", _("Notitie"), id="timeline.note"),
        Binding("slash", "focus_search", _("Zoeken"), id="timeline.search"),
        Binding("escape", "back", _("Terug"), id="timeline.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._events: list[Event] = []
        self._folded: dict[str, str] = {}
        """Folded description and actor per event id, so search ignores case and accents."""
        self._visible: list[Event] = []
        """The events that pass the current filter and search, in display order."""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="case-title", markup=False)
        with Horizontal(id="filter-bar"):
            yield Select(
                [(label, key) for key, (label, _kinds) in FILTERS.items()],
                value="all", allow_blank=False, id="kind-filter", compact=True,
            )
            yield Input(placeholder=_("Zoek in het logboek (/)"), id="search", compact=True)
        table = DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="empty", markup=False)
        yield Static("", id="detail", markup=False)

    def on_mount(self) -> None:
        self.query_one("#events", DataTable).focus()

    def show_case(self, state: CaseState) -> None:
        title = _("Logboek {number} · {victim}").format(number=state.number, victim=state.victim.name)
        self.query_one("#case-title", Static).update(Text(title))
        case_id = self.case_id
        self.call_store(lambda store: store.timeline(case_id), self._events_loaded)

    def _events_loaded(self, events: list[Event]) -> None:
        routes = getattr(self.app, "routes", None)
        self._events = events
        self._folded = {
            event.id: fold(f"{describe(event, routes)} {actor_text(event)} {details(event, routes)}")
            for event in events
        }
        self._refresh_table()

    @on(Select.Changed, "#kind-filter")
    @on(Input.Changed, "#search")
    def _filter_changed(self) -> None:
        self._refresh_table()

    def _refresh_table(self) -> None:
        """Rebuild the rows for the current filter and search text."""
        kinds = FILTERS[self.query_one("#kind-filter", Select).value][1]
        query = self.query_one("#search", Input).value
        self._visible = [
            event for event in self._events
            if (kinds is None or event.kind in kinds) and matches(query, self._folded[event.id])
        ]

        table = self.query_one("#events", DataTable)
        table.clear(columns=True)
        routes = getattr(self.app, "routes", None)
        description_width = max(MIN_DESCRIPTION_WIDTH, table.size.width - TIME_WIDTH - ACTOR_WIDTH - 7)
        table.add_column(_("Tijd"), width=TIME_WIDTH)
        table.add_column(_("Door"), width=ACTOR_WIDTH)
        table.add_column(_("Gebeurtenis"), width=description_width)
        # Cells are Text objects, because a DataTable parses str cells as markup.
        table.add_rows(
            (Text(event_time(event)), Text(actor_text(event)), Text(describe(event, routes)))
            for event in self._visible
        )

        empty = ""
        if not self._visible:
            empty = _("ⓘ Geen gebeurtenissen voor dit filter.") if self._events else _("ⓘ Nog geen gebeurtenissen.")
        self.query_one("#empty", Static).update(empty)
        self.query_one("#empty", Static).display = bool(empty)

        # The newest event is the one a caseworker usually looks for first.
        last = len(self._visible) - 1
        table.move_cursor(row=max(last, 0))
        self._show_detail(last)

    @on(DataTable.RowHighlighted, "#events")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        text = ""
        if 0 <= row < len(self._visible):
            text = details(self._visible[row], getattr(self.app, "routes", None))
        self.query_one("#detail", Static).update(Text(text))

    def shown_events(self) -> list[Event]:
        """Return the events the table shows now, in display order."""
        return list(self._visible)

    def action_add_incident(self) -> None:
        self.app.push_screen(IncidentDialog(), self._incident_entered)

    def _incident_entered(self, payload: dict | None) -> None:
        if payload is not None:
            self.record_event("incident.recorded", payload, lambda _state: self.notify(_("Incident vastgelegd.")))

    def action_add_note(self) -> None:
        self.app.push_screen(NoteDialog(), self._note_entered)

    def _note_entered(self, payload: dict | None) -> None:
        if payload is not None:
            self.record_event("note.added", payload, lambda _state: self.notify(_("Notitie vastgelegd.")))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        # Escape in the search field returns to the table first, so it never leaves by accident.
        if self.focused is self.query_one("#search", Input):
            self.query_one("#events", DataTable).focus()
            return
        self.app.pop_screen()
