"""Fixtures for the app shell tests: the real app on a real store in tmp_path.

Stores use the cheap Argon2id parameters of `cheap_kdf` (tests/conftest.py), so unlocking
takes milliseconds; they protect nothing.
"""

import sys
import threading
from pathlib import Path

import pytest

from stalking_tui import crash
from stalking_tui.app import StalkingApp, create_app
from stalking_tui.i18n import set_language
from stalking_tui.settings import Settings
from shell_helpers import PASSPHRASE


@pytest.fixture(autouse=True)
def dutch_and_isolated_log(tmp_path: Path):
    """Log to tmp_path, then reset the language and the exception hooks, so no test leaks into the next."""
    crash.configure_logging(tmp_path / "log")
    hooks = (sys.excepthook, threading.excepthook)
    yield
    sys.excepthook, threading.excepthook = hooks
    crash.close_logging()
    set_language("nl")


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return tmp_path / "log"


@pytest.fixture
def make_app(store_dir, cheap_kdf, log_dir):
    """make_app(**overrides) -> StalkingApp on `store_dir`, with auto-lock off unless given."""

    def make(**overrides) -> StalkingApp:
        options = {
            "kdf": cheap_kdf,
            "log_dir": log_dir,
            "settings": Settings(auto_lock_seconds=0),
        }
        options.update(overrides)
        return create_app(store_dir, **options)

    return make


@pytest.fixture
def existing_store(make_store, make_report):
    """Create a store with one fictional case, close it, and return the case."""
    store = make_store(passphrase=PASSPHRASE)
    case = store.report_case(make_report())
    store.close()
    return case
