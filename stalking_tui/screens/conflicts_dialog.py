"""Dialog to resolve one sync conflict: choose the value that applies and give the reason."""

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioSet, Static, TextArea

from ..domain.events import MAX_TEXT
from ..domain.sync_models import Conflict
from ..i18n import _
from ..widgets.marked_toggles import MarkedRadioButton
from ..widgets.text_limits import check_text_lengths
from .conflicts_text import field_label, side_text


@dataclass(frozen=True)
class ConflictChoice:
    """The side a person chose and their reason. The caller records it."""

    conflict_id: str
    chosen_event_id: str
    reason: str


def validate_choice(chosen_event_id: str | None, reason: str) -> tuple[str | None, str | None]:
    """Return Dutch messages for the choice and the reason, each None when that part is valid."""
    choice_error = _("Kies welke waarde geldt.") if chosen_event_id is None else None
    reason_error = None
    if not reason.strip():
        reason_error = _("Vul een reden in: waarom geldt deze waarde? Bijvoorbeeld met wie u het besprak.")
    elif len(reason) > MAX_TEXT:
        reason_error = _("De reden is te lang (maximaal 20.000 tekens). Kort hem in.")
    return choice_error, reason_error


class ResolveConflictDialog(ModalScreen[ConflictChoice | None]):
    """Request a side and a required reason, and dismiss with them, or with None on cancel.

    The dialog does no I/O. While the app is locked it stays on the stack underneath the lock
    screen, so a typed reason is still there after unlocking.
    """

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="resolve.cancel"),
        Binding("f2", "confirm", _("Vastleggen"), id="resolve.confirm"),
    ]

    DEFAULT_CSS = """
    ResolveConflictDialog {
        align: center middle;
    }
    ResolveConflictDialog > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ResolveConflictDialog #title {
        text-style: bold;
    }
    ResolveConflictDialog #sides {
        width: 100%;
    }
    ResolveConflictDialog #reason {
        height: 4;
    }
    ResolveConflictDialog .error {
        color: $error;
        height: auto;
    }
    ResolveConflictDialog .error.-empty {
        display: none;
    }
    ResolveConflictDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    ResolveConflictDialog Button {
        margin-left: 1;
    }
    """

    def __init__(self, conflict: Conflict, own_device_id: str, reason: str = "") -> None:
        """`reason` fills the reason field, e.g. with what was typed before a cancel or a failed save."""
        super().__init__()
        self.conflict = conflict
        self.own_device_id = own_device_id
        self.initial_reason = reason
        self.typed_reason = reason
        """The reason field as it was when the dialog closed, also after a cancel."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("⚠ " + _("Conflict oplossen: {field}").format(field=field_label(self.conflict.field)), id="title")
            yield Static(self._introduction(), id="introduction")
            yield Label(_("Waarde (pijltjes, spatie kiest)"))
            yield RadioSet(
                *[
                    MarkedRadioButton(side_text(side, self.own_device_id), name=side.event_id)
                    for side in self.conflict.sides
                ],
                id="sides",
            )
            yield Static("", id="sides-error", classes="error -empty", markup=False)
            yield Label(_("Reden (verplicht)"))
            yield TextArea(self.initial_reason, id="reason", tab_behavior="focus")
            yield Static("", id="reason-error", classes="error -empty", markup=False)
            with Horizontal(id="buttons"):
                yield Button(_("Vastleggen (F2)"), variant="warning", id="confirm")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    def _introduction(self) -> str:
        if self.conflict.contested:
            return _("Dit conflict is op verschillende apparaten anders opgelost, zonder dat de een de keuze "
                     "van de ander zag. Kies opnieuw welke waarde geldt; de eerdere keuzes en redenen staan "
                     "op het conflictenscherm en in het logboek.")
        return _("Op verschillende apparaten is een andere waarde vastgelegd. Kies welke geldt; "
                 "de andere waarden blijven in het logboek staan.")

    def on_mount(self) -> None:
        self.query_one("#sides", RadioSet).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def chosen_event_id(self) -> str | None:
        pressed = self.query_one("#sides", RadioSet).pressed_button
        return pressed.name if pressed is not None else None

    def action_confirm(self) -> None:
        if not check_text_lengths(self):
            return
        reason = self.query_one("#reason", TextArea).text
        chosen = self.chosen_event_id()
        choice_error, reason_error = validate_choice(chosen, reason)
        self._show_error("#sides-error", choice_error)
        self._show_error("#reason-error", reason_error)

        if choice_error is not None:
            self.query_one("#sides", RadioSet).focus()
            return
        if reason_error is not None:
            self.query_one("#reason", TextArea).focus()
            return
        self.dismiss(ConflictChoice(self.conflict.conflict_id, chosen, reason.strip()))

    @on(RadioSet.Changed, "#sides")
    def _side_chosen(self) -> None:
        # The message asked for a choice, which is made now; F2 checks everything again.
        self._show_error("#sides-error", None)

    @on(TextArea.Changed, "#reason")
    def _reason_changed(self) -> None:
        self._show_error("#reason-error", None)

    def _show_error(self, selector: str, message: str | None) -> None:
        label = self.query_one(selector, Static)
        label.update(Text(message or ""))
        label.set_class(message is None, "-empty")

    def action_cancel(self) -> None:
        self.typed_reason = self.query_one("#reason", TextArea).text
        self.dismiss(None)
