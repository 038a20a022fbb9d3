"""Dutch (or English) texts for the parts of `--help` and of usage errors that argparse writes.

argparse looks its texts up through its module-level `_` with Python's default gettext
domain, which has no Dutch catalog, so `install_argparse_texts` replaces that `_` with a
lookup in our own catalog. NOTE: this relies on argparse in CPython 3.11 calling the
module-level `_` at run time; a text missing from `ARGPARSE_TEXTS` stays English.
"""

import argparse

from .i18n import N_, _

ARGPARSE_TEXTS = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("argumenten"),
    "options": N_("opties"),
    "show this help message and exit": N_("toon deze hulptekst en stop"),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s: %(message)s"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: fout: %(message)s\n"),
    "unrecognized arguments: %s": N_("onbekende argumenten: %s"),
    "the following arguments are required: %s": N_("deze argumenten ontbreken: %s"),
    "one of the arguments %s is required": N_("een van deze argumenten is verplicht: %s"),
    "not allowed with argument %s": N_("niet toegestaan samen met argument %s"),
    "expected one argument": N_("verwacht één waarde"),
    "expected at most one argument": N_("verwacht hoogstens één waarde"),
    "expected at least one argument": N_("verwacht minstens één waarde"),
    "ambiguous option: %(option)s could match %(matches)s": N_("optie %(option)s is niet eenduidig: past bij %(matches)s"),
    "invalid %(type)s value: %(value)r": N_("ongeldige waarde voor %(type)s: %(value)r"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("ongeldige keuze: %(value)r (kies uit %(choices)s)"),
}
"""argparse's English texts (CPython 3.11) and the message ids that replace them."""


def _translate(text: str) -> str:
    message_id = ARGPARSE_TEXTS.get(text)
    return _(message_id) if message_id is not None else text


def install_argparse_texts() -> None:
    """Make argparse show its texts in the language set with `i18n.set_language`."""
    argparse._ = _translate  # type: ignore[attr-defined]
