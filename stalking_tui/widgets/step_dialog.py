"""Dialog to mark a route-map step done, not applicable, or open again."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioSet, Static, TextArea

from ..domain.events import MAX_TEXT
from ..domain.levels import StepStatus
from ..i18n import _
from .marked_toggles import MarkedRadioButton
from .text_limits import check_text_lengths

STATUS_LABELS = {
    StepStatus.DONE: "✓ " + _("gedaan"),
    StepStatus.NOT_APPLICABLE: "– " + _("niet van toepassing"),
    StepStatus.OPEN: "○ " + _("weer open"),
}


def validate_step_mark(
    status: StepStatus, reason: str, outcome: str, options: list[str], current: StepStatus,
) -> dict[str, str]:
    """Return Dutch error messages by field ("status", "outcome", "reason"); empty when valid."""
    errors: dict[str, str] = {}
    if status == current:
        errors["status"] = _("De stap heeft deze status al. Kies een andere status of annuleer.")
    if status == StepStatus.DONE and options and outcome not in options:
        errors["outcome"] = _("Kies de uitkomst van dit besluit.")
    if status == StepStatus.NOT_APPLICABLE and not reason.strip():
        errors["reason"] = _("Vul een reden in: waarom is deze stap niet van toepassing?")
    elif status == StepStatus.OPEN and not reason.strip():
        errors["reason"] = _("Vul een reden in: waarom gaat deze stap weer open?")
    elif len(reason) > MAX_TEXT:
        errors["reason"] = _("De reden is te lang (maximaal 20.000 tekens). Kort hem in.")
    return errors


class StepDialog(ModalScreen[dict | None]):
    """Request a new status for one step; dismiss with a `step.marked` payload, or None.

    A decision step (one with `options`) needs an outcome when it is marked done, and
    "not applicable" or reopening needs a reason.
    """

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="step.cancel"),
        Binding("f2", "confirm", _("Opslaan"), id="step.confirm"),
    ]

    DEFAULT_CSS = """
    StepDialog {
        align: center middle;
    }
    StepDialog > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
        overflow-y: auto;
    }
    StepDialog #title {
        text-style: bold;
    }
    StepDialog RadioSet {
        width: 100%;
    }
    StepDialog #reason {
        height: 4;
    }
    StepDialog .error {
        color: $error;
    }
    StepDialog .error.-empty {
        display: none;
    }
    StepDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    StepDialog Button {
        margin-left: 1;
    }
    """

    def __init__(
        self,
        step_id: str,
        title: str,
        options: list[str] | None = None,
        current: StepStatus = StepStatus.OPEN,
        preset: StepStatus = StepStatus.DONE,
    ) -> None:
        super().__init__()
        self.step_id = step_id
        self.step_title = title
        self.options = options or []
        self.current = current
        self.preset = preset

    def compose(self) -> ComposeResult:
        statuses = [status for status in STATUS_LABELS if status != StepStatus.OPEN or self.current != StepStatus.OPEN]
        with Vertical(id="dialog"):
            yield Label(_("Stap bijwerken"), id="title")
            yield Static(self.step_title, markup=False)
            yield Label(_("Status"))
            with RadioSet(id="status", compact=True):
                for status in statuses:
                    yield MarkedRadioButton(STATUS_LABELS[status], value=status == self.preset, name=status.value)
            yield Label("", id="status-error", classes="error -empty", markup=False)
            if self.options:
                yield Label(_("Uitkomst van het besluit"))
                with RadioSet(id="outcome", compact=True):
                    for option in self.options:
                        yield MarkedRadioButton(option, name=option)
                yield Label("", id="outcome-error", classes="error -empty", markup=False)
            yield Label(_("Reden of toelichting (verplicht bij n.v.t. en weer open)"))
            yield TextArea(id="reason", tab_behavior="focus")
            yield Label("", id="reason-error", classes="error -empty", markup=False)
            with Horizontal(id="buttons"):
                yield Button(_("Opslaan (F2)"), variant="primary", id="confirm")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#status", RadioSet).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def _chosen(self, radio_set_id: str) -> str:
        matches = self.query(f"#{radio_set_id}")
        if not matches:
            return ""
        pressed = matches.first(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else ""

    def action_confirm(self) -> None:
        if not check_text_lengths(self):
            return
        status = StepStatus(self._chosen("status") or self.current)
        outcome = self._chosen("outcome") if status == StepStatus.DONE else ""
        reason = self.query_one("#reason", TextArea).text

        errors = validate_step_mark(status, reason, outcome, self.options, self.current)
        for field in ("status", "outcome", "reason"):
            labels = self.query(f"#{field}-error")
            if labels:
                label = labels.first(Label)
                label.update(errors.get(field, ""))
                label.set_class(field not in errors, "-empty")
        if errors:
            first_bad = next(field for field in ("status", "outcome", "reason") if field in errors)
            self.query_one(f"#{first_bad}").focus()
            return

        self.dismiss({"step_id": self.step_id, "status": status.value, "reason": reason.strip(), "outcome": outcome})

    def action_cancel(self) -> None:
        self.dismiss(None)
