"""The werkvoorraad: every case, most urgent first, with a search on names."""

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from ..domain import dates
from ..domain.case import CaseState
from ..domain.levels import Track
from ..domain.routemap import RouteMap
from ..domain.routing import next_due_step, on_case_list, signals, urgency_key
from ..i18n import _, current_language
from ..widgets.key_help import KeyHelpDialog, key_lines
from ..widgets.level_badge import level_text, track_text
from .base import CaseworkScreen
from .conflicts_text import count_text
from ..widgets.text_limits import LimitedInput

SEARCH_DELAY_SECONDS = 0.3
"""Pause after the last key before searching, so typing a name is one audited search, not one per key."""

# Column widths in cells; with the cell padding they add up to 78 of the 80 columns.
COLUMNS = (
    ("number", _("Nummer"), 9),
    ("victim", _("Slachtoffer"), 14),
    ("level", _("Niveau"), 16),
    ("track", _("Spoor"), 7),
    ("next", _("Volgende stap"), 16),
    ("signals", _("Sig."), 4),
)


def level_cell(state: CaseState) -> Text:
    """Return "‼ ACUUT" for an acute case, otherwise the screened level or "? niet gescreend"."""
    if state.track == Track.ACUUT:
        return track_text(Track.ACUUT)
    return level_text(state.level)


def next_step_cell(state: CaseState, routes: RouteMap, now: datetime, width: int) -> Text:
    """Return the next due item as "dd-mm title", or "! te laat dd-mm title" when overdue.

    The item is the next due step, or the review of the safety plan when that comes first.
    """
    view = next_due_step(state, routes, now)
    due, title, overdue = None, "", False
    if view is not None:
        due, title, overdue = view.due, view.step.title.get(current_language()), view.overdue

    review = state.plan.review_date if state.plan is not None else None
    if review is not None and (due is None or review < due):
        due, title = review, _("Plan herzien")
        overdue = review < dates.local(now).date()

    if due is None:
        return Text("–")
    day = due.strftime("%d-%m")
    if overdue:
        text = Text(f"! {_('te laat')} {day} ", style="bold red")
        text.append(title)
    else:
        text = Text(f"{day} {title}")
    text.truncate(width, overflow="ellipsis")
    return text


def next_cell(state: CaseState, routes: RouteMap, now: datetime, width: int) -> Text:
    """Return "⚠ 2 conflicten" while sync conflicts are open, and the next step otherwise.

    Choosing a value comes first. An overdue step still counts in the signal column meanwhile.
    """
    if state.open_conflicts > 0:
        return Text(count_text(state.open_conflicts), style="bold")
    return next_step_cell(state, routes, now, width)


def row_cells(state: CaseState, routes: RouteMap, now: datetime) -> list[Text]:
    """Return the table cells of one case; every cell is a `Text`, so names are never parsed as markup."""
    found = signals(state, routes, now)
    count = len(found)
    victim = Text(state.victim.name)
    victim.truncate(COLUMNS[1][2], overflow="ellipsis")
    return [
        Text(state.number),
        victim,
        level_cell(state),
        Text(state.track.value),
        next_cell(state, routes, now, COLUMNS[4][2]),
        signal_count_cell(found) if count else Text("–"),
    ]


def signal_count_cell(found: list) -> Text:
    """Return the number of signals behind the symbol of the most urgent one ("‼ 2"); the list comes sorted."""
    from ..widgets.signals_panel import signal_symbol

    return Text(f"{signal_symbol(found[0])} {len(found)}", style="bold")


class CaseListScreen(CaseworkScreen):
    """All cases in one table; Enter opens a case and `n` starts a new intake."""

    CSS_PATH = "case_list.tcss"

    BINDINGS = [
        Binding("f1", "key_help", _("Toetsen"), id="cases.keys"),
        Binding("n", "new_case", _("Nieuwe melding"), id="cases.new"),
        Binding("slash", "focus_search", _("Zoeken"), id="cases.search"),
        Binding("f5", "refresh", _("Vernieuwen"), show=False, id="cases.refresh"),
        Binding("f9", "security", _("Beveiliging"), id="cases.security"),
        Binding("f6", "instruments", _("Instrumenten"), show=False, id="cases.instruments"),
        Binding("u", "exchange", _("Uitwisselen"), show=False, id="cases.exchange"),
        Binding("down", "focus_table", show=False, id="cases.to_table"),
    ]

    def __init__(self, clock: Callable[[], datetime] = dates.now) -> None:
        """`clock` returns the current time for due dates; tests pass a fixed one."""
        super().__init__()
        self.clock = clock
        self._search_timer: Timer | None = None
        self.cases: list[CaseState] = []
        """The cases shown, in table order."""

    def compose_body(self) -> ComposeResult:
        yield Static(_("Werkvoorraad"), id="list-title")
        yield LimitedInput(placeholder=_("Zoek op naam of nummer… (/)"), id="search", compact=True)
        # The empty-state text sits above the table, which stays focusable so `n` keeps working.
        yield Static("", id="empty", markup=False)
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#cases", DataTable)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        table.focus()

    def on_screen_resume(self) -> None:
        # Also runs when the intake or a case screen closes, so the list is never stale.
        self.load_cases()

    def load_cases(self) -> None:
        """Load the cases (filtered by the search text) in a worker and show them."""
        if getattr(self.app, "store", None) is None:
            return
        query = self.query_one("#search", Input).value.strip()
        if query:
            self.call_store(lambda store: store.search_cases(query), self.show_cases)
        else:
            self.call_store(lambda store: store.list_cases(), self.show_cases)

    def show_cases(self, cases: list[CaseState]) -> None:
        """Fill the table with `cases`, most urgent first, keeping the cursor on the same case."""
        routes = self.app.routes
        now = self.clock()
        table = self.query_one("#cases", DataTable)
        selected = self._selected_case_id()

        # A closed case (waakvlam) is listed again when it has a signal, e.g. a check due; a search finds it always.
        stored_count = len(cases)
        if not self.query_one("#search", Input).value.strip():
            cases = [state for state in cases if on_case_list(state, routes, now)]
        self.cases = sorted(cases, key=lambda state: urgency_key(state, routes, now))
        table.clear()
        for state in self.cases:
            table.add_row(*row_cells(state, routes, now), key=state.case_id)
        if selected is not None and selected in {state.case_id for state in self.cases}:
            table.move_cursor(row=table.get_row_index(selected))
        self._show_empty_state(bool(cases), stored_count)

    def _show_empty_state(self, has_cases: bool, stored_count: int) -> None:
        empty = self.query_one("#empty", Static)
        if has_cases:
            message = ""
        elif self.query_one("#search", Input).value.strip():
            message = _("Geen casus gevonden met deze zoektekst. Pas de zoektekst aan of wis hem.")
        elif stored_count:
            message = _("Geen actieve casussen. Gesloten casussen vindt u met zoeken (/).")
        else:
            message = _("Er zijn nog geen casussen. Druk op n om een nieuwe melding in te voeren.")
        empty.update(message)
        empty.display = not has_cases

    def _selected_case_id(self) -> str | None:
        table = self.query_one("#cases", DataTable)
        if table.row_count == 0:
            return None
        row_key, _column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY_SECONDS, self.load_cases)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.load_cases()
        self.query_one("#cases", DataTable).focus()

    @on(DataTable.RowSelected, "#cases")
    def _case_chosen(self, event: DataTable.RowSelected) -> None:
        from .case import CaseScreen

        self.app.push_screen(CaseScreen(event.row_key.value))

    def action_key_help(self) -> None:
        self.app.push_screen(KeyHelpDialog(key_lines(self)))

    def action_new_case(self) -> None:
        from .intake import IntakeScreen

        self.app.push_screen(IntakeScreen())

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#cases", DataTable).focus()

    def action_refresh(self) -> None:
        self.load_cases()

    def action_security(self) -> None:
        from .security import SecurityScreen

        self.app.push_screen(SecurityScreen())

    def action_instruments(self) -> None:
        from .instruments import InstrumentsScreen

        self.app.push_screen(InstrumentsScreen())

    def action_exchange(self) -> None:
        from .exchange import ExchangeScreen

        self.app.push_screen(ExchangeScreen())
