"""Pilot tests of the follow-up and roles screens at 80x24 against a real encrypted store.

The store uses cheap Argon2id parameters (KdfParams.TESTING) only so the tests run fast.
"""

from datetime import date

from textual.widgets import DataTable, Input, Label, OptionList, TextArea

from stalking_tui.screens.followup import FollowUpScreen
from stalking_tui.screens.roles import PartnerPickDialog, RolesScreen
from stalking_tui.widgets.measure_dialog import MeasureDialog
from stalking_tui.widgets.signals_panel import AcknowledgeDialog, SignalTable
from stalking_tui.widgets.transition_dialog import CloseDialog

from .app_helpers import SIZE, FollowUpApp, fictional_report, screening, settle


def signal_texts(app) -> list[str]:
    table = app.screen.query_one(SignalTable)
    return [table.get_row_at(index)[0].plain for index in range(table.row_count)]


async def test_acting_on_breach_records_who_and_what(make_store):
    store = make_store()
    case = store.report_case(fictional_report())
    store.record(case.case_id, "screening.completed", screening("MIDDEN"))
    store.record(case.case_id, "measure.recorded", {
        "measure_id": "m1", "kind": "gedragsaanwijzing", "start": date.today().isoformat(),
        "monitor": "Wijkagent [red]X[/", "breach_handling": "Melden bij de zaakofficier",
    })
    store.record(case.case_id, "measure.breached", {"measure_id": "m1", "occurred_at": "2026-12-01T20:00:00+01:00", "description": "Fictief"})

    app = FollowUpApp(store, FollowUpScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        texts = signal_texts(app)
        assert texts[0].startswith("‼ Maatregel Gedragsaanwijzing overtreden")
        assert "Wijkagent [red]X[/" in texts[0]

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AcknowledgeDialog)
        await pilot.press("f2")
        assert not app.screen.query_one("#action-error", Label).has_class("-empty")

        app.screen.query_one("#action", TextArea).insert("Zaakofficier gebeld")
        await pilot.press("f2")
        await settle(pilot)
        assert not any("overtreden" in text for text in signal_texts(app))

    event = store.timeline(case.case_id)[-1]
    assert event.kind == "signal.acknowledged"
    assert event.payload["action"] == "Zaakofficier gebeld"
    assert event.actor.user == "Test Gebruiker"
    assert app.errors == []


async def test_measure_dialog_keeps_input_on_bad_date(make_store):
    store = make_store()
    case = store.report_case(fictional_report())
    app = FollowUpApp(store, FollowUpScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeasureDialog)
        dialog = app.screen
        dialog.query_one("#kind").value = "stopgesprek"
        dialog.query_one("#start", Input).value = "31-02-2026"
        dialog.query_one("#monitor", Input).value = "Wijkagent"
        await pilot.press("f2")
        await pilot.pause()
        assert "bestaat niet" in str(dialog.query_one("#start-error", Label).render())
        assert dialog.query_one("#monitor", Input).value == "Wijkagent"

        dialog.query_one("#start", Input).value = "02-03-2026"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpScreen)

    measure = next(iter(store.get_case(case.case_id).measures.values()))
    assert measure.kind == "stopgesprek"
    assert measure.start == date(2026, 3, 2)
    assert measure.monitor == "Wijkagent"


async def test_close_then_reopen(make_store):
    store = make_store()
    case = store.report_case(fictional_report())
    store.record(case.case_id, "screening.completed", screening("LAAG"))
    app = FollowUpApp(store, FollowUpScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CloseDialog)
        assert app.screen.query_one("#months", Input).value == "3, 6, 12"
        app.screen.query_one("#reason", TextArea).insert("Rustig sinds vier weken (fictief)")
        await pilot.press("f2")
        await settle(pilot)
        assert store.get_case(case.case_id).is_closed
        assert "afgesloten" in str(app.screen.query_one("#followup-header").render())

        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one("#track").value = "MIDDEN"
        app.screen.query_one("#reason", TextArea).insert("Nieuwe melding (fictief)")
        await pilot.press("f2")
        await settle(pilot)

    state = store.get_case(case.case_id)
    assert not state.is_closed
    assert state.track.value == "MIDDEN"


async def test_roles_pick_from_fictional_directory(make_store):
    store = make_store()
    case = store.report_case(fictional_report())
    store.record(case.case_id, "screening.completed", screening("MIDDEN"))
    app = FollowUpApp(store, RolesScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#roles", DataTable)
        assert table.get_row_at(0)[0].plain == "✗ nodig"
        assert table.get_row_at(0)[1].plain == "Procesregisseur"

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PartnerPickDialog)
        options = app.screen.query_one(OptionList)
        assert "fictief" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert table.get_row_at(0)[0].plain == "✓ bezet"

    appointment = store.get_case(case.case_id).roles["procesregisseur"]
    assert appointment.contact.endswith("(fictief)")


async def test_f7_opens_followup_from_roles(make_store):
    store = make_store()
    case = store.report_case(fictional_report())
    app = FollowUpApp(store, RolesScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("f7")
        await settle(pilot)
        assert len(app.screen_stack) == 3
