"""Pilot test: a closed case leaves the case list and returns when its waakvlam check is due.

Real encrypted store with cheap Argon2id parameters (KdfParams.TESTING), only for speed.
"""

from datetime import datetime, time, timedelta

from textual.widgets import DataTable

from stalking_tui.domain.dates import TZ
from stalking_tui.screens.case_list import CaseListScreen

from .app_helpers import SIZE, FollowUpApp, fictional_report, screening, settle


def victims(app) -> list[str]:
    table = app.screen.query_one("#cases", DataTable)
    return [table.get_row_at(index)[1].plain for index in range(table.row_count)]


async def run_list(store, moment: datetime) -> tuple[list[str], list[str]]:
    app = FollowUpApp(store, CaseListScreen(clock=lambda: moment))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", DataTable)
        signal_cells = [table.get_row_at(index)[5].plain for index in range(table.row_count)]
        return victims(app), signal_cells


async def test_closed_case_returns_when_check_due(make_store):
    store = make_store()
    open_case = store.report_case(fictional_report("Open Casus"))
    closed = store.report_case(fictional_report("Gesloten Casus"))
    for case in (open_case, closed):
        store.record(case.case_id, "screening.completed", screening("LAAG"))
    state = store.record(closed.case_id, "case.closed", {"reason": "Rustig (fictief)", "waakvlam_months": [3]})
    due = state.waakvlam[0].due

    before, _signal_cells = await run_list(store, datetime.combine(due - timedelta(days=1), time(12), tzinfo=TZ))
    assert "Gesloten Casus" not in before
    assert "Open Casus" in before

    on_due, signal_cells = await run_list(store, datetime.combine(due, time(12), tzinfo=TZ))
    assert "Gesloten Casus" in on_due
    assert signal_cells[on_due.index("Gesloten Casus")].startswith("• ")
