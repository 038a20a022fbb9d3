"""The hash-chained access log (NEN 7513 shape): who did what with which case, and when.

Each entry's hash is SHA-256 over the previous hash and the canonical JSON of the entry,
so removing, reordering or editing an entry breaks the chain at that point.
"""

import hashlib
import json
from datetime import datetime

from sqlmodel import Session, select

from ..domain.profile import Profile
from .tables import AUDIT_ACTIONS, AuditRow

GENESIS_HASH = "0" * 64


def append_entry(
    session: Session, profile: Profile, action: str, at: datetime,
    case_id: str | None = None, detail: str = "",
) -> AuditRow:
    """Add one entry after the current last one; `detail` must contain ids and counts only."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; expected one of {', '.join(AUDIT_ACTIONS)}")

    last = session.exec(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()
    row = AuditRow(
        id=(last.id + 1) if last else 1,
        at=at.isoformat(),
        user=profile.user_name,
        role=profile.role,
        organisation=profile.organisation,
        case_id=case_id,
        action=action,
        detail=detail,
        prev_hash=last.hash if last else GENESIS_HASH,
        hash="",
    )
    row.hash = entry_hash(row)
    session.add(row)
    return row


def entry_hash(row: AuditRow) -> str:
    """Return the SHA-256 hex digest chaining `row` to its `prev_hash`."""
    fields = row.model_dump(exclude={"hash"})
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(row.prev_hash.encode("ascii") + canonical.encode("utf-8")).hexdigest()


def first_broken_entry(session: Session) -> int | None:
    """Return the id of the first entry whose link or hash is wrong, or None if the chain is intact.

    NOTE: removing entries from the end leaves a valid shorter chain; detecting that needs
    the last hash kept outside the database (e.g. in a signed export), which is not done yet.
    """
    expected_prev = GENESIS_HASH
    expected_id = 1
    for row in session.exec(select(AuditRow).order_by(AuditRow.id)):
        if row.id != expected_id or row.prev_hash != expected_prev or row.hash != entry_hash(row):
            return row.id
        expected_prev = row.hash
        expected_id += 1
    return None
