"""Dialogs that collect an incident or a note for the case log; the caller records the event."""

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Select, Static, TextArea

from ..domain import dates
from ..i18n import _
from ..widgets.marked_toggles import MarkedCheckbox, MarkedRadioButton
from ..widgets.text_limits import LimitedInput, check_text_lengths

# Keys are the payload literals of `IncidentRecorded.kind`; the labels are what a caseworker reads.
KIND_LABELS: dict[str, str] = {
    "contact": _("contact"),
    "following": _("volgen"),
    "loitering": _("rondhangen"),
    "threat": _("bedreiging"),
    "damage": _("vernieling"),
    "violence": _("geweld"),
    "weapon": _("wapen"),
    "breach": _("overtreding maatregel"),
    "online": _("online"),
    "third_parties": _("via derden"),
    "via_children": _("via kinderen"),
    "other": _("anders"),
}

REPORTER_LABELS: dict[str, str] = {
    "victim": _("slachtoffer"),
    "perpetrator": _("pleger (tegenaangifte)"),
    "third_party": _("derde"),
    "professional": _("professional"),
}


def _error_line(field: str) -> Static:
    """Return the hidden error line shown under `field` once it has a message."""
    error = Static("", id=f"{field}-error", classes="field-error", markup=False)
    error.display = False
    return error


def _show_error(error: Static, message: str) -> None:
    error.update(message)
    error.display = bool(message)


class IncidentDialog(ModalScreen[dict | None]):
    """Ask for one incident and return the payload of `incident.recorded`, or None on cancel."""

    CSS_PATH = "incident.tcss"

    BINDINGS = [
        Binding("f2", "save", _("Opslaan"), id="incident.save"),
        Binding("escape", "cancel", _("Annuleren"), id="incident.cancel"),
    ]

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self._now = now

    def compose(self) -> ComposeResult:
        now = self._now or dates.now()
        with Vertical(id="dialog"):
            yield Static(_("Incident vastleggen"), classes="dialog-title")
            with VerticalScroll(id="fields", can_focus=False):
                yield Label(_("Datum en tijd (dd-mm-jjjj uu:mm)"))
                yield LimitedInput(dates.format_datetime(now), id="occurred_at", compact=True)
                yield _error_line("occurred_at")

                yield Label(_("Soort incident"))
                yield Select(
                    [(label, key) for key, label in KIND_LABELS.items()],
                    prompt=_("Kies een soort"), id="kind", compact=True,
                )
                yield _error_line("kind")

                yield Label(_("Gemeld door"))
                with RadioSet(id="reporter", compact=True):
                    for key, label in REPORTER_LABELS.items():
                        yield MarkedRadioButton(label, name=key)
                yield _error_line("reporter")
                hint = Static("", id="counter-report-hint", classes="hint", markup=False)
                hint.display = False
                yield hint

                yield Label(_("Omschrijving"))
                yield TextArea(id="description", tab_behavior="focus")
                yield _error_line("description")

                yield MarkedCheckbox(_("Wapen genoemd (ook van horen zeggen)"), id="weapon", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Opslaan (F2)"), id="save", variant="primary")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    @on(RadioSet.Changed, "#reporter")
    def _show_counter_report_hint(self, event: RadioSet.Changed) -> None:
        hint = ""
        if event.pressed.name == "perpetrator":
            hint = _("ⓘ Tegenaangifte van de pleger: wordt vastgelegd en verlaagt het zorgniveau nooit.")
        _show_error(self.query_one("#counter-report-hint", Static), hint)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if not check_text_lengths(self):
            return
        payload = self._collect()
        if payload is not None:
            self.dismiss(payload)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _collect(self) -> dict | None:
        """Return the payload, or None after showing a message beside each invalid field."""
        errors: dict[str, str] = {}

        occurred_at = None
        try:
            occurred_at = dates.parse_datetime(self.query_one("#occurred_at", Input).value)
        except dates.DateError as error:
            errors["occurred_at"] = "✗ " + str(error)
        if occurred_at is not None and occurred_at > dates.now():
            errors["occurred_at"] = _("✗ Dit tijdstip ligt in de toekomst. Vul in wanneer het incident gebeurde.")

        kind = self.query_one("#kind", Select).value
        if kind is Select.NULL:
            errors["kind"] = _("✗ Kies de soort incident.")

        pressed = self.query_one("#reporter", RadioSet).pressed_button
        if pressed is None:
            errors["reporter"] = _("✗ Kies wie het incident meldde.")

        description = self.query_one("#description", TextArea).text.strip()
        if not description:
            errors["description"] = _("✗ Beschrijf wat er gebeurde.")

        for field in ("occurred_at", "kind", "reporter", "description"):
            _show_error(self.query_one(f"#{field}-error", Static), errors.get(field, ""))
        if errors:
            self.notify(_("Het incident is nog niet opgeslagen: controleer de gemarkeerde velden."), severity="warning")
            return None

        return {
            "occurred_at": occurred_at.isoformat(),
            "kind": kind,
            "reporter": pressed.name,
            "description": description,
            "weapon": self.query_one("#weapon", Checkbox).value or kind == "weapon",
        }


class NoteDialog(ModalScreen[dict | None]):
    """Ask for a note and return the payload of `note.added`, or None on cancel."""

    CSS_PATH = "incident.tcss"

    BINDINGS = [
        Binding("f2", "save", _("Opslaan"), id="note.save"),
        Binding("escape", "cancel", _("Annuleren"), id="note.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_("Notitie toevoegen"), classes="dialog-title")
            yield Label(_("Notitie"))
            yield TextArea(id="text", tab_behavior="focus")
            yield _error_line("text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Opslaan (F2)"), id="save", variant="primary")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if not check_text_lengths(self):
            return
        text = self.query_one("#text", TextArea).text.strip()
        if not text:
            _show_error(self.query_one("#text-error", Static), _("✗ Schrijf eerst een notitie, of annuleer met Esc."))
            return
        self.dismiss({"text": text})

    def action_cancel(self) -> None:
        self.dismiss(None)
