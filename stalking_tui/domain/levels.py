"""Concern levels and tracks of the work process, with their non-colour cues."""

from enum import StrEnum


class ConcernLevel(StrEnum):
    """Outcome of a screening, chosen by a person (never computed alone)."""

    LAAG = "LAAG"
    MIDDEN = "MIDDEN"
    HOOG = "HOOG"

    @property
    def rank(self) -> int:
        return {"LAAG": 1, "MIDDEN": 2, "HOOG": 3}[self.value]


class Track(StrEnum):
    """Track of the route map a case is in; MELDING means not screened yet."""

    MELDING = "MELDING"
    ACUUT = "ACUUT"
    LAAG = "LAAG"
    MIDDEN = "MIDDEN"
    HOOG = "HOOG"


# Symbols give every level a cue that survives NO_COLOR and monochrome projectors.
TRACK_SYMBOLS = {
    Track.MELDING: "?",
    Track.LAAG: "▁",
    Track.MIDDEN: "▄",
    Track.HOOG: "█",
    Track.ACUUT: "‼",
}


class StepStatus(StrEnum):
    OPEN = "open"
    DONE = "gedaan"
    NOT_APPLICABLE = "nvt"


class Source(StrEnum):
    """Channel through which a report came in."""

    VEILIG_THUIS = "veilig_thuis"
    POLITIE = "politie"
    OTHER = "anders"


class Relation(StrEnum):
    """Relation of the victim to the perpetrator."""

    EX_PARTNER = "ex_partner"
    PARTNER = "partner"
    FAMILY = "familie"
    ACQUAINTANCE = "kennis"
    COLLEAGUE = "collega"
    NEIGHBOUR = "buur"
    STRANGER = "onbekende"
    UNKNOWN = "onbekend"


class PartyRole(StrEnum):
    VICTIM = "slachtoffer"
    PERPETRATOR = "pleger"
    CHILD = "kind"
    OTHER = "overig"


class Answer(StrEnum):
    """Answer to one screening item."""

    PRESENT = "aanwezig"
    ABSENT = "afwezig"
    UNKNOWN = "onbekend"
