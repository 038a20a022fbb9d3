"""Partner organisations in the stalking chain, by the codes that route maps and profiles use."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Organisation:
    code: str
    name_nl: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_nl


ORGANISATIONS: dict[str, Organisation] = {
    org.code: org
    for org in (
        Organisation("VT", "Veilig Thuis", "Veilig Thuis (domestic violence and child abuse centre)"),
        Organisation("POL", "Politie", "Police"),
        Organisation("OM", "Openbaar Ministerie", "Public Prosecution Service"),
        Organisation("ZVH", "Zorg- en Veiligheidshuis", "Care and Safety House"),
        Organisation("ZSM", "ZSM-tafel", "ZSM joint rapid case-assessment desk"),
        Organisation("RvdK", "Raad voor de Kinderbescherming", "Child Protection Board"),
        Organisation("RECL", "Reclassering", "Probation service"),
        Organisation("SHN", "Slachtofferhulp Nederland", "Victim Support Netherlands"),
        Organisation("VO", "Vrouwenopvang", "Women's shelter services"),
        Organisation("CIT", "Crisis Interventie Team", "Crisis intervention team"),
        Organisation("GGD", "GGD", "Municipal public health service"),
        Organisation("GGZ", "ggz", "Mental health care"),
        Organisation("WT", "Wijkteam", "Neighbourhood social team"),
    )
}


def is_known(code: str) -> bool:
    return code in ORGANISATIONS


def organisation_name(code: str, language: str = "nl") -> str:
    """Return the name of the organisation with `code`, or the code itself when it is unknown."""
    org = ORGANISATIONS.get(code)
    return org.name(language) if org else code
