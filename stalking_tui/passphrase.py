"""Rules for a new passphrase, kept free of Textual so they can be unit-tested."""

from .i18n import _

MIN_LENGTH = 12
MIN_DISTINCT = 5

# Lowercased words and sequences that attackers try first; checked after removing
# digits, spaces and punctuation, so "Wachtwoord2024!" counts as "wachtwoord".
WEAK_WORDS = frozenset(
    {"wachtwoord", "password", "passwort", "welkom", "welkomwelkom", "geheim", "admin",
     "letmein", "iloveyou", "stalking", "stalkingtui", "veiligthuis", "zomer", "winter"}
)
# Passphrases printed in the manual, the on-screen tip and on the demo lock screen, in the
# same compact form. Anyone can read them, so they are as weak as "wachtwoord".
PUBLISHED_EXAMPLES = frozenset({"fietslampregentulp", "demofictief2026"})
SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm",
             "azertyuiopqsdfghjklmwxcvbn", "1234567890")


def _is_repetition(text: str) -> bool:
    """Return whether `text` is one short unit repeated, such as "abcabcabcabc"."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return True
    return False


def _is_sequence(text: str) -> bool:
    """Return whether `text` runs along a sequence, also past its end ("…7890123")."""
    for sequence in SEQUENCES:
        repeated = sequence * (len(text) // len(sequence) + 2)
        if text in repeated or text in repeated[::-1]:
            return True
    return False


def passphrase_problem(passphrase: str) -> str | None:
    """Return a Dutch message saying what is wrong with `passphrase` and what to do, or None."""
    if len(passphrase) < MIN_LENGTH:
        return _(
            "Te kort: gebruik minstens {minimum} tekens (nu {count}). "
            "Tip: kies vier of vijf eigen losse woorden, van de vorm ‘fiets lamp regen tulp’ "
            "(dat voorbeeld zelf wordt geweigerd)."
        ).format(minimum=MIN_LENGTH, count=len(passphrase))

    lowered = passphrase.lower()
    letters = "".join(ch for ch in lowered if ch.isalpha())
    compact = "".join(ch for ch in lowered if ch.isalnum())
    if len(set(lowered)) < MIN_DISTINCT or _is_repetition(compact) or _is_sequence(compact):
        return _(
            "Te voorspelbaar: herhalingen en reeksen als ‘aaaa’ of ‘123456’ zijn snel geraden. "
            "Kies losse woorden die niet bij elkaar horen."
        )
    if letters in PUBLISHED_EXAMPLES or compact in PUBLISHED_EXAMPLES:
        return _(
            "Dit is een voorbeeld uit de handleiding of de demo en dus bij iedereen bekend. "
            "Kies zelf vier of vijf andere losse woorden."
        )
    if letters in WEAK_WORDS or compact in WEAK_WORDS or (len(letters) >= 4 and _is_sequence(letters)):
        return _(
            "Te voorspelbaar: dit woord staat bovenaan de lijsten die aanvallers proberen. "
            "Kies losse woorden die niet bij elkaar horen."
        )
    return None


def mismatch_problem(passphrase: str, repeated: str) -> str | None:
    """Return a Dutch message when the two typed passphrases differ, else None."""
    if passphrase != repeated:
        return _("De twee wachtwoordzinnen zijn niet gelijk. Typ dezelfde wachtwoordzin nog een keer.")
    return None


def strength_label(passphrase: str) -> str:
    """Return a short Dutch strength indication with a symbol, so it needs no colour."""
    if passphrase_problem(passphrase) is not None:
        return "✖ " + _("Sterkte: onvoldoende")
    if len(passphrase) < 20:
        return "● " + _("Sterkte: voldoende")
    return "✔ " + _("Sterkte: sterk")
