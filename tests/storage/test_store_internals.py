"""Engine settings, threads, projections and metadata; real SQLCipher store, cheap Argon2id (KdfParams.TESTING)."""

import threading

import pytest
from sqlalchemy import text
from sqlmodel import Session

from stalking_tui.domain import case as fold
from stalking_tui.storage.errors import InvalidEvent, StoreTooNew
from stalking_tui.storage.eventlog import write_meta
from stalking_tui.storage.store import CaseStore


def _pragma(store, name: str):
    with store._engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_connection_pragmas(make_store):
    store = make_store()

    assert _pragma(store, "journal_mode") == "wal"
    assert _pragma(store, "synchronous") == 2  # FULL
    assert _pragma(store, "foreign_keys") == 1
    assert _pragma(store, "temp_store") == 2  # MEMORY
    assert _pragma(store, "cipher_version").startswith("4.")


def test_projection_equals_fold_of_log(make_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report(gate={"acutely_unsafe": True}))
    for kind, payload in payloads.items():
        store.record(case.case_id, kind, payload)

    first, *rest = store.timeline(case.case_id)
    state = fold.new_case(first, case.number)
    for event in rest:
        state = fold.apply(state, event)

    assert state == store.get_case(case.case_id)


def test_threads_record_concurrently(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    errors = []

    def add_notes(worker: int) -> None:
        try:
            for index in range(10):
                store.record(case.case_id, "note.added", {"text": f"Fictieve notitie {worker}-{index}"})
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=add_notes, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    timeline = store.timeline(case.case_id)
    assert errors == []
    assert len(timeline) == 41
    assert sorted(event.seq for event in timeline) == list(range(1, 42))
    assert store.first_broken_audit_entry() is None


def test_numbers_sort_past_9999(make_store, make_report):
    store = make_store()
    with Session(store._engine) as session, session.begin():
        write_meta(session, "case_counter:2026", 9998)

    store.report_case(make_report())
    store.report_case(make_report())

    assert [case.number for case in store.list_cases()] == ["2026-9999", "2026-10000"]


def test_base_id_recorded(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    store.record(case.case_id, "note.added", {"text": "Fictief, eerste versie."})
    base = store.timeline(case.case_id)[-1]

    store.record(case.case_id, "note.added", {"text": "Fictief, verbeterd."}, base_id=base.id)

    assert store.timeline(case.case_id)[-1].base_id == base.id


def test_base_id_from_other_case_rejected(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    first = store.report_case(make_report())
    second = store.report_case(make_report())
    other_event = store.timeline(second.case_id)[0]

    with pytest.raises(InvalidEvent) as raised:
        store.record(first.case_id, "note.added", {"text": "Fictief."}, base_id=other_event.id)

    assert "base_id" in raised.value.field_errors
    assert len(store.timeline(first.case_id)) == 1


def test_log_access_adds_entry(make_store, make_report):
    store = make_store()
    case = store.report_case(make_report())

    store.log_access("export", case_id=case.case_id, detail="bundle 1 event")

    with store._engine.connect() as connection:
        row = connection.execute(text("SELECT action, case_id FROM audit ORDER BY id DESC LIMIT 1")).one()
    assert tuple(row) == ("export", case.case_id)
    with pytest.raises(ValueError):
        store.log_access("delete")


def test_newer_schema_rejected(make_store, store_dir, passphrase):
    store = make_store()
    with Session(store._engine) as session, session.begin():
        write_meta(session, "schema_version", 99)
    store.close()

    with pytest.raises(StoreTooNew) as raised:
        CaseStore.open(store_dir, passphrase)

    assert "schema" in str(raised.value)
    # A second try raises the same error, not StoreInUse, because the failed open released the lock.
    with pytest.raises(StoreTooNew):
        CaseStore.open(store_dir, passphrase)


def test_rebuild_restores_projection(make_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    for kind, payload in payloads.items():
        store.record(case.case_id, kind, payload)
    other = store.report_case(make_report())
    expected = store.get_case(case.case_id)
    # Overwrite the first case's projection with the other case's state.
    with store._engine.begin() as connection:
        connection.execute(
            text("UPDATE case_view SET state_json = :state WHERE case_id = :case_id"),
            {"state": other.model_dump_json(), "case_id": case.case_id},
        )
    assert store.get_case(case.case_id) != expected

    rebuilt = store.rebuild_projections()

    assert rebuilt == 2
    assert store.get_case(case.case_id) == expected
    assert store.get_case(other.case_id) == other
