"""Two stores exchange bundles both ways; real SQLCipher stores with cheap Argon2id (KdfParams.TESTING)."""

import pytest
from sqlmodel import select

from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.storage.sync_errors import CaseNotShared, InvalidPeerIdentity, MissingBasis, PeerExists, PeerNotFound
from stalking_tui.storage.tables import AuditRow, MetaRow

from .conftest import BASIS
from .helpers import bundle_body, projections, sealed, snapshot

SCREENING = {
    "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "abc123",
    "practice": True, "answers": {"item1": {"answer": "aanwezig", "note": ""}},
    "rationale": "Fictieve onderbouwing.", "assessor": "Gebruiker (fictief)",
    "assessor_role": "casusregisseur", "assessor_organisation": "VT",
}


def screening(level: str) -> dict:
    return {**SCREENING, "proposed_level": level, "level": level}


def plan(version: int, worry: str) -> dict:
    return {"version": version, "worry": worry}


def exchange(sender, receiver, tmp_path, name: str):
    """Export from sender to receiver and import it; return both reports."""
    peer = "B" if sender.profile.device_name == "A" else "A"
    path = tmp_path / f"{name}.bundle.age"
    exported = sender.export_bundle(peer, path)
    imported = receiver.import_bundle(path)
    return exported, imported


def shared_case(pair, make_report):
    a, b = pair
    case = a.report_case(make_report(demo=False))
    a.share_case(case.case_id, "B", BASIS)
    return case


def audit_rows(store, action: str) -> list[tuple[str | None, str]]:
    """Return (case id, detail) of every audit entry with `action`, oldest first."""
    with store._session() as session:
        query = select(AuditRow.case_id, AuditRow.detail).where(AuditRow.action == action).order_by(AuditRow.id)
        return list(session.exec(query))


def test_identity_stays_inside_store(make_device, tmp_path):
    store = make_device("A")
    identity = store.own_identity()
    with store._session() as session:
        secret = session.get(MetaRow, "device_identity").value

    for path in (tmp_path / "A").iterdir():
        content = path.read_bytes()
        assert b"AGE-SECRET-KEY" not in content, path.name
        assert identity.signing_key.encode() not in content, path.name
    assert "AGE-SECRET-KEY" in secret


def test_identity_survives_reopen(make_device, tmp_path):
    from stalking_tui.storage.store import CaseStore

    store = make_device("A")
    before = store.own_identity()
    store.close()

    with CaseStore.open(tmp_path / "A", "wachtwoord fictief") as reopened:
        assert reopened.own_identity() == before


def test_old_store_gets_identity(make_device, tmp_path):
    from stalking_tui.storage.store import CaseStore

    store = make_device("A")
    with store._session() as session:
        session.delete(session.get(MetaRow, "device_identity"))
        session.connection().exec_driver_sql("DROP TABLE sync_peer")
    store.close()

    with CaseStore.open(tmp_path / "A", "wachtwoord fictief") as reopened:
        assert reopened.own_identity().fingerprint
        assert reopened.peers() == []


def test_peer_text_roundtrip(pair):
    a, b = pair

    [peer] = a.peers()

    assert peer.name == "B"
    assert peer.identity == b.own_identity()
    assert len(peer.fingerprint.split()) == 6


def test_peer_add_rejects_bad_input(pair):
    a, b = pair

    with pytest.raises(InvalidPeerIdentity):
        a.add_peer(a.own_identity().to_text(), "zelf")
    with pytest.raises(InvalidPeerIdentity):
        a.add_peer("stalking-tui-peer:1:kapot", "kapot")
    with pytest.raises(PeerExists):
        a.add_peer(b.own_identity().to_text(), "B opnieuw")


def test_peer_remove_by_fingerprint(pair, make_report):
    a, b = pair
    shared_case(pair, make_report)
    fingerprint = b.own_identity().fingerprint

    removed = a.remove_peer(fingerprint[:9])

    assert removed.name == "B"
    assert a.peers() == []
    assert a.shares() == []
    with pytest.raises(PeerNotFound):
        a.remove_peer("B")


def test_share_needs_basis(pair, make_report):
    a, _b = pair
    case = a.report_case(make_report(demo=False))

    with pytest.raises(MissingBasis):
        a.share_case(case.case_id, "B", "  ")

    share = a.share_case(case.case_id, "B", BASIS)
    assert share.basis == BASIS
    assert a.shares(case.case_id) == [share]


def test_share_and_export_are_audited(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)

    a.export_bundle("B", tmp_path / "one.bundle.age")

    exports = audit_rows(a, "export")
    assert [case_id for case_id, _detail in exports] == [case.case_id, case.case_id]
    assert "shared with peer" in exports[0][1]
    assert "bundle" in exports[1][1]
    assert a.first_broken_audit_entry() is None


def test_export_of_unshared_case_rejected(pair, make_report, tmp_path):
    a, _b = pair
    case = a.report_case(make_report(demo=False))

    with pytest.raises(CaseNotShared):
        a.export_bundle("B", tmp_path / "x.bundle.age", case_id=case.case_id)
    assert not (tmp_path / "x.bundle.age").exists()


def test_failed_export_leaves_no_file(pair, make_report, tmp_path):
    a, _b = pair
    shared_case(pair, make_report)

    # A folder at the target path makes the final rename fail after the bundle is sealed.
    target = tmp_path / "target.bundle.age"
    target.mkdir()
    with pytest.raises(OSError) as raised:
        a.export_bundle("B", target)
    assert raised.value.filename == str(target)

    assert target.is_dir()
    assert list(target.iterdir()) == []
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_first_bundle_creates_case(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "note.added", {"text": "Fictieve notitie."})

    exported, imported = exchange(a, b, tmp_path, "first")

    assert exported.event_count == 2
    assert [(c.case_id, c.event_count) for c in exported.cases] == [(case.case_id, 2)]
    assert imported.applied
    assert [(c.case_id, c.new_case, c.new_events) for c in imported.cases] == [(case.case_id, True, 2)]
    assert projections(b) == projections(a)
    assert b.timeline(case.case_id) == a.timeline(case.case_id)


def test_second_import_changes_nothing(pair, make_report, tmp_path):
    a, b = pair
    shared_case(pair, make_report)
    path = tmp_path / "twice.bundle.age"
    a.export_bundle("B", path)
    b.import_bundle(path)
    before = snapshot(b)

    again = b.import_bundle(path)

    assert again.new_events == 0
    assert [c.known_events for c in again.cases] == [1]
    assert snapshot(b) == before


def test_acked_events_not_sent_again(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)
    exchange(b, a, tmp_path, "b1")

    exported, _imported = exchange(a, b, tmp_path, "a2")

    assert exported.event_count == 0
    assert exported.acks >= 1


def test_lost_bundle_sent_again(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    a.export_bundle("B", tmp_path / "lost.bundle.age")
    a.record(case.case_id, "note.added", {"text": "Fictief, na het verloren bestand."})

    exported, imported = exchange(a, b, tmp_path, "resend")

    assert exported.event_count == 2
    assert imported.new_events == 2


def test_offline_edits_converge(pair, make_report, payloads_for_sync, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)

    # Both sides work offline on the same case.
    a.record(case.case_id, "note.added", {"text": "Fictief: notitie op A."})
    a.record(case.case_id, "role.appointed", payloads_for_sync["role.appointed"])
    b.record(case.case_id, "incident.recorded", payloads_for_sync["incident.recorded"])
    b.record(case.case_id, "note.added", {"text": "Fictief: notitie op B."})

    exchange(a, b, tmp_path, "a2")
    exchange(b, a, tmp_path, "b1")

    assert projections(a) == projections(b)
    assert [e.id for e in a.timeline(case.case_id)] == [e.id for e in b.timeline(case.case_id)]
    state = a.get_case(case.case_id)
    assert state.incident_count == 1
    assert "procesregisseur" in state.roles


def test_local_events_sort_after_imported(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    exchange(a, b, tmp_path, "a1")

    b.record(case.case_id, "note.added", {"text": "Fictief: na de import."})

    timeline = b.timeline(case.case_id)
    assert timeline[-1].device_id == b.device_id
    assert timeline[-1].hlc > timeline[0].hlc


def test_screening_conflict_shows_higher(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "screening.completed", screening("LAAG"))
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)

    # Both reassess the same screening offline, with different levels.
    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("HOOG"))
    exchange(a, b, tmp_path, "a2")
    exchange(b, a, tmp_path, "b1")

    for store in (a, b):
        [conflict] = store.conflicts(case.case_id)
        assert conflict.field == "screening.level"
        assert sorted(side.value for side in conflict.sides) == ["HOOG", "MIDDEN"]
        assert not conflict.resolved
        state = store.get_case(case.case_id)
        assert state.level == ConcernLevel.HOOG
        assert state.track == Track.HOOG
        assert state.open_conflicts == 1
    assert projections(a) == projections(b)


def test_conflict_resolution_syncs(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "screening.completed", screening("LAAG"))
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)
    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("HOOG"))
    exchange(a, b, tmp_path, "a2")
    exchange(b, a, tmp_path, "b1")
    [conflict] = a.conflicts(case.case_id)
    midden = next(side.event_id for side in conflict.sides if side.value == "MIDDEN")

    resolved = a.resolve_conflict(case.case_id, conflict.conflict_id, midden, "Fictief: overlegd, MIDDEN klopt.")
    exchange(a, b, tmp_path, "a3")

    assert resolved.level == ConcernLevel.MIDDEN
    assert resolved.open_conflicts == 0
    for store in (a, b):
        [after] = store.conflicts(case.case_id)
        assert after.resolved
        assert after.chosen_event_id == midden
        assert store.get_case(case.case_id).level == ConcernLevel.MIDDEN
    assert projections(a) == projections(b)


def test_plan_conflict_recorded(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)

    a.record(case.case_id, "plan.saved", plan(1, "Fictieve zorg volgens A."))
    b.record(case.case_id, "plan.saved", plan(1, "Fictieve zorg volgens B."))
    exchange(a, b, tmp_path, "a2")
    exchange(b, a, tmp_path, "b1")

    for store in (a, b):
        [conflict] = store.conflicts(case.case_id)
        assert conflict.field == "plan.version"
        assert len(conflict.sides) == 2
        assert store.get_case(case.case_id).open_conflicts == 1
    # Both versions stay in the log; nothing is overwritten.
    kinds = [e.kind for e in a.timeline(case.case_id)]
    assert kinds.count("plan.saved") == 2
    assert projections(a) == projections(b)


def test_same_level_is_no_conflict(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)

    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("MIDDEN"))
    exchange(a, b, tmp_path, "a2")
    exchange(b, a, tmp_path, "b1")

    assert a.conflicts(case.case_id) == []
    assert a.get_case(case.case_id).open_conflicts == 0


def test_resolution_kind_rejected_by_record(pair, make_report):
    from stalking_tui.storage.errors import InvalidEvent

    a, _b = pair
    case = a.report_case(make_report(demo=False))

    with pytest.raises(InvalidEvent):
        a.record(case.case_id, "conflict.resolved", {"conflict_id": "x", "chosen_event_id": "y",
                                                     "event_ids": ["y", "z"], "reason": "Fictief."})


def test_verify_and_rebuild_keep_conflicts(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "screening.completed", screening("LAAG"))
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)
    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("HOOG"))
    exchange(a, b, tmp_path, "a2")
    before = b.get_case(case.case_id)

    b.rebuild_projections()

    assert b.get_case(case.case_id) == before
    assert before.level == ConcernLevel.HOOG
    assert len(b.conflicts(case.case_id)) == 1
    projections_check = next(finding for finding in b.verify() if finding.check == "projections")
    assert projections_check.ok


def test_same_device_edits_no_conflict(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    note = a.record(case.case_id, "note.added", {"text": "Fictief origineel."})
    base = a.timeline(case.case_id)[-1].id

    a.record(case.case_id, "note.added", {"text": "Fictief, verbeterd."}, base_id=base)
    a.record(case.case_id, "note.added", {"text": "Fictief, nog eens verbeterd."}, base_id=base)
    exchange(a, b, tmp_path, "a1")

    assert note.open_conflicts == 0
    assert a.conflicts(case.case_id) == []
    assert b.conflicts(case.case_id) == []


def test_preview_counts_conflicts_without_writing(pair, make_report, tmp_path):
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "screening.completed", screening("LAAG"))
    exchange(a, b, tmp_path, "a1")
    b.share_case(case.case_id, "A", BASIS)
    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("HOOG"))
    path = tmp_path / "a2.bundle.age"
    a.export_bundle("B", path)
    before = snapshot(b)

    preview = b.preview_import(path)

    assert not preview.applied
    [change] = preview.cases
    assert (change.new_events, change.known_events, change.open_conflicts) == (1, 2, 1)
    assert snapshot(b) == before



def test_own_device_events_keep_writes_working(pair, make_report):
    """Events that carry this store's own device id (e.g. from a restored copy) move its sequence on."""
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "note.added", {"text": "Fictieve notitie."})
    body = bundle_body(a, "B")
    for offset, event in enumerate(body["events"][1:]):
        event["device_id"], event["seq"] = b.device_id, 1 + offset  # B has written nothing yet
    path = b.directory.parent / "own.bundle.age"
    path.write_bytes(sealed(a, b, body))

    imported = b.import_bundle(path)
    assert imported.new_events == len(body["events"])

    b.record(case.case_id, "note.added", {"text": "Fictief: daarna op B geschreven."})
    assert len(b.timeline(case.case_id)) == len(body["events"]) + 1


def level_conflict(pair, make_report, tmp_path):
    """Give A and B the same open MIDDEN-versus-HOOG conflict, and return the case and the conflict."""
    a, b = pair
    case = shared_case(pair, make_report)
    a.record(case.case_id, "screening.completed", screening("LAAG"))
    exchange(a, b, tmp_path, "setup-a1")
    b.share_case(case.case_id, "A", BASIS)
    a.record(case.case_id, "screening.completed", screening("MIDDEN"))
    b.record(case.case_id, "screening.completed", screening("HOOG"))
    exchange(a, b, tmp_path, "setup-a2")
    exchange(b, a, tmp_path, "setup-b1")
    [conflict] = a.conflicts(case.case_id)
    return case, conflict


def side_id(conflict, value: str) -> str:
    return next(side.event_id for side in conflict.sides if side.value == value)


def test_offline_resolutions_reopen_conflict(pair, make_report, tmp_path):
    a, b = pair
    case, conflict = level_conflict(pair, make_report, tmp_path)

    # Offline, A chooses the lower level and B the higher one, each with a reason.
    a.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "MIDDEN"), "Fictief: A koos MIDDEN.")
    b.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "HOOG"), "Fictief: B koos HOOG.")
    preview_path = tmp_path / "preview.bundle.age"
    b.export_bundle("A", preview_path)
    preview = a.preview_import(preview_path)
    exchange(a, b, tmp_path, "a3")
    exchange(b, a, tmp_path, "b2")

    [change] = preview.cases
    assert change.open_conflicts == 1
    for store in (a, b):
        [after] = store.conflicts(case.case_id)
        assert not after.resolved
        assert after.contested
        reasons = sorted((r.value, r.user, r.reason) for r in after.resolutions)
        assert reasons == [
            ("HOOG", b.profile.user_name, "Fictief: B koos HOOG."),
            ("MIDDEN", a.profile.user_name, "Fictief: A koos MIDDEN."),
        ]
        state = store.get_case(case.case_id)
        assert state.open_conflicts == 1
        assert state.level == ConcernLevel.HOOG
        assert state.track == Track.HOOG
    assert projections(a) == projections(b)
    assert a.conflicts(case.case_id) == b.conflicts(case.case_id)


def test_third_resolution_closes_reopened(pair, make_report, tmp_path):
    a, b = pair
    case, conflict = level_conflict(pair, make_report, tmp_path)
    a.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "HOOG"), "Fictief: A koos HOOG.")
    b.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "MIDDEN"), "Fictief: B koos MIDDEN.")
    exchange(a, b, tmp_path, "a3")
    exchange(b, a, tmp_path, "b2")

    # B saw both choices and decides again, after talking to A.
    closed = b.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "MIDDEN"), "Fictief: samen besproken.")
    exchange(b, a, tmp_path, "b3")

    assert closed.open_conflicts == 0
    for store in (a, b):
        [after] = store.conflicts(case.case_id)
        assert after.resolved
        assert after.chosen_event_id == side_id(conflict, "MIDDEN")
        assert [r.reason for r in after.resolutions] == ["Fictief: samen besproken."]
        state = store.get_case(case.case_id)
        assert state.open_conflicts == 0
        assert state.level == ConcernLevel.MIDDEN
    assert projections(a) == projections(b)


def test_resolution_after_seeing_replaces(pair, make_report, tmp_path):
    a, b = pair
    case, conflict = level_conflict(pair, make_report, tmp_path)
    a.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "HOOG"), "Fictief: A koos HOOG.")
    exchange(a, b, tmp_path, "a3")

    # B received A's choice and still changes it: that is a decision, not a conflict.
    b.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "MIDDEN"), "Fictief: B koos MIDDEN.")
    exchange(b, a, tmp_path, "b2")

    for store in (a, b):
        [after] = store.conflicts(case.case_id)
        assert after.resolved
        assert after.chosen_event_id == side_id(conflict, "MIDDEN")
        assert [r.reason for r in after.resolutions] == ["Fictief: B koos MIDDEN."]
        state = store.get_case(case.case_id)
        assert state.open_conflicts == 0
        assert state.level == ConcernLevel.MIDDEN
    assert projections(a) == projections(b)


def test_same_device_changes_its_mind(pair, make_report, tmp_path):
    a, b = pair
    case, conflict = level_conflict(pair, make_report, tmp_path)

    a.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "HOOG"), "Fictief: eerst HOOG.")
    again = a.resolve_conflict(case.case_id, conflict.conflict_id, side_id(conflict, "MIDDEN"), "Fictief: toch MIDDEN.")
    exchange(a, b, tmp_path, "a3")

    assert again.open_conflicts == 0
    assert again.level == ConcernLevel.MIDDEN
    [first, second] = [e for e in a.timeline(case.case_id) if e.kind == "conflict.resolved"]
    assert second.base_id == first.id
    assert second.payload["replaces"] == [first.id]
    assert b.get_case(case.case_id).level == ConcernLevel.MIDDEN
    assert projections(a) == projections(b)


def test_peer_query_two_matches_ambiguous(make_device, make_report, tmp_path):
    """A name that is also the start of another peer's fingerprint selects neither peer."""
    from stalking_tui.storage.sync_errors import AmbiguousPeer

    a, b, c = make_device("A"), make_device("B"), make_device("C")
    prefix = b.own_identity().fingerprint[:4]
    a.add_peer(b.own_identity().to_text(), "B")
    a.add_peer(c.own_identity().to_text(), prefix)
    case = a.report_case(make_report(demo=False))

    with pytest.raises(AmbiguousPeer):
        a.export_bundle(prefix, tmp_path / "x.bundle.age")
    with pytest.raises(AmbiguousPeer):
        a.share_case(case.case_id, prefix, BASIS)
    with pytest.raises(AmbiguousPeer):
        a.remove_peer(prefix)
    assert not (tmp_path / "x.bundle.age").exists()
    assert a.shares() == []
    assert len(a.peers()) == 2


def test_peer_whole_fingerprint_selects_one(make_device, make_report):
    """The app passes whole fingerprints, so a peer named like another's fingerprint stays selectable."""
    a, b, c = make_device("A"), make_device("B"), make_device("C")
    b_fingerprint, c_fingerprint = b.own_identity().fingerprint, c.own_identity().fingerprint
    a.add_peer(b.own_identity().to_text(), "B")
    a.add_peer(c.own_identity().to_text(), b_fingerprint[:4])
    case = a.report_case(make_report(demo=False))

    share = a.share_case(case.case_id, c_fingerprint, BASIS)
    assert share.peer_fingerprint == c_fingerprint
    assert a.remove_peer(b_fingerprint.replace(" ", "").upper()).fingerprint == b_fingerprint
    assert [peer.fingerprint for peer in a.peers()] == [c_fingerprint]


def test_name_own_prefix_not_ambiguous(make_device):
    """A name that is the start of the same peer's own fingerprint matches one peer only."""
    a, b = make_device("A"), make_device("B")
    name = b.own_identity().fingerprint[:9]
    a.add_peer(b.own_identity().to_text(), name)

    assert a.remove_peer(name).name == name
    with pytest.raises(PeerNotFound):
        a.remove_peer(name)
