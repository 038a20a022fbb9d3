"""Hybrid logical clock (HLC): event order that survives skewed device clocks.

A timestamp is (wall time in ms, counter, device id). A device never issues a timestamp
lower than one it issued or received, even when its wall clock goes back, so sorting
events by HLC keeps cause before effect across devices. Pure: the caller passes the
wall time, which keeps these functions testable.

Reference: Kulkarni et al., "Logical Physical Clocks and Consistent Snapshots in
Globally Distributed Databases" (2014).
"""

from dataclasses import dataclass

# Zero-padded widths make the encoded string sort exactly like the tuple.
WALL_DIGITS = 13  # milliseconds since 1970 fit in 13 digits until the year 2286
COUNTER_DIGITS = 6


@dataclass(frozen=True, order=True)
class HlcTimestamp:
    wall_ms: int
    counter: int
    device_id: str

    def encode(self) -> str:
        """Return the sortable text form, e.g. "1796400000000.000000.<device id>"."""
        return f"{self.wall_ms:0{WALL_DIGITS}d}.{self.counter:0{COUNTER_DIGITS}d}.{self.device_id}"

    @classmethod
    def decode(cls, text: str) -> "HlcTimestamp":
        """Parse the form written by `encode`; raises ValueError on anything else."""
        wall, counter, device_id = text.split(".", 2)
        if len(wall) != WALL_DIGITS or len(counter) != COUNTER_DIGITS or not device_id:
            raise ValueError(f"not an HLC timestamp: {text!r}")
        return cls(int(wall), int(counter), device_id)


def tick(last: HlcTimestamp | None, wall_ms: int, device_id: str) -> HlcTimestamp:
    """Return the timestamp for a local event, strictly after `last`."""
    if last is None or wall_ms > last.wall_ms:
        return HlcTimestamp(wall_ms, 0, device_id)
    return HlcTimestamp(last.wall_ms, last.counter + 1, device_id)


def receive(
    last: HlcTimestamp | None, remote: HlcTimestamp, wall_ms: int, device_id: str
) -> HlcTimestamp:
    """Return the local clock after seeing `remote`, strictly after both `last` and `remote`."""
    newest_wall = max(wall_ms, remote.wall_ms, last.wall_ms if last else 0)
    counters = [-1]
    if remote.wall_ms == newest_wall:
        counters.append(remote.counter)
    if last is not None and last.wall_ms == newest_wall:
        counters.append(last.counter)
    return HlcTimestamp(newest_wall, max(counters) + 1, device_id)
