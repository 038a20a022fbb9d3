"""Shared fixtures: a real SQLCipher store in a temp dir, unlocked with cheap Argon2id.

Fixtures (names are stable, other test folders use them):

    passphrase    the passphrase that make_store and open_store use by default.
    cheap_kdf     KdfParams.TESTING: Argon2id with 8 KiB and 1 pass, so a test store
                  unlocks in milliseconds. It protects nothing; never use it outside tests.
    profile       a fictional Profile (user "Test Gebruiker", organisation "VT").
    store_dir     an empty directory path for a store: tmp_path / "store".
    make_store    make_store(directory=store_dir, passphrase=PASSPHRASE, profile=profile,
                  routes=None) -> CaseStore, created with cheap_kdf; closed after the test.
    open_store    open_store(directory=store_dir, passphrase=PASSPHRASE, routes=None)
                  -> CaseStore; reopens a store made earlier; closed after the test.
    make_report   make_report(**overrides) -> CaseReported, a fictional intake (victim
                  "Zoë Fictief", perpetrator "Bram Verzonnen") with `demo=True`.

`routes=None` means the national route map from stalking_tui/data.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from stalking_tui.domain.events import CaseReported
from stalking_tui.domain.profile import Profile
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore

PASSPHRASE = "correct paard batterij niet echt"


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def cheap_kdf() -> KdfParams:
    return KdfParams.TESTING


@pytest.fixture
def profile() -> Profile:
    return Profile(user_name="Test Gebruiker", organisation="VT", role="casusregisseur", device_name="testlaptop")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def make_store(store_dir, profile, cheap_kdf):
    opened: list[CaseStore] = []

    def make(directory: Path | None = None, passphrase: str = PASSPHRASE, profile: Profile = profile,
             routes=None) -> CaseStore:
        store, _recovery_code = CaseStore.create(
            directory or store_dir, passphrase, profile, kdf=cheap_kdf, routes=routes,
        )
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def open_store(store_dir):
    opened: list[CaseStore] = []

    def reopen(directory: Path | None = None, passphrase: str = PASSPHRASE, routes=None) -> CaseStore:
        store = CaseStore.open(directory or store_dir, passphrase, routes=routes)
        opened.append(store)
        return store

    yield reopen
    for store in opened:
        store.close()


@pytest.fixture
def make_report():
    def make(**overrides) -> CaseReported:
        fields = {
            "source": "politie",
            "received_at": datetime(2026, 3, 14, 9, 30, tzinfo=UTC),
            "gate": {"safe_to_talk": True, "acutely_unsafe": False},
            "parties": [
                {"role": "slachtoffer", "name": "Zoë Fictief"},
                {"role": "pleger", "name": "Bram Verzonnen"},
            ],
            "relation": "ex_partner",
            "behaviours": ["bellen", "opwachten"],
            "behaviour_text": "Fictief voorbeeld: belt dagelijks en wacht op bij het werk.",
            "demo": True,
        }
        fields.update(overrides)
        return CaseReported.model_validate(fields)

    return make
