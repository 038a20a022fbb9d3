"""Errors of the encrypted store, each with a Dutch message for the error dialog.

`str(error)` is an English technical description for logs; it never contains case text.
`error.user_message` is the translated text the app shows to the user.
"""

from stalking_tui.i18n import _, ngettext


class StoreError(Exception):
    """Base class of every failure the store reports to the app."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or type(self).__name__)
        self.detail = detail

    @property
    def user_message(self) -> str:
        return _("De opslag gaf een fout. Sluit de app en open hem opnieuw; meld het aan beheer als het blijft gebeuren.")


class WrongPassphrase(StoreError):
    """The passphrase or recovery code does not unlock any key slot.

    The store sets `failures` (wrong attempts in a row, restarts included) and
    `wait_seconds` (the wait before the next attempt is allowed).
    """

    failures: int = 0
    wait_seconds: int = 0

    @property
    def user_message(self) -> str:
        return _("De wachtwoordzin of de herstelcode klopt niet. Controleer hoofdletters en toetsenbordindeling en probeer het opnieuw.")


class StoreDamaged(StoreError):
    """The slot file or the database was edited, truncated or is not a store at all."""

    @property
    def user_message(self) -> str:
        return _("De opslag is beschadigd of aangepast en kan niet worden geopend. Zet een reservekopie terug of neem contact op met beheer.")


class StoreInUse(StoreError):
    """Another process has the store open; only one writer is allowed."""

    @property
    def user_message(self) -> str:
        return _("De opslag is al geopend in een ander venster of programma. Sluit dat eerst en probeer het opnieuw.")


class CaseNotFound(StoreError):
    """No case with the requested id exists in this store."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"case {case_id} not found")
        self.case_id = case_id

    @property
    def user_message(self) -> str:
        return _("Deze casus staat niet in de opslag. Vernieuw de lijst met casussen.")


class InvalidEvent(StoreError):
    """A payload failed validation for its event kind; nothing was written.

    `field_errors` maps a dotted field path (e.g. "parties.0.name") to the validator's
    English message, so a screen can show the problem beside the field.
    """

    def __init__(self, kind: str, field_errors: dict[str, str]) -> None:
        fields = ", ".join(field_errors) or "-"
        super().__init__(f"invalid payload for {kind}: {fields}")
        self.kind = kind
        self.field_errors = field_errors

    @property
    def user_message(self) -> str:
        message = _("De gegevens zijn niet opgeslagen omdat een of meer velden niet kloppen. Verbeter de gemarkeerde velden en sla opnieuw op.")
        # Name the fields, because a dialog that already closed has no field left to mark.
        fields = ", ".join(self.field_errors)
        return message + " " + _("Velden: {fields}.").format(fields=fields) if fields else message


class StoreExists(StoreError):
    """`create` found a store (slot file or database) in the directory already."""

    @property
    def user_message(self) -> str:
        return _("Er staat al een opslag in deze map. Open die met uw wachtwoord of kies een andere map.")


class StoreTooNew(StoreError):
    """The store has a schema version this app does not know, so it was made by a newer app."""

    @property
    def user_message(self) -> str:
        return _("Deze opslag is gemaakt met een nieuwere versie van de app. Werk de app bij en probeer het opnieuw.")


class MigrationFailed(StoreError):
    """Updating an older store to the current schema failed; the transaction left it unchanged."""

    @property
    def user_message(self) -> str:
        return _("De opslag kon niet worden bijgewerkt naar deze versie van de app. Er is niets veranderd en er staat een reservekopie in de map ‘backups’ bij de opslag. Meld het aan beheer.")


class UnlockDelayed(StoreError):
    """Too many wrong attempts in a row: the next one is allowed after `seconds`."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"unlock attempt refused, wait {seconds} s")
        self.seconds = seconds

    @property
    def user_message(self) -> str:
        message = ngettext(
            "Te vaak een verkeerde wachtwoordzin of herstelcode. U kunt het over {seconds} seconde opnieuw proberen.",
            "Te vaak een verkeerde wachtwoordzin of herstelcode. U kunt het over {seconds} seconden opnieuw proberen.",
            self.seconds,
        )
        return message.format(seconds=self.seconds)
