"""Store calls of the Uitwisselen screens whose failure is shown on the screen itself.

`CaseworkScreen.call_store` sends a failure to the error dialog and skips `done`, which
would leave a panel saying "bezig". Here `done` always runs, with the result or with a
`Failure` that carries the Dutch message, so a panel never keeps an old or a success text.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..sync_text import file_error_message, rejection_message
from .base import CaseworkScreen


@dataclass(frozen=True)
class Failure:
    """A store call that failed, with the Dutch message to show."""

    message: str
    error: BaseException | None = None
    rejected: bool = False
    """True for a BundleRejected, whose message already states that nothing was read."""
    unexpected: bool = False
    """True for an error that is neither a store nor a file error, i.e. a bug."""


def failure_of(error: BaseException) -> Failure:
    """Return the Failure for `error`. Only store and file errors have a specific message."""
    from ..storage.errors import StoreError
    from ..storage.sync_errors import BundleRejected

    if isinstance(error, BundleRejected):
        return Failure(rejection_message(error), error, rejected=True)
    if isinstance(error, StoreError):
        return Failure(error.user_message, error)
    if isinstance(error, OSError):
        return Failure(file_error_message(error), error)
    # Other exception texts may quote case data, so they are not shown.
    return Failure(_("Er ging iets mis dat de app niet verwachtte. Probeer het opnieuw; "
                     "meld het aan beheer als het blijft gebeuren."), error, unexpected=True)


def call_store_reporting(screen: CaseworkScreen, work: Callable[[Any], Any], done: Callable[[Any], Any]) -> None:
    """Run `work(store)` in a thread worker, then `done(result or Failure)` on the UI thread.

    An unexpected error also goes to the app's error dialog, which logs a redacted traceback.
    """
    app = screen.app

    def guarded(store: Any) -> Any:
        if store is None:
            return Failure(_("De opslag is vergrendeld. Ontgrendel de app en probeer het opnieuw."))
        try:
            return work(store)
        except Exception as error:  # noqa: BLE001 - every failure must reach the panel
            failure = failure_of(error)
            if failure.unexpected:
                app.call_from_thread(app.show_error, error)
            return failure

    screen.call_store(guarded, done)
