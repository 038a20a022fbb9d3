"""Pilot tests of the case screen and its dialogs at 80x24 against a real encrypted store."""

from textual.widgets import DataTable, Label, Static, TextArea

from stalking_tui.domain.levels import StepStatus, Track
from stalking_tui.screens.case import CaseScreen
from stalking_tui.widgets.escalate import EscalateDialog
from stalking_tui.widgets.notification_dialog import NotificationDialog
from stalking_tui.widgets.step_dialog import StepDialog

from .conftest import SIZE, CaseApp, report_payload, settle


def step_rows(screen) -> dict[str, list[str]]:
    table = screen.query_one("#steps", DataTable)
    return {str(key.value): [cell.plain for cell in table.get_row(key)] for key in table.rows}


def visible_error(dialog, field: str) -> str:
    label = dialog.query_one(f"#{field}-error", Label)
    return str(label.render()) if label.display else ""


async def select_step(pilot, step_id: str) -> None:
    table = pilot.app.screen.query_one("#steps", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(step_id))
    await pilot.pause()


async def test_step_not_applicable_needs_reason(store):
    case = store.report_case(report_payload())
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_step(pilot, "cit_raadplegen")
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StepDialog)

        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is dialog
        assert "reden" in visible_error(dialog, "reason")

        dialog.query_one("#reason", TextArea).text = "Geen CIT in deze regio."
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert step_rows(app.screen)["cit_raadplegen"][0] == "– n.v.t."

    marked = store.get_case(case.case_id).steps["cit_raadplegen"]
    assert marked.status == StepStatus.NOT_APPLICABLE
    assert marked.reason == "Geen CIT in deze regio."
    assert app.errors == []


async def test_step_marked_done(store):
    case = store.report_case(report_payload())
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert step_rows(app.screen)["vt_informeren"][:2] == ["○ open", "Veilig Thuis informeren"]
        await select_step(pilot, "vt_informeren")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StepDialog)
        await pilot.press("f2")
        await settle(pilot)
        assert step_rows(app.screen)["vt_informeren"][0] == "✓ gedaan"

    assert store.get_case(case.case_id).steps["vt_informeren"].status == StepStatus.DONE
    assert app.errors == []


async def test_decision_step_needs_outcome(store):
    case = store.report_case(report_payload(acutely_unsafe=True))
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_step(pilot, "aware_overwegen")
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is dialog
        assert visible_error(dialog, "outcome") == "Kies de uitkomst van dit besluit."

        dialog.query_one("#outcome").focus()
        await pilot.press("enter")  # press the first option, "ja"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)

    marked = store.get_case(case.case_id).steps["aware_overwegen"]
    assert marked.outcome == "ja"
    assert app.errors == []


async def test_escalation_needs_reason(store):
    case = store.report_case(report_payload())
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EscalateDialog)

        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is dialog
        assert "reden" in visible_error(dialog, "reason")

        for character in "Wapen genoemd":
            await pilot.press("space" if character == " " else character)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.state.track == Track.ACUUT
        assert "Wapen genoemd" in str(app.screen.query_one("#escalation", Static).render())

    escalations = [event for event in store.timeline(case.case_id) if event.kind == "case.escalated"]
    assert len(escalations) == 1
    assert escalations[0].payload["reason"] == "Wapen genoemd"
    assert escalations[0].actor.user == store.profile.user_name
    assert store.get_case(case.case_id).track == Track.ACUUT
    assert app.errors == []


async def test_weapon_signal_offers_escalation(store):
    case = store.report_case(report_payload())
    store.record(case.case_id, "incident.recorded", {
        "occurred_at": case.received_at.isoformat(), "kind": "threat", "reporter": "victim",
        "description": "Fictief: zou een pistool hebben gekocht.", "weapon": True,
    })
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        alert = app.screen.query_one("#weapon-alert", Static)
        assert alert.display
        assert "F8" in str(alert.render())
    assert app.errors == []


async def test_notification_also_closes_step(store):
    case = store.report_case(report_payload())
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NotificationDialog)
        await pilot.press("f2")  # the defaults: POL informed VT just now, by the profile's user
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert "POL → VT" in str(app.screen.query_one("#notifications", Static).render())

    kinds = [event.kind for event in store.timeline(case.case_id)]
    assert kinds == ["case.reported", "notification.recorded", "step.marked"]
    assert store.get_case(case.case_id).steps["vt_informeren"].status == StepStatus.DONE
    assert app.errors == []


async def test_missing_roles_fold_into_one_signal(store):
    case = store.report_case(report_payload(acutely_unsafe=True))
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        signals = str(app.screen.query_one("#signals", Static).render())
        roles = str(app.screen.query_one("#roles", Static).render())

    assert signals.count("Rollen niet bezet") == 1
    assert "Procesregisseur" in signals
    assert "Ontbreekt" in roles
    assert app.errors == []


async def test_too_long_note_keeps_dialog_open(store):
    from stalking_tui.domain.events import MAX_TEXT
    from stalking_tui.screens.incident import NoteDialog

    case = store.report_case(report_payload())
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)

        long_text = "x" * (MAX_TEXT + 1)
        dialog.query_one("#text", TextArea).text = long_text
        await pilot.press("f2")
        await settle(pilot)

        assert app.screen is dialog
        assert dialog.query_one("#text", TextArea).text == long_text
        error = dialog.query_one("#text-error", Static)
        assert error.display
        assert "maximaal 20000 tekens" in str(error.render())

    assert [event for event in store.timeline(case.case_id) if event.kind == "note.added"] == []


async def test_footer_fits_and_f1_lists_every_key(store):
    from textual.widgets._footer import FooterKey

    from stalking_tui.widgets.key_help import KeyHelpDialog

    case = store.report_case(report_payload())
    app = CaseApp(store, CaseScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert "Toetsen" in [key.description for key in keys]
        # The command palette key sits docked on the right, so keys must end before it.
        palette = [key.region.x for key in keys if key.has_class("-command-palette")]
        limit = min(palette, default=SIZE[0])
        overflow = [key.description for key in keys if not key.has_class("-command-palette") and key.region.right > limit]
        assert overflow == []

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, KeyHelpDialog)
        listed = str(app.screen.query_one("#keys", Static).render())
        for description in ("Inzage", "Stap n.v.t.", "Rol", "VT↔politie", "Escaleer ACUUT", "Opvolging", "Notitie"):
            assert description in listed


def test_long_step_titles_end_in_ellipsis():
    from stalking_tui.domain.routemap import Step, Text as Texts
    from stalking_tui.domain.routing import StepView
    from stalking_tui.screens.case_text import TITLE_WIDTH, step_cells

    title = "Veiligheidsbeoordeling Veilig Thuis met de politie"
    step = Step(id="long", title=Texts(nl=title, en=title))
    cells = step_cells(StepView(step=step, track=Track.MIDDEN, status=StepStatus.OPEN, due=None, overdue=False, state=None), "nl")
    assert cells[1].cell_len <= TITLE_WIDTH
    assert cells[1].plain.endswith("…")
