"""The case state and the pure fold that builds it from events."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from .events import (
    CaseEscalated, CaseReported, Event, IncidentRecorded, Notification, Party, PlanSaved,
    RoleAppointed, SafetyGate, ScreeningCompleted, StepMarked, TrackChanged,
)
from .levels import ConcernLevel, PartyRole, Relation, Source, StepStatus, Track
from .routemap import RouteMap


class StepState(BaseModel):
    status: StepStatus
    reason: str = ""
    outcome: str = ""
    at: datetime
    by: str


class Appointment(BaseModel):
    name: str
    organisation: str = ""
    contact: str = ""


class CaseState(BaseModel):
    """Everything the screens show about one case; rebuilt from the log at any time."""

    case_id: str
    number: str
    created_at: datetime
    source: Source
    received_at: datetime
    gate: SafetyGate
    parties: list[Party]
    relation: Relation
    behaviours: list[str] = Field(default_factory=list)
    behaviour_text: str = ""
    first_incident_date: date | None = None
    demo: bool = False

    track: Track = Track.MELDING
    track_entered_at: datetime
    level: ConcernLevel | None = None
    escalation_reason: str = ""
    steps: dict[str, StepState] = Field(default_factory=dict)
    roles: dict[str, Appointment] = Field(default_factory=dict)
    notifications: list[Notification] = Field(default_factory=list)
    screening_count: int = 0
    last_screening_at: datetime | None = None
    incident_count: int = 0
    last_incident_at: datetime | None = None
    weapon_mentioned_at: datetime | None = None
    plan: PlanSaved | None = None
    updated_at: datetime

    @property
    def victim(self) -> Party:
        return next(p for p in self.parties if p.role == PartyRole.VICTIM)

    @property
    def perpetrator(self) -> Party:
        return next(p for p in self.parties if p.role == PartyRole.PERPETRATOR)


def new_case(event: Event, number: str) -> CaseState:
    """Build the state of a case from its `case.reported` event."""
    report = CaseReported.model_validate(event.payload)
    track = Track.ACUUT if report.gate.acutely_unsafe else Track.MELDING
    return CaseState(
        case_id=event.case_id,
        number=number,
        created_at=event.recorded_at,
        source=report.source,
        received_at=report.received_at,
        gate=report.gate,
        parties=report.parties,
        relation=report.relation,
        behaviours=report.behaviours,
        behaviour_text=report.behaviour_text,
        first_incident_date=report.first_incident_date,
        demo=report.demo,
        track=track,
        track_entered_at=event.recorded_at,
        escalation_reason="acuut onveilig bij melding" if track == Track.ACUUT else "",
        notifications=[report.notification] if report.notification else [],
        updated_at=event.recorded_at,
    )


def apply(state: CaseState, event: Event) -> CaseState:
    """Return the state after `event`; `state` itself is left unchanged."""
    state = state.model_copy(deep=True)
    state.updated_at = event.recorded_at
    payload = event.parsed()

    match payload:
        case Notification():
            state.notifications.append(payload)
        case ScreeningCompleted():
            state.screening_count += 1
            state.last_screening_at = event.recorded_at
            state.level = payload.level
            # An acute case continues in HOOG through its own steps, never through a screening.
            if state.track != Track.ACUUT:
                _enter_track(state, Track(payload.level.value), event.recorded_at)
        case StepMarked():
            state.steps[payload.step_id] = StepState(
                status=payload.status, reason=payload.reason, outcome=payload.outcome,
                at=event.recorded_at, by=event.actor.user,
            )
        case CaseEscalated():
            state.escalation_reason = payload.reason
            _enter_track(state, Track.ACUUT, event.recorded_at)
        case TrackChanged():
            _enter_track(state, payload.track, event.recorded_at)
        case RoleAppointed():
            state.roles[payload.role] = Appointment(
                name=payload.name, organisation=payload.organisation, contact=payload.contact,
            )
        case PlanSaved():
            state.plan = payload
        case IncidentRecorded():
            state.incident_count += 1
            state.last_incident_at = event.recorded_at
            if payload.weapon or payload.kind == "weapon":
                state.weapon_mentioned_at = event.recorded_at
    return state


def _enter_track(state: CaseState, track: Track, at: datetime) -> None:
    if state.track == track:
        return
    state.track = track
    state.track_entered_at = at


def automatic_transitions(state: CaseState, routes: RouteMap) -> list[tuple[str, dict]]:
    """Return the events the route map requires now, e.g. ACUUT → HOOG once the acute steps are closed."""
    spec = routes.tracks.get(state.track)
    if spec is None or spec.next_when_done is None:
        return []

    closed = {StepStatus.DONE, StepStatus.NOT_APPLICABLE}
    if all(state.steps.get(step.id) and state.steps[step.id].status in closed for step in spec.steps):
        reason = f"alle stappen van {state.track.value} afgerond"
        return [("track.changed", {"track": spec.next_when_done.value, "reason": reason, "automatic": True})]
    return []
