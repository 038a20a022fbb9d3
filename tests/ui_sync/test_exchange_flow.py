"""Peer, share, export and import through the real app at 80x24, from store A to store B.

Both stores are real SQLCipher stores in tmp_path with cheap Argon2id (see conftest).
"""

from textual import events
from textual.widgets import DataTable, Input, Select, Static

from stalking_tui.screens.case_list import CaseListScreen
from stalking_tui.screens.exchange import ExchangeScreen
from stalking_tui.screens.exchange_dialogs import AddPeerDialog, ExportDialog, ShareDialog
from stalking_tui.screens.exchange_import import ImportScreen

from .conftest import BASIS, SIZE, enrol, identity_text, make_app, open_store, settle, unlock


def panel(app, selector: str = "#result") -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_exchange(pilot) -> ExchangeScreen:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, CaseListScreen)
    await pilot.press("u")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExchangeScreen)
    return pilot.app.screen


async def add_peer(pilot, code: str, name: str) -> None:
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AddPeerDialog)
    # A terminal delivers a paste as one event to the focused field.
    pilot.app.screen.query_one("#identity", Input).focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(code))
    await pilot.pause()
    assert pilot.app.screen.query_one("#identity", Input).value == code
    pilot.app.screen.query_one("#name", Input).value = name
    await pilot.press("f2")
    await settle(pilot)


async def share_first_case(pilot, peer: str, basis: str) -> None:
    await pilot.press("d")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ShareDialog)
    dialog.query_one("#case", Select).value = dialog.cases[0].case_id
    dialog.query_one("#peer", Select).value = peer
    dialog.query_one("#basis", Input).value = basis
    await pilot.press("f2")
    await settle(pilot)


async def export(pilot, path) -> None:
    await pilot.press("e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#path", Input).value = str(path)
    await pilot.press("f2")
    await settle(pilot)


async def open_import(pilot) -> ImportScreen:
    await open_exchange(pilot)
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)
    return pilot.app.screen


async def preview(pilot, path) -> None:
    pilot.app.screen.query_one("#path", Input).value = str(path)
    pilot.app.screen.query_one("#path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_export_then_preview_and_import(stores, tmp_path):
    dir_a, dir_b, number = stores
    enrol(dir_b, dir_a, "Laptop A")
    bundle = tmp_path / "naar-b.age"

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        await add_peer(pilot, identity_text(dir_b), "Laptop B")
        assert screen.query_one("#peers", DataTable).row_count == 1
        assert "Partner toegevoegd: Laptop B" in panel(app)

        await share_first_case(pilot, "Laptop B", BASIS)
        assert f"Casus {number} wordt voortaan gedeeld met Laptop B" in panel(app)

        event_count = len(app.store.timeline(app.store.list_cases()[0].case_id))
        await export(pilot, bundle)
        result = panel(app)
        assert "✔ Bundel geschreven" in result
        assert f"{number}: {event_count} gebeurtenis(sen)" in result
        assert "alleen aan deze partner" in result
        assert bundle.exists()

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, bundle)
        shown = panel(app, "#import-result")
        assert "er is nog niets ingelezen" in shown
        assert "Afzender: Laptop A" in shown
        assert f"{number} (nieuwe casus): {event_count} nieuw, 0 al aanwezig" in shown
        assert app.store.list_cases() == []

        await pilot.press("f2")
        await settle(pilot)
        shown = panel(app, "#import-result")
        assert f"✔ Ingelezen: {event_count} nieuwe gebeurtenis(sen) in 1 casus(sen)." in shown
        cases = app.store.list_cases()
        assert len(cases) == 1
        assert cases[0].victim.name == "Zoë [bold]Fictief[/"

        # The same file again: the preview shows nothing new and the import adds nothing.
        await preview(pilot, bundle)
        assert f"0 nieuw, {event_count} al aanwezig" in panel(app, "#import-result")
        await pilot.press("f2")
        await settle(pilot)
        assert "Ingelezen: 0 nieuwe gebeurtenis(sen)" in panel(app, "#import-result")
        assert len(app.store.list_cases()) == 1
        assert len(app.store.timeline(cases[0].case_id)) == event_count


async def test_export_to_missing_folder_fails(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    with open_store(dir_a) as store:
        store.share_case(store.list_cases()[0].case_id, "Laptop B", BASIS)
    target = tmp_path / "bestaat-niet" / "bundel.age"

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        await export(pilot, target)

        result = panel(app)
        assert "✖ Export mislukt." in result
        assert "bestaat niet" in result
        assert str(target) in result.replace("\n", "")
        assert "Er is geen bundel geschreven." in result
        assert "Bundel geschreven" not in result
        assert "✔" not in result
        assert not target.parent.exists()

        # What was typed is kept for the next try.
        assert screen.export_values["path"] == str(target)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#path", Input).value == str(target)


async def test_export_to_folder_says_it_is_a_folder(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    with open_store(dir_a) as store:
        store.share_case(store.list_cases()[0].case_id, "Laptop B", BASIS)
    target = tmp_path / "een-map"
    target.mkdir()

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await export(pilot, target)

        result = panel(app)
        assert "✖ Export mislukt." in result
        assert "dit is een map" in result
        assert "vervangen" not in result
        assert target.is_dir()
        assert list(target.iterdir()) == []
