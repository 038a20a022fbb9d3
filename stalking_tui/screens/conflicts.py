"""Sync conflicts and quarantined events of one case, with the resolution of an open conflict."""

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ..domain.case import CaseState
from ..domain.sync_models import Conflict, QuarantinedEvent
from ..i18n import _
from ..widgets.key_help import KeyHelpDialog, key_lines
from .case_base import CaseScopedScreen
from .conflicts_dialog import ConflictChoice, ResolveConflictDialog
from .conflicts_text import detail_text, quarantine_text, row_cells

VALUES_WIDTH = 34
"""Cell width of the values column. The detail below the table shows every value whole."""


@dataclass
class ConflictsData:
    """Everything the screen shows, read in one store worker."""

    state: CaseState
    own_device_id: str
    conflicts: list[Conflict] = field(default_factory=list)
    """Open conflicts first, then resolved ones."""
    quarantined: list[QuarantinedEvent] = field(default_factory=list)


def load_conflicts_data(store, case_id: str) -> ConflictsData:
    """Read the case, its conflicts with their resolutions, and its quarantined events."""
    state = store.get_case(case_id)
    conflicts = sorted(store.conflicts(case_id), key=lambda conflict: conflict.resolved)
    return ConflictsData(state, store.device_id, conflicts, store.quarantine(case_id))


class ConflictsScreen(CaseScopedScreen):
    """Conflicting edits from other devices, open ones first, and events kept out of the case."""

    CSS_PATH = "conflicts.tcss"

    BINDINGS = [
        Binding("enter", "resolve", _("Conflict oplossen"), priority=True, id="conflicts.resolve"),
        Binding("f1", "key_help", _("Toetsen"), id="conflicts.keys"),
        Binding("escape", "back", _("Terug"), id="conflicts.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self.data: ConflictsData | None = None
        """What the screen shows, or None until the first load finishes."""
        self._typed_reasons: dict[str, str] = {}
        """Reasons typed but not recorded yet, by conflict id, kept after a cancel or a failed save."""

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="conflicts-page", can_focus=False):
            yield Static("", id="conflicts-header", markup=False)
            yield Label(_("Conflicten (Enter: oplossen)"), classes="section")
            yield Static("", id="conflicts-empty", markup=False, classes="-empty")
            yield DataTable(id="conflicts", cursor_type="row")
            yield Static("", id="conflict-detail", markup=False)
            yield Label(_("Quarantaine: niet verwerkte gebeurtenissen"), classes="section")
            yield Static(
                _("Deze gebeurtenissen kwamen binnen in een bundel maar zijn niet verwerkt, omdat ze niet "
                  "klopten (zie de reden). Ze tellen niet mee in de casus. Komt dezelfde gebeurtenis later "
                  "geldig binnen, dan wordt ze alsnog verwerkt. Vraag anders de afzender om het na te gaan."),
                id="quarantine-explanation",
            )
            yield Static("", id="quarantine", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#conflicts", DataTable)
        table.add_column(_("Status"), key="status", width=10)
        table.add_column(_("Veld"), key="field", width=20)
        table.add_column(_("Waarden"), key="values", width=VALUES_WIDTH)
        table.focus()

    # -- loading -------------------------------------------------------------------------

    def load_case(self) -> None:
        """Load the case with its conflicts and quarantine in one worker, then show them."""
        if getattr(self.app, "store", None) is None:
            return
        case_id = self.case_id
        self.call_store(lambda store: load_conflicts_data(store, case_id), self.show_data)

    def show_case(self, state: CaseState) -> None:
        # CaseScopedScreen.record_events calls this after an escalation (F8) from this screen,
        # so the conflicts are read again together with the case.
        self.load_case()

    def show_data(self, data: ConflictsData) -> None:
        self.data = data
        self.state = data.state
        header = Text(data.state.number + " · " + _("Conflicten en quarantaine") + " · ")
        header.append(data.state.victim.name)
        self.query_one("#conflicts-header", Static).update(header)

        table = self.query_one("#conflicts", DataTable)
        selected = self._selected_conflict()
        table.clear()
        for conflict in data.conflicts:
            table.add_row(*row_cells(conflict, VALUES_WIDTH), key=conflict.conflict_id)
        if selected is not None and selected.conflict_id in {c.conflict_id for c in data.conflicts}:
            table.move_cursor(row=table.get_row_index(selected.conflict_id))

        empty = self.query_one("#conflicts-empty", Static)
        empty.update("✓ " + _("Geen conflicten in deze casus."))
        empty.set_class(bool(data.conflicts), "-empty")
        table.display = bool(data.conflicts)
        self._show_detail()
        self.query_one("#quarantine", Static).update(quarantine_text(data.quarantined))

    @on(DataTable.RowHighlighted, "#conflicts")
    def _show_detail(self) -> None:
        conflict = self._selected_conflict()
        detail = self.query_one("#conflict-detail", Static)
        if conflict is None or self.data is None:
            detail.update("")
            return
        detail.update(detail_text(conflict, self.data.own_device_id))

    def _selected_conflict(self) -> Conflict | None:
        table = self.query_one("#conflicts", DataTable)
        if self.data is None or table.row_count == 0:
            return None
        row_key, _column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((c for c in self.data.conflicts if c.conflict_id == row_key.value), None)

    # -- resolving -----------------------------------------------------------------------

    def action_resolve(self) -> None:
        conflict = self._selected_conflict()
        if conflict is None:
            self.notify(_("Er is geen conflict om op te lossen."), severity="warning")
            return
        if conflict.resolved:
            self.notify(_("Dit conflict is al opgelost."))
            return
        reason = self._typed_reasons.get(conflict.conflict_id, "")
        dialog = ResolveConflictDialog(conflict, self.data.own_device_id, reason)
        self.app.push_screen(dialog, lambda choice: self._choice_made(choice, dialog))

    def _choice_made(self, choice: ConflictChoice | None, dialog: ResolveConflictDialog) -> None:
        if choice is None:
            self._typed_reasons[dialog.conflict.conflict_id] = dialog.typed_reason
            return
        self._typed_reasons[choice.conflict_id] = choice.reason
        case_id = self.case_id

        def work(store) -> ConflictsData:
            store.resolve_conflict(case_id, choice.conflict_id, choice.chosen_event_id, choice.reason)
            return load_conflicts_data(store, case_id)

        def recorded(data: ConflictsData) -> None:
            self._typed_reasons.pop(choice.conflict_id, None)
            self.show_data(data)
            self.notify(_("Keuze vastgelegd; het conflict is opgelost."))

        self.call_store(work, recorded)

    def action_key_help(self) -> None:
        self.app.push_screen(KeyHelpDialog(key_lines(self)))

    def action_back(self) -> None:
        self.app.pop_screen()
