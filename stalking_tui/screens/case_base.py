"""Base screen for every screen about one case, with escalation to ACUUT one key away."""

from collections.abc import Callable
from typing import Any

from textual import events
from textual.binding import Binding

from ..domain.case import CaseState
from ..domain.levels import Track
from ..i18n import _
from .base import CaseworkScreen


class CaseScopedScreen(CaseworkScreen):
    """A casework screen showing one case, loaded from the store on every resume.

    Subclasses override `show_case(state)` to render the case. `f8` escalates the case
    to ACUUT and `f7` opens its follow-up (signals, measures, transitions) from every
    screen that derives from this one.
    """

    BINDINGS = [
        Binding("f8", "escalate", _("Escaleer ACUUT"), id="case.escalate"),
        Binding("f7", "open_followup", _("Opvolging"), id="case.followup"),
    ]

    def __init__(self, case_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case_id = case_id
        self.state: CaseState | None = None
        """The case as last loaded, or None until the first load finishes."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Resume fires on the first push and after every screen or dialog above closes,
        # so changes made elsewhere show up without a manual refresh.
        self.load_case()

    def load_case(self) -> None:
        """Load the case in a worker and pass it to `show_case`."""
        if getattr(self.app, "store", None) is None:
            return
        case_id = self.case_id
        self.call_store(lambda store: store.get_case(case_id), self._case_loaded)

    def _case_loaded(self, state: CaseState) -> None:
        self.state = state
        self.show_case(state)

    def show_case(self, state: CaseState) -> None:
        """Render `state`. The base class only keeps it in `self.state`."""

    def record_event(
        self,
        kind: str,
        payload: dict,
        done: Callable[[CaseState], Any] | None = None,
    ) -> None:
        """Record one event for this case in a worker, then show the new state and call `done`."""
        self.record_events([(kind, payload)], done)

    def record_events(
        self,
        items: list[tuple[str, dict]],
        done: Callable[[CaseState], Any] | None = None,
    ) -> None:
        """Record several events for this case in order, then show the final state.

        NOTE: each event is its own transaction. A failure halfway leaves the earlier events
        recorded, and the screen shows them after its next reload.
        """
        case_id = self.case_id

        def work(store: Any) -> CaseState:
            state = None
            for kind, payload in items:
                state = store.record(case_id, kind, payload)
            return state

        def finished(state: CaseState) -> None:
            self._case_loaded(state)
            if done is not None:
                done(state)

        self.call_store(work, finished)

    def action_open_followup(self) -> None:
        """Open signals, measures, detention, transitions and roles of this case (screens.followup)."""
        from .followup import FollowUpScreen

        if not isinstance(self, FollowUpScreen):
            self.app.push_screen(FollowUpScreen(self.case_id))

    def action_escalate(self) -> None:
        from ..widgets.escalate import EscalateDialog

        state = self.state
        if state is None:
            self.notify(_("De casus wordt nog geladen. Probeer het zo opnieuw."))
            return
        if state.track == Track.ACUUT:
            self.notify(_("Deze casus staat al op ACUUT."), severity="warning")
            return

        dialog = EscalateDialog(
            state.number, state.victim.name, weapon=state.weapon_mentioned_at is not None,
        )
        self.app.push_screen(dialog, self._escalation_confirmed)

    def _escalation_confirmed(self, reason: str | None) -> None:
        if reason is None:
            return
        self.record_event(
            "case.escalated", {"reason": reason},
            lambda state: self.notify(_("Casus geëscaleerd naar ACUUT."), severity="warning"),
        )
