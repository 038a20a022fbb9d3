"""Text of the case screen, built as `rich.text.Text` so case data is never parsed as markup."""

from rich.text import Text

from ..domain.case import CaseState
from ..domain.dates import format_date, format_datetime
from ..domain.events import Notification
from ..domain.levels import Relation, StepStatus
from ..domain.routemap import RouteMap
from ..domain.routing import Signal, StepView, role_title
from ..i18n import _
from ..widgets.intake_fields import RELATION_LABELS

STATUS_CELLS = {
    StepStatus.OPEN: ("○ " + _("open"), ""),
    StepStatus.DONE: ("✓ " + _("gedaan"), "green"),
    StepStatus.NOT_APPLICABLE: ("– " + _("n.v.t."), "dim"),
}
STEP_KIND_MARKS = {"decision": "◇ ", "meeting": "◎ ", "task": ""}


def relation_label(relation: Relation) -> str:
    return RELATION_LABELS.get(relation, relation.value)


def summary_text(state: CaseState, relation: str) -> Text:
    """Return the first lines: number, victim, perpetrator and relation."""
    text = Text(state.number, style="bold")
    text.append("  " + _("Slachtoffer") + ": ")
    text.append(state.victim.name, style="bold")
    text.append("\n" + _("Pleger") + ": ")
    text.append(state.perpetrator.name)
    text.append(" · " + _("Relatie") + ": " + relation)
    return text


TITLE_WIDTH = 28
"""Cell width of the step title column; longer titles end in "…" and show whole in the step dialog."""


def step_cells(view: StepView, language: str) -> list[Text]:
    """Return status, title, due date and remark of one step as table cells."""
    label, style = STATUS_CELLS[view.status]
    title = Text(STEP_KIND_MARKS.get(view.step.kind, "") + view.step.title.get(language))
    if view.step.deviation is not None:
        # "≠" marks a step that the regional route map added or changed; the detail shows why.
        title = Text("≠ ") + title
    # Truncate measures terminal cells, so wide characters cannot push the "…" out of the column.
    title.truncate(TITLE_WIDTH, overflow="ellipsis")

    if view.due is None:
        due = Text("–")
    elif view.overdue:
        due = Text("! " + format_date(view.due) + " " + _("te laat"), style="bold red")
    else:
        due = Text(format_date(view.due))

    return [Text(label, style=style), title, due, Text(step_remark(view))]


def step_remark(view: StepView) -> str:
    """Return the outcome or reason recorded for a step, or how it was closed."""
    marked = view.state
    if marked is not None and marked.outcome:
        return _("uitkomst") + ": " + marked.outcome
    if marked is not None and marked.reason:
        return marked.reason
    if marked is None and view.status == StepStatus.DONE:
        return _("via vastlegging")
    return ""


def step_detail(view: StepView, language: str) -> Text:
    """Return the long form of a step: remark with who marked it, and the help text."""
    text = Text(view.step.title.get(language), style="bold")
    marked = view.state
    if marked is not None:
        text.append("\n" + _("Gemarkeerd door {user} op {moment}").format(user=marked.by, moment=format_datetime(marked.at)))
    remark = step_remark(view)
    if remark:
        text.append("\n" + remark)
    if view.step.help is not None:
        text.append("\n" + view.step.help.get(language), style="italic")
    deviation = view.step.deviation
    if deviation is not None:
        text.append("\n≠ " + _("Regionale afwijking ({kind}, {region}): {rationale}").format(
            kind=deviation.kind, region=deviation.region, rationale=deviation.rationale,
        ))
    return text


def signals_text(found: list[Signal], missing_role_titles: list[str]) -> Text:
    """Return one line per signal, with every missing role folded into a single line.

    The roles are listed once because at 80x24 one line per role would push the steps
    off the screen, and the roles section below names them again.
    """
    lines: list[tuple[str, str]] = [
        (signal.text, signal.action) for signal in found if signal.code != "rol_ontbreekt"
    ]
    if any(signal.code == "rol_ontbreekt" for signal in found):
        lines.append((
            _("Rollen niet bezet: {roles}.").format(roles=", ".join(missing_role_titles)),
            _("Druk op r om iemand aan te stellen."),
        ))
    if not lines:
        return Text("✓ " + _("Geen signalen."))

    text = Text()
    for index, (message, action) in enumerate(lines):
        if index:
            text.append("\n")
        text.append("⚑ " + message, style="bold")
        text.append(" → " + action)
    text.append("\n" + _("F7: actie op een signaal vastleggen."), style="italic")
    return text


def roles_text(state: CaseState, missing: list[str], routes: RouteMap, language: str) -> Text:
    """Return the missing roles (flagged) and the appointed people with their contact details."""
    text = Text()
    if missing:
        text.append("! " + _("Ontbreekt") + ": " + ", ".join(missing), style="bold red")
    for role, appointment in state.roles.items():
        if text:
            text.append("\n")
        details = ", ".join(part for part in (appointment.organisation, appointment.contact) if part)
        text.append("✓ " + role_title(routes, role, language) + ": ")
        text.append(appointment.name)
        if details:
            text.append(f" ({details})")
    if not text:
        text.append(_("Geen rollen nodig in dit spoor."))
    return text


def notifications_text(notifications: list[Notification]) -> Text:
    if not notifications:
        return Text(_("Nog niet vastgelegd. Druk op m om het informeren vast te leggen."))
    text = Text()
    for index, note in enumerate(notifications):
        if index:
            text.append("\n")
        text.append(f"✓ {note.informing_organisation} → {note.informed_organisation}, {format_datetime(note.informed_at)}, ")
        text.append(_("door") + " " + note.informed_by)
    return text
