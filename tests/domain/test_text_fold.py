"""Search folding: accents and case do not matter."""

import pytest

from stalking_tui.domain.text import fold, matches


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("Zoe\u0308", "zoe"),  # "ë" written as e plus a combining diaeresis
        ("Çelik Öztürk", "celik ozturk"),
        ("Straße", "strasse"),
        ("  Anna   de  Vries ", "anna de vries"),
        ("[bold]Zoë[/", "[bold]zoe[/"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_letters_without_decomposition_kept():
    assert fold("Ørsted") == "ørsted"


@pytest.mark.parametrize("query", ["zoe", "ZOË", "zoe fictief", "fict", ""])
def test_matches_every_word(query):
    assert matches(query, fold("Zoë Fictief Bram"))


@pytest.mark.parametrize("query", ["zoey", "zoe jansen"])
def test_matches_rejects_missing_word(query):
    assert not matches(query, fold("Zoë Fictief Bram"))
