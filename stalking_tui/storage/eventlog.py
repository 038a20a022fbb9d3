"""Appending to the event log, and the metadata it needs (sequence number, clock)."""

import json
from datetime import datetime
from typing import Any

import uuid6
from sqlmodel import Session, select

from ..domain import clock
from ..domain.events import Event
from ..domain.profile import Actor
from .tables import EventRow, MetaRow


def append_event(
    session: Session, actor: Actor, device_id: str, case_id: str | None,
    kind: str, payload: dict, now: datetime, base_id: str | None = None,
) -> Event:
    """Add one already validated event; a `case_id` of None starts a new case.

    Each event gets the next per-device sequence number and an HLC timestamp later than
    every one this device issued before, even if the wall clock went back.
    """
    seq = read_meta_value(session, "next_seq")
    write_meta(session, "next_seq", seq + 1)

    last_hlc = read_meta_value(session, "last_hlc")
    last = clock.HlcTimestamp.decode(last_hlc) if last_hlc else None
    hlc = clock.tick(last, int(now.timestamp() * 1000), device_id)
    write_meta(session, "last_hlc", hlc.encode())

    event = Event(
        id=str(uuid6.uuid7()),
        case_id=case_id or str(uuid6.uuid7()),
        device_id=device_id,
        seq=seq,
        hlc=hlc.encode(),
        recorded_at=now,
        actor=actor,
        kind=kind,
        payload=payload,
        base_id=base_id,
    )
    session.add(EventRow(
        id=event.id, case_id=event.case_id, device_id=device_id, seq=seq, hlc=event.hlc,
        recorded_at=now.isoformat(), actor=actor.model_dump(mode="json"), kind=kind, payload=payload,
        base_id=base_id,
    ))
    return event


def read_meta(session: Session) -> dict[str, Any]:
    """Return every metadata entry, with its JSON value decoded."""
    return {row.key: json.loads(row.value) for row in session.exec(select(MetaRow))}


def read_meta_value(session: Session, key: str) -> Any:
    row = session.get(MetaRow, key)
    return json.loads(row.value) if row else None


def write_meta(session: Session, key: str, value: Any) -> None:
    session.merge(MetaRow(key=key, value=json.dumps(value)))


def event_from_row(row: EventRow) -> Event:
    return Event(
        id=row.id, case_id=row.case_id, device_id=row.device_id, seq=row.seq, hlc=row.hlc,
        recorded_at=datetime.fromisoformat(row.recorded_at), actor=row.actor, kind=row.kind,
        payload=row.payload, base_id=row.base_id,
    )


def case_events(session: Session, case_id: str) -> list[Event]:
    """Return the events of one case in log order (hybrid logical clock, then id)."""
    rows = session.exec(select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.hlc, EventRow.id))
    return [event_from_row(row) for row in rows]
