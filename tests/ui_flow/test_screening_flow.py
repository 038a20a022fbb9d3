"""Pilot tests of the screening flow at 80x24 against a real encrypted store."""

from textual.widgets import RadioSet, Static, TextArea

from stalking_tui.domain.levels import Answer, ConcernLevel, Track
from stalking_tui.screens.screening import ScreeningScreen, draft_key
from stalking_tui.widgets.answer_page import AnswerPage, GuidanceDialog
from stalking_tui.widgets.escalate import EscalateDialog
from stalking_tui.widgets.screening_pages import GateRecap, SummaryPage

from .conftest import SIZE, FlowApp, settle, type_text

# One key per item: 1 = aanwezig, 2 = afwezig, 3 = onbekend.
SIXTEEN_ANSWERS = "1231123112311211"


async def start(pilot) -> ScreeningScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScreeningScreen)
    return screen


async def pass_gate(pilot, screen: ScreeningScreen) -> None:
    assert isinstance(screen._page_widget, GateRecap)
    await pilot.press("enter")  # the first option: "ja, het is nu veilig"
    await pilot.press("pagedown")
    await settle(pilot)


async def answer_items(pilot, screen: ScreeningScreen, keys: str) -> None:
    for key in keys:
        assert isinstance(screen._page_widget, AnswerPage)
        await pilot.press(key, "pagedown")
    await settle(pilot)


async def choose_level(pilot, screen: ScreeningScreen, level: ConcernLevel) -> None:
    """Move the level RadioSet to `level` with the arrow keys and press it."""
    summary = screen._page_widget
    summary.query_one("#level", RadioSet).focus()
    await pilot.pause()
    for _step in range(list(ConcernLevel).index(level)):
        await pilot.press("right")
    await pilot.press("enter")
    await settle(pilot)


def progress_text(screen: ScreeningScreen) -> str:
    return str(screen._page_widget.query_one(".progress", Static).render())


async def test_ex_partner_case_asks_sixteen_items(store, make_case):
    case = make_case(relation="ex_partner")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)

        assert len(screen._items) == 16
        assert "1 / 16" in progress_text(screen)
        assert "geen SASH" in str(screen.query_one("#practice-banner", Static).render())


async def test_acquaintance_case_asks_thirteen_items(store, make_case):
    case = make_case(relation="kennis")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)

        assert len(screen._items) == 13
        assert all(item.section != "ex_partner" for item in screen._items)
        await answer_items(pilot, screen, "1" * 13)
        assert isinstance(screen._page_widget, SummaryPage)


async def test_gate_requires_an_answer(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("pagedown")
        await settle(pilot)

        assert isinstance(screen._page_widget, GateRecap)
        error = str(screen._page_widget.query_one("#safe-now-error", Static).render())
        assert "Kies eerst of het nu veilig is" in error


async def test_acute_case_shows_acuut_on_gate(store, make_case):
    case = make_case(acutely_unsafe=True)
    assert case.track == Track.ACUUT
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)

        note = str(screen._page_widget.query_one("#acute-note", Static).render())
        assert "ACUUT" in note
        assert "acuut onveilig" in note.lower()


async def test_back_and_forward_keep_answers(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)

        await pilot.press("1")
        await pilot.press("tab")
        await type_text(pilot, "Zegt 1 keer per dag bang te zijn")
        await pilot.press("pagedown", "2", "pagedown", "3")
        await pilot.press("pageup", "pageup")
        await settle(pilot)

        first = screen._page_widget
        assert "1 / 16" in progress_text(screen)
        assert first.answer == Answer.PRESENT
        # Digits typed in the note stay in the note and do not change the answer.
        assert first.note == "Zegt 1 keer per dag bang te zijn"

        await pilot.press("pagedown")
        await settle(pilot)
        assert screen._page_widget.answer == Answer.ABSENT

        await pilot.press("ctrl+right")
        await settle(pilot)
        assert screen._page_widget.answer == Answer.UNKNOWN


async def test_summary_counts_match_answers(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        # 14 answers (7 present, 4 absent, 3 unknown), then two items skipped.
        await answer_items(pilot, screen, "12311231123112")
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)

        summary = screen._page_widget
        assert isinstance(summary, SummaryPage)
        counts = str(summary.query_one("#counts", Static).render())
        assert "aanwezig 7" in counts
        assert "afwezig 4" in counts
        assert "onbekend 3" in counts
        assert "niet beantwoord 2" in counts

        unknown = str(summary.query_one(".unknown", Static).render())
        assert unknown.count("\n") == 3  # heading plus three items
        unanswered = str(summary.query_one(".unanswered", Static).render())
        assert "15." in unanswered
        assert "16." in unanswered


async def test_save_without_rationale_shows_message(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, SIXTEEN_ANSWERS)
        await choose_level(pilot, screen, ConcernLevel.MIDDEN)

        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is screen
        error = str(screen._page_widget.query_one(".error-rationale", Static).render())
        assert "Schrijf op waarom u dit zorgniveau kiest" in error
        assert store.get_case(case.case_id).screening_count == 0


async def test_saved_midden_moves_case_to_midden(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, SIXTEEN_ANSWERS)
        await choose_level(pilot, screen, ConcernLevel.MIDDEN)
        screen._page_widget.query_one("#rationale", TextArea).focus()
        await type_text(pilot, "Opwachten bij werk en dreiging")

        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is not screen
        state = store.get_case(case.case_id)
        assert state.track == Track.MIDDEN
        assert state.level == ConcernLevel.MIDDEN
        assert store.load_draft(draft_key(case.case_id)) is None

        event = [e for e in store.timeline(case.case_id) if e.kind == "screening.completed"][-1]
        payload = event.parsed()
        assert payload.practice is True
        assert payload.rationale == "Opwachten bij werk en dreiging"
        assert payload.assessor == "Test Gebruiker"
        assert payload.assessor_organisation == "VT"
        assert len(payload.answers) == 16


async def test_draft_survives_leaving_and_returning(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, "213")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen
        assert store.load_draft(draft_key(case.case_id)) is not None

        again = ScreeningScreen(case.case_id)
        await app.push_screen(again)
        await settle(pilot)

        assert "4 / 16" in progress_text(again)
        await pilot.press("pageup", "pageup", "pageup")
        await settle(pilot)
        assert again._page_widget.answer == Answer.ABSENT


async def test_draft_written_before_lock(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await pilot.press("3")
        await settle(pilot)

        await screen.save_draft_before_lock()

        draft = store.load_draft(draft_key(case.case_id))
        first_item = screen._items[0].id
        assert draft["answers"][first_item]["answer"] == "onbekend"


async def test_f1_shows_item_guidance(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await pilot.press("f1")
        await settle(pilot)

        dialog = app.screen
        assert isinstance(dialog, GuidanceDialog)
        guidance = screen._items[0].guidance.get("nl")
        assert guidance in "".join(str(static.render()) for static in dialog.query(Static))

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert "1 / 16" in progress_text(screen)


async def test_reassessment_shows_changed_answers(store, make_case):
    case = make_case(relation="kennis")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        first_item = screen._items[0]
        store.record(case.case_id, "screening.completed", {
            "instrument_id": "oefenlijst-stalking", "instrument_version": "1.0", "instrument_checksum": "0" * 64,
            "practice": True, "answers": {item.id: {"answer": "afwezig"} for item in screen._items},
            "level": "LAAG", "rationale": "Eerste screening", "assessor": "Test Gebruiker",
            "assessor_role": "casusregisseur", "assessor_organisation": "VT",
        })
        await app.pop_screen()
        again = ScreeningScreen(case.case_id)
        await app.push_screen(again)
        await settle(pilot)
        await pass_gate(pilot, again)
        await answer_items(pilot, again, "1" + "2" * 12)

        changes = str(again._page_widget.query_one("#changes", Static).render())
        assert first_item.text.get("nl") in changes
        assert "✗ afwezig → ✓ aanwezig" in changes
        assert changes.count("→") == 1


async def test_unsafe_gate_offers_escalation(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("down", "enter")  # "nee, acuut onveilig"
        await settle(pilot)

        assert isinstance(app.screen, EscalateDialog)
        await type_text(pilot, "Pleger staat nu voor de deur")
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is screen
        assert store.get_case(case.case_id).track == Track.ACUUT
        assert "ACUUT" in str(screen._page_widget.query_one("#acute-note", Static).render())


async def test_save_without_level_focuses_level(store, make_case):
    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, SIXTEEN_ANSWERS)

        await pilot.press("f2")
        await settle(pilot)

        summary = screen._page_widget
        assert "Kies een zorgniveau" in str(summary.query_one(".error-level", Static).render())
        assert app.focused is summary.query_one("#level", RadioSet)


async def test_quick_answers_with_pauses_are_all_kept(store, make_case):
    case = make_case(relation="ex_partner")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        # As a caseworker types: a pause after the answer and after the page key.
        for _item in range(16):
            await pilot.press("1")
            await pilot.pause(0.3)
            await pilot.press("pagedown")
            await pilot.pause(0.3)
        await settle(pilot)

        counts = str(screen._page_widget.query_one("#counts", Static).render())
        assert "aanwezig 16" in counts
        assert "niet beantwoord 0" in counts


async def test_too_long_item_note_blocks_save(store, make_case):
    from stalking_tui.domain.events import MAX_TEXT

    case = make_case()
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, SIXTEEN_ANSWERS)
        await choose_level(pilot, screen, ConcernLevel.MIDDEN)
        screen._page_widget.query_one("#rationale", TextArea).focus()
        await type_text(pilot, "Opwachten bij werk")
        screen._draft["answers"][screen._items[0].id]["note"] = "x" * (MAX_TEXT + 1)

        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is screen
        assert store.get_case(case.case_id).screening_count == 0
