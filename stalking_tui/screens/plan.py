"""The safety-plan editor (veiligheidsplan): one scrolling form; every save is a new version."""

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..domain import dates
from ..domain.case import CaseState
from ..domain.events import Event, PlanSaved
from ..domain.forms import FormErrors
from ..domain.plan import (
    MEASURE_KINDS, PHASE_LABELS, PlanValues, diff_plans, evaluation_log, next_version, section_title, validate_plan,
)
from ..i18n import _
from ..plan_export import export_case_document, export_directory
from ..widgets.answer_page import GuidanceDialog
from ..widgets.plan_section import FieldSpec, PlanRow, RowList
from .draft_autosave import DraftScreen
from .plan_dialogs import ExportDialog, ExportRequest, VersionCompareDialog

AGREEMENT_FIELDS = (
    FieldSpec("actor", _("Wie")),
    FieldSpec("action", _("Wat"), "text"),
    FieldSpec("deadline", _("Uiterlijk (dd-mm-jjjj)"), placeholder="dd-mm-jjjj"),
    FieldSpec("compliance", _("Waaraan is te zien dat de afspraak wordt nagekomen?"), "text"),
    FieldSpec("breach_consequence", _("Wat gebeurt er als de afspraak niet wordt nagekomen?"), "text"),
    FieldSpec("monitor", _("Wie houdt toezicht")),
)
MEASURE_FIELDS = (
    FieldSpec("kind", _("Soort maatregel"), "select", options=tuple((kind, kind) for kind in MEASURE_KINDS)),
    FieldSpec("legal_basis", _("Wettelijke grondslag, bijvoorbeeld art. 509hh Sv")),
    FieldSpec("issuer", _("Opgelegd door")),
    FieldSpec("start", _("Begin (dd-mm-jjjj)"), placeholder="dd-mm-jjjj"),
    FieldSpec("end", _("Einde (dd-mm-jjjj)"), placeholder="dd-mm-jjjj"),
    FieldSpec("conditions", _("Voorwaarden van de maatregel"), "text"),
    FieldSpec("breach_handling", _("Wat gebeurt er bij een overtreding?"), "text"),
    FieldSpec("note", _("Toelichting"), "text"),
)
GOAL_FIELDS = (
    FieldSpec("goal", _("Doel"), "text"),
    FieldSpec("effect_on_safety", _("Wat doet het bereiken van dit doel voor de veiligheid? (verplicht)"), "text"),
)

# Row sections: widget id, error-field prefix of `domain.plan`, fields, row title, empty text, add-button text.
ROW_SECTIONS = {
    "agreements": ("agreement", AGREEMENT_FIELDS, _("Afspraak {number}"), _("Nog geen afspraken."), _("+ Afspraak (F3)")),
    "measures": ("measure", MEASURE_FIELDS, _("Maatregel {number}"), _("Nog geen maatregelen."), _("+ Maatregel (F3)")),
    "goals": ("goal", GOAL_FIELDS, _("Doel {number}"), _("Nog geen doelen."), _("+ Doel (F3)")),
}

SECTION_HELP = {
    "worry": _("Beschrijf waarom een veiligheidsplan nodig is: wat gebeurt er, wie loopt gevaar en wat is de zorg nu."),
    "conditions": _(
        "Veiligheidsvoorwaarden zijn het WAT: het minimum dat moet gebeuren, vastgesteld door de professional. "
        "Schrijf één voorwaarde per regel."
    ),
    "agreements": _(
        "Veiligheidsafspraken zijn het HOE: concrete afspraken met de betrokkenen. Leg vast wie wat doet, "
        "uiterlijk wanneer, en wie toeziet."
    ),
    "measures": _("Maatregelen die gelden, zoals een stopgesprek, gedragsaanwijzing, huisverbod of AWARE, met wie ze oplegde en hoe lang ze gelden."),
    "goals": _("Bij elk doel hoort het antwoord op de vraag: wat doet het bereiken van dit doel voor de veiligheid?"),
    "review": _("Plan een herziening, en herzie ook na elk nieuw incident. Schrijf in de evaluatie wat er sinds de vorige versie is gebeurd."),
    "aware": _("AWARE is een alarmsysteem voor het slachtoffer, gekoppeld aan de politie, meestal voor ongeveer zes maanden. Leg de begindatum en de evaluatiedatum vast."),
    "children": _("Zijn er kinderen betrokken? Leg de uitkomst van de kindcheck vast en wie zorgt dat de kinderen veilig zijn."),
    "phase": _("Eerst directe veiligheid, dan stabiele veiligheid met risicogestuurde zorg, daarna herstel."),
}

# Fields outside the repeating rows, with the widget type that holds each one (phase is a Select).
TEXT_FIELDS = ("worry", "conditions", "children", "kindcheck", "evaluation")
INPUT_FIELDS = ("conditions_set_by", "conditions_set_on", "aware_start", "aware_review", "review_date", "review_weeks")
SINGLE_FIELDS = TEXT_FIELDS + INPUT_FIELDS
HELP_BY_FIELD = {
    "worry": "worry", "phase": "phase", "conditions": "conditions", "conditions_set_by": "conditions",
    "conditions_set_on": "conditions", "aware_start": "aware", "aware_review": "aware",
    "children": "children", "kindcheck": "children",
}


def plan_to_form(plan: PlanSaved | None) -> dict[str, Any]:
    """Return the form values (all text) of `plan`, or an empty form."""
    if plan is None:
        return {
            "worry": "", "conditions": "", "agreements": [], "measures": [], "goals": [],
            "review_date": "", "evaluation": "", "phase": "",
            **{name: "" for name in ("conditions_set_by", "conditions_set_on", "aware_start", "aware_review",
                                     "children", "kindcheck", "review_weeks")},
        }

    def date_text(value) -> str:
        return dates.format_date(value) if value else ""

    return {
        "worry": plan.worry,
        "conditions": "\n".join(plan.conditions),
        "agreements": [
            {"actor": row.actor, "action": row.action, "deadline": date_text(row.deadline), "monitor": row.monitor,
             "compliance": row.compliance, "breach_consequence": row.breach_consequence}
            for row in plan.agreements
        ],
        "measures": [
            {"kind": row.kind, "issuer": row.issuer, "start": date_text(row.start), "end": date_text(row.end),
             "note": row.note, "legal_basis": row.legal_basis, "conditions": row.conditions,
             "breach_handling": row.breach_handling}
            for row in plan.measures
        ],
        "goals": [{"goal": row.goal, "effect_on_safety": row.effect_on_safety} for row in plan.goals],
        "review_date": date_text(plan.review_date),
        "evaluation": plan.evaluation,
        "phase": plan.phase,
        # New conditions are set by whoever edits now; unchanged ones keep their origin.
        "conditions_set_by": "",
        "conditions_set_on": "",
        "aware_start": date_text(plan.aware_start),
        "aware_review": date_text(plan.aware_review),
        "children": plan.children,
        "kindcheck": plan.kindcheck,
        "review_weeks": str(plan.review_weeks or ""),
    }


def saved_by_text(event: Event | None) -> str:
    """Return e.g. "versie 2 opgeslagen door Jan (VT) op 04-12-2026 20:30" for the last plan version."""
    if event is None:
        return _("Nog geen veiligheidsplan opgeslagen.")
    return _("Versie {version} opgeslagen door {user} ({organisation}) op {at}").format(
        version=event.payload["version"], user=event.actor.user,
        organisation=event.actor.organisation, at=dates.format_datetime(event.recorded_at),
    )


def changes_text(versions: list[PlanSaved]) -> str:
    """Return what the last version changed against the one before, one line per change."""
    previous = versions[-2] if len(versions) > 1 else None
    lines = []
    for change in diff_plans(previous, versions[-1]):
        title = section_title(change.section)
        if change.before and change.after:
            lines.append(f"~ {title}: {change.before} → {change.after}")
        elif change.after:
            lines.append(f"+ {title}: {change.after}")
        else:
            lines.append(f"− {title}: {change.before}")
    return "\n".join(lines) or _("Geen inhoudelijke wijzigingen.")


class PlanScreen(DraftScreen):
    """Edit the safety plan of one case; keyboard only, scrolling, usable at 80x24."""

    CSS_PATH = "plan.tcss"

    BINDINGS = [
        Binding("f2", "save", _("Opslaan"), id="plan.save"),
        Binding("f3", "add_row", _("Rij erbij"), id="plan.add_row"),
        Binding("f4", "remove_row", _("Rij weg"), id="plan.remove_row"),
        Binding("f1", "help", _("Uitleg"), id="plan.help"),
        Binding("f5", "show_changes", _("Wijzigingen"), id="plan.changes"),
        # Priority: a focused TextArea binds F6 to "select line", which would hide this key.
        Binding("f6", "compare_versions", _("Versies"), id="plan.versions", priority=True),
        Binding("f9", "export", _("Export/print"), id="plan.export"),
        Binding("escape", "back", _("Terug"), id="plan.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._started = False
        self._ready = False
        self._last_saved: Event | None = None
        self._from_draft = False

    # -- building --------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static("", id="plan-status", markup=False)
        with VerticalScroll(id="form", can_focus=False):
            yield self._title("worry", _("1. Huidige zorg: waarom is een plan nodig?"))
            yield TextArea(id="worry", tab_behavior="focus")
            yield self._error("worry")

            yield self._title("phase", _("2. Fase"))
            yield Select(
                [(label, key) for key, label in PHASE_LABELS.items() if key],
                prompt=_("Kies de fase"), id="phase", compact=True,
            )
            yield self._error("phase")

            yield self._title("conditions", _("3. Veiligheidsvoorwaarden (één per regel)"))
            yield Static(
                _("ⓘ Veilig Thuis stelt de voorwaarden voor directe veiligheid vast. Ze gelden voor het hele "
                  "systeem: slachtoffer, pleger, kinderen en anderen, niet alleen voor de pleger."),
                classes="hint", markup=False,
            )
            yield TextArea(id="conditions", tab_behavior="focus")
            yield self._error("conditions")
            yield Label(_("Nieuwe voorwaarden vastgesteld door"))
            yield Input(id="conditions_set_by", compact=True)
            yield self._error("conditions_set_by")
            yield Label(_("Vastgesteld op (dd-mm-jjjj)"))
            yield Input(id="conditions_set_on", placeholder="dd-mm-jjjj", compact=True)
            yield self._error("conditions_set_on")

            for number, (section, (_prefix, fields, row_title, empty, add_label)) in enumerate(ROW_SECTIONS.items(), start=4):
                yield self._title(section, f"{number}. {section_title(section)}")
                yield RowList(fields, row_title, empty, id=section)
                yield Button(add_label, id=f"add-{section}", classes="add-row")

            yield self._title("aware", _("7. AWARE"))
            yield Label(_("AWARE vanaf (dd-mm-jjjj)"))
            yield Input(id="aware_start", placeholder="dd-mm-jjjj", compact=True)
            yield self._error("aware_start")
            yield Label(_("AWARE evalueren op (dd-mm-jjjj)"))
            yield Input(id="aware_review", placeholder="dd-mm-jjjj", compact=True)
            yield self._error("aware_review")

            yield self._title("children", _("8. Kinderen en kindcheck"))
            yield Label(_("Kinderen en hoe zij geraakt worden"))
            yield TextArea(id="children", tab_behavior="focus")
            yield self._error("children")
            yield Label(_("Uitkomst van de kindcheck"))
            yield TextArea(id="kindcheck", tab_behavior="focus")
            yield self._error("kindcheck")

            yield self._title("review", _("9. Herziening en evaluatie"))
            yield Label(_("Herzieningsdatum (dd-mm-jjjj)"))
            yield Input(id="review_date", placeholder="dd-mm-jjjj", compact=True)
            yield self._error("review_date")
            yield Label(_("Herzien elke … weken (1 tot en met 52)"))
            yield Input(id="review_weeks", compact=True)
            yield self._error("review_weeks")
            yield Label(_("Evaluatie van deze versie"))
            yield TextArea(id="evaluation", tab_behavior="focus")
            yield self._error("evaluation")
            yield Button(_("Plan opslaan (F2)"), id="save", variant="primary")
        yield Static(
            _("Tab veld · F2 opslaan · F3/F4 rij · F5 wijzigingen · F6 versies · F9 export"),
            id="nav-hint", markup=False,
        )

    @staticmethod
    def _title(section: str, text: str) -> Static:
        return Static(text, classes="section-title", name=section, markup=False)

    @staticmethod
    def _error(field: str) -> Static:
        error = Static("", id=f"error-{field}", classes="field-error", markup=False)
        error.display = False
        return error

    def show_case(self, state: CaseState) -> None:
        if self._started:
            return
        self._started = True
        case_id = self.case_id

        def load(store: Any) -> tuple[dict | None, Event | None]:
            draft = store.load_draft(f"plan:{case_id}")
            saved = [event for event in store.timeline(case_id) if event.kind == "plan.saved"]
            return draft, (saved[-1] if saved else None)

        self.call_store(load, self._begin)

    async def _begin(self, loaded: tuple[dict | None, Event | None]) -> None:
        draft, self._last_saved = loaded
        self._from_draft = draft is not None
        form = draft if draft is not None else plan_to_form(self.state.plan)
        await self._fill(self._with_setter(form))
        self._ready = True
        # The widgets now show `form`; only edits after this point make a new draft.
        self.draft_loaded(self.current_draft())
        self._show_status()
        self.query_one("#worry", TextArea).focus()

    def _with_setter(self, form: dict[str, Any]) -> dict[str, Any]:
        """Fill in the current user and today for new conditions, when the form has none yet."""
        profile = getattr(self.app, "profile", None)
        result = dict(form)
        if not result.get("conditions_set_by") and profile is not None:
            result["conditions_set_by"] = f"{profile.user_name} ({profile.organisation})"
        if not result.get("conditions_set_on"):
            result["conditions_set_on"] = dates.format_date(dates.today())
        return result

    async def _fill(self, form: dict[str, Any]) -> None:
        for name in TEXT_FIELDS:
            self.query_one(f"#{name}", TextArea).load_text(form.get(name, ""))
        for name in INPUT_FIELDS:
            self.query_one(f"#{name}", Input).value = form.get(name, "")
        phase = form.get("phase", "")
        self.query_one("#phase", Select).value = phase if phase in PHASE_LABELS and phase else Select.NULL
        for section in ROW_SECTIONS:
            await self.query_one(f"#{section}", RowList).set_rows(form.get(section, []))

    def _show_status(self) -> None:
        # The case number and victim head the line, so the plan is never shown without its case.
        text = f"{self.state.number} · {self.state.victim.name} · " + saved_by_text(self._last_saved)
        if self._from_draft:
            text += " · " + _("✎ concept, nog niet opgeslagen")
        self.query_one("#plan-status", Static).update(Text(text))

    # -- drafts ----------------------------------------------------------------------------

    def draft_key(self) -> str:
        return f"plan:{self.case_id}"

    def current_draft(self) -> dict[str, Any] | None:
        if not self._ready:
            return None
        phase = self.query_one("#phase", Select).value
        return {
            **{name: self.query_one(f"#{name}", TextArea).text for name in TEXT_FIELDS},
            **{name: self.query_one(f"#{name}", Input).value for name in INPUT_FIELDS},
            "phase": "" if phase is Select.NULL else str(phase),
            **{section: self.query_one(f"#{section}", RowList).values() for section in ROW_SECTIONS},
        }

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed, "#phase")
    @on(PlanRow.Edited)
    def _edited(self) -> None:
        if not self._ready:
            return
        if not self._from_draft and self.current_draft() != self._saved_draft:
            self._from_draft = True
            self._show_status()
        self.schedule_autosave()

    # -- rows ------------------------------------------------------------------------------

    def _focused_section(self) -> str | None:
        """Return the row section ("agreements", "measures", "goals") that contains the focused widget."""
        focused = self.focused
        if focused is None:
            return None
        if focused.id and focused.id.startswith("add-"):
            return focused.id.removeprefix("add-")
        for node in focused.ancestors:
            if isinstance(node, RowList):
                return node.id
        return None

    def _focused_row(self) -> PlanRow | None:
        focused = self.focused
        if focused is None:
            return None
        return next((node for node in focused.ancestors if isinstance(node, PlanRow)), None)

    @on(Button.Pressed, ".add-row")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        await self._add_row(event.button.id.removeprefix("add-"))

    async def action_add_row(self) -> None:
        section = self._focused_section()
        if section is None:
            self.notify(_("Ga met Tab naar afspraken, maatregelen of doelen en druk dan F3."))
            return
        await self._add_row(section)

    async def _add_row(self, section: str) -> None:
        row = await self.query_one(f"#{section}", RowList).add_row()
        row.focus_field()
        row.scroll_visible()
        self.schedule_autosave()

    async def action_remove_row(self) -> None:
        row = self._focused_row()
        if row is None:
            self.notify(_("Zet de cursor in de rij die weg moet en druk dan F4."))
            return
        row_list = row.parent
        await row_list.remove_row(row)
        self.query_one(f"#add-{row_list.id}", Button).focus()
        self.schedule_autosave()

    # -- actions ---------------------------------------------------------------------------

    def action_help(self) -> None:
        section = self._focused_section()
        focused = self.focused
        if section is None and focused is not None:
            section = HELP_BY_FIELD.get(focused.id or "", "review")
        section = section or "worry"
        title = section_title(section) if section != "review" else _("Herziening en evaluatie")
        if section == "children":
            title = _("Kinderen en kindcheck")
        self.app.push_screen(GuidanceDialog(title, SECTION_HELP[section]))

    def action_show_changes(self) -> None:
        """Show what the last saved version changed against the version before it."""
        case_id = self.case_id

        def versions(store: Any) -> list[PlanSaved]:
            return [event.parsed() for event in store.timeline(case_id) if event.kind == "plan.saved"]

        self.call_store(versions, self._show_changes)

    def _show_changes(self, versions: list[PlanSaved]) -> None:
        if not versions:
            self.notify(_("Er is nog geen opgeslagen versie van het plan."))
            return
        title = _("Wijzigingen in versie {version}").format(version=versions[-1].version)
        log = "\n".join(
            _("versie {version}: {text}").format(version=version, text=text) for version, text in evaluation_log(versions)
        )
        text = changes_text(versions)
        if log:
            text += "\n\n" + _("Evaluatielog") + "\n" + log
        self.app.push_screen(GuidanceDialog(title, text))

    def action_compare_versions(self) -> None:
        """Open the dialog that compares any two saved versions."""
        case_id = self.case_id

        def versions(store: Any) -> list[Event]:
            return [event for event in store.timeline(case_id) if event.kind == "plan.saved"]

        self.call_store(versions, self._compare_loaded)

    def _compare_loaded(self, versions: list[Event]) -> None:
        if len(versions) < 2:
            self.notify(_("Er zijn nog geen twee opgeslagen versies om te vergelijken."))
            return
        self.app.push_screen(VersionCompareDialog(versions))

    def action_export(self) -> None:
        """Ask what to export and where; the file is written in a worker after confirmation."""
        if self.state is None:
            return
        base_name = _("veiligheidsplan-{number}").format(number=self.state.number)
        self.app.push_screen(ExportDialog(export_directory(), base_name), self._export_confirmed)

    def _export_confirmed(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        case_id = self.case_id

        def work(store: Any):
            return export_case_document(store, case_id, request)

        self.call_store(work, self._exported)

    def _exported(self, path) -> None:
        # The path is what the user typed; shown literally, never as markup.
        self.notify(_("Opgeslagen, niet versleuteld: {path}").format(path=path), markup=False, timeout=10)

    def action_back(self) -> None:
        """Leave the plan; unsaved input stays as a draft."""
        self.leave_keeping_draft()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        form = self.current_draft()
        if form is None or self.state is None:
            return
        values = PlanValues(
            version=next_version(self.state),
            worry=form["worry"],
            conditions=form["conditions"].splitlines(),
            agreements=form["agreements"],
            measures=form["measures"],
            goals=form["goals"],
            review_date=form["review_date"],
            evaluation=form["evaluation"],
            conditions_set_by=form["conditions_set_by"],
            conditions_set_on=form["conditions_set_on"],
            aware_start=form["aware_start"],
            aware_review=form["aware_review"],
            children=form["children"],
            kindcheck=form["kindcheck"],
            phase=form["phase"],
            review_weeks=form["review_weeks"],
            previous=self.state.plan,
        )
        try:
            plan = validate_plan(values, today=dates.today())
        except FormErrors as errors:
            self._show_errors(errors.errors)
            return
        self._show_errors({})
        self.record_replacing_draft("plan.saved", plan.model_dump(mode="json"), self._saved)

    def _saved(self, state: CaseState) -> None:
        case_id = self.case_id
        self.draft_loaded(self.current_draft())
        self.reopen_draft()
        self._from_draft = False

        def last_version(store: Any) -> Event | None:
            saved = [event for event in store.timeline(case_id) if event.kind == "plan.saved"]
            return saved[-1] if saved else None

        self.call_store(last_version, self._version_loaded)

    def _version_loaded(self, event: Event | None) -> None:
        self._last_saved = event
        self._show_status()
        # The user name comes from the profile, so it is shown literally.
        self.notify(saved_by_text(event), markup=False)

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Show each message beside its field; the first invalid field gets the focus."""
        fields = {name: errors.get(name, "") for name in (*SINGLE_FIELDS, "phase")}
        conditions = [
            _("regel {number}: {message}").format(number=int(key.split("_")[1]) + 1, message=message)
            for key, message in errors.items() if key.startswith("condition_")
        ]
        fields["conditions"] = "\n".join(conditions)
        for field, message in fields.items():
            label = self.query_one(f"#error-{field}", Static)
            label.update(f"✗ {message}" if message else "")
            label.display = bool(message)

        first: Widget | None = None
        for field in ("worry", "phase", "conditions", "conditions_set_by", "conditions_set_on"):
            if fields[field] and first is None:
                first = self.query_one(f"#{field}")
        for section, (prefix, _fields, *_rest) in ROW_SECTIONS.items():
            for index, row in enumerate(self.query_one(f"#{section}", RowList).rows()):
                row_errors = {
                    key.removeprefix(f"{prefix}_{index}_"): message
                    for key, message in errors.items() if key.startswith(f"{prefix}_{index}_")
                }
                row.show_errors(row_errors)
                if row_errors and first is None:
                    first = row.query_one(f".field-{next(iter(row_errors))}")
        for field in ("aware_start", "aware_review", "children", "kindcheck", "review_date", "review_weeks", "evaluation"):
            if fields[field] and first is None:
                first = self.query_one(f"#{field}")

        if errors:
            message = _("Het plan is niet opgeslagen: {count} veld(en) kloppen nog niet. Zie de meldingen bij de velden.")
            unplaced = [text for key, text in errors.items() if not _has_place(key)]
            self.notify(" ".join([message.format(count=len(errors)), *unplaced]), severity="warning", markup=False)
        if first is not None:
            first.focus()
            first.scroll_visible()


def _has_place(error_key: str) -> bool:
    """Return whether the form shows the error `error_key` beside a field."""
    prefixes = ("condition_", *(f"{prefix}_" for prefix, *_rest in ROW_SECTIONS.values()))
    return error_key in (*SINGLE_FIELDS, "phase") or error_key.startswith(prefixes)
