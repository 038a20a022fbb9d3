"""The hash-chained audit log; real SQLCipher store, cheap Argon2id (KdfParams.TESTING)."""

from sqlalchemy import text
from sqlmodel import Session, select

from stalking_tui.storage.audit import GENESIS_HASH
from stalking_tui.storage.tables import AuditRow


def _entries(store) -> list[AuditRow]:
    with Session(store._engine) as session:
        return list(session.exec(select(AuditRow).order_by(AuditRow.id)))


def _use(store, make_report, payloads):
    case = store.report_case(make_report())
    store.record(case.case_id, "note.added", payloads["note.added"])
    store.get_case(case.case_id)
    store.timeline(case.case_id)
    store.search_cases("zoë")
    store.list_cases()
    return case


def test_actions_are_logged(make_store, make_report, payloads, profile, small_routes):
    store = make_store(routes=small_routes)
    case = _use(store, make_report, payloads)

    entries = _entries(store)

    assert [entry.action for entry in entries] == ["open", "change", "change", "read", "read", "search", "read"]
    assert all(entry.user == profile.user_name for entry in entries)
    assert all(entry.organisation == profile.organisation for entry in entries)
    assert {entry.case_id for entry in entries[1:5]} == {case.case_id}


def test_audit_detail_has_no_case_text(make_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    _use(store, make_report, payloads)

    details = " ".join(entry.detail for entry in _entries(store)).casefold()

    assert "zo" not in details
    assert "fictie" not in details


def test_chain_links(make_store, open_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    _use(store, make_report, payloads)
    store.close()
    reopened = open_store()

    entries = _entries(reopened)

    assert entries[0].prev_hash == GENESIS_HASH
    for previous, entry in zip(entries, entries[1:]):
        assert entry.prev_hash == previous.hash
        assert entry.id == previous.id + 1
    assert reopened.first_broken_audit_entry() is None


def test_edited_entry_detected(make_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    _use(store, make_report, payloads)

    with store._engine.begin() as connection:
        connection.execute(text("UPDATE audit SET action = 'read' WHERE id = 3"))

    assert store.first_broken_audit_entry() == 3


def test_removed_entry_detected(make_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    _use(store, make_report, payloads)

    with store._engine.begin() as connection:
        connection.execute(text("DELETE FROM audit WHERE id = 4"))

    assert store.first_broken_audit_entry() == 5
