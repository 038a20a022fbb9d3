"""Every facade path writes the right access-log action, with ids and counts only.

Real SQLCipher store, cheap Argon2id (KdfParams.TESTING).
"""

import io

import pytest
from sqlmodel import Session, select

from stalking_tui.cli import main
from stalking_tui.storage.errors import WrongPassphrase
from stalking_tui.storage.store import CaseStore
from stalking_tui.storage.tables import AuditRow

NEW_PASSPHRASE = "molen kaas fiets regenjas"
CASE_WORDS = ("zoë", "zoe", "bram", "fictie", "verzonnen", "notitie")


def _last_entry(store) -> AuditRow:
    with Session(store._engine) as session:
        return session.exec(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).one()


@pytest.fixture
def store_with_case(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    return store, case


@pytest.mark.parametrize(("call", "action", "with_case"), [
    (lambda store, case: store.list_cases(), "read", False),
    (lambda store, case: store.search_cases("Zoë Fictief"), "search", False),
    (lambda store, case: store.get_case(case.case_id), "read", True),
    (lambda store, case: store.timeline(case.case_id), "read", True),
    (lambda store, case: store.access_log(case.case_id), "read", True),
    (lambda store, case: store.record(case.case_id, "note.added", {"text": "Fictieve notitie."}), "change", True),
    (lambda store, case: store.rebuild_projections(), "change", False),
    (lambda store, case: store.verify(), "read", False),
    (lambda store, case: store.log_access("export", case.case_id, "pdf"), "export", True),
    (lambda store, case: store.log_access("print", case.case_id, "1 page"), "print", True),
    (lambda store, case: store.log_access("break_glass", case.case_id, "acute"), "break_glass", True),
    (lambda store, case: store.change_passphrase("correct paard batterij niet echt", NEW_PASSPHRASE), "change", False),
])
def test_facade_path_audited(store_with_case, call, action, with_case):
    store, case = store_with_case

    call(store, case)

    entry = _last_entry(store)
    assert entry.action == action
    assert entry.case_id == (case.case_id if with_case else None)
    assert entry.user == "Test Gebruiker"
    for word in CASE_WORDS:
        assert word not in entry.detail.casefold()


def test_open_after_failures_audited(make_store, store_dir, passphrase, open_store):
    make_store().close()
    with pytest.raises(WrongPassphrase):
        CaseStore.open(store_dir, "verkeerde wachtwoordzin")

    store = open_store()

    entry = _last_entry(store)
    assert entry.action == "open"
    assert entry.detail == "after 1 failed attempts"


def test_cli_passphrase_change(make_store, store_dir, passphrase, monkeypatch, capsys):
    make_store().close()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{passphrase}\n{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n"))

    code = main(["passphrase", "--store", str(store_dir)])

    assert code == 0
    assert "gewijzigd" in capsys.readouterr().out
    CaseStore.open(store_dir, NEW_PASSPHRASE).close()


def test_cli_passphrase_rejects_weak(make_store, store_dir, passphrase, monkeypatch, capsys):
    make_store().close()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{passphrase}\nkort\nkort\n"))

    code = main(["passphrase", "--store", str(store_dir)])

    assert code == 1
    assert "Te kort" in capsys.readouterr().out
    CaseStore.open(store_dir, passphrase).close()
