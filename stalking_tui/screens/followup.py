"""Follow-up of one case: signals to act on, measures, detention, track transitions and waakvlam."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from ..domain import dates
from ..domain.case import CaseState
from ..domain.dates import format_date
from ..domain.levels import TRACK_SYMBOLS
from ..domain.measures import detention_label, measure_label
from ..domain.routemap import RouteMap
from ..domain.routing import signals
from ..domain.transitions import can_close, deescalation_targets
from ..i18n import _, current_language
from ..widgets.measure_dialog import BreachDialog, DetentionDialog, MeasureDialog
from ..widgets.signals_panel import AcknowledgeDialog, SignalTable
from ..widgets.transition_dialog import CloseDialog, DeescalateDialog, ReopenDialog, WaakvlamCheckDialog
from .case_base import CaseScopedScreen


def measures_text(state: CaseState) -> Text:
    """Return one line per measure and detention; texts typed by users stay literal."""
    text = Text()
    for measure in state.measures.values():
        period = format_date(measure.start) + " – " + (format_date(measure.end) if measure.end else "?")
        text.append(f"▪ {measure_label(measure.kind)} ({period})")
        if measure.monitor:
            text.append(" · " + _("toezicht") + ": " + measure.monitor)
        if measure.breaches:
            text.append(" · ‼ " + _("{count} keer overtreden").format(count=len(measure.breaches)), style="bold")
        text.append("\n")
    for detention in state.detentions.values():
        release = format_date(detention.release) if detention.release else _("onbekend")
        text.append(f"▪ {detention_label(detention.kind)}: {format_date(detention.start)}, " + _("vrijlating") + f" {release}\n")
    return text if text.plain else Text("– " + _("Geen maatregelen of detentie vastgelegd."))


def waakvlam_text(state: CaseState) -> Text:
    if not state.is_closed:
        return Text("")
    text = Text(_("Afgesloten op {date}: ").format(date=format_date(state.closed_at)))
    text.append(state.close_reason + "\n")
    for check in state.waakvlam:
        if check.done_at is None:
            text.append("○ " + format_date(check.due) + " " + _("nog te doen") + "\n")
        else:
            mark = "✓" if check.outcome == "rustig" else "!"
            text.append(f"{mark} {format_date(check.due)} {check.outcome} · {check.by}\n")
    return text


def deviations_text(state: CaseState, routes: RouteMap) -> Text:
    """Return the regional deviations of the current track with their rationale."""
    language = current_language()
    text = Text()
    for step in routes.track(state.track).steps:
        if step.deviation is not None:
            text.append(f"≠ {step.title.get(language)} ({step.deviation.kind}): {step.deviation.rationale}\n")
    for deviation in routes.deviations:
        if deviation.kind == "vervallen" and deviation.track == state.track:
            text.append(f"≠ {deviation.step_id} ({deviation.kind}): {deviation.rationale}\n")
    return text


class FollowUpScreen(CaseScopedScreen):
    """Signals with the action to take, measures and detention, and moves between tracks."""

    CSS_PATH = "followup.tcss"

    BINDINGS = [
        Binding("enter", "acknowledge", _("Actie op signaal"), id="followup.acknowledge", priority=True),
        Binding("m", "add_measure", _("Maatregel"), id="followup.measure"),
        Binding("b", "add_breach", _("Overtreding"), id="followup.breach"),
        Binding("h", "add_detention", _("Detentie"), id="followup.detention"),
        Binding("d", "deescalate", _("Afschalen"), id="followup.deescalate"),
        Binding("c", "close_case", _("Afsluiten"), id="followup.close"),
        Binding("o", "reopen", _("Heropenen"), id="followup.reopen"),
        Binding("w", "waakvlam", _("Waakvlam"), id="followup.waakvlam"),
        Binding("r", "roles", _("Rollen"), id="followup.roles"),
        Binding("escape", "back", _("Terug"), id="followup.back"),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="followup", can_focus=False):
            yield Static("", id="followup-header", markup=False)
            yield Label(_("Signalen (Enter: actie vastleggen)"), classes="section")
            yield SignalTable(id="signals")
            yield Label(_("Maatregelen en detentie"), classes="section")
            yield Static("", id="measures", markup=False)
            yield Static("", id="waakvlam", markup=False, classes="-empty")
            yield Label(_("Regionale afwijkingen in dit spoor"), id="deviations-label", classes="section -empty")
            yield Static("", id="deviations", markup=False, classes="-empty")

    def on_mount(self) -> None:
        self.query_one(SignalTable).focus()

    def show_case(self, state: CaseState) -> None:
        routes = self.app.routes
        found = signals(state, routes, dates.now())
        title = routes.track(state.track).title.get(current_language())
        header = Text(f"{state.number} · {TRACK_SYMBOLS[state.track]} {title}")
        if state.is_closed:
            header.append(" · ⏸ " + _("afgesloten (waakvlam)"), style="bold")
        self.query_one("#followup-header", Static).update(header)
        self.query_one(SignalTable).show(found)
        self.query_one("#measures", Static).update(measures_text(state))

        waakvlam = waakvlam_text(state)
        self.query_one("#waakvlam", Static).update(waakvlam)
        self.query_one("#waakvlam").set_class(not waakvlam.plain, "-empty")

        deviations = deviations_text(state, routes)
        self.query_one("#deviations", Static).update(deviations)
        for widget_id in ("#deviations", "#deviations-label"):
            self.query_one(widget_id).set_class(not deviations.plain, "-empty")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Greyed out in the footer when the move does not apply to this case.
        state, routes = self.state, getattr(self.app, "routes", None)
        if action == "open_followup":
            return False
        if state is None or routes is None:
            return True
        applies = {
            "deescalate": bool(deescalation_targets(state, routes)),
            "close_case": can_close(state, routes),
            "reopen": state.is_closed,
            "waakvlam": any(check.done_at is None for check in state.waakvlam),
            "add_breach": bool(state.measures),
        }
        return None if applies.get(action, True) is False else True

    # -- actions ---------------------------------------------------------------------------

    def _open(self, dialog, kind: str, message: str) -> None:
        def entered(payload: dict | None) -> None:
            if payload is not None:
                self.record_event(kind, payload, lambda _state: self.notify(message))

        self.app.push_screen(dialog, entered)

    def action_acknowledge(self) -> None:
        signal = self.query_one(SignalTable).selected()
        if signal is None:
            self.notify(_("Kies eerst een signaal in de lijst."))
            return
        self._open(AcknowledgeDialog(signal), "signal.acknowledged", _("Actie op het signaal vastgelegd."))

    def action_add_measure(self) -> None:
        self._open(MeasureDialog(), "measure.recorded", _("Maatregel vastgelegd."))

    def action_add_breach(self) -> None:
        if self.state is not None and self.state.measures:
            self._open(BreachDialog(self.state), "measure.breached", _("Overtreding vastgelegd."))

    def action_add_detention(self) -> None:
        self._open(DetentionDialog(), "detention.recorded", _("Detentie vastgelegd."))

    def action_deescalate(self) -> None:
        if self.state is not None:
            self._open(DeescalateDialog(self.state, self.app.routes), "case.deescalated", _("Casus afgeschaald."))

    def action_close_case(self) -> None:
        if self.state is not None:
            self._open(CloseDialog(self.state, self.app.routes), "case.closed", _("Casus afgesloten; de waakvlamcontroles zijn gepland."))

    def action_reopen(self) -> None:
        if self.state is not None:
            self._open(ReopenDialog(self.state, self.app.routes), "case.reopened", _("Casus heropend."))

    def action_waakvlam(self) -> None:
        if self.state is not None:
            self._open(WaakvlamCheckDialog(self.state), "waakvlam.checked", _("Waakvlamcontrole vastgelegd."))

    def action_roles(self) -> None:
        from .roles import RolesScreen

        self.app.push_screen(RolesScreen(self.case_id))

    def action_back(self) -> None:
        self.app.pop_screen()
