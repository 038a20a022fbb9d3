"""Enrolled peers, the cases shared with them, and what they acknowledged; session-level helpers."""

from datetime import datetime

from sqlalchemy import delete, func, insert
from sqlmodel import Session, select

from ..domain.sync_models import (
    InvalidPeerText, Peer, PeerIdentity, Share, normalise_fingerprint, parse_peer_code,
)
from .sync_errors import AmbiguousPeer, DemoPeerMismatch, InvalidPeerIdentity, MissingBasis, PeerExists, PeerNotFound
from .sync_tables import AckRow, PeerRow, ReceivedCaseRow, ShareRow
from .tables import EventRow

MIN_FINGERPRINT_PREFIX = 4
MAX_NAME = 120
MAX_BASIS = 2000


def parse_peer_text(text: str, own: PeerIdentity, store_is_demo: bool) -> PeerIdentity:
    """Parse a peer code to enrol; raises InvalidPeerIdentity, or DemoPeerMismatch when one side is a demo store."""
    try:
        identity, demo = parse_peer_code(text)
    except InvalidPeerText as error:
        raise InvalidPeerIdentity(str(error)) from None
    if identity.signing_key == own.signing_key:
        raise InvalidPeerIdentity("this is the store's own identity")
    if demo != store_is_demo:
        raise DemoPeerMismatch(peer_is_demo=demo)
    return identity


def add_peer(session: Session, identity: PeerIdentity, name: str, now: datetime) -> Peer:
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InvalidPeerIdentity(f"a peer name needs 1 to {MAX_NAME} characters")
    if session.get(PeerRow, identity.signing_key) is not None:
        raise PeerExists(f"peer {identity.fingerprint} is enrolled already")
    if session.exec(select(PeerRow).where(PeerRow.name == name)).first() is not None:
        raise PeerExists("a peer with this name exists")

    row = PeerRow(signing_key=identity.signing_key, age_recipient=identity.age_recipient, name=name, added_at=now.isoformat())
    session.add(row)
    return to_peer(row)


def list_peers(session: Session) -> list[Peer]:
    return [to_peer(row) for row in session.exec(select(PeerRow).order_by(PeerRow.name))]


def find_peer(session: Session, query: str) -> PeerRow:
    """Return the one peer whose name is `query` or whose fingerprint starts with it (spaces ignored).

    A whole fingerprint selects its peer even when another peer carries it as a name, so
    callers that hold a `Peer` pass its fingerprint. Otherwise a query that matches one peer
    by name and another by fingerprint raises AmbiguousPeer instead of picking one.
    """
    rows = list(session.exec(select(PeerRow)))
    fingerprints = {row.signing_key: normalise_fingerprint(to_peer(row).fingerprint) for row in rows}
    prefix = normalise_fingerprint(query)
    whole = [row for row in rows if fingerprints[row.signing_key] == prefix]
    if whole:
        return whole[0]

    matches = {row.signing_key: row for row in rows if row.name == query.strip()}
    if len(prefix) >= MIN_FINGERPRINT_PREFIX:
        matches.update((row.signing_key, row) for row in rows if fingerprints[row.signing_key].startswith(prefix))
    if not matches:
        raise PeerNotFound(query)
    if len(matches) > 1:
        raise AmbiguousPeer(f"{len(matches)} peers match {query!r} by name or fingerprint prefix")
    return next(iter(matches.values()))


def find_peer_by_key(session: Session, signing_key: str) -> PeerRow | None:
    return session.get(PeerRow, signing_key)


def remove_peer(session: Session, row: PeerRow) -> Peer:
    """Remove the peer with its shares, acknowledgements and received-case records."""
    peer = to_peer(row)
    for table in (ShareRow, AckRow, ReceivedCaseRow):
        session.exec(delete(table).where(table.peer_key == row.signing_key))
    session.delete(row)
    return peer


def share_case(session: Session, row: PeerRow, case_id: str, basis: str, now: datetime) -> Share:
    basis = basis.strip()
    if not basis or len(basis) > MAX_BASIS:
        raise MissingBasis(f"a basis needs 1 to {MAX_BASIS} characters")
    share = ShareRow(peer_key=row.signing_key, case_id=case_id, basis=basis, shared_at=now.isoformat())
    session.merge(share)
    return to_share(share, row)


def list_shares(session: Session, case_id: str | None = None) -> list[Share]:
    query = select(ShareRow, PeerRow).join(PeerRow, PeerRow.signing_key == ShareRow.peer_key)
    if case_id is not None:
        query = query.where(ShareRow.case_id == case_id)
    return [to_share(share, peer) for share, peer in session.exec(query.order_by(ShareRow.shared_at))]


def shared_case_ids(session: Session, peer_key: str) -> list[str]:
    return list(session.exec(select(ShareRow.case_id).where(ShareRow.peer_key == peer_key)))


def acks_to_send(session: Session, peer_key: str) -> list[dict]:
    """Return what this store holds per (case, origin device) for the cases it exchanges with the peer.

    Only events in the log count. A quarantined event does not: its sequence number comes
    from the bundle and may be anything, and acknowledging it could stop every later event
    of that device from being sent. The peer sends a quarantined event again until a later
    event of the same device and case arrives; importing it again changes nothing.
    """
    cases = set(shared_case_ids(session, peer_key))
    cases |= set(session.exec(select(ReceivedCaseRow.case_id).where(ReceivedCaseRow.peer_key == peer_key)))
    query = (
        select(EventRow.case_id, EventRow.device_id, func.max(EventRow.seq))
        .group_by(EventRow.case_id, EventRow.device_id)
    )
    return [
        {"case_id": case_id, "device_id": device_id, "seq": seq}
        for case_id, device_id, seq in session.exec(query)
        if case_id in cases
    ]


def record_acks(session: Session, peer_key: str, acks: list[tuple[str, str, int]]) -> int:
    """Raise the acknowledged sequence numbers to those in `acks`; never lower one. Returns how many rose."""
    current = {
        (row.case_id, row.device_id): row
        for row in session.exec(select(AckRow).where(AckRow.peer_key == peer_key))
    }
    raised = 0
    for case_id, device_id, seq in acks:
        row = current.get((case_id, device_id))
        if row is None:
            row = AckRow(peer_key=peer_key, case_id=case_id, device_id=device_id, seq=seq)
            current[(case_id, device_id)] = row
            session.add(row)
            raised += 1
        elif seq > row.seq:
            row.seq = seq
            session.add(row)
            raised += 1
    return raised


def record_received_cases(session: Session, peer_key: str, case_ids: set[str]) -> None:
    known = set(session.exec(select(ReceivedCaseRow.case_id).where(ReceivedCaseRow.peer_key == peer_key)))
    rows = [{"peer_key": peer_key, "case_id": case_id} for case_id in sorted(case_ids - known)]
    if rows:
        session.execute(insert(ReceivedCaseRow.__table__), rows)


def to_peer(row: PeerRow) -> Peer:
    identity = PeerIdentity(signing_key=row.signing_key, age_recipient=row.age_recipient)
    return Peer(identity=identity, name=row.name, added_at=datetime.fromisoformat(row.added_at))


def to_share(share: ShareRow, peer: PeerRow) -> Share:
    return Share(
        peer_fingerprint=to_peer(peer).fingerprint, peer_name=peer.name, case_id=share.case_id,
        basis=share.basis, shared_at=datetime.fromisoformat(share.shared_at),
    )
