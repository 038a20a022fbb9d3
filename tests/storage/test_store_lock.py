"""One writer per store, checked across real processes; cheap Argon2id (KdfParams.TESTING) in the slots."""

import signal
import subprocess
import sys
import textwrap
import threading

import pytest

from stalking_tui.storage.errors import StoreInUse
from stalking_tui.storage.store import CaseStore

# Opens the store given on argv and prints the outcome as one line.
OPENER = textwrap.dedent("""
    import sys
    from stalking_tui.storage.errors import StoreError
    from stalking_tui.storage.store import CaseStore

    try:
        store = CaseStore.open(sys.argv[1], sys.argv[2])
    except StoreError as error:
        print(type(error).__name__, "|", error.user_message, flush=True)
        sys.exit(3)
    print("opened", "|", len(store.list_cases()), flush=True)
    if len(sys.argv) > 3:
        sys.stdin.read()  # hold the store open until the parent closes stdin or kills us
    store.close()
""")


def _run_opener(store_dir, passphrase) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", OPENER, str(store_dir), passphrase],
        capture_output=True, text=True, timeout=60,
    )


def test_second_process_gets_store_in_use(make_store, store_dir, passphrase):
    make_store()

    result = _run_opener(store_dir, passphrase)

    assert result.returncode == 3, result.stderr
    kind, message = result.stdout.strip().split(" | ")
    assert kind == "StoreInUse"
    assert "al geopend" in message
    assert result.stderr == ""


def test_closed_store_opens_in_other_process(make_store, store_dir, passphrase):
    make_store().close()

    result = _run_opener(store_dir, passphrase)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "opened | 0"


def test_second_open_in_same_process_rejected(make_store, store_dir, passphrase):
    make_store()

    with pytest.raises(StoreInUse):
        CaseStore.open(store_dir, passphrase)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
def test_killed_holder_releases_lock(make_store, open_store, store_dir, passphrase):
    make_store().close()
    holder = subprocess.Popen(
        [sys.executable, "-c", OPENER, str(store_dir), passphrase, "hold"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "opened | 0"
        with pytest.raises(StoreInUse):
            CaseStore.open(store_dir, passphrase)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=60)
        holder.stdin.close()
        holder.stdout.close()
        holder.stderr.close()

    assert open_store().is_open


def test_close_from_other_thread_releases_lock(store_dir, profile, cheap_kdf, open_store):
    """Thread workers open the store and the UI thread may close it, so the lock must not be per thread."""
    created = []

    def create_in_worker() -> None:
        created.append(CaseStore.create(store_dir, "x y z", profile, kdf=cheap_kdf))

    worker = threading.Thread(target=create_in_worker)
    worker.start()
    worker.join()
    store, _recovery_code = created[0]

    store.close()

    assert open_store(passphrase="x y z").is_open


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_store_files_owner_only(make_store, store_dir):
    make_store()

    modes = {path.name: path.stat().st_mode & 0o777 for path in store_dir.iterdir()}

    assert modes == {name: 0o600 for name in ("keyslots.json", "store.db", "store.db-wal", "store.db-shm", "store.lock")}
    assert store_dir.stat().st_mode & 0o777 == 0o700
