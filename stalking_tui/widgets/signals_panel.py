"""Signals of a case as a table with urgency symbols, and the dialog to record acting on one."""

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Label, Static, TextArea

from ..domain.events import MAX_TEXT
from ..domain.routing import SIGNAL_DUE, SIGNAL_SOON, SIGNAL_URGENT, Signal, acknowledgement_payload
from ..i18n import _
from .form_dialog import FormDialog

# Symbols keep the urgency readable without colour.
URGENCY_SYMBOLS = {SIGNAL_URGENT: "‼", SIGNAL_SOON: "!", SIGNAL_DUE: "•"}
ROUTINE_SYMBOL = "·"


def signal_symbol(signal: Signal) -> str:
    return URGENCY_SYMBOLS.get(signal.urgency, ROUTINE_SYMBOL)


def signal_cell(signal: Signal) -> Text:
    """Return the signal and what to do as plain text; measure or person names stay literal."""
    return Text(f"{signal_symbol(signal)} {signal.text} → {signal.action}")


class SignalTable(DataTable):
    """One row per signal, most urgent first; the row key is the signal identity."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        if not self.columns:
            self.add_column(_("Signaal en wat te doen"), key="signal")

    def show(self, found: list[Signal]) -> None:
        self.signals = {signal.identity: signal for signal in found}
        self.clear()
        if not self.columns:
            self.add_column(_("Signaal en wat te doen"), key="signal")
        for signal in found:
            self.add_row(signal_cell(signal), key=signal.identity)
        if not found:
            self.add_row(Text("✓ " + _("Geen open signalen.")), key="")

    def selected(self) -> Signal | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return getattr(self, "signals", {}).get(key)


class AcknowledgeDialog(FormDialog):
    """Request what the person did about a signal; dismiss with a `signal.acknowledged` payload."""

    title_text = _("Actie op signaal vastleggen")
    field_order = ("action",)

    def __init__(self, signal: Signal) -> None:
        super().__init__()
        self.signal = signal

    def compose_fields(self) -> ComposeResult:
        yield Static(signal_cell(self.signal))
        if self.signal.lasting:
            yield Static(_("Dit signaal komt terug als de situatie na enkele dagen nog hetzelfde is."))
        yield Label(_("Wat heeft u gedaan? (verplicht)"))
        yield TextArea(id="action", tab_behavior="focus")
        yield self.error_label("action")

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        action = self.text("action")
        if not action.strip():
            return None, {"action": _("Beschrijf wat u met dit signaal heeft gedaan, bijvoorbeeld: „Zaakofficier gebeld, herbeoordeling vrijdag”.")}
        if len(action) > MAX_TEXT:
            return None, {"action": _("De tekst is te lang (maximaal 20.000 tekens). Kort hem in.")}
        return acknowledgement_payload(self.signal, action), {}
