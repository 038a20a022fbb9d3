"""Event kinds of the case log and the payload model for each kind.

The event log is the source of truth: every change to a case is one event, and the
case state is a fold over its events (see `case.apply`).
"""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .levels import Answer, ConcernLevel, PartyRole, Relation, Source, StepStatus, Track
from .profile import Actor

MAX_NAME = 200
MAX_TEXT = 20_000


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SafetyGate(Payload):
    """Questions asked before anything else, so a caller is never put at risk."""

    safe_to_talk: bool | None = None
    safe_contact_route: str = Field(default="", max_length=MAX_NAME)
    perpetrator_location: str = Field(default="", max_length=MAX_NAME)
    children_present: bool | None = None
    acutely_unsafe: bool = False


class Party(Payload):
    role: PartyRole
    name: str = Field(min_length=1, max_length=MAX_NAME)
    birth_date: date | None = None
    safe_contact: str = Field(default="", max_length=MAX_NAME)


class Notification(Payload):
    """VT and police inform each other of a report: who informed whom, and when."""

    informing_organisation: str = Field(min_length=1, max_length=20)
    informed_organisation: str = Field(min_length=1, max_length=20)
    informed_at: datetime
    informed_by: str = Field(min_length=1, max_length=MAX_NAME)
    note: str = Field(default="", max_length=MAX_TEXT)


class CaseReported(Payload):
    """The intake of a report; creates the case."""

    source: Source
    source_detail: str = Field(default="", max_length=MAX_NAME)
    received_at: datetime
    gate: SafetyGate
    parties: list[Party] = Field(min_length=2)
    relation: Relation
    behaviours: list[str] = Field(default_factory=list)
    behaviour_text: str = Field(default="", max_length=MAX_TEXT)
    first_incident_date: date | None = None
    notification: Notification | None = None
    demo: bool = False


class ItemAnswer(Payload):
    answer: Answer
    note: str = Field(default="", max_length=MAX_TEXT)


class ScreeningCompleted(Payload):
    instrument_id: str
    instrument_version: str
    instrument_checksum: str
    practice: bool
    answers: dict[str, ItemAnswer]
    proposed_level: ConcernLevel | None = None
    level: ConcernLevel
    rationale: str = Field(min_length=1, max_length=MAX_TEXT)
    lowered_reason: str = Field(default="", max_length=MAX_TEXT)
    assessor: str
    assessor_role: str
    assessor_organisation: str


class StepMarked(Payload):
    step_id: str
    status: StepStatus
    reason: str = Field(default="", max_length=MAX_TEXT)
    outcome: str = Field(default="", max_length=40)
    """Chosen option of a decision step, e.g. "ja" or "nee" for the OM decision."""


class CaseEscalated(Payload):
    reason: str = Field(min_length=1, max_length=MAX_TEXT)


class TrackChanged(Payload):
    track: Track
    reason: str = Field(min_length=1, max_length=MAX_TEXT)
    automatic: bool = False


class RoleAppointed(Payload):
    role: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    organisation: str = Field(default="", max_length=20)
    contact: str = Field(default="", max_length=MAX_NAME)


class Agreement(Payload):
    actor: str = Field(min_length=1, max_length=MAX_NAME)
    action: str = Field(min_length=1, max_length=MAX_TEXT)
    deadline: date | None = None
    monitor: str = Field(default="", max_length=MAX_NAME)
    compliance: str = Field(default="", max_length=MAX_TEXT)
    """Observable sign that the agreement is kept."""
    breach_consequence: str = Field(default="", max_length=MAX_TEXT)
    """Consequence when the agreement is broken."""


class Measure(Payload):
    kind: str = Field(min_length=1, max_length=MAX_NAME)
    issuer: str = Field(default="", max_length=MAX_NAME)
    start: date | None = None
    end: date | None = None
    note: str = Field(default="", max_length=MAX_TEXT)
    legal_basis: str = Field(default="", max_length=MAX_NAME)
    conditions: str = Field(default="", max_length=MAX_TEXT)
    breach_handling: str = Field(default="", max_length=MAX_TEXT)


class Condition(Payload):
    """A safety condition with who set it and when; Veilig Thuis owns them for direct safety."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    set_by: str = Field(default="", max_length=MAX_NAME)
    set_on: date | None = None


PlanPhase = Literal["", "direct", "stable", "recovery"]
"""Phased work on safety: direct safety, then stable safety with risk-driven care, then recovery."""


class Goal(Payload):
    goal: str = Field(min_length=1, max_length=MAX_TEXT)
    effect_on_safety: str = Field(min_length=1, max_length=MAX_TEXT)
    """Required answer to "how does reaching this goal affect safety?"."""


class PlanSaved(Payload):
    """One version of the safety plan; every save is a new version."""

    version: int = Field(ge=1)
    worry: str = Field(min_length=1, max_length=MAX_TEXT)
    conditions: list[str] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    review_date: date | None = None
    evaluation: str = Field(default="", max_length=MAX_TEXT)
    condition_details: list[Condition] = Field(default_factory=list)
    """The `conditions` with who set each one and when, in the same order; empty in older versions."""
    aware_start: date | None = None
    aware_review: date | None = None
    children: str = Field(default="", max_length=MAX_TEXT)
    """The children involved and how they are affected."""
    kindcheck: str = Field(default="", max_length=MAX_TEXT)
    """Outcome of the kindcheck: are there children, and who makes sure they are safe."""
    phase: PlanPhase = ""
    review_weeks: int | None = Field(default=None, ge=1, le=52)
    """Review schedule: weeks between reviews."""


IncidentKind = Literal[
    "contact", "following", "loitering", "threat", "damage", "violence", "weapon",
    "breach", "online", "third_parties", "via_children", "other",
]
Reporter = Literal["victim", "perpetrator", "third_party", "professional"]


class IncidentRecorded(Payload):
    occurred_at: datetime
    kind: IncidentKind
    reporter: Reporter
    description: str = Field(min_length=1, max_length=MAX_TEXT)
    weapon: bool = False
    """A weapon was mentioned, even as hearsay: always a signal to reassess."""


class NoteAdded(Payload):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class CaseDeescalated(Payload):
    """A move to a lighter track; the route map lists the tracks allowed from each track."""

    track: Track
    reason: str = Field(min_length=1, max_length=MAX_TEXT)


WAAKVLAM_MAX_MONTHS = 60


class CaseClosed(Payload):
    """The active phase ends; waakvlam checks follow after these numbers of months."""

    reason: str = Field(min_length=1, max_length=MAX_TEXT)
    waakvlam_months: list[int] = Field(default_factory=list, max_length=12)

    @field_validator("waakvlam_months")
    @classmethod
    def _months_in_range(cls, months: list[int]) -> list[int]:
        if any(month < 1 or month > WAAKVLAM_MAX_MONTHS for month in months):
            raise ValueError(f"every month must be between 1 and {WAAKVLAM_MAX_MONTHS}")
        return sorted(set(months))


WaakvlamOutcome = Literal["rustig", "zorg"]


class WaakvlamChecked(Payload):
    """One waakvlam check done: is the situation still calm ("rustig") or is there a worry ("zorg")?"""

    due: date
    """Due date of the check this event completes."""
    outcome: WaakvlamOutcome
    note: str = Field(default="", max_length=MAX_TEXT)


class CaseReopened(Payload):
    track: Track
    reason: str = Field(min_length=1, max_length=MAX_TEXT)


class SignalAcknowledged(Payload):
    """Someone acted on a signal; `key` identifies the signal (see `routing.Signal.key`)."""

    key: str = Field(min_length=1, max_length=MAX_NAME)
    code: str = Field(min_length=1, max_length=60)
    action: str = Field(min_length=1, max_length=MAX_TEXT)
    """The action taken, in the words of the person who took it."""


MeasureKind = Literal[
    "stopgesprek", "tijdelijk_huisverbod", "gedragsaanwijzing", "vrijheidsbeperkende_maatregel",
    "bijzondere_voorwaarden", "gebiedsverbod", "contactverbod_civiel", "enkelband", "aware", "anders",
]


class MeasureRecorded(Payload):
    """A protective measure in force, as a case fact; recording the same `measure_id` again edits it."""

    measure_id: str = Field(min_length=1, max_length=60)
    kind: MeasureKind
    legal_basis: str = Field(default="", max_length=MAX_NAME)
    issuer: str = Field(default="", max_length=MAX_NAME)
    start: date
    end: date | None = None
    conditions: str = Field(default="", max_length=MAX_TEXT)
    monitor: str = Field(default="", max_length=MAX_NAME)
    """The person or organisation monitoring compliance."""
    breach_handling: str = Field(default="", max_length=MAX_TEXT)
    """The agreed response to a breach, e.g. "melden bij zaakofficier, aanhouding"."""

    @model_validator(mode="after")
    def _end_after_start(self) -> "MeasureRecorded":
        if self.end is not None and self.end < self.start:
            raise ValueError("end lies before start")
        return self


class MeasureBreached(Payload):
    measure_id: str = Field(min_length=1, max_length=60)
    occurred_at: datetime
    description: str = Field(min_length=1, max_length=MAX_TEXT)


DetentionKind = Literal["inverzekeringstelling", "voorlopige_hechtenis", "gevangenisstraf", "tbs", "anders"]


class DetentionRecorded(Payload):
    """The perpetrator is (or was) detained; recording the same `detention_id` again edits it."""

    detention_id: str = Field(min_length=1, max_length=60)
    kind: DetentionKind
    start: date
    release: date | None = None
    """Expected or actual release date; release raises an extra-alertness signal."""
    note: str = Field(default="", max_length=MAX_TEXT)

    @model_validator(mode="after")
    def _release_after_start(self) -> "DetentionRecorded":
        if self.release is not None and self.release < self.start:
            raise ValueError("release lies before start")
        return self


class ConflictResolved(Payload):
    """A person's choice between conflicting edits of one field (see domain.merge).

    Recorded only through the sync facade, which rebuilds the case projection after it,
    so `CaseStore.record` rejects this kind.
    """

    conflict_id: str = Field(min_length=1, max_length=64)
    chosen_event_id: str = Field(min_length=1, max_length=64)
    event_ids: list[str] = Field(min_length=2)
    """Every event of the conflict that the person saw; a later conflicting edit reopens it."""
    reason: str = Field(min_length=1, max_length=MAX_TEXT)
    replaces: list[str] | None = None
    """Ids of the earlier resolutions of this conflict that the person saw, and that this one
    replaces. None on events recorded before this field existed (see domain.merge)."""


PAYLOADS: dict[str, type[Payload]] = {
    "case.reported": CaseReported,
    "notification.recorded": Notification,
    "screening.completed": ScreeningCompleted,
    "step.marked": StepMarked,
    "case.escalated": CaseEscalated,
    "track.changed": TrackChanged,
    "role.appointed": RoleAppointed,
    "plan.saved": PlanSaved,
    "incident.recorded": IncidentRecorded,
    "note.added": NoteAdded,
    "case.deescalated": CaseDeescalated,
    "case.closed": CaseClosed,
    "waakvlam.checked": WaakvlamChecked,
    "case.reopened": CaseReopened,
    "signal.acknowledged": SignalAcknowledged,
    "measure.recorded": MeasureRecorded,
    "measure.breached": MeasureBreached,
    "detention.recorded": DetentionRecorded,
}

# Kinds that arrive through the sync facade only; kept out of PAYLOADS so that
# `validate_payload`, and therefore `CaseStore.record`, rejects them.
SYNC_PAYLOADS: dict[str, type[Payload]] = {
    "conflict.resolved": ConflictResolved,
}
ALL_PAYLOADS: dict[str, type[Payload]] = {**PAYLOADS, **SYNC_PAYLOADS}


class Event(BaseModel):
    """One entry of the append-only case log."""

    model_config = ConfigDict(frozen=True)

    id: str
    """UUIDv7, so ids sort by creation time on one device."""
    case_id: str
    device_id: str
    seq: int
    """Per-device sequence number, used to track what a peer has acknowledged."""
    hlc: str
    """Hybrid logical clock value; events are ordered by it, never by wall clock alone."""
    recorded_at: datetime
    actor: Actor
    kind: str
    payload: dict
    base_id: str | None = None

    def parsed(self) -> Payload:
        """Return the payload validated against the model for this kind."""
        return ALL_PAYLOADS[self.kind].model_validate(self.payload)


def validate_payload(kind: str, payload: dict) -> Payload:
    """Validate `payload` for `kind`; raises KeyError for an unknown kind and ValidationError for bad data."""
    return PAYLOADS[kind].model_validate(payload)
