"""The sync part of the CaseStore facade: peers, sharing, export, import and conflicts.

CONTRACT (CaseStore inherits SyncMixin, so these are CaseStore methods):

    store.own_identity() -> PeerIdentity            the keys and fingerprint to give to peers
    store.own_peer_code() -> str                    the line to give to peers, with ":demo" in a demo store
    store.add_peer(text, name) -> Peer              raises InvalidPeerIdentity, PeerExists, DemoPeerMismatch
    store.peers() -> list[Peer]
    store.remove_peer(query) -> Peer                query = name or fingerprint prefix; raises PeerNotFound,
        AmbiguousPeer (the query is one peer's name and the start of another's fingerprint;
        a whole fingerprint always selects its own peer)
    store.share_case(case_id, peer, basis) -> Share audit "export"; raises MissingBasis, CaseNotFound
    store.shares(case_id=None) -> list[Share]
    store.export_bundle(peer, path, case_id=None) -> ExportReport
        writes the events the peer has not acknowledged for the cases shared with it;
        one audit "export" entry per case; raises CaseNotShared, PeerNotFound, OSError
    store.preview_import(path) -> ImportReport      applied=False; writes only an audit entry
    store.import_bundle(path) -> ImportReport       applied=True; one transaction
        both raise BundleRejected (nothing written) or OSError for an unreadable file
    store.conflicts(case_id) -> list[Conflict]      open and resolved ones
    store.resolve_conflict(case_id, conflict_id, chosen_event_id, reason) -> CaseState
    store.quarantine(case_id=None) -> list[QuarantinedEvent]
    store.mark_demo_store() -> None                 for demo_setup; raises StoreError if the store has cases
    store.is_demo_store() -> bool

Demo stores and real stores never exchange bundles: a demo store accepts demo bundles only
and a real store real bundles only (BundleRejected "demo_into_real" and "real_into_demo").

Acknowledgement: every bundle carries the sender's acks (per case and origin device, the
highest sequence number it holds). Importing a bundle raises what this store believes the
sender holds; an export never marks anything as sent. A lost bundle is therefore sent
again in the next export, and a bundle that arrives twice or late changes nothing.
"""

import gc
import json
import os
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import uuid6
from pydantic_core import to_json
from sqlalchemy import delete, func, insert
from sqlmodel import Session, select

from ..domain import clock
from ..domain.case import CaseState
from ..domain.events import ConflictResolved, Event, Payload
from ..domain.merge import fold_case
from ..domain.sync_models import (
    BundleCase, BundleManifest, BundleSender, CaseChange, Conflict, ExportReport, ImportReport,
    Peer, PeerIdentity, QuarantinedEvent, Share,
)
from . import audit
from . import peers as peer_table
from .bundle import FORMAT_VERSION, open_bundle, seal
from .errors import CaseNotFound, InvalidEvent, StoreError
from .eventlog import append_event, read_meta_value, write_meta
from .identity import load_identity
from .sync_errors import BundleRejected, CaseNotShared, ConflictNotFound
from .sync_import import ImportPlan, chunks, plan_import, read_bundle
from .sync_tables import AckRow, ConflictRow, QuarantineRow, ShareRow
from .tables import CaseViewRow, EventRow

DEMO_STORE_KEY = "demo_store"
"""Meta key set to true in a demo store. A store without it is a real store."""


class SyncMixin:
    """Sync methods of CaseStore; uses its `_session`, `_audit_in`, `_actor` and `_device_id`."""

    # -- demo stores ----------------------------------------------------------------------

    def mark_demo_store(self) -> None:
        """Mark this empty store as a demo store, which from then on imports demo bundles only."""
        with self._session() as session:
            if session.exec(select(func.count()).select_from(CaseViewRow)).one():
                raise StoreError("only an empty store can become a demo store")
            write_meta(session, DEMO_STORE_KEY, True)
            self._audit_in(session, "change", detail="store marked as demo store")

    def is_demo_store(self) -> bool:
        with self._session() as session:
            return _store_is_demo(session)

    # -- identity and peers ---------------------------------------------------------------

    def own_identity(self) -> PeerIdentity:
        with self._session() as session:
            return load_identity(session).public

    def own_peer_code(self) -> str:
        """Return the line to give to peers; a demo store's code carries the demo mark."""
        with self._session() as session:
            return load_identity(session).public.to_text(demo=_store_is_demo(session))

    def add_peer(self, text: str, name: str) -> Peer:
        """Enrol the peer in `text` (the line its `peers show-self` prints) under `name`."""
        with self._session() as session:
            identity = peer_table.parse_peer_text(text, load_identity(session).public, _store_is_demo(session))
            peer = peer_table.add_peer(session, identity, name, datetime.now(UTC))
            self._audit_in(session, "change", detail=f"peer added {peer.fingerprint}")
            return peer

    def peers(self) -> list[Peer]:
        with self._session() as session:
            return peer_table.list_peers(session)

    def remove_peer(self, query: str) -> Peer:
        with self._session() as session:
            peer = peer_table.remove_peer(session, peer_table.find_peer(session, query))
            self._audit_in(session, "change", detail=f"peer removed {peer.fingerprint}")
            return peer

    # -- sharing --------------------------------------------------------------------------

    def share_case(self, case_id: str, peer: str, basis: str) -> Share:
        """Send `case_id` to `peer` in every export from now on; `basis` is the covenant or legal basis."""
        with self._session() as session:
            if session.get(CaseViewRow, case_id) is None:
                raise CaseNotFound(case_id)
            row = peer_table.find_peer(session, peer)
            share = peer_table.share_case(session, row, case_id, basis, datetime.now(UTC))
            self._audit_in(session, "export", case_id=case_id, detail=f"shared with peer {share.peer_fingerprint}")
            return share

    def shares(self, case_id: str | None = None) -> list[Share]:
        with self._session() as session:
            return peer_table.list_shares(session, case_id)

    # -- export ---------------------------------------------------------------------------

    def export_bundle(self, peer: str, path: Path | str, case_id: str | None = None) -> ExportReport:
        """Write a bundle for `peer` to `path`; the file exists only if the export succeeded.

        The bundle goes to a temporary file first and replaces `path` only after the
        access-log entries are committed, so a failed export leaves an existing file as it was.
        """
        path = Path(path)
        temporary = None
        try:
            with self._session() as session:
                row = peer_table.find_peer(session, peer)
                recipient = peer_table.to_peer(row)
                if case_id is not None and case_id not in peer_table.shared_case_ids(session, row.signing_key):
                    raise CaseNotShared(case_id)

                identity = load_identity(session)
                body, cases = self._bundle_body(session, row.signing_key, recipient, identity.public, case_id)
                temporary = _write_private_temporary(path, seal(body, identity, recipient.identity))

                bundle_id = body["manifest"]["bundle_id"]
                entries = [
                    ("export", case.case_id, f"bundle {bundle_id} to peer {recipient.fingerprint}, {case.event_count} events")
                    for case in cases
                ]
                if not cases:
                    entries.append(("export", None, f"bundle {bundle_id} to peer {recipient.fingerprint}, acks only"))
                audit.append_entries(session, self._profile, datetime.now(UTC), entries)
            os.replace(temporary, path)
        except OSError as error:
            _discard(temporary)
            # The error names the temporary file or no file at all (a full disk); the user
            # needs the path they asked for.
            raise OSError(error.errno, error.strerror, str(path)) from error
        except BaseException:
            _discard(temporary)
            raise
        return ExportReport(
            bundle_id=bundle_id, path=str(path), peer_name=recipient.name, peer_fingerprint=recipient.fingerprint,
            cases=cases, acks=len(body["acks"]),
        )

    def _bundle_body(self, session: Session, peer_key: str, recipient: Peer, own: PeerIdentity,
                     case_id: str | None) -> tuple[dict, list[BundleCase]]:
        events = _unacknowledged_events(session, peer_key, case_id)
        counts: dict[str, int] = {}
        for event in events:
            counts[event["case_id"]] = counts.get(event["case_id"], 0) + 1
        # The number and demo flag of each case only; json_extract spares decoding every state.
        query = (
            select(CaseViewRow.case_id, CaseViewRow.number, func.json_extract(CaseViewRow.state_json, "$.demo"))
            .where(CaseViewRow.case_id.in_(list(counts)))
        )
        views = {case_id: (number, bool(demo)) for case_id, number, demo in session.execute(query)}
        cases = [BundleCase(case_id=cid, number=views[cid][0], event_count=n) for cid, n in counts.items()]

        manifest = BundleManifest(
            format_version=FORMAT_VERSION,
            bundle_id=str(uuid6.uuid7()),
            created_at=datetime.now(UTC),
            sender=BundleSender(device_id=self._device_id, device_name=self._profile.device_name, identity=own),
            recipient_fingerprint=recipient.fingerprint,
            demo=_store_is_demo(session) or any(demo for _number, demo in views.values()),
            cases=cases,
            event_count=len(events),
        )
        body = {
            "manifest": manifest.model_dump(mode="json"),
            "events": events,
            "acks": peer_table.acks_to_send(session, peer_key),
        }
        return body, cases

    # -- import ---------------------------------------------------------------------------

    def preview_import(self, path: Path | str) -> ImportReport:
        """Check a bundle and return what importing it would change; writes one audit entry only."""
        data = Path(path).read_bytes()
        with self._session() as session:
            plan = self._plan(session, data)
            changes = plan.case_changes()
            for change in changes.values():
                change.open_conflicts = _conflicts_after(session, change, plan)
            report = _report(plan, changes, applied=False)
            self._audit_in(session, "read", detail=f"bundle {plan.manifest.bundle_id} preview, {report.new_events} new events")
            return report

    def import_bundle(self, path: Path | str) -> ImportReport:
        """Apply a bundle in one transaction; a second import of the same bundle adds nothing."""
        data = Path(path).read_bytes()
        with _collector_paused(), self._session() as session:
            plan = self._plan(session, data)
            now = datetime.now(UTC)
            changes = plan.case_changes()

            numbers = {**plan.existing_numbers, **_assign_numbers(session, plan)}
            incoming: dict[str, list[Event]] = {}
            for event, _raw in plan.new_events:
                incoming.setdefault(event.case_id, []).append(event)
            # Fold before inserting, so the stored log is read without the incoming events.
            for case_id, state in _rebuild_incoming(session, numbers, incoming, plan.payloads).items():
                changes[case_id].number = state.number
                changes[case_id].open_conflicts = state.open_conflicts

            _insert_events(session, plan)
            _store_quarantine(session, plan, now)
            peer_table.record_acks(session, plan.peer.signing_key, [(a.case_id, a.device_id, a.seq) for a in plan.acks])
            peer_table.record_received_cases(session, plan.peer.signing_key, {c.case_id for c in plan.manifest.cases if c.case_id in numbers})
            self._receive_clock(session, plan, now)
            self._receive_own_events(session, plan)

            entries = [
                ("change", change.case_id if change.case_id in numbers else None,
                 f"import bundle {plan.manifest.bundle_id}: {change.new_events} new, "
                 f"{change.known_events} known, {change.quarantined} quarantined events")
                for change in changes.values()
            ]
            if not changes:
                entries.append(("change", None, f"import bundle {plan.manifest.bundle_id}: acks only"))
            audit.append_entries(session, self._profile, datetime.now(UTC), entries)
            return _report(plan, changes, applied=True)

    def _plan(self, session: Session, data: bytes) -> ImportPlan:
        identity = load_identity(session)
        opened = open_bundle(data, identity)
        manifest, peer = read_bundle(session, opened, identity.public.signing_key, _store_is_demo(session))
        return plan_import(session, opened, manifest, peer)

    def _receive_clock(self, session: Session, plan: ImportPlan, now: datetime) -> None:
        """Move this device's HLC past every imported event, so later local events sort after them."""
        if not plan.new_events:
            return
        # plan_import checked that every HLC has the zero-padded text form, which sorts like
        # the timestamp, so decoding only the largest text saves a parse per event.
        newest = clock.HlcTimestamp.decode(max(event.hlc for event, _raw in plan.new_events))
        last_hlc = read_meta_value(session, "last_hlc")
        last = clock.HlcTimestamp.decode(last_hlc) if last_hlc else None
        received = clock.receive(last, newest, int(now.timestamp() * 1000), self._device_id)
        write_meta(session, "last_hlc", received.encode())

    def _receive_own_events(self, session: Session, plan: ImportPlan) -> None:
        """Move this device's next sequence number past its own events that came back from a peer.

        That happens after this store was restored from an older copy: peers still hold
        what the device made since, and send it back. Without this, the device would hand
        out those sequence numbers again and every later write would fail.
        """
        own = [event.seq for event, _raw in plan.new_events if event.device_id == self._device_id]
        if own and max(own) >= read_meta_value(session, "next_seq"):
            write_meta(session, "next_seq", max(own) + 1)

    # -- conflicts and quarantine ---------------------------------------------------------

    def conflicts(self, case_id: str) -> list[Conflict]:
        with self._session() as session:
            if session.get(CaseViewRow, case_id) is None:
                raise CaseNotFound(case_id)
            rows = session.exec(select(ConflictRow).where(ConflictRow.case_id == case_id)).all()
            self._audit_in(session, "read", case_id=case_id, detail=f"conflicts, {len(rows)}")
            return [Conflict.model_validate(row.data) for row in rows]

    def resolve_conflict(self, case_id: str, conflict_id: str, chosen_event_id: str, reason: str) -> CaseState:
        """Record a person's choice between the sides of a conflict, and refold the case.

        The event replaces the resolutions of this conflict that the store holds: its
        `base_id` is the latest one, and its payload's `replaces` lists the latest ones the
        conflict shows. A resolution made elsewhere without seeing this one therefore
        reopens the conflict if it chose differently (see domain.merge).
        """
        with self._session() as session:
            row = session.get(ConflictRow, conflict_id)
            if row is None or row.case_id != case_id:
                raise ConflictNotFound(f"no conflict {conflict_id} in case {case_id}")
            conflict = Conflict.model_validate(row.data)
            if chosen_event_id not in conflict.event_ids:
                raise ConflictNotFound(f"event {chosen_event_id} is not a side of conflict {conflict_id}")

            payload = {"conflict_id": conflict_id, "chosen_event_id": chosen_event_id,
                       "event_ids": conflict.event_ids, "reason": reason,
                       "replaces": [resolution.event_id for resolution in conflict.resolutions]}
            try:
                payload = ConflictResolved.model_validate(payload).model_dump(mode="json")
            except ValueError:
                raise InvalidEvent("conflict.resolved", {"reason": "a reason of 1 to 20000 characters is required"}) from None

            base_id = _latest_resolution_id(session, case_id, conflict_id)
            event = append_event(session, *self._actor(), case_id, "conflict.resolved", payload, datetime.now(UTC), base_id)
            state = rebuild_cases(session, [case_id], {case_id: session.get(CaseViewRow, case_id).number})[case_id]
            self._audit_in(session, "change", case_id=case_id, detail=f"conflict.resolved {event.id}")
            return state

    def quarantine(self, case_id: str | None = None) -> list[QuarantinedEvent]:
        with self._session() as session:
            query = select(QuarantineRow).order_by(QuarantineRow.received_at, QuarantineRow.event_id)
            if case_id is not None:
                query = query.where(QuarantineRow.case_id == case_id)
            return [
                QuarantinedEvent(
                    event_id=row.event_id, case_id=row.case_id, kind=row.kind, device_id=row.device_id,
                    seq=row.seq, reason=row.reason, detail=row.detail, bundle_id=row.bundle_id,
                    received_at=datetime.fromisoformat(row.received_at),
                )
                for row in session.exec(query)
            ]


def _latest_resolution_id(session: Session, case_id: str, conflict_id: str) -> str | None:
    """Return the id of the latest `conflict.resolved` event of the conflict, by HLC, or None.

    Read from the log rather than the conflict row, because a row stored by an older app
    version lists no resolutions.
    """
    query = (
        select(EventRow.id)
        .where(EventRow.case_id == case_id, EventRow.kind == "conflict.resolved",
               func.json_extract(EventRow.payload, "$.conflict_id") == conflict_id)
        .order_by(EventRow.hlc.desc(), EventRow.id.desc())
        .limit(1)
    )
    return session.exec(query).first()


def default_base(session: Session, case_id: str, kind: str) -> str | None:
    """Return the event a new local `kind` event edits when the caller names none.

    A screening reassesses the latest screening of the case, so two devices that reassess
    the same screening offline produce a conflict that merge.fold_case can find.
    """
    if kind != "screening.completed":
        return None
    query = (
        select(EventRow.id)
        .where(EventRow.case_id == case_id, EventRow.kind == kind)
        .order_by(EventRow.hlc.desc(), EventRow.id.desc())
        .limit(1)
    )
    return session.exec(query).first()


def rebuild_cases(session: Session, case_ids: list[str], numbers: dict[str, str],
                  incoming: dict[str, list[Event]] | None = None,
                  payloads: Mapping[str, Payload] | None = None) -> dict[str, CaseState]:
    """Refold each case from its stored log plus `incoming` events, in HLC order.

    Rewrites the case view and the conflicts of each case. `incoming` contains events that
    are not in the event table yet; the caller inserts them in the same transaction.
    `payloads` maps event ids to payloads validated already (see `fold_case`).
    """
    from . import store as store_module  # store imports this module, so import it late

    session.flush()
    states = {}
    for chunk in chunks(case_ids):
        stored: dict[str, list[Event]] = {case_id: [] for case_id in chunk}
        for row in session.execute(select(EventRow.__table__).where(EventRow.case_id.in_(chunk))):
            stored[row.case_id].append(store_module._event_from_row(row))
        session.exec(delete(ConflictRow).where(ConflictRow.case_id.in_(chunk)))
        # Loading the existing views at once lets each merge below find its row in the
        # session instead of selecting it. A case without a loaded view gets an insert.
        views = {
            row.case_id: row
            for row in session.exec(select(CaseViewRow).where(CaseViewRow.case_id.in_(chunk)))
        }

        # Each merge below would otherwise flush every view written before it.
        new_views = []
        with session.no_autoflush:
            for case_id in chunk:
                merged = fold_case(stored[case_id] + (incoming or {}).get(case_id, []), numbers[case_id], payloads)
                if case_id in views:
                    store_module._write_view(session, merged.state)
                else:
                    # New cases are inserted together below, without an ORM object each.
                    new_views.append(store_module.view_values(merged.state))
                for conflict in merged.conflicts:
                    session.add(ConflictRow(conflict_id=conflict.conflict_id, case_id=case_id,
                                            resolved=conflict.resolved, data=conflict.model_dump(mode="json")))
                states[case_id] = merged.state
        if new_views:
            session.execute(insert(CaseViewRow.__table__), new_views)
    return states


def _rebuild_incoming(session: Session, numbers: dict[str, str], incoming: dict[str, list[Event]],
                      payloads: Mapping[str, Payload]) -> dict[str, CaseState]:
    try:
        return rebuild_cases(session, sorted(incoming), numbers, incoming, payloads)
    except ValueError:
        # An event of a new case sorts before its case.reported by HLC, which no honest
        # device produces, so the bundle is rejected as a whole.
        raise BundleRejected("damaged", "an event sorts before the case.reported of its case") from None


def _unacknowledged_events(session: Session, peer_key: str, case_id: str | None) -> list[dict]:
    # Select plain table rows, not ORM objects, because an export of 100,000 events would
    # otherwise build and track an EventRow for each one.
    events = EventRow.__table__
    query = (
        select(events)
        .join(ShareRow, (ShareRow.case_id == EventRow.case_id) & (ShareRow.peer_key == peer_key))
        .outerjoin(AckRow, (AckRow.peer_key == peer_key) & (AckRow.case_id == EventRow.case_id)
                   & (AckRow.device_id == EventRow.device_id))
        .where(EventRow.seq > func.coalesce(AckRow.seq, 0))
        .order_by(EventRow.hlc, EventRow.id)
    )
    if case_id is not None:
        query = query.where(EventRow.case_id == case_id)
    return [
        {
            "id": row.id, "case_id": row.case_id, "device_id": row.device_id, "seq": row.seq,
            "hlc": row.hlc, "recorded_at": row.recorded_at, "actor": row.actor, "kind": row.kind,
            "payload": row.payload, "base_id": row.base_id,
        }
        for row in session.execute(query)
    ]


def _assign_numbers(session: Session, plan: ImportPlan) -> dict[str, str]:
    """Give each new case the next local number, as report_case does; numbers are per store."""
    numbers = {}
    counters: dict[str, int] = {}
    for event, _raw in plan.new_events:
        if event.kind != "case.reported" or event.case_id in plan.existing_numbers:
            continue
        year = datetime.fromisoformat(event.payload["received_at"]).year
        counter_key = f"case_counter:{year}"
        if counter_key not in counters:
            counters[counter_key] = read_meta_value(session, counter_key) or 0
        counters[counter_key] += 1
        numbers[event.case_id] = f"{year}-{counters[counter_key]:04d}"
    for counter_key, counter in counters.items():
        write_meta(session, counter_key, counter)
    return numbers


def _insert_events(session: Session, plan: ImportPlan) -> None:
    """Insert the new events with one executemany.

    The JSON columns get compact UTF-8 JSON from pydantic_core, which encoded the
    benchmark's payloads about five times faster than json.dumps. SQLAlchemy's JSON type writes json.dumps text, but both read back as
    the same values, and nothing compares the stored text.
    """
    rows = [
        (
            event.id, event.case_id, event.device_id, event.seq, event.hlc, raw["recorded_at"],
            to_json(raw["actor"]).decode(), event.kind, to_json(raw["payload"]).decode(), event.base_id,
        )
        for event, raw in plan.new_events
    ]
    if rows:
        session.connection().exec_driver_sql(
            "INSERT INTO event (id, case_id, device_id, seq, hlc, recorded_at, actor, kind, payload, base_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
        )
    if plan.released:
        session.exec(delete(QuarantineRow).where(QuarantineRow.event_id.in_(plan.released)))


def _store_quarantine(session: Session, plan: ImportPlan, now: datetime) -> None:
    for item in plan.quarantined:
        session.add(QuarantineRow(
            event_id=item.event_id, case_id=item.case_id, kind=item.kind, device_id=item.device_id,
            seq=item.seq, reason=item.reason, detail=item.detail, bundle_id=plan.manifest.bundle_id,
            received_at=now.isoformat(), event=item.raw,
        ))


def _conflicts_after(session: Session, change: CaseChange, plan: ImportPlan) -> int:
    """Return the open conflicts the case would have after the import, without writing."""
    from . import store as store_module

    new = [event for event, _raw in plan.new_events if event.case_id == change.case_id]
    if not new:
        row = session.get(CaseViewRow, change.case_id)
        return json.loads(row.state_json).get("open_conflicts", 0) if row else 0
    rows = session.exec(select(EventRow).where(EventRow.case_id == change.case_id)).all()
    events = [store_module._event_from_row(row) for row in rows] + new
    try:
        return fold_case(events, change.number).state.open_conflicts
    except ValueError:
        raise BundleRejected("damaged", "an event sorts before the case.reported of its case") from None


def _report(plan: ImportPlan, changes: dict[str, CaseChange], applied: bool) -> ImportReport:
    peer = peer_table.to_peer(plan.peer)
    quarantined = [
        QuarantinedEvent(
            event_id=item.event_id, case_id=item.case_id, kind=item.kind, device_id=item.device_id, seq=item.seq,
            reason=item.reason, detail=item.detail, bundle_id=plan.manifest.bundle_id, received_at=datetime.now(UTC),
        )
        for item in plan.quarantined
    ]
    return ImportReport(
        bundle_id=plan.manifest.bundle_id, sender_name=peer.name, sender_fingerprint=peer.fingerprint,
        demo=plan.manifest.demo, applied=applied, cases=list(changes.values()), quarantined=quarantined,
        acks=len(plan.acks),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause CPython's cyclic garbage collector during an import, and restore it after.

    An import allocates many objects that all stay alive until it ends (the decoded body,
    the validated events and payloads), so the collector walks them again and again with
    little to free. That took about a sixth of the import time of 10,000 events
    (bench/sync_bundles.py --small). Reference counting still frees everything that is
    not in a cycle, and the collector runs as usual afterwards. A counter keeps it paused
    until the last of several concurrent imports ends, and a collector that was off
    before stays off.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = True


def _store_is_demo(session: Session) -> bool:
    """Return whether demo_setup marked the store as a demo store when it created it."""
    return read_meta_value(session, DEMO_STORE_KEY) is True


def _discard(temporary: Path | None) -> None:
    if temporary is not None:
        temporary.unlink(missing_ok=True)


def _write_private_temporary(path: Path, data: bytes) -> Path:
    """Write `data` to a new file beside `path`, readable by the owner only; return its path."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
