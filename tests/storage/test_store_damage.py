"""Wrong passphrases and damaged files, on a real SQLCipher store with cheap Argon2id (KdfParams.TESTING)."""

import json

import pytest

from stalking_tui.storage.errors import StoreDamaged, WrongPassphrase
from stalking_tui.storage.paths import DATABASE_FILE, SLOT_FILE
from stalking_tui.storage.store import CaseStore

PAGE_SIZE = 4096  # SQLCipher 4 default page size


@pytest.fixture
def filled_store_dir(make_store, make_report, store_dir, payloads, small_routes):
    """A closed store with three fictional cases and some events."""
    store = make_store(routes=small_routes)
    for _ in range(3):
        case = store.report_case(make_report())
        store.record(case.case_id, "note.added", payloads["note.added"])
        store.record(case.case_id, "plan.saved", payloads["plan.saved"])
    store.close()
    return store_dir


def _read_everything(directory, passphrase):
    """Open the store and read every case and timeline; return nothing, raise on failure."""
    store = CaseStore.open(directory, passphrase)
    try:
        for case in store.list_cases():
            store.timeline(case.case_id)
        store.first_broken_audit_entry()
    finally:
        store.close()


def test_wrong_passphrase_is_quiet(make_store, store_dir, capfd):
    make_store().close()
    capfd.readouterr()

    with pytest.raises(WrongPassphrase) as raised:
        CaseStore.open(store_dir, "fout wachtwoord")

    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""
    assert "Traceback" not in str(raised.value)
    assert "wachtwoord" in raised.value.user_message


def test_wrong_passphrase_releases_lock(make_store, store_dir, open_store):
    make_store().close()

    with pytest.raises(WrongPassphrase):
        CaseStore.open(store_dir, "fout wachtwoord")

    assert open_store().is_open


def test_slot_from_other_store_damaged(make_store, tmp_path, store_dir, passphrase, capfd):
    """A slot file that opens but contains another database's key: SQLCipher reports "not a database"."""
    make_store().close()
    other = tmp_path / "other"
    make_store(directory=other).close()
    (store_dir / SLOT_FILE).write_bytes((other / SLOT_FILE).read_bytes())
    capfd.readouterr()

    with pytest.raises(StoreDamaged) as raised:
        CaseStore.open(store_dir, passphrase)

    assert "not a database" in str(raised.value)
    assert capfd.readouterr().err == ""


def test_truncated_slot_file_damaged(make_store, store_dir, passphrase):
    make_store().close()
    path = store_dir / SLOT_FILE
    path.write_bytes(path.read_bytes()[:200])

    with pytest.raises(StoreDamaged) as raised:
        CaseStore.open(store_dir, passphrase)

    assert SLOT_FILE in str(raised.value)
    assert "beschadigd" in raised.value.user_message


def test_bit_flipped_slot_file_damaged(make_store, store_dir, passphrase):
    make_store().close()
    path = store_dir / SLOT_FILE
    document = json.loads(path.read_text())
    wrapped = bytearray(document["slots"][0]["wrapped_key"].encode())
    wrapped[5] ^= 0x01
    document["slots"][0]["wrapped_key"] = wrapped.decode()
    path.write_text(json.dumps(document))

    with pytest.raises(StoreDamaged):
        CaseStore.open(store_dir, passphrase)


def test_missing_database_damaged(make_store, store_dir, passphrase):
    make_store().close()
    (store_dir / DATABASE_FILE).unlink()

    with pytest.raises(StoreDamaged):
        CaseStore.open(store_dir, passphrase)

    assert not (store_dir / DATABASE_FILE).exists()


def test_not_a_database_damaged(make_store, store_dir, passphrase):
    make_store().close()
    (store_dir / DATABASE_FILE).write_bytes(b"Dit is geen database, alleen tekst.\n" * 200)

    with pytest.raises(StoreDamaged):
        CaseStore.open(store_dir, passphrase)


def test_flipped_first_page_damaged(filled_store_dir, passphrase, capfd):
    path = filled_store_dir / DATABASE_FILE
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    capfd.readouterr()

    with pytest.raises(StoreDamaged):
        _read_everything(filled_store_dir, passphrase)

    assert capfd.readouterr().err == ""


def test_flipped_data_pages_damaged(filled_store_dir, passphrase, capfd):
    path = filled_store_dir / DATABASE_FILE
    data = bytearray(path.read_bytes())
    assert len(data) > 2 * PAGE_SIZE
    for page_start in range(PAGE_SIZE, len(data), PAGE_SIZE):
        data[page_start + 100] ^= 0x01
    path.write_bytes(bytes(data))
    capfd.readouterr()

    with pytest.raises(StoreDamaged):
        _read_everything(filled_store_dir, passphrase)

    assert capfd.readouterr().err == ""


def test_truncated_database_damaged(filled_store_dir, passphrase):
    path = filled_store_dir / DATABASE_FILE
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 7])

    with pytest.raises(StoreDamaged) as raised:
        _read_everything(filled_store_dir, passphrase)

    assert raised.value.user_message


def test_damage_error_carries_no_sql(filled_store_dir, passphrase):
    path = filled_store_dir / DATABASE_FILE
    data = bytearray(path.read_bytes())
    for page_start in range(PAGE_SIZE, len(data), PAGE_SIZE):
        data[page_start + 100] ^= 0x01
    path.write_bytes(bytes(data))

    with pytest.raises(StoreDamaged) as raised:
        _read_everything(filled_store_dir, passphrase)

    assert "SELECT" not in str(raised.value)
    assert raised.value.__cause__ is None
