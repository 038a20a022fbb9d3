"""The store facade: the only way screens reach the encrypted case data.

Every method does blocking database or crypto work, so screens call it from a thread
worker. Methods return plain domain objects, never ORM rows.

CONTRACT (implemented in this module):

    CaseStore.exists(directory) -> bool
    CaseStore.create(directory, passphrase, profile, kdf=None, routes=None) -> (CaseStore, recovery_code)
    CaseStore.open(directory, passphrase, kdf=None, routes=None) -> CaseStore
        raises WrongPassphrase, StoreDamaged, StoreInUse, StoreTooNew, UnlockDelayed,
        MigrationFailed (storage.errors); an older store is backed up and migrated first
    CaseStore.open_with_recovery_code(directory, recovery_code, new_passphrase, kdf=None, routes=None)
        -> CaseStore; unlocks with the recovery code and sets `new_passphrase`
    store.profile -> Profile
    store.device_id -> str                          random id of this store, stamped on its events
    store.directory -> Path;  store.is_open -> bool
    store.close()                                   idempotent; wipes the key
    store.change_passphrase(old, new, kdf=None)     rewraps the key; raises WrongPassphrase
    store.list_cases() -> list[CaseState]           ordered by case number (year, then counter)
    store.search_cases(text) -> list[CaseState]     accent- and case-insensitive, on party names and number
    store.get_case(case_id) -> CaseState            raises CaseNotFound
    store.timeline(case_id) -> list[Event]          ordered by hlc; raises CaseNotFound
    store.report_case(report: CaseReported | dict) -> CaseState   creates case + number
        raises InvalidEvent for an invalid dict
    store.record(case_id, kind, payload: dict, base_id=None) -> CaseState
        validates the payload for its kind, appends the event, applies the fold and any
        automatic transitions of the route map, all in one transaction;
        raises InvalidEvent (nothing written) or CaseNotFound; `base_id` names the
        event that this one edits
    store.set_route_map(routes)                     use `routes` (e.g. a regional map) for automatic transitions
    store.log_access(action, case_id=None, detail="")   audit entry for export, print, break_glass
    store.rebuild_projections() -> int              refolds every case from the event log
    store.save_draft(key, data: dict) / load_draft(key) -> dict | None / delete_draft(key)
        drafts live encrypted in the database, never in a plain file
    store.first_broken_audit_entry() -> int | None  None while the audit hash chain is intact;
                                                    0 when entries were removed from its end
    store.access_log(case_id) -> list[AccessEntry]  audit entries about one case, oldest first
    store.verify() -> list[Finding]                 integrity, projections and audit chain checks
    CaseStore.unlock_wait(directory) -> int         seconds before the next unlock attempt is allowed
    Sync (peers, shares, export, import, conflicts, quarantine): see storage.sync.SyncMixin,
        which CaseStore inherits
    Screening instruments (import, list, default): see storage.instruments.InstrumentsMixin

`kdf` on create sets the Argon2id parameters of both slots (default KdfParams.DEFAULT).
On open, a `kdf` that differs from the passphrase slot's parameters rewraps that slot
with it; unlocking always uses the parameters stored in the slot. `routes` is the route
map for automatic transitions (default: the national route map, loaded on first use).

Every open, read, search and change writes an audit entry; drafts are not audited.
Only one process may have a store open: the second gets StoreInUse. Failures of the store
raise StoreError subclasses, whose `user_message` is the Dutch text for the user; an
unknown audit action in log_access raises ValueError, because it is a programming error.
"""

import logging
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import filelock
from pydantic import ValidationError
from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from ..domain import case as fold
from ..domain.case import CaseState
from ..domain.events import CaseReported, Event, validate_payload
from ..domain.profile import Actor, Profile
from ..domain.routemap import RouteMap, national_route_map
from ..domain.text import fold as fold_text
from . import audit, keyslots, migrations, unlock_attempts, verify
from .engine import make_engine, translate_errors
from .errors import (
    CaseNotFound, InvalidEvent, StoreDamaged, StoreError, StoreExists, StoreInUse, StoreTooNew, UnlockDelayed,
    WrongPassphrase,
)
from .eventlog import append_event, read_meta, write_meta
from .keyslots import KdfParams
from .identity import prepare_sync
from .instruments import InstrumentsMixin, prepare_instruments
from .paths import DATABASE_FILE, LOCK_FILE, SLOT_FILE, store_exists
from .sync import SyncMixin, default_base, rebuild_cases
from .tables import SCHEMA_VERSION, TABLES, CaseViewRow, DraftRow, EventRow

# Upper bound on automatic transitions after one event. A chain such as ACUUT → HOOG is
# shorter than the number of tracks, so the bound only stops a map whose next_when_done
# entries form a cycle.
MAX_AUTOMATIC_STEPS = 10

log = logging.getLogger(__name__)


class CaseStore(SyncMixin, InstrumentsMixin):
    """An open, unlocked store. Build one with `create`, `open` or `open_with_recovery_code`."""

    def __init__(self, directory: Path, engine, key: bytearray, lock: filelock.BaseFileLock,
                 routes: RouteMap | None) -> None:
        self.directory = directory
        self._engine = engine
        self._key = key
        self._lock_file = lock
        self._routes = routes
        self._mutex = threading.RLock()

        with self._session() as session:
            meta = read_meta(session)
        # _unlock migrates an older store before this point, so any other version is newer.
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise StoreTooNew(f"unsupported schema version {meta.get('schema_version')!r}")
        self._profile = Profile.model_validate(meta["profile"])
        self._device_id: str = meta["device_id"]
        # Sync tables and the device identity; a store made before sync gets them here.
        prepare_sync(self._engine)
        prepare_instruments(self._engine)

    # -- opening and closing ------------------------------------------------------------

    @staticmethod
    def exists(directory: Path | str) -> bool:
        return store_exists(directory)

    @staticmethod
    def unlock_wait(directory: Path | str) -> int:
        """Return the seconds left of the wait after failed unlock attempts, also across restarts."""
        return unlock_attempts.seconds_to_wait(Path(directory))

    @classmethod
    def create(cls, directory: Path | str, passphrase: str, profile: Profile,
               kdf: KdfParams | None = None, routes: RouteMap | None = None) -> tuple["CaseStore", str]:
        """Create an empty store in `directory`; return it and the recovery code to show once."""
        directory = Path(directory)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if (directory / SLOT_FILE).exists() or (directory / DATABASE_FILE).exists():
            raise StoreExists(f"a store already exists in {directory}")

        lock = _acquire_lock(directory)
        key = None
        engine = None
        try:
            key, recovery_code = keyslots.create_slots(directory, passphrase, kdf)
            engine = make_engine(directory / DATABASE_FILE, key)
            with translate_errors():
                _initialise(engine, profile)
            _restrict_to_owner(directory)
            store = cls(directory, engine, key, lock, routes)
        except BaseException:
            # Leave no half-made store behind, so the user can simply try again.
            if engine is not None:
                engine.dispose()
            if key is not None:
                _wipe(key)
            for name in (SLOT_FILE, DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
                (directory / name).unlink(missing_ok=True)
            lock.release()
            raise

        with _closed_on_error(store):
            store._audit("open", detail="created")
        return store, recovery_code

    @classmethod
    def open(cls, directory: Path | str, passphrase: str, kdf: KdfParams | None = None,
             routes: RouteMap | None = None) -> "CaseStore":
        """Unlock the store in `directory` with `passphrase`."""
        directory = Path(directory)
        store = cls._unlock(directory, lambda: keyslots.unlock_with_passphrase(directory, passphrase), routes)
        if kdf is not None and kdf != keyslots.passphrase_kdf(directory):
            with _closed_on_error(store):
                keyslots.set_passphrase(directory, store._key, passphrase, kdf)
        return store

    @classmethod
    def open_with_recovery_code(cls, directory: Path | str, recovery_code: str, new_passphrase: str,
                                kdf: KdfParams | None = None, routes: RouteMap | None = None) -> "CaseStore":
        """Unlock with the recovery code and replace the forgotten passphrase by `new_passphrase`."""
        directory = Path(directory)
        store = cls._unlock(directory, lambda: keyslots.unlock_with_recovery_code(directory, recovery_code), routes)
        with _closed_on_error(store):
            keyslots.set_passphrase(directory, store._key, new_passphrase, kdf)
            store._audit("change", detail="passphrase reset with recovery code")
        return store

    @classmethod
    def _unlock(cls, directory: Path, unlock, routes: RouteMap | None) -> "CaseStore":
        if not store_exists(directory):
            raise StoreDamaged(f"{SLOT_FILE} is missing in {directory}")

        lock = _acquire_lock(directory)
        key = None
        engine = None
        try:
            key = _unlock_counting_failures(directory, unlock)
            if not (directory / DATABASE_FILE).is_file():
                # Without this check SQLite would silently create a new, empty database.
                raise StoreDamaged(f"{DATABASE_FILE} is missing in {directory}")
            engine = make_engine(directory / DATABASE_FILE, key)
            engine, migrated_from = migrations.migrate_if_needed(directory, engine, key)
            store = cls(directory, engine, key, lock, routes)
        except BaseException:
            if engine is not None:
                engine.dispose()
            if key is not None:
                _wipe(key)
            lock.release()
            raise

        with _closed_on_error(store):
            failures = unlock_attempts.reset(directory)
            store._audit("open", detail=f"after {failures} failed attempts" if failures else "")
            if migrated_from is not None:
                store._audit("change", detail=f"schema migrated from {migrated_from} to {SCHEMA_VERSION}")
        return store

    def close(self) -> None:
        """Dispose of the connections, wipe the key and release the lock; safe to call twice."""
        with self._mutex:
            if self._engine is None:
                return
            self._engine.dispose()
            self._engine = None
            _wipe(self._key)
            self._key = None
            self._lock_file.release()

    def __enter__(self) -> "CaseStore":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def profile(self) -> Profile:
        return self._profile

    @property
    def device_id(self) -> str:
        return self._device_id

    def change_passphrase(self, old: str, new: str, kdf: KdfParams | None = None) -> None:
        """Rewrap the database key under `new`; the database itself is not re-encrypted."""
        with self._mutex:
            self._check_open()
            keyslots.change_passphrase(self.directory, old, new, kdf)
            self._audit("change", detail="passphrase changed")

    # -- reading --------------------------------------------------------------------------

    def list_cases(self) -> list[CaseState]:
        with self._session() as session:
            rows = session.exec(select(CaseViewRow)).all()
            self._audit_in(session, "read", detail=f"case list, {len(rows)} cases")
            return _states_in_number_order(rows)

    def search_cases(self, text: str) -> list[CaseState]:
        """Return the cases whose party names or number contain every word of `text`."""
        words = fold_text(text).split()
        with self._session() as session:
            query = select(CaseViewRow)
            for word in words:
                # instr() instead of LIKE, so "%" and "_" in a query are plain characters.
                query = query.where(func.instr(CaseViewRow.search_text, word) > 0)
            rows = session.exec(query).all()
            # The search words may be a name, so only their number goes into the audit log.
            self._audit_in(session, "search", detail=f"{len(words)} words, {len(rows)} results")
            return _states_in_number_order(rows)

    def get_case(self, case_id: str) -> CaseState:
        with self._session() as session:
            state = _load_state(session, case_id)
            self._audit_in(session, "read", case_id=case_id, detail="case")
            return state

    def timeline(self, case_id: str) -> list[Event]:
        with self._session() as session:
            _load_state(session, case_id)
            rows = session.exec(
                select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.hlc, EventRow.id)
            ).all()
            self._audit_in(session, "read", case_id=case_id, detail=f"timeline, {len(rows)} events")
            return [_event_from_row(row) for row in rows]

    # -- writing --------------------------------------------------------------------------

    def report_case(self, report: CaseReported | dict) -> CaseState:
        """Create a case from its intake; assigns the id and the number "<year>-<counter>"."""
        payload = _validated("case.reported", report if isinstance(report, dict) else report.model_dump(mode="json"))
        received_year = CaseReported.model_validate(payload).received_at.year

        with self._session() as session:
            now = datetime.now(UTC)
            meta = read_meta(session)
            counter_key = f"case_counter:{received_year}"
            counter = meta.get(counter_key, 0) + 1
            write_meta(session, counter_key, counter)
            number = f"{received_year}-{counter:04d}"

            event = append_event(session, *self._actor(), None, "case.reported", payload, now)
            state = fold.new_case(event, number)
            _write_view(session, state)
            self._audit_in(session, "change", case_id=state.case_id, detail=f"{event.kind} {event.id}")
            return state

    def record(self, case_id: str, kind: str, payload: dict, base_id: str | None = None) -> CaseState:
        """Append one event and any automatic transitions it triggers, in one transaction.

        `base_id` is the id of the event this one edits; it must belong to the same case.
        """
        if kind == "case.reported":
            raise InvalidEvent(kind, {"kind": "a case is created with report_case, not record"})
        payload = _validated(kind, payload)
        routes = self._route_map()

        with self._session() as session:
            now = datetime.now(UTC)
            state = _load_state(session, case_id)
            if base_id is not None:
                base = session.get(EventRow, base_id)
                if base is None or base.case_id != case_id:
                    raise InvalidEvent(kind, {"base_id": "no event with this id in this case"})
            else:
                base_id = default_base(session, case_id, kind)

            event = append_event(session, *self._actor(), case_id, kind, payload, now, base_id=base_id)
            state = fold.apply(state, event)
            events = [event]

            for _ in range(MAX_AUTOMATIC_STEPS):
                transitions = fold.automatic_transitions(state, routes)
                if not transitions:
                    break
                for automatic_kind, automatic_payload in transitions:
                    payload = _validated(automatic_kind, automatic_payload)
                    automatic = append_event(session, *self._actor(), case_id, automatic_kind, payload, now)
                    state = fold.apply(state, automatic)
                    events.append(automatic)

            _write_view(session, state)
            kinds = ", ".join(e.kind for e in events)
            self._audit_in(session, "change", case_id=case_id, detail=f"{kinds}; first event {event.id}")
            return state

    def rebuild_projections(self) -> int:
        """Refold every case from its events and rewrite its projection; return the number of cases.

        Case numbers are not part of the log, so they are kept from the current projection.
        """
        with self._session() as session:
            numbers = {row.case_id: row.number for row in session.exec(select(CaseViewRow))}
            # The merge fold of sync: equal to the plain fold, plus conflicts between devices.
            rebuild_cases(session, list(numbers), numbers)
            self._audit_in(session, "change", detail=f"projections rebuilt, {len(numbers)} cases")
            return len(numbers)

    def save_draft(self, key: str, data: dict) -> None:
        with self._session() as session:
            session.merge(DraftRow(key=key, data=data, updated_at=datetime.now(UTC).isoformat()))

    def load_draft(self, key: str) -> dict | None:
        with self._session() as session:
            row = session.get(DraftRow, key)
            return dict(row.data) if row else None

    def delete_draft(self, key: str) -> None:
        with self._session() as session:
            row = session.get(DraftRow, key)
            if row is not None:
                session.delete(row)

    def set_route_map(self, routes: RouteMap) -> None:
        """Use `routes` for automatic transitions from now on, e.g. the regional map loaded after unlock."""
        with self._mutex:
            self._routes = routes

    def log_access(self, action: str, case_id: str | None = None, detail: str = "") -> None:
        """Add an audit entry for an access the store cannot see itself: export, print, break_glass.

        `detail` must contain ids and counts only, never names or notes.
        """
        self._audit(action, case_id=case_id, detail=detail)

    def access_log(self, case_id: str) -> list[audit.AccessEntry]:
        """Return who accessed `case_id` and how, oldest first; viewing it is itself logged."""
        with self._session() as session:
            _load_state(session, case_id)
            entries = audit.entries_for_case(session, case_id)
            self._audit_in(session, "read", case_id=case_id, detail=f"access log, {len(entries)} entries")
            return entries

    def verify(self) -> list[verify.Finding]:
        """Check the encrypted pages, every projection against the log, and the access-log chain."""
        checks = [
            ("integrity", lambda: verify.check_integrity(self._engine)),
            ("projections", lambda: self._in_session(verify.check_projections)),
            ("access_log", lambda: self._in_session(verify.check_access_log)),
        ]
        findings = []
        with self._mutex:
            self._check_open()
            for name, check in checks:
                try:
                    findings.append(check())
                except StoreDamaged:
                    # A damaged page stops that check; the others still run.
                    findings.append(verify.unreadable(name))

        failed = sum(not finding.ok for finding in findings)
        log.info("verify finished, %d of %d checks failed", failed, len(findings))
        try:
            self._audit("read", detail=f"verify, {failed} checks failed")
        except StoreError as error:
            # SQLCipher turns a store with a page that fails its HMAC read-only.
            log.warning("verify could not write its access-log entry: %s", type(error).__name__)
        return findings

    def _in_session(self, check):
        with self._session() as session:
            return check(session)

    def first_broken_audit_entry(self) -> int | None:
        """Return the id of the first audit entry that breaks the hash chain, or None."""
        with self._session() as session:
            return audit.first_broken_entry(session)

    # -- helpers --------------------------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """Yield a session inside one transaction; commit on success, roll back on any error.

        The mutex serialises this process's transactions, because audit entries make even
        reads write, and SQLite allows one writer at a time.
        """
        with self._mutex:
            self._check_open()
            with translate_errors(), Session(self._engine) as session, session.begin():
                yield session

    def _check_open(self) -> None:
        if self._engine is None:
            raise StoreError("the store is closed")

    def _actor(self) -> tuple[Actor, str]:
        return Actor.from_profile(self._profile), self._device_id

    def _route_map(self) -> RouteMap:
        if self._routes is None:
            self._routes = national_route_map()
        return self._routes

    def _audit(self, action: str, case_id: str | None = None, detail: str = "") -> None:
        with self._session() as session:
            self._audit_in(session, action, case_id=case_id, detail=detail)

    def _audit_in(self, session: Session, action: str, case_id: str | None = None, detail: str = "") -> None:
        audit.append_entry(session, self._profile, action, datetime.now(UTC), case_id=case_id, detail=detail)


def _unlock_counting_failures(directory: Path, unlock) -> bytearray:
    """Run `unlock` unless the wait after earlier failures has not passed; count a wrong secret."""
    wait = unlock_attempts.seconds_to_wait(directory)
    if wait:
        log.warning("unlock rejected: %d s of the wait after failed attempts remain", wait)
        raise UnlockDelayed(wait)
    try:
        return unlock()
    except WrongPassphrase as error:
        attempts = unlock_attempts.record_failure(directory)
        error.failures = attempts.failures
        error.wait_seconds = unlock_attempts.delay_after(attempts.failures)
        # Counts only: the typed secret never reaches the log.
        log.warning("unlock failed: wrong secret, %d failures in a row", attempts.failures)
        raise


def _acquire_lock(directory: Path) -> filelock.BaseFileLock:
    """Take the store's lock file without waiting; the OS releases it if the process dies."""
    # Not thread-local: a worker thread may open the store and the UI thread close it.
    lock = filelock.FileLock(directory / LOCK_FILE, mode=0o600, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise StoreInUse(f"{directory / LOCK_FILE} is held by another process") from None
    return lock


def _restrict_to_owner(directory: Path) -> None:
    """Make the store files readable by their owner only; SQLite gives later -wal/-shm files the same mode."""
    if os.name != "posix":
        return  # NOTE: on Windows the files keep the permissions of the user's profile folder
    for path in directory.iterdir():
        if path.name.startswith(DATABASE_FILE) or path.name == SLOT_FILE:
            path.chmod(0o600)


def _initialise(engine, profile: Profile) -> None:
    SQLModel.metadata.create_all(engine, tables=TABLES)
    with Session(engine) as session, session.begin():
        write_meta(session, "schema_version", SCHEMA_VERSION)
        write_meta(session, "device_id", uuid.uuid4().hex)
        write_meta(session, "device_name", profile.device_name)
        write_meta(session, "profile", profile.model_dump(mode="json"))
        write_meta(session, "next_seq", 1)


def _validated(kind: str, payload: dict) -> dict:
    """Return the payload normalised by its model; raises InvalidEvent with per-field messages."""
    try:
        model = validate_payload(kind, payload)
    except KeyError:
        raise InvalidEvent(kind, {"kind": f"unknown event kind {kind!r}"}) from None
    except ValidationError as error:
        # The pydantic message text carries no input values, unlike str(error).
        field_errors = {".".join(map(str, e["loc"])) or "payload": e["msg"] for e in error.errors()}
        raise InvalidEvent(kind, field_errors) from None
    return model.model_dump(mode="json")


def _states_in_number_order(rows: list[CaseViewRow]) -> list[CaseState]:
    """Return the states sorted by (year, counter), so "2026-10000" follows "2026-9999"."""

    def number_key(row: CaseViewRow) -> tuple[int, int]:
        year, counter = row.number.split("-")
        return int(year), int(counter)

    return [CaseState.model_validate_json(row.state_json) for row in sorted(rows, key=number_key)]


@contextmanager
def _closed_on_error(store: CaseStore) -> Iterator[None]:
    """Close `store` if the block fails, so a failed open never keeps the lock or the key."""
    try:
        yield
    except BaseException:
        store.close()
        raise


def _load_state(session: Session, case_id: str) -> CaseState:
    row = session.get(CaseViewRow, case_id)
    if row is None:
        raise CaseNotFound(case_id)
    return CaseState.model_validate_json(row.state_json)


def _write_view(session: Session, state: CaseState) -> None:
    """Insert or replace the view row of a case."""
    session.merge(CaseViewRow(**view_values(state)))


def view_values(state: CaseState) -> dict:
    """Return the columns of the view row of `state`."""
    names = " ".join(party.name for party in state.parties)
    return {
        "case_id": state.case_id,
        "number": state.number,
        "search_text": fold_text(f"{names} {state.number}"),
        "track": state.track.value,
        "level": state.level.value if state.level else None,
        "state_json": state.model_dump_json(),
        "updated_at": state.updated_at.isoformat(),
    }


def _event_from_row(row: EventRow) -> Event:
    return Event(
        id=row.id, case_id=row.case_id, device_id=row.device_id, seq=row.seq, hlc=row.hlc,
        recorded_at=datetime.fromisoformat(row.recorded_at), actor=row.actor, kind=row.kind,
        payload=row.payload, base_id=row.base_id,
    )


def _wipe(key: bytearray) -> None:
    key[:] = bytes(len(key))
