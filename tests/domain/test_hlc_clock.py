"""Hybrid logical clock: monotonic per device, causal across devices, sortable as text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalking_tui.domain.clock import HlcTimestamp, receive, tick


def test_tick_follows_wall_clock():
    first = tick(None, 1_000, "a")
    second = tick(first, 2_000, "a")

    assert first == HlcTimestamp(1_000, 0, "a")
    assert second == HlcTimestamp(2_000, 0, "a")


def test_tick_survives_clock_going_back():
    first = tick(None, 5_000, "a")
    second = tick(first, 4_000, "a")
    third = tick(second, 5_000, "a")

    assert second == HlcTimestamp(5_000, 1, "a")
    assert third == HlcTimestamp(5_000, 2, "a")


def test_receive_orders_after_remote():
    remote = HlcTimestamp(9_000, 4, "b")
    local = tick(None, 1_000, "a")

    merged = receive(local, remote, 2_000, "a")

    assert merged == HlcTimestamp(9_000, 5, "a")
    assert merged > remote


def test_receive_uses_newer_wall_clock():
    merged = receive(HlcTimestamp(1_000, 3, "a"), HlcTimestamp(2_000, 7, "b"), 3_000, "a")

    assert merged == HlcTimestamp(3_000, 0, "a")


def test_encode_roundtrips():
    stamp = HlcTimestamp(1_796_400_000_000, 12, "9f1c0d")

    assert stamp.encode() == "1796400000000.000012.9f1c0d"
    assert HlcTimestamp.decode(stamp.encode()) == stamp


@pytest.mark.parametrize("text", ["", "1.2.a", "1796400000000.12.a", "1796400000000.000012.", "abc"])
def test_decode_rejects_malformed(text):
    with pytest.raises(ValueError):
        HlcTimestamp.decode(text)


walls = st.integers(min_value=0, max_value=10**12)
counters = st.integers(min_value=0, max_value=999)


@given(st.lists(walls, min_size=1, max_size=50))
def test_ticks_strictly_increase(wall_times):
    stamps = []
    last = None
    for wall in wall_times:
        last = tick(last, wall, "a")
        stamps.append(last)

    assert all(earlier < later for earlier, later in zip(stamps, stamps[1:]))
    assert [s.encode() for s in stamps] == sorted(s.encode() for s in stamps)


@given(walls, counters, walls, counters, walls)
def test_receive_is_after_both(last_wall, last_counter, remote_wall, remote_counter, now):
    last = HlcTimestamp(last_wall, last_counter, "a")
    remote = HlcTimestamp(remote_wall, remote_counter, "b")

    merged = receive(last, remote, now, "a")

    assert (merged.wall_ms, merged.counter) > (last.wall_ms, last.counter)
    assert (merged.wall_ms, merged.counter) > (remote.wall_ms, remote.counter)
    assert merged.encode() > last.encode()
