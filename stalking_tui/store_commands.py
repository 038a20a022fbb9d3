"""Command-line tools on an existing store: `verify` and `passphrase`.

Both ask for secrets without echo when they run in a terminal; from a pipe they read
one line per secret from standard input, so scripts and tests can use them.
"""

import argparse
import getpass
import logging
import sys
from pathlib import Path

from .i18n import N_, _
from .passphrase import mismatch_problem, passphrase_problem

log = logging.getLogger(__name__)

EXIT_FAULT = 1
"""verify found a fault, or a command failed on the user's input."""
EXIT_UNOPENABLE = 2
"""The store could not be opened at all (missing, damaged, wrong passphrase, in use)."""


def read_secret(prompt: str) -> str:
    """Read a passphrase without echo from a terminal, or one line from a pipe."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().rstrip("\r\n")


def store_dir_from(args: argparse.Namespace) -> Path:
    from .storage.paths import default_store_dir

    return Path(args.store).expanduser() if args.store else default_store_dir()


def run_verify(args: argparse.Namespace) -> int:
    """Open the store, run every check and print a Dutch report; non-zero on any fault."""
    from .storage.errors import StoreError
    from .storage.store import CaseStore

    directory = store_dir_from(args)
    print(_("Controle van de opslag in {path}").format(path=directory))
    if not CaseStore.exists(directory):
        print("✖ " + _("Hier staat geen opslag (keyslots.json ontbreekt)."))
        return EXIT_UNOPENABLE

    passphrase = read_secret(_("Wachtwoordzin: "))
    try:
        with CaseStore.open(directory, passphrase) as store:
            findings = store.verify()
    except StoreError as error:
        log.warning("verify could not open the store: %s", type(error).__name__)
        print("✖ " + _("De opslag kon niet worden geopend: {reason}").format(reason=error.user_message))
        return EXIT_UNOPENABLE

    for finding in findings:
        print(("✔ " if finding.ok else "✖ ") + finding.message)
    faults = sum(not finding.ok for finding in findings)
    if faults:
        print(_("Resultaat: {count} van {total} controles vonden een fout. Zet een reservekopie terug of neem contact op met beheer.").format(count=faults, total=len(findings)))
        return EXIT_FAULT
    print(_("Resultaat: alle controles zijn in orde."))
    return 0


def run_change_passphrase(args: argparse.Namespace) -> int:
    """Rewrap the database key under a new passphrase; the database is not re-encrypted."""
    from .storage.errors import StoreError
    from .storage.store import CaseStore

    directory = store_dir_from(args)
    if not CaseStore.exists(directory):
        print("✖ " + _("Hier staat geen opslag: {path}").format(path=directory))
        return EXIT_UNOPENABLE

    old = read_secret(_("Huidige wachtwoordzin: "))
    new = read_secret(_("Nieuwe wachtwoordzin: "))
    repeated = read_secret(_("Nieuwe wachtwoordzin herhalen: "))
    problem = passphrase_problem(new) or mismatch_problem(new, repeated)
    if problem:
        print("✖ " + problem)
        return EXIT_FAULT

    try:
        with CaseStore.open(directory, old) as store:
            store.change_passphrase(old, new)
    except StoreError as error:
        log.warning("passphrase change failed: %s", type(error).__name__)
        print("✖ " + error.user_message)
        return EXIT_UNOPENABLE
    print("✔ " + _("De wachtwoordzin is gewijzigd. De oude wachtwoordzin werkt niet meer; de herstelcode blijft geldig."))
    return 0


STORE_COMMANDS = {
    "verify": (run_verify, N_("Controleer de opslag: versleuteling, casusoverzichten en toegangslog.")),
    "passphrase": (run_change_passphrase, N_("Wijzig de wachtwoordzin van de opslag; de herstelcode blijft geldig.")),
}


def add_store_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Let `--store` follow the command name too (`verify --store MAP`); other commands are left alone."""
    if name not in STORE_COMMANDS:
        return
    # SUPPRESS keeps a --store given before the command name.
    parser.add_argument("--store", metavar=_("MAP"), default=argparse.SUPPRESS,
                        help=_("map van de versleutelde opslag (standaard: de gebruikersmap)"))
