"""A question with a few answers as buttons, e.g. whether to resume or discard a draft."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..i18n import _


class ChoiceDialog(ModalScreen[str | None]):
    """Show `message` with one button per choice; dismiss with the chosen key, or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="choice.cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
    }
    ChoiceDialog > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ChoiceDialog #title {
        text-style: bold;
    }
    ChoiceDialog #message {
        margin: 1 0;
    }
    ChoiceDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    ChoiceDialog Button {
        margin-left: 1;
    }
    """

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]]) -> None:
        """`choices` are (key, button label) pairs; the first one gets the focus."""
        super().__init__()
        self.dialog_title = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.dialog_title, id="title")
            yield Static(self.message, id="message", markup=False)
            with Horizontal(id="buttons"):
                for key, label in self.choices:
                    yield Button(label, id=f"choice-{key}", name=key, compact=True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name)

    def action_cancel(self) -> None:
        self.dismiss(None)
