"""Dialog to record that Veilig Thuis and the police informed each other of a report."""

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from ..domain import dates
from ..domain.events import MAX_NAME, MAX_TEXT
from ..domain.organisations import ORGANISATIONS, is_known
from ..i18n import _, current_language
from .intake_fields import field_row
from .text_limits import LimitedInput, check_text_lengths

FIELDS = ("informing_organisation", "informed_organisation", "informed_at", "informed_by", "note")


def validate_notification(
    informing: str, informed: str, informed_at: str, informed_by: str, note: str,
    received_at: datetime, now: datetime,
) -> tuple[dict, dict[str, str]]:
    """Return the `notification.recorded` payload and Dutch errors by field (empty when valid)."""
    errors: dict[str, str] = {}
    for field, code in (("informing_organisation", informing), ("informed_organisation", informed)):
        if not code:
            errors[field] = _("Kies de organisatie.")
        elif not is_known(code):
            errors[field] = _("Onbekende organisatie „{code}”. Kies er een uit de lijst.").format(code=code)
    if informing and informing == informed:
        errors["informed_organisation"] = _("Kies een andere organisatie dan de organisatie die informeerde.")

    moment = None
    try:
        moment = dates.parse_datetime(informed_at)
    except dates.DateError as error:
        errors["informed_at"] = str(error)
    if moment is not None and moment > now:
        errors["informed_at"] = _("Dit moment ligt in de toekomst. Vul een datum en tijd tot en met nu in.")
    elif moment is not None and moment < received_at.replace(second=0, microsecond=0):
        errors["informed_at"] = _("Het informeren kan niet vóór de ontvangst van de melding liggen ({received}).").format(
            received=dates.format_datetime(received_at),
        )

    if not informed_by.strip():
        errors["informed_by"] = _("Vul in wie het bericht gaf.")
    elif len(informed_by) > MAX_NAME:
        errors["informed_by"] = _("De naam is te lang (maximaal 200 tekens).")
    if len(note) > MAX_TEXT:
        errors["note"] = _("De notitie is te lang (maximaal 20.000 tekens). Kort hem in.")

    payload = {
        "informing_organisation": informing,
        "informed_organisation": informed,
        "informed_at": moment.isoformat() if moment is not None else "",
        "informed_by": informed_by.strip(),
        "note": note.strip(),
    }
    return payload, errors


class NotificationDialog(ModalScreen[dict | None]):
    """Request the informing and informed organisation, the moment and the sender; dismiss with the payload, or None."""

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="notification.cancel"),
        Binding("f2", "confirm", _("Opslaan"), id="notification.confirm"),
    ]

    DEFAULT_CSS = """
    NotificationDialog {
        align: center middle;
    }
    NotificationDialog > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
        overflow-y: auto;
    }
    NotificationDialog #title {
        text-style: bold;
    }
    NotificationDialog .field, NotificationDialog .field-row {
        height: auto;
    }
    NotificationDialog .field-title {
        width: 22;
    }
    NotificationDialog .field-row > Input, NotificationDialog .field-row > Select {
        width: 1fr;
    }
    NotificationDialog .error {
        color: $error;
        padding-left: 22;
        height: auto;
    }
    NotificationDialog #note-error {
        padding-left: 0;
    }
    NotificationDialog .error.-empty {
        display: none;
    }
    NotificationDialog #note {
        height: 3;
    }
    NotificationDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    NotificationDialog Button {
        margin-left: 1;
    }
    """

    def __init__(self, received_at: datetime, informing: str = "", informed: str = "", informed_by: str = "") -> None:
        super().__init__()
        self.received_at = received_at
        self.preset = {"informing_organisation": informing, "informed_organisation": informed}
        self.informed_by = informed_by

    def compose(self) -> ComposeResult:
        language = current_language()
        options = [(f"{code} · {org.name(language)}", code) for code, org in ORGANISATIONS.items()]

        def organisation(field: str) -> Select:
            value = self.preset[field] if is_known(self.preset[field]) else Select.NULL
            return Select(options, value=value, prompt=_("Kies een organisatie"), id=field, compact=True)

        with Vertical(id="dialog"):
            yield Label(_("Informeren Veilig Thuis ↔ politie vastleggen"), id="title")
            yield field_row(_("Wie informeerde"), organisation("informing_organisation"), "informing_organisation")
            yield field_row(_("Wie werd geïnformeerd"), organisation("informed_organisation"), "informed_organisation")
            yield field_row(
                _("Wanneer"),
                LimitedInput(dates.format_datetime(dates.now()), placeholder=_("dd-mm-jjjj uu:mm"), id="informed_at", compact=True),
                "informed_at",
            )
            yield field_row(_("Door wie"), LimitedInput(self.informed_by, id="informed_by", compact=True), "informed_by")
            yield Label(_("Notitie (optioneel)"))
            yield TextArea(id="note", tab_behavior="focus")
            yield Label("", id="note-error", classes="error -empty", markup=False)
            with Horizontal(id="buttons"):
                yield Button(_("Opslaan (F2)"), variant="primary", id="confirm", compact=True)
                yield Button(_("Annuleren (Esc)"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#informing_organisation").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def _select(self, field: str) -> str:
        value = self.query_one(f"#{field}", Select).value
        return "" if value is Select.NULL else str(value)

    def action_confirm(self) -> None:
        if not check_text_lengths(self):
            return
        payload, errors = validate_notification(
            self._select("informing_organisation"),
            self._select("informed_organisation"),
            self.query_one("#informed_at", Input).value,
            self.query_one("#informed_by", Input).value,
            self.query_one("#note", TextArea).text,
            self.received_at,
            dates.now(),
        )
        for field in FIELDS:
            label = self.query_one(f"#{field}-error", Label)
            label.update(errors.get(field, ""))
            label.set_class(field not in errors, "-empty")
        if errors:
            first_bad = next(field for field in FIELDS if field in errors)
            self.query_one(f"#{first_bad}").focus()
            return
        self.dismiss(payload)

    def action_cancel(self) -> None:
        self.dismiss(None)
