"""Checking a decrypted bundle and planning its import, without writing anything.

`read_bundle` rejects a bundle as a whole (unknown sender, bad signature, demo data into a
real store or real data into a demo store). `plan_import` sorts every event of an accepted
bundle into new, known (already in the log) or quarantined, so the preview and the import
show the same numbers.
"""

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import text
from sqlmodel import Session, select

from ..domain import clock
from ..domain.events import ALL_PAYLOADS, Event, Payload
from ..domain.sync_models import Ack, BundleManifest, CaseChange, PeerIdentity
from .bundle import FORMAT_VERSION, OpenedBundle
from .peers import find_peer_by_key
from .sync_errors import BundleRejected
from .sync_tables import PeerRow, QuarantineRow
from .tables import CaseViewRow, EventRow

QUERY_CHUNK = 500  # ids per IN (...) query, well below SQLite's limit of 32766 parameters

EVENT_LIST = TypeAdapter(list[Event])
PAYLOAD_LISTS = {kind: TypeAdapter(list[model]) for kind, model in ALL_PAYLOADS.items()}

# The text form of clock.HlcTimestamp.encode. Matching it is several times faster than
# decoding, and it is stricter, because decode's int() also accepts signs and underscores.
HLC_PATTERN = re.compile(rf"[0-9]{{{clock.WALL_DIGITS}}}\.[0-9]{{{clock.COUNTER_DIGITS}}}\.[\s\S]+")


@dataclass
class Quarantined:
    event_id: str
    case_id: str
    kind: str
    device_id: str
    seq: int
    reason: str
    detail: str
    raw: dict


@dataclass
class ImportPlan:
    manifest: BundleManifest
    peer: PeerRow
    new_events: list[tuple[Event, dict]] = field(default_factory=list)
    """Events to append, each with the dict it arrived as."""
    payloads: dict[str, Payload] = field(default_factory=dict)
    """The validated payload of each new event by event id, so folding does not validate again."""
    quarantined: list[Quarantined] = field(default_factory=list)
    known: Counter = field(default_factory=Counter)
    acks: list[Ack] = field(default_factory=list)
    existing_numbers: dict[str, str] = field(default_factory=dict)
    """Local case number of every bundle case this store has already."""
    released: list[str] = field(default_factory=list)
    """Ids of events quarantined earlier that are valid now and leave the quarantine."""

    def case_changes(self) -> dict[str, CaseChange]:
        changes = {
            case.case_id: CaseChange(
                case_id=case.case_id,
                number=self.existing_numbers.get(case.case_id, case.number),
                new_case=case.case_id not in self.existing_numbers,
                known_events=self.known[case.case_id],
            )
            for case in self.manifest.cases
        }
        # Count first and set each model once, because a pydantic attribute write per event is slow.
        for case_id, count in Counter(event.case_id for event, _raw in self.new_events).items():
            changes[case_id].new_events = count
        # A case none of whose events can be taken is not created, so it is not new either.
        for change in changes.values():
            if change.new_case and change.new_events == 0:
                change.new_case = False
        for item in self.quarantined:
            if item.case_id in changes:
                changes[item.case_id].quarantined += 1
        return changes


def read_bundle(session: Session, opened: OpenedBundle, own_signing_key: str, store_is_demo: bool) -> tuple[BundleManifest, PeerRow]:
    """Check sender, signature, manifest and demo flag; raises BundleRejected."""
    sender_key = opened.sender_signing_key
    if sender_key == own_signing_key:
        raise BundleRejected("own_bundle")
    peer = find_peer_by_key(session, sender_key)
    if peer is None:
        raise BundleRejected("unknown_sender", "the sender key is not enrolled")
    opened.verify(PeerIdentity(signing_key=peer.signing_key, age_recipient=peer.age_recipient))

    manifest_data = opened.body.get("manifest")
    if isinstance(manifest_data, dict) and isinstance(manifest_data.get("format_version"), int) \
            and manifest_data["format_version"] > FORMAT_VERSION:
        raise BundleRejected("newer_format", f"manifest format version {manifest_data['format_version']}")
    try:
        manifest = BundleManifest.model_validate(manifest_data)
    except ValidationError:
        raise BundleRejected("damaged", "the manifest is invalid") from None
    if not isinstance(opened.body.get("events"), list) or not isinstance(opened.body.get("acks"), list):
        raise BundleRejected("damaged", "events or acks are missing")

    bundle_is_demo = manifest.demo or _reports_demo(opened.body["events"])
    if bundle_is_demo and not store_is_demo:
        raise BundleRejected("demo_into_real")
    if store_is_demo and not bundle_is_demo:
        raise BundleRejected("real_into_demo")
    return manifest, peer


def plan_import(session: Session, opened: OpenedBundle, manifest: BundleManifest, peer: PeerRow) -> ImportPlan:
    plan = ImportPlan(manifest=manifest, peer=peer)
    case_ids = {case.case_id for case in manifest.cases}
    plan.existing_numbers = _existing_numbers(session, case_ids)
    plan.acks = _valid_acks(opened.body["acks"])

    checked = _check_events(opened.body["events"], case_ids)
    checked += _check_events(_waiting_for_report(session, checked), case_ids)
    candidates = [event for event, _raw, _problem, _payload in checked if event is not None]
    known_ids = _existing_ids(session, [event.id for event in candidates])
    quarantined_ids = _quarantined_ids(
        session, [event.id if event else _raw_id(raw) for event, raw, _problem, _payload in checked],
    )
    used = _used_sequence_numbers(session, {event.device_id for event in candidates})
    reported = {event.case_id for event in candidates if event.kind == "case.reported" and event.id not in known_ids}

    seen: set[str] = set()
    for event, raw, problem, payload in checked:
        if event is None:
            if _raw_id(raw) not in quarantined_ids and _raw_id(raw) not in seen:
                plan.quarantined.append(_quarantined(raw, *problem))
                seen.add(_raw_id(raw))
            continue
        if event.id in known_ids:
            plan.known[event.case_id] += 1
            continue
        if event.id in seen:
            continue  # listed twice in one bundle
        seen.add(event.id)

        problem = _placement_problem(event, used, reported, plan.existing_numbers)
        if problem is not None:
            if event.id not in quarantined_ids:
                plan.quarantined.append(_quarantined(raw, *problem))
            continue
        used[(event.device_id, event.seq)] = event.id
        plan.new_events.append((event, raw))
        plan.payloads[event.id] = payload
        if event.id in quarantined_ids:
            plan.released.append(event.id)
    return plan


def _waiting_for_report(session: Session, checked: list[tuple]) -> list[dict]:
    """Return the quarantined events whose missing case.reported is in this bundle, to check again.

    The sender does not send such an event again, because the receiver's acks already
    cover it; so it leaves the quarantine when its case arrives.
    """
    reported = sorted({
        event.case_id for event, _raw, _problem, _payload in checked
        if event is not None and event.kind == "case.reported"
    })
    raws = []
    for chunk in chunks(reported):
        query = select(QuarantineRow.event).where(
            QuarantineRow.reason == "unknown_case", QuarantineRow.case_id.in_(chunk),
        )
        raws.extend(session.exec(query))
    return raws


def _check_events(raws: list, case_ids: set[str]) -> list[tuple]:
    """Check every element of `raws` as `_check_event` does, in order, validating in batches.

    One pydantic call over all events, then one per payload kind, took about two thirds
    of the time of a call per event and payload on the bundle of bench/sync_bundles.py.
    A batch that fails is checked again one element at a time, so every event still gets
    its own reason.
    """
    try:
        events = EVENT_LIST.validate_python(raws)
    except ValidationError:
        return [_check_event(raw, case_ids) for raw in raws]

    positions: dict[str, list[int]] = {}
    for position, event in enumerate(events):
        positions.setdefault(event.kind, []).append(position)
    payloads: list[Payload | None] = [None] * len(events)
    for kind, kind_positions in positions.items():
        if kind not in ALL_PAYLOADS:
            continue
        try:
            validated = PAYLOAD_LISTS[kind].validate_python([events[position].payload for position in kind_positions])
        except ValidationError:
            continue  # _event_result checks each payload of this kind on its own
        for position, payload in zip(kind_positions, validated):
            payloads[position] = payload

    return [_event_result(event, raw, payload, case_ids) for event, raw, payload in zip(events, raws, payloads)]


def _event_result(event: Event, raw: dict, payload: Payload | None, case_ids: set[str]) -> tuple:
    """Return what `_check_event` returns for an `event` validated already, given its payload if valid."""
    if HLC_PATTERN.fullmatch(event.hlc) is None:
        return None, raw, ("malformed", "hlc"), None
    if payload is None:
        return _check_event(raw, case_ids)
    if event.case_id not in case_ids:
        return None, raw, ("wrong_case", "the case is not listed in the manifest"), None
    return event, raw, None, payload


def _check_event(
    raw: object, case_ids: set[str],
) -> tuple[Event | None, dict, tuple[str, str] | None, Payload | None]:
    """Return (event, raw, None, payload) for a valid event, else (None, raw, (reason, detail), None)."""
    if not isinstance(raw, dict):
        return None, {"value": repr(raw)[:200]}, ("malformed", "not a JSON object"), None
    try:
        event = Event.model_validate(raw)
    except ValidationError as error:
        return None, raw, ("malformed", _fields(error)), None
    if HLC_PATTERN.fullmatch(event.hlc) is None:
        return None, raw, ("malformed", "hlc"), None

    if event.kind not in ALL_PAYLOADS:
        return None, raw, ("unknown_kind", event.kind[:60]), None
    try:
        payload = ALL_PAYLOADS[event.kind].model_validate(event.payload)
    except ValidationError as error:
        return None, raw, ("invalid_payload", _fields(error)), None
    if event.case_id not in case_ids:
        return None, raw, ("wrong_case", "the case is not listed in the manifest"), None
    return event, raw, None, payload


def _placement_problem(event: Event, used: dict, reported: set[str], existing: dict[str, str]) -> tuple[str, str] | None:
    owner = used.get((event.device_id, event.seq))
    if owner is not None and owner != event.id:
        return "seq_taken", f"sequence {event.seq} of this device belongs to event {owner}"
    if event.case_id not in existing and event.case_id not in reported:
        return "unknown_case", "neither this store nor the bundle has the case.reported event"
    return None


def _fields(error: ValidationError) -> str:
    """Return the failing field paths only: pydantic messages can quote the input, which may be case text."""
    return ", ".join(".".join(map(str, e["loc"])) or "event" for e in error.errors())[:500]


def _raw_id(raw: dict) -> str:
    event_id = raw.get("id")
    if isinstance(event_id, str) and 0 < len(event_id) <= 64:
        return event_id
    # An event without a usable id is kept under a hash of its content, so a second import
    # of the same bundle finds it in the quarantine and adds nothing.
    return "sha256:" + hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()[:40]


def _quarantined(raw: dict, reason: str, detail: str) -> Quarantined:
    def text(key: str) -> str:
        value = raw.get(key)
        return value[:64] if isinstance(value, str) else "?"

    seq = raw.get("seq")
    return Quarantined(
        event_id=_raw_id(raw), case_id=text("case_id"), kind=text("kind"), device_id=text("device_id"),
        seq=seq if isinstance(seq, int) else -1, reason=reason, detail=detail, raw=raw,
    )


def _valid_acks(raw_acks: list) -> list[Ack]:
    acks = []
    for raw in raw_acks:
        try:
            acks.append(Ack.model_validate(raw))
        except ValidationError:
            continue  # NOTE: a malformed ack only means that events may be sent again
    return acks


def _reports_demo(raw_events: list) -> bool:
    return any(
        isinstance(raw, dict) and raw.get("kind") == "case.reported"
        and isinstance(raw.get("payload"), dict) and raw["payload"].get("demo") is True
        for raw in raw_events
    )


def _existing_numbers(session: Session, case_ids: set[str]) -> dict[str, str]:
    numbers = {}
    for chunk in chunks(sorted(case_ids)):
        for case_id, number in session.exec(select(CaseViewRow.case_id, CaseViewRow.number).where(CaseViewRow.case_id.in_(chunk))):
            numbers[case_id] = number
    return numbers


def _existing_ids(session: Session, ids: list[str]) -> set[str]:
    return _ids_in(session, "event", "id", ids)


def _quarantined_ids(session: Session, ids: list[str]) -> set[str]:
    return _ids_in(session, "sync_quarantine", "event_id", ids)


def _ids_in(session: Session, table: str, column: str, ids: list[str]) -> set[str]:
    """Return which of `ids` occur in `table.column`, with one query for any number of ids.

    The ids travel as one JSON array parameter (SQLite's json_each), so a bundle of
    100,000 events needs neither 200 chunked IN queries nor SQLite's parameter limit.
    """
    if not ids:
        return set()
    query = text(f"SELECT t.{column} FROM json_each(:ids) AS j JOIN {table} AS t ON t.{column} = j.value")
    return set(session.execute(query, {"ids": json.dumps(ids)}).scalars())


def _used_sequence_numbers(session: Session, devices: set[str]) -> dict[tuple[str, int], str]:
    used = {}
    for chunk in chunks(sorted(devices)):
        query = select(EventRow.device_id, EventRow.seq, EventRow.id).where(EventRow.device_id.in_(chunk))
        for device_id, seq, event_id in session.exec(query):
            used[(device_id, seq)] = event_id
    return used


def chunks(items: list) -> list[list]:
    """Split `items` into lists of at most QUERY_CHUNK, for IN (...) queries."""
    return [items[i:i + QUERY_CHUNK] for i in range(0, len(items), QUERY_CHUNK)]

