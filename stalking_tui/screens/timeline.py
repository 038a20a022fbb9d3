"""The timeline (logboek stalking): every event of one case in log order, with filters, search,
a chart of incidents per week, and Enter to open the screen an event belongs to."""

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from ..domain import dates
from ..domain.case import CaseState
from ..domain.events import Event
from ..domain.routemap import RouteMap
from ..domain.text import fold, matches
from ..domain.timeline_stats import WeekStat, weekly_stats
from ..i18n import _
from ..widgets.timeline_chart import TimelineChart
from .case_base import CaseScopedScreen
from .incident import IncidentDialog, NoteDialog
from .timeline_text import FILTERS, actor_text, describe, details, event_time

PARTY_FILTERS = {
    "all": _("alle partijen"),
    "victim": _("slachtoffer"),
    "perpetrator": _("pleger"),
    "third_party": _("derde"),
    "professional": _("professional"),
}

# Target of Enter on an event: the plan screen, or the case screen for process events.
PLAN_KINDS = frozenset({"plan.saved"})
CASE_KINDS = frozenset({
    "case.reported", "notification.recorded", "screening.completed", "step.marked", "track.changed",
    "case.escalated", "role.appointed", "case.deescalated", "case.reopened", "signal.acknowledged",
})
FOLLOWUP_KINDS = frozenset({
    "measure.recorded", "measure.breached", "detention.recorded", "case.closed", "waakvlam.checked",
})
CONFLICT_KINDS = frozenset({"conflict.resolved"})


@dataclass
class TimelineData:
    """Everything the table needs, prepared in the store worker so the UI thread only fills rows."""

    events: list[Event] = field(default_factory=list)
    rows: list[tuple[Text, Text, Text]] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    """Folded description, actor and details per event, so search ignores case and accents."""
    parties: list[frozenset[str]] = field(default_factory=list)
    """The parties each event concerns (keys of PARTY_FILTERS)."""
    stats: list[WeekStat] = field(default_factory=list)


def prepare_timeline(events: list[Event], routes: RouteMap | None, victim: str, perpetrator: str) -> TimelineData:
    """Describe, fold and count `events`; pure, so it can run in a worker thread."""
    data = TimelineData(events=events, stats=weekly_stats(events, dates.today()))
    victim_folded, perpetrator_folded = fold(victim), fold(perpetrator)
    for event in events:
        description = describe(event, routes)
        # The description holds the head and the free text, so details() would only add the role.
        folded = fold(f"{description} {actor_text(event)} {event.actor.role}")
        parties = set()
        if event.kind == "incident.recorded":
            parties.add(event.payload.get("reporter", ""))
        if event.kind == "case.reported":
            parties |= {"victim", "perpetrator"}
        if victim_folded and victim_folded in folded:
            parties.add("victim")
        if perpetrator_folded and perpetrator_folded in folded:
            parties.add("perpetrator")
        data.rows.append((Text(event_time(event)), Text(actor_text(event)), Text(description)))
        data.folded.append(folded)
        data.parties.append(frozenset(parties))
    return data

TIME_WIDTH = 16
ACTOR_WIDTH = 18
MIN_DESCRIPTION_WIDTH = 20


class TimelineScreen(CaseScopedScreen):
    """Every event of a case ordered by its hybrid logical clock, as the shared case log."""

    CSS_PATH = "timeline.tcss"

    BINDINGS = [
        Binding("i", "add_incident", _("Incident"), id="timeline.incident"),
        Binding("g", "toggle_chart", _("Grafiek"), id="timeline.chart"),
        Binding("n", "add_note", _("Notitie"), id="timeline.note"),
        Binding("slash", "focus_search", _("Zoeken"), id="timeline.search"),
        Binding("escape", "back", _("Terug"), id="timeline.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._data = TimelineData()
        self._visible: list[int] = []
        """Indexes into `self._data` of the events that pass the filters and search, in display order."""
        self._loaded = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="case-title", markup=False)
        with Horizontal(id="filter-bar"):
            yield Select(
                [(label, key) for key, (label, _kinds) in FILTERS.items()],
                value="all", allow_blank=False, id="kind-filter", compact=True,
            )
            yield Select([(_("alle organisaties"), "all")], value="all", allow_blank=False, id="org-filter", compact=True)
            yield Select(
                [(label, key) for key, label in PARTY_FILTERS.items()],
                value="all", allow_blank=False, id="party-filter", compact=True,
            )
            yield Input(placeholder=_("Zoek (/)"), id="search", compact=True)
        yield TimelineChart(id="chart")
        table = DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(_("ⓘ Logboek laden…"), id="empty", markup=False)
        yield Static("", id="detail", markup=False)

    def on_mount(self) -> None:
        self.query_one("#events", DataTable).focus()

    def show_case(self, state: CaseState) -> None:
        title = _("Logboek {number} · {victim}").format(number=state.number, victim=state.victim.name)
        self.query_one("#case-title", Static).update(Text(title))
        case_id = self.case_id
        routes = getattr(self.app, "routes", None)
        victim, perpetrator = state.victim.name, state.perpetrator.name

        # Describing thousands of events takes time, so it happens in the worker with the read.
        def load(store: Any) -> TimelineData:
            return prepare_timeline(store.timeline(case_id), routes, victim, perpetrator)

        self.call_store(load, self._events_loaded)

    def _events_loaded(self, data: TimelineData) -> None:
        self._data = data
        self._loaded = True
        organisations = sorted({event.actor.organisation for event in data.events})
        org_filter = self.query_one("#org-filter", Select)
        chosen = org_filter.value
        org_filter.set_options([(_("alle organisaties"), "all"), *((Text(org), org) for org in organisations)])
        org_filter.value = chosen if chosen in organisations else "all"
        self.query_one("#chart", TimelineChart).show_stats(data.stats)
        self._refresh_table()

    @on(Select.Changed, "#kind-filter")
    @on(Select.Changed, "#org-filter")
    @on(Select.Changed, "#party-filter")
    @on(Input.Changed, "#search")
    def _filter_changed(self) -> None:
        if self._loaded:
            self._refresh_table()

    def _refresh_table(self) -> None:
        """Rebuild the rows for the current filters and search text."""
        kinds = FILTERS[self.query_one("#kind-filter", Select).value][1]
        organisation = self.query_one("#org-filter", Select).value
        party = self.query_one("#party-filter", Select).value
        query = self.query_one("#search", Input).value
        data = self._data
        self._visible = [
            index for index, event in enumerate(data.events)
            if (kinds is None or event.kind in kinds)
            and (organisation == "all" or event.actor.organisation == organisation)
            and (party == "all" or party in data.parties[index])
            and matches(query, data.folded[index])
        ]

        table = self.query_one("#events", DataTable)
        table.clear(columns=True)
        description_width = max(MIN_DESCRIPTION_WIDTH, table.size.width - TIME_WIDTH - ACTOR_WIDTH - 7)
        table.add_column(_("Tijd"), width=TIME_WIDTH)
        table.add_column(_("Door (organisatie)"), width=ACTOR_WIDTH)
        table.add_column(_("Gebeurtenis"), width=description_width)
        # Cells are Text objects, because a DataTable parses str cells as markup.
        table.add_rows(data.rows[index] for index in self._visible)

        empty = ""
        if not self._visible:
            empty = _("ⓘ Geen gebeurtenissen voor dit filter.") if data.events else _("ⓘ Nog geen gebeurtenissen.")
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
            event = self._data.events[self._visible[row]]
            text = details(event, getattr(self.app, "routes", None))
            if event.kind in PLAN_KINDS | CASE_KINDS | FOLLOWUP_KINDS | CONFLICT_KINDS:
                text += "\n" + _("↵ Enter opent het bijbehorende scherm.")
        self.query_one("#detail", Static).update(Text(text))

    def shown_events(self) -> list[Event]:
        """Return the events the table shows now, in display order."""
        return [self._data.events[index] for index in self._visible]

    @on(DataTable.RowSelected, "#events")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self._visible):
            self.open_related(self._data.events[self._visible[event.cursor_row]])

    def open_related(self, event: Event) -> None:
        """Open the screen `event` belongs to: the plan, the follow-up, the conflicts or the case screen."""
        if event.kind in PLAN_KINDS:
            from .plan import PlanScreen

            self.app.push_screen(PlanScreen(self.case_id))
        elif event.kind in FOLLOWUP_KINDS:
            from .followup import FollowUpScreen

            self.app.push_screen(FollowUpScreen(self.case_id))
        elif event.kind in CONFLICT_KINDS:
            from .conflicts import ConflictsScreen

            self.app.push_screen(ConflictsScreen(self.case_id))
        elif event.kind in CASE_KINDS:
            self._open_case_screen()
        else:
            self.notify(_("Incidenten en notities staan volledig in het detailvak hieronder."))

    def _open_case_screen(self) -> None:
        """Return to the case screen under this one, or open it when the timeline was opened elsewhere."""
        from .case import CaseScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if isinstance(below, CaseScreen) and below.case_id == self.case_id:
            self.app.pop_screen()
        else:
            self.app.push_screen(CaseScreen(self.case_id))

    def action_toggle_chart(self) -> None:
        chart = self.query_one("#chart", TimelineChart)
        chart.display = not chart.display

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
