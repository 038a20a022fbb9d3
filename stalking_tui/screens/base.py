"""Base screen for every screen that shows case work: chrome, store access and errors."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

if TYPE_CHECKING:
    from ..storage.store import CaseStore

T = TypeVar("T")


class CaseworkScreen(Screen):
    """A full screen with header, demo banner and footer around `compose_body`.

    The App provides `store` (the open CaseStore or None while locked), `routes`
    (the route map), `demo` (bool), `show_error(error)` and the lock actions.
    """

    def compose(self) -> ComposeResult:
        yield Header()
        if getattr(self.app, "demo", False):
            from ..widgets.demo_banner import DemoBanner

            yield DemoBanner()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def call_store(
        self,
        work: "Callable[[CaseStore], T]",
        done: Callable[[T], Any] | None = None,
    ) -> None:
        """Run `work(store)` in a thread worker, then `done(result)` on the UI thread.

        A failure goes to the app's error dialog, so `done` runs only after success. A failure
        inside `done` goes there too: the worker would otherwise swallow it unseen.
        """
        app = self.app

        def job() -> None:
            try:
                result = work(app.store)
            except Exception as error:  # noqa: BLE001 - every failure must reach the error dialog
                app.call_from_thread(app.show_error, error)
                return
            if done is None:
                return
            try:
                app.call_from_thread(done, result)
            except Exception as error:  # noqa: BLE001 - a UI bug must be visible, not silent
                app.call_from_thread(app.show_error, error)

        self.run_worker(job, thread=True, exit_on_error=False, group="store")
