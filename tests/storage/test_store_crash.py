"""A writer killed mid-work leaves a consistent store; real SQLCipher store, cheap Argon2id (KdfParams.TESTING)."""

import signal
import subprocess
import sys
import textwrap

import pytest

# Records notes in an endless loop, printing a line after each commit, until killed.
WRITER = textwrap.dedent("""
    import sys
    from stalking_tui.domain.routemap import RouteMap
    from stalking_tui.storage.store import CaseStore

    routes = RouteMap.model_validate_json(sys.argv[4])
    store = CaseStore.open(sys.argv[1], sys.argv[2], routes=routes)
    case_id = sys.argv[3]
    index = 0
    while True:
        store.record(case_id, "note.added", {"text": f"Fictieve notitie {index}"})
        index += 1
        print(index, flush=True)
""")

COMMITS_BEFORE_KILL = 25


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX only")
def test_killed_writer_leaves_consistent_store(make_store, open_store, make_report, store_dir, passphrase, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    store.close()

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir), passphrase, case.case_id, small_routes.model_dump_json()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        for _ in range(COMMITS_BEFORE_KILL):
            assert writer.stdout.readline(), writer.stderr.read()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
        writer.stdout.close()
        writer.stderr.close()

    reopened = open_store(routes=small_routes)
    timeline = reopened.timeline(case.case_id)

    # Every reported commit survived, and nothing half-written appears.
    assert len(timeline) >= 1 + COMMITS_BEFORE_KILL
    assert [event.seq for event in timeline] == list(range(1, len(timeline) + 1))
    assert reopened.get_case(case.case_id).updated_at == timeline[-1].recorded_at
    assert reopened.first_broken_audit_entry() is None
