"""User settings, read from `settings.toml` in the platform config directory.

The file is optional; a missing file or a missing key gives the default. The file never
holds case data, only how the app behaves on this device.
"""

import logging
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from platformdirs import user_config_dir

APP_NAME = "stalking-tui"
SETTINGS_FILE = "settings.toml"

log = logging.getLogger(__name__)


@dataclass
class Settings:
    """Settings that control the app on this device."""

    auto_lock_seconds: float = 300.0
    """Idle time in seconds after which the app locks itself; 0 turns auto-lock off."""

    language: str = "nl"
    """Language of the interface: "nl" or "en"; the `--lang` option overrides it."""

    regional_route_map: str = ""
    """Path of a regional route map override (see docs/route-map-format.md); empty uses the national map."""

    partner_directory: str = ""
    """Path of the regional partner directory (TOML); empty uses the fictional sample."""


def config_dir() -> Path:
    """Return the platform config directory of the app (it may not exist yet)."""
    return Path(user_config_dir(APP_NAME, appauthor=False))


def load_settings(directory: Path | None = None) -> Settings:
    """Read the settings file in `directory` (default: the config directory).

    An unreadable file or a value of the wrong type is logged and replaced by the
    default, so a typo in the file never stops the app from starting.
    """
    path = (directory or config_dir()) / SETTINGS_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        log.warning("settings file unreadable, using defaults: %s", type(error).__name__)
        return Settings()

    settings = Settings()
    for field in fields(Settings):
        if field.name not in raw:
            continue
        value = raw[field.name]
        default = getattr(settings, field.name)
        if isinstance(default, float) and isinstance(value, int):
            value = float(value)
        if type(value) is not type(default):
            log.warning("setting %s has the wrong type, using the default", field.name)
            continue
        setattr(settings, field.name, value)
    return settings
