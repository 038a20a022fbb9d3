"""File names of a store and the default places for stores and logs.

Imports nothing heavy, so the app can check for a store before loading SQLAlchemy.
"""

from pathlib import Path

import platformdirs

APP_NAME = "stalking-tui"
SLOT_FILE = "keyslots.json"
DATABASE_FILE = "store.db"
LOCK_FILE = "store.lock"


def store_exists(directory: Path | str) -> bool:
    """Return whether `directory` contains a store, judged by its key slot file."""
    return (Path(directory) / SLOT_FILE).is_file()


def default_store_dir() -> Path:
    """Return the per-user data directory for the store, e.g. ~/.local/share/stalking-tui/store."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "store"


def log_dir() -> Path:
    """Return the per-user log directory, e.g. ~/.local/state/stalking-tui/log on Linux."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False)
