"""The case screen: parties, track and level, steps, roles, notifications and signals of one case."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ..domain import dates
from ..domain.case import CaseState
from ..domain.levels import StepStatus
from ..domain.routing import NOTIFICATION_STEPS, StepView, missing_roles, role_title, signals, visible_steps
from ..domain.sync_models import Conflict
from ..i18n import _, current_language
from ..widgets.key_help import KeyHelpDialog, key_lines
from ..widgets.level_badge import LevelBadge
from . import conflicts_text
from .case_base import CaseScopedScreen
from .case_text import (
    TITLE_WIDTH, notifications_text, relation_label, roles_text, signals_text, step_cells, step_detail, summary_text,
)


class CaseScreen(CaseScopedScreen):
    """Overview of one case with the actions of the work process one key away."""

    CSS_PATH = "case.tcss"

    # At 80 columns the footer fits only four keys beside the palette, so the rest are listed under F1.
    BINDINGS = [
        Binding("f1", "key_help", _("Toetsen"), id="case.keys"),
        Binding("d", "mark_step('gedaan')", _("Stap gedaan"), id="case.step_done"),
        Binding("x", "mark_step('nvt')", _("Stap n.v.t."), show=False, id="case.step_nvt"),
        Binding("r", "appoint_role", _("Rol"), show=False, id="case.role"),
        Binding("m", "record_notification", _("VT↔politie"), show=False, id="case.notification"),
        Binding("s", "open_screening", _("Screening"), show=False, id="case.screening"),
        Binding("v", "open_plan", _("Plan"), show=False, id="case.plan"),
        Binding("t", "open_timeline", _("Tijdlijn"), show=False, id="case.timeline"),
        Binding("i", "add_incident", _("Incident"), show=False, id="case.incident"),
        Binding("n", "add_note", _("Notitie"), show=False, id="case.note"),
        Binding("a", "open_access_log", _("Inzage"), show=False, id="case.access_log"),
        Binding("c", "open_conflicts", _("Conflicten"), show=False, id="case.conflicts"),
        Binding("escape", "back", _("Terug"), show=False, id="case.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._views: dict[str, StepView] = {}
        """The visible steps by id, in table order."""

    def compose_body(self) -> ComposeResult:
        # The overview stays focusable, so a keyboard user can scroll to the lower sections.
        with VerticalScroll(id="overview"):
            yield Static("", id="summary", markup=False)
            yield LevelBadge("", id="badge")
            yield Static("", id="conflict", markup=False, classes="-empty")
            yield Static("", id="escalation", markup=False, classes="-empty")
            yield Static("", id="weapon-alert", markup=False, classes="-empty")
            yield Static("", id="signals", markup=False)
            yield Label(_("Stappen"), id="steps-title", classes="section")
            yield DataTable(id="steps", cursor_type="row", show_header=False)
            yield Static("", id="step-detail", markup=False)
            yield Label(_("Rollen"), classes="section")
            yield Static("", id="roles", markup=False)
            yield Label(_("Veilig Thuis ↔ politie"), classes="section")
            yield Static("", id="notifications", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#steps", DataTable)
        # 66 cells of columns plus 8 of padding fit beside the overview's scrollbar at 80 columns.
        table.add_column(_("Status"), key="status", width=10)
        table.add_column(_("Stap"), key="title", width=TITLE_WIDTH)
        table.add_column(_("Uiterlijk"), key="due", width=20)
        table.add_column(_("Toelichting"), key="note", width=8)
        table.focus()

    # -- rendering -----------------------------------------------------------------------

    def show_case(self, state: CaseState) -> None:
        routes = self.app.routes
        now = dates.now()
        language = current_language()
        found = signals(state, routes, now)

        self.query_one("#summary", Static).update(summary_text(state, relation_label(state.relation)))
        self.query_one("#badge", LevelBadge).show(state.track, state.level)
        self._show_conflicts(state)

        escalation = self.query_one("#escalation", Static)
        escalation.update(Text("‼ " + _("Reden ACUUT: ") + state.escalation_reason) if state.escalation_reason else "")
        escalation.set_class(not state.escalation_reason, "-empty")

        # A weapon signal offers escalation prominently, because the window to act may be days.
        offer = next((signal for signal in found if signal.offer_escalation), None)
        alert = self.query_one("#weapon-alert", Static)
        alert.update(Text(f"‼ {offer.text} {offer.action}\n" + _("Druk op F8 om te escaleren naar ACUUT ONVEILIG.")) if offer else "")
        alert.set_class(offer is None, "-empty")

        self._show_steps(state, now, language)
        # The alert above already shows the signal that offers escalation.
        missing = [role_title(routes, role, language) for role in missing_roles(state, routes)]
        self.query_one("#signals", Static).update(signals_text([signal for signal in found if signal is not offer], missing))
        self.query_one("#roles", Static).update(roles_text(state, missing, routes, language))
        self.query_one("#notifications", Static).update(notifications_text(state.notifications))

    def _show_steps(self, state: CaseState, now, language: str) -> None:
        routes = self.app.routes
        table = self.query_one("#steps", DataTable)
        selected = self._selected_step_id()
        title = routes.track(state.track).title.get(language)
        self.query_one("#steps-title", Label).update(_("Stappen") + f" · {title}")

        self._views = {view.step.id: view for view in visible_steps(state, routes, now)}
        table.clear()
        for view in self._views.values():
            table.add_row(*step_cells(view, language), key=view.step.id)
        if selected is not None and selected in self._views:
            table.move_cursor(row=table.get_row_index(selected))
        self._show_step_detail()

    @on(DataTable.RowHighlighted, "#steps")
    def _show_step_detail(self) -> None:
        view = self._views.get(self._selected_step_id() or "")
        detail = self.query_one("#step-detail", Static)
        detail.update(step_detail(view, current_language()) if view is not None else "")

    def _selected_step_id(self) -> str | None:
        table = self.query_one("#steps", DataTable)
        if table.row_count == 0:
            return None
        row_key, _column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    # -- sync conflicts ------------------------------------------------------------------

    def _show_conflicts(self, state: CaseState) -> None:
        """Show the count of open conflicts at once, then load them and the quarantined events of the case."""
        line = self.query_one("#conflict", Static)
        line.update(conflicts_text.case_line(state.open_conflicts, None) if state.open_conflicts else "")
        line.set_class(state.open_conflicts == 0, "-empty")

        case_id = self.case_id
        has_conflicts = state.open_conflicts > 0
        self.call_store(
            lambda store: (store.conflicts(case_id) if has_conflicts else [], len(store.quarantine(case_id))),
            self._sync_state_loaded,
        )

    def _sync_state_loaded(self, loaded: tuple[list[Conflict], int]) -> None:
        conflicts, quarantined = loaded
        state = self.state
        if state is None:
            return
        lines = []
        if state.open_conflicts:
            lines.append(conflicts_text.case_line(state.open_conflicts, conflicts))
        if quarantined:
            # Events of this case that a bundle brought but that were not applied; they are
            # easy to miss, because nothing else on the case changes.
            lines.append(conflicts_text.quarantine_case_line(quarantined))
        line = self.query_one("#conflict", Static)
        line.update(Text("\n").join(lines))
        line.set_class(not lines, "-empty")

        # Until someone resolves it, a concern level in conflict is the higher value, so the badge notes that.
        if state.open_conflicts and conflicts_text.has_open_level_conflict(conflicts):
            self.query_one("#badge", LevelBadge).show(state.track, state.level, conflicts_text.level_note())

    def action_open_conflicts(self) -> None:
        """Open the sync conflicts and quarantined events of this case."""
        screen = self._open("conflicts", "ConflictsScreen")
        if screen is not None:
            self.app.push_screen(screen(self.case_id))

    # -- steps ---------------------------------------------------------------------------

    def action_mark_step(self, status: str) -> None:
        from ..widgets.step_dialog import StepDialog

        state = self.state
        step_id = self._selected_step_id()
        if state is None or step_id is None:
            self.notify(_("Kies eerst een stap in de lijst."), severity="warning")
            return

        view = self._views[step_id]
        step = view.step
        dialog = StepDialog(
            step_id, step.title.get(current_language()), step.options if step.kind == "decision" else [],
            current=view.status, preset=StepStatus(status),
        )
        self.app.push_screen(dialog, self._step_marked)

    def _step_marked(self, payload: dict | None) -> None:
        if payload is not None:
            self.record_event("step.marked", payload, lambda state: self.notify(_("Stap bijgewerkt.")))

    # -- roles and notifications ---------------------------------------------------------

    def action_appoint_role(self) -> None:
        from ..widgets.role_dialog import RoleDialog

        state = self.state
        if state is None:
            return
        routes = self.app.routes
        language = current_language()
        missing = missing_roles(state, routes)
        # Missing roles first, so the usual choice is at the top of the list.
        role_ids = missing + [role for role in routes.role_titles if role not in missing]
        roles = [(role, role_title(routes, role, language)) for role in role_ids]
        self.app.push_screen(RoleDialog(roles, preset=missing[0] if missing else None), self._role_appointed)

    def _role_appointed(self, payload: dict | None) -> None:
        if payload is not None:
            self.record_event("role.appointed", payload, lambda state: self.notify(_("Rol vastgelegd.")))

    def action_record_notification(self) -> None:
        from ..widgets.notification_dialog import NotificationDialog

        state = self.state
        if state is None:
            return
        informing, informed = ("VT", "POL") if state.source.value == "veilig_thuis" else ("POL", "VT")
        profile = getattr(self.app, "profile", None)
        dialog = NotificationDialog(
            state.received_at, informing=informing, informed=informed,
            informed_by=profile.user_name if profile is not None else "",
        )
        self.app.push_screen(dialog, self._notification_recorded)

    def _notification_recorded(self, payload: dict | None) -> None:
        if payload is None or self.state is None:
            return
        events = [("notification.recorded", payload)]
        step_id = self._notification_step(payload["informed_organisation"])
        if step_id is not None:
            # The step is also marked in the log, so the timeline shows who closed it and when.
            events.append(("step.marked", {"step_id": step_id, "status": StepStatus.DONE.value, "reason": "", "outcome": ""}))
        self.record_events(events, lambda state: self.notify(_("Informeren vastgelegd.")))

    def _notification_step(self, informed: str) -> str | None:
        """Return the open "inform" step this notification completes, if the case has one."""
        state = self.state
        for step_id, organisation in NOTIFICATION_STEPS.items():
            if organisation != informed:
                continue
            step = self.app.routes.step(step_id)
            applies = step is not None and step.when_source in (None, state.source.value)
            marked = state.steps.get(step_id)
            if applies and (marked is None or marked.status == StepStatus.OPEN):
                return step_id
        return None

    # -- other screens -------------------------------------------------------------------

    def _open(self, module: str, name: str) -> type | None:
        """Import a screen of another module lazily, so the case screen works while it is missing."""
        import importlib

        try:
            return getattr(importlib.import_module(f"stalking_tui.screens.{module}"), name)
        except (ImportError, AttributeError):
            self.notify(_("Dit scherm is nog niet beschikbaar in deze versie."), severity="warning")
            return None

    def action_open_screening(self) -> None:
        screen = self._open("screening", "ScreeningScreen")
        if screen is not None:
            self.app.push_screen(screen(self.case_id))

    def action_open_plan(self) -> None:
        screen = self._open("plan", "PlanScreen")
        if screen is not None:
            self.app.push_screen(screen(self.case_id))

    def action_open_access_log(self) -> None:
        """Show who has accessed this case (the access log, NEN 7513)."""
        screen = self._open("access_log", "AccessLogScreen")
        if screen is not None:
            self.app.push_screen(screen(self.case_id))

    def action_open_timeline(self) -> None:
        screen = self._open("timeline", "TimelineScreen")
        if screen is not None:
            self.app.push_screen(screen(self.case_id))

    def action_add_incident(self) -> None:
        dialog = self._open("incident", "IncidentDialog")
        if dialog is not None:
            self.app.push_screen(dialog(), self._incident_recorded)

    def _incident_recorded(self, payload: dict | None) -> None:
        if payload is not None:
            self.record_event("incident.recorded", payload, lambda state: self.notify(_("Incident vastgelegd.")))

    def action_add_note(self) -> None:
        dialog = self._open("incident", "NoteDialog")
        if dialog is not None:
            self.app.push_screen(dialog(), self._note_added)

    def _note_added(self, payload: dict | None) -> None:
        if payload is not None:
            self.record_event("note.added", payload, lambda state: self.notify(_("Notitie vastgelegd.")))

    def action_key_help(self) -> None:
        self.app.push_screen(KeyHelpDialog(key_lines(self)))

    def action_back(self) -> None:
        self.app.pop_screen()
