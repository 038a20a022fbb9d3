"""The English catalog covers every Dutch message id in the source, and the committed .mo is current."""

import gettext
import re
import importlib.util
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO_FILE = ROOT / "stalking_tui/locale/en/LC_MESSAGES/stalking_tui.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def load_i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts/i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def i18n_script():
    return load_i18n_script()


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale="en")


def test_every_source_message_translated(i18n_script):
    source_ids = {message.id for message in i18n_script.extract_catalog() if message.id}
    catalog = read_catalog(PO_FILE)

    missing = sorted((message_id for message_id in source_ids if catalog.get(message_id) is None), key=str)
    assert missing == [], f"not in the .po, run `python scripts/i18n.py update`: {missing[:10]}"

    untranslated = sorted(str(message_id) for message_id in source_ids if not _is_translated(catalog.get(message_id)))
    assert untranslated == [], f"no English translation: {untranslated[:10]}"


def _is_translated(message) -> bool:
    """Return whether `message` has a non-fuzzy translation, in every plural form for a plural."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


def test_committed_mo_matches_po(i18n_script, tmp_path):
    fresh = tmp_path / "fresh.mo"
    i18n_script.compile_catalog(PO_FILE, fresh)

    expected = mo_entries(fresh)
    committed = mo_entries(MO_FILE)
    assert committed == expected, "the .mo is stale, run `python scripts/i18n.py compile`"


def mo_entries(path: Path) -> dict:
    """Return {id: translation} of a compiled catalog; plural ids and forms become tuples."""
    with path.open("rb") as handle:
        catalog = read_mo(handle)
    return {_hashable(message.id): _hashable(message.string) for message in catalog if message.id}


def _hashable(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def test_placeholders_survive_translation():
    catalog = read_catalog(PO_FILE)
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        for placeholder in _placeholders(source):
            assert placeholder in target, f"{placeholder} lost in the translation of {source!r}"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]+\}", text))

def test_english_catalog_loads():
    translations = gettext.translation("stalking_tui", ROOT / "stalking_tui/locale", languages=["en"])
    assert translations.gettext("Opslag ontgrendelen") == "Unlock store"
