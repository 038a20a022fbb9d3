"""Fold a case from events of several devices, and find conflicting edits.

The state of a case is a left fold over its events in HLC order, so every store that has
the same events computes the same state, whatever order the bundles arrived in.

An edit is keyed by the field it changes and the base it changes:
- `screening.completed` edits the concern level; its base is `base_id`, the screening it
  reassesses (None for the first one);
- `plan.saved` edits the safety plan; its version number names the base (version N edits N-1);
- any other event with a `base_id` edits that event.

Edits with the same key from two or more devices, whose latest values per device differ,
are a conflict. All of them stay in the log. The fold takes the later one by HLC, except
that an open conflict about the concern level shows the higher level, so a risk is never
lowered by accident. A `conflict.resolved` event names the edit a person chose and closes
the conflict until another edit with the same key arrives.

Resolutions of one conflict replace each other only when the later one saw the earlier:
its `base_id` and its payload's `replaces` name the resolutions it replaces. Resolutions
that no other one replaces are the latest. If the latest ones choose different edits, two
people decided without seeing each other's choice, and the conflict is open again until a
resolution that replaces all of them. Resolutions recorded before `replaces` existed have
neither field set; of those, the later one by HLC replaces every earlier one, as before.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .case import CaseState, apply, new_case
from .events import ConflictResolved, Event, Payload, ScreeningCompleted
from .levels import ConcernLevel, Track
from .sync_models import Conflict, ConflictResolution, ConflictSide

SCREENING = "screening.completed"
PLAN = "plan.saved"
RESOLVED = "conflict.resolved"
VALUE_PREVIEW = 60


@dataclass
class _Group:
    """All edits with one key, in HLC order, and the latest resolutions of their conflict."""

    conflict_id: str
    field: str
    events: list[Event] = field(default_factory=list)
    resolutions: dict[str, tuple[Event, ConflictResolved]] = field(default_factory=dict)
    """The resolutions that no later resolution replaces, by event id, in HLC order."""

    @property
    def heads(self) -> list[Event]:
        """Return the latest edit of each device, in HLC order.

        Edits from one device are never concurrent, because each device has its own earlier
        edits in its log, so only the latest one per device takes part in a conflict.
        """
        latest = {event.device_id: event for event in self.events}
        return sorted(latest.values(), key=sort_key)

    @property
    def in_conflict(self) -> bool:
        return len({edit_value(event) for event in self.heads}) > 1

    @property
    def contested(self) -> bool:
        """Whether the latest resolutions choose different edits."""
        return len({resolution.chosen_event_id for _event, resolution in self.resolutions.values()}) > 1

    @property
    def resolution(self) -> ConflictResolved | None:
        """The resolution in force: the latest one, or None when there is none or they disagree."""
        if not self.resolutions or self.contested:
            return None
        _event, resolution = list(self.resolutions.values())[-1]
        return resolution

    @property
    def is_open(self) -> bool:
        if not self.in_conflict:
            return False
        if self.resolution is None:
            return True
        # Agreeing resolutions together cover every edit that any of them saw.
        covered = {event_id for _event, resolution in self.resolutions.values() for event_id in resolution.event_ids}
        return any(event.id not in covered for event in self.heads)

    def add_resolution(self, event: Event, resolution: ConflictResolved) -> None:
        """Make `event` a latest resolution and drop the ones it replaces."""
        if resolution.replaces is None and event.base_id is None:
            # Recorded before resolutions named what they replace: the later one wins.
            self.resolutions.clear()
        else:
            for replaced in [event.base_id, *(resolution.replaces or [])]:
                self.resolutions.pop(replaced, None)
        self.resolutions[event.id] = (event, resolution)


@dataclass
class MergedCase:
    state: CaseState
    conflicts: list[Conflict]


def sort_key(event: Event) -> tuple[str, str]:
    return event.hlc, event.id


def edit_key(event: Event) -> tuple[str, str] | None:
    """Return (field, base) for an edit, or None for an event that edits nothing."""
    if event.kind == SCREENING:
        return "screening.level", event.base_id or "-"
    if event.kind == PLAN:
        return "plan.version", str(event.payload.get("version"))
    if event.base_id is not None and event.kind != RESOLVED:
        return f"{event.kind}.base", event.base_id
    return None


def edit_value(event: Event) -> str:
    """Return the value an edit sets, as text to compare and to show."""
    if event.kind == SCREENING:
        return str(event.payload.get("level"))
    return json.dumps(event.payload, sort_keys=True, ensure_ascii=False)


def conflict_id(case_id: str, key: tuple[str, str]) -> str:
    """Return a stable id for the conflict about `key`, the same on every device."""
    return hashlib.sha256(f"{case_id}|{key[0]}|{key[1]}".encode()).hexdigest()[:32]


def fold_case(events: Iterable[Event], number: str, payloads: Mapping[str, Payload] | None = None) -> MergedCase:
    """Fold the events of one case in HLC order; the first must be its `case.reported`.

    `payloads` maps event ids to payloads validated already; the other events are
    validated while folding.
    """
    ordered = sorted(events, key=sort_key)
    if not ordered or ordered[0].kind != "case.reported":
        raise ValueError("the first event of a case by HLC must be case.reported")
    payloads = payloads or {}

    # new_case builds a fresh state that this fold owns, so each event changes it in place.
    state = new_case(ordered[0], number)
    groups: dict[tuple[str, str], _Group] = {}
    groups_by_id: dict[str, _Group] = {}
    # The last screening and plan folded so far: a resolution only changes the state while
    # its conflict still contains the latest edit of that field.
    latest: dict[str, str] = {}
    # Conflict ids of the groups in open conflict. An event changes at most one group, so
    # only that group is checked again.
    open_ids: set[str] = set()

    for event in ordered[1:]:
        changed = None
        if event.kind == RESOLVED:
            changed = _resolve(state, event, groups_by_id, latest)
        else:
            previous = (state.track, state.track_entered_at)
            apply(state, event, copy=False, payload=payloads.get(event.id))
            key = edit_key(event)
            if key is not None:
                changed = groups.get(key)
                if changed is None:
                    changed = _Group(conflict_id(state.case_id, key), key[0])
                    groups[key] = changed
                    groups_by_id[changed.conflict_id] = changed
                changed.events.append(event)
                latest[event.kind] = event.id
                if event.kind == SCREENING and changed.is_open:
                    _show_higher_level(previous, state, changed, event)
        if changed is not None:
            if changed.is_open:
                open_ids.add(changed.conflict_id)
            else:
                open_ids.discard(changed.conflict_id)
            state.open_conflicts = len(open_ids)

    return MergedCase(state, [_conflict(state.case_id, group) for group in groups.values() if group.in_conflict])


def _show_higher_level(previous: tuple[Track, datetime], state: CaseState, group: _Group, event: Event) -> None:
    """Set the level to the highest of the conflicting screenings, so risk is never understated.

    `previous` is the (track, entry time) before `event`, kept when the case was in the
    higher track already.
    """
    levels = [ConcernLevel(edit_value(member)) for member in group.heads]
    higher = max(levels, key=lambda level: level.rank)
    if state.level == higher:
        return

    state.level = higher
    if state.track != Track.ACUUT and state.track != Track(higher.value):
        if previous[0] == Track(higher.value):
            state.track, state.track_entered_at = previous
        else:
            state.track, state.track_entered_at = Track(higher.value), event.recorded_at


def _resolve(state: CaseState, event: Event, groups_by_id: dict[str, _Group], latest: dict[str, str]) -> _Group | None:
    """Apply a resolution in place: the chosen value wins while its conflict contains the latest edit.

    Returns the group whose resolution changed, or None for a resolution that names an
    unknown conflict or event.
    """
    state.updated_at = event.recorded_at
    resolution = ConflictResolved.model_validate(event.payload)
    group = groups_by_id.get(resolution.conflict_id)
    chosen = next((e for e in group.heads if e.id == resolution.chosen_event_id), None) if group else None
    if group is None or chosen is None:
        # NOTE: a resolution that names an unknown conflict or event changes nothing. The
        # import checks neither against the log, so such an event is kept but inert.
        return None

    group.add_resolution(event, resolution)
    if latest.get(chosen.kind) not in {member.id for member in group.events}:
        return group  # a newer edit replaced the conflicting ones already

    if group.contested:
        _show_unresolved(state, group, chosen.kind, latest, event)
    elif chosen.kind == SCREENING:
        level = ScreeningCompleted.model_validate(chosen.payload).level
        state.level = level
        if state.track != Track.ACUUT and state.track != Track(level.value):
            state.track, state.track_entered_at = Track(level.value), event.recorded_at
    elif chosen.kind == PLAN:
        apply(state, chosen, copy=False)
        state.updated_at = event.recorded_at
    return group


def _show_unresolved(state: CaseState, group: _Group, kind: str, latest: dict[str, str], event: Event) -> None:
    """Show the field as for an open conflict again, after `event` contradicted an earlier resolution."""
    if kind == SCREENING:
        _show_higher_level((state.track, state.track_entered_at), state, group, event)
    elif kind == PLAN:
        # An open plan conflict shows the later plan by HLC, which is the latest one folded.
        plan = next(member for member in group.events if member.id == latest[PLAN])
        apply(state, plan, copy=False)
        state.updated_at = event.recorded_at


def _conflict(case_id: str, group: _Group) -> Conflict:
    sides = [
        ConflictSide(
            event_id=event.id, device_id=event.device_id, user=event.actor.user,
            recorded_at=event.recorded_at, value=_short(_display_value(event)),
        )
        for event in group.heads
    ]
    edits = {event.id: event for event in group.events}
    resolutions = [
        ConflictResolution(
            event_id=event.id, chosen_event_id=resolution.chosen_event_id, device_id=event.device_id,
            user=event.actor.user, recorded_at=event.recorded_at, reason=resolution.reason,
            value=_short(_display_value(edits[resolution.chosen_event_id])),
        )
        for event, resolution in group.resolutions.values()
    ]
    chosen = group.resolution.chosen_event_id if group.resolution else None
    return Conflict(
        conflict_id=group.conflict_id, case_id=case_id, field=group.field, sides=sides,
        resolved=not group.is_open, chosen_event_id=chosen, resolutions=resolutions,
    )


def _display_value(event: Event) -> str:
    if event.kind == PLAN:
        return f"v{event.payload.get('version')}: {event.payload.get('worry', '')}"
    return edit_value(event)


def _short(text: str) -> str:
    return text if len(text) <= VALUE_PREVIEW else text[:VALUE_PREVIEW - 1] + "…"
