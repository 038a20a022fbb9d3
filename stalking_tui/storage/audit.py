"""The hash-chained access log (NEN 7513 shape): who did what with which case, and when.

Each entry's hash is SHA-256 over the previous hash and the canonical JSON of the entry,
so removing, reordering or editing an entry breaks the chain at that point. The id and
hash of the last entry are also written to the meta table ("audit_head") in the same
transaction, so removing entries from the end is detected as well.

NOTE: someone who has the database key can rewrite the whole chain and the head
consistently. The chain detects damage and edits made without this code; it is no
defence against a person who already holds the unlocked store.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, select

from ..domain.profile import Profile
from .eventlog import read_meta_value, write_meta
from .tables import AUDIT_ACTIONS, AuditRow

GENESIS_HASH = "0" * 64
HEAD_KEY = "audit_head"


@dataclass(frozen=True)
class AccessEntry:
    """One access-log entry as the app shows it: who, when, which action on which case."""

    id: int
    at: datetime
    user: str
    role: str
    organisation: str
    case_id: str | None
    action: str
    detail: str


@dataclass(frozen=True)
class ChainProblem:
    """The first fault in the access-log chain: its `entry_id` (None for a removed tail) and its kind."""

    entry_id: int | None
    kind: str
    """"edited" (hash or link wrong), "gap" (an id is missing) or "truncated" (tail removed)."""


def append_entry(
    session: Session, profile: Profile, action: str, at: datetime,
    case_id: str | None = None, detail: str = "",
) -> AuditRow:
    """Add one entry after the current last one and move the head; `detail` contains ids and counts only."""
    [fields] = _chained_entries(session, profile, at, [(action, case_id, detail)])
    row = AuditRow(**fields)
    session.add(row)
    write_head(session, row.id, row.hash)
    return row


def append_entries(
    session: Session, profile: Profile, at: datetime, entries: list[tuple[str, str | None, str]],
) -> None:
    """Add (action, case_id, detail) entries in order and move the head once.

    The chain is the same as from calling `append_entry` for each entry, but the head is
    read and written once and the rows go in with one executemany, so an import that logs
    one entry per case stays cheap.
    """
    if not entries:
        return
    rows = _chained_entries(session, profile, at, entries)
    session.execute(insert(AuditRow), rows)
    write_head(session, rows[-1]["id"], rows[-1]["hash"])


def _chained_entries(
    session: Session, profile: Profile, at: datetime, entries: list[tuple[str, str | None, str]],
) -> list[dict]:
    """Return the column values of each entry, each chained to the one before it."""
    for action, _case_id, _detail in entries:
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}; expected one of {', '.join(AUDIT_ACTIONS)}")

    head = _read_head(session)
    rows = []
    for action, case_id, detail in entries:
        fields = {
            "id": head["id"] + 1,
            "at": at.isoformat(),
            "user": profile.user_name,
            "role": profile.role,
            "organisation": profile.organisation,
            "case_id": case_id,
            "action": action,
            "detail": detail,
            "prev_hash": head["hash"],
        }
        fields["hash"] = _fields_hash(fields)
        rows.append(fields)
        head = {"id": fields["id"], "hash": fields["hash"]}
    return rows


def _read_head(session: Session) -> dict:
    # Chain to the stored head rather than to the last row, so entries removed from the
    # end leave a gap before the new entry instead of being hidden by it.
    head = read_meta_value(session, HEAD_KEY)
    if head is None:
        # NOTE: a store whose head was deleted chains to its last row; check_chain reports
        # the missing head only until the next entry is written.
        last = session.exec(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()
        head = {"id": last.id, "hash": last.hash} if last else {"id": 0, "hash": GENESIS_HASH}
    return head


def write_head(session: Session, entry_id: int, entry_hash_hex: str) -> None:
    write_meta(session, HEAD_KEY, {"id": entry_id, "hash": entry_hash_hex})


def entry_hash(row: AuditRow) -> str:
    """Return the SHA-256 hex digest chaining `row` to its `prev_hash`."""
    return _fields_hash(row.model_dump(exclude={"hash"}))


def _fields_hash(fields: dict) -> str:
    """Return the SHA-256 hex digest over the previous hash and the entry's columns except `hash`."""
    canonical = json.dumps(
        {key: value for key, value in fields.items() if key != "hash"},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256(fields["prev_hash"].encode("ascii") + canonical.encode("utf-8")).hexdigest()


def check_chain(session: Session) -> ChainProblem | None:
    """Walk the whole chain and compare its end with the stored head; None if all is intact."""
    expected_prev = GENESIS_HASH
    expected_id = 1
    last: AuditRow | None = None
    for row in session.exec(select(AuditRow).order_by(AuditRow.id)):
        if row.id != expected_id:
            return ChainProblem(row.id, "gap")
        if row.prev_hash != expected_prev or row.hash != entry_hash(row):
            return ChainProblem(row.id, "edited")
        expected_prev = row.hash
        expected_id += 1
        last = row

    head = read_meta_value(session, HEAD_KEY)
    if head is None:
        # Only a store without any access yet has no head; any entry means it was removed.
        return ChainProblem(None, "truncated") if last is not None else None
    if last is None or last.id < head["id"]:
        return ChainProblem(None, "truncated")
    if last.id != head["id"] or last.hash != head["hash"]:
        return ChainProblem(last.id, "edited")
    return None


def first_broken_entry(session: Session) -> int | None:
    """Return the id of the first entry that breaks the chain, or None if the chain is intact.

    A removed tail has no entry to name, so it returns 0 (ids start at 1).
    """
    problem = check_chain(session)
    if problem is None:
        return None
    return problem.entry_id if problem.entry_id is not None else 0


def entries_for_case(session: Session, case_id: str) -> list[AccessEntry]:
    """Return the entries about `case_id`, oldest first."""
    rows = session.exec(select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.id))
    return [
        AccessEntry(
            id=row.id, at=datetime.fromisoformat(row.at), user=row.user, role=row.role,
            organisation=row.organisation, case_id=row.case_id, action=row.action, detail=row.detail,
        )
        for row in rows
    ]
