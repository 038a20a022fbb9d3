"""Protective measures and detention kinds, with their Dutch labels, legal basis and usual issuer."""

from dataclasses import dataclass

from ..i18n import N_, _


@dataclass(frozen=True)
class MeasureType:
    kind: str
    """Value of `MeasureRecorded.kind`."""
    label: str
    """Dutch label, translated with `_()` when shown."""
    legal_basis: str
    issuer: str
    """The usual issuer or supervisor, offered as a default in the form."""


MEASURE_TYPES: dict[str, MeasureType] = {
    measure.kind: measure
    for measure in (
        MeasureType("stopgesprek", N_("Stopgesprek / normstellend gesprek"), "", N_("Politie")),
        MeasureType("tijdelijk_huisverbod", N_("Tijdelijk huisverbod"), "Wet tijdelijk huisverbod", N_("Burgemeester")),
        MeasureType("gedragsaanwijzing", N_("Gedragsaanwijzing"), "art. 509hh Sv", N_("Officier van justitie")),
        MeasureType("vrijheidsbeperkende_maatregel", N_("Vrijheidsbeperkende maatregel"), "art. 38v Sr", N_("Strafrechter")),
        MeasureType("bijzondere_voorwaarden", N_("Bijzondere voorwaarden / schorsingsvoorwaarden"), "", N_("Rechter")),
        MeasureType("gebiedsverbod", N_("Gebiedsverbod"), "art. 172a Gemeentewet", N_("Burgemeester")),
        MeasureType("contactverbod_civiel", N_("Contactverbod / straatverbod (civiel)"), "", N_("Civiele rechter")),
        MeasureType("enkelband", N_("Enkelband (elektronische monitoring)"), "", N_("Reclassering")),
        MeasureType("aware", N_("AWARE-alarm"), "", N_("Politie")),
        MeasureType("anders", N_("Andere maatregel"), "", ""),
    )
}

DETENTION_LABELS: dict[str, str] = {
    "inverzekeringstelling": N_("Inverzekeringstelling"),
    "voorlopige_hechtenis": N_("Voorlopige hechtenis"),
    "gevangenisstraf": N_("Gevangenisstraf"),
    "tbs": N_("Tbs"),
    "anders": N_("Andere vrijheidsbeneming"),
}


def measure_label(kind: str) -> str:
    measure = MEASURE_TYPES.get(kind)
    return _(measure.label) if measure else kind


def detention_label(kind: str) -> str:
    label = DETENTION_LABELS.get(kind)
    return _(label) if label else kind
