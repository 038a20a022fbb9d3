"""A list of every key of the screen below, for screens whose footer cannot show them all at 80 columns."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ..i18n import _


def key_lines(screen: Screen) -> list[tuple[str, str]]:
    """Return (key, description) for each binding active on `screen`, hidden ones included."""
    lines: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or key in seen:
            continue
        seen.add(key)
        lines.append((screen.app.get_key_display(binding), binding.description))
    return lines


class KeyHelpDialog(ModalScreen[None]):
    """Modal list of the keys of the screen below. Esc, F1 or Enter closes it."""

    BINDINGS = [
        Binding("escape,f1,enter", "close", _("Sluiten"), id="keys.close"),
    ]

    DEFAULT_CSS = """
    KeyHelpDialog {
        align: center middle;
    }
    KeyHelpDialog > #dialog {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    KeyHelpDialog .title {
        text-style: bold;
    }
    """

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(_("Toetsen op dit scherm"), classes="title")
            text = Text()
            for key, description in self.lines:
                text.append(f"{key:>8}", style="bold")
                text.append(f"  {description}\n")
            yield Static(text, id="keys")
            yield Label(_("Esc of F1 sluit dit overzicht."))

    def action_close(self) -> None:
        self.dismiss(None)
