"""The case state and the pure fold that builds it from events."""

import calendar
from datetime import date, datetime

from pydantic import BaseModel, Field

from .events import (
    CaseClosed, CaseDeescalated, CaseEscalated, CaseReopened, CaseReported, DetentionRecorded,
    Event, IncidentRecorded, MeasureBreached, MeasureRecorded, NoteAdded, Notification, Party, Payload, PlanSaved,
    RoleAppointed, SafetyGate, ScreeningCompleted, SignalAcknowledged, StepMarked, TrackChanged,
    WaakvlamChecked,
)
from .dates import local
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


class Breach(BaseModel):
    occurred_at: datetime
    description: str
    recorded_at: datetime
    by: str


class MeasureState(MeasureRecorded):
    """A measure as last recorded, with the breaches logged against it."""

    breaches: list[Breach] = Field(default_factory=list)


class WaakvlamCheck(BaseModel):
    """A planned waakvlam check after closing; `done_at` is None while it is still to do."""

    due: date
    done_at: datetime | None = None
    by: str = ""
    outcome: str = ""
    note: str = ""


class Acknowledgement(BaseModel):
    """Who acted on a signal, when, and what they did."""

    code: str
    action: str
    at: datetime
    by: str


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
    plan_saved_at: datetime | None = None
    updated_at: datetime
    open_conflicts: int = 0
    """Conflicting edits from other devices that no one has resolved yet (see domain.merge)."""

    incident_times: list[datetime] = Field(default_factory=list)
    """When each incident happened (as reported, not when it was logged), for repeat signals."""
    measures: dict[str, MeasureState] = Field(default_factory=dict)
    detentions: dict[str, DetentionRecorded] = Field(default_factory=dict)
    acknowledged: dict[str, Acknowledgement] = Field(default_factory=dict)
    """Latest acknowledgement per signal key."""
    closed_at: datetime | None = None
    close_reason: str = ""
    waakvlam: list[WaakvlamCheck] = Field(default_factory=list)
    """Checks of the latest closing; the previous closing's checks are dropped on reopening."""
    transition_reason: str = ""
    """Reason of the latest manual de-escalation or reopening."""

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

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


def apply(state: CaseState, event: Event, copy: bool = True, payload: Payload | None = None) -> CaseState:
    """Return the state after `event`; `state` itself is left unchanged unless `copy` is False.

    `copy=False` changes `state` in place, for a fold that owns its state (domain.merge):
    the deep copy per event otherwise dominates the time of folding a long log.
    `payload` is the event's payload validated already (`event.parsed()`), so a caller
    that validated it does not pay for validating it again. The fold may keep that model
    in the state, so the caller must not change it afterwards.
    """
    if copy:
        state = state.model_copy(deep=True)
    state.updated_at = event.recorded_at
    if payload is None:
        payload = event.parsed()

    # Notes and incidents are most of a long log, so they are matched first.
    match payload:
        case NoteAdded():
            pass  # a note is a timeline entry only
        case IncidentRecorded():
            state.incident_count += 1
            state.last_incident_at = event.recorded_at
            state.incident_times.append(payload.occurred_at)
            if payload.weapon or payload.kind == "weapon":
                state.weapon_mentioned_at = event.recorded_at
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
            # Safety first: escalating a closed case reopens it.
            _reopen(state)
            _enter_track(state, Track.ACUUT, event.recorded_at)
        case TrackChanged():
            _enter_track(state, payload.track, event.recorded_at)
        case RoleAppointed():
            state.roles[payload.role] = Appointment(
                name=payload.name, organisation=payload.organisation, contact=payload.contact,
            )
        case PlanSaved():
            state.plan = payload
            state.plan_saved_at = event.recorded_at
        case _:
            _apply_follow_up(state, payload, event)
    return state


def _apply_follow_up(state: CaseState, payload, event: Event) -> None:
    """Fold the events of transitions, measures, detention and signals."""
    match payload:
        case CaseDeescalated():
            state.transition_reason = payload.reason
            _enter_track(state, payload.track, event.recorded_at)
        case CaseClosed():
            state.closed_at = event.recorded_at
            state.close_reason = payload.reason
            closed_on = local(event.recorded_at).date()
            state.waakvlam = [WaakvlamCheck(due=add_months(closed_on, months)) for months in payload.waakvlam_months]
        case WaakvlamChecked():
            for check in state.waakvlam:
                if check.due == payload.due and check.done_at is None:
                    check.done_at, check.by = event.recorded_at, event.actor.user
                    check.outcome, check.note = payload.outcome, payload.note
                    break
        case CaseReopened():
            _reopen(state)
            state.transition_reason = payload.reason
            _enter_track(state, payload.track, event.recorded_at)
        case SignalAcknowledged():
            state.acknowledged[payload.key] = Acknowledgement(
                code=payload.code, action=payload.action, at=event.recorded_at, by=event.actor.user,
            )
        case MeasureRecorded():
            earlier = state.measures.get(payload.measure_id)
            breaches = earlier.breaches if earlier is not None else []
            state.measures[payload.measure_id] = MeasureState(**payload.model_dump(), breaches=breaches)
        case MeasureBreached():
            _apply_breach(state, payload, event)
        case DetentionRecorded():
            state.detentions[payload.detention_id] = payload


def _apply_breach(state: CaseState, payload: MeasureBreached, event: Event) -> None:
    # A breach of an unknown measure (e.g. synced before the measure itself) is kept as an incident.
    measure = state.measures.get(payload.measure_id)
    if measure is not None:
        measure.breaches.append(Breach(
            occurred_at=payload.occurred_at, description=payload.description,
            recorded_at=event.recorded_at, by=event.actor.user,
        ))
    # Every breach is also an incident, so it counts for repeat reports and reassessment.
    state.incident_count += 1
    state.last_incident_at = event.recorded_at
    state.incident_times.append(payload.occurred_at)


def _reopen(state: CaseState) -> None:
    state.closed_at = None
    state.close_reason = ""
    state.waakvlam = []


def add_months(start: date, months: int) -> date:
    """Return `start` plus `months` calendar months; the 31st becomes the last day of a shorter month."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _enter_track(state: CaseState, track: Track, at: datetime) -> None:
    if state.track == track:
        return
    state.track = track
    state.track_entered_at = at


def automatic_transitions(state: CaseState, routes: RouteMap) -> list[tuple[str, dict]]:
    """Return the events the route map requires now, e.g. ACUUT → HOOG once the acute steps are closed."""
    spec = routes.tracks.get(state.track)
    if spec is None or spec.next_when_done is None or state.is_closed:
        return []

    closed = {StepStatus.DONE, StepStatus.NOT_APPLICABLE}
    if all(state.steps.get(step.id) and state.steps[step.id].status in closed for step in spec.steps):
        reason = f"alle stappen van {state.track.value} afgerond"
        return [("track.changed", {"track": spec.next_when_done.value, "reason": reason, "automatic": True})]
    return []
