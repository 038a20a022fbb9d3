"""Schema migrations on the committed fixture stores (tests/fixtures/store_v<N>, cheap Argon2id: 8 KiB, 1 pass)."""

import json
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from stalking_tui.storage import keyslots, migrations
from stalking_tui.storage.engine import make_engine
from stalking_tui.storage.errors import MigrationFailed, StoreTooNew
from stalking_tui.storage.paths import DATABASE_FILE, SLOT_FILE
from stalking_tui.storage.store import CaseStore
from stalking_tui.storage.tables import SCHEMA_VERSION, MetaRow

FIXTURES = Path(__file__).parent.parent / "fixtures"
FIXTURE_PASSPHRASE = "fixture fictief niet geheim"
RELEASED_VERSIONS = sorted(int(path.name.removeprefix("store_v")) for path in FIXTURES.glob("store_v*"))


def _copy_fixture(version: int, tmp_path: Path) -> Path:
    target = tmp_path / f"store_v{version}"
    shutil.copytree(FIXTURES / f"store_v{version}", target)
    return target


def _raw_meta(directory: Path) -> dict:
    """Read the meta table without CaseStore, so no migration runs."""
    key = keyslots.unlock_with_passphrase(directory, FIXTURE_PASSPHRASE)
    engine = make_engine(directory / DATABASE_FILE, key)
    try:
        with Session(engine) as session:
            return {row.key: json.loads(row.value) for row in session.exec(select(MetaRow))}
    finally:
        engine.dispose()


def test_every_version_has_fixture():
    assert RELEASED_VERSIONS == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", RELEASED_VERSIONS)
def test_fixture_opens_and_migrates(version, tmp_path):
    directory = _copy_fixture(version, tmp_path)

    with CaseStore.open(directory, FIXTURE_PASSPHRASE) as store:
        cases = store.list_cases()
        names = {party.name for case in cases for party in case.parties}
        findings = store.verify()

    assert len(cases) == 2
    assert "Zoë Fictief" in names
    assert [finding.check for finding in findings if not finding.ok] == []
    assert _raw_meta(directory)["schema_version"] == SCHEMA_VERSION


def test_migration_makes_encrypted_backup(tmp_path):
    directory = _copy_fixture(1, tmp_path)
    original = (directory / DATABASE_FILE).read_bytes()

    CaseStore.open(directory, FIXTURE_PASSPHRASE).close()

    backups = list((directory / migrations.BACKUP_DIR).iterdir())
    assert len(backups) == 1
    assert backups[0].name.startswith("schema-v1-")
    assert (backups[0] / DATABASE_FILE).read_bytes() == original
    assert (backups[0] / SLOT_FILE).is_file()
    assert b"SQLite format 3" not in (backups[0] / DATABASE_FILE).read_bytes()[:16]
    assert _raw_meta(backups[0])["schema_version"] == 1


def test_current_store_makes_no_backup(make_store, store_dir, open_store):
    make_store().close()
    open_store().close()

    assert not (store_dir / migrations.BACKUP_DIR).exists()


def test_failed_migration_leaves_original(tmp_path, monkeypatch):
    directory = _copy_fixture(1, tmp_path)
    real_step = migrations.STEPS[1]

    def failing_step(connection):
        real_step(connection)  # the index and the head are written, then the step fails
        raise RuntimeError("simulated failure in a migration step")

    monkeypatch.setitem(migrations.STEPS, 1, failing_step)
    with pytest.raises(MigrationFailed) as raised:
        CaseStore.open(directory, FIXTURE_PASSPHRASE)

    meta = _raw_meta(directory)
    assert meta["schema_version"] == 1
    assert "audit_head" not in meta
    assert "backups" in raised.value.user_message

    # The lock was released and a later, working migration succeeds.
    monkeypatch.setitem(migrations.STEPS, 1, real_step)
    CaseStore.open(directory, FIXTURE_PASSPHRASE).close()
    assert _raw_meta(directory)["schema_version"] == SCHEMA_VERSION


def test_newer_store_rejected(make_store, store_dir, passphrase):
    store = make_store()
    with store._engine.begin() as connection:
        connection.exec_driver_sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()

    with pytest.raises(StoreTooNew):
        CaseStore.open(store_dir, passphrase)

    assert not (store_dir / migrations.BACKUP_DIR).exists()
