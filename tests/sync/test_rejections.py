"""Bundles that must be rejected as a whole, and single events that go to quarantine.

Real SQLCipher stores with cheap Argon2id (KdfParams.TESTING). Every rejection must leave
the receiving store exactly as it was, audit log included.
"""

import json

import pytest
from sqlmodel import func, select

from stalking_tui.i18n import set_language
from stalking_tui.storage.errors import StoreError
from stalking_tui.storage.sync_errors import BundleRejected
from stalking_tui.storage.tables import AuditRow

from .conftest import BASIS
from .helpers import bundle_body, decrypt_for, encrypt_for, sealed, snapshot


@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")


@pytest.fixture
def sent(pair, make_report, tmp_path):
    """A bundle from A to B with one shared case of two events; returns its path."""
    a, _b = pair
    case = a.report_case(make_report(demo=False))
    a.record(case.case_id, "note.added", {"text": "Fictieve notitie."})
    a.share_case(case.case_id, "B", BASIS)
    path = tmp_path / "a.bundle.age"
    a.export_bundle("B", path)
    return path


def audit_count(store) -> int:
    with store._session() as session:
        return session.exec(select(func.count()).select_from(AuditRow)).one()


def assert_rejected(store, path, reason: str, words: str) -> None:
    before = snapshot(store)
    audit_before = audit_count(store)

    for attempt in (store.preview_import, store.import_bundle):
        with pytest.raises(BundleRejected) as raised:
            attempt(path)
        assert raised.value.reason == reason
        assert words in raised.value.user_message
        assert "niets ingelezen" in raised.value.user_message

    assert snapshot(store) == before
    assert audit_count(store) == audit_before


def test_truncated_bundle_rejected(pair, sent):
    _a, b = pair
    data = sent.read_bytes()
    sent.write_bytes(data[: len(data) // 2])

    assert_rejected(b, sent, "damaged", "onvolledig of beschadigd")


def test_tampered_bundle_rejected(pair, sent):
    _a, b = pair
    plaintext = decrypt_for(b, sent.read_bytes())
    changed = plaintext.replace("Fictieve notitie.".encode(), "Andere notitie!!.".encode())
    assert changed != plaintext
    sent.write_bytes(encrypt_for(b, changed))

    assert_rejected(b, sent, "tampered", "handtekening")


def test_wrong_recipient_rejected(pair, make_device, sent, tmp_path):
    a, _b = pair
    c = make_device("C")
    a.add_peer(c.own_identity().to_text(), "C")
    c.add_peer(a.own_identity().to_text(), "A")

    # The bundle for B arrives at C.
    assert_rejected(c, sent, "wrong_recipient", "ander apparaat")


def test_unknown_sender_rejected(pair, make_device, make_report, tmp_path):
    _a, b = pair
    c = make_device("C")
    c.add_peer(b.own_identity().to_text(), "B")
    case = c.report_case(make_report(demo=False))
    c.share_case(case.case_id, "B", BASIS)
    path = tmp_path / "c.bundle.age"
    c.export_bundle("B", path)

    assert_rejected(b, path, "unknown_sender", "niet als partner")


def test_demo_into_real_rejected(pair, make_report, tmp_path):
    a, b = pair
    b.report_case(make_report(demo=False))
    case = a.report_case(make_report(demo=True))
    a.share_case(case.case_id, "B", BASIS)
    path = tmp_path / "demo.bundle.age"
    a.export_bundle("B", path)

    assert_rejected(b, path, "demo_into_real", "oefengegevens")


def test_demo_into_empty_real_rejected(pair, make_report, tmp_path):
    a, b = pair
    a.mark_demo_store()
    case = a.report_case(make_report(demo=True))
    a.share_case(case.case_id, "B", BASIS)
    path = tmp_path / "demo.bundle.age"
    a.export_bundle("B", path)

    assert_rejected(b, path, "demo_into_real", "oefengegevens")


def test_demo_into_demo_accepted(pair, make_report, tmp_path):
    a, b = pair
    a.mark_demo_store()
    b.mark_demo_store()
    case = a.report_case(make_report(demo=True))
    a.share_case(case.case_id, "B", BASIS)
    path = tmp_path / "demo.bundle.age"
    a.export_bundle("B", path)

    assert b.import_bundle(path).new_events == 1


def test_demo_acks_only_into_demo_accepted(pair, tmp_path):
    a, b = pair
    a.mark_demo_store()
    b.mark_demo_store()
    path = tmp_path / "acks.bundle.age"
    # A demo store with no shared case sends acks only, and its store mark makes the bundle a demo bundle.
    a.export_bundle("B", path)

    imported = b.import_bundle(path)

    assert imported.demo is True
    assert imported.new_events == 0


def test_real_into_demo_rejected(pair, make_report, tmp_path):
    a, b = pair
    b.mark_demo_store()
    case = a.report_case(make_report(demo=False))
    a.share_case(case.case_id, "B", BASIS)
    path = tmp_path / "real.bundle.age"
    a.export_bundle("B", path)

    assert_rejected(b, path, "real_into_demo", "echte casussen")
    assert b.list_cases() == []


def test_mark_demo_store_needs_empty_store(pair, make_report):
    a, _b = pair
    a.report_case(make_report(demo=False))

    with pytest.raises(StoreError):
        a.mark_demo_store()
    assert a.is_demo_store() is False


def test_newer_format_line_rejected(pair, sent):
    _a, b = pair
    plaintext = decrypt_for(b, sent.read_bytes())
    sent.write_bytes(encrypt_for(b, plaintext.replace(b"stalking-tui-bundle 1\n", b"stalking-tui-bundle 2\n", 1)))

    assert_rejected(b, sent, "newer_format", "nieuwere versie")


def test_newer_manifest_rejected(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    body["manifest"]["format_version"] = 2
    sent.write_bytes(sealed(a, b, body))

    assert_rejected(b, sent, "newer_format", "nieuwere versie")


def test_not_a_bundle_rejected(pair, sent):
    _a, b = pair
    sent.write_bytes(encrypt_for(b, b"gewoon een tekstbestand\n"))

    assert_rejected(b, sent, "damaged", "onvolledig of beschadigd")


def test_own_bundle_rejected(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    # The same content, but signed by B and naming B as its sender.
    body["manifest"]["sender"]["identity"] = b.own_identity().model_dump()
    sent.write_bytes(sealed(b, b, body))

    assert_rejected(b, sent, "own_bundle", "op dit apparaat zelf")


def test_invalid_events_quarantined(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    reported, note = body["events"]
    broken_note = {**note, "id": note["id"][:-4] + "0000", "seq": 900, "payload": {"text": ""}}
    unknown_kind = {**note, "id": note["id"][:-4] + "1111", "seq": 901, "kind": "toekomst.nieuw"}
    body["events"] = [reported, note, broken_note, unknown_kind]
    sent.write_bytes(sealed(a, b, body))

    preview = b.preview_import(sent)
    imported = b.import_bundle(sent)

    assert preview.new_events == imported.new_events == 2
    assert sorted(item.reason for item in imported.quarantined) == ["invalid_payload", "unknown_kind"]
    [case] = imported.cases
    assert case.quarantined == 2
    listed = b.quarantine(case.case_id)
    assert {item.event_id for item in listed} == {broken_note["id"], unknown_kind["id"]}
    assert next(item for item in listed if item.reason == "invalid_payload").detail == "text"
    assert len(b.timeline(case.case_id)) == 2


def test_quarantine_import_idempotent(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    body["events"].append({"id": "kapot", "kind": "note.added"})
    sent.write_bytes(sealed(a, b, body))
    b.import_bundle(sent)
    before = snapshot(b)

    again = b.import_bundle(sent)

    assert again.quarantined == []
    assert again.new_events == 0
    assert snapshot(b) == before
    assert [item.reason for item in b.quarantine()] == ["malformed"]


def test_event_for_unlisted_case_quarantined(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    stray = {**body["events"][1], "id": body["events"][1]["id"][:-4] + "2222", "seq": 950, "case_id": "onbekend"}
    body["events"].append(stray)
    sent.write_bytes(sealed(a, b, body))

    imported = b.import_bundle(sent)

    assert [item.reason for item in imported.quarantined] == ["wrong_case"]
    assert json.loads(json.dumps(imported.model_dump(mode="json")))["applied"] is True


def test_event_before_report_rejected(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    reported, note = body["events"]
    # The note claims an HLC before the case.reported of its own, new case.
    note["hlc"] = "0000000000001.000000." + note["device_id"]
    sent.write_bytes(sealed(a, b, body))

    assert_rejected(b, sent, "damaged", "onvolledig of beschadigd")


def test_case_without_valid_report_is_not_new(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    reported, _note = body["events"]
    reported["payload"] = {"source": "onbekend"}
    body["events"] = [reported]
    sent.write_bytes(sealed(a, b, body))

    imported = b.import_bundle(sent)

    [case] = imported.cases
    assert (case.new_case, case.new_events, case.quarantined) == (False, 0, 1)
    assert b.list_cases() == []


def test_event_waiting_for_its_case_leaves_quarantine(pair, sent):
    a, b = pair
    body = bundle_body(a, "B")
    reported, note = body["events"]
    sent.write_bytes(sealed(a, b, {**body, "events": [note]}))
    assert [item.reason for item in b.import_bundle(sent).quarantined] == ["unknown_case"]

    # The sender does not send the note again: the second bundle holds only the report.
    sent.write_bytes(sealed(a, b, {**body, "events": [reported]}))
    imported = b.import_bundle(sent)

    assert imported.new_events == 2
    assert imported.quarantined == []
    assert b.quarantine() == []
    assert [event.kind for event in b.timeline(reported["case_id"])] == ["case.reported", "note.added"]


def test_quarantined_sequence_number_is_not_acknowledged(pair, sent, tmp_path):
    a, b = pair
    body = bundle_body(a, "B")
    note = body["events"][1]
    broken = {**note, "id": note["id"][:-4] + "3333", "seq": 900, "payload": {"text": ""}}
    sent.write_bytes(sealed(a, b, {**body, "events": [*body["events"], broken]}))
    assert [item.reason for item in b.import_bundle(sent).quarantined] == ["invalid_payload"]

    # B's acknowledgements go back to A; then A writes on and exports again.
    a.import_bundle(b.export_bundle("A", tmp_path / "acks.bundle.age").path)
    a.record(note["case_id"], "note.added", {"text": "Fictief: later geschreven."})
    imported = b.import_bundle(a.export_bundle("B", tmp_path / "later.bundle.age").path)

    assert imported.new_events == 1
    assert len(b.timeline(note["case_id"])) == 3
