"""Two real SQLCipher stores, A (sender) and B (receiver), and the real app on either one.

The stores live in tmp_path and use the cheap Argon2id parameters `KdfParams.TESTING`,
only so unlocking takes milliseconds in tests. Every name and case is fictional.
"""

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from stalking_tui import crash
from stalking_tui.app import StalkingApp, create_app
from stalking_tui.domain.profile import Profile
from stalking_tui.domain.sync_models import PeerIdentity
from stalking_tui.i18n import set_language
from stalking_tui.settings import Settings
from stalking_tui.storage.bundle import canonical_json, seal
from stalking_tui.storage.identity import load_identity
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.peers import find_peer, to_peer
from stalking_tui.storage.store import CaseStore

SIZE = (80, 24)
PASSPHRASE = "wachtwoordzin fictief voor tests"
BASIS = "Convenant Veiligheidshuis Fictief, artikel 5 (testgrondslag)"
VICTIM = "Zoë [bold]Fictief[/"


@pytest.fixture(autouse=True)
def dutch_and_isolated_log(tmp_path: Path):
    crash.configure_logging(tmp_path / "log")
    yield
    crash.close_logging()
    set_language("nl")


def create_store(directory: Path, device: str) -> CaseStore:
    profile = Profile(user_name=f"Gebruiker {device} (fictief)", organisation="VT", role="casusregisseur", device_name=device)
    store, _recovery_code = CaseStore.create(directory, PASSPHRASE, profile, kdf=KdfParams.TESTING)
    return store


def open_store(directory: Path) -> CaseStore:
    return CaseStore.open(directory, PASSPHRASE)


@pytest.fixture
def stores(tmp_path, make_report):
    """Create closed stores A (one real, fictional case) and B, and return (dir A, dir B, case number in A)."""
    with create_store(tmp_path / "A", "A") as a:
        case = a.report_case(make_report(demo=False, parties=[
            {"role": "slachtoffer", "name": VICTIM}, {"role": "pleger", "name": "Bram Verzonnen"},
        ]))
    with create_store(tmp_path / "B", "B"):
        pass
    return tmp_path / "A", tmp_path / "B", case.number


def identity_text(directory: Path) -> str:
    with open_store(directory) as store:
        return store.own_identity().to_text()


def enrol(directory: Path, other: Path, name: str) -> None:
    """Add the store in `other` as a peer of the store in `directory`, through the store."""
    text = identity_text(other)
    with open_store(directory) as store:
        store.add_peer(text, name)


def make_app(directory: Path, tmp_path: Path) -> StalkingApp:
    return create_app(directory, kdf=KdfParams.TESTING, log_dir=tmp_path / "log",
                      settings=Settings(auto_lock_seconds=0))


async def settle(pilot) -> None:
    """Wait until store workers finished and the messages they caused are handled."""
    for _round in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def unlock(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = PASSPHRASE
    await pilot.press("enter")
    await settle(pilot)


def bundle_with_event_kind(sender: Path, recipient: Path, peer: str, kind: str, path: Path) -> None:
    """Write a bundle from `sender` whose last event has `kind`, signed and encrypted as an export does.

    The sender must share a case with `peer`. The kind is changed after the body is built,
    so the receiver quarantines that event as an unknown kind.
    """
    recipient_identity = identity_text(recipient)
    with open_store(sender) as store, store._session() as session:
        row = find_peer(session, peer)
        identity = load_identity(session)
        body, _cases = store._bundle_body(session, row.signing_key, to_peer(row), identity.public, None)
        body = json.loads(canonical_json(body))
        body["events"][-1]["kind"] = kind
        path.write_bytes(seal(body, identity, PeerIdentity.from_text(recipient_identity)))


def share_and_export(sender: Path, peer: str, path: Path) -> None:
    """Share every case of `sender` with `peer` and export a bundle, through the store."""
    with open_store(sender) as store:
        for case in store.list_cases():
            store.share_case(case.case_id, peer, BASIS)
        store.export_bundle(peer, path)


def screen_text(app: StalkingApp) -> str:
    """Return the terminal as plain text, modal backgrounds included, as `App.export_screenshot` renders it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    frame = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(frame)
    return console.export_text()
