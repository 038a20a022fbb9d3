"""The safety plan and a case summary as a document: headings with lines, for print and export.

One `Document` renders as Markdown, as plain text for screen readers, and (in `plan_export`)
as PDF, so every format carries the same content. Texts are Dutch through `_()`.
"""

from dataclasses import dataclass, field

from ..i18n import _
from .case import CaseState
from .dates import format_date, format_datetime
from .events import Event, PlanSaved
from .plan import PHASE_LABELS, agreement_text, measure_text, condition_details, evaluation_log

# Incidents listed in a case summary; older ones are counted, not listed.
SUMMARY_INCIDENTS = 10


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list[Section] = field(default_factory=list)


def plan_document(state: CaseState, plan_events: list[Event]) -> Document:
    """Return the latest plan version of `state` with the evaluation log of every version."""
    document = Document(
        _("Veiligheidsplan {number}").format(number=state.number),
        _("Vertrouwelijk · slachtoffer {victim} · pleger {perpetrator}").format(
            victim=state.victim.name, perpetrator=state.perpetrator.name,
        ),
    )
    if not plan_events:
        document.sections.append(Section(_("Veiligheidsplan"), [_("Nog geen veiligheidsplan opgeslagen.")]))
        return document

    last = plan_events[-1]
    plan: PlanSaved = last.parsed()
    document.sections.append(Section(_("Versie"), [_("Versie {version}, opgeslagen door {user} ({organisation}) op {at}").format(
        version=plan.version, user=last.actor.user, organisation=last.actor.organisation,
        at=format_datetime(last.recorded_at),
    )]))
    document.sections += plan_sections(plan)
    versions = [event.parsed() for event in plan_events]
    log = [_("Versie {version}: {text}").format(version=version, text=text) for version, text in evaluation_log(versions)]
    document.sections.append(Section(_("Evaluatielog"), log or [_("Nog geen evaluaties.")]))
    return document


def plan_sections(plan: PlanSaved) -> list[Section]:
    """Return the sections of one plan version in the order of the Dutch plan structure."""
    none = _("geen")
    conditions = [_condition_line(condition) for condition in condition_details(plan)]
    goals = [
        _("{goal} — effect op veiligheid: {effect}").format(goal=goal.goal, effect=goal.effect_on_safety)
        for goal in plan.goals
    ]
    aware = []
    if plan.aware_start or plan.aware_review:
        aware.append(_("AWARE vanaf {start}, evaluatie {review}").format(
            start=_date_or_dots(plan.aware_start), review=_date_or_dots(plan.aware_review),
        ))
    review = [_("Herzieningsdatum: {date}").format(date=_date_or_dots(plan.review_date))]
    if plan.review_weeks:
        review.append(_("Herziening elke {weeks} weken, en na elk nieuw incident.").format(weeks=plan.review_weeks))
    children = [
        _("Kinderen: {text}").format(text=plan.children or none),
        _("Kindcheck: {text}").format(text=plan.kindcheck or none),
    ]
    return [
        Section(_("Huidige zorg"), [plan.worry]),
        Section(_("Fase"), [PHASE_LABELS[plan.phase]]),
        Section(_("Veiligheidsvoorwaarden"), conditions or [none]),
        Section(_("Veiligheidsafspraken"), [agreement_text(row) for row in plan.agreements] or [none]),
        Section(_("Maatregelen"), [measure_text(row) for row in plan.measures] or [none]),
        Section(_("AWARE"), aware or [none]),
        Section(_("Kinderen en kindcheck"), children),
        Section(_("Doelen"), goals or [none]),
        Section(_("Herziening"), review),
    ]


def case_summary(state: CaseState, events: list[Event]) -> Document:
    """Return a summary of the case for a case conference: parties, track, roles, incidents and plan."""
    document = Document(
        _("Casusoverzicht {number}").format(number=state.number),
        _("Vertrouwelijk · voor het casusoverleg"),
    )
    parties = [f"{party.role.value}: {party.name}" for party in state.parties]
    document.sections.append(Section(_("Betrokkenen"), parties))

    status = [
        _("Spoor: {track}").format(track=state.track.value),
        _("Zorgniveau: {level}").format(level=state.level.value if state.level else _("nog niet gescreend")),
        _("Melding ontvangen: {at}").format(at=format_datetime(state.received_at)),
    ]
    if state.is_closed:
        status.append(_("Gesloten op {at}: {reason}").format(at=format_datetime(state.closed_at), reason=state.close_reason))
    document.sections.append(Section(_("Stand van zaken"), status))

    roles = [f"{role}: {appointment.name} {appointment.organisation}".rstrip() for role, appointment in state.roles.items()]
    document.sections.append(Section(_("Rollen"), roles or [_("geen")]))

    in_force = [
        _("{kind}, {start} – {end}, toezicht: {monitor}").format(
            kind=measure.kind, start=format_date(measure.start), end=_date_or_dots(measure.end),
            monitor=measure.monitor or "…",
        ) + (" " + _("({count} overtreding(en))").format(count=len(measure.breaches)) if measure.breaches else "")
        for measure in state.measures.values()
    ]
    document.sections.append(Section(_("Maatregelen in de opvolging"), in_force or [_("geen")]))

    incidents = [event for event in events if event.kind == "incident.recorded"]
    lines = [_("{count} incident(en) vastgelegd.").format(count=len(incidents))]
    for event in incidents[-SUMMARY_INCIDENTS:]:
        payload = event.parsed()
        lines.append(f"{format_datetime(payload.occurred_at)} · {payload.kind} · {' '.join(payload.description.split())}")
    document.sections.append(Section(_("Incidenten"), lines))

    plan_events = [event for event in events if event.kind == "plan.saved"]
    if plan_events:
        document.sections += plan_sections(plan_events[-1].parsed())
    else:
        document.sections.append(Section(_("Veiligheidsplan"), [_("Nog geen veiligheidsplan opgeslagen.")]))
    return document


def to_markdown(document: Document) -> str:
    """Render `document` as Markdown; case text is escaped so it cannot add headings or links."""
    parts = [f"# {_escape(document.title)}", "", f"*{_escape(document.subtitle)}*", ""]
    for section in document.sections:
        parts += [f"## {_escape(section.heading)}", ""]
        parts += [f"- {_escape(line)}" for line in section.lines]
        parts.append("")
    return "\n".join(parts)


def to_plain_text(document: Document) -> str:
    """Render `document` as plain text: no symbols or tables, so screen readers read it in order."""
    parts = [document.title, document.subtitle, ""]
    for section in document.sections:
        parts.append(section.heading + ":")
        parts += [" ".join(line.split()) for line in section.lines]
        parts.append("")
    return "\n".join(parts)


def _condition_line(condition) -> str:
    if not condition.set_by and not condition.set_on:
        return condition.text
    return _("{text} (vastgesteld door {by} op {on})").format(
        text=condition.text, by=condition.set_by or "…", on=_date_or_dots(condition.set_on),
    )


def _date_or_dots(value) -> str:
    return format_date(value) if value else "…"


def _escape(text: str) -> str:
    """Escape Markdown syntax characters and fold line breaks, so each line stays one list item.

    Brackets are escaped, so no link or image can form; parentheses then need no escape.
    """
    folded = " ".join(text.split())
    return "".join("\\" + char if char in "\\`*_{}[]<>#|" else char for char in folded)
