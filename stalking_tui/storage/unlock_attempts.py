"""Failed unlock attempts, counted in a small plain file beside the store.

The count survives a restart of the app, so closing and reopening it does not reset the
growing wait. It lives in `unlock_attempts.json` and not in the slot file, because the
slot file is the one file whose damage loses every case: rewriting it on each typo would
risk it for nothing. The counter file holds a number and a time, no case data and no
secret. Deleting it resets the wait; that is accepted, because the wait only slows
guessing at the keyboard. Guessing offline against a copied slot file is slowed by
Argon2id, not by this counter.
"""

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .keyslots import atomic_write

ATTEMPTS_FILE = "unlock_attempts.json"
MAX_DELAY_SECONDS = 60
FREE_ATTEMPTS = 2
"""Wrong attempts in a row that cost no wait, because typos happen."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attempts:
    failures: int
    last_failure_at: datetime | None


def delay_after(failures: int) -> int:
    """Return the wait in seconds after `failures` wrong attempts in a row.

    After the free attempts the wait doubles up to a minute, which slows guessing without
    locking the user out.
    """
    if failures <= FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)


def read_attempts(directory: Path) -> Attempts:
    path = Path(directory) / ATTEMPTS_FILE
    try:
        raw = json.loads(path.read_text(encoding="ascii"))
        failures = int(raw["failures"])
        last = datetime.fromisoformat(raw["last_failure_at"]) if raw.get("last_failure_at") else None
    except FileNotFoundError:
        return Attempts(0, None)
    except (OSError, ValueError, KeyError, TypeError) as error:
        # An unreadable counter must not lock anyone out; it only slows guessing.
        log.warning("unlock attempt counter unreadable, starting from 0: %s", type(error).__name__)
        return Attempts(0, None)
    return Attempts(max(failures, 0), last)


def seconds_to_wait(directory: Path, now: datetime | None = None) -> int:
    """Return how many whole seconds must pass before the next unlock attempt; 0 means now."""
    attempts = read_attempts(directory)
    if attempts.last_failure_at is None:
        return 0
    elapsed = ((now or datetime.now(UTC)) - attempts.last_failure_at).total_seconds()
    remaining = delay_after(attempts.failures) - elapsed
    # A clock that went back would make `elapsed` negative; never wait longer than the delay.
    return max(0, min(int(remaining + 0.999), delay_after(attempts.failures)))


def record_failure(directory: Path) -> Attempts:
    """Count one more wrong attempt and return the new count."""
    attempts = Attempts(read_attempts(directory).failures + 1, datetime.now(UTC))
    _write(directory, attempts)
    return attempts


def reset(directory: Path) -> int:
    """Clear the count after a successful unlock; return how many failures preceded it."""
    failures = read_attempts(directory).failures
    if failures:
        _write(directory, Attempts(0, None))
    return failures


def _write(directory: Path, attempts: Attempts) -> None:
    last = attempts.last_failure_at.isoformat() if attempts.last_failure_at else None
    data = json.dumps({"failures": attempts.failures, "last_failure_at": last}).encode("ascii")
    atomic_write(Path(directory) / ATTEMPTS_FILE, data)
