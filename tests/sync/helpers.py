"""Helpers for sync tests: store snapshots and hand-made bundles signed by a real store."""

import json

import pyrage
from sqlmodel import func, select

from stalking_tui.storage.bundle import canonical_json, seal
from stalking_tui.storage.identity import load_identity
from stalking_tui.storage.peers import find_peer, to_peer
from stalking_tui.storage.store import CaseStore
from stalking_tui.storage.sync_tables import AckRow, ConflictRow, QuarantineRow
from stalking_tui.storage.tables import CaseViewRow, EventRow


def snapshot(store: CaseStore) -> dict:
    """Return everything an import may change, except the audit log."""
    with store._session() as session:
        return {
            "events": session.exec(select(func.count()).select_from(EventRow)).one(),
            "views": sorted(session.exec(select(CaseViewRow.state_json)).all()),
            "quarantine": sorted(session.exec(select(QuarantineRow.event_id)).all()),
            "conflicts": sorted(session.exec(select(ConflictRow.conflict_id)).all()),
            "acks": sorted((row.case_id, row.device_id, row.seq) for row in session.exec(select(AckRow))),
        }


def projections(store: CaseStore) -> dict[str, dict]:
    """Return each case state by id, without the case number, which every store assigns itself."""
    return {case.case_id: case.model_dump(mode="json", exclude={"number"}) for case in store.list_cases()}


def bundle_body(sender: CaseStore, peer: str) -> dict:
    """Return the body `sender` would export to `peer`, as plain JSON to edit."""
    with sender._session() as session:
        row = find_peer(session, peer)
        body, _cases = sender._bundle_body(session, row.signing_key, to_peer(row), load_identity(session).public, None)
    return json.loads(canonical_json(body))


def sealed(sender: CaseStore, recipient: CaseStore, body: dict) -> bytes:
    """Sign `body` with the sender's key and encrypt it to the recipient, as an export does."""
    with sender._session() as session:
        identity = load_identity(session)
    return seal(body, identity, recipient.own_identity())


def decrypt_for(store: CaseStore, data: bytes) -> bytes:
    with store._session() as session:
        identity = load_identity(session)
    return pyrage.decrypt(data, [identity.age_identity])


def encrypt_for(store: CaseStore, plaintext: bytes) -> bytes:
    return pyrage.encrypt(plaintext, [pyrage.x25519.Recipient.from_str(store.own_identity().age_recipient)])
