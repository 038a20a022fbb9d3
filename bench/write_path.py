"""Time the write path on SQLCipher against the same code on plain SQLite, and the unlock time.

Run: .venv/bin/python bench/write_path.py [--events 10000] [--cases 100]

Both runs go through CaseStore.record, so each event is one transaction that appends the
event, refolds the case, rewrites its projection and appends an audit entry. The plain
run uses the same sqlcipher3 library and the same pragmas (WAL, synchronous=FULL), only
without `PRAGMA key`, so the ratio is the cost of the encryption. The key slots of the
encrypted run use KdfParams.TESTING, because only the writes are timed there; the unlock
time is measured separately on a store made with KdfParams.DEFAULT.
"""

import argparse
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.pool import QueuePool

from stalking_tui.domain.profile import Profile
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.storage import store as store_module
from stalking_tui.storage.engine import _begin_explicitly
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore

PASSPHRASE = "bench fictief niet geheim"
PROFILE = Profile(user_name="Bench Gebruiker", organisation="VT", role="casusregisseur", device_name="bench")
REPORT = {
    "source": "politie",
    "received_at": datetime(2026, 3, 14, 9, 30, tzinfo=UTC),
    "gate": {"safe_to_talk": True, "acutely_unsafe": False},
    "parties": [{"role": "slachtoffer", "name": "Zoë Fictief"}, {"role": "pleger", "name": "Bram Verzonnen"}],
    "relation": "ex_partner",
    "behaviours": ["bellen"],
    "behaviour_text": "Fictief voorbeeld voor de benchmark.",
    "demo": True,
}


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def plain_store(directory: Path, routes) -> CaseStore:
    """Build a CaseStore on an unencrypted database with the same schema and pragmas."""
    directory.mkdir(parents=True)

    def connect():
        connection = sqlcipher.connect(str(directory / "plain.db"), check_same_thread=False)
        connection.isolation_level = None
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                       "temp_store = MEMORY", "busy_timeout = 5000"):
            connection.execute(f"PRAGMA {pragma}")
        return connection

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=2, max_overflow=4)
    event.listen(engine, "begin", _begin_explicitly)
    store_module._initialise(engine, PROFILE)
    lock = store_module._acquire_lock(directory)
    return CaseStore(directory, engine, bytearray(32), lock, routes)


def write_events(store: CaseStore, events: int, cases: int) -> float:
    """Append `events` events spread over `cases` cases; return the seconds taken."""
    start = time.perf_counter()
    case_ids = [store.report_case(REPORT).case_id for _ in range(cases)]
    for index in range(events - cases):
        store.record(case_ids[index % cases], "note.added", {"text": f"Fictieve notitie {index}."})
    return time.perf_counter() - start


def unlock_seconds(directory: Path, repeats: int) -> list[float]:
    store, _code = CaseStore.create(directory, PASSPHRASE, PROFILE, kdf=KdfParams.DEFAULT)
    store.close()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        CaseStore.open(directory, PASSPHRASE).close()
        timings.append(time.perf_counter() - start)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events to append per store (cases included)")
    parser.add_argument("--cases", type=int, default=100, help="cases the events are spread over")
    parser.add_argument("--unlocks", type=int, default=3, help="unlock timings with the default Argon2id parameters")
    args = parser.parse_args()
    routes = national_route_map()

    with tempfile.TemporaryDirectory(prefix="stalking-tui-bench-") as temp:
        temp_dir = Path(temp)
        encrypted, _code = CaseStore.create(temp_dir / "encrypted", PASSPHRASE, PROFILE, kdf=KdfParams.TESTING, routes=routes)
        with encrypted:
            encrypted_seconds = write_events(encrypted, args.events, args.cases)
        with plain_store(temp_dir / "plain", routes) as plain:
            plain_seconds = write_events(plain, args.events, args.cases)
        unlocks = unlock_seconds(temp_dir / "unlock", args.unlocks)

    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}")
    print(f"events: {args.events} over {args.cases} cases, one transaction each")
    print(f"sqlcipher: {encrypted_seconds:.1f} s ({encrypted_seconds / args.events * 1000:.2f} ms/event)")
    print(f"plain:     {plain_seconds:.1f} s ({plain_seconds / args.events * 1000:.2f} ms/event)")
    print(f"ratio:     {encrypted_seconds / plain_seconds:.2f}")
    print(f"unlock (KdfParams.DEFAULT {KdfParams.DEFAULT.model_dump()}): median {statistics.median(unlocks):.2f} s, "
          f"min {min(unlocks):.2f} s, max {max(unlocks):.2f} s over {len(unlocks)} runs")


if __name__ == "__main__":
    main()
