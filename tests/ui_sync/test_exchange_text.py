"""Wording and checks of the Uitwisselen screens that need no app: file names, panels, peer checks."""

import errno
from datetime import UTC, date, datetime
from pathlib import Path

from stalking_tui.domain.sync_models import (
    BundleCase, CaseChange, ExportReport, ImportReport, Peer, PeerIdentity, QuarantinedEvent,
)
from stalking_tui.screens import exchange_dialogs
from stalking_tui.screens.exchange_dialogs import validate_peer
from stalking_tui.screens.exchange_jobs import failure_of
from stalking_tui.screens.exchange_text import (
    default_bundle_path, export_failed_panel, export_panel, file_name_part, import_failed_panel, import_panel,
    preview_panel, shown_path,
)
from stalking_tui.storage import peers as peer_table
from stalking_tui.storage.sync_errors import BundleRejected
from stalking_tui.sync_text import file_error_message, quarantine_detail_text, rejection_message

OWN = PeerIdentity(signing_key="A" * 43, age_recipient="age1" + "q" * 58)
OTHER = PeerIdentity(signing_key="B" * 43, age_recipient="age1" + "p" * 58)


def report(bundle_id: str = "bundel-1", new_events: int = 3, quarantined: list | None = None) -> ImportReport:
    return ImportReport(
        bundle_id=bundle_id, sender_name="Laptop A", sender_fingerprint="1111 2222 3333 4444 5555 6666",
        demo=False, applied=False, acks=2, quarantined=quarantined or [],
        cases=[CaseChange(case_id="c1", number="2026-0007", new_case=True, new_events=new_events)],
    )


def test_file_name_part_keeps_safe_characters():
    assert file_name_part("Laptop politie Noord") == "laptop-politie-noord"
    assert file_name_part("../[bold]x") == "bold-x"
    assert file_name_part("Zoë") == "zo"
    assert file_name_part("///") == "partner"


def test_default_path_names_peer_and_date():
    path = default_bundle_path(Path("/home/fictief"), "Laptop B", date(2026, 3, 14))

    assert path == Path("/home/fictief/stalking-tui-laptop-b-2026-03-14.age")
    assert shown_path(path, Path("/home/fictief")) == "~/stalking-tui-laptop-b-2026-03-14.age"
    assert shown_path(Path("/elders/x.age"), Path("/home/fictief")) == "/elders/x.age"


def test_limits_match_store():
    assert exchange_dialogs.MAX_PEER_NAME == peer_table.MAX_NAME
    assert exchange_dialogs.MAX_BASIS == peer_table.MAX_BASIS


def test_validate_peer_accepts_new_peer():
    values, errors = validate_peer("  " + OTHER.to_text() + "\n", " Laptop B ", OWN, [])

    assert errors == {}
    assert values == {"text": OTHER.to_text(), "name": "Laptop B"}


def test_validate_peer_errors_per_field():
    enrolled = Peer(identity=OTHER, name="Laptop B", added_at=datetime(2026, 3, 1, tzinfo=UTC))
    cases = [
        ("", "x", {"identity": "Plak de partnercode"}),
        ("stalking-tui-peer:1:kapot", "x", {"identity": "ongeldig"}),
        (OWN.to_text(), "x", {"identity": "van dit apparaat zelf"}),
        (OTHER.to_text(), "Nieuw", {"identity": "al toegevoegd als 'Laptop B'"}),
        ("stalking-tui-peer:1:kapot", " ", {"identity": "ongeldig", "name": "Vul een naam in"}),
        ("stalking-tui-peer:1:kapot", "Laptop B", {"identity": "ongeldig", "name": "al een partner met de naam"}),
    ]
    for text, name, expected in cases:
        values, errors = validate_peer(text, name, OWN, [enrolled])
        assert values is None, (text, name)
        assert sorted(errors) == sorted(expected), (text, name)
        for field, words in expected.items():
            assert words in errors[field], (text, name)


def test_export_panel_lists_cases_and_acks():
    exported = ExportReport(
        bundle_id="b", path="/tmp/x.age", peer_name="Laptop B", peer_fingerprint="aaaa bbbb cccc dddd eeee ffff",
        cases=[BundleCase(case_id="c1", number="2026-0001", event_count=4), BundleCase(case_id="c2", number="2026-0002", event_count=1)],
        acks=3,
    )
    text = export_panel(exported)

    assert text.startswith("✔ Bundel geschreven: /tmp/x.age")
    assert "5 gebeurtenis(sen) in 2 casus(sen)" in text
    assert "2026-0001: 4 gebeurtenis(sen)" in text
    assert "2026-0002: 1 gebeurtenis(sen)" in text
    assert "Ontvangstbevestigingen: 3" in text
    assert "alleen aan deze partner" in text


def test_failed_panels_never_claim_success():
    export_text = export_failed_panel("De schijf is vol.")
    import_text = import_failed_panel("De opslag is al geopend.", rejected=False)

    for text in (export_text, import_text):
        assert text.startswith("✖")
        assert "✔" not in text
    assert "Er is geen bundel geschreven." in export_text
    assert "Er is niets ingelezen." in import_text


def test_preview_panel_names_sender_and_counts():
    text = preview_panel(report())

    assert "er is nog niets ingelezen" in text
    assert "Afzender: Laptop A · vingerafdruk 1111 2222" in text
    assert "2026-0007 (nieuwe casus): 3 nieuw, 0 al aanwezig, 0 in quarantaine, 0 open conflict(en)" in text
    assert "het nummer van de afzender" in text
    assert "Ontvangstbevestigingen: 2" in text


def test_import_panel_flags_changed_file():
    same = import_panel(report(), report())
    changed = import_panel(report("bundel-2"), report("bundel-1"))
    recounted = import_panel(report(new_events=1), report(new_events=3))

    assert "verschilt van het voorbeeld" not in same
    assert "verschilt van het voorbeeld" in changed
    assert "verschilt van het voorbeeld" in recounted
    assert "Ingelezen: 1 nieuwe gebeurtenis(sen) in 1 casus(sen)." in recounted


def test_import_panel_points_to_quarantine():
    item = QuarantinedEvent(event_id="e1", case_id="c1", kind="toekomst.soort", device_id="d1", seq=4,
                            reason="unknown_kind", detail="toekomst.soort", bundle_id="bundel-1",
                            received_at=datetime(2026, 3, 14, tzinfo=UTC))
    text = import_panel(report(quarantined=[item]))

    assert "⚠ quarantaine: e1 (toekomst.soort) · onbekend soort gebeurtenis" in text
    assert "q op het scherm Uitwisselen" in text


def test_rejection_message_for_unknown_reason():
    error = BundleRejected("damaged")
    error.reason = "nieuwe_reden"  # a reason this app has no text for

    message = rejection_message(error)

    assert "Bundel geweigerd (reden: nieuwe_reden)" in message
    assert "Er is niets ingelezen." in message


def test_rejection_message_uses_store_text():
    message = rejection_message(BundleRejected("real_into_demo"))

    assert "demo-opslag" in message
    assert "Er is niets ingelezen." in message


def test_file_errors_in_dutch():
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/x.age")
    other = OSError(errno.EIO, "Input/output error", "/media/usb/x.age")

    assert file_error_message(full) == "Het bestand kan niet worden gelezen of geschreven: /media/usb/x.age (de schijf is vol)."
    assert "(Input/output error)" in file_error_message(other)


def test_failure_of_keeps_case_text_out():
    failure = failure_of(ValueError("Zoë Fictief woont op Fictieweg 1"))

    assert failure.unexpected
    assert "Zoë" not in failure.message
    assert failure_of(BundleRejected("tampered")).rejected
    assert not failure_of(OSError(errno.ENOENT, "x", "/x")).unexpected


def test_quarantine_details_read_in_dutch():
    def item(reason: str, detail: str) -> QuarantinedEvent:
        return QuarantinedEvent(event_id="e-1", case_id="c-1", kind="note.added", device_id="d-1", seq=3,
                                reason=reason, detail=detail, bundle_id="bundel-1", received_at=datetime(2026, 3, 1, tzinfo=UTC))

    assert quarantine_detail_text(item("wrong_case", "the case is not listed in the manifest")) == (
        "de casus staat niet in de inhoudsopgave van de bundel")
    assert quarantine_detail_text(item("seq_taken", "sequence 4 of this device belongs to event e-9")) == (
        "volgnummer 4 van het apparaat hoort al bij gebeurtenis e-9")
    assert quarantine_detail_text(item("invalid_payload", "text, kind")) == "velden: text, kind"
    assert quarantine_detail_text(item("unknown_kind", "toekomst.soort")) == "toekomst.soort"
