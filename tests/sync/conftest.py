"""Two real SQLCipher stores, A and B, in tmp_path, with cheap Argon2id (KdfParams.TESTING).

The root conftest provides `make_report` (a fictional intake). Sync tests pass demo=False
for cases that go to a real store; the names stay fictional all the same.
"""

from pathlib import Path

import pytest

from stalking_tui.domain.profile import Profile
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore

BASIS = "Convenant Veiligheidshuis Fictief, art. 5 (testgrondslag)"


@pytest.fixture
def make_device(tmp_path):
    """make_device(name) -> CaseStore in tmp_path/name, closed after the test."""
    opened: list[CaseStore] = []

    def make(name: str, routes=None) -> CaseStore:
        profile = Profile(user_name=f"Gebruiker {name} (fictief)", organisation="VT", role="casusregisseur", device_name=name)
        store, _recovery_code = CaseStore.create(tmp_path / name, "wachtwoord fictief", profile, kdf=KdfParams.TESTING, routes=routes)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def pair(make_device):
    """Stores A and B that have enrolled each other as peers "B" and "A"."""
    a = make_device("A")
    b = make_device("B")
    a.add_peer(b.own_identity().to_text(), "B")
    b.add_peer(a.own_identity().to_text(), "A")
    return a, b


@pytest.fixture
def payloads_for_sync() -> dict[str, dict]:
    """Valid fictional payloads for edits made offline on one side."""
    return {
        "role.appointed": {"role": "procesregisseur", "name": "Regisseur Fictief", "organisation": "VT"},
        "incident.recorded": {
            "occurred_at": "2026-03-16T21:00:00+00:00", "kind": "contact", "reporter": "victim",
            "description": "Fictief: belde twaalf keer.",
        },
    }
