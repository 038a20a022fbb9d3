"""Pilot tests of the safety-plan editor at 80x24 against a real encrypted store."""

from textual import events
from textual.widgets import Button, Static, TextArea

from stalking_tui.screens.plan import PlanScreen
from stalking_tui.widgets.answer_page import GuidanceDialog
from stalking_tui.widgets.plan_section import RowList

from .conftest import SIZE, FlowApp, settle, type_text


async def start(pilot) -> PlanScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen


async def paste(pilot, widget, text: str) -> None:
    """Paste `text` into `widget` the way the terminal driver delivers it: to the app."""
    widget.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


async def add_goal(pilot, screen: PlanScreen, goal: str, effect: str) -> None:
    screen.query_one("#add-goals", Button).focus()
    await pilot.press("enter")
    await settle(pilot)
    await type_text(pilot, goal)
    if effect:
        await pilot.press("tab")
        await type_text(pilot, effect)
    await settle(pilot)


def status(screen: PlanScreen) -> str:
    return str(screen.query_one("#plan-status", Static).render())


async def test_goal_without_effect_shows_message(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await type_text(pilot, "Opwachten bij het werk")
        await add_goal(pilot, screen, "Noor voelt zich veilig", "")

        await pilot.press("f2")
        await settle(pilot)

        row = screen.query_one("#goals", RowList).rows()[0]
        error = str(row.query_one(".error-effect_on_safety", Static).render())
        assert "wat het bereiken van dit doel doet voor de veiligheid" in error
        assert row.query_one(".error-effect_on_safety", Static).display
        assert store.get_case(case.case_id).plan is None
        # The invalid field gets the focus, so the message is on screen.
        assert screen.focused is row.query_one(".field-effect_on_safety")


async def test_multiline_paste_keeps_every_line(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        worry = "Belt dagelijks.\nWacht op bij het werk.\nDreigt via vrienden."
        await paste(pilot, screen.query_one("#worry", TextArea), worry)
        await paste(pilot, screen.query_one("#conditions", TextArea), "Geen contact via sociale media\nGeen bezoek aan het werk")

        await pilot.press("f2")
        await settle(pilot)

        plan = store.get_case(case.case_id).plan
        assert plan is not None
        assert plan.worry == worry
        assert plan.conditions == ["Geen contact via sociale media", "Geen bezoek aan het werk"]


async def test_second_save_makes_version_two(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert "Nog geen veiligheidsplan" in status(screen)
        assert status(screen).startswith(f"{case.number} · {case.victim.name} · ")
        await type_text(pilot, "Berichten op sociale media")
        await add_goal(pilot, screen, "Noor voelt zich veilig op het werk", "Minder kans op contact")
        await pilot.press("f2")
        await settle(pilot)
        assert store.get_case(case.case_id).plan.version == 1
        assert "Versie 1 opgeslagen door Test Gebruiker" in status(screen)

        screen.query_one("#evaluation", TextArea).focus()
        await type_text(pilot, "Geen nieuwe incidenten")
        await pilot.press("f2")
        await settle(pilot)

        plan = store.get_case(case.case_id).plan
        assert plan.version == 2
        assert plan.evaluation == "Geen nieuwe incidenten"
        assert plan.goals[0].effect_on_safety == "Minder kans op contact"
        assert "Versie 2 opgeslagen door Test Gebruiker (VT)" in status(screen)
        versions = [e.payload["version"] for e in store.timeline(case.case_id) if e.kind == "plan.saved"]
        assert versions == [1, 2]


async def test_plan_draft_restored_after_leaving(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await type_text(pilot, "Nog niet af")
        await pilot.press("escape")
        await settle(pilot)
        assert store.load_draft(f"plan:{case.case_id}")["worry"] == "Nog niet af"

        again = PlanScreen(case.case_id)
        await app.push_screen(again)
        await settle(pilot)

        assert again.query_one("#worry", TextArea).text == "Nog niet af"
        assert "concept" in status(again)


async def test_bad_review_date_keeps_input(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await type_text(pilot, "Zorg")
        screen.query_one("#review_date").focus()
        await type_text(pilot, "31-02-2030")
        await pilot.press("f2")
        await settle(pilot)

        error = str(screen.query_one("#error-review_date", Static).render())
        assert "bestaat niet" in error
        assert screen.query_one("#review_date").value == "31-02-2030"
        assert store.get_case(case.case_id).plan is None


async def test_rows_added_and_removed_with_keys(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        agreements = screen.query_one("#agreements", RowList)
        screen.query_one("#add-agreements", Button).focus()
        await pilot.press("f3")
        await settle(pilot)
        await type_text(pilot, "Noor")
        await pilot.press("tab")
        await type_text(pilot, "blokkeert en houdt een logboek bij")
        await pilot.press("f3")
        await settle(pilot)
        assert len(agreements.rows()) == 2

        await type_text(pilot, "weg")
        await pilot.press("f4")
        await settle(pilot)

        assert agreements.values() == [
            {
                "actor": "Noor", "action": "blokkeert en houdt een logboek bij", "deadline": "",
                "compliance": "", "breach_consequence": "", "monitor": "",
            },
        ]
        assert screen.focused is screen.query_one("#add-agreements", Button)


async def test_measure_kind_chosen_from_list(store, make_case):
    case = make_case()
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await type_text(pilot, "Zorg over contact")
        screen.query_one("#add-measures", Button).focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "down", "enter")  # the first kind: stopgesprek
        await pilot.press("tab")
        await type_text(pilot, "geen")
        await pilot.press("tab")
        await type_text(pilot, "Politie")
        await pilot.press("tab")
        await type_text(pilot, "01-12-2026")
        await pilot.press("f2")
        await settle(pilot)

        measure = store.get_case(case.case_id).plan.measures[0]
        assert measure.kind == "stopgesprek"
        assert measure.legal_basis == "geen"
        assert measure.issuer == "Politie"
        assert measure.start.isoformat() == "2026-12-01"


async def test_plan_opens_from_current_version(store, make_case):
    case = make_case()
    store.record(case.case_id, "plan.saved", {
        "version": 1, "worry": "Berichten [b]op[/b] sociale media",
        "goals": [{"goal": "Noor voelt zich veilig", "effect_on_safety": "Minder contact"}],
    })
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(pilot)

        assert screen.query_one("#worry", TextArea).text == "Berichten [b]op[/b] sociale media"
        assert screen.query_one("#goals", RowList).values() == [
            {"goal": "Noor voelt zich veilig", "effect_on_safety": "Minder contact"},
        ]
        assert "Versie 1 opgeslagen door Test Gebruiker" in status(screen)
        assert "concept" not in status(screen)

        # Loading the plan into the form is no edit, so autosave writes no draft.
        screen._autosave()
        await settle(pilot)
        assert store.load_draft(f"plan:{case.case_id}") is None


async def test_f5_shows_changes_of_last_version(store, make_case):
    case = make_case()
    store.record(case.case_id, "plan.saved", {"version": 1, "worry": "Berichten", "conditions": ["Geen contact"]})
    store.record(case.case_id, "plan.saved", {
        "version": 2, "worry": "Berichten", "conditions": ["Geen contact"], "evaluation": "Geen nieuwe incidenten",
    })
    app = FlowApp(store, PlanScreen(case.case_id))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("f5")
        await settle(pilot)

        dialog = app.screen
        assert isinstance(dialog, GuidanceDialog)
        text = str(dialog.query_one("#text", Static).render())
        assert text.startswith("+ Evaluatie: Geen nieuwe incidenten\n")
        assert text.endswith("Evaluatielog\nversie 2: Geen nieuwe incidenten")
