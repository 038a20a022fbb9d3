"""Pilot tests of the intake form at 80x24 against a real encrypted store."""

from textual.widgets import Checkbox, DataTable, Input, Label, RadioSet, Select, Static

from stalking_tui.domain.intake import BEHAVIOURS
from stalking_tui.domain.levels import Track
from stalking_tui.screens.case import CaseScreen
from stalking_tui.screens.intake import DRAFT_KEY, IntakeScreen
from stalking_tui.widgets.choice_dialog import ChoiceDialog
from stalking_tui.widgets.intake_fields import set_radio

from .conftest import SIZE, CaseApp, settle, wait_until


async def type_into(pilot, selector: str, text: str) -> None:
    """Focus the input `selector` and type `text` key by key, as a caseworker would."""
    pilot.app.screen.query_one(selector).focus()
    for character in text:
        await pilot.press("space" if character == " " else character)


def error_text(screen, field: str) -> str:
    label = screen.query_one(f"#{field}-error", Label)
    return str(label.render()) if label.display else ""


async def save_form(pilot) -> None:
    """Press F2 and wait until the case screen replaced the form (or the form shows errors)."""
    intake = pilot.app.screen
    await pilot.press("f2")
    await wait_until(lambda: pilot.app.screen is not intake or bool(intake.query(".error").exclude(".-empty")))
    await settle(pilot)


async def fill_minimal(pilot, victim: str = "Zoë Fictief") -> None:
    screen = pilot.app.screen
    set_radio(screen.query_one("#source", RadioSet), "politie")
    await type_into(pilot, "#party_0_name", victim)
    await type_into(pilot, "#party_1_name", "Bram Verzonnen")
    screen.query_one("#relation", Select).value = "ex_partner"
    await pilot.pause()


async def test_errors_show_beside_fields(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await type_into(pilot, "#party_0_name", "Zoë Fictief")
        await type_into(pilot, "#source_detail", "wijkagent")
        screen.query_one("#received_at", Input).value = "31-02-2026 10:00"
        await pilot.press("f2")
        await settle(pilot)

        assert isinstance(app.screen, IntakeScreen)
        assert error_text(screen, "source") == "Kies waar de melding binnenkwam."
        assert "bestaat niet" in error_text(screen, "received_at")
        assert error_text(screen, "party_1_name") == "Vul de naam van de pleger in."
        assert error_text(screen, "relation") == "Kies de relatie tussen slachtoffer en pleger."
        assert error_text(screen, "party_0_name") == ""
        assert app.focused is screen.query_one("#source")

        assert screen.query_one("#party_0_name", Input).value == "Zoë Fictief"
        assert screen.query_one("#source_detail", Input).value == "wijkagent"
        assert screen.query_one("#received_at", Input).value == "31-02-2026 10:00"
        assert store.list_cases() == []
    assert app.errors == []


async def test_valid_intake_opens_case(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill_minimal(pilot)
        await save_form(pilot)

        assert isinstance(app.screen, CaseScreen)
        state = app.screen.state
        assert state.victim.name == "Zoë Fictief"
        assert state.track == Track.MELDING
        table = app.screen.query_one("#steps", DataTable)
        rows = [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]
        assert ["○ open", "Veilig Thuis informeren"] == rows[0][:2]

    assert len(store.list_cases()) == 1
    assert store.load_draft(DRAFT_KEY) is None
    assert app.errors == []


async def test_acute_intake_starts_in_acuut(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill_minimal(pilot)
        app.screen.query_one("#acutely_unsafe", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        banner = app.screen.query_one("#acute-banner", Static)
        assert banner.display
        assert "ACUUT ONVEILIG" in str(banner.render())

        await save_form(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.state.track == Track.ACUUT
        assert "‼ ACUUT" in str(app.screen.query_one("#badge").render())
    assert app.errors == []


async def test_draft_survives_leave_and_reopen(make_store, open_store):
    store = make_store()
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#party_0_name", "Zoë Fictief")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice: keep as draft
        await settle(pilot)
        assert not isinstance(app.screen, IntakeScreen)
    store.close()

    reopened = open_store()
    app = CaseApp(reopened, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice: resume the draft
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#party_0_name", Input).value == "Zoë Fictief"
    assert app.errors == []


async def test_draft_saved_before_lock(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#party_1_name", "Bram Verzonnen")
        await app.screen.save_draft_before_lock()

    draft = store.load_draft(DRAFT_KEY)
    assert draft is not None
    assert draft["parties"][1]["name"] == "Bram Verzonnen"


async def test_leave_can_discard_draft(store):
    store.save_draft(DRAFT_KEY, {"parties": [{"role": "slachtoffer", "name": "Oud Concept"}, {"role": "pleger", "name": ""}]})
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # resume
        await settle(pilot)
        assert app.screen.query_one("#party_0_name", Input).value == "Oud Concept"

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right", "enter")  # the second choice: discard
        await settle(pilot)
        assert not isinstance(app.screen, IntakeScreen)
    assert store.load_draft(DRAFT_KEY) is None


async def test_extra_party_added_and_saved(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill_minimal(pilot)
        app.screen.query_one("#add-child").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#party_2_name")
        await type_into(pilot, "#party_2_name", "Kim Fictief")
        await type_into(pilot, "#party_2_birth_date", "01-01-2040")
        await pilot.press("f2")
        await settle(pilot)
        assert "toekomst" in error_text(app.screen, "party_2_birth_date")

        app.screen.query_one("#party_2_birth_date", Input).value = "01-01-2018"
        await save_form(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert [party.name for party in app.screen.state.parties] == ["Zoë Fictief", "Bram Verzonnen", "Kim Fictief"]
    assert app.errors == []


async def test_long_paste_keeps_what_fits_and_says_so(store):
    from textual import events

    from stalking_tui.domain.events import MAX_NAME

    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        name = screen.query_one("#party_0_name", Input)
        name.focus()
        name.post_message(events.Paste("Zoë" * 167))
        await pilot.pause()
        assert name.value == ("Zoë" * 167)[:MAX_NAME]
        assert "Maximaal 200 tekens" in error_text(screen, "party_0_name")

        # A paste arriving as keystrokes stops at the limit; refused keys only keep the message.
        await type_into(pilot, "#perpetrator_location", "b" * (MAX_NAME + 5))
        assert screen.query_one("#perpetrator_location", Input).value == "b" * MAX_NAME
        assert "Maximaal 200 tekens" in error_text(screen, "perpetrator_location")


async def test_choices_show_symbols_not_only_colour(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        set_radio(screen.query_one("#safe_to_talk", RadioSet), "nee")
        screen.query_one("#acutely_unsafe", Checkbox).value = True
        await pilot.pause()

        buttons = {str(button.name): button.render().plain for button in screen.query_one("#safe_to_talk", RadioSet).children}
        assert "●" in buttons["nee"]
        assert "○" in buttons["ja"]
        assert "X" in screen.query_one("#acutely_unsafe", Checkbox).render().plain
        assert "X" not in screen.query_one(f"#behaviour-{BEHAVIOURS[0]}", Checkbox).render().plain


async def test_perpetrator_has_no_safe_contact_field(store):
    app = CaseApp(store, IntakeScreen())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query("#party_0_safe_contact")
        assert not screen.query("#party_1_safe_contact")
        assert screen.read_values().parties[1]["safe_contact"] == ""
