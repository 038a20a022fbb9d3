"""Measure export and import of one large sync bundle, against a raw SQLCipher executemany.

    .venv/bin/python bench/sync_bundles.py            # 1,000 cases, 100,000 events
    .venv/bin/python bench/sync_bundles.py --small    # 100 cases, 10,000 events

Store A gets fictional cases through the event-append path (`eventlog.append_event`, the
function `CaseStore.record` uses), shares them all with store B and exports one bundle.
Fresh copies of the empty store B import it, `--repeat` times (3 by default). Both stores
use cheap Argon2id, which only changes unlocking. In the same run the same event rows go
into as many empty SQLCipher databases with one `executemany` in one transaction each
(same engine settings). The import rate is given as a ratio to that raw rate, both from
the median time, with a target of at least 0.3. The medians make the ratio steadier on a
machine shared with other work.

Peak memory per phase is the peak resident set size (VmHWM), reset before each phase by
writing 5 to /proc/self/clear_refs (Linux only; elsewhere the process-wide peak is given).
"""

import argparse
import json
import os
import resource
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from stalking_tui.domain.profile import Actor, Profile  # noqa: E402
from stalking_tui.storage import engine as engine_module  # noqa: E402
from stalking_tui.storage.eventlog import append_event  # noqa: E402
from stalking_tui.storage.keyslots import KdfParams  # noqa: E402
from stalking_tui.storage.store import CaseStore  # noqa: E402
from stalking_tui.storage.sync import rebuild_cases  # noqa: E402
from stalking_tui.storage.sync_tables import PeerRow, ShareRow  # noqa: E402
from stalking_tui.storage.tables import EventRow, MetaRow  # noqa: E402

CASES_PER_TRANSACTION = 20
BASIS = "Fictief convenant (benchmark)"


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_store(directory: Path, name: str) -> CaseStore:
    profile = Profile(user_name=f"Bench {name} (fictief)", organisation="VT", role="casusregisseur", device_name=name)
    return CaseStore.create(directory / name, "bench fictief", profile, kdf=KdfParams.TESTING)[0]


def case_events(index: int, per_case: int, start: datetime) -> list[tuple[str, dict]]:
    """Return fictional (kind, payload) pairs for one case, starting with its report."""
    received = start + timedelta(minutes=index)
    events = [("case.reported", {
        "source": "politie", "received_at": received.isoformat(), "gate": {"safe_to_talk": True},
        "parties": [{"role": "slachtoffer", "name": f"Slachtoffer {index} (fictief)"},
                    {"role": "pleger", "name": f"Pleger {index} (fictief)"}],
        "relation": "ex_partner", "behaviour_text": "Fictieve benchmarkmelding.", "demo": False,
    })]
    plan_version = 0
    for n in range(1, per_case):
        if n % 25 == 0:
            plan_version += 1
            events.append(("plan.saved", {"version": plan_version, "worry": f"Fictieve zorg {n}."}))
        elif n % 20 == 0:
            events.append(("screening.completed", {
                "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "bench",
                "practice": True, "answers": {"item1": {"answer": "aanwezig", "note": ""}},
                "level": "MIDDEN", "rationale": "Fictief.", "assessor": "Bench", "assessor_role": "casusregisseur",
                "assessor_organisation": "VT",
            }))
        elif n % 2 == 0:
            events.append(("incident.recorded", {
                "occurred_at": (received + timedelta(hours=n)).isoformat(), "kind": "contact",
                "reporter": "victim", "description": f"Fictief incident {n} in de benchmark.",
            }))
        else:
            events.append(("note.added", {"text": f"Fictieve notitie {n} bij casus {index}."}))
    return events


def generate(store: CaseStore, cases: int, per_case: int, peer_key: str) -> None:
    """Append the events through eventlog.append_event, fold the views and share every case."""
    actor = Actor.from_profile(store.profile)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    for first in range(0, cases, CASES_PER_TRANSACTION):
        with store._session() as session, session.no_autoflush:
            numbers = {}
            now = datetime.now(UTC)
            pinned: list[MetaRow] = []
            for index in range(first, min(first + CASES_PER_TRANSACTION, cases)):
                case_id = None
                for kind, payload in case_events(index, per_case, start):
                    event = append_event(session, actor, store.device_id, case_id, kind, payload, now)
                    case_id = event.case_id
                    if not pinned:
                        # The session keeps only weak references to unchanged rows, so without
                        # these the two meta rows that append_event reads are loaded again per
                        # event. With autoflush off, they must be flushed before pinning.
                        session.flush()
                        pinned = [session.get(MetaRow, "next_seq"), session.get(MetaRow, "last_hlc")]
                numbers[case_id] = f"2026-{index + 1:04d}"
                session.add(ShareRow(peer_key=peer_key, case_id=case_id, basis=BASIS, shared_at=now.isoformat()))
            session.flush()
            rebuild_cases(session, list(numbers), numbers)


def raw_rows(store: CaseStore) -> list[tuple]:
    with store._session() as session:
        rows = session.exec(select(EventRow)).all()
        return [
            (r.id, r.case_id, r.device_id, r.seq, r.hlc, r.recorded_at, json.dumps(r.actor), r.kind, json.dumps(r.payload), r.base_id)
            for r in rows
        ]


def raw_insert(path: Path, rows: list[tuple]) -> float:
    """Insert `rows` into an empty SQLCipher event table in a new database at `path` with one executemany; return seconds."""
    engine = engine_module.make_engine(path, bytearray(secrets.token_bytes(32)))
    EventRow.__table__.create(engine)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        os.sync()
        started = time.perf_counter()
        cursor.execute("BEGIN")
        cursor.executemany(
            "INSERT INTO event (id, case_id, device_id, seq, hlc, recorded_at, actor, kind, payload, base_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
        )
        cursor.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()
        engine.dispose()


def timed_import(directory: Path, pristine: Path, bundle: Path) -> tuple[float, float, int]:
    """Import `bundle` into a fresh copy of store B; return seconds, peak MiB and new events."""
    copy = directory / "B-copy"
    shutil.copytree(pristine, copy)
    store = CaseStore.open(copy, "bench fictief", kdf=KdfParams.TESTING)
    try:
        # Writing back the copy and earlier runs' files would otherwise slow the timed phase.
        os.sync()
        reset_peak()
        started = time.perf_counter()
        imported = store.import_bundle(bundle)
        return time.perf_counter() - started, peak_mib(), imported.new_events
    finally:
        store.close()
        shutil.rmtree(copy)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="100 cases with 10,000 events instead of 1,000 with 100,000")
    parser.add_argument("--repeat", type=int, default=3, help="imports and raw inserts to time; the medians are compared")
    args = parser.parse_args()
    cases, per_case = (100, 100) if args.small else (1000, 100)

    with tempfile.TemporaryDirectory(prefix="stalking-tui-bench-") as temp:
        directory = Path(temp)
        a, b = make_store(directory, "A"), make_store(directory, "B")
        a.add_peer(b.own_identity().to_text(), "B")
        b.add_peer(a.own_identity().to_text(), "A")
        b.close()
        with a._session() as session:
            peer_key = session.exec(select(PeerRow.signing_key)).one()

        started = time.perf_counter()
        generate(a, cases, per_case, peer_key)
        print(f"generated {cases} cases, {cases * per_case} events in {time.perf_counter() - started:.1f} s")

        measured = reset_peak()
        started = time.perf_counter()
        exported = a.export_bundle("B", directory / "bundle.age")
        export_seconds = time.perf_counter() - started
        export_peak = peak_mib()
        size_mib = (directory / "bundle.age").stat().st_size / 2**20

        rows = raw_rows(a)
        imports, raws = [], []
        # Alternating the two keeps a slow spell of the shared machine from hitting only one.
        for index in range(args.repeat):
            imports.append(timed_import(directory, directory / "B", directory / "bundle.age"))
            raws.append(raw_insert(directory / f"raw-{index}.db", rows))
            (directory / f"raw-{index}.db").unlink()
        a.close()

    events = exported.event_count
    assert all(new_events == events == len(rows) for _seconds, _peak, new_events in imports), (imports, events, len(rows))
    import_seconds = statistics.median(seconds for seconds, _peak, _new in imports)
    raw_seconds = statistics.median(raws)
    import_rate, raw_rate = events / import_seconds, len(rows) / raw_seconds
    peak_kind = "VmHWM per phase" if measured else "process peak RSS"
    print(f"export: {events} events, {len(exported.cases)} cases, {size_mib:.1f} MiB file, "
          f"{export_seconds:.2f} s, peak {export_peak:.0f} MiB ({peak_kind})")
    print(f"import: {events} events, median {import_seconds:.2f} s of "
          f"{', '.join(f'{seconds:.2f}' for seconds, _peak, _new in imports)}, {import_rate:,.0f} events/s, "
          f"peak {max(peak for _seconds, peak, _new in imports):.0f} MiB ({peak_kind})")
    print(f"raw executemany: {len(rows)} rows, median {raw_seconds:.2f} s of "
          f"{', '.join(f'{seconds:.2f}' for seconds in raws)}, {raw_rate:,.0f} rows/s")
    print(f"import / raw rate: {import_rate / raw_rate:.3f} (target >= 0.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
