"""Screening instruments installed in the store, and the organisation's default.

A licensed instrument (the SASH) must never lie on disk as a plain file, so its TOML text
is kept in a table of the encrypted database, keyed by its SHA-256 checksum. The default
instrument is a store setting in the meta table. `CaseStore` inherits `InstrumentsMixin`.
"""

from datetime import UTC, datetime

from sqlalchemy import Column, Text
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, select

from ..domain.instrument import InstalledInstrument, Instrument
from ..domain.instrument_file import parse_instrument
from .engine import translate_errors
from .eventlog import read_meta_value, write_meta

DEFAULT_KEY = "default_instrument"
"""Meta key whose value is the checksum of the default instrument, or absent for the practice list."""


class InstrumentRow(SQLModel, table=True):
    """The full text of one imported instrument file; its checksum is the SHA-256 of the text."""

    __tablename__ = "instrument"

    checksum: str = Field(primary_key=True)
    instrument_id: str
    version: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    imported_at: str
    imported_by: str


def prepare_instruments(engine: Engine) -> None:
    """Create the instrument table when missing, also in a store made before it existed."""
    with translate_errors():
        SQLModel.metadata.create_all(engine, tables=[InstrumentRow.__table__], checkfirst=True)


class InstrumentsMixin:
    """Store methods for instruments; relies on `_session`, `_audit_in` and `_profile` of CaseStore."""

    def import_instrument(self, text: str) -> InstalledInstrument:
        """Check `text` and store it; raises InstrumentError (nothing written) for a broken file.

        Importing the same text twice keeps one copy.
        """
        instrument = parse_instrument(text)
        with self._session() as session:
            row = session.get(InstrumentRow, instrument.checksum)
            if row is None:
                row = InstrumentRow(
                    checksum=instrument.checksum, instrument_id=instrument.id, version=instrument.version,
                    text=text, imported_at=datetime.now(UTC).isoformat(), imported_by=self._profile.user_name,
                )
                session.add(row)
                # Ids and checksum only, because the audit log never contains instrument or case text.
                self._audit_in(session, "change", detail=f"instrument imported: {instrument.id} {instrument.version} {instrument.checksum[:12]}")
            default = read_meta_value(session, DEFAULT_KEY) == instrument.checksum
            return _installed(row, instrument, default)

    def list_instruments(self) -> list[InstalledInstrument]:
        """Return the installed instruments ordered by id and import time."""
        with self._session() as session:
            default = read_meta_value(session, DEFAULT_KEY)
            rows = session.exec(select(InstrumentRow).order_by(InstrumentRow.instrument_id, InstrumentRow.imported_at)).all()
            return [_installed(row, parse_instrument(row.text), row.checksum == default) for row in rows]

    def set_default_instrument(self, checksum: str | None) -> None:
        """Make the instrument with `checksum` the default; None returns to the practice list.

        Raises KeyError when no installed instrument has that checksum.
        """
        with self._session() as session:
            if checksum is not None and session.get(InstrumentRow, checksum) is None:
                raise KeyError(checksum)
            write_meta(session, DEFAULT_KEY, checksum)
            self._audit_in(session, "change", detail=f"default instrument: {checksum[:12] if checksum else 'practice list'}")

    def default_instrument(self) -> Instrument | None:
        """Return the organisation's default instrument, or None when the practice list is used."""
        with self._session() as session:
            checksum = read_meta_value(session, DEFAULT_KEY)
            row = session.get(InstrumentRow, checksum) if checksum else None
            return parse_instrument(row.text) if row is not None else None

    def find_instruments(self, prefix: str) -> list[InstalledInstrument]:
        """Return the installed instruments whose checksum starts with `prefix`, or whose id equals it."""
        return [
            installed for installed in self.list_instruments()
            if installed.instrument.checksum.startswith(prefix.lower()) or installed.instrument.id == prefix
        ]


def _installed(row: InstrumentRow, instrument: Instrument, default: bool) -> InstalledInstrument:
    return InstalledInstrument(instrument, datetime.fromisoformat(row.imported_at), row.imported_by, default)
