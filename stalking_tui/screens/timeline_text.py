"""Dutch one-line descriptions of case-log events for the timeline (logboek stalking).

The text returned here contains case text (names, reasons, notes), so callers render it
with markup off.
"""

from ..domain import dates
from ..domain.events import (
    CaseEscalated, CaseReported, ConflictResolved, Event, IncidentRecorded, NoteAdded, Notification,
    PlanSaved, RoleAppointed, ScreeningCompleted, StepMarked, TrackChanged,
)
from ..domain.levels import TRACK_SYMBOLS, StepStatus, Track
from ..domain.organisations import organisation_name
from ..domain.routemap import RouteMap
from ..domain.routing import role_title
from ..i18n import _, current_language
from ..widgets.intake_fields import RELATION_LABELS, SOURCE_LABELS
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
    """Return a one-line Dutch description of `event`, free text included."""
    head, free_text = _head_and_text(event, routes)
    return one_line(f"{head} · {free_text}" if free_text else head)


def details(event: Event, routes: RouteMap | None = None) -> str:
    """Return the full text of `event` for the detail pane, keeping the line breaks of free text."""
    header = f"{event_time(event)} · {actor_text(event)} · {event.actor.role}"
    head, free_text = _head_and_text(event, routes)
    return "\n".join(part for part in (header, one_line(head), free_text) if part)


def _head_and_text(event: Event, routes: RouteMap | None) -> tuple[str, str]:
    """Return the fixed part of the description and the free text typed by a person."""
    payload = event.parsed()
    free_text = ""
    match payload:
        case CaseReported():
            head = _("Melding ontvangen via {source}, relatie {relation}").format(
                source=SOURCE_LABELS.get(payload.source, payload.source.value),
                relation=RELATION_LABELS.get(payload.relation, payload.relation.value).lower(),
            )
            if payload.gate.acutely_unsafe:
                head += " · " + _("‼ acuut onveilig bij melding")
            free_text = payload.behaviour_text
        case Notification():
            head = _("{informing} informeerde {informed} op {at} (door {by})").format(
                informing=organisation_name(payload.informing_organisation, current_language()),
                informed=organisation_name(payload.informed_organisation, current_language()),
                at=dates.format_datetime(payload.informed_at),
                by=payload.informed_by,
            )
            free_text = payload.note
        case ScreeningCompleted():
            head = _("Screening: zorgniveau {symbol} {level} ({instrument} {version})").format(
                symbol=TRACK_SYMBOLS[Track(payload.level.value)], level=payload.level.value,
                instrument=payload.instrument_id, version=payload.instrument_version,
            )
            if payload.practice:
                head += " · " + _("oefenlijst")
            free_text = _("Onderbouwing: {rationale}").format(rationale=payload.rationale)
            if payload.lowered_reason:
                # A level below the instrument's proposal must stand out in the log.
                head += " · " + _("⬇ lager dan voorstel {proposed}").format(
                    proposed=payload.proposed_level.value if payload.proposed_level else "?",
                )
                free_text += " · " + _("Reden lager niveau: {reason}").format(reason=payload.lowered_reason)
        case StepMarked():
            head = _("Stap “{step}”: {status}").format(
                step=_step_title(payload.step_id, routes), status=STATUS_LABELS[payload.status],
            )
            if payload.outcome:
                head += " · " + _("uitkomst: {outcome}").format(outcome=payload.outcome)
            free_text = payload.reason
        case CaseEscalated():
            head = _("‼ Geëscaleerd naar ACUUT")
            free_text = _("Reden: {reason}").format(reason=payload.reason)
        case TrackChanged():
            head = _("Spoor gewijzigd naar {symbol} {track}").format(
                symbol=TRACK_SYMBOLS[payload.track], track=payload.track.value,
            )
            if payload.automatic:
                head += " · " + _("automatisch")
            free_text = payload.reason
        case RoleAppointed():
            role = role_title(routes, payload.role, current_language()) if routes is not None else payload.role
            head = _("{role} aangesteld: {name}").format(role=role, name=payload.name)
            if payload.organisation:
                head += f" ({payload.organisation})"
        case PlanSaved():
            head = _("Veiligheidsplan versie {version} opgeslagen").format(version=payload.version)
        case IncidentRecorded():
            head = _("Incident {at}: {kind}, gemeld door {reporter}").format(
                at=dates.format_datetime(payload.occurred_at),
                kind=KIND_LABELS[payload.kind], reporter=REPORTER_LABELS[payload.reporter],
            )
            if payload.weapon:
                head += " · " + _("⚠ wapen genoemd")
            free_text = payload.description
        case NoteAdded():
            head = _("Notitie")
            free_text = payload.text
        case ConflictResolved():
            head = _("⚖ Conflict opgelost: één van {count} vastgelegde waarden gekozen").format(count=len(payload.event_ids))
            free_text = _("Reden: {reason}").format(reason=payload.reason)
        case _:
            from .followup_text import describe_followup

            head, free_text = describe_followup(payload) or (event.kind, "")
    return head, free_text


def _step_title(step_id: str, routes: RouteMap | None) -> str:
    step = routes.step(step_id) if routes is not None else None
    return step.title.get(current_language()) if step is not None else step_id
