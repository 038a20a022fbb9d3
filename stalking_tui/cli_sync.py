"""The sync subcommands: peers, share, export, import, conflicts and quarantine.

Each opens the store with a passphrase (asked with getpass, or read from
`--passphrase-file` for scripts and tests), does one thing, prints exactly what happened
and returns 0, or prints a Dutch error message and returns 1. Nothing is reported as
done unless the store method returned without an error.
"""

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .domain.dates import format_date, format_datetime
from .i18n import N_, _
from .sync_text import (
    acks_line, case_change_lines, export_result_lines, field_label, file_error_message, import_result_line,
    peer_code_error, peer_name_error, quarantine_list_line, rejection_message,
)



# -- argument definitions ---------------------------------------------------------------

def add_sync_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Add the arguments of sync subcommand `name` to its parser; other names are left alone."""
    configure = ARGUMENTS.get(name)
    if configure is None:
        return
    parser.add_argument("--passphrase-file", metavar=_("BESTAND"),
                        help=_("lees de wachtwoordzin uit de eerste regel van dit bestand in plaats van het te vragen"))
    configure(parser)


def _peers_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="peers_action", metavar=_("actie"), required=True)
    add = actions.add_parser("add", help=_("voeg een partner toe met de regel die 'peers show-self' daar toont"), description=_("voeg een partner toe met de regel die 'peers show-self' daar toont"))
    add.add_argument("identity", metavar=_("PARTNERCODE"))
    add.add_argument("--name", required=True, help=_("naam om de partner aan te herkennen, bijvoorbeeld 'Laptop politie Noord'"))
    actions.add_parser("list", help=_("toon de partners met hun vingerafdruk"), description=_("toon de partners met hun vingerafdruk"))
    remove = actions.add_parser("remove", help=_("verwijder een partner met zijn deelafspraken"), description=_("verwijder een partner met zijn deelafspraken"))
    remove.add_argument("peer", metavar=_("PARTNER"), help=_("naam of begin van de vingerafdruk"))
    actions.add_parser("show-self", help=_("toon de partnercode en vingerafdruk van dit apparaat"), description=_("toon de partnercode en vingerafdruk van dit apparaat"))


def _share_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--case", required=True, help=_("casusnummer (bijv. 2026-0001) of casus-id"))
    parser.add_argument("--to", required=True, metavar=_("PARTNER"), help=_("naam of begin van de vingerafdruk"))
    parser.add_argument("--basis", required=True, help=_("convenant of wettelijke grondslag voor het delen"))


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, metavar=_("PARTNER"), help=_("naam of begin van de vingerafdruk"))
    parser.add_argument("--case", help=_("alleen deze gedeelde casus (casusnummer of casus-id)"))
    parser.add_argument("--out", metavar=_("BESTAND"), help=_("bundelbestand (standaard: stalking-tui-<tijd>.bundle.age in de huidige map)"))


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=_("BESTAND"))
    parser.add_argument("--yes", action="store_true", help=_("lees in zonder te vragen (na het overzicht)"))


def _case_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--case", help=_("casusnummer (bijv. 2026-0001) of casus-id"))


# -- handlers ---------------------------------------------------------------------------

def run_peers(args: argparse.Namespace) -> int:
    def action(store) -> int:
        match args.peers_action:
            case "show-self":
                identity = store.own_identity()
                print(_("Partnercode van dit apparaat (geef deze regel aan de partner):"))
                print(store.own_peer_code())
                print(_("Vingerafdruk: {fingerprint}").format(fingerprint=identity.fingerprint))
            case "add":
                errors = _add_peer_errors(store, args.identity, args.name)
                for message in errors:
                    print(message, file=sys.stderr)
                if errors:
                    return 1
                peer = store.add_peer(args.identity, args.name)
                print(_("Partner toegevoegd: {name}").format(name=peer.name))
                print(_("Vingerafdruk: {fingerprint} · vergelijk deze met de partner, persoonlijk of per telefoon.").format(fingerprint=peer.fingerprint))
            case "list":
                peers = store.peers()
                if not peers:
                    print(_("Nog geen partners. Voeg er een toe met 'peers add'."))
                for peer in peers:
                    print(f"{peer.name}  ·  {peer.fingerprint}  ·  {format_date(peer.added_at)}")
            case "remove":
                peer = store.remove_peer(args.peer)
                print(_("Partner verwijderd: {name} ({fingerprint})").format(name=peer.name, fingerprint=peer.fingerprint))
        return 0

    return _with_store(args, action)


def run_share(args: argparse.Namespace) -> int:
    def action(store) -> None:
        case_id, number = _resolve_case(store, args.case)
        share = store.share_case(case_id, args.to, args.basis)
        print(_("Casus {number} wordt voortaan gedeeld met {peer} ({fingerprint}).").format(
            number=number, peer=share.peer_name, fingerprint=share.peer_fingerprint))

    return _with_store(args, action)


def run_export(args: argparse.Namespace) -> int:
    def action(store) -> None:
        case_id = _resolve_case(store, args.case)[0] if args.case else None
        out = Path(args.out) if args.out else Path.cwd() / f"stalking-tui-{datetime.now(UTC):%Y%m%d-%H%M%S}.bundle.age"
        report = store.export_bundle(args.to, out, case_id=case_id)
        for line in export_result_lines(report):
            print(line)
        print(acks_line(report.acks))

    return _with_store(args, action)


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)

    def action(store) -> int:
        preview = store.preview_import(path)
        print(_("Bundel van {peer} ({fingerprint}):").format(peer=preview.sender_name, fingerprint=preview.sender_fingerprint))
        _print_changes(preview)
        if not preview.changes_anything and not preview.acks:
            print(_("Deze bundel bevat niets nieuws."))
        if not args.yes and not _confirm(_("Inlezen? [j/N] ")):
            print(_("Afgebroken: er is niets ingelezen."))
            return 1

        result = store.import_bundle(path)
        print(import_result_line(result))
        _print_changes(result)
        return 0

    return _with_store(args, action)


def run_conflicts(args: argparse.Namespace) -> int:
    def action(store) -> None:
        cases = [_resolve_case(store, args.case)] if args.case else [(c.case_id, c.number) for c in store.list_cases() if c.open_conflicts]
        if not cases:
            print(_("Geen open conflicten."))
        for case_id, number in cases:
            for conflict in store.conflicts(case_id):
                status = _("✓ opgelost") if conflict.resolved else _("⚠ open")
                print(f"{number} · {field_label(conflict.field)} · {status} · {conflict.conflict_id}")
                for side in conflict.sides:
                    print(f"    {side.event_id}  {format_datetime(side.recorded_at)}  {side.user}: {side.value}")

    return _with_store(args, action)


def run_quarantine(args: argparse.Namespace) -> int:
    def action(store) -> None:
        case_id = _resolve_case(store, args.case)[0] if args.case else None
        items = store.quarantine(case_id)
        if not items:
            print(_("Geen gebeurtenissen in quarantaine."))
            return
        numbers = {case.case_id: case.number for case in store.list_cases()}
        print(_("Casus · gebeurtenis (soort) · reden · detail"))
        for item in items:
            print(quarantine_list_line(item, numbers))

    return _with_store(args, action)


# -- helpers ----------------------------------------------------------------------------

def _add_peer_errors(store, text: str, name: str) -> list[str]:
    """Return the Dutch reasons why `store.add_peer(text, name)` would fail, worded as in the add dialog."""
    from .domain.sync_models import InvalidPeerText, PeerIdentity
    from .storage.peers import MAX_NAME
    from .storage.sync_errors import InvalidPeerIdentity

    peers = store.peers()
    errors = []
    try:
        identity = PeerIdentity.from_text(text)
    except InvalidPeerText:
        errors.append(InvalidPeerIdentity().user_message)
    else:
        code_error = peer_code_error(identity, store.own_identity(), peers)
        if code_error is not None:
            errors.append(code_error)

    name_error = peer_name_error(name, peers, MAX_NAME)
    if name_error is not None:
        errors.append(name_error)
    return errors


def _print_changes(report) -> None:
    for line in case_change_lines(report):
        print(line)


def _confirm(prompt: str) -> bool:
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return answer.strip().lower() in {"j", "ja", "y", "yes"}


def _resolve_case(store, text: str) -> tuple[str, str]:
    """Return (case id, case number) for a case number or id; raises CaseNotFound."""
    from .storage.errors import CaseNotFound

    for case in store.list_cases():
        if text in (case.case_id, case.number):
            return case.case_id, case.number
    raise CaseNotFound(text)


def _read_passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_file:
        return Path(args.passphrase_file).read_text(encoding="utf-8").splitlines()[0]
    return getpass.getpass(_("Wachtwoord van de opslag: "))


def _with_store(args: argparse.Namespace, action: Callable) -> int:
    """Open the store, run `action(store)` and close it; print Dutch messages for expected failures."""
    from .storage.errors import StoreError
    from .storage.paths import default_store_dir
    from .storage.store import CaseStore
    from .storage.sync_errors import BundleRejected

    directory = Path(args.store).expanduser() if args.store else default_store_dir()
    if not CaseStore.exists(directory):
        print(_("Er staat geen opslag in {path}. Start eerst de app of geef de map op met --store.").format(path=directory), file=sys.stderr)
        return 1
    try:
        passphrase = _read_passphrase(args)
    except (OSError, IndexError):
        print(_("Het bestand met de wachtwoordzin kan niet worden gelezen of is leeg: {path}").format(path=args.passphrase_file), file=sys.stderr)
        return 1

    try:
        with CaseStore.open(directory, passphrase) as store:
            result = action(store)
    except BundleRejected as error:
        print(rejection_message(error), file=sys.stderr)
        return 1
    except StoreError as error:
        print(error.user_message, file=sys.stderr)
        return 1
    except OSError as error:
        print(file_error_message(error), file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "peers": _peers_arguments,
    "share": _share_arguments,
    "export": _export_arguments,
    "import": _import_arguments,
    "conflicts": _case_arguments,
    "quarantine": _case_arguments,
}

SYNC_COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "peers": (run_peers, N_("Beheer partners voor uitwisseling: add, list, remove, show-self.")),
    "share": (run_share, N_("Deel een casus met een partner, met de grondslag.")),
    "export": (run_export, N_("Schrijf een versleutelde bundel voor een partner.")),
    "import": (run_import, N_("Lees een bundel van een partner in, na een overzicht.")),
    "conflicts": (run_conflicts, N_("Toon conflicten tussen wijzigingen van verschillende apparaten.")),
    "quarantine": (run_quarantine, N_("Toon gebeurtenissen uit bundels die niet zijn ingelezen.")),
}
