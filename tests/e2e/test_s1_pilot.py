"""Scenario S1 through the real app: first run, intake, screening, escalation, plan, reopen.

Ex-partner case with counter-reports and a weapon tip (all names fictional). The test
drives the screens with Pilot at 80x24 against a real SQLCipher store in tmp_path. The
store uses the cheap Argon2id parameters of `cheap_kdf`, only so the test runs fast.
After the app quits, a second app unlocks the store with the passphrase and finds every
entry, and no file in the store directory holds an entered name or note in plaintext.
"""

from pathlib import Path

from textual import events
from textual.widgets import DataTable, Input, RadioSet, Select, TextArea

from stalking_tui.app import create_app
from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.screens.case import CaseScreen
from stalking_tui.screens.case_list import CaseListScreen
from stalking_tui.screens.intake import IntakeScreen
from stalking_tui.screens.plan import PlanScreen
from stalking_tui.screens.screening import ScreeningScreen
from stalking_tui.screens.timeline import TimelineScreen
from stalking_tui.settings import Settings
from stalking_tui.widgets.intake_fields import set_radio

SIZE = (80, 24)
PASSPHRASE = "vijf groene kikkers zingen luid"

VICTIM = "Sanne Verbeek-Fictief"
PERPETRATOR = "Ruud Hoekstra-Fictief"
SECRETS = [
    VICTIM,
    PERPETRATOR,
    "Wacht haar op bij de bakkerij",
    "Tegenaangifte wegens bedreiging",
    "pistool gekocht",
    "Ruud benadert Sanne fysiek",
    "Sanne durft niet naar haar werk",
]


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key into the focused widget, as a caseworker would."""
    for character in text:
        await pilot.press("space" if character == " " else character)


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await type_text(pilot, text)


async def paste_into(pilot, selector: str, text: str) -> None:
    """Paste `text` into a field the way the terminal delivers a paste: as one event."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


def make_app(store_dir: Path, kdf, tmp_path: Path):
    return create_app(
        store_dir, kdf=kdf, log_dir=tmp_path / "log", settings=Settings(auto_lock_seconds=0),
    )


def step_rows(screen: CaseScreen) -> list[str]:
    table = screen.query_one("#steps", DataTable)
    return [" ".join(cell.plain for cell in table.get_row_at(index)) for index in range(table.row_count)]


def open_step_ids(screen: CaseScreen) -> list[str]:
    """Return the ids of the open steps, which the case screen uses as row keys."""
    table = screen.query_one("#steps", DataTable)
    keys = [row.key.value for row in table.ordered_rows]
    return [key for key, row in zip(keys, step_rows(screen)) if "○ open" in row]


async def mark_step(pilot, screen: CaseScreen, step_id: str, outcome: str | None = None) -> None:
    """Put the cursor on step `step_id`, press d and confirm the dialog."""
    table = screen.query_one("#steps", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(step_id))
    await pilot.pause()
    await pilot.press("d")
    await settle(pilot)
    outcomes = pilot.app.screen.query("#outcome")
    if outcomes:
        # A decision step needs its outcome; "ja" unless the scenario says otherwise.
        set_radio(outcomes.first(RadioSet), outcome or "ja")
    await pilot.press("f2")
    await settle(pilot)


async def first_run(pilot) -> None:
    screen = pilot.app.screen
    await type_into(pilot, "#passphrase", PASSPHRASE)
    await type_into(pilot, "#repeat", PASSPHRASE)
    await type_into(pilot, "#user", "Agent Fictief")
    screen.query_one("#organisation", Select).value = "POL"
    await type_into(pilot, "#role", "casusregisseur")
    await pilot.press("f10")
    await settle(pilot)

    # The recovery code is shown once; confirm it was stored and continue.
    await pilot.press("space")
    await pilot.click("#continue")
    await settle(pilot)


async def intake(pilot) -> None:
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen)

    set_radio(screen.query_one("#source", RadioSet), "politie")
    await type_into(pilot, "#party_0_name", VICTIM)
    await type_into(pilot, "#party_1_name", PERPETRATOR)
    screen.query_one("#relation", Select).value = "ex_partner"
    await paste_into(pilot, "#behaviour_text", "Belt en appt dagelijks. Wacht haar op bij de bakkerij.")
    await pilot.press("f2")
    await settle(pilot)


async def screening(pilot, level: ConcernLevel, rationale: str) -> None:
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScreeningScreen)

    # Safety gate: "ja, het is nu veilig".
    await pilot.press("enter", "pagedown")
    await settle(pilot)
    for _ in range(16):
        await pilot.press("1", "pagedown")
    await settle(pilot)

    summary = screen._page_widget
    levels = summary.query_one("#level", RadioSet)
    levels.focus()
    await pilot.pause()
    for _ in range(list(ConcernLevel).index(level)):
        await pilot.press("right")
    await pilot.press("enter")
    await paste_into(pilot, "#rationale", rationale)
    await pilot.press("f2")
    await settle(pilot)


async def incident(pilot, kind: str, reporter: str, description: str, weapon: bool = False) -> None:
    await pilot.press("i")
    await settle(pilot)
    dialog = pilot.app.screen
    dialog.query_one("#kind", Select).value = kind
    set_radio(dialog.query_one("#reporter", RadioSet), reporter)
    await paste_into(pilot, "#description", description)
    if weapon:
        dialog.query_one("#weapon").value = True
    await pilot.press("f2")
    await settle(pilot)


async def test_s1_through_the_screens(store_dir, cheap_kdf, tmp_path):
    app = make_app(store_dir, cheap_kdf, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await first_run(pilot)
        assert isinstance(app.screen, CaseListScreen)

        # Day 0: the police register the report; Veilig Thuis must be informed.
        await intake(pilot)
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        case_id = case_screen.case_id
        assert case_screen.state.track == Track.MELDING
        assert any("○ open" in row and "Veilig Thuis informeren" in row for row in step_rows(case_screen))

        # Day 0: Veilig Thuis informed.
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#informing_organisation", Select).value = "POL"
        dialog.query_one("#informed_organisation", Select).value = "VT"
        await pilot.press("f2")
        await settle(pilot)
        assert any("gedaan" in row and "Veilig Thuis informeren" in row for row in step_rows(case_screen))

        # Day 1: screening with the ex-partner block, MIDDEN.
        await screening(pilot, ConcernLevel.MIDDEN, "Herhaald contact en opwachten sinds de breuk.")
        assert app.screen is case_screen
        state = case_screen.state
        assert state.track == Track.MIDDEN
        assert state.level == ConcernLevel.MIDDEN
        rows = " | ".join(step_rows(case_screen))
        assert "Procesregisseur aanstellen" in rows
        assert "Casusregisseur aanstellen" in rows
        missing = str(case_screen.query_one("#signals").render())
        assert "Procesregisseur" in missing

        # Day 5: counter-report by the perpetrator; the level stays MIDDEN.
        await incident(pilot, "threat", "perpetrator", "Tegenaangifte wegens bedreiging door Sanne.")
        assert case_screen.state.level == ConcernLevel.MIDDEN
        assert case_screen.state.track == Track.MIDDEN

        # Day 9: weapon tip (hearsay): a signal offers escalation.
        await incident(pilot, "weapon", "victim", "Ruud heeft mogelijk een pistool gekocht.", weapon=True)
        assert "ACUUT" in str(case_screen.query_one("#weapon-alert").render())

        # Day 9: escalate to ACUUT with a reason.
        await pilot.press("f8")
        await settle(pilot)
        await paste_into(pilot, "#reason", "Wapentip: Ruud benadert Sanne fysiek.")
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is case_screen
        assert case_screen.state.track == Track.ACUUT

        # Close the acute steps: the case continues in HOOG.
        acute_steps = open_step_ids(case_screen)
        assert "procesregisseur_aanstellen" in acute_steps
        for step_id in acute_steps:
            await mark_step(pilot, case_screen, step_id)
            assert app.screen is case_screen
        assert case_screen.state.track == Track.HOOG

        # Day 10: new screening HOOG; the OM decision step is open.
        await screening(pilot, ConcernLevel.HOOG, "Wapentip en escalatie; ex-partner.")
        assert case_screen.state.level == ConcernLevel.HOOG
        assert "om_beslissing" in open_step_ids(case_screen)
        assert "zvh_agenderen" not in open_step_ids(case_screen)
        await mark_step(pilot, case_screen, "om_beslissing", outcome="ja")
        assert "zvh_agenderen" in open_step_ids(case_screen)

        # Safety plan version 1.
        await pilot.press("v")
        await settle(pilot)
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        await paste_into(pilot, "#worry", "Sanne durft niet naar haar werk.")
        await pilot.press("f2")
        await settle(pilot)
        assert app.store.get_case(case_id).plan.version == 1
        await app.action_quit()

    # Reopen with the passphrase and find every entry.
    app = make_app(store_dir, cheap_kdf, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#passphrase", PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)

        state = app.store.get_case(case_id)
        assert state.victim.name == VICTIM
        assert state.track == Track.HOOG
        assert state.level == ConcernLevel.HOOG
        assert state.escalation_reason == "Wapentip: Ruud benadert Sanne fysiek."
        assert state.screening_count == 2
        assert state.incident_count == 2
        assert state.plan is not None and state.plan.worry == "Sanne durft niet naar haar werk."

        kinds = [event.kind for event in app.store.timeline(case_id)]
        for kind in ("case.reported", "notification.recorded", "screening.completed",
                     "incident.recorded", "case.escalated", "track.changed", "plan.saved"):
            assert kind in kinds

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        await app.action_quit()

    # No entered name or note is readable in any file of the store directory.
    for path in store_dir.rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode("utf-8") not in content, f"{secret!r} in plaintext in {path.name}"
            assert secret.encode("utf-16-le") not in content, f"{secret!r} as UTF-16 in {path.name}"
