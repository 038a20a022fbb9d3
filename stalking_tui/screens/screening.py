"""The guided screening: safety gate, one item per page, summary, and the assessor's level."""

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..domain.case import CaseState
from ..domain.events import MAX_TEXT, ItemAnswer
from ..domain.levels import Answer, ConcernLevel, Track
from ..domain.screening import (
    Instrument, Item, applicable_items, case_facts, changed_answers, practice_instrument, propose_level, summarize,
)
from ..i18n import _, current_language
from ..widgets.answer_page import AnswerPage, GuidanceDialog
from ..widgets.screening_pages import SAFE_NOW_NO, SAFE_NOW_YES, GateRecap, SummaryPage
from ..widgets.text_limits import check_text_lengths
from .draft_autosave import DraftScreen


NAV_HINTS = {
    "gate": _("↑↓ kies · Enter bevestig · PgDn volgende · F8 escaleer ACUUT"),
    "item": _("1/2/3 antwoord · Tab toelichting · PgUp/PgDn vorige/volgende · F4 open vraag · F1 uitleg"),
    "summary": _("Tab volgend veld · PgUp vorige · F4 open vraag · F2 screening opslaan"),
}


def draft_key(case_id: str) -> str:
    return f"screening:{case_id}"


class ScreeningScreen(DraftScreen):
    """Screening of one case; the assessor decides the level.

    The instrument is the organisation's default from the store, else the practice list. A
    draft keeps the instrument it was started with, as long as that one is still installed.
    """

    CSS_PATH = "screening.tcss"

    BINDINGS = [
        # Priority, so paging also works while the note field has focus (TextArea uses PgUp/PgDn).
        Binding("pagedown", "next_page", _("Volgende"), id="screening.next", priority=True),
        Binding("pageup", "previous_page", _("Vorige"), id="screening.previous", priority=True),
        Binding("ctrl+right", "next_page", _("Volgende"), show=False),
        Binding("ctrl+left", "previous_page", _("Vorige"), show=False),
        Binding("1", f"answer('{Answer.PRESENT.value}')", _("Aanwezig"), show=False),
        Binding("2", f"answer('{Answer.ABSENT.value}')", _("Afwezig"), show=False),
        Binding("3", f"answer('{Answer.UNKNOWN.value}')", _("Onbekend"), show=False),
        Binding("f1", "guidance", _("Uitleg"), id="screening.guidance"),
        Binding("f2", "save", _("Opslaan"), id="screening.save"),
        Binding("f4", "next_unanswered", _("Open vraag"), id="screening.unanswered"),
        Binding("f3", "open_history", _("Eerdere screenings"), id="screening.history"),
        Binding("escape", "back", _("Terug"), id="screening.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._instrument: Instrument | None = None
        self._items: list[Item] = []
        self._previous: dict[str, ItemAnswer] | None = None
        """Answers of the last completed screening, to show what changed."""
        self._draft: dict[str, Any] = {}
        self._started = False
        self._page_widget: Widget | None = None

    # -- building --------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static("", id="practice-banner", markup=False)
        yield Vertical(id="page")
        yield Static("", id="nav-hint", markup=False)

    def show_case(self, state: CaseState) -> None:
        if isinstance(self._page_widget, GateRecap):
            self._page_widget.show_track(state.track)
        if self._started:
            return

        self._started = True
        case_id = self.case_id

        def load(store: Any) -> tuple[Instrument, dict | None, dict[str, ItemAnswer] | None]:
            draft = store.load_draft(draft_key(case_id))
            instrument = _instrument_for(store, draft)
            previous = None
            for event in store.timeline(case_id):
                if event.kind == "screening.completed":
                    previous = event.parsed().answers
            return instrument, draft, previous

        self.call_store(load, self._begin)

    async def _begin(self, loaded: tuple[Instrument, dict | None, dict[str, ItemAnswer] | None]) -> None:
        instrument, draft, previous = loaded
        self._instrument = instrument
        self._items = applicable_items(instrument, case_facts(self.state.relation, self.state.source))
        self._previous = previous
        self._draft = self._restored_draft(draft)
        # A fresh screening is only worth a draft once something is answered or paged.
        self.draft_loaded(draft if draft is not None else self._draft)

        banner = f"{instrument.name.get(current_language())} · {instrument.version}"
        if instrument.practice:
            banner = _("⚠ OEFENLIJST — geen SASH") + f" · {instrument.id} {instrument.version}"
        self.query_one("#practice-banner", Static).update(banner)
        await self._show_page(self._draft["page"])

    def _restored_draft(self, draft: dict | None) -> dict[str, Any]:
        """Return the saved draft when it belongs to this instrument, else an empty one."""
        empty = {
            "instrument_id": self._instrument.id, "instrument_version": self._instrument.version,
            "instrument_checksum": self._instrument.checksum, "page": 0, "safe_now": "", "answers": {}, "level": "", "rationale": "", "lowered_reason": "",
        }
        if not draft or draft.get("instrument_id") != self._instrument.id:
            return empty
        if draft.get("instrument_checksum", self._instrument.checksum) != self._instrument.checksum:
            return empty

        item_ids = {item.id for item in self._items}
        restored = {**empty, **{key: draft[key] for key in empty if key in draft}}
        restored["answers"] = {key: value for key, value in draft.get("answers", {}).items() if key in item_ids}
        return restored

    # -- pages -----------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        """Pages in the flow: the safety gate, one per item, and the summary."""
        return len(self._items) + 2

    @property
    def page(self) -> int:
        return self._draft.get("page", 0)

    def _page_kind(self) -> str:
        if self.page == 0:
            return "gate"
        return "summary" if self.page == self.page_count - 1 else "item"

    async def _show_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count - 1))
        self._capture_page()
        self._draft["page"] = page
        container = self.query_one("#page", Vertical)
        await container.remove_children()

        if page == 0:
            widget = GateRecap(self.state.gate, self.state.track, self._draft["safe_now"])
        elif page == self.page_count - 1:
            widget = self._summary_page()
        else:
            widget = self._answer_page(page - 1)
        self._page_widget = widget
        await container.mount(widget)
        if isinstance(widget, AnswerPage):
            widget.focus_answer()
        else:
            widget.focus_main()

        self.query_one("#nav-hint", Static).update(NAV_HINTS[self._page_kind()])
        self.refresh_bindings()
        self.schedule_autosave()

    def _answer_page(self, index: int) -> AnswerPage:
        item = self._items[index]
        saved = self._draft["answers"].get(item.id, {})
        answer = Answer(saved["answer"]) if saved.get("answer") else None
        section = self._instrument.section(item.section).title.get(current_language())
        progress = _("Vraag {number} / {total} · {section}").format(
            number=index + 1, total=len(self._items), section=section,
        )
        return AnswerPage(item.id, progress, item.text.get(current_language()), answer, saved.get("note", ""))

    def _answers(self) -> dict[str, Answer | None]:
        answers = self._draft["answers"]
        return {
            item.id: Answer(answers[item.id]["answer"]) if answers.get(item.id, {}).get("answer") else None
            for item in self._items
        }

    def _summary_page(self) -> SummaryPage:
        answers = self._answers()
        answered = {item_id: answer for item_id, answer in answers.items() if answer is not None}
        changes = changed_answers(self._previous, answered) if self._previous is not None else None
        return SummaryPage(
            self._items, answers, summarize(answers, self._items),
            propose_level(self._instrument, answered), changes,
            {key: self._draft[key] for key in ("level", "rationale", "lowered_reason")},
        )

    # -- edits -----------------------------------------------------------------------------

    @on(GateRecap.Changed)
    def _gate_answered(self, event: GateRecap.Changed) -> None:
        self._draft["safe_now"] = event.safe_now
        self.schedule_autosave()
        if event.safe_now == SAFE_NOW_NO:
            # Acute danger is handled before anything else: offer escalation at once.
            self.action_escalate()

    @on(AnswerPage.Changed)
    def _item_answered(self, event: AnswerPage.Changed) -> None:
        self._draft["answers"][event.item_id] = {
            "answer": event.answer.value if event.answer else None, "note": event.note,
        }
        self.schedule_autosave()

    @on(SummaryPage.Changed)
    def _summary_edited(self, event: SummaryPage.Changed) -> None:
        self._draft.update(level=event.level, rationale=event.rationale, lowered_reason=event.lowered_reason)
        self.schedule_autosave()

    @on(SummaryPage.SaveRequested)
    def _save_requested(self) -> None:
        self.action_save()

    # -- drafts ----------------------------------------------------------------------------

    def draft_key(self) -> str:
        return draft_key(self.case_id)

    def current_draft(self) -> dict[str, Any] | None:
        self._capture_page()
        return self._draft or None

    def _capture_page(self) -> None:
        """Copy the values of the page on screen into the draft.

        The `Changed` messages of the last keystrokes may still be queued when the page is
        replaced or the screen locks, so the widgets are read directly as well.
        """
        widget = self._page_widget
        if widget is None or not widget.is_mounted:
            return
        if isinstance(widget, AnswerPage):
            answer, note = widget.answer, widget.note
            if answer is not None or note or widget.item_id in self._draft["answers"]:
                self._draft["answers"][widget.item_id] = {"answer": answer.value if answer else None, "note": note}
        elif isinstance(widget, SummaryPage):
            self._draft.update(widget.values())
        elif isinstance(widget, GateRecap) and widget.safe_now:
            self._draft["safe_now"] = widget.safe_now

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._instrument is None:
            return action in ("back", "escalate")
        kind = self._page_kind()
        if action in ("answer", "guidance"):
            return kind == "item"
        if action == "next_unanswered":
            return kind != "gate"
        if action == "save":
            return kind == "summary"
        if action == "previous_page":
            return self.page > 0
        if action == "next_page":
            return kind != "summary"
        return True

    async def action_next_page(self) -> None:
        self._capture_page()
        if self._page_kind() == "gate" and self._draft["safe_now"] not in (SAFE_NOW_YES, SAFE_NOW_NO):
            self._page_widget.show_error(_("Kies eerst of het nu veilig is."))
            return
        await self._show_page(self.page + 1)

    async def action_previous_page(self) -> None:
        await self._show_page(self.page - 1)

    async def action_next_unanswered(self) -> None:
        """Go to the next item without an answer after this page, wrapping round to the first."""
        self._capture_page()
        answers = self._answers()
        open_pages = [number for number, item in enumerate(self._items, start=1) if answers[item.id] is None]
        if not open_pages:
            self.notify(_("Alle vragen zijn beantwoord."))
            return
        later = [page for page in open_pages if page > self.page]
        await self._show_page(later[0] if later else open_pages[0])

    def action_open_history(self) -> None:
        from .screening_history import ScreeningHistoryScreen

        self.app.push_screen(ScreeningHistoryScreen(self.case_id))

    def action_answer(self, value: str) -> None:
        if isinstance(self._page_widget, AnswerPage):
            self._page_widget.choose(Answer(value))

    def action_guidance(self) -> None:
        if not isinstance(self._page_widget, AnswerPage):
            return
        item = next(item for item in self._items if item.id == self._page_widget.item_id)
        guidance = item.guidance.get(current_language()) if item.guidance else ""
        self.app.push_screen(GuidanceDialog(item.text.get(current_language()), guidance))

    def action_back(self) -> None:
        """Leave the screening; the draft is written first so nothing typed is lost."""
        self.leave_keeping_draft()

    def action_save(self) -> None:
        if not isinstance(self._page_widget, SummaryPage):
            return
        if not check_text_lengths(self):
            return
        payload = self._validated_payload(self._page_widget)
        if payload is None:
            return

        self.record_replacing_draft("screening.completed", payload, self._saved)

    def _saved(self, state: CaseState) -> None:
        message = _("Screening opgeslagen: zorgniveau {level}.").format(level=state.level.value)
        if state.track == Track.ACUUT:
            message += " " + _("De casus blijft op ACUUT tot de acute stappen zijn afgerond.")
        self.app.notify(message)
        self.app.pop_screen()

    def _validated_payload(self, page: SummaryPage) -> dict | None:
        """Return the `screening.completed` payload, or None after showing what is missing."""
        values = page.values()
        errors: dict[str, str] = {}
        if not values["level"]:
            errors["level"] = _("Kies een zorgniveau: LAAG, MIDDEN of HOOG.")
        if not values["rationale"].strip():
            errors["rationale"] = _("Schrijf op waarom u dit zorgniveau kiest. Zonder onderbouwing wordt de screening niet opgeslagen.")
        if page.lowering() and not values["lowered_reason"].strip():
            errors["lowered_reason"] = _("U kiest een lager niveau dan het voorstel. Schrijf op waarom.")
        page.show_errors(errors)

        answers = self._answers()
        unanswered = [number for number, item in enumerate(self._items, start=1) if answers[item.id] is None]
        if unanswered:
            self.notify(
                _("Beantwoord eerst vraag {numbers}; kies ‘onbekend’ als u het niet weet.").format(
                    numbers=", ".join(str(number) for number in unanswered)),
                severity="warning",
            )
        # Notes of other pages are not on screen, so their length is checked here by item number.
        too_long = [number for number, item in enumerate(self._items, start=1)
                    if len(self._draft["answers"].get(item.id, {}).get("note", "")) > MAX_TEXT]
        if too_long:
            self.notify(
                _("De notitie bij vraag {numbers} is te lang (maximaal {limit} tekens). Maak die korter.").format(
                    numbers=", ".join(str(number) for number in too_long), limit=MAX_TEXT),
                severity="warning",
            )
        if errors or unanswered or too_long:
            return None

        profile = self.app.profile
        instrument = self._instrument
        return {
            "instrument_id": instrument.id,
            "instrument_version": instrument.version,
            "instrument_checksum": instrument.checksum,
            "practice": instrument.practice,
            "answers": {
                item_id: {"answer": answer.value, "note": self._draft["answers"][item_id].get("note", "").strip()}
                for item_id, answer in answers.items()
            },
            "proposed_level": (proposed.value if (proposed := propose_level(instrument, answers)) else None),
            "level": ConcernLevel(values["level"]).value,
            "rationale": values["rationale"].strip(),
            "lowered_reason": values["lowered_reason"].strip() if page.lowering() else "",
            "assessor": profile.user_name,
            "assessor_role": profile.role,
            "assessor_organisation": profile.organisation,
        }



def _instrument_for(store: Any, draft: dict | None) -> Instrument:
    """Return the draft's instrument when still installed, else the default, else the practice list."""
    practice = practice_instrument()
    checksum = (draft or {}).get("instrument_checksum")
    if checksum == practice.checksum:
        return practice
    if checksum:
        installed = [entry.instrument for entry in store.list_instruments() if entry.instrument.checksum == checksum]
        if installed:
            return installed[0]
    return store.default_instrument() or practice
