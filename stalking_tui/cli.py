"""The `stalking-tui` command: start the app, run a demo, print the directories.

The language is set before the app and its screens are imported, because binding
descriptions and other class attributes translate at import time.
"""

import argparse
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import crash
from .cli_argparse import install_argparse_texts
from .cli_instrument import INSTRUMENT_COMMANDS, add_instrument_arguments
from .cli_routes import ROUTES_COMMANDS, add_routes_arguments
from .cli_sync import SYNC_COMMANDS, add_sync_arguments
from .i18n import LANGUAGES, N_, _, set_language
from .settings import config_dir, load_settings
from .store_commands import STORE_COMMANDS, add_store_arguments


def run_app(args: argparse.Namespace) -> int:
    """Start the app on the store in `--store` or in the per-user data directory."""
    from .storage.paths import default_store_dir, log_dir

    logs = log_dir()
    crash.configure_logging(logs)
    crash.install_excepthook(logs)

    from .app import create_app

    store_dir = Path(args.store).expanduser() if args.store else default_store_dir()
    app = create_app(store_dir, language=args.lang, settings=args.settings, log_dir=logs)
    app.run()
    app.close_store()
    return app.return_code or 0


@contextmanager
def demo_session() -> Iterator[Path]:
    """Yield a fresh temporary directory for a demo and remove it afterwards, also after a crash."""
    temp_dir = Path(tempfile.mkdtemp(prefix="stalking-tui-demo-"))
    # SIGTERM and SIGHUP (a closed terminal or tmux window) would end the process without
    # running the clean-up below, so they become a normal exit instead.
    exit_signals = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, _exit_on_signal) for number in exit_signals}
    try:
        yield temp_dir
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        crash.close_logging()
        # An exception still on its way out must not write a report into the removed directory.
        crash.install_excepthook(None)
        shutil.rmtree(temp_dir, ignore_errors=True)


def _exit_on_signal(number: int, _frame: object) -> None:
    sys.exit(128 + number)


def run_demo(args: argparse.Namespace) -> int:
    """Start the app on a fresh demo store in a temporary directory, removed on exit.

    The log goes into the same directory, so the demo writes nothing anywhere else.
    """
    with demo_session() as temp_dir:
        logs = temp_dir / "log"
        crash.configure_logging(logs)
        crash.install_excepthook(logs)

        from .app import create_app
        from .demo_setup import demo_kdf

        app = create_app(temp_dir / "store", demo=True, kdf=demo_kdf(), language=args.lang, settings=args.settings, log_dir=logs)
        app.run()
        app.close_store()
        return app.return_code or 0


def print_paths(args: argparse.Namespace) -> int:
    """Print the data, config and log directories, for support staff."""
    from .storage.paths import default_store_dir, log_dir

    store_dir = Path(args.store).expanduser() if args.store else default_store_dir()
    print(_("Opslag:       {path}").format(path=store_dir))
    print(_("Instellingen: {path}").format(path=config_dir()))
    print(_("Logbestanden: {path}").format(path=log_dir()))
    return 0


# Subcommands by name; verify, export, import and peers join this table later.
COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "demo": (run_demo, N_("Start een demo met fictieve casussen in een tijdelijke map.")),
    "paths": (print_paths, N_("Toon de mappen voor opslag, instellingen en logbestanden.")),
    **SYNC_COMMANDS,
    **STORE_COMMANDS,
    **ROUTES_COMMANDS,
    **INSTRUMENT_COMMANDS,
}


def build_parser() -> argparse.ArgumentParser:
    # Before the first parser exists, because argparse translates its group titles on creation.
    install_argparse_texts()
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_("taal van de app: nl of en"))

    parser = argparse.ArgumentParser(
        prog="stalking-tui",
        parents=[language],
        description=_("Terminalapp voor casussen stalking volgens de landelijke werkwijze."),
    )
    parser.add_argument("--store", metavar=_("MAP"), help=_("map van de versleutelde opslag (standaard: de gebruikersmap)"))
    commands = parser.add_subparsers(dest="command", metavar=_("opdracht"))
    for name, (_handler, help_text) in COMMANDS.items():
        subparser = commands.add_parser(name, parents=[language], help=_(help_text), description=_(help_text))
        add_sync_arguments(name, subparser)
        add_store_arguments(name, subparser)
        add_routes_arguments(name, subparser)
        add_instrument_arguments(name, subparser)
    return parser


def _language_from(argv: Sequence[str], default: str) -> str:
    """Find `--lang` before the full parser exists, so its help texts are translated too."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES, default=default)
    known, _rest = early.parse_known_args(argv)
    return known.lang


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in `argv` and return the exit status (non-zero after a crash)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = load_settings()
    language = _language_from(argv, settings.language if settings.language in LANGUAGES else "nl")
    set_language(language)

    args = build_parser().parse_args(argv)
    args.lang = language
    args.settings = settings
    handler = COMMANDS[args.command][0] if args.command else run_app
    return handler(args)
