"""Access log, passphrase change and crash privacy in the real app; real store, cheap Argon2id (KdfParams.TESTING)."""

import pytest
from shell_helpers import PASSPHRASE, SIZE, screen_text, settle

from stalking_tui.screens.access_log import AccessLogScreen
from stalking_tui.screens.case import CaseScreen
from stalking_tui.screens.case_list import CaseListScreen
from stalking_tui.screens.security import SecurityScreen
from stalking_tui.storage.errors import WrongPassphrase
from stalking_tui.storage.store import CaseStore

NEW_PASSPHRASE = "molen kaas fiets regenjas"
VICTIM = "Zoë Fictief"
PERPETRATOR = "Bram Verzonnen"


async def unlock(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = PASSPHRASE
    await pilot.press("enter")
    await settle(pilot)


async def test_access_log_lists_case_entries(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await app.push_screen(CaseScreen(existing_store.case_id))
        await settle(pilot)

        await pilot.press("a")
        await settle(pilot)

        assert isinstance(app.screen, AccessLogScreen)
        text = screen_text(app)
        assert f"Wie heeft dossier {existing_store.number} ingezien" in text
        assert "gewijzigd" in text  # the intake
        assert "ingezien" in text  # the case screen just read it
        assert "Test Gebruiker" in text
        rows = app.screen.query_one("#access-entries").row_count
        assert rows >= 3

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)


async def test_security_reached_from_case_list(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, CaseListScreen)

        await pilot.press("f9")
        await settle(pilot)

        assert isinstance(app.screen, SecurityScreen)
        assert "Wachtwoordzin wijzigen" in screen_text(app)


async def change(pilot, old: str, new: str, repeated: str) -> str:
    screen = pilot.app.screen
    screen.query_one("#old-passphrase").value = old
    screen.query_one("#new-passphrase").value = new
    screen.query_one("#new-repeat").value = repeated
    await pilot.press("f10")
    await settle(pilot)
    return str(screen.query_one("#security-message").render())


async def test_passphrase_change_rewraps(make_app, existing_store, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await app.push_screen(SecurityScreen())
        await settle(pilot)
        database_before = (store_dir / "store.db").stat().st_size

        message = await change(pilot, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)

        assert "✔" in message
        assert app.screen.query_one("#old-passphrase").value == ""
        assert (store_dir / "store.db").stat().st_size == database_before
    app.close_store()

    with pytest.raises(WrongPassphrase):
        CaseStore.open(store_dir, PASSPHRASE)
    with CaseStore.open(store_dir, NEW_PASSPHRASE) as store:
        assert [case.case_id for case in store.list_cases()] == [existing_store.case_id]


async def test_passphrase_change_rejects_bad_input(make_app, existing_store, store_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await app.push_screen(SecurityScreen())
        await settle(pilot)

        wrong_old = await change(pilot, "niet de huidige zin", NEW_PASSPHRASE, NEW_PASSPHRASE)
        weak = await change(pilot, PASSPHRASE, "kort", "kort")
        mismatch = await change(pilot, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "x")

        assert "huidige wachtwoordzin klopt niet" in wrong_old
        assert "Te kort" in weak
        assert "niet gelijk" in mismatch
        assert app.screen.query_one("#new-passphrase").value == NEW_PASSPHRASE  # nothing typed is lost
    app.close_store()

    CaseStore.open(store_dir, PASSPHRASE).close()


class ExplodingSummary:
    """A case summary whose rendering fails with the party names in its message and locals."""

    def __init__(self, state) -> None:
        self.state = state

    def __rich_console__(self, console, options):
        names = [party.name for party in self.state.parties]
        raise ValueError(f"cannot render {names}")


async def test_crash_in_case_screen_leaks_no_names(make_app, existing_store, log_dir, capfd, monkeypatch):
    monkeypatch.setattr("stalking_tui.screens.case.summary_text", lambda state, relation: ExplodingSummary(state))
    app = make_app()
    with pytest.raises(ValueError):
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            await app.push_screen(CaseScreen(existing_store.case_id))
            await settle(pilot)

    out, err = capfd.readouterr()
    logs = "".join(path.read_text(encoding="utf-8") for path in sorted(log_dir.glob("*")))
    assert app.return_code == 1
    assert list(log_dir.glob("crash-*.txt"))
    assert "onverwachte fout" in err
    for name in (VICTIM, PERPETRATOR, "Zo\\u00eb"):
        assert name not in out
        assert name not in err
        assert name not in logs
    assert "cannot render" not in logs + err
