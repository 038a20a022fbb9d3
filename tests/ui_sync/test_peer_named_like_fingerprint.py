"""A peer whose name is the start of another peer's fingerprint, on the Uitwisselen screen at 80x24.

The dialogs hand the store fingerprints, so this peer stays selectable although its name
alone matches two peers. Real SQLCipher stores in tmp_path with cheap Argon2id (see conftest).
"""

from textual.widgets import DataTable, Input, Select

from stalking_tui.screens.exchange_dialogs import ExportDialog, ShareDialog

from .conftest import BASIS, SIZE, create_store, enrol, make_app, open_store, settle
from .test_exchange_flow import open_exchange, panel


def fingerprint_of(directory) -> str:
    with open_store(directory) as store:
        return store.own_identity().fingerprint


async def test_share_export_remove_prefix_named_peer(stores, tmp_path):
    dir_a, dir_b, _number = stores
    create_store(tmp_path / "C", "C").close()
    prefix = fingerprint_of(dir_b)[:4]
    c_fingerprint = fingerprint_of(tmp_path / "C")
    enrol(dir_a, dir_b, "Laptop B")
    enrol(dir_a, tmp_path / "C", prefix)
    bundle = tmp_path / "naar-c.age"

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)

        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ShareDialog)
        dialog.query_one("#case", Select).value = dialog.cases[0].case_id
        dialog.query_one("#peer", Select).value = prefix
        dialog.query_one("#basis", Input).value = BASIS
        await pilot.press("f2")
        await settle(pilot)
        assert [share.peer_fingerprint for share in app.store.shares()] == [c_fingerprint]

        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#peer", Select).value = prefix
        await pilot.pause()
        dialog.query_one("#path", Input).value = str(bundle)
        await pilot.press("f2")
        await settle(pilot)
        assert bundle.exists()
        assert f"Voor partner {prefix} ({c_fingerprint})" in panel(app)

        table = screen.query_one("#peers", DataTable)
        table.move_cursor(row=table.get_row_index(prefix))
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#choice-remove")
        await settle(pilot)
        assert [peer.name for peer in app.store.peers()] == ["Laptop B"]
