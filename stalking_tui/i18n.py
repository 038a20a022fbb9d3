"""Translation of UI text through gettext catalogs.

Message ids are the Dutch texts, because Dutch is the default locale; the English
catalog translates every one of them. Call `set_language` before importing screens,
because bindings and other class attributes translate at import time.
"""

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "stalking_tui"
LANGUAGES = ("nl", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "nl"


def set_language(language: str) -> None:
    """Select the catalog for `language` ("nl" or "en")."""
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language
    if language == "nl":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` (a Dutch message id) into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it; pass it through `_` when shown."""
    return message
