"""Crash handling that cannot leak case data.

An exception message or a local variable may contain a name or a note from a case, so
crash output keeps only exception types and frame locations (file, line, function).
The user sees a short Dutch message; the redacted traceback goes to the log directory.
"""

import logging
import sys
import threading
import traceback
from datetime import datetime, timezone
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from .i18n import _

LOG_FILE = "stalking-tui.log"

log = logging.getLogger("stalking_tui")
# Without a handler, logging would print warnings to stderr, right over the terminal UI.
log.addHandler(logging.NullHandler())


def configure_logging(log_dir: Path) -> None:
    """Send the app's log records to a rotating file in `log_dir`.

    Callers log ids and exception types only, never names or notes from a case.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    close_logging()
    handler = RotatingFileHandler(log_dir / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def close_logging() -> None:
    """Close the log file, so its directory can be removed (the demo does this)."""
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    log.addHandler(logging.NullHandler())


def redacted_traceback(error: BaseException) -> str:
    """Format `error` and its chained causes as types and frame locations only."""
    lines = ["Traceback (exception types and frames only; messages and locals are left out)"]
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__

    # Oldest first, as Python prints a chained traceback.
    for position, exc in enumerate(reversed(chain)):
        if position:
            lines.append("During handling of the above exception, another exception occurred:")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}")
    return "\n".join(lines) + "\n"


def write_crash_report(error: BaseException, log_dir: Path) -> Path | None:
    """Write the redacted traceback of `error` to a new file in `log_dir`.

    Returns the file's path, or None when the directory cannot be written, because a
    crash report must not raise a second exception.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = log_dir / f"crash-{stamp}.txt"
    try:
        # No `parents=True`: a removed demo directory must stay removed.
        log_dir.mkdir(exist_ok=True)
        path.write_text(redacted_traceback(error), encoding="utf-8")
    except OSError:
        return None
    log.error("crash: %s, report %s", type(error).__name__, path.name)
    return path


def crash_message(report: Path | None) -> str:
    """Return the Dutch message shown to the user after a crash."""
    message = _(
        "stalking-tui is gestopt door een onverwachte fout. Wat u had opgeslagen staat "
        "versleuteld in de opslag; wat nog niet was opgeslagen kan verloren zijn. "
        "Start de app opnieuw en meld het aan beheer als het vaker gebeurt."
    )
    if report is not None:
        message += "\n" + _("Foutrapport zonder casusgegevens: {path}").format(path=report)
    return message


def install_excepthook(log_dir: Path | None) -> None:
    """Replace `sys.excepthook` and `threading.excepthook` so no exception message or local is printed.

    With `log_dir` None the hook writes no report, only the Dutch message.
    """

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        report = write_crash_report(error, log_dir) if log_dir is not None else None
        print(crash_message(report), file=sys.stderr)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # The app may still be running, so nothing is printed over the terminal UI.
        if args.exc_value is not None and log_dir is not None:
            write_crash_report(args.exc_value, log_dir)

    sys.excepthook = hook
    threading.excepthook = thread_hook
