"""The Uitwisselen screen at 80x24: opening it, peer codes, removing, sharing, lock and overwrite.

Real SQLCipher stores in tmp_path with cheap Argon2id (see conftest). Names are fictional.
"""

from textual import events
from textual.widgets import DataTable, Input, Select, Static

from stalking_tui.screens.case_list import CaseListScreen
from stalking_tui.screens.exchange import ExchangeScreen
from stalking_tui.screens.exchange_dialogs import AddPeerDialog, ShareDialog
from stalking_tui.screens.exchange_import import ImportScreen
from stalking_tui.screens.lock import LockScreen
from stalking_tui.widgets.choice_dialog import ChoiceDialog
from stalking_tui.widgets.key_help import KeyHelpDialog

from .conftest import (
    BASIS, SIZE, VICTIM, create_store, enrol, identity_text, make_app, open_store, screen_text, settle, unlock,
)
from .test_exchange_flow import add_peer, export, open_exchange, open_import, panel


def error_text(dialog, field: str) -> str:
    return str(dialog.query_one(f"#{field}-error").render())


async def test_u_ignored_while_searching(stores, tmp_path):
    dir_a, _dir_b, _number = stores

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.screen.query_one("#search", Input).focus()
        await pilot.press("u")
        await settle(pilot)

        assert isinstance(app.screen, CaseListScreen)
        assert app.screen.query_one("#search", Input).value == "u"


async def test_case_list_help_names_exchange(stores, tmp_path):
    dir_a, _dir_b, _number = stores

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("f1")
        await settle(pilot)

        assert isinstance(app.screen, KeyHelpDialog)
        assert ("u", "Uitwisselen") in app.screen.lines


async def test_footer_fits_at_80_columns(stores, tmp_path):
    from textual.widgets._footer import FooterKey

    dir_a, _dir_b, _number = stores
    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        keys = list(app.screen.query(FooterKey))
        palette = [key.region.x for key in keys if key.has_class("-command-palette")]
        limit = min(palette, default=SIZE[0])
        overflow = [key.description for key in keys if not key.has_class("-command-palette") and key.region.right > limit]

        assert overflow == []
        assert "Terug" in [key.description for key in keys]


async def test_own_code_and_fingerprint_shown(stores, tmp_path):
    dir_a, _dir_b, _number = stores
    with open_store(dir_a) as store:
        own = store.own_identity()

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        shown = str(screen.query_one("#own-identity", Static).render())

        assert own.fingerprint in shown
        assert own.to_text() in shown.replace("\n", "")


async def test_invalid_code_kept_with_error(stores, tmp_path):
    dir_a, _dir_b, _number = stores

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await add_peer(pilot, "stalking-tui-peer:1:kapot", "Laptop B")

        dialog = app.screen
        assert isinstance(dialog, AddPeerDialog)
        assert "Deze partnercode is ongeldig" in error_text(dialog, "identity")
        assert dialog.query_one("#identity", Input).value == "stalking-tui-peer:1:kapot"
        assert dialog.query_one("#name", Input).value == "Laptop B"
        assert app.store.peers() == []


async def test_own_code_rejected(stores, tmp_path):
    dir_a, _dir_b, _number = stores
    own_code = identity_text(dir_a)

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await add_peer(pilot, own_code, "Ikzelf")

        assert "van dit apparaat zelf" in error_text(app.screen, "identity")
        assert app.store.peers() == []


async def test_duplicate_peer_and_name_rejected(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await add_peer(pilot, identity_text(dir_b), "Laptop B")

        dialog = app.screen
        assert isinstance(dialog, AddPeerDialog)
        assert "al toegevoegd als 'Laptop B'" in error_text(dialog, "identity")
        assert "Er is al een partner met de naam 'Laptop B'" in error_text(dialog, "name")
        assert len(app.store.peers()) == 1


async def test_fingerprint_shown_while_adding(stores, tmp_path):
    dir_a, dir_b, _number = stores
    with open_store(dir_b) as store:
        other = store.own_identity()

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#identity", Input).focus()
        await pilot.pause()
        app.post_message(events.Paste(other.to_text()))
        await pilot.pause()

        assert other.fingerprint in str(app.screen.query_one("#peer-fingerprint", Static).render())


async def test_markup_name_shown_as_typed(stores, tmp_path):
    dir_a, dir_b, _number = stores
    name = "[bold]Laptop[/ B"

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        await add_peer(pilot, identity_text(dir_b), name)

        table = screen.query_one("#peers", DataTable)
        assert table.get_row_at(0)[0].plain == name
        assert f"Partner toegevoegd: {name}" in panel(app)

        # The share dialog shows the victim "Zoë [bold]Fictief[/" as typed.
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ShareDialog)
        dialog.query_one("#case", Select).value = dialog.cases[0].case_id
        dialog.query_one("#peer", Select).value = name
        await pilot.pause()
        shown = screen_text(app)
        assert VICTIM in shown
        assert name in shown


async def test_remove_asks_first(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)

        # Enter on the first button keeps the peer.
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.store.peers()) == 1

        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#choice-remove")
        await settle(pilot)
        assert app.store.peers() == []
        assert screen.query_one("#peers", DataTable).row_count == 0
        assert "Partner verwijderd: Laptop B" in panel(app)


async def test_share_needs_basis(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#case", Select).value = dialog.cases[0].case_id
        dialog.query_one("#peer", Select).value = "Laptop B"
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is dialog
        assert "Vul de grondslag in" in error_text(dialog, "basis")
        assert app.store.shares() == []

        # Typing in the field clears its message; F2 checks again.
        dialog.query_one("#basis", Input).focus()
        await pilot.press("x")
        await settle(pilot)
        assert error_text(dialog, "basis") == ""


async def test_lock_keeps_typed_basis_and_path(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#basis", Input).value = BASIS

        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert app.store is None
        await unlock(pilot)

        assert app.screen is dialog
        assert dialog.query_one("#basis", Input).value == BASIS
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("i")
        await settle(pilot)
        import_screen = app.screen
        assert isinstance(import_screen, ImportScreen)
        import_screen.query_one("#path", Input).value = "~/bundel-half-getypt"
        await pilot.press("f12")
        await settle(pilot)
        await unlock(pilot)
        assert app.screen is import_screen
        assert import_screen.query_one("#path", Input).value == "~/bundel-half-getypt"


async def test_existing_file_not_replaced_unasked(stores, tmp_path):
    dir_a, dir_b, _number = stores
    enrol(dir_a, dir_b, "Laptop B")
    target = tmp_path / "bestaand.age"
    target.write_bytes(b"eerdere inhoud")

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await export(pilot, target)
        assert isinstance(app.screen, ChoiceDialog)

        await pilot.press("enter")
        await settle(pilot)
        assert target.read_bytes() == b"eerdere inhoud"
        assert "Niet geëxporteerd" in panel(app)

        await pilot.press("e")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.click("#choice-replace")
        await settle(pilot)
        assert target.read_bytes() != b"eerdere inhoud"
        assert "✔ Bundel geschreven" in panel(app)
        assert "Geen nieuwe gebeurtenissen" in panel(app)


async def test_no_peer_explains_next_step(stores, tmp_path):
    dir_a, _dir_b, _number = stores

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        for key in ("e", "d", "x"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen
            assert "Voeg er eerst een toe met a." in panel(app)
        assert isinstance(screen, ExchangeScreen)


async def test_failed_read_shown_not_repeated(stores, tmp_path):
    dir_a, _dir_b, _number = stores

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exchange(pilot)
        # The store closes under the screen, so every read from now on fails.
        app.store.close()
        await pilot.press("f5")
        await settle(pilot)

        assert app.screen is screen
        assert screen.load_failed
        assert "F5 probeert het opnieuw." in panel(app)

        # Returning from the import screen does not read again, so no error repeats.
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert "F5 probeert het opnieuw." in panel(app)


async def test_demo_peer_code_rejected_in_real_store(stores, tmp_path):
    dir_a, _dir_b, _number = stores
    demo_dir = tmp_path / "demo"
    with create_store(demo_dir, "demo") as demo:
        demo.mark_demo_store()
        demo_code = demo.own_peer_code()

    app = make_app(dir_a, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_exchange(pilot)
        await add_peer(pilot, demo_code, "Demo")
        await settle(pilot)

        dialog = app.screen
        assert isinstance(dialog, AddPeerDialog)
        assert "partnercode van een demo-opslag" in error_text(dialog, "identity")
        assert dialog.query_one("#identity", Input).value == demo_code
        assert app.store.peers() == []
