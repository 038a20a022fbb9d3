"""Tables of sync: peers, shares, acknowledgements, received cases, quarantine and conflicts.

They live in the same encrypted database as the event log. `prepare_sync` in
storage.identity creates any that are missing, so stores made before sync get them on open.
"""

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel


class PeerRow(SQLModel, table=True):
    """An enrolled peer device, known by its Ed25519 public key."""

    __tablename__ = "sync_peer"

    signing_key: str = Field(primary_key=True)
    age_recipient: str
    name: str = Field(unique=True)
    added_at: str


class ShareRow(SQLModel, table=True):
    """A case that goes to a peer in every export, with the legal basis for sharing it."""

    __tablename__ = "sync_share"

    peer_key: str = Field(primary_key=True)
    case_id: str = Field(primary_key=True)
    basis: str
    shared_at: str


class AckRow(SQLModel, table=True):
    """The highest sequence number of `device_id` in `case_id` that the peer holds.

    Kept per case as well as per origin device, because a case shared later has events
    with lower sequence numbers than the peer acknowledged for other cases.
    """

    __tablename__ = "sync_ack"

    peer_key: str = Field(primary_key=True)
    case_id: str = Field(primary_key=True)
    device_id: str = Field(primary_key=True)
    seq: int


class ReceivedCaseRow(SQLModel, table=True):
    """A case that arrived from a peer; bundles back to that peer acknowledge its events."""

    __tablename__ = "sync_received_case"

    peer_key: str = Field(primary_key=True)
    case_id: str = Field(primary_key=True)


class QuarantineRow(SQLModel, table=True):
    """An event from a bundle that was not applied, kept with its reason."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (Index("ix_sync_quarantine_case", "case_id", "device_id"),)

    event_id: str = Field(primary_key=True)
    case_id: str
    kind: str
    device_id: str
    seq: int
    reason: str
    detail: str
    bundle_id: str
    received_at: str
    event: dict = Field(sa_column=Column(JSON, nullable=False))
    """The event as it arrived, so a later app version can still apply it."""


class ConflictRow(SQLModel, table=True):
    """A conflict found by the merge fold; rewritten whenever its case is rebuilt."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_case", "case_id"),)

    conflict_id: str = Field(primary_key=True)
    case_id: str
    resolved: bool
    data: dict = Field(sa_column=Column(JSON, nullable=False))
    """`Conflict.model_dump(mode="json")`."""


SYNC_TABLES = [
    PeerRow.__table__, ShareRow.__table__, AckRow.__table__, ReceivedCaseRow.__table__,
    QuarantineRow.__table__, ConflictRow.__table__,
]
