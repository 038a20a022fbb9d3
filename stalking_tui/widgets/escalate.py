"""Dialog requesting the reason for escalating a case to ACUUT ONVEILIG."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from ..domain.events import MAX_TEXT
from ..domain.levels import TRACK_SYMBOLS, Track
from ..i18n import _
from .text_limits import check_text_lengths


def validate_reason(text: str) -> str | None:
    """Return a Dutch error message for an escalation reason, or None when it is valid."""
    if not text.strip():
        return _("Vul een reden in: waarom is deze casus nu acuut onveilig?")
    if len(text) > MAX_TEXT:
        return _("De reden is te lang (maximaal 20.000 tekens). Kort hem in.")
    return None


class EscalateDialog(ModalScreen[str | None]):
    """Request the required reason of an escalation and dismiss with it, or with None on cancel.

    The caller records the `case.escalated` event, so this dialog does no I/O.
    """

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="escalate.cancel"),
        Binding("f2", "confirm", _("Escaleren"), id="escalate.confirm"),
    ]

    DEFAULT_CSS = """
    EscalateDialog {
        align: center middle;
    }
    EscalateDialog > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $error;
        background: $surface;
        padding: 0 1;
    }
    EscalateDialog #title {
        text-style: bold;
        color: $error;
    }
    EscalateDialog #reason {
        height: 6;
    }
    EscalateDialog .error {
        color: $error;
        height: auto;
    }
    EscalateDialog .error.-empty {
        display: none;
    }
    EscalateDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    EscalateDialog Button {
        margin-left: 1;
    }
    """

    def __init__(self, case_number: str, victim_name: str, weapon: bool = False) -> None:
        super().__init__()
        self.case_number = case_number
        self.victim_name = victim_name
        self.weapon = weapon

    def compose(self) -> ComposeResult:
        symbol = TRACK_SYMBOLS[Track.ACUUT]
        with Vertical(id="dialog"):
            yield Label(f"{symbol} " + _("Escaleren naar ACUUT ONVEILIG"), id="title")
            # Case text is shown with markup off, so brackets in a name stay literal.
            yield Static(_("Casus") + f" {self.case_number} · {self.victim_name}", markup=False)
            if self.weapon:
                yield Static("! " + _("Er is een wapen genoemd bij deze casus."), classes="warning")
            yield Static(
                _("De casus gaat direct naar het spoor ACUUT: eerst fysieke veiligheid, "
                  "gezamenlijk overleg en een procesregisseur."),
            )
            yield Label(_("Reden (verplicht)"), id="reason-label")
            yield TextArea(id="reason", tab_behavior="focus")
            yield Label("", id="reason-error", classes="error -empty", markup=False)
            with Horizontal(id="buttons"):
                yield Button(_("Escaleren (F2)"), variant="error", id="confirm")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def action_confirm(self) -> None:
        if not check_text_lengths(self):
            return
        reason_area = self.query_one("#reason", TextArea)
        error_label = self.query_one("#reason-error", Label)
        message = validate_reason(reason_area.text)
        if message is not None:
            error_label.update(message)
            error_label.remove_class("-empty")
            reason_area.focus()
            return
        self.dismiss(reason_area.text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
