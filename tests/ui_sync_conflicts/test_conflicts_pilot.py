"""The conflict of two real stores on the case list, the case screen and the conflicts screen.

The real app (create_app) runs at 80x24 on store B from conftest, which uses cheap
Argon2id parameters only so the tests run fast. The tests drive the screens with keys where
they can, and all names are fictional.
"""

from textual.widgets import DataTable, Static, TextArea

from stalking_tui.domain.levels import ConcernLevel
from stalking_tui.screens.case import CaseScreen
from stalking_tui.screens.case_list import CaseListScreen
from stalking_tui.screens.conflicts import ConflictsScreen
from stalking_tui.screens.conflicts_dialog import ResolveConflictDialog
from stalking_tui.widgets.level_badge import LevelBadge

from .conftest import SIZE, build_conflict, reopen, settle, unlock

REASON = "Fictief: overlegd met de casusregisseur, MIDDEN klopt."


def plain(screen, selector: str) -> str:
    """Return the text a Static shows, as plain characters."""
    return str(screen.query_one(selector, Static).render())


def row_text(table: DataTable, row: int) -> str:
    return " ".join(str(cell) for cell in table.get_row_at(row))


async def open_case(pilot, case_id: str) -> CaseScreen:
    """Select the case in the list with the keyboard and open it."""
    screen = pilot.app.screen
    assert isinstance(screen, CaseListScreen)
    table = screen.query_one("#cases", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(case_id))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen


async def open_resolve_dialog(pilot, case_id: str) -> ResolveConflictDialog:
    await open_case(pilot, case_id)
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConflictsScreen)
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ResolveConflictDialog)
    return dialog


async def choose_side(pilot, dialog: ResolveConflictDialog, value: str) -> str:
    """Press the radio button of the side with `value` by keyboard and return its event id."""
    index = next(i for i, side in enumerate(dialog.conflict.sides) if side.value == value)
    for _step in range(index):
        await pilot.press("down")
    await pilot.press("space")
    await pilot.pause()
    return dialog.conflict.sides[index].event_id


async def type_reason(pilot, dialog: ResolveConflictDialog, text: str) -> None:
    dialog.query_one("#reason", TextArea).focus()
    await pilot.pause()
    for character in text:
        await pilot.press("space" if character == " " else character)


async def test_case_list_marks_conflict(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#cases", DataTable)

        row = row_text(table, table.get_row_index(conflict_case.case_id))

        assert "⚠ 1 conflict" in row
        assert "[bold]" in row  # the victim's name stays literal


async def test_case_screen_shows_conflict(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)

        screen = await open_case(pilot, conflict_case.case_id)

        line = plain(screen, "#conflict")
        assert "⚠ Conflict" in line
        assert "zorgniveau" in line
        assert "MIDDEN" in line
        assert "HOOG" in line
        assert "druk op c" in line
        badge = str(screen.query_one("#badge", LevelBadge).render())
        assert "HOOG" in badge
        assert "conflict: hoogste waarde getoond" in badge


async def test_empty_reason_shows_error(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        dialog = await open_resolve_dialog(pilot, conflict_case.case_id)

        await pilot.press("f2")
        await pilot.pause()
        await choose_side(pilot, dialog, "MIDDEN")
        await type_reason(pilot, dialog, "   ")
        await pilot.press("f2")
        await pilot.pause()

        assert app.screen is dialog
        assert "Vul een reden in" in str(dialog.query_one("#reason-error", Static).render())
        assert not dialog.query_one("#reason-error").has_class("-empty")
        # The side chosen and the spaces typed are still there.
        assert dialog.chosen_event_id() is not None
        assert dialog.query_one("#reason", TextArea).text == "   "

    with reopen(conflict_case.store_dir) as store:
        assert store.get_case(conflict_case.case_id).open_conflicts == 1


async def test_missing_side_shows_error(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        dialog = await open_resolve_dialog(pilot, conflict_case.case_id)
        await type_reason(pilot, dialog, "Fictief")

        await pilot.press("f2")
        await pilot.pause()

        assert app.screen is dialog
        assert "Kies welke waarde geldt" in str(dialog.query_one("#sides-error", Static).render())
        assert dialog.query_one("#reason", TextArea).text == "Fictief"


async def test_resolve_records_choice(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        dialog = await open_resolve_dialog(pilot, conflict_case.case_id)
        chosen = await choose_side(pilot, dialog, "MIDDEN")
        await type_reason(pilot, dialog, REASON)

        await pilot.press("f2")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        detail = plain(screen, "#conflict-detail")
        assert "✓ opgelost" in detail
        assert REASON in detail
        assert "✓ 1. MIDDEN" in detail or "✓ 2. MIDDEN" in detail

        await pilot.press("escape")
        await settle(pilot)
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        # Only the quarantined event of the fixture is left on that line.
        assert "Conflict" not in plain(case_screen, "#conflict")
        assert "quarantaine" in plain(case_screen, "#conflict")
        badge = str(case_screen.query_one("#badge", LevelBadge).render())
        assert "MIDDEN" in badge
        assert "conflict" not in badge

        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        assert "conflict" not in row_text(table, table.get_row_index(conflict_case.case_id))

    with reopen(conflict_case.store_dir) as store:
        [resolution] = [e for e in store.timeline(conflict_case.case_id) if e.kind == "conflict.resolved"]
        assert resolution.payload["chosen_event_id"] == chosen
        assert resolution.payload["reason"] == REASON
        assert store.get_case(conflict_case.case_id).level == ConcernLevel.MIDDEN


async def test_reason_survives_lock(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        dialog = await open_resolve_dialog(pilot, conflict_case.case_id)
        await choose_side(pilot, dialog, "HOOG")
        await type_reason(pilot, dialog, "Fictief")

        await pilot.press("f12")
        await settle(pilot)
        assert app.store is None
        await unlock(pilot)

        assert app.screen is dialog
        assert dialog.query_one("#reason", TextArea).text == "Fictief"
        assert dialog.chosen_event_id() is not None


async def test_quarantine_listed(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        case_screen = await open_case(pilot, conflict_case.case_id)
        assert "1 ontvangen gebeurtenis staat in quarantaine" in plain(case_screen, "#conflict")

        await pilot.press("c")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        listed = plain(screen, "#quarantine")
        assert "note.added" in listed
        assert "ongeldige gegevens" in listed
        assert "Detail: velden: text" in listed
        assert "niet verwerkt" in plain(screen, "#quarantine-explanation")
        [item] = screen.data.quarantined
        assert item.event_id == conflict_case.quarantined_event_id
        assert item.bundle_id in listed


async def test_plan_conflict_text_literal(pair, make_report, tmp_path, make_app):
    conflict_case = build_conflict(pair, make_report, tmp_path, plan_conflict=True)
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        table = app.screen.query_one("#cases", DataTable)
        assert "⚠ 2 conflicten" in row_text(table, table.get_row_index(conflict_case.case_id))

        case_screen = await open_case(pilot, conflict_case.case_id)
        assert "veiligheidsplan" in plain(case_screen, "#conflict")
        await pilot.press("c")
        await settle(pilot)

        screen = app.screen
        plan_row = next(i for i, c in enumerate(screen.data.conflicts) if c.field == "plan.version")
        screen.query_one("#conflicts", DataTable).move_cursor(row=plan_row)
        await pilot.pause()
        detail = plain(screen, "#conflict-detail")
        assert "Fictief [bold]plan A[/" in detail
        assert "Fictief [red]plan B" in detail
        assert "dit apparaat" in detail
        assert "apparaat " + conflict_case.device_b[:8] not in detail


async def test_english_conflict_texts(conflict_case, make_app):
    app = make_app(conflict_case.store_dir, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)

        screen = await open_case(pilot, conflict_case.case_id)

        line = plain(screen, "#conflict")
        # The sides follow HLC order, which two stores writing in the same millisecond may swap.
        assert "concern level MIDDEN or HOOG" in line or "concern level HOOG or MIDDEN" in line
        assert "press c to choose." in line
        assert "conflict: highest value shown" in str(screen.query_one("#badge", LevelBadge).render())


async def test_reason_kept_after_cancel(conflict_case, make_app):
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        dialog = await open_resolve_dialog(pilot, conflict_case.case_id)
        await type_reason(pilot, dialog, "Fictief")

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("enter")
        await settle(pilot)

        reopened = app.screen
        assert isinstance(reopened, ResolveConflictDialog)
        assert reopened is not dialog
        assert reopened.query_one("#reason", TextArea).text == "Fictief"


async def test_timeline_opens_conflicts(conflict_case, make_app):
    with reopen(conflict_case.store_dir) as store:
        [conflict] = store.conflicts(conflict_case.case_id)
        store.resolve_conflict(conflict_case.case_id, conflict.conflict_id, conflict.sides[0].event_id, REASON)
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await open_case(pilot, conflict_case.case_id)
        await pilot.press("t")
        await settle(pilot)

        # The timeline opens on its newest event, the resolution.
        detail = plain(app.screen, "#detail")
        assert "⚖ Conflict opgelost: één van 2 vastgelegde waarden gekozen" in detail
        assert "Reden: " + REASON in detail
        await pilot.press("enter")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        resolved = plain(screen, "#conflict-detail")
        assert "✓ opgelost" in resolved
        assert "✓ 1. " + conflict.sides[0].value in resolved
        assert "Gekozen door Gebruiker B (fictief)" in resolved
        assert REASON in resolved
