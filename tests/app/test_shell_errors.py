"""Errors and crashes: plain Dutch, copyable, and never a name from a case in output or logs."""

import sys
import threading

import pytest
from shell_helpers import PASSPHRASE, SIZE, screen_text, settle
from textual.app import ComposeResult
from textual.widgets import Static

from stalking_tui import crash
from stalking_tui.screens.base import CaseworkScreen
from stalking_tui.storage.errors import StoreInUse
from stalking_tui.widgets.error_dialog import ErrorDialog

CASE_NAME = "Zoë Fictief"


class ExplodingScreen(CaseworkScreen):
    """Shows a case name and raises an exception carrying it when `x` is pressed."""

    BINDINGS = [("x", "explode", "Explode")]

    def compose_body(self) -> ComposeResult:
        yield Static(CASE_NAME, markup=False)

    def action_explode(self) -> None:
        victim_name = CASE_NAME  # a local that Textual's own handler would print
        raise RuntimeError(f"cannot process {victim_name}")


def all_log_text(log_dir) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(log_dir.glob("*")))


async def unlock(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#passphrase").value = PASSPHRASE
    await pilot.press("enter")
    await settle(pilot)


async def test_crash_leaks_no_case_text(make_app, existing_store, log_dir, capfd):
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await unlock(pilot)
            await app.push_screen(ExplodingScreen())
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)

    out, err = capfd.readouterr()
    assert app.return_code == 1
    assert CASE_NAME not in out
    assert CASE_NAME not in err
    assert "onverwachte fout" in err
    assert "victim_name" not in err

    reports = list(log_dir.glob("crash-*.txt"))
    assert len(reports) == 1
    report = reports[0].read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in report
    assert "action_explode" in report
    assert CASE_NAME not in all_log_text(log_dir)
    assert "cannot process" not in all_log_text(log_dir)


def test_excepthook_prints_dutch_without_message(tmp_path, capfd):
    crash.install_excepthook(tmp_path)
    try:
        try:
            raise ValueError(f"bad value for {CASE_NAME}")
        except ValueError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    _out, err = capfd.readouterr()
    assert "onverwachte fout" in err
    assert CASE_NAME not in err
    report = next(tmp_path.glob("crash-*.txt")).read_text(encoding="utf-8")
    assert "builtins.ValueError" in report
    assert CASE_NAME not in report


def test_redacted_traceback_keeps_chain_types():
    try:
        try:
            raise KeyError(CASE_NAME)
        except KeyError as inner:
            raise RuntimeError(CASE_NAME) from inner
    except RuntimeError as error:
        text = crash.redacted_traceback(error)

    assert CASE_NAME not in text
    assert text.index("builtins.KeyError") < text.index("builtins.RuntimeError")
    assert "test_redacted_traceback_keeps_chain_types" in text


async def test_error_dialog_store_error(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_error(StoreInUse("lock held by pid 4242"))
        await settle(pilot)

        assert isinstance(app.screen, ErrorDialog)
        visible = screen_text(app)
        assert "al geopend" in visible
        assert "4242" not in visible

        await pilot.press("escape")
        assert not isinstance(app.screen, ErrorDialog)


async def test_error_dialog_hides_unknown_error_text(make_app, existing_store, log_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_error(ValueError(f"[bold]{CASE_NAME}[/"))
        await settle(pilot)

        visible = screen_text(app)
        assert "Er ging iets mis" in visible
        assert CASE_NAME not in visible

    assert CASE_NAME not in all_log_text(log_dir)
    assert "ValueError" in all_log_text(log_dir)


async def test_error_dialog_renders_brackets_literally(make_app, existing_store):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(ErrorDialog("Titel [b]x", "Waarde [bold]Zoë[/ is ongeldig."))
        await settle(pilot)

        visible = screen_text(app)
        assert "[bold]Zoë[/" in visible
        assert "Titel [b]x" in visible


def test_crash_report_keeps_removed_directory_removed(tmp_path):
    removed = tmp_path / "demo" / "log"

    report = crash.write_crash_report(RuntimeError(CASE_NAME), removed)

    assert report is None
    assert not (tmp_path / "demo").exists()


def test_thread_exception_reported_silently(tmp_path, capfd):
    def fail() -> None:
        raise ValueError(CASE_NAME)

    crash.install_excepthook(tmp_path)
    try:
        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
    finally:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    out, err = capfd.readouterr()
    assert CASE_NAME not in out + err
    report = next(tmp_path.glob("crash-*.txt")).read_text(encoding="utf-8")
    assert "builtins.ValueError" in report
