"""Texts of the Uitwisselen screens: bundle file names and the export, preview and import panels.

Plain functions without Textual, so tests can check the wording directly. The panels show
case numbers, counts, peer names and fingerprints, never case text.
"""

import re
from datetime import date
from pathlib import Path

from ..i18n import _
from ..sync_text import acks_line, case_change_lines, export_result_lines, import_result_line

BUNDLE_SUFFIX = ".age"


def file_name_part(name: str) -> str:
    """Return `name` reduced to ASCII letters, digits and hyphens, for use in a file name."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "partner"


def default_bundle_path(directory: Path, peer_name: str, today: date) -> Path:
    """Return e.g. `<directory>/stalking-tui-laptop-noord-2026-03-14.age` for an export to `peer_name`."""
    return directory / f"stalking-tui-{file_name_part(peer_name)}-{today:%Y-%m-%d}{BUNDLE_SUFFIX}"


def shown_path(path: Path, home: Path) -> str:
    """Return `path` with the home directory written as `~`, as the path field shows it."""
    try:
        return str(Path("~") / path.relative_to(home))
    except ValueError:
        return str(path)


def export_panel(report) -> str:
    """Return the panel text after a successful export: file, peer, events per case and acks."""
    lines = ["✔ " + line if index == 0 else line for index, line in enumerate(export_result_lines(report))]
    lines.append(acks_line(report.acks))
    lines.append("")
    lines.append("⚠ " + _("Het bestand is versleuteld, maar geef het alleen aan deze partner "
                          "(versleutelde USB-stick, beveiligde mail of afgeschermde map)."))
    return "\n".join(lines)


def export_failed_panel(message: str) -> str:
    # On every failure the store deletes the file it wrote, if any, so no new bundle exists.
    return "✖ " + _("Export mislukt.") + " " + message + "\n" + _("Er is geen bundel geschreven.")


def preview_panel(report) -> str:
    """Return what an import would change: sender, then per case the counts, then the next step."""
    lines = [
        "👁 " + _("Voorbeeld: er is nog niets ingelezen."),
        _("Afzender: {name} · vingerafdruk {fingerprint}").format(name=report.sender_name, fingerprint=report.sender_fingerprint),
    ]
    if report.demo:
        lines.append("⚠ " + _("Deze bundel bevat oefengegevens (demo)."))
    lines.extend(case_change_lines(report))
    if any(case.new_case for case in report.cases):
        lines.append(_("Een nieuwe casus krijgt bij het inlezen een eigen nummer in deze opslag; "
                       "hierboven staat het nummer van de afzender."))
    lines.append(acks_line(report.acks))
    if not report.changes_anything:
        lines.append("· " + _("Deze bundel bevat niets nieuws; inlezen werkt alleen de ontvangstbevestigingen bij."))
    lines.append("")
    lines.append(_("F2 leest de bundel in. Esc gaat terug zonder iets in te lezen."))
    return "\n".join(lines)


def import_panel(result, preview=None) -> str:
    """Return what an import changed, with a warning when it differs from the preview."""
    lines = ["✔ " + import_result_line(result)]
    if preview is not None and _differs(preview, result):
        lines.append("⚠ " + _("Dit verschilt van het voorbeeld, omdat het bestand of de opslag daarna is veranderd. "
                              "Hieronder staat wat werkelijk is ingelezen."))
    lines.append(_("Afzender: {name} · vingerafdruk {fingerprint}").format(name=result.sender_name, fingerprint=result.sender_fingerprint))
    lines.extend(case_change_lines(result))
    lines.append(acks_line(result.acks))
    if result.quarantined:
        lines.append(_("Gebeurtenissen in quarantaine zijn niet toegepast; q op het scherm Uitwisselen toont ze met de reden."))
    return "\n".join(lines)


def import_failed_panel(message: str, rejected: bool) -> str:
    """Return the panel after a failed preview or import.

    A rejection message already states that nothing was read, so only other failures get that sentence.
    """
    text = "✖ " + message
    if not rejected:
        # An import is one transaction, so a failure leaves the store as it was.
        text += " " + _("Er is niets ingelezen.")
    return text


def _differs(preview, result) -> bool:
    """Return whether the import read another bundle, or other counts, than the preview showed."""
    if preview.bundle_id != result.bundle_id:
        return True
    counts = [(case.case_id, case.new_events, case.known_events, case.quarantined) for case in preview.cases]
    return counts != [(case.case_id, case.new_events, case.known_events, case.quarantined) for case in result.cases]
