"""Writers killed with SIGKILL at random points leave a consistent store.

Real SQLCipher store with cheap Argon2id (KdfParams.TESTING). Starting Python and importing
the store takes seconds, so one helper process imports it once and forks a fresh writer
for every round; the test kills that writer, then checks the store in this process.
"""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import text

ROUNDS = 60
MAX_COMMITS_BEFORE_KILL = 4
MAX_EXTRA_DELAY = 0.03  # seconds after the last awaited commit, so kills also land mid-transaction

# Reads "fork" lines on stdin. For each, forks a writer that appends events forever and
# prints "id <event id>" after each commit; the helper prints "pid <n>" at once and
# "reaped" after the writer died. os.write keeps the lines out of Python's buffers,
# which a fork would copy.
HELPER = textwrap.dedent("""
    import os, random, sys
    from sqlalchemy import text
    from stalking_tui.domain.routemap import RouteMap
    from stalking_tui.storage.store import CaseStore

    directory, passphrase, routes_json, report_json = sys.argv[1:5]
    routes = RouteMap.model_validate_json(routes_json)

    def say(line):
        os.write(1, (line + "\\n").encode())

    def new_ids(store, after_seq):
        with store._engine.connect() as connection:
            rows = connection.execute(text("SELECT id, seq FROM event WHERE seq > :s ORDER BY seq"), {"s": after_seq}).all()
        return rows

    def write_forever(seed):
        rng = random.Random(seed)
        store = CaseStore.open(directory, passphrase, routes=routes)
        cases = [case.case_id for case in store.list_cases()]
        last_seq = max((seq for _id, seq in new_ids(store, 0)), default=0)
        index = 0
        while True:
            if not cases or rng.random() < 0.15:
                cases.append(store.report_case(__import__("json").loads(report_json)).case_id)
            elif rng.random() < 0.2:
                store.record(rng.choice(cases), "case.escalated", {"reason": f"Fictief {index}."})
            else:
                store.record(rng.choice(cases), "note.added", {"text": f"Fictieve notitie {index}. " * rng.randint(1, 40)})
            for event_id, seq in new_ids(store, last_seq):
                say(f"id {event_id}")
                last_seq = seq
            index += 1

    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            write_forever(int(line.split()[1]))
        say(f"pid {pid}")
        os.waitpid(pid, 0)
        say("reaped")
""")


def _read_line(helper) -> str:
    line = helper.stdout.readline()
    assert line, helper.stderr.read()
    return line.strip()


def _kill_one_writer(helper, rng: random.Random) -> set[str]:
    """Fork a writer, kill it after a random number of commits, and return the ids it printed."""
    helper.stdin.write(f"fork {rng.randrange(2**32)}\n")
    helper.stdin.flush()

    printed: set[str] = set()
    pid = None
    wanted = rng.randint(0, MAX_COMMITS_BEFORE_KILL)
    while pid is None or len(printed) < wanted:
        kind, value = _read_line(helper).split()
        if kind == "pid":
            pid = int(value)
        else:
            printed.add(value)
    time.sleep(rng.uniform(0, MAX_EXTRA_DELAY))
    os.kill(pid, signal.SIGKILL)

    # Lines the writer printed before it died are in the pipe ahead of "reaped".
    while (line := _read_line(helper)) != "reaped":
        printed.add(line.split()[1])
    return printed


def _check_store(open_store, small_routes, printed: set[str], round_number: str) -> None:
    store = open_store(routes=small_routes)
    try:
        with store._engine.connect() as connection:
            rows = connection.execute(text("SELECT id, seq FROM event ORDER BY seq")).all()
        ids = {row.id for row in rows}

        assert printed <= ids, f"round {round_number}: committed events missing"
        assert [row.seq for row in rows] == list(range(1, len(rows) + 1)), f"round {round_number}: gap in the log"
        findings = store.verify()
        assert [f.check for f in findings if not f.ok] == [], f"round {round_number}: {findings}"
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX only")
def test_killed_writers_leave_consistent_store(make_store, open_store, make_report, store_dir, passphrase, small_routes):
    make_store(routes=small_routes).close()
    seed = random.randrange(2**32)
    rng = random.Random(seed)

    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER, str(store_dir), passphrase, small_routes.model_dump_json(),
         make_report().model_dump_json()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    committed: set[str] = set()
    try:
        for round_number in range(ROUNDS):
            committed |= _kill_one_writer(helper, rng)
            _check_store(open_store, small_routes, committed, f"{round_number} (seed {seed})")
    finally:
        helper.kill()
        helper.wait(timeout=60)
        for stream in (helper.stdin, helper.stdout, helper.stderr):
            stream.close()

    assert len(committed) >= ROUNDS, f"seed {seed}: too few commits to mean anything"
