"""SQLAlchemy engine over SQLCipher (`sqlcipher3`), keyed with the raw database key."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from .errors import StoreDamaged, StoreError


# SQLite result codes (sqlite3.h) that mean the file is damaged or was keyed wrongly.
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def make_engine(path: Path, key: bytearray) -> Engine:
    """Return an engine whose every connection is keyed with `key` and checked at once.

    Raises StoreDamaged when the key does not open the file (the slot file belongs to
    another database, or the file header was damaged).
    """
    # NOTE: Python strings cannot be wiped, so this hex copy of the key lives until the
    # engine is garbage-collected after CaseStore.close() disposes of it.
    key_pragma = f"PRAGMA key = \"x'{bytes(key).hex()}'\""

    def connect() -> sqlcipher.Connection:
        # Thread workers share the pool, so connections must be usable from any thread;
        # the store serialises writers itself.
        connection = sqlcipher.connect(str(path), check_same_thread=False)
        # SQLAlchemy emits BEGIN itself (see _begin_explicitly), so the driver must not.
        connection.isolation_level = None
        try:
            _prepare(connection, key_pragma)
        except BaseException:
            connection.close()
            raise
        return connection

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=2, max_overflow=4)
    event.listen(engine, "begin", _begin_explicitly)

    # Open one connection now, so a wrong key fails here and not in the middle of a screen.
    with translate_errors(), engine.connect():
        pass
    return engine


def _prepare(connection: sqlcipher.Connection, key_pragma: str) -> None:
    # SQLCipher writes its own errors to stderr, which would scribble over the terminal
    # UI; silence that before the key, because a wrong key is the first error it logs.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(key_pragma)

    # A wrong key only shows at the first read: "file is not a database".
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()

    # WAL with synchronous=FULL: a committed transaction survives a power cut.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    # Sorts and temp tables stay in memory, so no temp file can hold case data.
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA busy_timeout = 5000")


def _begin_explicitly(connection) -> None:
    """Start every SQLAlchemy transaction with BEGIN, so its reads and writes share a snapshot.

    The sqlite3 driver otherwise starts a transaction only before the first write. This
    is the recipe from the SQLAlchemy SQLite dialect documentation ("Serializable
    isolation / Savepoints / Transactional DDL").
    """
    connection.exec_driver_sql("BEGIN")


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors into StoreError subclasses that carry no SQL parameters.

    SQLAlchemy's own message includes the statement parameters, which may be case text,
    so only the SQLite message goes into the new error and the chain is cut.
    """
    try:
        yield
    except DBAPIError as error:
        raise _translate(error.orig) from None
    except sqlcipher.DatabaseError as error:
        raise _translate(error) from None


def _translate(error: BaseException | None) -> StoreError:
    code = getattr(error, "sqlite_errorcode", None)
    message = str(error.args[0]) if error is not None and error.args else type(error).__name__
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreDamaged(f"database: {message}")
    return StoreError(f"database: {message}")
