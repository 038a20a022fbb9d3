"""Database tables: the event log, its case projection, drafts, metadata and the audit log.

Timestamps are stored as ISO-8601 text with their UTC offset, because SQLite has no
datetime type and SQLAlchemy's DateTime would drop the offset.
"""

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 2
"""Version 2 added the audit index on case_id and the audit head in the meta table (see migrations.py)."""

AUDIT_ACTIONS = ("open", "read", "change", "export", "print", "search", "break_glass")


class EventRow(SQLModel, table=True):
    """One entry of the append-only case log; the source of truth."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="uq_event_device_seq"),
        Index("ix_event_case_hlc", "case_id", "hlc"),
    )

    id: str = Field(primary_key=True)
    case_id: str
    device_id: str
    seq: int
    hlc: str
    recorded_at: str
    actor: dict = Field(sa_column=Column(JSON, nullable=False))
    kind: str
    payload: dict = Field(sa_column=Column(JSON, nullable=False))
    base_id: str | None = None


class CaseViewRow(SQLModel, table=True):
    """Projection of one case, rewritten in the transaction that appends its events."""

    __tablename__ = "case_view"

    case_id: str = Field(primary_key=True)
    number: str = Field(unique=True)
    search_text: str
    """Folded names of all parties plus the case number (see domain.text.fold)."""
    track: str
    level: str | None = None
    state_json: str = Field(sa_column=Column(Text, nullable=False))
    """`CaseState.model_dump_json()`; rebuildable from the event log."""
    updated_at: str


class DraftRow(SQLModel, table=True):
    """Unsaved form input, kept inside the encrypted database."""

    __tablename__ = "draft"

    key: str = Field(primary_key=True)
    data: dict = Field(sa_column=Column(JSON, nullable=False))
    updated_at: str


class MetaRow(SQLModel, table=True):
    """Settings of this store: schema version, device, profile and counters (JSON values)."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class AuditRow(SQLModel, table=True):
    """One access-log entry in the shape of NEN 7513; hash-chained to its predecessor.

    `detail` never contains case text (names, notes, search words), only ids and counts.
    """

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_case", "case_id"),)

    id: int = Field(primary_key=True)
    at: str
    user: str
    role: str
    organisation: str
    case_id: str | None = None
    action: str
    detail: str = ""
    prev_hash: str
    hash: str


TABLES = [EventRow.__table__, CaseViewRow.__table__, DraftRow.__table__, MetaRow.__table__, AuditRow.__table__]
