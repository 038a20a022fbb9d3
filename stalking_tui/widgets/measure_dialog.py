"""Dialogs to record a protective measure, a breach of one, and a detention with its release date."""

import uuid
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static, TextArea

from ..domain.case import CaseState
from ..domain.dates import DateError, format_date, parse_date, parse_datetime
from ..domain.events import MAX_NAME, MAX_TEXT
from ..domain.measures import DETENTION_LABELS, MEASURE_TYPES, measure_label
from ..i18n import _
from .form_dialog import FormDialog
from .text_limits import LimitedInput


def _date_field(errors: dict[str, str], field: str, text: str, required: bool) -> date | None:
    if not text.strip():
        if required:
            errors[field] = _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 24-03-2026.")
        return None
    try:
        return parse_date(text)
    except DateError as error:
        errors[field] = str(error)
        return None


def _length(errors: dict[str, str], field: str, text: str, maximum: int) -> None:
    if len(text) > maximum:
        errors[field] = _("Deze tekst is te lang (maximaal {count} tekens). Kort hem in.").format(count=maximum)


def validate_measure(values: dict[str, str], measure_id: str) -> tuple[dict | None, dict[str, str]]:
    """Return a `measure.recorded` payload and Dutch errors by field; `values` are the raw form texts."""
    errors: dict[str, str] = {}
    if not values.get("kind"):
        errors["kind"] = _("Kies het soort maatregel.")
    start = _date_field(errors, "start", values.get("start", ""), required=True)
    end = _date_field(errors, "end", values.get("end", ""), required=False)
    if start and end and end < start:
        errors["end"] = _("De einddatum ligt vóór de startdatum ({date}). Controleer beide data.").format(date=format_date(start))
    for field in ("legal_basis", "issuer", "monitor"):
        _length(errors, field, values.get(field, ""), MAX_NAME)
    for field in ("conditions", "breach_handling"):
        _length(errors, field, values.get(field, ""), MAX_TEXT)
    if errors:
        return None, errors

    return {
        "measure_id": measure_id, "kind": values["kind"], "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        **{field: values.get(field, "").strip() for field in ("legal_basis", "issuer", "conditions", "monitor", "breach_handling")},
    }, {}


def validate_breach(measure_id: str | None, moment: str, description: str) -> tuple[dict | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not measure_id:
        errors["measure"] = _("Kies de maatregel die is overtreden.")
    occurred = None
    try:
        occurred = parse_datetime(moment)
    except DateError as error:
        errors["occurred_at"] = str(error)
    if not description.strip():
        errors["description"] = _("Beschrijf wat er gebeurde.")
    _length(errors, "description", description, MAX_TEXT)
    if errors:
        return None, errors
    return {"measure_id": measure_id, "occurred_at": occurred.isoformat(), "description": description.strip()}, {}


def validate_detention(kind: str | None, start_text: str, release_text: str, note: str, detention_id: str) -> tuple[dict | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not kind:
        errors["kind"] = _("Kies het soort vrijheidsbeneming.")
    start = _date_field(errors, "start", start_text, required=True)
    release = _date_field(errors, "release", release_text, required=False)
    if start and release and release < start:
        errors["release"] = _("De datum van vrijlating ligt vóór de start ({date}). Controleer beide data.").format(date=format_date(start))
    _length(errors, "note", note, MAX_TEXT)
    if errors:
        return None, errors
    return {
        "detention_id": detention_id, "kind": kind, "start": start.isoformat(),
        "release": release.isoformat() if release else None, "note": note.strip(),
    }, {}


class MeasureDialog(FormDialog):
    """Request a measure: type, legal basis, issuer, start, end, conditions, monitor and breach handling."""

    title_text = _("Maatregel vastleggen")
    field_order = ("kind", "legal_basis", "issuer", "start", "end", "conditions", "monitor", "breach_handling")

    def compose_fields(self) -> ComposeResult:
        kinds = [(_(measure.label), kind) for kind, measure in MEASURE_TYPES.items()]
        yield Label(_("Soort maatregel"))
        yield Select(kinds, prompt=_("Kies een maatregel"), id="kind", compact=True)
        yield self.error_label("kind")
        for field, label, placeholder in (
            ("legal_basis", _("Wettelijke grondslag"), ""),
            ("issuer", _("Opgelegd door"), ""),
            ("start", _("Start (dd-mm-jjjj)"), "dd-mm-jjjj"),
            ("end", _("Einde (dd-mm-jjjj, leeg als onbekend)"), "dd-mm-jjjj"),
        ):
            yield Label(label)
            yield LimitedInput(id=field, placeholder=placeholder, compact=True)
            yield self.error_label(field)
        yield Label(_("Voorwaarden"))
        yield TextArea(id="conditions", tab_behavior="focus")
        yield self.error_label("conditions")
        yield Label(_("Wie houdt toezicht"))
        yield LimitedInput(id="monitor", compact=True)
        yield self.error_label("monitor")
        yield Label(_("Wat gebeurt er bij overtreding"))
        yield TextArea(id="breach_handling", tab_behavior="focus")
        yield self.error_label("breach_handling")

    def on_select_changed(self, event: Select.Changed) -> None:
        # Fill the usual legal basis and issuer once, without overwriting what was typed.
        measure = MEASURE_TYPES.get(str(event.value)) if event.value is not Select.NULL else None
        if measure is None:
            return
        for field, value in (("legal_basis", measure.legal_basis), ("issuer", _(measure.issuer) if measure.issuer else "")):
            widget = self.query_one(f"#{field}", Input)
            if not widget.value:
                widget.value = value

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        values = {field: self.text(field) for field in self.field_order if field != "kind"}
        values["kind"] = self.choice("kind") or ""
        return validate_measure(values, uuid.uuid4().hex[:12])


class BreachDialog(FormDialog):
    """Request which measure was breached, when, and what happened."""

    title_text = _("Overtreding van een maatregel vastleggen")
    field_order = ("measure", "occurred_at", "description")

    def __init__(self, state: CaseState) -> None:
        super().__init__()
        self.state = state

    def compose_fields(self) -> ComposeResult:
        options = [
            (f"{measure_label(measure.kind)} · {format_date(measure.start)}", measure_id)
            for measure_id, measure in self.state.measures.items()
        ]
        yield Label(_("Maatregel"))
        yield Select(options, prompt=_("Kies een maatregel"), id="measure", compact=True)
        yield self.error_label("measure")
        yield Label(_("Wanneer (dd-mm-jjjj uu:mm)"))
        yield LimitedInput(id="occurred_at", placeholder="dd-mm-jjjj uu:mm", compact=True)
        yield self.error_label("occurred_at")
        yield Label(_("Wat gebeurde er"))
        yield TextArea(id="description", tab_behavior="focus")
        yield self.error_label("description")
        yield Static(_("Een overtreding is een signaal: de casus komt bovenaan de lijst tot iemand actie onderneemt."))

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        return validate_breach(self.choice("measure"), self.text("occurred_at"), self.text("description"))


class DetentionDialog(FormDialog):
    """Request a detention of the perpetrator with its start and (expected) release date."""

    title_text = _("Detentie van de pleger vastleggen")
    field_order = ("kind", "start", "release", "note")

    def compose_fields(self) -> ComposeResult:
        yield Label(_("Soort"))
        yield Select([(_(label), kind) for kind, label in DETENTION_LABELS.items()], prompt=_("Kies een soort"), id="kind", compact=True)
        yield self.error_label("kind")
        yield Label(_("Start (dd-mm-jjjj)"))
        yield LimitedInput(id="start", placeholder="dd-mm-jjjj", compact=True)
        yield self.error_label("start")
        yield Label(_("Vrijlating, verwacht of werkelijk (dd-mm-jjjj, leeg als onbekend)"))
        yield LimitedInput(id="release", placeholder="dd-mm-jjjj", compact=True)
        yield self.error_label("release")
        yield Label(_("Toelichting"))
        yield TextArea(id="note", tab_behavior="focus")
        yield self.error_label("note")
        yield Static(_("Rond de vrijlating geldt extra alertheid: de casus krijgt een signaal."))

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        return validate_detention(self.choice("kind"), self.text("start"), self.text("release"), self.text("note"), uuid.uuid4().hex[:12])
