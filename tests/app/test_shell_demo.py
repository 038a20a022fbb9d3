"""Demo mode: fictional cases in a temporary directory, a banner on every screen, nothing left behind."""

from pathlib import Path

import pytest
from shell_helpers import SIZE, screen_text, settle

from stalking_tui.app import create_app
from stalking_tui.cli import demo_session
from stalking_tui.demo_setup import DEMO_PASSPHRASE, demo_kdf
from stalking_tui.screens.lock import LockScreen
from stalking_tui.settings import Settings

BANNER = "DEMO – fictieve gegevens"


def files_under(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()]


@pytest.fixture
def private_home(tmp_path, monkeypatch) -> Path:
    """Point the platform directories at an empty folder, to see whether anything lands there."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    return home


async def test_demo_banner_and_cases(private_home):
    with demo_session() as temp_dir:
        app = create_app(temp_dir / "store", demo=True, kdf=demo_kdf(), log_dir=temp_dir / "log",
                         settings=Settings(auto_lock_seconds=0))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await settle(pilot)

            assert app.store is not None
            cases = app.store.list_cases()
            assert cases
            assert all(case.demo for case in cases)
            assert BANNER in screen_text(app)

            await pilot.press("f12")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            visible = screen_text(app)
            assert BANNER in visible
            assert DEMO_PASSPHRASE in visible

            app.screen.query_one("#passphrase").value = DEMO_PASSPHRASE
            await pilot.press("enter")
            await settle(pilot)
            assert app.store is not None

    assert not temp_dir.exists()
    assert files_under(private_home) == []


def test_demo_session_removed_after_crash():
    with pytest.raises(RuntimeError):
        with demo_session() as temp_dir:
            (temp_dir / "store").mkdir()
            (temp_dir / "store" / "store.db").write_bytes(b"fictief")
            raise RuntimeError("crash inside the demo")

    assert not temp_dir.exists()
