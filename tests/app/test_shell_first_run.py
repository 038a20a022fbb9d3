"""First run: the form validates in Dutch, creates a real store and shows the recovery code once."""

import re

from stalking_tui.screens.first_run import FirstRunScreen, RecoveryCodeScreen
from stalking_tui.storage.paths import store_exists

from shell_helpers import SIZE, screen_text, settle

GOOD_PASSPHRASE = "kikker wolk pen gitaar"


def fill_form(screen, passphrase=GOOD_PASSPHRASE, repeat=GOOD_PASSPHRASE, organisation="VT") -> None:
    screen.query_one("#passphrase").value = passphrase
    screen.query_one("#repeat").value = repeat
    screen.query_one("#user").value = "Test Gebruiker"
    screen.query_one("#role").value = "procesregisseur"
    screen.query_one("#organisation").value = organisation


async def test_first_run_creates_store_and_shows_code(make_app, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)

        fill_form(app.screen)
        await pilot.press("f10")
        await settle(pilot)

        assert isinstance(app.screen, RecoveryCodeScreen)
        assert store_exists(store_dir)
        shown = str(app.screen.query_one("#recovery-code").render())
        assert re.fullmatch(r"[0-9A-Z]{4}(  [0-9A-Z]{4}){3}\n[0-9A-Z]{4}(  [0-9A-Z]{4}){3}", shown)
        assert "maar één keer" in screen_text(app)

        # Continuing needs the confirmation first.
        assert app.screen.query_one("#continue").disabled
        await pilot.press("space")
        await pilot.click("#continue")
        await settle(pilot)

        assert app.store is not None
        assert app.profile.user_name == "Test Gebruiker"
        assert not isinstance(app.screen, (FirstRunScreen, RecoveryCodeScreen))


async def test_first_run_rejects_short_passphrase(make_app, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen, passphrase="kort", repeat="kort")
        await pilot.press("f10")
        await settle(pilot)

        message = str(app.screen.query_one("#passphrase-error").render())
        assert "Te kort" in message
        assert "12 tekens" in message
        assert not store_exists(store_dir)
        assert app.screen.query_one("#passphrase").value == "kort"


async def test_first_run_rejects_predictable_passphrase(make_app, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen, passphrase="aaaaaaaaaaaaaaaa", repeat="aaaaaaaaaaaaaaaa")
        await pilot.press("f10")
        await settle(pilot)

        assert "Te voorspelbaar" in str(app.screen.query_one("#passphrase-error").render())
        assert not store_exists(store_dir)


async def test_first_run_rejects_mismatch(make_app, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen, repeat=GOOD_PASSPHRASE + "x")
        await pilot.press("f10")
        await settle(pilot)

        assert "niet gelijk" in str(app.screen.query_one("#repeat-error").render())
        assert str(app.screen.query_one("#passphrase-error").render()) == ""
        assert not store_exists(store_dir)
        assert app.screen.query_one("#user").value == "Test Gebruiker"


async def test_first_run_requires_organisation(make_app, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen)
        app.screen.query_one("#organisation").clear()
        await pilot.press("f10")
        await settle(pilot)

        assert "organisatie" in str(app.screen.query_one("#organisation-error").render())
        assert not store_exists(store_dir)


async def test_first_run_focuses_first_wrong_field(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen)
        app.screen.query_one("#user").value = ""
        await pilot.press("f10")
        await settle(pilot)

        assert app.focused is app.screen.query_one("#user")


async def test_recovery_confirmation_mark_shows_state(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen)
        await pilot.press("f10")
        await settle(pilot)

        box = app.screen.query_one("#stored")
        assert "✔" not in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert box.value
        assert "✔" in screen_text(app)


async def test_fixed_fields_lose_their_message(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen, passphrase="kort", repeat="kort")
        app.screen.query_one("#user").value = ""
        await pilot.press("f10")
        await settle(pilot)
        assert app.screen.query_one("#passphrase-error").display
        assert app.screen.query_one("#user-error").display

        # Typing the missing characters clears the passphrase message, but the repeat
        # field, which now differs, gets no message before the next F10.
        app.screen.query_one("#passphrase").focus()
        await pilot.press(*" kikker wolk")
        await settle(pilot)
        assert not app.screen.query_one("#passphrase-error").display
        assert not app.screen.query_one("#repeat-error").display
        assert app.screen.query_one("#user-error").display

        app.screen.query_one("#user").focus()
        await pilot.press(*"Test")
        await settle(pilot)
        assert not app.screen.query_one("#user-error").display


async def test_repeat_message_clears_when_equal(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill_form(app.screen, repeat=GOOD_PASSPHRASE + "x")
        await pilot.press("f10")
        await settle(pilot)
        assert "niet gelijk" in str(app.screen.query_one("#repeat-error").render())

        app.screen.query_one("#repeat").focus()
        app.screen.query_one("#repeat").action_end()
        await pilot.press("backspace")
        await settle(pilot)
        assert not app.screen.query_one("#repeat-error").display
