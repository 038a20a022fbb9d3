"""Quick-lock and auto-lock: the lock screen hides all case data and unlock returns to the same screen."""

import asyncio

from shell_helpers import PASSPHRASE, SIZE, screen_text, settle
from textual.app import ComposeResult
from textual.widgets import Static

from stalking_tui.screens.base import CaseworkScreen
from stalking_tui.screens.lock import LockScreen
from stalking_tui.settings import Settings
from stalking_tui.storage.store import CaseStore

DRAFT_KEY = "test-lock-draft"


class CaseTextScreen(CaseworkScreen):
    """A screen that shows case text and keeps a draft, as the case screens do."""

    def __init__(self, number: str, name: str) -> None:
        super().__init__()
        self.number = number
        self.party_name = name
        self.title = f"Casus {number}"
        self.drafts_saved = 0

    def compose_body(self) -> ComposeResult:
        yield Static(f"{self.number}: {self.party_name}", markup=False, id="case-text")

    async def save_draft_before_lock(self) -> None:
        store = self.app.store
        await asyncio.to_thread(store.save_draft, DRAFT_KEY, {"note": "halve notitie"})
        self.drafts_saved += 1


async def unlock(pilot, passphrase: str = PASSPHRASE) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = passphrase
    await pilot.press("enter")
    await settle(pilot)


async def open_case_screen(pilot, case) -> CaseTextScreen:
    await unlock(pilot)
    screen = CaseTextScreen(case.number, case.victim.name)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    assert case.victim.name in screen_text(pilot.app)
    return screen


async def test_quick_lock_hides_case_and_returns(make_app, existing_store, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        case_screen = await open_case_screen(pilot, existing_store)

        await pilot.press("f12")
        await settle(pilot)

        assert isinstance(app.screen, LockScreen)
        assert app.store is None
        visible = screen_text(app)
        assert existing_store.victim.name not in visible
        assert existing_store.number not in visible
        assert "Vergrendeld" in visible
        assert case_screen.drafts_saved == 1

        # The store is really closed: another process could open it now.
        CaseStore.open(store_dir, PASSPHRASE).close()

        await unlock(pilot)
        assert app.screen is case_screen
        assert app.store is not None
        assert app.store.load_draft(DRAFT_KEY) == {"note": "halve notitie"}
        assert app.store._routes is app.routes  # the reopened store follows the loaded map
        assert existing_store.victim.name in screen_text(app)


async def test_lock_wrong_passphrase_stays_locked(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case_screen(pilot, existing_store)
        await pilot.press("f12")
        await unlock(pilot, "verkeerde wachtwoordzin")

        assert isinstance(app.screen, LockScreen)
        assert app.store is None
        assert existing_store.victim.name not in screen_text(app)


async def test_ctrl_l_locks_too(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case_screen(pilot, existing_store)
        await pilot.press("ctrl+l")
        await settle(pilot)

        assert isinstance(app.screen, LockScreen)


async def test_lock_key_ignored_before_unlock(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)

        assert not isinstance(app.screen, LockScreen)
        assert len(app.screen_stack) == 2


async def test_auto_lock_after_idle(make_app, existing_store):
    app = make_app(settings=Settings(auto_lock_seconds=600))
    async with app.run_test(size=SIZE) as pilot:
        case_screen = await open_case_screen(pilot, existing_store)
        # A short idle time once the case is open; the default is five minutes.
        app.settings.auto_lock_seconds = 0.3

        for _tick in range(100):
            if isinstance(app.screen, LockScreen):
                break
            await pilot.pause(0.1)
        await settle(pilot)

        assert isinstance(app.screen, LockScreen)
        assert app.store is None
        assert existing_store.victim.name not in screen_text(app)

        await unlock(pilot)
        assert app.screen is case_screen


async def test_screen_pushed_while_locked_waits(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("f12")
        await settle(pilot)

        # As a worker finishing during the lock would do.
        late_screen = CaseTextScreen(existing_store.number, existing_store.victim.name)
        app.push_screen(late_screen)
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert existing_store.victim.name not in screen_text(app)

        await unlock(pilot)
        assert app.screen is late_screen


async def test_key_press_resets_idle_clock(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app._last_input = 0.0
        await pilot.press("x")

        assert app._last_input > 0.0
