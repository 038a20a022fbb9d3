"""Pilot tests of the werkvoorraad (case list) at 80x24 against a real encrypted store."""

from datetime import timedelta

from textual.widgets import DataTable, Input, Static

from stalking_tui.domain import dates
from stalking_tui.screens.case import CaseScreen
from stalking_tui.screens.case_list import CaseListScreen
from stalking_tui.screens.intake import IntakeScreen
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.domain.routing import visible_steps

from .conftest import SIZE, CaseApp, report_payload, settle


def screened(store, case_id: str, level: str) -> None:
    store.record(case_id, "screening.completed", {
        "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "0" * 64,
        "practice": True, "answers": {}, "level": level, "rationale": "Fictieve onderbouwing.",
        "assessor": "Test Gebruiker", "assessor_role": "medewerker", "assessor_organisation": "POL",
    })


def close_entry_steps(store, case_id: str) -> None:
    """Close the steps due on the first day, so the case is not overdue two days later."""
    store.record(case_id, "step.marked", {"step_id": "vt_informeren", "status": "gedaan"})
    store.record(case_id, "step.marked", {"step_id": "cit_raadplegen", "status": "nvt", "reason": "Geen CIT in de regio."})


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#cases", DataTable)
    return [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_list_sorts_most_urgent_first(store):
    laag = store.report_case(report_payload("Lies Laag"))
    screened(store, laag.case_id, "LAAG")
    close_entry_steps(store, laag.case_id)
    melding = store.report_case(report_payload("Mo Melding"))
    close_entry_steps(store, melding.case_id)
    midden = store.report_case(report_payload("Mia Midden"))
    screened(store, midden.case_id, "MIDDEN")
    close_entry_steps(store, midden.case_id)
    hoog = store.report_case(report_payload("Hans Hoog"))
    screened(store, hoog.case_id, "HOOG")
    close_entry_steps(store, hoog.case_id)
    store.report_case(report_payload("Tim Telaat"))
    store.report_case(report_payload("Ada Acuut", acutely_unsafe=True))

    # Two days on, the open "Veilig Thuis informeren" step (due after one day) is overdue.
    later = dates.now() + timedelta(days=2)
    app = CaseApp(store, CaseListScreen(clock=lambda: later))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = table_rows(app)

    victims = [row[1] for row in rows]
    assert victims == ["Ada Acuut", "Tim Telaat", "Hans Hoog", "Mia Midden", "Mo Melding", "Lies Laag"]
    assert rows[0][2] == "‼ ACUUT"
    assert rows[1][4].startswith("! te laat")
    assert rows[2][2] == "█ HOOG"
    assert rows[4][2] == "? niet gescreend"
    assert rows[4][3] == "MELDING"
    assert app.errors == []


async def test_search_folds_accents(store):
    store.report_case(report_payload("Zoë Fictief"))
    store.report_case(report_payload("Bram Verzonnen"))

    app = CaseApp(store, CaseListScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(table_rows(app)) == 2

        await pilot.press("slash", "z", "o", "e", "enter")
        await settle(pilot)
        rows = table_rows(app)
        assert [row[1] for row in rows] == ["Zoë Fictief"]

        app.screen.query_one("#search", Input).value = "niemand"
        await pilot.press("slash", "enter")
        await settle(pilot)
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert "Geen casus gevonden" in str(empty.render())
    assert app.errors == []


async def test_markup_in_name_stays_literal(store):
    name = "[bold]Zoë[/"
    case = store.report_case(report_payload(name))

    app = CaseApp(store, CaseListScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_rows(app)[0][1] == name

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case_id == case.case_id
        summary = str(app.screen.query_one("#summary", Static).render())
        assert name in summary
    assert app.errors == []


async def test_empty_list_explains_next_step(store):
    app = CaseApp(store, CaseListScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert "Druk op n" in str(empty.render())

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)


async def test_list_refreshes_after_return(store):
    app = CaseApp(store, CaseListScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_rows(app) == []

        await pilot.press("n")
        await settle(pilot)
        store.report_case(report_payload("Nieuw Fictief"))
        app.pop_screen()
        await settle(pilot)
        assert [row[1] for row in table_rows(app)] == ["Nieuw Fictief"]


async def test_list_footer_fits_and_shows_f1(store):
    from textual.widgets._footer import FooterKey

    app = CaseApp(store, CaseListScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert "Toetsen" in [key.description for key in keys]
        # The command palette key sits docked on the right, so keys must end before it.
        palette = [key.region.x for key in keys if key.has_class("-command-palette")]
        limit = min(palette, default=SIZE[0])
        overflow = [key.description for key in keys if not key.has_class("-command-palette") and key.region.right > limit]
        assert overflow == []


async def test_review_date_shown_when_first(store):
    case = store.report_case(report_payload("Noor Fictief"))
    screened(store, case.case_id, "LAAG")
    for view in visible_steps(store.get_case(case.case_id), national_route_map()):
        store.record(case.case_id, "step.marked", {"step_id": view.step.id, "status": "nvt", "reason": "Fictief."})
    review = dates.today() + timedelta(weeks=4)
    store.record(case.case_id, "plan.saved", {"version": 1, "worry": "Fictieve zorg.", "review_date": review.isoformat()})

    app = CaseApp(store, CaseListScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = table_rows(app)[0]

        assert row[4].startswith(review.strftime("%d-%m") + " Plan")
