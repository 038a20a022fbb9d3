"""Maintain the gettext catalogs: extract Dutch message ids, merge them into English, compile.

    python scripts/i18n.py extract   # write stalking_tui/locale/stalking_tui.pot from the source
    python scripts/i18n.py update    # extract, then merge new ids into the English .po
    python scripts/i18n.py update --prune  # the same, and drop ids the source no longer uses
    python scripts/i18n.py compile   # write the .mo files that the app loads

Message ids are the Dutch texts; the English catalog translates every one of them.
"""

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "stalking_tui"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "stalking_tui"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TRANSLATED_LANGUAGES = ("en",)

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""Marker functions from stalking_tui.i18n and the argument positions of their message ids."""


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract_catalog() -> Catalog:
    """Collect every marked message in stalking_tui/**/*.py into a template catalog."""
    catalog = Catalog(project="stalking-tui", locale=None, domain=DOMAIN, fuzzy=False)
    found = extract_from_dir(PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS)
    for filename, lineno, message, comments, context in found:
        location = (f"stalking_tui/{filename}", lineno)
        catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return catalog


def extract() -> Catalog:
    template = extract_catalog()
    with TEMPLATE.open("wb") as handle:
        write_po(handle, template, width=100, sort_output=True)
    print(f"{len(template)} messages -> {TEMPLATE.relative_to(ROOT)}")
    return template


def update(prune: bool = False) -> None:
    """Merge the source's messages into each .po.

    Translated messages that the source no longer uses stay in the catalog unless `prune`
    is set, so that a merge from a working tree with other people's unfinished edits does
    not drop translations that the committed source still needs.
    """
    template = extract()
    for language in TRANSLATED_LANGUAGES:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain=DOMAIN)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, domain=DOMAIN, project="stalking-tui")
        # Exact matches only: a fuzzy guess for a safety text is worse than an empty one.
        catalog.update(template, no_fuzzy_matching=True)
        if not prune:
            for message in list(catalog.obsolete.values()):
                if message.string:
                    catalog[message.id] = message
            catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, ignore_obsolete=True)
        missing = [message.id for message in catalog if message.id and not message.string]
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} without translation")


def compile_catalog(po_file: Path, mo_file: Path) -> None:
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=po_file.parent.parent.name, domain=DOMAIN)
    with mo_file.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def compile_all() -> None:
    for language in TRANSLATED_LANGUAGES:
        po_file = po_path(language)
        mo_file = po_file.with_suffix(".mo")
        compile_catalog(po_file, mo_file)
        print(f"{po_file.relative_to(ROOT)} -> {mo_file.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maintain the gettext catalogs of stalking-tui.")
    parser.add_argument("command", choices=("extract", "update", "compile"))
    parser.add_argument("--prune", action="store_true", help="update: drop translations the source no longer uses")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract()
    elif args.command == "update":
        update(prune=args.prune)
    else:
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
