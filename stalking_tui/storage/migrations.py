"""Schema migrations: bring a store made by an older app up to `SCHEMA_VERSION`.

Before any change the encrypted database and its slot file are copied, while no
connection is open, into `backups/schema-v<N>-<time>/` inside the store directory. All
steps then run in one transaction together with the new version number, so a failed
migration leaves the database exactly as it was.
"""

import json
import logging
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from .engine import make_engine, translate_errors
from .errors import MigrationFailed, StoreDamaged, StoreError, StoreTooNew
from .paths import DATABASE_FILE, SLOT_FILE
from .tables import SCHEMA_VERSION

BACKUP_DIR = "backups"

log = logging.getLogger(__name__)


def _v1_to_v2(connection: Connection) -> None:
    """Index the access log by case and store the chain head, so tail truncation is detectable."""
    connection.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_audit_case ON audit (case_id)")
    last = connection.exec_driver_sql("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").first()
    if last is not None:
        head = json.dumps({"id": last.id, "hash": last.hash})
        connection.execute(
            text("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', :value)"), {"value": head},
        )


STEPS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2}
"""Migration step by the version it starts from; step N turns version N into N + 1."""


def schema_version(engine: Engine) -> int | None:
    with translate_errors(), engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").first()
    return json.loads(row.value) if row else None


def migrate_if_needed(directory: Path, engine: Engine, key: bytearray) -> tuple[Engine, int | None]:
    """Return an engine on a store at the current version, and the version it had before a migration.

    The second value is None when nothing had to change. Raises StoreTooNew for a store of a
    newer app, StoreDamaged for a store without a version, MigrationFailed when a step fails.
    The engine passed in is disposed of when a migration runs.
    """
    version = schema_version(engine)
    if version == SCHEMA_VERSION:
        return engine, None
    if version is None:
        raise StoreDamaged("the meta table has no schema_version")
    if version > SCHEMA_VERSION:
        raise StoreTooNew(f"schema version {version}, this app knows up to {SCHEMA_VERSION}")

    # Fold the WAL into the file and close every connection, so the copy is complete.
    with translate_errors(), engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    backup = make_backup(directory, version)

    engine = make_engine(directory / DATABASE_FILE, key)
    try:
        _run_steps(engine, version)
    except BaseException:
        engine.dispose()
        raise
    log.info("store migrated from schema %d to %d, backup in %s", version, SCHEMA_VERSION, backup.name)
    return engine, version


def make_backup(directory: Path, version: int) -> Path:
    """Copy the closed database and the slot file into a new backup folder; return the folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = directory / BACKUP_DIR / f"schema-v{version}-{stamp}"
    backup.mkdir(mode=0o700, parents=True)
    for name in (DATABASE_FILE, DATABASE_FILE + "-wal", SLOT_FILE):
        source = directory / name
        if source.is_file():
            shutil.copy2(source, backup / name)
            if os.name == "posix":
                (backup / name).chmod(0o600)
    return backup


def _run_steps(engine: Engine, version: int) -> None:
    try:
        with translate_errors(), engine.begin() as connection:
            for start in range(version, SCHEMA_VERSION):
                STEPS[start](connection)
            connection.execute(
                text("UPDATE meta SET value = :value WHERE key = 'schema_version'"),
                {"value": json.dumps(SCHEMA_VERSION)},
            )
    except StoreError:
        raise
    except Exception as error:
        raise MigrationFailed(f"step from schema {version} failed: {type(error).__name__}") from None
