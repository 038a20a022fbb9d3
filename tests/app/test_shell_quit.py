"""Quitting with ctrl+q, the command palette and Textual's built-in texts in Dutch."""

from shell_helpers import PASSPHRASE, SIZE, screen_text, settle
from textual.widgets import Input

from stalking_tui.screens.first_run import QuitWithoutCodeDialog, RecoveryCodeScreen
from stalking_tui.screens.intake import DRAFT_KEY, IntakeScreen
from stalking_tui.storage.store import CaseStore

from test_shell_first_run import fill_form


async def unlock(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = PASSPHRASE
    await pilot.press("enter")
    await settle(pilot)


async def test_ctrl_q_writes_intake_draft(make_app, existing_store, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await app.push_screen(IntakeScreen())
        await settle(pilot)
        app.screen.query_one("#party_0_name", Input).focus()
        await pilot.press(*"Zoë")

        # Well inside the autosave delay, so only the quit itself can write the draft.
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0

    with CaseStore.open(store_dir, PASSPHRASE) as store:
        draft = store.load_draft(DRAFT_KEY)
    assert draft is not None
    assert "Zoë" in str(draft)


async def test_ctrl_q_on_recovery_code_asks(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen)
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodeScreen)

        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitWithoutCodeDialog)
        assert "Toch afsluiten" in screen_text(app)

        # Esc goes back to the code; the app keeps running.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodeScreen)
        assert app.is_running

        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#quit")
        await pilot.pause()
    assert not app.is_running


async def test_ctrl_q_after_ticking_code_quits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen)
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)

        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_ctrl_c_hint_is_dutch(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        notifications = list(app._notifications)
    assert len(notifications) == 1
    assert "ctrl+q" in notifications[0].message
    assert notifications[0].title == "Wilt u stoppen?"


async def test_palette_offers_no_screenshot(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert titles == ["Vergrendelen", "Afsluiten"]
    assert "Screenshot" not in titles
    assert app.deliver_screenshot() is None


async def test_screenshot_writes_no_file(make_app, existing_store, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.save_screenshot(path=str(tmp_path / "shots"), filename="case.svg")
        await app.run_action("screenshot")
        await settle(pilot)
    assert not (tmp_path / "shots").exists()
    assert not list(tmp_path.glob("*.svg"))


async def test_palette_texts_are_dutch(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert "palette" not in screen_text(app)

        await pilot.press("ctrl+p")
        await settle(pilot)
        text = screen_text(app)
    assert "Zoek een opdracht" in text
    assert "Search for commands" not in text


async def test_select_texts_are_dutch(make_app):
    from textual.app import App
    from textual.widgets import Footer, Select

    make_app()  # sets the language and Textual's built-in texts, as the CLI does

    class SelectApp(App):
        def compose(self):
            yield Select([("een", 1), ("twee", 2)], id="pick")
            yield Footer()

    app = SelectApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Kies…" in screen_text(app)
        app.query_one("#pick").focus()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
    assert "Menu sluiten" in text
    assert "Dismiss menu" not in text


async def test_palette_key_disabled_before_unlock(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.check_action("command_palette", ()) is False

        await unlock(pilot)
        assert app.check_action("command_palette", ()) is True
