"""`verify`: check an open store's pages, its projections and its access-log chain.

Each check yields a Finding with a Dutch message for the report. Messages name case
numbers and entry ids, never case text.
"""

from dataclasses import dataclass

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from stalking_tui.i18n import _

from ..domain.case import CaseState
from ..domain.merge import fold_case
from . import audit
from .engine import translate_errors
from .eventlog import case_events
from .tables import AuditRow, CaseViewRow, EventRow


@dataclass(frozen=True)
class Finding:
    """The outcome of one check: `check` is "integrity", "projections" or "access_log"."""

    check: str
    ok: bool
    message: str


def check_integrity(engine: Engine) -> Finding:
    """Run SQLCipher's page HMAC check and SQLite's structure check."""
    with translate_errors(), engine.connect() as connection:
        # cipher_integrity_check returns one row per page whose HMAC fails, none when all are fine.
        cipher_rows = [row[0] for row in connection.exec_driver_sql("PRAGMA cipher_integrity_check")]
    if cipher_rows:
        return Finding("integrity", False, _("Versleutelde pagina’s: {count} pagina’s zijn beschadigd of aangepast.").format(count=len(cipher_rows)))

    with translate_errors(), engine.connect() as connection:
        sqlite_rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    if sqlite_rows != ["ok"]:
        return Finding("integrity", False, _("Databasestructuur: {count} fouten gevonden.").format(count=len(sqlite_rows)))
    return Finding("integrity", True, _("Versleutelde pagina’s en databasestructuur: in orde."))


def check_projections(session: Session) -> Finding:
    """Refold every case from the event log and compare it with its stored projection."""
    views = {row.case_id: row for row in session.exec(select(CaseViewRow))}
    logged = set(session.exec(select(EventRow.case_id).distinct()))

    differing = sorted(views[case_id].number for case_id in views if not _matches_log(session, views[case_id]))
    without_view = len(logged - views.keys())
    if not differing and not without_view:
        return Finding("projections", True, _("Casusoverzichten tegen het logboek: alle {count} casussen kloppen.").format(count=len(views)))

    parts = []
    if differing:
        parts.append(_("{count} casussen wijken af van het logboek ({numbers})").format(count=len(differing), numbers=", ".join(differing)))
    if without_view:
        parts.append(_("{count} casussen in het logboek hebben geen overzicht").format(count=without_view))
    return Finding("projections", False, _("Casusoverzichten: {problems}.").format(problems="; ".join(parts)))


def check_access_log(session: Session) -> Finding:
    """Check the hash chain of the access log and its stored head."""
    count = session.exec(select(func.count()).select_from(AuditRow)).one()
    problem = audit.check_chain(session)
    if problem is None:
        return Finding("access_log", True, _("Toegangslog: de hashketen van {count} regels is heel.").format(count=count))
    if problem.kind == "truncated":
        message = _("Toegangslog: regels aan het eind zijn verwijderd.")
    elif problem.kind == "gap":
        message = _("Toegangslog: regels vóór regel {id} ontbreken.").format(id=problem.entry_id)
    else:
        message = _("Toegangslog: regel {id} is aangepast.").format(id=problem.entry_id)
    return Finding("access_log", False, message)


def unreadable(check: str) -> Finding:
    """Return the finding for a check that stopped because the database could not be read."""
    return Finding(check, False, _("Controle ‘{check}’ afgebroken: de database is op die plek beschadigd.").format(check=check))


def _matches_log(session: Session, view: CaseViewRow) -> bool:
    events = case_events(session, view.case_id)
    if not events:
        return False
    # The merge fold of sync: equal to the plain fold, plus conflicts between devices.
    try:
        state = fold_case(events, view.number).state
    except ValueError:
        return False  # the first event by HLC is not the case.reported
    return CaseState.model_validate_json(view.state_json) == state
