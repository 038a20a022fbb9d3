"""Validation of the intake form into a `case.reported` payload.

Field names are stable because screens bind widgets to them and show each error beside the
widget with the same name:

- "source", "source_detail", "received_at" (dd-mm-jjjj uu:mm; empty means now)
- gate: "safe_to_talk", "safe_contact_route", "perpetrator_location", "children_present",
  "acutely_unsafe"
- "parties" (errors about the list as a whole, e.g. no victim) and per party
  `party_field(index, key)` = "party_<index>_<key>" with key "role", "name", "birth_date"
  or "safe_contact"; screens put the victim at index 0 and the perpetrator at index 1
- "relation", "behaviours", "behaviour_text", "first_incident_date" (dd-mm-jjjj)
- notification: "informing_organisation", "informed_organisation", "informed_at"
  (dd-mm-jjjj uu:mm), "informed_by", "notification_note"; all empty means no notification
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import get_args

from pydantic import ValidationError

from ..i18n import _
from .dates import DateError, parse_date, parse_datetime
from .events import MAX_NAME, MAX_TEXT, CaseReported, IncidentKind
from .forms import FormErrors, errors_from_validation
from .levels import PartyRole, Relation, Source
from .organisations import is_known

PARTY_KEYS = ("role", "name", "birth_date", "safe_contact")
NOTIFICATION_FIELDS = ("informing_organisation", "informed_organisation", "informed_at", "informed_by", "notification_note")
BEHAVIOURS: tuple[str, ...] = get_args(IncidentKind)


def behaviour_label(code: str) -> str:
    """Return the Dutch label (translated) of a behaviour code from `BEHAVIOURS`."""
    labels = {
        "contact": _("Bellen, berichten of mailen"),
        "following": _("Volgen"),
        "loitering": _("Opwachten of posten bij huis of werk"),
        "threat": _("Bedreigen"),
        "damage": _("Spullen vernielen"),
        "violence": _("Geweld"),
        "weapon": _("Wapen genoemd of getoond"),
        "breach": _("Verbod of afspraak overtreden"),
        "online": _("Online: sociale media of accounts"),
        "third_parties": _("Via anderen: familie, vrienden of collega's"),
        "via_children": _("Via de kinderen"),
        "other": _("Anders (beschrijf het)"),
    }
    return labels.get(code, code)


def party_field(index: int, key: str) -> str:
    return f"party_{index}_{key}"


def empty_party(role: PartyRole) -> dict[str, str]:
    return {"role": role.value, "name": "", "birth_date": "", "safe_contact": ""}


@dataclass
class IntakeValues:
    """The raw values of the intake form, as text and booleans the way widgets hold them."""

    source: str = ""
    source_detail: str = ""
    received_at: str = ""
    safe_to_talk: bool | None = None
    safe_contact_route: str = ""
    perpetrator_location: str = ""
    children_present: bool | None = None
    acutely_unsafe: bool = False
    parties: list[dict[str, str]] = field(
        default_factory=lambda: [empty_party(PartyRole.VICTIM), empty_party(PartyRole.PERPETRATOR)]
    )
    relation: str = ""
    behaviours: list[str] = field(default_factory=list)
    behaviour_text: str = ""
    first_incident_date: str = ""
    informing_organisation: str = ""
    informed_organisation: str = ""
    informed_at: str = ""
    informed_by: str = ""
    notification_note: str = ""
    demo: bool = False


def validate_intake(values: IntakeValues, now: datetime) -> CaseReported:
    """Return the `case.reported` payload, or raise FormErrors with every problem found."""
    errors: dict[str, str] = {}

    source = _check_choice(errors, "source", values.source, Source, _("Kies waar de melding binnenkwam."))
    received_at = _check_moment(errors, "received_at", values.received_at, now, default=now)
    parties = _check_parties(errors, values.parties, now.date())
    relation = _check_choice(errors, "relation", values.relation, Relation, _("Kies de relatie tussen slachtoffer en pleger."))
    _check_behaviours(errors, values.behaviours)
    first_incident = _check_first_incident(errors, values.first_incident_date, received_at, now)
    notification = _check_notification(errors, values, received_at, now)

    for name, maximum in [
        ("source_detail", MAX_NAME), ("safe_contact_route", MAX_NAME), ("perpetrator_location", MAX_NAME),
        ("behaviour_text", MAX_TEXT), ("notification_note", MAX_TEXT),
    ]:
        _check_length(errors, name, getattr(values, name), maximum)
    if errors:
        raise FormErrors(errors)

    payload = {
        "source": source,
        "source_detail": values.source_detail.strip(),
        "received_at": received_at,
        "gate": {
            "safe_to_talk": values.safe_to_talk,
            "safe_contact_route": values.safe_contact_route.strip(),
            "perpetrator_location": values.perpetrator_location.strip(),
            "children_present": values.children_present,
            "acutely_unsafe": values.acutely_unsafe,
        },
        "parties": parties,
        "relation": relation,
        "behaviours": list(values.behaviours),
        "behaviour_text": values.behaviour_text.strip(),
        "first_incident_date": first_incident,
        "notification": notification,
        "demo": values.demo,
    }
    try:
        return CaseReported.model_validate(payload)
    except ValidationError as error:
        raise FormErrors(errors_from_validation(error)) from error


def _check_choice(errors: dict[str, str], name: str, value: str, choices, message: str) -> str | None:
    cleaned = value.strip()
    if cleaned in {choice.value for choice in choices}:
        return cleaned
    errors[name] = message
    return None


def _check_length(errors: dict[str, str], name: str, value: str, maximum: int) -> None:
    if len(value.strip()) > maximum and name not in errors:
        errors[name] = _("Deze tekst is te lang: maximaal {maximum} tekens, nu {length}. Maak hem korter.").format(
            maximum=maximum, length=len(value.strip()),
        )


def _check_moment(errors: dict[str, str], name: str, text: str, now: datetime, default: datetime | None = None) -> datetime | None:
    """Parse a date-and-time field that may not lie in the future."""
    if not text.strip() and default is not None:
        return default
    try:
        moment = parse_datetime(text)
    except DateError as error:
        errors[name] = str(error)
        return None
    if moment > now:
        errors[name] = _("Dit moment ligt in de toekomst. Vul een datum en tijd tot en met nu in.")
        return None
    return moment


def _check_parties(errors: dict[str, str], rows: list[dict[str, str]], today: date) -> list[dict]:
    parties = []
    for index, row in enumerate(rows):
        # A row the caseworker added but left empty is skipped rather than reported.
        if not any(str(row.get(key, "")).strip() for key in ("name", "birth_date", "safe_contact")) and index > 1:
            continue
        party = _check_party(errors, index, row, today)
        if party is not None:
            parties.append(party)

    roles = [str(row.get("role", "")).strip() for row in rows]
    if PartyRole.VICTIM.value not in roles:
        errors["parties"] = _("Vul het slachtoffer in.")
    elif PartyRole.PERPETRATOR.value not in roles:
        errors["parties"] = _("Vul de pleger in.")
    elif roles.count(PartyRole.VICTIM.value) > 1 or roles.count(PartyRole.PERPETRATOR.value) > 1:
        errors["parties"] = _("Een zaak heeft één slachtoffer en één pleger. Leg andere betrokkenen vast als kind of overig.")
    return parties


def _check_party(errors: dict[str, str], index: int, row: dict[str, str], today: date) -> dict | None:
    valid = True
    role = str(row.get("role", "")).strip()
    if role not in {choice.value for choice in PartyRole}:
        errors[party_field(index, "role")] = _("Kies de rol van deze persoon.")
        valid = False

    name = str(row.get("name", "")).strip()
    if not name:
        missing = {
            PartyRole.VICTIM.value: _("Vul de naam van het slachtoffer in."),
            PartyRole.PERPETRATOR.value: _("Vul de naam van de pleger in."),
        }
        errors[party_field(index, "name")] = missing.get(role, _("Vul de naam in."))
        valid = False
    elif len(name) > MAX_NAME:
        _check_length(errors, party_field(index, "name"), name, MAX_NAME)
        valid = False

    birth_date = _check_birth_date(errors, party_field(index, "birth_date"), str(row.get("birth_date", "")), today)
    if birth_date is False:
        valid = False

    safe_contact = str(row.get("safe_contact", "")).strip()
    if len(safe_contact) > MAX_NAME:
        _check_length(errors, party_field(index, "safe_contact"), safe_contact, MAX_NAME)
        valid = False

    if not valid:
        return None
    return {"role": role, "name": name, "birth_date": birth_date, "safe_contact": safe_contact}


def _check_birth_date(errors: dict[str, str], name: str, text: str, today: date) -> date | None | bool:
    """Return the birth date, None when left empty, or False after recording an error."""
    if not text.strip():
        return None
    try:
        birth_date = parse_date(text)
    except DateError as error:
        errors[name] = str(error)
        return False
    if birth_date > today:
        errors[name] = _("Deze geboortedatum ligt in de toekomst. Controleer het jaar.")
        return False
    return birth_date


def _check_behaviours(errors: dict[str, str], behaviours: list[str]) -> None:
    unknown = [code for code in behaviours if code not in BEHAVIOURS]
    if unknown:
        errors["behaviours"] = _("Onbekend gedrag: {codes}. Kies uit de lijst.").format(codes=", ".join(unknown))


def _check_first_incident(errors: dict[str, str], text: str, received_at: datetime | None, now: datetime) -> date | None:
    if not text.strip():
        return None
    try:
        first = parse_date(text)
    except DateError as error:
        errors["first_incident_date"] = str(error)
        return None
    if first > now.date():
        errors["first_incident_date"] = _("Deze datum ligt in de toekomst. Vul de datum van het eerste voorval in.")
    elif received_at is not None and first > received_at.date():
        errors["first_incident_date"] = _("Het eerste voorval kan niet na de melding liggen. Controleer beide datums.")
    return first


def _check_notification(errors: dict[str, str], values: IntakeValues, received_at: datetime | None, now: datetime) -> dict | None:
    """Check the notification between VT and police; all fields empty means none was made yet."""
    if not any(getattr(values, name).strip() for name in NOTIFICATION_FIELDS):
        return None

    informing = values.informing_organisation.strip()
    informed = values.informed_organisation.strip()
    for name, code in [("informing_organisation", informing), ("informed_organisation", informed)]:
        if not code:
            errors[name] = _("Kies de organisatie.")
        elif not is_known(code):
            errors[name] = _("Onbekende organisatie „{code}”. Kies er een uit de lijst.").format(code=code)
    if informing and informing == informed:
        errors["informed_organisation"] = _("Een organisatie informeert een andere organisatie. Kies een andere dan de informerende.")

    informed_at = _check_moment(errors, "informed_at", values.informed_at, now)
    if informed_at is not None and received_at is not None and informed_at < received_at:
        errors["informed_at"] = _("Het informeren kan niet vóór de ontvangst van de melding liggen. Controleer beide tijden.")

    informed_by = values.informed_by.strip()
    if not informed_by:
        errors["informed_by"] = _("Vul in wie het bericht gaf.")
    _check_length(errors, "informed_by", informed_by, MAX_NAME)

    return {
        "informing_organisation": informing,
        "informed_organisation": informed,
        "informed_at": informed_at,
        "informed_by": informed_by,
        "note": values.notification_note.strip(),
    }
