"""The `stalking-tui instrument` commands: import a screening instrument, list them, pick the default.

The file is checked and copied into the encrypted store; afterwards the organisation may
remove its plain copy. The store asks for the passphrase as `verify` does.
"""

import argparse
import logging
from pathlib import Path

from .i18n import N_, _
from .store_commands import EXIT_FAULT, EXIT_UNOPENABLE, read_secret, store_dir_from

log = logging.getLogger(__name__)


def add_instrument_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Add the actions of the `instrument` subcommand to its parser; other subcommands are left alone."""
    if name != "instrument":
        return
    parser.add_argument("--store", metavar=_("MAP"), default=argparse.SUPPRESS,
                        help=_("map van de versleutelde opslag (standaard: de gebruikersmap)"))
    actions = parser.add_subparsers(dest="instrument_action", metavar=_("actie"), required=True)
    imported = actions.add_parser("import", help=_("Controleer een instrumentbestand (TOML) en zet het in de opslag."), description=_("Controleer een instrumentbestand (TOML) en zet het in de opslag."))
    imported.add_argument("file", metavar=_("BESTAND"), help=_("pad naar het instrumentbestand"))
    imported.add_argument("--default", action="store_true", help=_("maak dit instrument meteen het standaardinstrument"))
    actions.add_parser("list", help=_("Toon de instrumenten in de opslag."), description=_("Toon de instrumenten in de opslag."))
    default = actions.add_parser("default", help=_("Kies het standaardinstrument van de organisatie."), description=_("Kies het standaardinstrument van de organisatie."))
    default.add_argument(
        "checksum", nargs="?", metavar=_("CONTROLEGETAL"),
        help=_("begin van het controlegetal (of het id) van een geïmporteerd instrument"),
    )
    default.add_argument("--practice", action="store_true", help=_("gebruik weer de oefenlijst"))


def run_instrument(args: argparse.Namespace) -> int:
    """Run the chosen `instrument` action on the store; return a process exit status."""
    from .domain.instrument import InstrumentError
    from .storage.errors import StoreError
    from .storage.store import CaseStore

    text = None
    if args.instrument_action == "import":
        # Check the file before asking for the passphrase, so a typo costs no unlock.
        text, status = _read_checked(Path(args.file))
        if text is None:
            return status

    directory = store_dir_from(args)
    if not CaseStore.exists(directory):
        print("✖ " + _("Hier staat geen opslag: {path}").format(path=directory))
        return EXIT_UNOPENABLE
    try:
        with CaseStore.open(directory, read_secret(_("Wachtwoordzin: "))) as store:
            return ACTIONS[args.instrument_action](store, args, text)
    except StoreError as error:
        log.warning("instrument command could not use the store: %s", type(error).__name__)
        print("✖ " + _("De opslag kon niet worden geopend: {reason}").format(reason=error.user_message))
        return EXIT_UNOPENABLE
    except InstrumentError as error:
        print("✖ " + str(error))
        return EXIT_FAULT


def _read_checked(path: Path) -> tuple[str | None, int]:
    """Return the file text when it is a valid instrument, else None and the exit status after printing why."""
    from .domain.instrument import InstrumentError
    from .domain.instrument_file import parse_instrument

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print("✖ " + _("{file} kon niet worden gelezen: {reason}").format(file=path, reason=type(error).__name__))
        return None, EXIT_FAULT
    try:
        parse_instrument(text)
    except InstrumentError as error:
        print("✖ " + _("{file} is geen geldig instrument: {error}").format(file=path, error=error))
        return None, EXIT_FAULT
    return text, 0


def _import(store, args: argparse.Namespace, text: str) -> int:
    installed = store.import_instrument(text)
    instrument = installed.instrument
    print("✔ " + _("Instrument {id} versie {version} staat in de versleutelde opslag (controlegetal {checksum}).").format(
        id=instrument.id, version=instrument.version, checksum=instrument.checksum[:12]))
    if args.default:
        store.set_default_instrument(instrument.checksum)
        print("✔ " + _("Dit is nu het standaardinstrument."))
    print(_("U kunt het bestand {file} nu veilig verwijderen.").format(file=args.file))
    return 0


def _list(store, _args: argparse.Namespace, _text: None) -> int:
    installed = store.list_instruments()
    practice_mark = "" if any(entry.default for entry in installed) else "  " + _("(standaard)")
    print(_("oefenlijst (ingebouwd, geen SASH)") + practice_mark)
    for entry in installed:
        instrument = entry.instrument
        mark = "  " + _("(standaard)") if entry.default else ""
        print(f"{instrument.id} {instrument.version}  {instrument.checksum[:12]}  "
              + _("geïmporteerd {at} door {by}").format(at=entry.imported_at.date().isoformat(), by=entry.imported_by)
              + mark)
    return 0


def _default(store, args: argparse.Namespace, _text: None) -> int:
    if args.practice or not args.checksum:
        store.set_default_instrument(None)
        print("✔ " + _("De oefenlijst is nu het standaardinstrument."))
        return 0

    matches = store.find_instruments(args.checksum)
    if len(matches) != 1:
        print("✖ " + _("„{value}” wijst niet precies één instrument aan ({count} gevonden). Gebruik een langer deel van het controlegetal uit „instrument list”.").format(
            value=args.checksum, count=len(matches)))
        return EXIT_FAULT
    instrument = matches[0].instrument
    store.set_default_instrument(instrument.checksum)
    print("✔ " + _("Standaardinstrument: {id} versie {version}.").format(id=instrument.id, version=instrument.version))
    return 0


ACTIONS = {"import": _import, "list": _list, "default": _default}

INSTRUMENT_COMMANDS = {
    "instrument": (run_instrument, N_("Beheer screeningsinstrumenten: instrument import BESTAND, list, default.")),
}
