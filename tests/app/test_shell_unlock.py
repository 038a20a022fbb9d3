"""Unlock: wrong passphrases get a Dutch message and a growing wait; the right one opens the store."""

from shell_helpers import PASSPHRASE, SIZE, screen_text, settle

from stalking_tui.screens.unlock import RecoveryScreen, UnlockScreen, unlock_delay
from stalking_tui.storage.store import CaseStore


async def type_passphrase(pilot, passphrase: str) -> None:
    pilot.app.screen.query_one("#passphrase").value = passphrase
    await pilot.press("enter")
    await settle(pilot)


async def test_unlock_wrong_then_right(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)

        await type_passphrase(pilot, "dit is niet de goede zin")
        assert isinstance(app.screen, UnlockScreen)
        assert app.store is None
        assert "klopt niet" in str(app.screen.query_one("#unlock-message").render())
        assert "Traceback" not in screen_text(app)

        await type_passphrase(pilot, PASSPHRASE)
        assert app.store is not None
        assert not isinstance(app.screen, UnlockScreen)


async def test_unlock_loads_route_map(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_passphrase(pilot, PASSPHRASE)

        assert app.routes is not None


async def test_unlock_delay_after_repeated_failures(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _attempt in range(3):
            await type_passphrase(pilot, "nog steeds niet goed")

        message = str(app.screen.query_one("#unlock-message").render())
        assert "over 2 seconden" in message
        assert app.screen.query_one("#passphrase").disabled
        assert app.is_running


def test_unlock_delay_grows_and_caps():
    delays = [unlock_delay(failures) for failures in range(1, 10)]
    assert delays[:2] == [0, 0]
    assert delays[2:6] == [2, 4, 8, 16]
    assert delays == sorted(delays)
    assert unlock_delay(50) == 60


async def test_unlock_store_in_use(make_app, existing_store, open_store):
    open_store(passphrase=PASSPHRASE)  # another "process" holds the store
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_passphrase(pilot, PASSPHRASE)

        assert "al geopend" in str(app.screen.query_one("#unlock-message").render())
        assert app.store is None


async def test_unlock_damaged_store(make_app, existing_store, store_dir):
    (store_dir / "keyslots.json").write_text("{not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_passphrase(pilot, PASSPHRASE)

        assert "beschadigd" in str(app.screen.query_one("#unlock-message").render())


async def test_unlock_with_recovery_code(make_app, store_dir, profile, cheap_kdf):
    store, recovery_code = CaseStore.create(store_dir, "oude zin die vergeten is", profile, kdf=cheap_kdf)
    store.close()
    new_passphrase = "nieuwe zin met vier woorden"

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryScreen)

        app.screen.query_one("#code").value = recovery_code.lower()
        app.screen.query_one("#new-passphrase").value = new_passphrase
        app.screen.query_one("#new-repeat").value = new_passphrase
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)

        assert app.store is not None
        assert not isinstance(app.screen, (RecoveryScreen, UnlockScreen))

    CaseStore.open(store_dir, new_passphrase).close()


async def test_recovery_rejects_weak_new_passphrase(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        app.screen.query_one("#code").value = "ABCD-EFGH"
        app.screen.query_one("#new-passphrase").value = "kort"
        app.screen.query_one("#new-repeat").value = "kort"
        await pilot.click("#recover-submit")
        await settle(pilot)

        assert "Te kort" in str(app.screen.query_one("#recovery-message").render())
        assert app.store is None
