"""Pilot tests of the timeline and the incident and note dialogs at 80x24, real encrypted store."""

from datetime import UTC, datetime, timedelta

from textual.widgets import Checkbox, DataTable, Input, RadioSet, Select, Static, TextArea

from stalking_tui.domain import dates
from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.screens.incident import IncidentDialog, NoteDialog
from stalking_tui.screens.timeline import TimelineScreen

from .conftest import SIZE, FlowApp, settle, type_text


def screening_payload(level: str) -> dict:
    return {
        "instrument_id": "oefenlijst-stalking", "instrument_version": "1.0", "instrument_checksum": "0" * 64,
        "practice": True, "answers": {"angst": {"answer": "aanwezig", "note": ""}},
        "level": level, "rationale": "Fictieve onderbouwing", "assessor": "Test Gebruiker",
        "assessor_role": "medewerker", "assessor_organisation": "VT",
    }


def incident_payload(kind: str = "contact", reporter: str = "victim", days_ago: int = 1) -> dict:
    occurred = datetime.now(UTC) - timedelta(days=days_ago)
    return {"occurred_at": occurred.isoformat(), "kind": kind, "reporter": reporter, "description": "Belde 23 keer"}


async def start(pilot) -> TimelineScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


async def test_timeline_lists_events_in_order(store, make_case):
    case = make_case()
    store.record(case.case_id, "screening.completed", screening_payload("MIDDEN"))
    store.record(case.case_id, "incident.recorded", incident_payload())
    store.record(case.case_id, "note.added", {"text": "Gebeld met Veilig Thuis"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)

        visible = screen.shown_events()
        expected = store.timeline(case.case_id)
        assert [event.id for event in visible] == [event.id for event in expected]
        assert [event.hlc for event in visible] == sorted(event.hlc for event in visible)
        assert visible[0].kind == "case.reported"
        assert screen.query_one("#events", DataTable).row_count == len(expected)

        table = screen.query_one("#events", DataTable)
        descriptions = [str(table.get_row_at(index)[2]) for index in range(table.row_count)]
        assert any("zorgniveau ▄ MIDDEN" in text for text in descriptions)
        assert any(text.startswith("Notitie · Gebeld met Veilig Thuis") for text in descriptions)
        assert str(table.get_row_at(0)[0]) == dates.format_datetime(expected[0].recorded_at)


async def test_incident_filter_shows_only_incidents(store, make_case):
    case = make_case(relation="kennis")
    for days_ago in (40, 20, 5):
        store.record(case.case_id, "incident.recorded", incident_payload(days_ago=days_ago))
    store.record(case.case_id, "note.added", {"text": "Geen incident"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        screen.query_one("#kind-filter", Select).value = "incidents"
        await settle(pilot)

        visible = screen.shown_events()
        assert len(visible) == 3
        assert {event.kind for event in visible} == {"incident.recorded"}
        assert screen.query_one("#events", DataTable).row_count == 3


async def test_search_filters_on_text(store, make_case):
    case = make_case()
    store.record(case.case_id, "note.added", {"text": "Overleg met de wijkagent"})
    store.record(case.case_id, "note.added", {"text": "Brief verstuurd"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("slash")
        await type_text(pilot, "WIJKAGENT")
        await settle(pilot)

        assert [event.payload.get("text") for event in screen.shown_events()] == ["Overleg met de wijkagent"]


async def test_perpetrator_weapon_report_keeps_level(store, make_case):
    case = make_case()
    store.record(case.case_id, "screening.completed", screening_payload("MIDDEN"))
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, IncidentDialog)

        dialog.query_one("#kind", Select).focus()
        await pilot.press("enter", *["down"] * 4, "enter")  # bedreiging
        dialog.query_one("#reporter", RadioSet).focus()
        await pilot.press("down", "enter")  # pleger (tegenaangifte)
        dialog.query_one("#description", TextArea).focus()
        await type_text(pilot, "Tegenaangifte: zegt dat zij dreigde, noemt een pistool")
        dialog.query_one("#weapon", Checkbox).focus()
        await pilot.press("space")
        await settle(pilot)
        hint = str(dialog.query_one("#counter-report-hint", Static).render())
        assert "verlaagt het zorgniveau nooit" in hint

        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is screen
        state = store.get_case(case.case_id)
        assert state.level == ConcernLevel.MIDDEN
        assert state.track == Track.MIDDEN
        assert state.weapon_mentioned_at is not None
        incident = store.timeline(case.case_id)[-1].parsed()
        assert incident.kind == "threat"
        assert incident.reporter == "perpetrator"
        assert incident.weapon is True

        last_row = screen.query_one("#events", DataTable).get_row_at(len(screen.shown_events()) - 1)
        assert "pleger (tegenaangifte)" in str(last_row[2])
        assert "wapen genoemd" in str(last_row[2])


async def test_incident_dialog_rejects_future_and_empty(store, make_case):
    case = make_case()
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("i")
        await settle(pilot)
        dialog = app.screen
        future = dates.format_datetime(dates.now() + timedelta(days=2))
        dialog.query_one("#occurred_at", Input).value = future

        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is dialog
        assert "toekomst" in str(dialog.query_one("#occurred_at-error", Static).render())
        assert "soort" in str(dialog.query_one("#kind-error", Static).render())
        assert "wie" in str(dialog.query_one("#reporter-error", Static).render())
        assert "Beschrijf" in str(dialog.query_one("#description-error", Static).render())
        assert dialog.query_one("#occurred_at", Input).value == future
        assert store.get_case(case.case_id).incident_count == 0


async def test_note_dialog_records_note(store, make_case):
    case = make_case()
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "Slachtoffer teruggebeld")
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is screen
        assert screen.shown_events()[-1].payload == {"text": "Slachtoffer teruggebeld"}


async def test_bracketed_names_render_literally(store, make_case):
    name = "[bold]Zoë[/ (fictief)"
    case = make_case(victim=name)
    store.record(case.case_id, "note.added", {"text": "[red]let op[/red] [link=x]"})
    app = FlowApp(store, TimelineScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)

        assert name in str(screen.query_one("#case-title", Static).render())
        table = screen.query_one("#events", DataTable)
        assert "[red]let op[/red] [link=x]" in str(table.get_row_at(1)[2])
        table.move_cursor(row=1)
        await settle(pilot)
        assert "[red]let op[/red] [link=x]" in str(screen.query_one("#detail", Static).render())
        assert app.errors == []
