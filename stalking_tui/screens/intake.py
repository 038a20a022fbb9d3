"""Intake of a new report: safety gate first, then source, parties, relation and behaviour.

The form keeps an encrypted draft under `intake:new` while the caseworker types, offers to
resume it the next time, and deletes it once the case is saved.
"""

import asyncio
from dataclasses import asdict, fields

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Select, Static, TextArea

from ..domain import dates
from ..domain.case import CaseState
from ..domain.events import CaseReported
from ..domain.forms import FormErrors
from ..domain.intake import BEHAVIOURS, NOTIFICATION_FIELDS, IntakeValues, party_field, validate_intake
from ..domain.levels import PartyRole, Track
from ..i18n import _
from ..widgets.choice_dialog import ChoiceDialog
from ..widgets.intake_fields import (
    GATE_FIELDS, behaviour_checkboxes, field_row, organisation_select, relation_select, set_radio,
    set_select, set_tristate, source_radio, tristate_radio, tristate_value,
)
from ..widgets.party_form import PartyForm
from ..widgets.marked_toggles import MarkedCheckbox
from ..widgets.text_limits import LimitedInput
from .base import CaseworkScreen

DRAFT_KEY = "intake:new"
AUTOSAVE_SECONDS = 2.0


def field_order(party_count: int) -> list[str]:
    """Return the field names in the order the form shows them, to focus the first bad one."""
    party_fields = [party_field(index, key) for index in range(party_count) for key in ("role", "name", "birth_date", "safe_contact")]
    return [
        *GATE_FIELDS, "source", "source_detail", "received_at", "parties", *party_fields,
        "relation", "behaviours", "behaviour_text", "first_incident_date", *NOTIFICATION_FIELDS,
    ]


def values_from_draft(data: dict) -> IntakeValues:
    """Rebuild form values from a stored draft, ignoring keys this version does not know."""
    known = {field.name for field in fields(IntakeValues)}
    return IntakeValues(**{key: value for key, value in data.items() if key in known})


class IntakeScreen(CaseworkScreen):
    """The intake form; saving creates the case and opens its case screen."""

    CSS_PATH = "intake.tcss"

    BINDINGS = [
        Binding("f2", "save", _("Opslaan"), id="intake.save"),
        Binding("escape", "leave", _("Terug"), id="intake.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pristine: dict = {}
        """The values of the untouched form, to tell whether anything was typed."""
        self._last_saved: dict = {}
        """The values last written to the draft, so unchanged values are not written again."""
        self._draft_checked = False
        """False until the stored draft was offered, so autosave cannot overwrite it first."""
        self._autosave_timer: Timer | None = None
        self._saving = False
        self._finished = False
        """True once the case is saved or the form is left, so no draft is written any more."""

    # -- layout -----------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        default = IntakeValues(received_at=dates.format_datetime(dates.now()))
        with VerticalScroll(id="form", can_focus=False):
            yield Label(_("Nieuwe melding"), id="form-title")

            yield Label("1. " + _("Veiligheid eerst"), classes="section")
            yield field_row(_("Veilig om nu te praten?"), tristate_radio("safe_to_talk"), "safe_to_talk")
            yield Static("", id="unsafe-talk-hint", classes="hint -empty")
            yield field_row(_("Veilige contactroute"), LimitedInput(id="safe_contact_route", compact=True), "safe_contact_route")
            yield field_row(_("Waar is de pleger nu?"), LimitedInput(id="perpetrator_location", compact=True), "perpetrator_location")
            yield field_row(_("Kinderen aanwezig?"), tristate_radio("children_present"), "children_present")
            yield field_row(
                _("Acuut onveilig?"),
                MarkedCheckbox(_("Ja, direct gevaar"), id="acutely_unsafe", compact=True),
                "acutely_unsafe",
            )
            yield Static("", id="acute-banner", classes="-empty")

            yield Label("2. " + _("Melding"), classes="section")
            yield field_row(_("Binnengekomen via"), source_radio(), "source")
            yield field_row(_("Toelichting bron"), LimitedInput(id="source_detail", compact=True), "source_detail")
            yield field_row(
                _("Ontvangen op"),
                LimitedInput(default.received_at, id="received_at", placeholder=_("dd-mm-jjjj uu:mm"), compact=True),
                "received_at",
            )

            yield Label("3. " + _("Betrokkenen"), classes="section")
            yield Label("", id="parties-error", classes="error -empty", markup=False)
            yield PartyForm(0, default.parties[0], fixed_role=True)
            yield PartyForm(1, default.parties[1], fixed_role=True)
            yield Vertical(id="extra-parties")
            with Horizontal(id="party-buttons"):
                yield Button("+ " + _("Kind"), id="add-child", compact=True)
                yield Button("+ " + _("Andere betrokkene"), id="add-other", compact=True)

            yield Label("4. " + _("Relatie en gedrag"), classes="section")
            yield field_row(_("Relatie tot pleger"), relation_select(), "relation")
            yield Label(_("Stalkinggedrag (kies wat van toepassing is)"))
            yield behaviour_checkboxes()
            yield Label("", id="behaviours-error", classes="error -empty", markup=False)
            yield Label(_("Beschrijving van het gedrag"))
            yield TextArea(id="behaviour_text", tab_behavior="focus")
            yield Label("", id="behaviour_text-error", classes="error -empty", markup=False)
            yield field_row(
                _("Eerste voorval"),
                LimitedInput(id="first_incident_date", placeholder=_("dd-mm-jjjj (optioneel)"), compact=True),
                "first_incident_date",
            )

            yield Label("5. " + _("Informeren Veilig Thuis ↔ politie (optioneel)"), classes="section")
            yield field_row(_("Wie informeerde"), organisation_select("informing_organisation"), "informing_organisation")
            yield field_row(_("Wie werd geïnformeerd"), organisation_select("informed_organisation"), "informed_organisation")
            yield field_row(
                _("Wanneer"), LimitedInput(id="informed_at", placeholder=_("dd-mm-jjjj uu:mm"), compact=True), "informed_at",
            )
            yield field_row(_("Door wie"), LimitedInput(id="informed_by", compact=True), "informed_by")
            yield Label(_("Notitie bij het informeren"))
            yield TextArea(id="notification_note", tab_behavior="focus", classes="short")
            yield Label("", id="notification_note-error", classes="error -empty", markup=False)

            yield Label("", id="form-error", classes="error -empty", markup=False)
            with Horizontal(id="buttons"):
                yield Button(_("Opslaan (F2)"), variant="primary", id="save", compact=True)
                yield Button(_("Terug (Esc)"), id="leave", compact=True)

    def on_mount(self) -> None:
        self._pristine = asdict(self.read_values())
        self._last_saved = dict(self._pristine)
        self.query_one("#safe_to_talk").focus()
        self.call_store(lambda store: store.load_draft(DRAFT_KEY), self._offer_draft)

    # -- reading and filling the form ----------------------------------------------------

    def read_values(self) -> IntakeValues:
        """Return the current form values in the shape the intake validator expects."""
        source = self.query_one("#source", RadioSet).pressed_button
        relation = self.query_one("#relation", Select).value
        return IntakeValues(
            source=source.name if source is not None and source.name else "",
            source_detail=self._text("source_detail"),
            received_at=self._text("received_at"),
            safe_to_talk=tristate_value(self.query_one("#safe_to_talk", RadioSet)),
            safe_contact_route=self._text("safe_contact_route"),
            perpetrator_location=self._text("perpetrator_location"),
            children_present=tristate_value(self.query_one("#children_present", RadioSet)),
            acutely_unsafe=self.query_one("#acutely_unsafe", Checkbox).value,
            parties=[form.values() for form in self.query(PartyForm)],
            relation="" if relation is Select.NULL else str(relation),
            behaviours=[code for code in BEHAVIOURS if self.query_one(f"#behaviour-{code}", Checkbox).value],
            behaviour_text=self.query_one("#behaviour_text", TextArea).text,
            first_incident_date=self._text("first_incident_date"),
            informing_organisation=self._select("informing_organisation"),
            informed_organisation=self._select("informed_organisation"),
            informed_at=self._text("informed_at"),
            informed_by=self._text("informed_by"),
            notification_note=self.query_one("#notification_note", TextArea).text,
            demo=bool(getattr(self.app, "demo", False)),
        )

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def _select(self, field: str) -> str:
        value = self.query_one(f"#{field}", Select).value
        return "" if value is Select.NULL else str(value)

    async def fill_values(self, values: IntakeValues) -> None:
        """Put `values` into the form, e.g. from a draft."""
        set_tristate(self.query_one("#safe_to_talk", RadioSet), values.safe_to_talk)
        set_tristate(self.query_one("#children_present", RadioSet), values.children_present)
        self.query_one("#acutely_unsafe", Checkbox).value = values.acutely_unsafe
        set_radio(self.query_one("#source", RadioSet), values.source)
        set_select(self.query_one("#relation", Select), values.relation)
        set_select(self.query_one("#informing_organisation", Select), values.informing_organisation)
        set_select(self.query_one("#informed_organisation", Select), values.informed_organisation)
        for name in ("safe_contact_route", "perpetrator_location", "source_detail", "received_at",
                     "first_incident_date", "informed_at", "informed_by"):
            self.query_one(f"#{name}", Input).value = getattr(values, name)
        self.query_one("#behaviour_text", TextArea).text = values.behaviour_text
        self.query_one("#notification_note", TextArea).text = values.notification_note
        for code in BEHAVIOURS:
            self.query_one(f"#behaviour-{code}", Checkbox).value = code in values.behaviours
        await self._rebuild_parties(values.parties)

    async def _rebuild_parties(self, parties: list[dict[str, str]]) -> None:
        """Replace every party form, because party field ids follow the list position."""
        await self.query(PartyForm).remove()
        victim = next((p for p in parties if p.get("role") == PartyRole.VICTIM.value), None)
        perpetrator = next((p for p in parties if p.get("role") == PartyRole.PERPETRATOR.value), None)
        others = [p for p in parties if p is not victim and p is not perpetrator]

        extra = self.query_one("#extra-parties", Vertical)
        anchor = self.query_one("#parties-error", Label)
        await self.query_one("#form", VerticalScroll).mount_all(
            [
                PartyForm(0, victim or {"role": PartyRole.VICTIM.value}, fixed_role=True),
                PartyForm(1, perpetrator or {"role": PartyRole.PERPETRATOR.value}, fixed_role=True),
            ],
            after=anchor,
        )
        await extra.mount_all([PartyForm(index, party, fixed_role=False) for index, party in enumerate(others, start=2)])

    # -- draft ---------------------------------------------------------------------------

    def _offer_draft(self, data: dict | None) -> None:
        if not data:
            self._draft_checked = True
            return

        async def chosen(choice: str | None) -> None:
            if choice == "resume":
                values = values_from_draft(data)
                await self.fill_values(values)
                self._last_saved = asdict(values)
                self.notify(_("Het concept is teruggezet."))
            else:
                # Starting anew replaces the one intake draft, so the old one is removed now.
                self.call_store(lambda store: store.delete_draft(DRAFT_KEY))
            self._draft_checked = True

        self.app.push_screen(
            ChoiceDialog(
                _("Concept gevonden"),
                _("Er is een concept van een melding die nog niet is opgeslagen. Wilt u daarmee verder?"),
                [("resume", _("Verder met concept")), ("new", _("Nieuw beginnen (concept weg)"))],
            ),
            chosen,
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(Select.Changed)
    def _form_changed(self) -> None:
        self._update_hints()
        # Values set by code post Changed too; `_autosave` writes only when values differ.
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def _draft_to_save(self) -> dict | None:
        """Return the values to write as draft, or None when nothing new was typed."""
        if self._finished or not self._draft_checked or not self.is_mounted:
            return None
        data = asdict(self.read_values())
        if data == self._last_saved or data == self._pristine:
            return None
        return data

    def _autosave(self) -> None:
        data = self._draft_to_save()
        if data is None:
            return
        self._last_saved = data
        self.call_store(lambda store: store.save_draft(DRAFT_KEY, data))

    async def save_draft_before_lock(self) -> None:
        """Write the draft now; the app calls this before it locks and closes the store."""
        data = self._draft_to_save()
        store = getattr(self.app, "store", None)
        if data is None or store is None:
            return
        self._last_saved = data
        await asyncio.to_thread(store.save_draft, DRAFT_KEY, data)

    def _update_hints(self) -> None:
        acute = self.query_one("#acutely_unsafe", Checkbox).value
        banner = self.query_one("#acute-banner", Static)
        banner.update("‼ " + _("ACUUT ONVEILIG: de casus start in het spoor ACUUT. Regel eerst de fysieke veiligheid.") if acute else "")
        banner.set_class(not acute, "-empty")

        unsafe_to_talk = tristate_value(self.query_one("#safe_to_talk", RadioSet)) is False
        hint = self.query_one("#unsafe-talk-hint", Static)
        hint.update("! " + _("Niet veilig om te praten: spreek een veilige contactroute en een moment af.") if unsafe_to_talk else "")
        hint.set_class(not unsafe_to_talk, "-empty")

    # -- parties -------------------------------------------------------------------------

    @on(Button.Pressed, "#add-child")
    async def _add_child(self) -> None:
        await self._add_party(PartyRole.CHILD)

    @on(Button.Pressed, "#add-other")
    async def _add_other(self) -> None:
        await self._add_party(PartyRole.OTHER)

    async def _add_party(self, role: PartyRole) -> None:
        index = len(self.query(PartyForm))
        form = PartyForm(index, {"role": role.value}, fixed_role=False)
        await self.query_one("#extra-parties", Vertical).mount(form)
        self.query_one(f"#{party_field(index, 'name')}", Input).focus()

    @on(PartyForm.RemoveRequested)
    async def _remove_party(self, message: PartyForm.RemoveRequested) -> None:
        parties = [form.values() for form in self.query(PartyForm) if form is not message.party_form]
        await self._rebuild_parties(parties)
        self._form_changed()

    # -- save and leave ------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#leave")
    def _leave_pressed(self) -> None:
        self.action_leave()

    def action_save(self) -> None:
        if self._saving:
            return
        values = self.read_values()
        try:
            report = validate_intake(values, dates.now())
        except FormErrors as error:
            self.show_errors(error.errors)
            return

        self.show_errors({})
        self._saving = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()

        def work(store) -> CaseState:
            try:
                return _report_and_drop_draft(store, report)
            except Exception:
                # The error dialog explains the failure; the form stays filled for another try.
                self.app.call_from_thread(self._save_failed)
                raise

        self.call_store(work, self._case_saved)

    def _save_failed(self) -> None:
        self._saving = False

    def _case_saved(self, state: CaseState) -> None:
        from .case import CaseScreen

        self._finished = True
        app = self.app
        # Switch first: a toast mounted on this screen while it is being removed stalls the removal.
        app.switch_screen(CaseScreen(state.case_id))
        if state.track == Track.ACUUT:
            app.notify(
                _("Casus {number} staat op ACUUT ONVEILIG. Regel eerst de fysieke veiligheid.").format(number=state.number),
                severity="warning", timeout=10,
            )
        else:
            app.notify(_("Casus {number} is aangemaakt.").format(number=state.number))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message beside its field, clear the others and focus the first bad field."""
        labelled: set[str] = set()
        for label in self.query(".error").exclude("#form-error"):
            field = (label.id or "").removesuffix("-error")
            message = errors.get(field, "")
            if message:
                labelled.add(field)
            label.update(message)
            label.set_class(not message, "-empty")

        # Errors without a field of their own (a fallback of the validator) go at the bottom.
        leftover = [message for field, message in errors.items() if field not in labelled]
        form_error = self.query_one("#form-error", Label)
        form_error.update("\n".join(leftover))
        form_error.set_class(not leftover, "-empty")
        if not errors:
            return

        self.notify(_("Niet opgeslagen: verbeter de velden met een foutmelding."), severity="error")
        order = field_order(len(self.query(PartyForm)))
        first = next((field for field in order if field in errors), None)
        self._focus_field(first)

    def _focus_field(self, field: str | None) -> None:
        if field == "behaviours":
            target = self.query_one(f"#behaviour-{BEHAVIOURS[0]}")
        elif field == "parties":
            target = self.query_one(f"#{party_field(0, 'name')}")
        elif field is not None and self.query(f"#{field}"):
            target = self.query_one(f"#{field}")
        else:
            target = self.query_one("#form-error")
        if target.focusable:
            target.focus()
        target.scroll_visible(top=True)

    def action_leave(self) -> None:
        data = asdict(self.read_values())
        if data == self._pristine:
            self.app.pop_screen()
            return

        def close(_result: object) -> None:
            self.app.pop_screen()

        def chosen(choice: str | None) -> None:
            if choice == "keep":
                self._finished = True
                self.call_store(lambda store: store.save_draft(DRAFT_KEY, data), close)
            elif choice == "discard":
                self._finished = True
                self.call_store(lambda store: store.delete_draft(DRAFT_KEY), close)

        self.app.push_screen(
            ChoiceDialog(
                _("Melding niet opgeslagen"),
                _("Deze melding is nog niet opgeslagen. Wat wilt u met de ingevulde gegevens doen?"),
                [("keep", _("Bewaren als concept")), ("discard", _("Weggooien")), ("stay", _("Verder invullen"))],
            ),
            chosen,
        )


def _report_and_drop_draft(store, report: CaseReported) -> CaseState:
    state = store.report_case(report)
    store.delete_draft(DRAFT_KEY)
    return state
