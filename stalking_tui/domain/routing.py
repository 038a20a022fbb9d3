"""The route map applied to one case: visible steps, due dates, missing roles, urgency, signals.

Pure functions of a CaseState, the RouteMap and the current time. Due dates are calendar
dates in Europe/Amsterdam: a step is overdue from the day after its due date.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..i18n import _, current_language
from .case import CaseState, StepState
from .dates import format_date, local
from .levels import StepStatus, Track
from .routemap import RouteMap, Step

SCREENING_STEP = "screening"

# Steps whose outcome the case log already records through another event, so the caseworker
# need not mark them twice: the screening, and the notification to the organisation named.
NOTIFICATION_STEPS = {"vt_informeren": "VT", "politie_informeren": "POL"}

# Cases sort into these groups first, most urgent first; see `urgency_key`.
URGENCY_ACUUT, URGENCY_OVERDUE = 0, 1
URGENCY_BY_TRACK = {Track.ACUUT: 0, Track.HOOG: 2, Track.MIDDEN: 3, Track.MELDING: 4, Track.LAAG: 5}


@dataclass(frozen=True)
class StepView:
    """A step with its status and due date for one case."""

    step: Step
    track: Track
    """Track whose definition of the step applies; MELDING for entry steps carried along."""
    status: StepStatus
    due: date | None
    overdue: bool
    state: StepState | None = None
    """The recorded marking, or None when the step is open or derived from another event."""

    @property
    def is_open(self) -> bool:
        return self.status == StepStatus.OPEN


@dataclass(frozen=True)
class Signal:
    """A warning on the case list and the case screen, which stays until someone acts on it."""

    code: str
    """"niet_gescreend", "stap_te_laat", "rol_ontbreekt", "herbeoordeel", "wapen" or "plan_herzien"."""
    text: str
    action: str
    """Dutch instruction to the caseworker, e.g. "Neem de stalkingscreening af."."""
    step_id: str | None = None
    role: str | None = None
    offer_escalation: bool = False
    """True when the case screen should offer escalation to ACUUT ONVEILIG next to the signal."""


def visible_steps(state: CaseState, routes: RouteMap, now: datetime | None = None) -> list[StepView]:
    """Return the steps of the current track that apply to this case, with status and due date.

    Open MELDING steps marked `keep_until_done` (informing Veilig Thuis or the police) stay
    visible after the case leaves MELDING, because the work process needs them done whatever
    track follows. `overdue` is only computed when `now` is given.
    """
    today = local(now).date() if now is not None else None
    views = [
        _view(state, step, state.track, local(state.track_entered_at).date(), today)
        for step in routes.track(state.track).steps
        if _applies(state, step)
    ]

    if state.track != Track.MELDING:
        shown = {view.step.id for view in views}
        entry = [
            _view(state, step, Track.MELDING, local(state.created_at).date(), today)
            for step in routes.track(Track.MELDING).steps
            if step.keep_until_done and _applies(state, step) and step.id not in shown
        ]
        views = [view for view in entry if view.is_open] + views
    return views


def open_steps(state: CaseState, routes: RouteMap, now: datetime | None = None) -> list[StepView]:
    return [view for view in visible_steps(state, routes, now) if view.is_open]


def missing_roles(state: CaseState, routes: RouteMap) -> list[str]:
    """Return the role ids the current track requires that are not appointed yet."""
    return [role for role in routes.track(state.track).roles if role not in state.roles]


def role_title(routes: RouteMap, role: str, language: str = "nl") -> str:
    title = routes.role_titles.get(role)
    return title.get(language) if title else role


def next_due_step(state: CaseState, routes: RouteMap, now: datetime) -> StepView | None:
    """Return the open step with the earliest due date, or None when no open step has one."""
    dated = [view for view in open_steps(state, routes, now) if view.due is not None]
    return min(dated, key=lambda view: view.due, default=None)


def urgency_key(state: CaseState, routes: RouteMap, now: datetime) -> tuple:
    """Return a sort key that puts the most urgent case first.

    Order: ACUUT, then cases with an overdue step, then HOOG, MIDDEN, not screened
    (MELDING), LAAG; within a group by the next due date, then by the oldest report.
    """
    views = open_steps(state, routes, now)
    if state.track == Track.ACUUT:
        group = URGENCY_ACUUT
    elif any(view.overdue for view in views):
        group = URGENCY_OVERDUE
    else:
        group = URGENCY_BY_TRACK[state.track]

    due_dates = [view.due for view in views if view.due is not None]
    next_due = min(due_dates, default=date.max)
    return (group, next_due, state.received_at)


def signals(state: CaseState, routes: RouteMap, now: datetime) -> list[Signal]:
    """Return every signal the case raises at `now`, the most pressing first."""
    found: list[Signal] = []
    found += _weapon_signal(state)
    found += _reassess_signal(state)

    if state.track == Track.MELDING and state.screening_count == 0:
        found.append(Signal("niet_gescreend", _("Nog niet gescreend."), _("Neem de stalkingscreening af.")))

    for view in visible_steps(state, routes, now):
        if view.overdue:
            title = view.step.title.get(current_language())
            found.append(Signal(
                "stap_te_laat",
                _("Stap „{title}” is te laat: hij moest uiterlijk {due} klaar zijn.").format(title=title, due=format_date(view.due)),
                _("Voer de stap uit, of markeer hem als n.v.t. met een reden."),
                step_id=view.step.id,
            ))

    for role in missing_roles(state, routes):
        title = role_title(routes, role, current_language())
        found.append(Signal(
            "rol_ontbreekt",
            _("Rol niet bezet: {role}.").format(role=title),
            _("Stel iemand aan als {role}.").format(role=title),
            role=role,
        ))

    found += _plan_review_signal(state, local(now).date())
    return found


def _applies(state: CaseState, step: Step) -> bool:
    if step.when_source is not None and step.when_source != state.source.value:
        return False
    if step.requires_step is not None:
        required = state.steps.get(step.requires_step)
        return required is not None and required.status == StepStatus.DONE and required.outcome == step.requires_outcome
    return True


def _view(state: CaseState, step: Step, track: Track, entered: date, today: date | None) -> StepView:
    marked = state.steps.get(step.id)
    status = marked.status if marked is not None else StepStatus.OPEN
    if status == StepStatus.OPEN and _done_elsewhere(state, step.id):
        status = StepStatus.DONE

    due = entered + timedelta(days=step.due_days) if step.due_days is not None else None
    overdue = status == StepStatus.OPEN and due is not None and today is not None and today > due
    return StepView(step=step, track=track, status=status, due=due, overdue=overdue, state=marked)


def _done_elsewhere(state: CaseState, step_id: str) -> bool:
    if step_id == SCREENING_STEP:
        return state.screening_count > 0
    if step_id in NOTIFICATION_STEPS:
        return any(note.informed_organisation == NOTIFICATION_STEPS[step_id] for note in state.notifications)
    return False


def _weapon_signal(state: CaseState) -> list[Signal]:
    """Return the weapon signal, which stays until a later screening; ACUUT itself is the response."""
    if state.weapon_mentioned_at is None or state.track == Track.ACUUT:
        return []
    if state.last_screening_at is not None and state.last_screening_at >= state.weapon_mentioned_at:
        return []
    return [Signal(
        "wapen",
        _("Er is een wapen genoemd op {date}.").format(date=format_date(state.weapon_mentioned_at)),
        _("Herbeoordeel nu en overweeg op te schalen naar ACUUT ONVEILIG."),
        offer_escalation=True,
    )]


def _reassess_signal(state: CaseState) -> list[Signal]:
    if state.last_screening_at is None or state.last_incident_at is None:
        return []
    if state.last_incident_at <= state.last_screening_at:
        return []
    return [Signal(
        "herbeoordeel",
        _("Nieuw incident sinds de laatste screening ({date}).").format(date=format_date(state.last_screening_at)),
        _("Herbeoordeel de zaak: neem de screening opnieuw af."),
    )]


def _plan_review_signal(state: CaseState, today: date) -> list[Signal]:
    if state.plan is None or state.plan.review_date is None or today <= state.plan.review_date:
        return []
    return [Signal(
        "plan_herzien",
        _("De herzieningsdatum van het veiligheidsplan ({date}) is voorbij.").format(date=format_date(state.plan.review_date)),
        _("Evalueer het veiligheidsplan en sla een nieuwe versie op."),
    )]
