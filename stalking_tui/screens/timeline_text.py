"""Dutch one-line descriptions of case-log events for the timeline (logboek stalking).

The text returned here contains case text (names, reasons, notes), so callers render it
with markup off.
"""

from ..domain import dates
from ..domain.events import (
    CaseEscalated, CaseReported, Event, IncidentRecorded, NoteAdded, Notification, PlanSaved,
    RoleAppointed, ScreeningCompleted, StepMarked, TrackChanged,
)
from ..domain.levels import TRACK_SYMBOLS, StepStatus, Track
from ..domain.organisations import organisation_name
from ..domain.routemap import RouteMap
from ..i18n import _, current_language
from .incident import KIND_LABELS, REPORTER_LABELS

# Filter choices of the timeline: label and the event kinds each one shows (None = all).
FILTERS: dict[str, tuple[str, frozenset[str] | None]] = {
    "all": (_("alles"), None),
    "incidents": (_("incidenten"), frozenset({"incident.recorded"})),
    "notes": (_("notities"), frozenset({"note.added"})),
    "screenings": (_("screenings"), frozenset({"screening.completed"})),
    "process": (
        _("stappen, sporen en rollen"),
        frozenset({"step.marked", "track.changed", "case.escalated", "role.appointed"}),
    ),
    "plan": (_("veiligheidsplan"), frozenset({"plan.saved"})),
    "reports": (_("melding en informeren"), frozenset({"case.reported", "notification.recorded"})),
}

STATUS_LABELS = {
    StepStatus.OPEN: _("open"),
    StepStatus.DONE: _("gedaan"),
    StepStatus.NOT_APPLICABLE: _("niet van toepassing"),
}


def one_line(text: str) -> str:
    """Return `text` with line breaks folded into spaces, so a table cell stays one line."""
    return " ".join(text.split())


def event_time(event: Event) -> str:
    """Return when the event was recorded, as dd-mm-jjjj uu:mm in Dutch local time."""
    return dates.format_datetime(event.recorded_at)


def actor_text(event: Event) -> str:
    return f"{event.actor.user} ({event.actor.organisation})"


def describe(event: Event, routes: RouteMap | None = None) -> str:
    """Return a one-line Dutch description of `event`."""
    payload = event.parsed()
    match payload:
        case CaseReported():
            text = _("Melding ontvangen ({source}), relatie {relation}").format(
                source=payload.source.value, relation=payload.relation.value,
            )
            if payload.gate.acutely_unsafe:
                text += " · " + _("‼ acuut onveilig bij melding")
        case Notification():
            text = _("{informing} informeerde {informed} op {at} (door {by})").format(
                informing=organisation_name(payload.informing_organisation, current_language()),
                informed=organisation_name(payload.informed_organisation, current_language()),
                at=dates.format_datetime(payload.informed_at),
                by=payload.informed_by,
            )
        case ScreeningCompleted():
            symbol = TRACK_SYMBOLS[Track(payload.level.value)]
            text = _("Screening: zorgniveau {symbol} {level} ({instrument} {version})").format(
                symbol=symbol, level=payload.level.value,
                instrument=payload.instrument_id, version=payload.instrument_version,
            )
            if payload.practice:
                text += " · " + _("oefenlijst")
        case StepMarked():
            text = _("Stap “{step}”: {status}").format(
                step=_step_title(payload.step_id, routes), status=STATUS_LABELS[payload.status],
            )
            if payload.outcome:
                text += " · " + _("uitkomst: {outcome}").format(outcome=payload.outcome)
            if payload.reason:
                text += " · " + payload.reason
        case CaseEscalated():
            text = _("‼ Geëscaleerd naar ACUUT: {reason}").format(reason=payload.reason)
        case TrackChanged():
            text = _("Spoor gewijzigd naar {symbol} {track}: {reason}").format(
                symbol=TRACK_SYMBOLS[payload.track], track=payload.track.value, reason=payload.reason,
            )
            if payload.automatic:
                text += " · " + _("automatisch")
        case RoleAppointed():
            text = _("{role} aangesteld: {name}").format(role=payload.role, name=payload.name)
            if payload.organisation:
                text += f" ({payload.organisation})"
        case PlanSaved():
            text = _("Veiligheidsplan versie {version} opgeslagen").format(version=payload.version)
        case IncidentRecorded():
            text = _("Incident {at}: {kind}, gemeld door {reporter}").format(
                at=dates.format_datetime(payload.occurred_at),
                kind=KIND_LABELS[payload.kind], reporter=REPORTER_LABELS[payload.reporter],
            )
            if payload.weapon:
                text += " · " + _("⚠ wapen genoemd")
            text += " · " + payload.description
        case NoteAdded():
            text = _("Notitie: {text}").format(text=payload.text)
        case _:
            text = event.kind
    return one_line(text)


def details(event: Event, routes: RouteMap | None = None) -> str:
    """Return the full text of `event` for the detail pane, keeping the line breaks of free text."""
    header = f"{event_time(event)} · {actor_text(event)} · {event.actor.role}"
    payload = event.parsed()
    free_text = ""
    match payload:
        case IncidentRecorded():
            free_text = payload.description
        case NoteAdded():
            free_text = payload.text
        case ScreeningCompleted():
            free_text = _("Onderbouwing: {rationale}").format(rationale=payload.rationale)
        case CaseReported():
            free_text = payload.behaviour_text
        case PlanSaved():
            free_text = _("Zorg: {worry}").format(worry=payload.worry)
    parts = [header, describe(event, routes)]
    if free_text:
        parts.append(free_text)
    return "\n".join(parts)


def _step_title(step_id: str, routes: RouteMap | None) -> str:
    step = routes.step(step_id) if routes is not None else None
    return step.title.get(current_language()) if step is not None else step_id
