"""Dutch wording of sync results and failures, shared by the CLI and the Uitwisselen screens.

Plain text only: nothing here imports Textual or the storage layer, so the CLI can print
these lines and the screens can show them. Every line names what happened with case
numbers and counts, never case text.
"""

import errno
import re
from typing import TYPE_CHECKING

from .i18n import N_, _

if TYPE_CHECKING:
    # Type hints only: every CLI command imports this module, and most need no pydantic models.
    from .domain.sync_models import Peer, PeerIdentity

LEVEL_FIELD = "screening.level"
PLAN_FIELD = "plan.version"
"""Conflict fields of the concern level and the safety plan, as `domain.merge` names them."""

QUARANTINE_REASONS = {
    "malformed": N_("onleesbare gebeurtenis"),
    "unknown_kind": N_("onbekend soort gebeurtenis (nieuwere app?)"),
    "invalid_payload": N_("ongeldige gegevens"),
    "unknown_case": N_("casus ontbreekt"),
    "seq_taken": N_("volgnummer al gebruikt door een andere gebeurtenis"),
    "wrong_case": N_("casus staat niet in de bundel"),
}
"""Dutch label per quarantine reason code (`domain.sync_models.QUARANTINE_REASONS`)."""

FILE_ERRORS = {
    errno.ENOENT: N_("het bestand of de map bestaat niet"),
    errno.EACCES: N_("geen toestemming"),
    errno.EPERM: N_("geen toestemming"),
    errno.ENOSPC: N_("de schijf is vol"),
    errno.EDQUOT: N_("de schijfruimte voor deze gebruiker is op"),
    errno.EROFS: N_("de schijf is alleen-lezen"),
    errno.EISDIR: N_("dit is een map, geen bestand"),
    errno.ENOTDIR: N_("een deel van het pad is geen map"),
    errno.ENAMETOOLONG: N_("de naam is te lang"),
}
"""Dutch reason per errno for the file errors a caseworker can fix. Other errors show the system text."""


def field_label(field: str) -> str:
    """Return the Dutch name of a conflicting field, e.g. "zorgniveau" for "screening.level"."""
    if field == LEVEL_FIELD:
        return _("zorgniveau")
    if field == PLAN_FIELD:
        return _("veiligheidsplan")
    kind = field.removesuffix(".base")
    return _("wijziging van {kind}").format(kind=kind)


def peer_code_error(identity: "PeerIdentity", own: "PeerIdentity", peers: "list[Peer]") -> str | None:
    """Return why a parsed peer code cannot be added (this device's own code, or a peer already added), or None."""
    if identity.signing_key == own.signing_key:
        return _("Dit is de partnercode van dit apparaat zelf. Plak de code van het andere apparaat.")
    enrolled = next((peer for peer in peers if peer.identity.signing_key == identity.signing_key), None)
    if enrolled is not None:
        return _("Deze partner is al toegevoegd als '{name}'.").format(name=enrolled.name)
    return None


def peer_name_error(name: str, peers: "list[Peer]", max_length: int) -> str | None:
    """Return why `name` cannot name a new peer (empty, longer than `max_length`, taken), or None."""
    name = name.strip()
    if not name:
        return _("Vul een naam in om de partner aan te herkennen, bijvoorbeeld 'Laptop politie Noord'.")
    if len(name) > max_length:
        return _("De naam is te lang: gebruik ten hoogste {max} tekens.").format(max=max_length)
    if any(peer.name == name for peer in peers):
        return _("Er is al een partner met de naam '{name}'. Kies een andere naam.").format(name=name)
    return None


def quarantine_reason_text(reason: str) -> str:
    """Return the Dutch label of a quarantine reason code, or the code itself when it is unknown."""
    label = QUARANTINE_REASONS.get(reason)
    return _(label) if label is not None else reason


SEQUENCE_TAKEN = re.compile(r"sequence (-?\d+) of this device belongs to event (\S+)")

QUARANTINE_DETAILS = {
    "hlc": N_("de klokwaarde (hlc) is onleesbaar"),
    "not a JSON object": N_("geen gebeurtenis, maar een andere waarde"),
    "the case is not listed in the manifest": N_("de casus staat niet in de inhoudsopgave van de bundel"),
    "neither this store nor the bundle has the case.reported event": N_("de melding van deze casus is nog niet ontvangen"),
}
"""Dutch text per technical detail that `storage.sync_import` writes; other details are field names."""


def quarantine_detail_text(item) -> str:
    """Return the detail of a `QuarantinedEvent` in the active language, or "–" when there is none."""
    label = QUARANTINE_DETAILS.get(item.detail)
    if label is not None:
        return _(label)
    taken = SEQUENCE_TAKEN.fullmatch(item.detail)
    if taken is not None:
        return _("volgnummer {seq} van het apparaat hoort al bij gebeurtenis {event}").format(
            seq=taken.group(1), event=taken.group(2))
    if item.reason in ("invalid_payload", "malformed") and item.detail:
        return _("velden: {fields}").format(fields=item.detail)
    return item.detail or "–"


def quarantined_line(item) -> str:
    """Return one line for a `QuarantinedEvent`: event id, kind, reason and the technical detail."""
    return _("  ⚠ quarantaine: {event} ({kind}) · {reason} · {detail}").format(
        event=item.event_id, kind=item.kind, reason=quarantine_reason_text(item.reason), detail=quarantine_detail_text(item))


def quarantine_list_line(item, numbers: dict[str, str]) -> str:
    """Return one line of the quarantine list: case, event, kind, reason and detail.

    The case is its local number, or its id when this store does not hold the case.
    """
    case = numbers.get(item.case_id, item.case_id)
    return _("{case} · {event} ({kind}) · {reason} · {detail}").format(
        case=case, event=item.event_id, kind=item.kind, reason=quarantine_reason_text(item.reason), detail=quarantine_detail_text(item))


def case_change_lines(report) -> list[str]:
    """Return one line per case of an `ImportReport`, then one line per quarantined event."""
    lines = []
    for case in report.cases:
        marker = _(" (nieuwe casus)") if case.new_case else ""
        lines.append(_("  {number}{marker}: {new} nieuw, {known} al aanwezig, {quarantined} in quarantaine, {conflicts} open conflict(en)").format(
            number=case.number, marker=marker, new=case.new_events, known=case.known_events,
            quarantined=case.quarantined, conflicts=case.open_conflicts))
    lines.extend(quarantined_line(item) for item in report.quarantined)
    return lines


def import_result_line(report) -> str:
    """Return the first line after an import: new events and the number of cases that got any."""
    return _("Ingelezen: {events} nieuwe gebeurtenis(sen) in {cases} casus(sen).").format(
        events=report.new_events, cases=sum(1 for case in report.cases if case.new_events))


def export_result_lines(report) -> list[str]:
    """Return what an `ExportReport` wrote: the file, the peer, and the events per case number."""
    lines = [
        _("Bundel geschreven: {path}").format(path=report.path),
        _("Voor partner {peer} ({fingerprint}): {events} gebeurtenis(sen) in {cases} casus(sen).").format(
            peer=report.peer_name, fingerprint=report.peer_fingerprint, events=report.event_count, cases=len(report.cases)),
    ]
    lines.extend(
        _("  {number}: {events} gebeurtenis(sen)").format(number=case.number, events=case.event_count)
        for case in report.cases
    )
    if not report.cases:
        lines.append(_("Geen nieuwe gebeurtenissen; de bundel bevat alleen ontvangstbevestigingen."))
    return lines


def acks_line(count: int) -> str:
    return _("Ontvangstbevestigingen: {count}").format(count=count)


def rejection_message(error) -> str:
    """Return the Dutch message of a `BundleRejected`, or a general one for a reason it has no text for."""
    try:
        return error.user_message
    except KeyError:
        # BundleRejected.user_message raises KeyError for a reason that has no Dutch text yet.
        return _("Bundel geweigerd (reden: {reason}). Er is niets ingelezen.").format(reason=error.reason)


def file_error_message(error: OSError) -> str:
    """Return a Dutch message for a failed read or write, naming the path and the cause."""
    label = FILE_ERRORS.get(error.errno)
    reason = _(label) if label is not None else (error.strerror or type(error).__name__)
    return _("Het bestand kan niet worden gelezen of geschreven: {path} ({reason}).").format(
        path=error.filename or "?", reason=reason)
