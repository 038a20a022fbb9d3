"""Fixtures for Pilot tests of the screening, safety-plan and timeline screens.

Every test runs against a real SQLCipher store in `tmp_path`, made by the shared
`make_store` fixture with the cheapest Argon2id parameters (`KdfParams.TESTING`), only to
keep the tests fast. All names are fictional.
"""

from datetime import UTC, datetime, timedelta

import pytest
from textual.app import App
from textual.screen import Screen

from stalking_tui.domain.events import CaseReported
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.storage.store import CaseStore

SIZE = (80, 24)


class FlowApp(App):
    """The parts of the real App that case screens use: store, routes, demo flag, profile, errors."""

    def __init__(self, store: CaseStore, first_screen: Screen) -> None:
        super().__init__()
        self.store = store
        self.routes = national_route_map()
        self.demo = False
        self.profile = store.profile
        self.errors: list[BaseException] = []
        self._first_screen = first_screen

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def on_mount(self) -> None:
        self.push_screen(self._first_screen)


@pytest.fixture
def store(make_store) -> CaseStore:
    return make_store()


def report(relation: str = "ex_partner", victim: str = "Sanne Verbeek (fictief)", acutely_unsafe: bool = False) -> dict:
    """Return a fictional `case.reported` payload."""
    received = datetime.now(UTC) - timedelta(hours=2)
    return CaseReported.model_validate({
        "source": "politie",
        "received_at": received,
        "gate": {"safe_to_talk": True, "acutely_unsafe": acutely_unsafe},
        "parties": [
            {"role": "slachtoffer", "name": victim},
            {"role": "pleger", "name": "Ruud Hoekstra (fictief)"},
        ],
        "relation": relation,
        "behaviours": ["contact"],
        "demo": False,
    }).model_dump(mode="json")


@pytest.fixture
def make_case(store):
    def make(**kwargs):
        return store.report_case(report(**kwargs))
    return make


async def settle(pilot) -> None:
    """Wait until store workers and the messages they caused are done."""
    for _round in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key into the focused widget."""
    keys = {" ": "space", ",": "comma", ".": "full_stop", "\n": "enter", "-": "minus", ":": "colon"}
    await pilot.press(*(keys.get(char, char) for char in text))
