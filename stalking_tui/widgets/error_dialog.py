"""The one error dialog: what failed and what to do, in plain words."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..i18n import _


class ErrorDialog(ModalScreen[None]):
    """A modal with a title and a message; the message text can be selected and copied."""

    BINDINGS = [
        Binding("escape", "close", _("Sluiten")),
        Binding("c", "copy_message", _("Tekst kopiëren")),
    ]

    DEFAULT_CSS = """
    ErrorDialog {
        align: center middle;
    }
    ErrorDialog > Vertical {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $error;
        background: $surface;
        padding: 0 1;
    }
    ErrorDialog #error-title {
        text-style: bold;
        width: 100%;
    }
    ErrorDialog #error-message {
        width: 100%;
        margin: 1 0;
    }
    ErrorDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ErrorDialog Button {
        margin-left: 1;
    }
    """

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.error_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            # Markup stays off: the message may quote a value the user typed.
            yield Label("✖ " + self.error_title, id="error-title", markup=False)
            yield Static(self.message, id="error-message", markup=False)
            with Horizontal():
                yield Button(_("Kopiëren"), id="copy")
                yield Button(_("Sluiten"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy_message()
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy_message(self) -> None:
        """Copy title and message to the clipboard (through the terminal, OSC 52)."""
        self.app.copy_to_clipboard(f"{self.error_title}\n{self.message}")
        self.notify(_("Foutmelding gekopieerd."))
