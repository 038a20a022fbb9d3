"""The safety plan (veiligheidsplan): form validation, versions and the diff between versions.

Field names for errors, which screens bind widgets to:
"worry", "condition_<i>", "agreement_<i>_<key>" (actor, action, deadline, monitor),
"measure_<i>_<key>" (kind, issuer, start, end, note), "goal_<i>_<key>" (goal,
effect_on_safety), "review_date" and "evaluation". Dates are dd-mm-jjjj.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from ..i18n import _
from .case import CaseState
from .dates import DateError, format_date, parse_date
from .events import MAX_NAME, MAX_TEXT, Agreement, Goal, Measure, PlanSaved
from .forms import FormErrors, errors_from_validation

# Measures a plan often records; the kind stays free text because regions use more.
MEASURE_KINDS = (
    "stopgesprek", "tijdelijk huisverbod", "gedragsaanwijzing (art. 509hh Sv)",
    "vrijheidsbeperkende maatregel (art. 38v Sr)", "bijzondere voorwaarden", "gebiedsverbod (art. 172a Gemeentewet)",
    "contactverbod / straatverbod (civiel)", "enkelband", "AWARE",
)

AGREEMENT_KEYS = ("actor", "action", "deadline", "monitor")
MEASURE_KEYS = ("kind", "issuer", "start", "end", "note")
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

    agreements = [_agreement(errors, index, row) for index, row in _filled(values.agreements, AGREEMENT_KEYS)]
    measures = [_measure(errors, index, row) for index, row in _filled(values.measures, MEASURE_KEYS)]
    goals = [_goal(errors, index, row) for index, row in _filled(values.goals, GOAL_KEYS)]

    review_date = _date(errors, "review_date", values.review_date)
    if review_date is not None and today is not None and review_date < today:
        errors["review_date"] = _("Deze herzieningsdatum is al voorbij. Kies vandaag of een latere datum.")
    _check_length(errors, "evaluation", values.evaluation.strip(), MAX_TEXT)
    if errors:
        raise FormErrors(errors)

    try:
        return PlanSaved(
            version=values.version, worry=worry, conditions=conditions, agreements=agreements,
            measures=measures, goals=goals, review_date=review_date, evaluation=values.evaluation.strip(),
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
    deadline = _date(errors, prefix + "deadline", row["deadline"])
    if not row["actor"] or not row["action"]:
        return None
    return Agreement(actor=row["actor"], action=row["action"], deadline=deadline, monitor=row["monitor"])


def _measure(errors: dict[str, str], index: int, row: dict[str, str]) -> Measure | None:
    prefix = f"measure_{index}_"
    _required(errors, prefix + "kind", row["kind"], _("Vul de soort maatregel in, bijvoorbeeld stopgesprek."), MAX_NAME)
    _check_length(errors, prefix + "issuer", row["issuer"], MAX_NAME)
    _check_length(errors, prefix + "note", row["note"], MAX_TEXT)
    start = _date(errors, prefix + "start", row["start"])
    end = _date(errors, prefix + "end", row["end"])
    if start is not None and end is not None and end < start:
        errors[prefix + "end"] = _("De einddatum ligt vóór de begindatum. Controleer beide datums.")
    if not row["kind"]:
        return None
    return Measure(kind=row["kind"], issuer=row["issuer"], start=start, end=end, note=row["note"])


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
        "conditions": list(plan.conditions),
        "agreements": [_agreement_text(agreement) for agreement in plan.agreements],
        "measures": [_measure_text(measure) for measure in plan.measures],
        "goals": [_("{goal} — effect op veiligheid: {effect}").format(goal=goal.goal, effect=goal.effect_on_safety) for goal in plan.goals],
        "review_date": [format_date(plan.review_date)] if plan.review_date else [],
        "evaluation": [plan.evaluation] if plan.evaluation else [],
    }


def _agreement_text(agreement: Agreement) -> str:
    text = f"{agreement.actor}: {agreement.action}"
    if agreement.deadline:
        text += " " + _("(uiterlijk {date})").format(date=format_date(agreement.deadline))
    if agreement.monitor:
        text += " " + _("(toezicht: {monitor})").format(monitor=agreement.monitor)
    return text


def _measure_text(measure: Measure) -> str:
    parts = [measure.kind]
    if measure.issuer:
        parts.append(_("door {issuer}").format(issuer=measure.issuer))
    if measure.start or measure.end:
        start = format_date(measure.start) if measure.start else "…"
        end = format_date(measure.end) if measure.end else "…"
        parts.append(f"{start} – {end}")
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
