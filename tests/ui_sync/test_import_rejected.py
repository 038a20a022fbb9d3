"""Rejected and failed imports through the real app at 80x24: a Dutch reason, nothing written.

Real SQLCipher stores in tmp_path with cheap Argon2id (see conftest).
"""

from textual.widgets import Button, Input, Static

from .conftest import (
    SIZE, bundle_with_event_kind, create_store, enrol, make_app, open_store, settle, share_and_export, unlock,
)
from .test_exchange_flow import open_import, panel, preview


def store_contents(directory) -> tuple:
    """Return what an import could change: cases, quarantine and peers."""
    with open_store(directory) as store:
        return store.list_cases(), store.quarantine(), [peer.name for peer in store.peers()]


def apply_button(app) -> Button:
    return app.screen.query_one("#apply", Button)


async def test_truncated_bundle_rejected(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    enrol(dir_b, dir_a, "Laptop A")
    bundle = tmp_path / "afgebroken.age"
    share_and_export(dir_a, "Laptop B", bundle)
    data = bundle.read_bytes()
    bundle.write_bytes(data[: len(data) // 2])
    before = store_contents(dir_b)

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, bundle)

        shown = panel(app, "#import-result")
        assert "✖" in shown
        assert "onvolledig of beschadigd" in shown
        assert "Er is niets ingelezen." in shown
        assert "✔" not in shown
        assert apply_button(app).disabled

        # F2 has no preview to import, so the panel tells what to do first.
        await pilot.press("f2")
        await settle(pilot)
        shown = panel(app, "#import-result")
        assert "Ingelezen" not in shown
        assert "Druk eerst op Enter voor het voorbeeld" in shown
    assert store_contents(dir_b) == before


async def test_unknown_sender_rejected(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    bundle = tmp_path / "onbekend.age"
    share_and_export(dir_a, "Laptop B", bundle)
    before = store_contents(dir_b)

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, bundle)

        shown = panel(app, "#import-result")
        assert "niet als partner is toegevoegd" in shown
        assert "Er is niets ingelezen." in shown
        assert apply_button(app).disabled
    assert store_contents(dir_b) == before


async def test_missing_file_shown_beside_path(stores, tmp_path):
    _dir_a, dir_b, _number = stores
    missing = tmp_path / "bestaat-niet.age"

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, missing)

        error = str(app.screen.query_one("#path-error", Static).render())
        assert "bestaat niet" in error
        assert str(missing) in error
        assert "Er is niets ingelezen." in panel(app, "#import-result")
        assert app.screen.query_one("#path", Input).value == str(missing)

        # Editing the path clears the message about the old one.
        app.screen.query_one("#path", Input).focus()
        await pilot.press("end", "backspace")
        await settle(pilot)
        assert str(app.screen.query_one("#path-error", Static).render()) == ""


async def test_empty_path_asks_for_one(stores, tmp_path):
    _dir_a, dir_b, _number = stores

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, "")

        assert "Vul het pad naar de bundel in" in str(app.screen.query_one("#path-error", Static).render())
        assert apply_button(app).disabled


async def test_edited_path_drops_preview(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    enrol(dir_b, dir_a, "Laptop A")
    bundle = tmp_path / "bundel.age"
    share_and_export(dir_a, "Laptop B", bundle)

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, bundle)
        assert not apply_button(app).disabled

        screen.query_one("#path", Input).value = str(tmp_path / "ander.age")
        await pilot.pause()
        assert apply_button(app).disabled
        assert "Het pad is gewijzigd" in panel(app, "#import-result")

        await pilot.press("f2")
        await settle(pilot)
        assert app.store.list_cases() == []


async def test_quarantine_listed_with_reason(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    enrol(dir_b, dir_a, "Laptop A")
    with open_store(dir_a) as store:
        case_id = store.list_cases()[0].case_id
        store.record(case_id, "note.added", {"text": "Fictieve notitie."})
        store.share_case(case_id, "Laptop B", "Fictieve grondslag")
    bundle = tmp_path / "toekomst.age"
    bundle_with_event_kind(dir_a, dir_b, "Laptop B", "toekomst.soort", bundle)

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, bundle)
        assert "1 nieuw, 0 al aanwezig, 1 in quarantaine" in panel(app, "#import-result")

        await pilot.press("f2")
        await settle(pilot)
        assert "q op het scherm Uitwisselen" in panel(app, "#import-result")
        local_number = app.store.list_cases()[0].number

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        table = app.screen.query_one("#rows")
        assert table.row_count == 1
        cells = [cell.plain for cell in table.get_row_at(0)]
        assert cells[0] == local_number
        assert cells[1] == "toekomst.soort"
        assert cells[2].startswith("⚠ onbekend soort")
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Reden: onbekend soort gebeurtenis (nieuwere app?)" in detail


async def test_real_bundle_into_demo_store_rejected(tmp_path, stores):
    dir_a, _dir_b, _number = stores
    demo_dir = tmp_path / "demo"
    create_store(demo_dir, "demo").close()
    # Enrolled before the demo mark, because a real store rejects a demo store's peer code.
    enrol(dir_a, demo_dir, "Demo")
    enrol(demo_dir, dir_a, "Laptop A")
    with open_store(demo_dir) as demo:
        demo.mark_demo_store()
    bundle = tmp_path / "echt.age"
    share_and_export(dir_a, "Demo", bundle)

    app = make_app(demo_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        # The demo banner belongs to every case screen of a demo session.
        app.demo = True
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await preview(pilot, bundle)

        assert app.screen.query("#demo-banner")
        shown = panel(app, "#import-result")
        assert "deze opslag is een demo-opslag" in shown
        assert "Er is niets ingelezen." in shown
        assert app.store.list_cases() == []


async def test_closed_store_import_reports_failure(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    enrol(dir_b, dir_a, "Laptop A")
    bundle = tmp_path / "bundel.age"
    share_and_export(dir_a, "Laptop B", bundle)

    app = make_app(dir_b, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_import(pilot)
        await preview(pilot, bundle)
        # The store closes between preview and import, so the import itself fails.
        app.store.close()
        await pilot.press("f2")
        await settle(pilot)

        shown = panel(app, "#import-result")
        assert shown.startswith("✖")
        assert "Er is niets ingelezen." in shown
        assert "Ingelezen:" not in shown
    assert store_contents(dir_b)[0] == []
