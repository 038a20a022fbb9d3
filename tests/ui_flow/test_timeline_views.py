"""Pilot tests of the timeline's organisation and party filters, Enter to open the related
screen, and the incidents-per-week chart, at 80x24 against a real encrypted store (cheap
Argon2id parameters, see conftest). All names are fictional."""

from textual.widgets import DataTable, Select, Static

from stalking_tui.screens.case import CaseScreen
from stalking_tui.screens.plan import PlanScreen
from stalking_tui.screens.timeline import TimelineScreen
from stalking_tui.widgets.timeline_chart import TimelineChart

from .conftest import SIZE, FlowApp, settle
from .test_timeline import incident_payload, screening_payload, start


async def select_row(pilot, screen: TimelineScreen, kind: str) -> None:
    table = screen.query_one("#events", DataTable)
    row = next(index for index, event in enumerate(screen.shown_events()) if event.kind == kind)
    table.focus()
    table.move_cursor(row=row)
    await pilot.press("enter")
    await settle(pilot)


async def test_party_filter_uses_reporter_and_names(store, make_case):
    case = make_case()
    store.record(case.case_id, "incident.recorded", incident_payload(reporter="perpetrator"))
    store.record(case.case_id, "incident.recorded", incident_payload(reporter="third_party"))
    store.record(case.case_id, "note.added", {"text": "Ruud Hoekstra (fictief) belde terug"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.query_one("#party-filter", Select).value = "perpetrator"
        await settle(pilot)
        shown = screen.shown_events()
        # The report names the perpetrator, the counter-report comes from him, the note names him.
        assert [event.kind for event in shown] == ["case.reported", "incident.recorded", "note.added"]

        screen.query_one("#party-filter", Select).value = "third_party"
        await settle(pilot)
        assert [event.payload.get("reporter") for event in screen.shown_events()] == ["third_party"]


async def test_organisation_filter_lists_actors(store, make_case):
    case = make_case()
    store.record(case.case_id, "note.added", {"text": "Gebeld"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        org_filter = screen.query_one("#org-filter", Select)
        org_filter.value = "VT"
        await settle(pilot)
        assert len(screen.shown_events()) == 2

        org_filter.value = "all"
        await settle(pilot)
        assert len(screen.shown_events()) == 2
        assert screen.query_one("#events", DataTable).row_count == 2


async def test_enter_on_plan_opens_plan(store, make_case):
    case = make_case()
    store.record(case.case_id, "plan.saved", {"version": 1, "worry": "Berichten (fictief)"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await select_row(pilot, screen, "plan.saved")
        assert isinstance(app.screen, PlanScreen)
        assert app.errors == []


async def test_enter_on_screening_returns_to_case(store, make_case):
    case = make_case()
    store.record(case.case_id, "screening.completed", screening_payload("LAAG"))
    app = FlowApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        case_screen = app.screen
        timeline = TimelineScreen(case.case_id)
        await app.push_screen(timeline)
        await settle(pilot)

        await select_row(pilot, timeline, "screening.completed")
        assert app.screen is case_screen
        assert app.errors == []


async def test_enter_on_incident_stays(store, make_case):
    case = make_case()
    store.record(case.case_id, "incident.recorded", incident_payload())
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await select_row(pilot, screen, "incident.recorded")
        assert app.screen is screen


async def test_chart_shows_weekly_pattern(store, make_case):
    case = make_case()
    for days_ago in (15, 2, 1, 0):
        store.record(case.case_id, "incident.recorded", incident_payload(days_ago=days_ago))
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        chart = screen.query_one("#chart", TimelineChart)
        lines = str(chart.render()).splitlines()
        assert lines[0].startswith("Incidenten per week")
        assert lines[1].split()[0].isdigit()
        assert lines[3].startswith("zorg  ?")
        assert "4 incident(en)" in lines[-1]
        assert all(len(line) <= SIZE[0] for line in lines)

        await pilot.press("g")
        assert not chart.display
        await pilot.press("g")
        assert chart.display


async def test_timeline_loads_in_worker(store, make_case):
    case = make_case()
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        # Before the worker is done, the screen shows it is loading instead of blocking.
        if not screen._loaded:
            assert "laden" in str(screen.query_one("#empty", Static).render())
        await settle(pilot)
        assert screen._loaded
        assert len(screen.shown_events()) == 1
        assert not screen.query_one("#empty", Static).display

