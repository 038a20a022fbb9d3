"""The `stalking-tui routes check FILE` command: validate a regional route map before use."""

import argparse
from pathlib import Path

from .i18n import N_, _, ngettext


def add_routes_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Add the arguments of the `routes` subcommand to its parser; other subcommands are left alone."""
    if name != "routes":
        return
    actions = parser.add_subparsers(dest="routes_action", metavar=_("actie"), required=True)
    check = actions.add_parser("check", help=_("Controleer een regionale routekaart (TOML) en toon de problemen."), description=_("Controleer een regionale routekaart (TOML) en toon de problemen."))
    check.add_argument("file", metavar=_("BESTAND"), help=_("pad naar de regionale routekaart"))


def run_routes(args: argparse.Namespace) -> int:
    """Check the file in `args.file`; print every problem in Dutch and return 1, or 0 when it is valid."""
    from .domain.regional import check_file

    path = Path(args.file)
    routes, problems = check_file(path)
    if routes is None:
        print(ngettext("{file}: {count} probleem gevonden.", "{file}: {count} problemen gevonden.", len(problems)).format(file=path, count=len(problems)))
        for problem in problems:
            print(f"  - {problem.field}: {problem.message}")
        return 1

    print(_("{file}: geldig. Routekaart {id}, versie {version}.").format(file=path, id=routes.id, version=routes.version))
    for deviation in routes.deviations:
        where = " ".join(part for part in (deviation.track.value if deviation.track else "", deviation.step_id or "") if part)
        where = where or _("signalen en sporen")
        print(f"  * {deviation.kind} {where}: {deviation.rationale}")
    return 0


ROUTES_COMMANDS = {
    "routes": (run_routes, N_("Controleer een regionale routekaart: routes check BESTAND.")),
}
