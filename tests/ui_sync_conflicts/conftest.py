"""A real conflict between two real SQLCipher stores, opened in the real app (create_app).

Stores A and B come from the sync tests' fixtures, with cheap Argon2id (KdfParams.TESTING)
only so the tests run fast. All names are fictional. B ends with one open conflict about
the concern level (MIDDEN on A, HOOG on B) and one quarantined event (an empty note).
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from stalking_tui.app import StalkingApp, create_app
from stalking_tui.i18n import set_language
from stalking_tui.settings import Settings
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore
from sync.conftest import BASIS, make_device, pair  # noqa: F401 - fixtures used by the tests here
from sync.helpers import bundle_body, sealed
from sync.test_exchange import exchange, plan, screening

SIZE = (80, 24)
PASSPHRASE = "wachtwoord fictief"
"""The passphrase `make_device` gives every store."""
VICTIM = "Zoë [bold]Fictief[/"


@dataclass
class ConflictCase:
    """Store B on disk with a conflicting case, closed so the app can open it."""

    store_dir: Path
    case_id: str
    quarantined_event_id: str
    device_b: str


def build_conflict(pair, make_report, tmp_path, plan_conflict: bool = False) -> ConflictCase:
    """Make A and B reassess the same screening offline and exchange bundles. B also quarantines one event."""
    a, b = pair
    parties = [{"role": "slachtoffer", "name": VICTIM}, {"role": "pleger", "name": "Bram Verzonnen"}]
    case = a.report_case(make_report(demo=False, parties=parties))
    a.share_case(case.case_id, "B", BASIS)
    a.record(case.case_id, "screening.completed", screening("LAAG"))
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)

    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("HOOG"))
    if plan_conflict:
        # Brackets in the plan text must stay literal wherever a side value is shown.
        a.record(case.case_id, "plan.saved", plan(1, "Fictief [bold]plan A[/"))
        b.record(case.case_id, "plan.saved", plan(1, "Fictief [red]plan B"))

    # A's bundle carries one extra event with an empty note text, which B quarantines.
    body = bundle_body(a, "B")
    model = body["events"][-1]
    broken = {**model, "id": model["id"][:-4] + "0000", "seq": 900, "kind": "note.added", "payload": {"text": ""}}
    body["events"].append(broken)
    path = tmp_path / "a2.bundle.age"
    path.write_bytes(sealed(a, b, body))
    b.import_bundle(path)
    exchange(b, a, tmp_path, "b1")

    device_b = b.device_id
    b.close()
    return ConflictCase(tmp_path / "B", case.case_id, broken["id"], device_b)


@pytest.fixture
def conflict_case(pair, make_report, tmp_path) -> ConflictCase:
    return build_conflict(pair, make_report, tmp_path)


@pytest.fixture
def make_app(tmp_path):
    """make_app(store_dir, language="nl") -> the real app on that store, with auto-lock off.

    Dutch is selected again afterwards.
    """
    def make(store_dir: Path, language: str = "nl") -> StalkingApp:
        return create_app(store_dir, kdf=KdfParams.TESTING, language=language,
                          settings=Settings(auto_lock_seconds=0), log_dir=tmp_path / "log")

    yield make
    set_language("nl")


async def settle(pilot) -> None:
    """Wait until store workers finished and their callbacks ran."""
    for _round in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def unlock(pilot, passphrase: str = PASSPHRASE) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = passphrase
    await pilot.press("enter")
    await settle(pilot)


def reopen(store_dir: Path) -> CaseStore:
    return CaseStore.open(store_dir, PASSPHRASE)
