"""The safety plan (veiligheidsplan): form validation, versions and the diff between versions.

Field names for errors, which screens bind widgets to:
"worry", "condition_<i>", "agreement_<i>_<key>" (actor, action, deadline, monitor),
"measure_<i>_<key>" (kind, issuer, start, end, note), "goal_<i>_<key>" (goal,
effect_on_safety), "review_date" and "evaluation". Dates are dd-mm-jjjj.
"""
# Further field names: "conditions_set_by", "conditions_set_on", "aware_start", "aware_review",
# "children", "kindcheck", "phase", "review_weeks"; agreements also have "compliance" and
# "breach_consequence", measures "legal_basis", "conditions" and "breach_handling".

from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError

from ..i18n import _
from .case import CaseState
from .dates import DateError, format_date, parse_date
from .events import MAX_NAME, MAX_TEXT, Agreement, Condition, Goal, Measure, PlanSaved
from .forms import FormErrors, errors_from_validation

# Measures a plan often records; the kind stays free text because regions use more.
MEASURE_KINDS = (
    "stopgesprek", "tijdelijk huisverbod", "gedragsaanwijzing (art. 509hh Sv)",
    "vrijheidsbeperkende maatregel (art. 38v Sr)", "bijzondere voorwaarden", "gebiedsverbod (art. 172a Gemeentewet)",
    "contactverbod / straatverbod (civiel)", "enkelband", "AWARE",
)

AGREEMENT_KEYS = ("actor", "action", "deadline", "compliance", "breach_consequence", "monitor")
MEASURE_KEYS = ("kind", "legal_basis", "issuer", "start", "end", "conditions", "breach_handling", "note")

PHASE_LABELS = {
    "": "—",
    "direct": "1 " + _("directe veiligheid"),
    "stable": "2 " + _("stabiele veiligheid en risicogestuurde zorg"),
    "recovery": "3 " + _("herstel"),
}
GOAL_KEYS = ("goal", "effect_on_safety")


@dataclass
class PlanValues:
    """The raw values of the plan form; rows left completely empty are ignored."""

    version: int = 1
    worry: str = ""
    conditions: list[str] = field(default_factory=list)
    agreements: list[dict[str, str]] = field(default_factory=list)
    measures: list[dict[str, str]] = field(default_factory=list)
    goals: list[dict[str, str]] = field(default_factory=list)
    review_date: str = ""
    evaluation: str = ""
    conditions_set_by: str = ""
    conditions_set_on: str = ""
    aware_start: str = ""
    aware_review: str = ""
    children: str = ""
    kindcheck: str = ""
    phase: str = ""
    review_weeks: str = ""
    previous: PlanSaved | None = None
    """The version before this one: unchanged conditions keep who set them and when."""


@dataclass(frozen=True)
class Change:
    """One difference between two plan versions; an empty `before` means added, an empty `after` removed."""

    section: str
    before: str
    after: str


def section_title(section: str) -> str:
    titles = {
        "worry": _("Huidige zorg"),
        "conditions": _("Veiligheidsvoorwaarden"),
        "agreements": _("Veiligheidsafspraken"),
        "measures": _("Maatregelen"),
        "goals": _("Doelen"),
        "review_date": _("Herzieningsdatum"),
        "evaluation": _("Evaluatie"),
        "aware": _("AWARE"),
        "children": _("Kinderen en kindcheck"),
        "phase": _("Fase"),
        "review_weeks": _("Herzieningsschema"),
    }
    return titles.get(section, section)


def next_version(state: CaseState) -> int:
    return state.plan.version + 1 if state.plan is not None else 1


def validate_plan(values: PlanValues, today: date | None = None) -> PlanSaved:
    """Return the plan payload, or raise FormErrors with every problem found.

    With `today`, a review date before today is rejected, because it would be overdue at once.
    """
    errors: dict[str, str] = {}

    worry = values.worry.strip()
    if not worry:
        errors["worry"] = _("Beschrijf de huidige zorg: waarom is een veiligheidsplan nodig?")
    _check_length(errors, "worry", worry, MAX_TEXT)

    conditions = [text.strip() for text in values.conditions if text.strip()]
    for index, condition in enumerate(values.conditions):
        _check_length(errors, f"condition_{index}", condition.strip(), MAX_TEXT)
    _check_length(errors, "conditions_set_by", values.conditions_set_by.strip(), MAX_NAME)
    set_on = _date(errors, "conditions_set_on", values.conditions_set_on)
    details = _condition_details(conditions, values.conditions_set_by.strip(), set_on, values.previous)

    agreements = [_agreement(errors, index, row) for index, row in _filled(values.agreements, AGREEMENT_KEYS)]
    measures = [_measure(errors, index, row) for index, row in _filled(values.measures, MEASURE_KEYS)]
    goals = [_goal(errors, index, row) for index, row in _filled(values.goals, GOAL_KEYS)]

    review_date = _date(errors, "review_date", values.review_date)
    if review_date is not None and today is not None and review_date < today:
        errors["review_date"] = _("Deze herzieningsdatum is al voorbij. Kies vandaag of een latere datum.")
    _check_length(errors, "evaluation", values.evaluation.strip(), MAX_TEXT)
    aware_start = _date(errors, "aware_start", values.aware_start)
    aware_review = _date(errors, "aware_review", values.aware_review)
    if aware_start and aware_review and aware_review < aware_start:
        errors["aware_review"] = _("De evaluatiedatum van AWARE ligt vóór de begindatum. Controleer beide datums.")
    _check_length(errors, "children", values.children.strip(), MAX_TEXT)
    _check_length(errors, "kindcheck", values.kindcheck.strip(), MAX_TEXT)
    if values.phase not in PHASE_LABELS:
        errors["phase"] = _("Kies een fase uit de lijst.")
    review_weeks = _weeks(errors, values.review_weeks)
    if errors:
        raise FormErrors(errors)

    try:
        return PlanSaved(
            version=values.version, worry=worry, conditions=conditions, agreements=agreements,
            measures=measures, goals=goals, review_date=review_date, evaluation=values.evaluation.strip(),
            condition_details=details, aware_start=aware_start, aware_review=aware_review,
            children=values.children.strip(), kindcheck=values.kindcheck.strip(), phase=values.phase,
            review_weeks=review_weeks,
        )
    except ValidationError as error:
        raise FormErrors(errors_from_validation(error)) from error


def diff_plans(old: PlanSaved | None, new: PlanSaved) -> list[Change]:
    """Return what changed from `old` to `new`, section by section, in plan order."""
    before = _plan_texts(old) if old is not None else {}
    after = _plan_texts(new)
    changes = []
    for section, new_texts in after.items():
        old_texts = before.get(section, [])
        changes += [Change(section, text, "") for text in old_texts if text not in new_texts]
        changes += [Change(section, "", text) for text in new_texts if text not in old_texts]
    return _pair_single_edits(changes)


def condition_details(plan: PlanSaved) -> list[Condition]:
    """Return every condition of `plan` with who set it; versions before those details get empty ones."""
    if len(plan.condition_details) == len(plan.conditions):
        return list(plan.condition_details)
    return [Condition(text=text) for text in plan.conditions]


def evaluation_log(versions: list[PlanSaved]) -> list[tuple[int, str]]:
    """Return (version, evaluation) of every version that has an evaluation, oldest first."""
    return [(plan.version, plan.evaluation) for plan in versions if plan.evaluation]


def incident_since_plan(state: CaseState) -> datetime | None:
    """Return when the newest incident was logged, if that was after the plan was last saved.

    The plan is reviewed after every new incident, so such an incident asks for a new version.
    """
    if state.plan is None or state.plan_saved_at is None or state.last_incident_at is None:
        return None
    if state.last_incident_at <= state.plan_saved_at:
        return None
    return state.last_incident_at


def review_after_incident_signals(state: CaseState) -> list:
    """Return the "plan_herzien" signal for an incident logged after the last plan version."""
    from .routing import SIGNAL_SOON, Signal

    logged_at = incident_since_plan(state)
    if logged_at is None:
        return []
    return [Signal(
        "plan_herzien",
        _("Nieuw incident sinds versie {version} van het veiligheidsplan.").format(version=state.plan.version),
        _("Herzie het veiligheidsplan na dit incident en sla een nieuwe versie op."),
        key=f"plan_herzien:incident:{logged_at.isoformat()}", urgency=SIGNAL_SOON,
    )]


def _condition_details(
    texts: list[str], set_by: str, set_on: date | None, previous: PlanSaved | None,
) -> list[Condition]:
    known = {condition.text: condition for condition in condition_details(previous)} if previous else {}
    details = []
    for text in texts:
        if text in known and (known[text].set_by or known[text].set_on):
            details.append(Condition(text=text, set_by=known[text].set_by, set_on=known[text].set_on))
        else:
            details.append(Condition(text=text, set_by=set_by[:MAX_NAME], set_on=set_on))
    return details


def _weeks(errors: dict[str, str], text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit() or not 1 <= int(text.strip()) <= 52:
        errors["review_weeks"] = _("Vul een aantal weken in van 1 tot en met 52, bijvoorbeeld 4.")
        return None
    return int(text.strip())


def _filled(rows: list[dict[str, str]], keys: tuple[str, ...]):
    for index, row in enumerate(rows):
        if any(str(row.get(key, "")).strip() for key in keys):
            yield index, {key: str(row.get(key, "")).strip() for key in keys}


def _check_length(errors: dict[str, str], name: str, text: str, maximum: int) -> None:
    if len(text) > maximum and name not in errors:
        errors[name] = _("Deze tekst is te lang: maximaal {maximum} tekens, nu {length}. Maak hem korter.").format(
            maximum=maximum, length=len(text),
        )


def _date(errors: dict[str, str], name: str, text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except DateError as error:
        errors[name] = str(error)
        return None


def _required(errors: dict[str, str], name: str, text: str, message: str, maximum: int) -> None:
    if not text:
        errors[name] = message
    _check_length(errors, name, text, maximum)


def _agreement(errors: dict[str, str], index: int, row: dict[str, str]) -> Agreement | None:
    prefix = f"agreement_{index}_"
    _required(errors, prefix + "actor", row["actor"], _("Vul in wie de afspraak uitvoert."), MAX_NAME)
    _required(errors, prefix + "action", row["action"], _("Vul in wat er afgesproken is."), MAX_TEXT)
    _check_length(errors, prefix + "monitor", row["monitor"], MAX_NAME)
    _check_length(errors, prefix + "compliance", row["compliance"], MAX_TEXT)
    _check_length(errors, prefix + "breach_consequence", row["breach_consequence"], MAX_TEXT)
    deadline = _date(errors, prefix + "deadline", row["deadline"])
    if not row["actor"] or not row["action"]:
        return None
    return Agreement(
        actor=row["actor"], action=row["action"], deadline=deadline, monitor=row["monitor"],
        compliance=row["compliance"], breach_consequence=row["breach_consequence"],
    )


def _measure(errors: dict[str, str], index: int, row: dict[str, str]) -> Measure | None:
    prefix = f"measure_{index}_"
    _required(errors, prefix + "kind", row["kind"], _("Vul de soort maatregel in, bijvoorbeeld stopgesprek."), MAX_NAME)
    _check_length(errors, prefix + "issuer", row["issuer"], MAX_NAME)
    _check_length(errors, prefix + "note", row["note"], MAX_TEXT)
    _check_length(errors, prefix + "legal_basis", row["legal_basis"], MAX_NAME)
    _check_length(errors, prefix + "conditions", row["conditions"], MAX_TEXT)
    _check_length(errors, prefix + "breach_handling", row["breach_handling"], MAX_TEXT)
    start = _date(errors, prefix + "start", row["start"])
    end = _date(errors, prefix + "end", row["end"])
    if start is not None and end is not None and end < start:
        errors[prefix + "end"] = _("De einddatum ligt vóór de begindatum. Controleer beide datums.")
    if not row["kind"]:
        return None
    return Measure(
        kind=row["kind"], issuer=row["issuer"], start=start, end=end, note=row["note"],
        legal_basis=row["legal_basis"], conditions=row["conditions"], breach_handling=row["breach_handling"],
    )


def _goal(errors: dict[str, str], index: int, row: dict[str, str]) -> Goal | None:
    prefix = f"goal_{index}_"
    _required(errors, prefix + "goal", row["goal"], _("Beschrijf het doel."), MAX_TEXT)
    _required(
        errors, prefix + "effect_on_safety", row["effect_on_safety"],
        _("Beschrijf wat het bereiken van dit doel doet voor de veiligheid."), MAX_TEXT,
    )
    if not row["goal"] or not row["effect_on_safety"]:
        return None
    return Goal(goal=row["goal"], effect_on_safety=row["effect_on_safety"])


def _plan_texts(plan: PlanSaved) -> dict[str, list[str]]:
    """Return each section of `plan` as comparable lines of text."""
    return {
        "worry": [plan.worry],
        "phase": [PHASE_LABELS[plan.phase]] if plan.phase else [],
        "conditions": [_condition_text(condition) for condition in condition_details(plan)],
        "agreements": [agreement_text(agreement) for agreement in plan.agreements],
        "measures": [measure_text(measure) for measure in plan.measures],
        "goals": [_("{goal} — effect op veiligheid: {effect}").format(goal=goal.goal, effect=goal.effect_on_safety) for goal in plan.goals],
        "aware": [_aware_text(plan)] if plan.aware_start or plan.aware_review else [],
        "children": [text for text in (plan.children, plan.kindcheck) if text],
        "review_date": [format_date(plan.review_date)] if plan.review_date else [],
        "review_weeks": [_("elke {weeks} weken").format(weeks=plan.review_weeks)] if plan.review_weeks else [],
        "evaluation": [plan.evaluation] if plan.evaluation else [],
    }


def _condition_text(condition: Condition) -> str:
    text = condition.text
    if condition.set_by or condition.set_on:
        by = condition.set_by or "…"
        on = format_date(condition.set_on) if condition.set_on else "…"
        text += " " + _("(vastgesteld door {by} op {on})").format(by=by, on=on)
    return text


def _aware_text(plan: PlanSaved) -> str:
    start = format_date(plan.aware_start) if plan.aware_start else "…"
    review = format_date(plan.aware_review) if plan.aware_review else "…"
    return _("AWARE vanaf {start}, evaluatie {review}").format(start=start, review=review)


def agreement_text(agreement: Agreement) -> str:
    text = f"{agreement.actor}: {agreement.action}"
    if agreement.deadline:
        text += " " + _("(uiterlijk {date})").format(date=format_date(agreement.deadline))
    if agreement.monitor:
        text += " " + _("(toezicht: {monitor})").format(monitor=agreement.monitor)
    if agreement.compliance:
        text += " " + _("(zichtbaar aan: {compliance})").format(compliance=agreement.compliance)
    if agreement.breach_consequence:
        text += " " + _("(bij niet nakomen: {consequence})").format(consequence=agreement.breach_consequence)
    return text


def measure_text(measure: Measure) -> str:
    parts = [measure.kind]
    if measure.legal_basis:
        parts.append(measure.legal_basis)
    if measure.issuer:
        parts.append(_("door {issuer}").format(issuer=measure.issuer))
    if measure.start or measure.end:
        start = format_date(measure.start) if measure.start else "…"
        end = format_date(measure.end) if measure.end else "…"
        parts.append(f"{start} – {end}")
    if measure.conditions:
        parts.append(_("voorwaarden: {conditions}").format(conditions=measure.conditions))
    if measure.breach_handling:
        parts.append(_("bij overtreding: {handling}").format(handling=measure.breach_handling))
    if measure.note:
        parts.append(measure.note)
    return ", ".join(parts)


def _pair_single_edits(changes: list[Change]) -> list[Change]:
    """Merge one removal and one addition in the same section into a single edit (before → after)."""
    merged: list[Change] = []
    for section in dict.fromkeys(change.section for change in changes):
        in_section = [change for change in changes if change.section == section]
        removed = [change for change in in_section if change.before]
        added = [change for change in in_section if change.after]
        if len(removed) == 1 and len(added) == 1:
            merged.append(Change(section, removed[0].before, added[0].after))
        else:
            merged += in_section
    return merged
