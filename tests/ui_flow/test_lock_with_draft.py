"""The screening draft survives a quick-lock of the real app (create_app) on a real store."""

from stalking_tui.app import create_app
from stalking_tui.i18n import set_language
from stalking_tui.screens.screening import ScreeningScreen, draft_key
from stalking_tui.settings import Settings
from stalking_tui.storage.store import CaseStore
from stalking_tui.widgets.answer_page import AnswerPage

from .conftest import SIZE, report, settle


async def unlock(pilot, passphrase: str) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = passphrase
    await pilot.press("enter")
    await settle(pilot)


async def test_screening_draft_survives_lock(make_store, store_dir, passphrase, cheap_kdf, tmp_path):
    store = make_store()
    case = store.report_case(report())
    store.close()

    app = create_app(store_dir, kdf=cheap_kdf, settings=Settings(auto_lock_seconds=0), log_dir=tmp_path / "log")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot, passphrase)
            screen = ScreeningScreen(case.case_id)
            await app.push_screen(screen)
            await settle(pilot)
            await pilot.press("enter", "pagedown")
            await settle(pilot)
            await pilot.press("2")  # afwezig, and the autosave delay has not passed yet

            await pilot.press("f12")
            await settle(pilot)
            assert app.store is None

            # The store is closed while locked, so the test can read the draft itself.
            with CaseStore.open(store_dir, passphrase) as reopened:
                draft = reopened.load_draft(draft_key(case.case_id))
            assert draft["answers"][screen._items[0].id]["answer"] == "afwezig"

            await unlock(pilot, passphrase)
            assert app.screen is screen
            assert isinstance(screen._page_widget, AnswerPage)
            assert screen._page_widget.answer.value == "afwezig"
    finally:
        set_language("nl")
