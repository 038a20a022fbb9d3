"""A minimal app around the follow-up screens, on a real encrypted store (cheap Argon2id, tests only)."""

from datetime import UTC, datetime

from textual.app import App
from textual.screen import Screen

from stalking_tui.domain.routemap import national_route_map
from stalking_tui.settings import Settings
from stalking_tui.storage.store import CaseStore

SIZE = (80, 24)


class FollowUpApp(App):
    """The parts of the real app the screens use: store, routes, settings, demo flag and errors."""

    def __init__(self, store: CaseStore, first_screen: Screen) -> None:
        super().__init__()
        self.store = store
        self.routes = national_route_map()
        self.settings = Settings()
        self.demo = False
        self.errors: list[BaseException] = []
        self._first_screen = first_screen

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def on_mount(self) -> None:
        self.push_screen(self._first_screen)


def fictional_report(victim: str = "Zoë [bold]Fictief[/") -> dict:
    return {
        "source": "politie", "received_at": datetime.now(UTC).isoformat(),
        "gate": {"safe_to_talk": True, "acutely_unsafe": False},
        "parties": [{"role": "slachtoffer", "name": victim}, {"role": "pleger", "name": "Bram Verzonnen"}],
        "relation": "ex_partner", "demo": True,
    }


def screening(level: str) -> dict:
    return {
        "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "0" * 64,
        "practice": True, "answers": {}, "level": level, "rationale": "Fictieve onderbouwing.",
        "assessor": "Test Gebruiker", "assessor_role": "medewerker", "assessor_organisation": "VT",
    }


async def settle(pilot) -> None:
    """Wait until store workers finished and their callbacks ran."""
    for _round in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
