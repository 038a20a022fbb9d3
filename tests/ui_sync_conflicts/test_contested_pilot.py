"""A conflict that A and B resolved differently offline, shown and resolved again in the app.

The real app (create_app) runs at 80x24 on store B from conftest, which uses cheap
Argon2id parameters only so the tests run fast. All names and reasons are fictional.
"""

from textual.widgets import DataTable, Static

from stalking_tui.domain.levels import ConcernLevel
from stalking_tui.screens.conflicts import ConflictsScreen
from stalking_tui.screens.conflicts_dialog import ResolveConflictDialog
from stalking_tui.widgets.level_badge import LevelBadge
from sync.test_exchange import exchange, level_conflict, side_id

from .conftest import SIZE, ConflictCase, reopen, settle, unlock
from .test_conflicts_pilot import choose_side, open_case, plain, type_reason

REASON_A = "Fictief: A koos MIDDEN na overleg met de politie."
REASON_B = "Fictief: B koos HOOG, de pleger belde opnieuw."
REASON_AGAIN = "Fictief: samen besproken, HOOG blijft."


def resolve_differently(pair, make_report, tmp_path) -> ConflictCase:
    """Let A choose MIDDEN and B choose HOOG without seeing each other, then exchange both ways.

    The conflict comes from `level_conflict`, not `build_conflict`, because the quarantined
    event there has a high sequence number, and B's acks would then keep A's resolution
    from being exported.
    """
    a, b = pair
    case, conflict = level_conflict(pair, make_report, tmp_path)
    a.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "MIDDEN"), REASON_A)
    b.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "HOOG"), REASON_B)
    exchange(a, b, tmp_path, "a-resolved")
    exchange(b, a, tmp_path, "b-resolved")

    device_b = b.device_id
    b.close()
    return ConflictCase(tmp_path / "B", case.case_id, "", device_b)


async def test_contested_conflict_lists_choices(pair, make_report, tmp_path, make_app):
    conflict_case = resolve_differently(pair, make_report, tmp_path)
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        case_screen = await open_case(pilot, conflict_case.case_id)

        badge = str(case_screen.query_one("#badge", LevelBadge).render())
        assert "HOOG" in badge
        assert "conflict: hoogste waarde getoond" in badge
        await pilot.press("c")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        table = screen.query_one("#conflicts", DataTable)
        assert "⚠ open" in str(table.get_row_at(0)[0])
        detail = plain(screen, "#conflict-detail")
        assert "⚠ Twee tegenstrijdige keuzes: kies opnieuw." in detail
        assert "• MIDDEN — gekozen door Gebruiker A (fictief)" in detail
        assert "• HOOG — gekozen door Gebruiker B (fictief), dit apparaat" in detail
        assert REASON_A in detail
        assert REASON_B in detail
        assert "Enter: kies welke waarde geldt" in detail


async def test_contested_conflict_resolved_again(pair, make_report, tmp_path, make_app):
    conflict_case = resolve_differently(pair, make_report, tmp_path)
    app = make_app(conflict_case.store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await open_case(pilot, conflict_case.case_id)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        dialog = app.screen
        assert isinstance(dialog, ResolveConflictDialog)
        assert "zonder dat de een de keuze van de ander zag" in str(dialog.query_one("#introduction", Static).render())
        chosen = await choose_side(pilot, dialog, "HOOG")
        await type_reason(pilot, dialog, REASON_AGAIN)
        await pilot.press("f2")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        detail = plain(screen, "#conflict-detail")
        assert "✓ opgelost" in detail
        assert "tegenstrijdige" not in detail
        assert REASON_AGAIN in detail
        assert REASON_A not in detail

    with reopen(conflict_case.store_dir) as store:
        state = store.get_case(conflict_case.case_id)
        assert state.open_conflicts == 0
        assert state.level == ConcernLevel.HOOG
        resolutions = [e for e in store.timeline(conflict_case.case_id) if e.kind == "conflict.resolved"]
        latest = resolutions[-1]
        assert latest.payload["chosen_event_id"] == chosen
        assert sorted(latest.payload["replaces"]) == sorted(e.id for e in resolutions[:-1])
