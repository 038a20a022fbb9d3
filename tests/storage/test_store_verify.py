"""`store.verify()` and `stalking-tui verify`, one test per fault kind; real SQLCipher store, cheap Argon2id (KdfParams.TESTING)."""

import io
import json

import pytest

from stalking_tui.cli import main
from stalking_tui.storage.paths import DATABASE_FILE
from stalking_tui.storage.store import CaseStore

PAGE_SIZE = 4096  # SQLCipher 4 default page size
NOTES_PER_CASE = 40  # enough events that the event table spans pages not read on open


@pytest.fixture
def filled_store(make_store, make_report, payloads, small_routes):
    """An open store with three fictional cases and a few dozen events."""
    store = make_store(routes=small_routes)
    for _ in range(3):
        case = store.report_case(make_report())
        for index in range(NOTES_PER_CASE):
            store.record(case.case_id, "note.added", {"text": f"Fictieve notitie {index}."})
        store.get_case(case.case_id)
    return store


def _failed(findings) -> list[str]:
    return [finding.check for finding in findings if not finding.ok]


def _run_cli(monkeypatch, capsys, store_dir, passphrase) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(passphrase + "\n"))
    code = main(["verify", "--store", str(store_dir)])
    return code, capsys.readouterr().out


def test_intact_store_passes(filled_store):
    findings = filled_store.verify()

    assert _failed(findings) == []
    assert len(findings) == 3


def test_projection_edit_detected(filled_store):
    case = filled_store.list_cases()[1]
    with filled_store._engine.begin() as connection:
        row = connection.exec_driver_sql("SELECT state_json FROM case_view WHERE case_id = ?", (case.case_id,)).one()
        state = json.loads(row.state_json)
        state["track"] = "HOOG"
        connection.exec_driver_sql(
            "UPDATE case_view SET state_json = ? WHERE case_id = ?", (json.dumps(state), case.case_id),
        )

    findings = filled_store.verify()

    assert _failed(findings) == ["projections"]
    assert case.number in findings[1].message
    assert "Fictief" not in findings[1].message


def test_missing_projection_detected(filled_store):
    case = filled_store.list_cases()[0]
    with filled_store._engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM case_view WHERE case_id = ?", (case.case_id,))

    assert _failed(filled_store.verify()) == ["projections"]


def test_edited_audit_entry_detected(filled_store):
    with filled_store._engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit SET action = 'read' WHERE id = 3")

    findings = filled_store.verify()

    assert _failed(findings) == ["access_log"]
    assert "regel 3 is aangepast" in findings[2].message


def test_removed_audit_entry_detected(filled_store):
    with filled_store._engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit WHERE id = 5")

    findings = filled_store.verify()

    assert _failed(findings) == ["access_log"]
    assert "vóór regel 6" in findings[2].message


def test_truncated_audit_tail_detected(filled_store, store_dir, open_store):
    with filled_store._engine.begin() as connection:
        last = connection.exec_driver_sql("SELECT max(id) FROM audit").scalar()
        connection.exec_driver_sql("DELETE FROM audit WHERE id > ?", (last - 3,))

    assert _failed(filled_store.verify()) == ["access_log"]

    # Reopening writes a new "open" entry; it must not hide the removed tail.
    filled_store.close()
    reopened = open_store()
    assert _failed(reopened.verify()) == ["access_log"]


def test_tampered_data_page_detected(filled_store, store_dir, passphrase):
    filled_store.close()
    path = store_dir / DATABASE_FILE
    data = bytearray(path.read_bytes())
    assert len(data) >= 8 * PAGE_SIZE
    # A byte in the middle of the second-to-last page: event rows, not read when opening.
    data[len(data) - PAGE_SIZE - PAGE_SIZE // 2] ^= 0x5A
    path.write_bytes(bytes(data))

    store = CaseStore.open(store_dir, passphrase)
    try:
        findings = store.verify()
    finally:
        store.close()

    assert "integrity" in _failed(findings)


def test_cli_verify_intact(filled_store, store_dir, passphrase, monkeypatch, capsys):
    filled_store.close()

    code, output = _run_cli(monkeypatch, capsys, store_dir, passphrase)

    assert code == 0
    assert output.count("✔") == 3
    assert "alle controles zijn in orde" in output


def test_cli_verify_reports_fault(filled_store, store_dir, passphrase, monkeypatch, capsys):
    with filled_store._engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit SET detail = 'x' WHERE id = 2")
    filled_store.close()

    code, output = _run_cli(monkeypatch, capsys, store_dir, passphrase)

    assert code == 1
    assert "✖ Toegangslog: regel 2 is aangepast." in output
    assert "Zoë" not in output


def test_cli_verify_wrong_passphrase(filled_store, store_dir, monkeypatch, capsys):
    filled_store.close()

    code, output = _run_cli(monkeypatch, capsys, store_dir, "niet de goede wachtwoordzin")

    assert code == 2
    assert "klopt niet" in output


def test_cli_verify_damaged_first_page(filled_store, store_dir, passphrase, monkeypatch, capsys):
    filled_store.close()
    path = store_dir / DATABASE_FILE
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))

    code, output = _run_cli(monkeypatch, capsys, store_dir, passphrase)

    assert code == 2
    assert "beschadigd" in output
