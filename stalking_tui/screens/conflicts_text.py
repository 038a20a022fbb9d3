"""Text of sync conflicts and quarantined events, for the case list, the case screen and the conflicts screen.

Every function returns `rich.text.Text` or plain strings that callers render with markup
off, because side values and user names come from cases and from other devices.
"""

from rich.text import Text

from ..domain.dates import format_datetime
from ..domain.sync_models import Conflict, ConflictResolution, ConflictSide, QuarantinedEvent
from ..i18n import _, ngettext
from ..sync_text import LEVEL_FIELD, field_label, quarantine_detail_text, quarantine_reason_text

DEVICE_ID_SHOWN = 8
"""Leading characters of a device id shown to tell devices apart, because the store keeps no device names."""

def count_text(count: int) -> str:
    """Return the marker for open conflicts, e.g. "⚠ 2 conflicten"."""
    return "⚠ " + ngettext("{count} conflict", "{count} conflicten", count).format(count=count)


def level_note() -> str:
    """Return the note beside a concern level that an open conflict raised to its higher value."""
    return _("conflict: hoogste waarde getoond")


def has_open_level_conflict(conflicts: list[Conflict]) -> bool:
    return any(conflict.field == LEVEL_FIELD and not conflict.resolved for conflict in conflicts)


def case_line(open_count: int, conflicts: list[Conflict] | None) -> Text:
    """Return the warning line of the case screen for `open_count` open conflicts.

    `conflicts` is None while they are still loading, and the line then names only the count.
    """
    text = Text("⚠ " + _("Conflict") + ": ", style="bold")
    parts = [_field_summary(conflict) for conflict in conflicts or [] if not conflict.resolved]
    if parts:
        text.append("; ".join(parts))
    else:
        text.append(ngettext("{count} open conflict", "{count} open conflicten", open_count).format(count=open_count))
    text.append(" — " + _("druk op c om te kiezen."))
    return text


def quarantine_case_line(count: int) -> Text:
    """Return the case-screen line for `count` quarantined events of the case."""
    text = Text("⚠ ", style="bold")
    text.append(ngettext(
        "{count} ontvangen gebeurtenis staat in quarantaine (niet verwerkt) — druk op c.",
        "{count} ontvangen gebeurtenissen staan in quarantaine (niet verwerkt) — druk op c.",
        count,
    ).format(count=count))
    return text


def _field_summary(conflict: Conflict) -> str:
    """Return e.g. "zorgniveau MIDDEN of HOOG", or only the field name for long values such as a plan."""
    label = field_label(conflict.field)
    if conflict.field != LEVEL_FIELD:
        return label
    values = " " + _("of") + " "
    return f"{label} {values.join(side.value for side in conflict.sides)}"


def device_label(device_id: str, own_device_id: str) -> str:
    if device_id == own_device_id:
        return _("dit apparaat")
    return _("apparaat {device}").format(device=device_id[:DEVICE_ID_SHOWN])


def side_text(side: ConflictSide, own_device_id: str) -> Text:
    """Return one side as "HOOG — Naam, apparaat 1a2b3c4d, 14-03-2026 10:00", with the value kept literal."""
    text = Text(side.value, style="bold")
    text.append(f" — {side.user}, {device_label(side.device_id, own_device_id)}, {format_datetime(side.recorded_at)}")
    return text


def status_text(conflict: Conflict) -> Text:
    if conflict.resolved:
        return Text("✓ " + _("opgelost"))
    return Text("⚠ " + _("open"), style="bold")


def row_cells(conflict: Conflict, width: int) -> list[Text]:
    """Return status, field and the values side by side as table cells."""
    values = Text(" | ".join(side.value for side in conflict.sides))
    values.truncate(width, overflow="ellipsis")
    return [status_text(conflict), Text(field_label(conflict.field)), values]


def detail_text(conflict: Conflict, own_device_id: str) -> Text:
    """Return every side of `conflict` with who and when, and the choices and reasons made so far.

    A conflict whose latest resolutions disagree lists each of them, so that the next
    person sees both choices before choosing again.
    """
    text = Text(field_label(conflict.field).capitalize() + " · ", style="bold")
    text.append_text(status_text(conflict))
    for index, side in enumerate(conflict.sides, start=1):
        chosen = conflict.resolved and side.event_id == conflict.chosen_event_id
        text.append(f"\n{'✓' if chosen else ' '} {index}. ")
        text.append_text(side_text(side, own_device_id))

    if conflict.contested:
        text.append("\n⚠ " + contested_text(len(conflict.resolutions)), style="bold")
        for resolution in conflict.resolutions:
            text.append("\n")
            text.append_text(choice_text(resolution, own_device_id))

    if not conflict.resolved:
        text.append("\n" + _("Enter: kies welke waarde geldt en leg uit waarom."), style="italic")
        if conflict.field == LEVEL_FIELD:
            text.append("\n" + _("Tot dan toont de casus het hoogste zorgniveau."), style="italic")
        return text

    for resolution in conflict.resolutions:
        text.append("\n" + _("Gekozen door {user} op {moment}.").format(
            user=resolution.user, moment=format_datetime(resolution.recorded_at),
        ))
        text.append("\n" + _("Reden") + ": ")
        text.append(resolution.reason)
    return text


def contested_text(count: int) -> str:
    """Return the warning for `count` (two or more) resolutions that disagree."""
    if count == 2:
        return _("Twee tegenstrijdige keuzes: kies opnieuw.")
    return _("{count} tegenstrijdige keuzes: kies opnieuw.").format(count=count)


def choice_text(resolution: ConflictResolution, own_device_id: str) -> Text:
    """Return one earlier choice as "• HOOG — gekozen door Naam, apparaat 1a2b3c4d, 14-03-2026 10:00" and its reason."""
    text = Text("• ")
    text.append(resolution.value, style="bold")
    text.append(" — " + _("gekozen door {user}, {device}, {moment}").format(
        user=resolution.user, device=device_label(resolution.device_id, own_device_id),
        moment=format_datetime(resolution.recorded_at),
    ))
    text.append("\n  " + _("Reden") + ": ")
    text.append(resolution.reason)
    return text


def quarantine_text(items: list[QuarantinedEvent]) -> Text:
    """Return one block per quarantined event: kind and reason, then detail, bundle and arrival."""
    if not items:
        return Text("✓ " + _("Geen gebeurtenissen in quarantaine voor deze casus."))
    text = Text()
    for index, item in enumerate(items):
        if index:
            text.append("\n")
        text.append(f"⚠ {item.kind} · {quarantine_reason_text(item.reason)}", style="bold")
        text.append("\n  " + _("Detail") + ": ")
        text.append(quarantine_detail_text(item))
        text.append("\n  " + _("Bundel {bundle}, ontvangen {moment}").format(
            bundle=item.bundle_id, moment=format_datetime(item.received_at),
        ))
    return text
