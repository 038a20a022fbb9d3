"""Property: stores converge whatever the order, duplication or loss of bundles.

Each example builds two real SQLCipher stores with cheap Argon2id (KdfParams.TESTING) in
a fresh temp dir, so examples are kept few: the test machine has two cores.
"""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stalking_tui.domain.profile import Profile
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore

from .conftest import BASIS
from .helpers import projections

EDITS = ("note", "screening_LAAG", "screening_HOOG", "incident", "plan", "resolve", "resolve_last")

operation = st.one_of(
    st.tuples(st.just("edit"), st.sampled_from("AB"), st.sampled_from(EDITS)),
    st.tuples(st.just("export"), st.sampled_from("AB")),
    st.tuples(st.just("deliver"), st.integers(min_value=0, max_value=50)),
)


def screening(level: str) -> dict:
    return {
        "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "abc123",
        "practice": True, "answers": {}, "proposed_level": level, "level": level,
        "rationale": "Fictieve onderbouwing.", "assessor": "Gebruiker (fictief)",
        "assessor_role": "casusregisseur", "assessor_organisation": "VT",
    }


def edit(store: CaseStore, case_id: str, change: str, counter: int) -> None:
    if change == "note":
        store.record(case_id, "note.added", {"text": f"Fictieve notitie {counter}."})
    elif change.startswith("screening_"):
        store.record(case_id, "screening.completed", screening(change.removeprefix("screening_")))
    elif change == "incident":
        store.record(case_id, "incident.recorded", {
            "occurred_at": "2026-03-16T21:00:00+00:00", "kind": "contact", "reporter": "victim",
            "description": f"Fictief incident {counter}.",
        })
    elif change == "plan":
        # Like the plan screen: the next version after the one this store shows.
        current = store.get_case(case_id).plan
        version = current.version + 1 if current else 1
        store.record(case_id, "plan.saved", {"version": version, "worry": f"Fictieve zorg {counter}."})
    elif change == "resolve":
        open_conflicts = [c for c in store.conflicts(case_id) if not c.resolved]
        if open_conflicts:
            conflict = open_conflicts[0]
            store.resolve_conflict(case_id, conflict.conflict_id, conflict.sides[0].event_id, "Fictief besluit.")
    elif change == "resolve_last":
        # Any conflict, resolved ones too, so that a store may replace its own earlier choice or
        # contradict one from the other store that it has not seen yet.
        conflicts = store.conflicts(case_id)
        if conflicts:
            conflict = conflicts[-1]
            store.resolve_conflict(case_id, conflict.conflict_id, conflict.sides[-1].event_id, "Fictief, ander besluit.")


class Exchange:
    """Two stores and every bundle exported so far, with who it is for."""

    def __init__(self, directory: Path, report) -> None:
        self.directory = directory
        self.stores = {name: self._create(name) for name in "AB"}
        a, b = self.stores["A"], self.stores["B"]
        a.add_peer(b.own_identity().to_text(), "B")
        b.add_peer(a.own_identity().to_text(), "A")
        self.case_id = a.report_case(report).case_id
        a.share_case(self.case_id, "B", BASIS)
        self.bundles: list[tuple[str, Path]] = []
        self.deliver(self.export("A"))
        b.share_case(self.case_id, "A", BASIS)

    def _create(self, name: str) -> CaseStore:
        profile = Profile(user_name=f"Gebruiker {name} (fictief)", organisation="VT", role="casusregisseur", device_name=name)
        return CaseStore.create(self.directory / name, "wachtwoord fictief", profile, kdf=KdfParams.TESTING)[0]

    def export(self, sender: str) -> int:
        receiver = "B" if sender == "A" else "A"
        path = self.directory / f"bundle-{len(self.bundles)}.age"
        self.stores[sender].export_bundle(receiver, path)
        self.bundles.append((receiver, path))
        return len(self.bundles) - 1

    def deliver(self, index: int) -> None:
        receiver, path = self.bundles[index]
        self.stores[receiver].import_bundle(path)

    def close(self) -> None:
        for store in self.stores.values():
            store.close()


# Both stores screen offline, exchange, then resolve the conflict differently offline.
CONTRADICTING_RESOLUTIONS = [
    ("edit", "A", "screening_LAAG"), ("edit", "B", "screening_HOOG"),
    ("export", "A"), ("deliver", 1), ("export", "B"), ("deliver", 2),
    ("edit", "A", "resolve"), ("edit", "B", "resolve_last"),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(operations=CONTRADICTING_RESOLUTIONS, late=[3])
@given(
    operations=st.lists(operation, max_size=10),
    late=st.lists(st.integers(min_value=0, max_value=50), max_size=4),
)
def test_bundles_converge(make_report, operations, late):
    with tempfile.TemporaryDirectory() as temp:
        exchange = Exchange(Path(temp), make_report(demo=False))
        try:
            for counter, op in enumerate(operations):
                if op[0] == "edit":
                    edit(exchange.stores[op[1]], exchange.case_id, op[2], counter)
                elif op[0] == "export":
                    exchange.export(op[1])
                else:
                    # Deliver any earlier bundle: late, twice, or never (dropped).
                    exchange.deliver(op[1] % len(exchange.bundles))

            # Every lost event is sent again in the final round.
            exchange.deliver(exchange.export("A"))
            exchange.deliver(exchange.export("B"))
            for index in late:
                exchange.deliver(index % len(exchange.bundles))

            a, b = exchange.stores["A"], exchange.stores["B"]
            assert projections(a) == projections(b)
            assert [e.id for e in a.timeline(exchange.case_id)] == [e.id for e in b.timeline(exchange.case_id)]
            assert a.conflicts(exchange.case_id) == b.conflicts(exchange.case_id)
        finally:
            exchange.close()
