"""Pilot tests at 80x24 of screening with an imported instrument, the instrument screen and the history.

Each test uses a real SQLCipher store in `tmp_path` with the cheap Argon2id parameters
`KdfParams.TESTING` (see conftest), only to keep the tests fast. The instrument is the
invented 13+3-item test file; all names are fictional.
"""

from pathlib import Path

from textual.widgets import DataTable, Input, Static, TextArea

from stalking_tui.domain.levels import ConcernLevel
from stalking_tui.screens.instruments import InstrumentsScreen
from stalking_tui.screens.screening import ScreeningScreen, draft_key
from stalking_tui.screens.screening_history import ScreeningHistoryScreen
from stalking_tui.screens.timeline_text import describe
from stalking_tui.widgets.answer_page import AnswerPage
from stalking_tui.widgets.screening_pages import SummaryPage

from .conftest import SIZE, FlowApp, settle, type_text
from .test_screening_flow import answer_items, choose_level, pass_gate, progress_text, start

FIXTURE = Path(__file__).parents[1] / "fixtures" / "instruments" / "test_instrument.toml"


def install_default(store) -> str:
    checksum = store.import_instrument(FIXTURE.read_text(encoding="utf-8")).instrument.checksum
    store.set_default_instrument(checksum)
    return checksum


def banner(screen: ScreeningScreen) -> str:
    return str(screen.query_one("#practice-banner", Static).render())


async def test_imported_instrument_acquaintance_thirteen(store, make_case):
    install_default(store)
    case = make_case(relation="kennis")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)

        assert "1 / 13" in progress_text(screen)
        assert "Testinstrument (verzonnen)" in banner(screen)
        assert "geen SASH" not in banner(screen)


async def test_imported_instrument_ex_partner_saves_record(store, make_case):
    checksum = install_default(store)
    case = make_case(relation="ex_partner")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        assert "1 / 16" in progress_text(screen)

        await answer_items(pilot, screen, "2" * 16)
        await choose_level(pilot, screen, ConcernLevel.LAAG)
        screen._page_widget.query_one("#rationale", TextArea).focus()
        await type_text(pilot, "Geen factoren aanwezig")
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is not screen
        payload = [e for e in store.timeline(case.case_id) if e.kind == "screening.completed"][-1].parsed()
        assert payload.instrument_id == "test-instrument"
        assert payload.instrument_version == "2.1"
        assert payload.instrument_checksum == checksum
        assert payload.practice is False
        assert len(payload.answers) == 16
        assert payload.assessor_role == "casusregisseur"


async def test_lowered_level_demands_reason(store, make_case):
    install_default(store)
    case = make_case(relation="kennis")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        # Nine present answers: the test instrument proposes HOOG from eight.
        await answer_items(pilot, screen, "1" * 9 + "2" * 4)
        await choose_level(pilot, screen, ConcernLevel.MIDDEN)
        screen._page_widget.query_one("#rationale", TextArea).focus()
        await type_text(pilot, "Pleger is verhuisd naar het buitenland")
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is screen
        error = str(screen._page_widget.query_one(".error-lowered_reason", Static).render())
        assert "lager niveau dan het voorstel" in error
        assert store.get_case(case.case_id).screening_count == 0

        screen._page_widget.query_one("#lowered_reason", TextArea).focus()
        await type_text(pilot, "Contactverbod werkt sinds een maand")
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is not screen
        event = [e for e in store.timeline(case.case_id) if e.kind == "screening.completed"][-1]
        assert event.parsed().proposed_level == ConcernLevel.HOOG
        assert event.parsed().lowered_reason == "Contactverbod werkt sinds een maand"
        line = describe(event)
        assert "⬇ lager dan voorstel HOOG" in line
        assert "Contactverbod werkt sinds een maand" in line


async def test_f4_jumps_to_unanswered(store, make_case):
    case = make_case(relation="kennis")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        # Answer 1-3, skip 4, answer 5, skip the rest.
        await answer_items(pilot, screen, "123")
        await pilot.press("pagedown", "1", "pagedown")
        await settle(pilot)
        assert "6 / 13" in progress_text(screen)

        await pilot.press("f4")
        await settle(pilot)
        assert "7 / 13" in progress_text(screen)

        await pilot.press("pageup", "pageup", "pageup", "pageup", "f4")
        await settle(pilot)
        assert "4 / 13" in progress_text(screen)
        assert isinstance(screen._page_widget, AnswerPage)
        assert screen._page_widget.answer is None


async def test_f4_on_summary_returns_to_open_item(store, make_case):
    case = make_case(relation="kennis")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, "1" * 12)
        await pilot.press("pagedown")
        await settle(pilot)
        assert isinstance(screen._page_widget, SummaryPage)

        await pilot.press("f4")
        await settle(pilot)
        assert "13 / 13" in progress_text(screen)


async def test_draft_keeps_instrument_when_default_changes(store, make_case):
    install_default(store)
    case = make_case(relation="ex_partner")
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pass_gate(pilot, screen)
        await answer_items(pilot, screen, "12")
        await screen.save_draft_before_lock()
        assert store.load_draft(draft_key(case.case_id))["instrument_id"] == "test-instrument"
        await app.pop_screen()

        store.set_default_instrument(None)
        again = ScreeningScreen(case.case_id)
        await app.push_screen(again)
        await settle(pilot)

        assert "3 / 16" in progress_text(again)
        assert "Testinstrument (verzonnen)" in banner(again)


async def test_instrument_screen_imports_and_sets_default(store, make_case, tmp_path):
    case = make_case(relation="kennis")
    app = FlowApp(store, InstrumentsScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InstrumentsScreen)
        table = screen.query_one("#instruments", DataTable)
        assert table.row_count == 1
        assert "★" in str(table.get_row_at(0)[0])

        screen.query_one("#path", Input).value = str(FIXTURE)
        screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert table.row_count == 2

        table.focus()
        table.move_cursor(row=1)
        await pilot.press("d")
        await settle(pilot)
        assert "★" in str(table.get_row_at(1)[0])
        assert store.default_instrument().id == "test-instrument"

        await app.push_screen(ScreeningScreen(case.case_id))
        await settle(pilot)
        screening = app.screen
        await pass_gate(pilot, screening)
        assert "1 / 13" in progress_text(screening)
        assert "Testinstrument (verzonnen)" in banner(screening)


async def test_instrument_screen_shows_line_of_broken_file(store, tmp_path):
    broken = tmp_path / "kapot.toml"
    broken.write_text(FIXTURE.read_text(encoding="utf-8").replace('id = "t05"', 'id = "t04"'), encoding="utf-8")
    app = FlowApp(store, InstrumentsScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        field = screen.query_one("#path", Input)
        field.value = str(broken)
        field.focus()
        await pilot.press("enter")
        await settle(pilot)

        error = str(screen.query_one("#path-error", Static).render())
        assert "items[4].id" in error
        assert "regel" in error
        # The typed path stays, so the user can fix the file and press Enter again.
        assert field.value == str(broken)
        assert store.list_instruments() == []


def screening_payload(level: str, answers: dict[str, str], lowered: str = "") -> dict:
    return {
        "instrument_id": "oefenlijst-stalking", "instrument_version": "1.0", "instrument_checksum": "0" * 64,
        "practice": True, "answers": {key: {"answer": value} for key, value in answers.items()},
        "level": level, "rationale": "Fictieve onderbouwing", "lowered_reason": lowered,
        "assessor": "Test Gebruiker", "assessor_role": "casusregisseur", "assessor_organisation": "VT",
    }


async def test_history_compares_any_two(store, make_case):
    case = make_case(relation="kennis")
    store.record(case.case_id, "screening.completed", screening_payload("LAAG", {"angst": "afwezig", "dreiging": "afwezig"}))
    store.record(case.case_id, "screening.completed", screening_payload("MIDDEN", {"angst": "aanwezig", "dreiging": "afwezig"}))
    store.record(case.case_id, "screening.completed", screening_payload("HOOG", {"angst": "aanwezig", "dreiging": "aanwezig"}))
    app = FlowApp(store, ScreeningHistoryScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#screenings", DataTable)
        assert table.row_count == 3

        await pilot.press("space", "down", "down", "space")
        await settle(pilot)
        assert screen.picked == [0, 2]
        text = str(screen.query_one("#comparison", Static).render())
        assert "LAAG → █ HOOG (hoger)" in text
        assert "2 antwoord(en) veranderd" in text
        assert "✗ afwezig → ✓ aanwezig" in text

        # A third pick replaces the oldest, so screenings 2 and 3 are compared.
        await pilot.press("up", "space")
        await settle(pilot)
        assert screen.picked == [2, 1]
        text = str(screen.query_one("#comparison", Static).render())
        assert "MIDDEN → █ HOOG" in text
        assert "1 antwoord(en) veranderd" in text


def incident_payload(reporter: str) -> dict:
    from datetime import UTC, datetime

    return {
        "occurred_at": datetime.now(UTC).isoformat(), "kind": "threat", "reporter": reporter,
        "description": "Fictief: aangifte van de pleger tegen het slachtoffer.",
    }


def screen_text(screen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_new_incident_signal_opens_reassessment(store, make_case):
    from stalking_tui.domain.levels import Track
    from stalking_tui.screens.case import CaseScreen

    case = make_case(relation="kennis")
    store.record(case.case_id, "screening.completed", screening_payload("HOOG", {"angst": "aanwezig"}))
    # A counter-report: recorded, signalled for reassessment, and the level stays HOOG.
    state = store.record(case.case_id, "incident.recorded", incident_payload("perpetrator"))
    assert state.level == ConcernLevel.HOOG
    assert state.track == Track.HOOG

    app = FlowApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Nieuw incident sinds de laatste screening" in screen_text(app.screen)

        await pilot.press("s")
        await settle(pilot)
        screening = app.screen
        assert isinstance(screening, ScreeningScreen)
        await pass_gate(pilot, screening)
        await answer_items(pilot, screening, "2" * 13)

        # The summary of the reassessment lists what changed since the last screening.
        changes = str(screening._page_widget.query_one("#changes", Static).render())
        assert "✓ aanwezig → ✗ afwezig" in changes


async def test_f3_opens_history_from_screening(store, make_case):
    case = make_case(relation="kennis")
    store.record(case.case_id, "screening.completed", screening_payload("LAAG", {"angst": "afwezig"}))
    app = FlowApp(store, ScreeningScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ScreeningHistoryScreen)
        assert app.screen.query_one("#screenings", DataTable).row_count == 1

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
