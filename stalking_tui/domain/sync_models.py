"""Plain models of sync: peer identities, bundle manifests, conflicts, quarantine and results.

The storage layer builds these; screens and the CLI only read them. Nothing here does I/O.
"""

import base64
import hashlib
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

PEER_TEXT_PREFIX = "stalking-tui-peer"
PEER_TEXT_VERSION = "1"
PEER_TEXT_DEMO = "demo"
FINGERPRINT_GROUPS = 6
FINGERPRINT_GROUP_SIZE = 4


class InvalidPeerText(ValueError):
    """A copied peer identity string that cannot be parsed."""


class PeerIdentity(BaseModel):
    """The public half of a device identity: what a peer enrols."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    signing_key: str = Field(pattern=r"^[A-Za-z0-9_-]{43}$")
    """Ed25519 public key, 32 raw bytes in unpadded URL-safe base64."""
    age_recipient: str = Field(pattern=r"^age1[02-9ac-hj-np-z]{58}$")
    """age X25519 recipient in its Bech32 text form ("age1…")."""

    @property
    def signing_key_bytes(self) -> bytes:
        return base64.urlsafe_b64decode(self.signing_key + "=")

    @property
    def fingerprint(self) -> str:
        """Return 24 hex digits of SHA-256 over both keys, in groups of four, to compare in person."""
        digest = hashlib.sha256(self.signing_key_bytes + self.age_recipient.encode("ascii")).hexdigest()
        groups = [digest[i:i + FINGERPRINT_GROUP_SIZE] for i in range(0, FINGERPRINT_GROUPS * FINGERPRINT_GROUP_SIZE, FINGERPRINT_GROUP_SIZE)]
        return " ".join(groups)

    def to_text(self, demo: bool = False) -> str:
        """Return the one-line form to copy to a peer, e.g. "stalking-tui-peer:1:<key>:age1…".

        The code of a demo store ends in ":demo", so that a real store can reject it before
        any case is shared with a store whose passphrase is public.
        """
        text = f"{PEER_TEXT_PREFIX}:{PEER_TEXT_VERSION}:{self.signing_key}:{self.age_recipient}"
        return f"{text}:{PEER_TEXT_DEMO}" if demo else text

    @classmethod
    def from_text(cls, text: str) -> "PeerIdentity":
        """Parse `to_text` output; whitespace around it is ignored. Raises InvalidPeerText."""
        return parse_peer_code(text)[0]


def parse_peer_code(text: str) -> tuple[PeerIdentity, bool]:
    """Parse `PeerIdentity.to_text` output into the identity and whether it is a demo store's code."""
    parts = text.strip().split(":")
    demo = len(parts) == 5 and parts[4] == PEER_TEXT_DEMO
    if demo:
        parts = parts[:4]
    if len(parts) != 4 or parts[0] != PEER_TEXT_PREFIX:
        raise InvalidPeerText(f"expected {PEER_TEXT_PREFIX}:{PEER_TEXT_VERSION}:<signing key>:<age recipient>[:demo]")
    if parts[1] != PEER_TEXT_VERSION:
        raise InvalidPeerText(f"unsupported peer text version {parts[1]!r}")
    try:
        return PeerIdentity(signing_key=parts[2], age_recipient=parts[3]), demo
    except ValueError:
        raise InvalidPeerText("the signing key or the age recipient is malformed") from None


def normalise_fingerprint(text: str) -> str:
    """Return `text` without spaces, in lower case, for comparing typed fingerprints."""
    return "".join(text.split()).lower()


class Peer(BaseModel):
    identity: PeerIdentity
    name: str
    added_at: datetime

    @property
    def fingerprint(self) -> str:
        return self.identity.fingerprint


class Share(BaseModel):
    """One case shared with one peer, with the covenant or legal basis for sharing it."""

    peer_fingerprint: str
    peer_name: str
    case_id: str
    basis: str
    shared_at: datetime


class BundleSender(BaseModel):
    model_config = ConfigDict(extra="forbid")

    device_id: str
    device_name: str
    identity: PeerIdentity


class BundleCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: str
    number: str
    """The case number on the sending device; each store numbers its cases itself."""
    event_count: int = Field(ge=0)


class BundleManifest(BaseModel):
    """Manifest of a bundle, signed together with its events and acks."""

    model_config = ConfigDict(extra="forbid")

    format_version: int
    bundle_id: str
    created_at: datetime
    sender: BundleSender
    recipient_fingerprint: str
    demo: bool
    cases: list[BundleCase]
    event_count: int = Field(ge=0)


class Ack(BaseModel):
    """The sender holds every event of `device_id` in `case_id` up to and including `seq`."""

    model_config = ConfigDict(extra="forbid")

    case_id: str
    device_id: str
    seq: int = Field(ge=0)


class ConflictSide(BaseModel):
    event_id: str
    device_id: str
    user: str
    recorded_at: datetime
    value: str
    """Short text of the edited value, e.g. the concern level "HOOG"."""


class ConflictResolution(BaseModel):
    """One `conflict.resolved` event: who chose which side, when, and why."""

    event_id: str
    """Id of the `conflict.resolved` event."""
    chosen_event_id: str
    value: str
    """Short text of the chosen value, as in ConflictSide.value."""
    device_id: str
    user: str
    recorded_at: datetime
    reason: str


class Conflict(BaseModel):
    """Two or more edits of the same field on the same base, with different values."""

    conflict_id: str
    case_id: str
    field: str
    """"screening.level", "plan.version" or "<kind>.base" for other edits with a base."""
    sides: list[ConflictSide]
    resolved: bool = False
    chosen_event_id: str | None = None
    """The side the resolution in force chose; None without one or while resolutions disagree."""
    resolutions: list[ConflictResolution] = Field(default_factory=list)
    """The latest resolutions, in HLC order: those that no later resolution replaced.

    Two or more that choose different sides were made without seeing each other, and they
    keep the conflict open (see `contested`). Conflicts stored by an app version before
    this field have none until the case is folded again.
    """

    @property
    def event_ids(self) -> list[str]:
        return [side.event_id for side in self.sides]

    @property
    def contested(self) -> bool:
        """Whether the conflict is open because its latest resolutions choose different sides."""
        return not self.resolved and len({resolution.chosen_event_id for resolution in self.resolutions}) > 1


QUARANTINE_REASONS = ("malformed", "unknown_kind", "invalid_payload", "unknown_case", "seq_taken", "wrong_case")


class QuarantinedEvent(BaseModel):
    """An event from a bundle that was kept aside instead of applied, with the reason why."""

    event_id: str
    case_id: str
    kind: str
    device_id: str
    seq: int
    reason: str
    """One of QUARANTINE_REASONS."""
    detail: str
    """Field names or an English technical description; never case text."""
    bundle_id: str
    received_at: datetime


class CaseChange(BaseModel):
    """Per-case content of a bundle, in a preview and in the result of an import."""

    case_id: str
    number: str
    new_case: bool
    new_events: int = 0
    known_events: int = 0
    """Events this store holds already; importing them again changes nothing."""
    quarantined: int = 0
    open_conflicts: int = 0


class ImportReport(BaseModel):
    """The preview of an import (applied False) or its outcome (applied True)."""

    bundle_id: str
    sender_name: str
    sender_fingerprint: str
    demo: bool
    applied: bool
    cases: list[CaseChange]
    quarantined: list[QuarantinedEvent] = Field(default_factory=list)
    acks: int = 0

    @property
    def new_events(self) -> int:
        return sum(case.new_events for case in self.cases)

    @property
    def changes_anything(self) -> bool:
        return self.new_events > 0 or bool(self.quarantined)


class ExportReport(BaseModel):
    """Result of an export: the file, and the events per case it contains."""

    bundle_id: str
    path: str
    peer_name: str
    peer_fingerprint: str
    cases: list[BundleCase]
    acks: int

    @property
    def event_count(self) -> int:
        return sum(case.event_count for case in self.cases)
