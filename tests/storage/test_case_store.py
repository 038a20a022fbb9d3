"""CaseStore on a real SQLCipher store in tmp_path, with cheap Argon2id parameters (KdfParams.TESTING)."""

from datetime import UTC, datetime

import pytest

from stalking_tui.domain.case import CaseState
from stalking_tui.domain.clock import HlcTimestamp
from stalking_tui.domain.events import PAYLOADS, validate_payload
from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.storage.errors import (
    CaseNotFound, InvalidEvent, StoreError, StoreExists, WrongPassphrase,
)
from stalking_tui.storage import keyslots
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore


def test_create_then_exists(store_dir, make_store):
    assert not CaseStore.exists(store_dir)

    make_store()

    assert CaseStore.exists(store_dir)


def test_create_twice_rejected(store_dir, make_store, profile, cheap_kdf):
    make_store().close()

    with pytest.raises(StoreExists):
        CaseStore.create(store_dir, "ander wachtwoord", profile, kdf=cheap_kdf)


def test_profile_survives_reopen(make_store, open_store, profile):
    make_store().close()

    assert open_store().profile == profile


def test_report_assigns_number_and_id(make_store, make_report):
    store = make_store()

    first = store.report_case(make_report())
    second = store.report_case(make_report())
    older = store.report_case(make_report(received_at=datetime(2025, 12, 31, 23, 0, tzinfo=UTC)))

    assert [first.number, second.number, older.number] == ["2026-0001", "2026-0002", "2025-0001"]
    assert first.case_id != second.case_id
    assert first.track == Track.MELDING


def test_acutely_unsafe_report_starts_acuut(make_store, make_report):
    store = make_store()

    case = store.report_case(make_report(gate={"acutely_unsafe": True}))

    assert case.track == Track.ACUUT


def test_every_event_kind_roundtrips(make_store, open_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    for kind, payload in payloads.items():
        state = store.record(case.case_id, kind, payload)
    expected_state = store.get_case(case.case_id)
    expected_timeline = store.timeline(case.case_id)
    store.close()

    reopened = open_store(routes=small_routes)
    timeline = reopened.timeline(case.case_id)

    assert reopened.get_case(case.case_id) == expected_state == state
    assert timeline == expected_timeline
    assert [event.kind for event in timeline] == ["case.reported", *payloads]
    assert {event.kind for event in timeline} == set(PAYLOADS)
    for event, (kind, payload) in zip(timeline[1:], payloads.items(), strict=True):
        assert event.parsed() == validate_payload(kind, payload)


def test_fold_reaches_expected_state(make_store, make_report, payloads, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    for kind, payload in payloads.items():
        store.record(case.case_id, kind, payload)

    state = store.get_case(case.case_id)

    assert state.level == ConcernLevel.MIDDEN
    # The last payloads de-escalate HOOG to MIDDEN, close the case and reopen it in MIDDEN.
    assert state.track == Track.MIDDEN
    assert not state.is_closed
    assert state.roles["procesregisseur"].name == "Regisseur Fictief"
    assert state.plan is not None and state.plan.version == 1
    # The measure breach counts as an incident too.
    assert state.incident_count == 2
    assert len(state.measures["m1"].breaches) == 1
    assert state.detentions["d1"].release.isoformat() == "2026-05-01"
    assert state.acknowledged["wapen:2026-03-16"].by == "Test Gebruiker"
    assert state.weapon_mentioned_at is not None
    assert state.steps["vt_informeren"].by == "Test Gebruiker"
    assert len(state.notifications) == 1


def test_events_carry_actor_device_seq_hlc(make_store, make_report, payloads, profile, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    store.record(case.case_id, "note.added", payloads["note.added"])
    store.record(case.case_id, "note.added", {"text": "Tweede fictieve notitie."})

    timeline = store.timeline(case.case_id)

    assert [event.seq for event in timeline] == [1, 2, 3]
    assert {event.device_id for event in timeline} == {store.device_id}
    assert all(event.actor.user == profile.user_name for event in timeline)
    assert all(event.actor.organisation == profile.organisation for event in timeline)
    clocks = [HlcTimestamp.decode(event.hlc) for event in timeline]
    assert clocks == sorted(clocks)
    assert len(set(clocks)) == 3
    assert len({event.id for event in timeline}) == 3
    assert all(event.recorded_at.tzinfo is not None for event in timeline)


def test_seq_continues_after_reopen(make_store, open_store, make_report):
    store = make_store()
    store.report_case(make_report())
    store.close()

    reopened = open_store()
    case = reopened.report_case(make_report())

    assert reopened.timeline(case.case_id)[0].seq == 2


def test_list_cases_returns_states(make_store, make_report):
    store = make_store()
    store.report_case(make_report())
    store.report_case(make_report(parties=[
        {"role": "slachtoffer", "name": "Anna Bedacht"}, {"role": "pleger", "name": "Kees Nep"},
    ]))

    cases = store.list_cases()

    assert all(isinstance(case, CaseState) for case in cases)
    assert [case.number for case in cases] == ["2026-0001", "2026-0002"]
    assert cases[1].victim.name == "Anna Bedacht"


@pytest.mark.parametrize("query", ["zoe", "ZOË", "Zoe fictief", "fictief", "verzonnen", "2026-0001", "  zoe  "])
def test_search_finds_folded_names(make_store, make_report, query):
    store = make_store()
    store.report_case(make_report())

    assert [case.number for case in store.search_cases(query)] == ["2026-0001"]


@pytest.mark.parametrize("query", ["zoey", "jansen", "%", "_", "zoe jansen"])
def test_search_misses_other_names(make_store, make_report, query):
    store = make_store()
    store.report_case(make_report())

    assert store.search_cases(query) == []


def test_search_narrows_between_cases(make_store, make_report):
    store = make_store()
    store.report_case(make_report())
    store.report_case(make_report(parties=[
        {"role": "slachtoffer", "name": "Zoë Anders"}, {"role": "pleger", "name": "Kees Nep"},
    ]))

    assert [case.number for case in store.search_cases("zoe")] == ["2026-0001", "2026-0002"]
    assert [case.number for case in store.search_cases("zoe kees")] == ["2026-0002"]


def test_unknown_case_not_found(make_store, payloads, small_routes):
    store = make_store(routes=small_routes)

    with pytest.raises(CaseNotFound):
        store.get_case("no-such-case")
    with pytest.raises(CaseNotFound):
        store.timeline("no-such-case")
    with pytest.raises(CaseNotFound):
        store.record("no-such-case", "note.added", payloads["note.added"])


def _event_count(store: CaseStore, case_id: str) -> int:
    return len(store.timeline(case_id))


@pytest.mark.parametrize(
    ("kind", "payload", "field"),
    [
        ("note.added", {"text": ""}, "text"),
        ("note.added", {"text": "x", "extra": 1}, "extra"),
        ("incident.recorded", {"kind": "contact", "reporter": "victim", "description": "x"}, "occurred_at"),
        ("track.changed", {"track": "ONBEKEND", "reason": "x"}, "track"),
        ("plan.saved", {"version": 0, "worry": "x"}, "version"),
        ("no.such.kind", {}, "kind"),
        ("case.reported", {}, "kind"),
    ],
)
def test_invalid_payload_writes_nothing(make_store, make_report, kind, payload, field, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    before = store.get_case(case.case_id)

    with pytest.raises(InvalidEvent) as raised:
        store.record(case.case_id, kind, payload)

    assert field in raised.value.field_errors
    assert raised.value.user_message
    assert _event_count(store, case.case_id) == 1
    assert store.get_case(case.case_id) == before


def test_invalid_event_message_has_no_input(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    secret = "Fictief geheim " + "x" * 20_001

    with pytest.raises(InvalidEvent) as raised:
        store.record(case.case_id, "note.added", {"text": secret})

    assert "Fictief geheim" not in str(raised.value)
    assert "Fictief geheim" not in " ".join(raised.value.field_errors.values())
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_invalid_report_rejected(make_store):
    store = make_store()

    with pytest.raises(InvalidEvent) as raised:
        store.report_case({"source": "politie", "parties": []})

    assert "parties" in raised.value.field_errors
    assert store.list_cases() == []


def test_drafts_roundtrip_and_survive_reopen(make_store, open_store):
    store = make_store()
    assert store.load_draft("intake") is None

    store.save_draft("intake", {"victim": "Zoë Fictief", "step": 2})
    store.save_draft("intake", {"victim": "Zoë Fictief", "step": 3})
    store.save_draft("note:abc", {"text": "Fictief concept"})
    store.close()

    reopened = open_store()
    assert reopened.load_draft("intake") == {"victim": "Zoë Fictief", "step": 3}

    reopened.delete_draft("intake")
    reopened.delete_draft("intake")
    assert reopened.load_draft("intake") is None
    assert reopened.load_draft("note:abc") == {"text": "Fictief concept"}


def test_close_is_idempotent_and_wipes_key(make_store):
    store = make_store()
    key = store._key

    store.close()
    store.close()

    assert not store.is_open
    assert store._key is None
    assert key == bytearray(32)


def test_closed_store_rejects_calls(make_store):
    store = make_store()
    store.close()

    with pytest.raises(StoreError):
        store.list_cases()


def test_change_passphrase_keeps_data(make_store, open_store, store_dir, make_report, passphrase):
    store = make_store()
    case = store.report_case(make_report())

    store.change_passphrase(passphrase, "nieuw lang wachtwoord")
    store.close()

    with pytest.raises(WrongPassphrase):
        CaseStore.open(store_dir, passphrase)
    reopened = open_store(passphrase="nieuw lang wachtwoord")
    assert reopened.get_case(case.case_id).number == case.number


def test_change_passphrase_needs_old(make_store):
    store = make_store()

    with pytest.raises(WrongPassphrase):
        store.change_passphrase("fout", "nieuw lang wachtwoord")


def test_recovery_code_unlocks(store_dir, profile, cheap_kdf, make_report, open_store, passphrase):
    store, recovery_code = CaseStore.create(store_dir, passphrase, profile, kdf=cheap_kdf)
    case = store.report_case(make_report())
    store.close()

    typed = recovery_code.lower().replace("-", " ")
    recovered = CaseStore.open_with_recovery_code(store_dir, typed, "vergeten en vervangen")
    assert recovered.get_case(case.case_id).number == case.number
    recovered.close()

    with pytest.raises(WrongPassphrase):
        CaseStore.open(store_dir, passphrase)
    assert open_store(passphrase="vergeten en vervangen").get_case(case.case_id).number == case.number


def test_wrong_recovery_code_rejected(make_store, store_dir):
    make_store().close()

    with pytest.raises(WrongPassphrase):
        CaseStore.open_with_recovery_code(store_dir, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "nieuw")


def test_open_with_stronger_kdf_rewraps(make_store, store_dir, open_store, passphrase):
    make_store().close()
    stronger = KdfParams(memory_kib=64, iterations=2, lanes=1)

    CaseStore.open(store_dir, passphrase, kdf=stronger).close()

    assert keyslots.passphrase_kdf(store_dir) == stronger
    assert open_store().is_open
