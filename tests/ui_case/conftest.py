"""Fixtures for Pilot tests of the case list, intake and case screens.

Every test runs against a real SQLCipher store in `tmp_path`, created through the shared
`make_store` fixture with the cheapest Argon2id parameters (`KdfParams.TESTING`), only so
the tests run fast. All names are fictional.
"""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from textual.app import App
from textual.screen import Screen

from stalking_tui.domain.events import CaseReported
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.storage.store import CaseStore

SIZE = (80, 24)


class CaseApp(App):
    """The parts of the real app that case screens use: store, routes, demo flag, profile, errors."""

    def __init__(self, store: CaseStore, first_screen: Screen) -> None:
        super().__init__()
        self.store = store
        self.routes = national_route_map()
        self.demo = False
        self.errors: list[BaseException] = []
        self._first_screen = first_screen

    @property
    def profile(self):
        return self.store.profile if self.store is not None else None

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def on_mount(self) -> None:
        self.push_screen(self._first_screen)


def report_payload(
    victim: str = "Sanne Verbeek (fictief)",
    source: str = "politie",
    acutely_unsafe: bool = False,
    received_hours_ago: float = 2,
) -> dict:
    """Return a fictional `case.reported` payload."""
    received = datetime.now(UTC) - timedelta(hours=received_hours_ago)
    return CaseReported.model_validate({
        "source": source,
        "received_at": received,
        "gate": {"safe_to_talk": True, "acutely_unsafe": acutely_unsafe},
        "parties": [
            {"role": "slachtoffer", "name": victim},
            {"role": "pleger", "name": "Ruud Hoekstra (fictief)"},
        ],
        "relation": "ex_partner",
        "behaviours": ["contact"],
    }).model_dump(mode="json")


@pytest.fixture
def store(make_store) -> CaseStore:
    return make_store()


async def settle(pilot) -> None:
    """Wait until store workers finished and their callbacks ran."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(condition: Callable[[], bool], attempts: int = 500) -> None:
    """Let the event loop run until `condition()` holds, at most `attempts` short sleeps.

    Used after a key press whose store worker replaces the screen, so the test waits for
    that outcome instead of a fixed time.
    """
    for _attempt in range(attempts):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not reached")
