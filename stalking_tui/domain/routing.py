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
URGENCY_CLOSED = 6

# Signal urgency, most pressing first: a weapon, a breach or a release can leave days to act.
SIGNAL_URGENT, SIGNAL_SOON, SIGNAL_DUE, SIGNAL_ROUTINE = 0, 1, 2, 3


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
    """"niet_gescreend", "stap_te_laat", "rol_ontbreekt", "herbeoordeel", "wapen", "plan_herzien",
    "maatregel_overtreden", "maatregel_eindigt", "vrijlating", "waakvlam_controle", "waakvlam_zorg",
    "herhaalde_meldingen" or "contact_ontbreekt"."""
    text: str
    action: str
    """Dutch instruction to the caseworker, e.g. "Neem de stalkingscreening af."."""
    step_id: str | None = None
    role: str | None = None
    offer_escalation: bool = False
    """True when the case screen should offer escalation to ACUUT ONVEILIG next to the signal."""
    key: str = ""
    """Identity of this occurrence, stored in `signal.acknowledged`; defaults to `code`."""
    urgency: int = SIGNAL_DUE
    """SIGNAL_URGENT (0) to SIGNAL_ROUTINE (3); lower is more pressing."""
    lasting: bool = False
    """About a condition that lasts (an overdue step, a missing role): acting on it hides it for
    `SignalRules.snooze_days` only. Other signals stay hidden once someone acted on them."""

    @property
    def identity(self) -> str:
        return self.key or self.code


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

    Order: ACUUT, then cases with an overdue step, an urgent signal (weapon, breach,
    release) or an open sync conflict, then HOOG, MIDDEN, not screened (MELDING), LAAG,
    and closed cases last; within a group by the next due date, then by the oldest report.
    A conflict counts as urgent because the case shows one of two competing values, for
    example a safety plan version, until a person chooses.
    """
    views = [] if state.is_closed else open_steps(state, routes, now)
    found = signals(state, routes, now)
    if state.track == Track.ACUUT and not state.is_closed:
        group = URGENCY_ACUUT
    elif (
        state.open_conflicts > 0
        or any(view.overdue for view in views)
        or any(signal.urgency == SIGNAL_URGENT for signal in found)
    ):
        group = URGENCY_OVERDUE
    elif state.is_closed:
        group = URGENCY_CLOSED
    else:
        group = URGENCY_BY_TRACK[state.track]

    due_dates = [view.due for view in views if view.due is not None]
    next_due = min(due_dates, default=date.max)
    return (group, next_due, state.received_at)


def signals(state: CaseState, routes: RouteMap, now: datetime) -> list[Signal]:
    """Return every signal the case raises at `now` that nobody acted on yet, the most pressing first.

    A closed case raises only the signals that matter after closing: waakvlam checks, new
    incidents, breaches, releases from detention and weapons.
    """
    from . import case_signals, plan

    today = local(now).date()
    found: list[Signal] = []
    found += _weapon_signal(state)
    found += case_signals.breach_signals(state)
    found += case_signals.release_signals(state, routes.signals, today)
    found += case_signals.repeat_signals(state, routes.signals, now)
    found += _reassess_signal(state)
    found += case_signals.measure_end_signals(state, routes.signals, today)
    found += case_signals.waakvlam_signals(state, today)
    if not state.is_closed:
        found += _route_signals(state, routes, now)
        found += _plan_review_signal(state, today)
        found += plan.review_after_incident_signals(state)

    visible = [signal for signal in found if not _acted_on(state, signal, routes, today)]
    return sorted(visible, key=lambda signal: signal.urgency)


def acknowledgement_payload(signal: Signal, action: str) -> dict:
    """Return the `signal.acknowledged` payload for acting on `signal`, recording `action`."""
    return {"key": signal.identity, "code": signal.code, "action": action.strip()}


def on_case_list(state: CaseState, routes: RouteMap, now: datetime) -> bool:
    """Return whether the case belongs on the active case list.

    That is an open case, or a closed one with a signal (e.g. a waakvlam check due) or with
    an open sync conflict, which someone must resolve whether the case is closed or not.
    """
    return not state.is_closed or state.open_conflicts > 0 or bool(signals(state, routes, now))


def _route_signals(state: CaseState, routes: RouteMap, now: datetime) -> list[Signal]:
    found: list[Signal] = []
    if state.track == Track.MELDING and state.screening_count == 0:
        found.append(Signal("niet_gescreend", _("Nog niet gescreend."), _("Neem de stalkingscreening af."), lasting=True))

    for view in visible_steps(state, routes, now):
        if view.overdue:
            title = view.step.title.get(current_language())
            found.append(Signal(
                "stap_te_laat",
                _("Stap „{title}” is te laat: hij moest uiterlijk {due} klaar zijn.").format(title=title, due=format_date(view.due)),
                _("Voer de stap uit, of markeer hem als n.v.t. met een reden."),
                step_id=view.step.id, key=f"stap_te_laat:{view.step.id}:{view.due.isoformat()}", lasting=True,
            ))

    for role in missing_roles(state, routes):
        title = role_title(routes, role, current_language())
        found.append(Signal(
            "rol_ontbreekt",
            _("Rol niet bezet: {role}.").format(role=title),
            _("Stel iemand aan als {role}.").format(role=title),
            role=role, key=f"rol_ontbreekt:{role}", urgency=SIGNAL_ROUTINE, lasting=True,
        ))

    # A fixed contact person is only useful when partners can reach them.
    for role, appointment in state.roles.items():
        if role in routes.role_organisations and not appointment.contact.strip():
            title = role_title(routes, role, current_language())
            found.append(Signal(
                "contact_ontbreekt",
                _("Geen contactgegevens bij {role}.").format(role=title),
                _("Vul in hoe partners {role} bereiken: telefoon, beveiligde mail of bureau.").format(role=title),
                role=role, key=f"contact_ontbreekt:{role}", urgency=SIGNAL_ROUTINE, lasting=True,
            ))
    return found


def _acted_on(state: CaseState, signal: Signal, routes: RouteMap, today: date) -> bool:
    acknowledgement = state.acknowledged.get(signal.identity)
    if acknowledgement is None:
        return False
    if not signal.lasting:
        return True
    return today < local(acknowledgement.at).date() + timedelta(days=routes.signals.snooze_days)


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

    # A step that waits for a decision is due counting from that decision, not from the track entry.
    required = state.steps.get(step.requires_step) if step.requires_step else None
    if required is not None:
        entered = max(entered, local(required.at).date())
    due = entered + timedelta(days=step.due_days) if step.due_days is not None else None

    # A recurring step opens again `repeat_days` after it was last done.
    if step.repeat_days is not None and marked is not None and status == StepStatus.DONE:
        due = local(marked.at).date() + timedelta(days=step.repeat_days)
        if today is not None and today >= due:
            status = StepStatus.OPEN

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
        offer_escalation=True, key=f"wapen:{state.weapon_mentioned_at.isoformat()}", urgency=SIGNAL_URGENT,
    )]


def _reassess_signal(state: CaseState) -> list[Signal]:
    # Before the first screening, the "niet gescreend" signal already requests one.
    if state.last_screening_at is None or state.last_incident_at is None:
        return []
    if state.last_incident_at <= state.last_screening_at:
        return []
    return [Signal(
        "herbeoordeel",
        _("Nieuw incident sinds de laatste screening ({date}).").format(date=format_date(state.last_screening_at)),
        _("Herbeoordeel de zaak: neem de screening opnieuw af."),
        key=f"herbeoordeel:{state.last_incident_at.isoformat()}", urgency=SIGNAL_SOON,
    )]


def _plan_review_signal(state: CaseState, today: date) -> list[Signal]:
    if state.plan is None or state.plan.review_date is None or today <= state.plan.review_date:
        return []
    return [Signal(
        "plan_herzien",
        _("De herzieningsdatum van het veiligheidsplan ({date}) is voorbij.").format(date=format_date(state.plan.review_date)),
        _("Evalueer het veiligheidsplan en sla een nieuwe versie op."),
        key=f"plan_herzien:{state.plan.review_date.isoformat()}", urgency=SIGNAL_ROUTINE, lasting=True,
    )]
