"""Folding of text for search, so "zoe" finds "Zoë" and "JANSEN" finds "Jansen"."""

import unicodedata


def fold(text: str) -> str:
    """Return `text` without accents, case-folded and with runs of whitespace collapsed.

    NFKD splits "ë" into "e" plus a combining mark, which is then dropped; casefold
    also maps "ß" to "ss". NOTE: letters without a decomposition ("ø", "ł", "æ") stay as
    they are, so "Ørsted" is found by "ørsted" but not by "orsted".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_marks.casefold().split())


def matches(query: str, folded_text: str) -> bool:
    """Return whether every word of `query` occurs in the already folded `folded_text`."""
    return all(word in folded_text for word in fold(query).split())
