"""Errors of peers, sharing, export and import, each with a Dutch message for the user.

As in storage.errors, `str(error)` is an English technical description without case text
and `error.user_message` is the translated text to show.
"""

from stalking_tui.i18n import _

from .errors import StoreError


class BundleRejected(StoreError):
    """A bundle that cannot be imported at all; nothing was written."""

    REASONS = (
        "wrong_recipient", "damaged", "tampered", "unknown_sender", "demo_into_real", "real_into_demo",
        "newer_format", "own_bundle",
    )

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in self.REASONS:
            raise ValueError(f"unknown rejection reason {reason!r}")
        super().__init__(f"bundle rejected ({reason}): {detail}" if detail else f"bundle rejected ({reason})")
        self.reason = reason

    @property
    def user_message(self) -> str:
        messages = {
            "wrong_recipient": _("Deze bundel kan niet worden geopend met de sleutel van dit apparaat. Waarschijnlijk is hij voor een ander apparaat gemaakt. Er is niets ingelezen. Vraag de afzender de bundel opnieuw te maken voor dit apparaat."),
            "damaged": _("Deze bundel is onvolledig of beschadigd, bijvoorbeeld door een afgebroken kopie. Er is niets ingelezen. Vraag de afzender de bundel opnieuw te sturen."),
            "tampered": _("De handtekening van deze bundel klopt niet: de inhoud is na het ondertekenen gewijzigd. Er is niets ingelezen. Neem contact op met de afzender."),
            "unknown_sender": _("Deze bundel komt van een apparaat dat niet als partner is toegevoegd. Er is niets ingelezen. Voeg de afzender eerst toe als partner (Uitwisselen, toets a, of 'stalking-tui peers add') en vergelijk de vingerafdruk."),
            "demo_into_real": _("Deze bundel bevat oefengegevens (demo) en deze opslag bevat echte casussen. Er is niets ingelezen. Lees demobundels alleen in een demo-opslag in."),
            "real_into_demo": _("Deze bundel bevat echte casussen en deze opslag is een demo-opslag met oefengegevens. Er is niets ingelezen. Lees echte bundels alleen in de echte opslag in."),
            "newer_format": _("Deze bundel is gemaakt met een nieuwere versie van de app. Er is niets ingelezen. Werk de app bij en probeer het opnieuw."),
            "own_bundle": _("Deze bundel is op dit apparaat zelf gemaakt. Er is niets ingelezen."),
        }
        return messages[self.reason]


class InvalidPeerIdentity(StoreError):
    """A copied peer string that cannot be parsed, or the store's own identity."""

    @property
    def user_message(self) -> str:
        return _("De partnercode is ongeldig. Kopieer de volledige partnercode van het andere apparaat (Uitwisselen, of 'stalking-tui peers show-self'), beginnend met 'stalking-tui-peer:'.")


class DemoPeerMismatch(InvalidPeerIdentity):
    """A demo store's peer code offered to a real store, or a real one to a demo store."""

    def __init__(self, peer_is_demo: bool) -> None:
        super().__init__("the peer code is a demo store's" if peer_is_demo else "the peer code is a real store's")
        self.peer_is_demo = peer_is_demo

    @property
    def user_message(self) -> str:
        if self.peer_is_demo:
            return _("Dit is de partnercode van een demo-opslag met oefengegevens. Echte casussen gaan nooit naar "
                     "een demo-opslag, dus deze partner kan hier niet worden toegevoegd.")
        return _("Dit is de partnercode van een echte opslag. Een demo-opslag wisselt alleen uit met andere "
                 "demo-opslagen, dus deze partner kan hier niet worden toegevoegd.")


class PeerExists(StoreError):
    """A peer with this key or this name is enrolled already."""

    @property
    def user_message(self) -> str:
        return _("Deze partner of deze naam bestaat al. Kies een andere naam of verwijder de oude partner eerst.")


class PeerNotFound(StoreError):
    """No enrolled peer matches the given name or fingerprint."""

    def __init__(self, query: str) -> None:
        super().__init__(f"no peer matches {query!r}")
        self.query = query

    @property
    def user_message(self) -> str:
        return _("Er is geen partner met die naam of vingerafdruk. Bekijk de partners onder Uitwisselen of met 'stalking-tui peers list'.")


class AmbiguousPeer(StoreError):
    """More than one enrolled peer matches a query: by fingerprint prefix, or one by name and another by prefix."""

    @property
    def user_message(self) -> str:
        return _("Meer dan een partner past bij deze naam of vingerafdruk. Typ meer tekens van de vingerafdruk "
                 "van de partner die u bedoelt ('stalking-tui peers list' toont ze).")


class MissingBasis(StoreError):
    """A share without a covenant or legal basis."""

    @property
    def user_message(self) -> str:
        return _("Vul de grondslag in: het convenant of de wettelijke basis waarop u deze casus deelt.")


class CaseNotShared(StoreError):
    """An export asked for a case that is not shared with the peer."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"case {case_id} is not shared with this peer")
        self.case_id = case_id

    @property
    def user_message(self) -> str:
        return _("Deze casus is niet met deze partner gedeeld. Deel hem eerst, met de grondslag (Uitwisselen, toets d, of 'stalking-tui share').")


class ConflictNotFound(StoreError):
    """No conflict with this id in the case, or the chosen event is not one of its sides."""

    @property
    def user_message(self) -> str:
        return _("Dit conflict of deze keuze bestaat niet (meer) in de casus. Vernieuw het scherm en kies opnieuw.")
