"""Pilot tests of the plan's version comparison, export and autosave at 80x24.

Real SQLCipher store in `tmp_path` with the cheapest Argon2id parameters (see conftest).
All names are fictional.
"""

from textual.widgets import Input, Select, TextArea

from stalking_tui.screens.plan import PlanScreen
from stalking_tui.screens.plan_dialogs import ExportDialog, VersionCompareDialog
from stalking_tui.widgets.marked_toggles import MarkedCheckbox

from .conftest import SIZE, FlowApp, settle
from .test_plan_editor import paste, start

VERSION_1 = {
    "version": 1, "worry": "Berichten (fictief)", "conditions": ["Geen contact via sociale media"],
    "goals": [{"goal": "Noor voelt zich veilig op het werk", "effect_on_safety": "Minder kans op contact"}],
}
VERSION_2 = {**VERSION_1, "version": 2, "evaluation": "Geen nieuwe incidenten"}
VERSION_3 = {**VERSION_2, "version": 3, "conditions": ["Geen contact via sociale media", "Geen bezoek aan het werk"]}


def access_actions(store, case_id: str) -> list[tuple[str, str]]:
    return [(entry.action, entry.detail) for entry in store.access_log(case_id)]


async def test_compare_picks_any_two_versions(store, make_case):
    case = make_case()
    for version in (VERSION_1, VERSION_2, VERSION_3):
        store.record(case.case_id, "plan.saved", version)
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("f6")
        await settle(pilot)

        dialog = app.screen
        assert app.errors == []
        assert isinstance(dialog, VersionCompareDialog)
        assert dialog.shown_diff().startswith("+ Veiligheidsvoorwaarden: Geen bezoek aan het werk")

        dialog.query_one("#from", Select).value = 0
        await settle(pilot)
        lines = dialog.shown_diff().splitlines()
        assert "+ Veiligheidsvoorwaarden: Geen bezoek aan het werk" in lines
        assert "+ Evaluatie: Geen nieuwe incidenten" in lines
        assert len(lines) == 2

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def test_compare_needs_two_versions(store, make_case):
    case = make_case()
    store.record(case.case_id, "plan.saved", VERSION_1)
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def export_via_dialog(
    pilot, app, path, file_format: str = "md", confirm: bool = True, purpose: str = "export", document: str = "plan",
) -> ExportDialog:
    await pilot.press("f9")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#document", Select).value = document
    dialog.query_one("#purpose", Select).value = purpose
    dialog.query_one("#format", Select).value = file_format
    await settle(pilot)
    dialog.query_one("#path", Input).value = str(path)
    dialog.query_one("#confirm", MarkedCheckbox).value = confirm
    await pilot.press("f2")
    await settle(pilot)
    return dialog


async def test_export_markdown_logs_access(store, make_case, tmp_path):
    case = make_case(victim="Noor [bold]Bakker[/ (fictief)")
    store.record(case.case_id, "plan.saved", VERSION_1)
    store.record(case.case_id, "plan.saved", VERSION_2)
    target = tmp_path / "plan.md"
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await export_via_dialog(pilot, app, target)
        assert isinstance(app.screen, PlanScreen)

    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Veiligheidsplan ")
    assert "Noor \\[bold\\]Bakker\\[/ (fictief)" in text
    assert "- Geen contact via sociale media" in text
    assert "- Noor voelt zich veilig op het werk — effect op veiligheid: Minder kans op contact" in text
    assert "## Evaluatielog" in text
    assert "- Versie 2: Geen nieuwe incidenten" in text
    assert ("export", "plan md, plan version 2") in access_actions(store, case.case_id)
    assert app.errors == []


async def test_export_pdf_and_print_logged(store, make_case, tmp_path):
    case = make_case()
    store.record(case.case_id, "plan.saved", VERSION_1)
    plan_pdf = tmp_path / "plan.pdf"
    summary_pdf = tmp_path / "overzicht.pdf"
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await export_via_dialog(pilot, app, plan_pdf, "pdf")
        await export_via_dialog(pilot, app, summary_pdf, "pdf", purpose="print", document="summary")

    assert plan_pdf.read_bytes().startswith(b"%PDF")
    assert summary_pdf.read_bytes().startswith(b"%PDF")
    actions = access_actions(store, case.case_id)
    assert ("export", "plan pdf, plan version 1") in actions
    assert ("print", "summary pdf, plan version 1") in actions
    assert app.errors == []


async def test_export_needs_confirmation(store, make_case, tmp_path):
    case = make_case()
    store.record(case.case_id, "plan.saved", VERSION_1)
    target = tmp_path / "plan.txt"
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        dialog = await export_via_dialog(pilot, app, target, "txt", confirm=False)
        assert app.screen is dialog
        assert dialog.query_one("#confirm-error").display
        assert not target.exists()

        dialog.query_one("#confirm", MarkedCheckbox).value = True
        await pilot.press("f2")
        await settle(pilot)

    text = target.read_text(encoding="utf-8")
    assert text.startswith("Veiligheidsplan ")
    assert "Veiligheidsvoorwaarden:\nGeen contact via sociale media\n" in text
    assert [action for action, _detail in access_actions(store, case.case_id)].count("export") == 1


async def test_export_refuses_existing_file(store, make_case, tmp_path):
    case = make_case()
    target = tmp_path / "bestaat.md"
    target.write_text("eerder", encoding="utf-8")
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        dialog = await export_via_dialog(pilot, app, target)
        assert app.screen is dialog
        assert dialog.query_one("#path-error").display

    assert target.read_text(encoding="utf-8") == "eerder"
    assert "export" not in [action for action, _detail in access_actions(store, case.case_id)]


async def test_pasted_lines_autosaved_as_draft(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        kindcheck = "Geen kinderen in beeld.\nNeefje logeert soms.\nNagevraagd bij school."
        await paste(pilot, screen.query_one("#kindcheck", TextArea), kindcheck)
        await paste(pilot, screen.query_one("#conditions", TextArea), "Geen contact\nGeen bezoek aan het werk")

        # Run the autosave the timer would run after a quiet moment.
        screen._autosave()
        await settle(pilot)

        draft = store.load_draft(f"plan:{case.case_id}")
        assert draft["kindcheck"] == kindcheck
        assert draft["conditions"] == "Geen contact\nGeen bezoek aan het werk"
        assert draft["conditions_set_by"] == "Test Gebruiker (VT)"

        again = PlanScreen(case.case_id)
        await app.push_screen(again)
        await settle(pilot)
        assert again.query_one("#kindcheck", TextArea).text == kindcheck


async def test_new_fields_show_errors_beside_them(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await paste(pilot, screen.query_one("#worry", TextArea), "Berichten (fictief)")
        screen.query_one("#review_weeks", Input).value = "nul"
        screen.query_one("#aware_start", Input).value = "10-03-2026"
        screen.query_one("#aware_review", Input).value = "01-03-2026"
        await pilot.press("f2")
        await settle(pilot)

        weeks_error = screen.query_one("#error-review_weeks")
        assert weeks_error.display
        assert "1 tot en met 52" in str(weeks_error.render())
        assert screen.query_one("#error-aware_review").display
        assert screen.query_one("#review_weeks", Input).value == "nul"
        assert screen.focused is screen.query_one("#aware_review", Input)
        assert store.get_case(case.case_id).plan is None
