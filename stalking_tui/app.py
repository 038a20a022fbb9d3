"""The Textual app: wires first run, unlock, lock and the case screens around one store.

At start-up only Textual, the settings and light modules are imported, so the unlock
screen appears fast. The store, SQLModel and the domain models load in a thread worker
after the first frame.
"""

import asyncio
import importlib
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.widget import AwaitMount
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from . import crash
from .i18n import _, set_language
from .screens.first_run import FirstRunScreen, QuitWithoutCodeDialog, RecoveryCodeScreen
from .screens.lock import LockScreen, WaitScreen
from .screens.unlock import RecoveryScreen, UnlockScreen
from .settings import Settings
from .textual_texts import translate_textual_texts
from .widgets.error_dialog import ErrorDialog

if TYPE_CHECKING:
    from .domain.profile import Profile
    from .domain.routemap import RouteMap
    from .storage.store import CaseStore

log = logging.getLogger("stalking_tui.app")

SHOWN_WHILE_LOCKED = (LockScreen, RecoveryScreen, ErrorDialog)
"""Screens that may appear above the lock screen: they show no case data."""

LOCK_WAIT_SECONDS = 10.0
"""How long locking waits for running store workers before it closes the store anyway."""


class StalkingApp(App[None]):
    """The app shell; screens reach the store through `store` and report errors to `show_error`."""

    TITLE = "stalking-tui"
    CSS_PATH = "app.tcss"

    BINDINGS = [
        # Declared here so the footer shows a Dutch label; Textual adds "palette" otherwise.
        Binding("ctrl+p", "command_palette", _("Opdrachten"), show=False, priority=True, id="app.palette"),
        Binding("ctrl+q", "quit", _("Afsluiten"), show=False, priority=True, id="app.quit"),
        # Terminals and tmux pass F12 through unchanged; ctrl+l is the familiar extra.
        Binding("f12", "lock", _("Vergrendelen"), priority=True, id="app.lock"),
        Binding("ctrl+l", "lock", _("Vergrendelen"), show=False, priority=True, id="app.lock_alt"),
    ]

    def __init__(
        self,
        store_dir: Path,
        *,
        demo: bool = False,
        kdf: Any = None,
        settings: Settings | None = None,
        log_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.store_dir = store_dir
        self.demo = demo
        self.kdf = kdf
        """Argon2id parameters for new key slots (`storage.keyslots.KdfParams`); None = default."""
        self.settings = settings or Settings()
        self.log_dir = log_dir
        self.store: "CaseStore | None" = None
        """The open store, or None before unlock and while locked."""
        self.routes: "RouteMap | None" = None
        """The national route map, loaded after unlock."""
        self._last_input = time.monotonic()
        self._held_while_locked: list[Callable[[], object]] = []

    @property
    def profile(self) -> "Profile | None":
        """The profile of the open store, or None while locked."""
        return self.store.profile if self.store is not None else None

    @property
    def is_locked(self) -> bool:
        return any(isinstance(screen, LockScreen) for screen in self.screen_stack)

    # -- start-up -----------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.demo:
            self.push_screen(WaitScreen(_("De demo-opslag wordt klaargezet…")))
            self.run_worker(self._create_demo_store, thread=True, exit_on_error=False, group="store")
            log.info("demo session started")
        elif self._store_exists():
            self.push_screen(UnlockScreen(), callback=self._on_unlocked)
        else:
            self.push_screen(FirstRunScreen(), callback=self._on_unlocked)

        self.call_after_refresh(self._start_preload)
        # The check reads the setting on every tick, so a change applies without a restart.
        # With auto-lock off (0 s) one tick a second is enough to notice it being turned on.
        interval = max(0.05, min(1.0, self.settings.auto_lock_seconds / 5 or 1.0))
        self.set_interval(interval, self._check_idle, name="auto-lock")

    def _store_exists(self) -> bool:
        from .storage.paths import store_exists

        return store_exists(self.store_dir)

    def _start_preload(self) -> None:
        self.run_worker(_preload_heavy_modules, thread=True, exit_on_error=False, group="preload")

    def _create_demo_store(self) -> None:
        from .demo_setup import create_demo_store

        try:
            store = create_demo_store(self.store_dir, kdf=self.kdf)
        except Exception as error:  # noqa: BLE001 - the dialog explains; the app stays usable
            self.call_from_thread(self.show_error, error)
            return
        self.call_from_thread(self._on_unlocked, store)

    def _on_unlocked(self, store: "CaseStore | None") -> None:
        """Keep the opened store, then load the route map and show the case list."""
        if store is None:
            return
        self.store = store
        self.refresh_bindings()
        log.info("store opened")
        self.run_worker(self._load_routes_then_show_cases, thread=True, exit_on_error=False, group="store")

    def _load_routes_then_show_cases(self) -> None:
        from .domain.regional import active_route_map

        # The regional map from the settings, if any; when it is invalid, the national map.
        routes = None
        for override in dict.fromkeys([self.settings.regional_route_map, ""]):
            try:
                routes = active_route_map(override)
                # Automatic transitions (ACUUT → HOOG) must follow the same map as the screens.
                if self.store is not None:
                    self.store.set_route_map(routes)
                break
            except Exception as error:  # noqa: BLE001 - a broken map must not lock the user out
                log.error("route map failed to load (regional: %s): %s", bool(override), type(error).__name__)
                self.call_from_thread(self.show_error, error)
        self.call_from_thread(self._show_cases, routes)

    def _show_cases(self, routes: "RouteMap | None") -> None:
        self.routes = routes
        if isinstance(self.screen, WaitScreen):
            self.pop_screen()
        self.push_screen(_case_list_screen())

    # -- lock ---------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        # Every key press and mouse event counts as activity for auto-lock.
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self._last_input = time.monotonic()
        await super().on_event(event)

    async def _check_idle(self) -> None:
        limit = self.settings.auto_lock_seconds
        idle = time.monotonic() - self._last_input
        if limit > 0 and self.store is not None and not self.is_locked and idle >= limit:
            log.info("auto-lock after %.1f s idle", idle)
            self.action_lock()

    def action_lock(self) -> None:
        """Cover every screen with the lock screen, then save drafts and close the store."""
        if self.store is None or self.is_locked:
            return
        self.clear_notifications()  # a toast could show case text above the lock screen
        lock_screen = LockScreen()
        self.push_screen(lock_screen, callback=self._on_relocked)
        self.run_worker(self._close_for_lock(lock_screen), exclusive=True, group="lock")

    async def _close_for_lock(self, lock_screen: LockScreen) -> None:
        await self._save_drafts()
        await self._wait_for_store_workers()
        store, self.store = self.store, None
        if store is not None:
            try:
                await asyncio.to_thread(store.close)
            except Exception as error:  # noqa: BLE001 - the reference is dropped either way
                log.error("store close on lock failed: %s", type(error).__name__)
        self.refresh_bindings()
        log.info("store locked")
        lock_screen.set_ready()

    async def _save_drafts(self) -> None:
        """Write the pending draft of every screen in the stack, skipping the autosave delay."""
        if self.store is None:
            return
        for screen in list(self.screen_stack):
            save = getattr(screen, "save_draft_before_lock", None)
            if save is None:
                continue
            try:
                await save()
            except Exception as error:  # noqa: BLE001 - a lost draft must not block lock or quit
                log.error("draft save failed on %s: %s", type(screen).__name__, type(error).__name__)

    async def _wait_for_store_workers(self) -> None:
        running = [
            worker
            for worker in self.workers
            if worker.group == "store" and not worker.is_finished and worker.node is not self
        ]
        if running:
            try:
                await asyncio.wait_for(self.workers.wait_for_complete(running), LOCK_WAIT_SECONDS)
            except TimeoutError:
                log.warning("locking with %d store workers still running", len(running))

    def use_reopened_store(self, store: "CaseStore") -> None:
        """Take the store opened on the lock screen, with the route map loaded at unlock."""
        if self.routes is not None:
            store.set_route_map(self.routes)
        self.store = store

    def _on_relocked(self, store: "CaseStore | None") -> None:
        if store is not None:
            self.use_reopened_store(store)
            self._last_input = time.monotonic()
            self.refresh_bindings()
            log.info("store reopened after lock")
        held, self._held_while_locked = self._held_while_locked, []
        for show in held:
            show()

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False, *, mode: str | None = None) -> Any:
        # A worker that finishes while the app is locked must not show its screen above
        # the lock screen; it appears after unlock instead.
        if self.is_locked and not wait_for_dismiss and not isinstance(screen, (str, *SHOWN_WHILE_LOCKED)):
            log.info("holding %s until unlock", type(screen).__name__)
            self._held_while_locked.append(lambda: super(StalkingApp, self).push_screen(screen, callback, mode=mode))
            return AwaitMount(self.screen, [])
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def switch_screen(self, screen: Any) -> AwaitComplete:
        # Switching would replace the lock screen itself.
        if self.is_locked and not isinstance(screen, (str, *SHOWN_WHILE_LOCKED)):
            log.info("holding switch to %s until unlock", type(screen).__name__)
            self._held_while_locked.append(lambda: super(StalkingApp, self).switch_screen(screen))
            return AwaitComplete()
        return super().switch_screen(screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Lock and the palette only make sense with an open store; hiding them avoids keys that do nothing.
        if action in ("lock", "command_palette"):
            return self.store is not None and not self.is_locked
        return True

    def action_command_palette(self) -> None:
        # The palette lists screens and commands, so it stays shut while no store is open.
        if self.store is None or CommandPalette.is_open(self):
            return
        # NOTE: Textual's "No matches found" line inside the palette stays English.
        self.push_screen(CommandPalette(placeholder=_("Zoek een opdracht…"), id="--command-palette"))

    # -- quit ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit on ctrl+q, after writing every draft; asks first while the recovery code is unsaved."""
        screen = self.screen
        if isinstance(screen, RecoveryCodeScreen) and not screen.code_stored:
            self.push_screen(QuitWithoutCodeDialog(), callback=self._quit_if_confirmed)
            return
        await self._save_drafts()
        await self._wait_for_store_workers()
        self.exit()

    def _quit_if_confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self.exit()

    def action_help_quit(self) -> None:
        # Replaces Textual's English hint on ctrl+c, which users press out of habit to quit.
        self.notify(_("Druk op ctrl+q om de app te sluiten."), title=_("Wilt u stoppen?"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Only translated commands. Textual's own set includes "Screenshot", which would
        # write the screen, case names included, to an unencrypted SVG file.
        yield SystemCommand(_("Vergrendelen"), _("Het scherm vergrendelen en de opslag sluiten"), self.action_lock)
        yield SystemCommand(_("Afsluiten"), _("Concepten opslaan en de app sluiten"), self.action_quit)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        # A screenshot is an unencrypted file with case data on screen, so none is written.
        log.info("screenshot rejected")

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> str | None:
        log.info("screenshot rejected")
        return None

    def save_screenshot(self, *args: Any, **kwargs: Any) -> str:
        # Also reached through Textual's TEXTUAL_SCREENSHOT environment variable.
        log.info("screenshot rejected")
        return ""

    # -- errors -------------------------------------------------------------------------

    def show_error(self, error: BaseException) -> None:
        """Show `error` in the error dialog in plain Dutch.

        Only a `StoreError` has a message written for users. Any other exception text may
        contain case data, so it is replaced by a generic message and only its type and
        frames reach the log.
        """
        from .storage.errors import StoreError

        if isinstance(error, StoreError):
            message = error.user_message
            log.warning("store error shown: %s", type(error).__name__)
        else:
            message = _(
                "Er ging iets mis dat de app niet verwachtte. Wat al was opgeslagen is bewaard. "
                "Probeer het opnieuw; meld het aan beheer als het blijft gebeuren."
            )
            log.error("unexpected error shown:\n%s", crash.redacted_traceback(error))
        self.push_screen(ErrorDialog(_("Er ging iets mis"), message))

    def _handle_exception(self, error: Exception) -> None:
        """End the app with a short Dutch message and a redacted crash report.

        Replaces Textual's handler, which prints a traceback with local variables.
        """
        self._return_code = 1
        # Pilot re-raises the first exception at the end of a test, as Textual does.
        if self._exception is None:
            self._exception = error
            self._exception_event.set()

        report = crash.write_crash_report(error, self.log_dir) if self.log_dir is not None else None
        self.bell()
        self.panic(Text(crash.crash_message(report)))

    def _fatal_error(self) -> None:
        # Only `_handle_exception` calls this in Textual 8.2.8; kept so no path prints locals.
        self.panic(Text(crash.crash_message(None)))

    def _print_error_renderables(self) -> None:
        # One crash message is enough; Textual would add an English note about the others.
        del self._exit_renderables[1:]
        super()._print_error_renderables()

    async def _shutdown(self) -> None:
        # A widget that failed to render fails again while the screens close, which would
        # end the shut-down before the terminal is released and the crash message printed.
        try:
            await super()._shutdown()
        except Exception as error:  # noqa: BLE001 - reported like any crash
            self._handle_exception(error)
            if self._driver is not None:
                self._driver.close()
            self._print_error_renderables()

    # -- shut-down ----------------------------------------------------------------------

    def on_unmount(self) -> None:
        self.close_store()

    def close_store(self) -> None:
        """Close the store if it is open; safe to call twice."""
        store, self.store = self.store, None
        if store is not None:
            try:
                store.close()
            except Exception as error:  # noqa: BLE001 - shutting down anyway
                log.error("store close on exit failed: %s", type(error).__name__)


def _preload_heavy_modules() -> None:
    """Import the store, the domain models and the case list so unlock does not wait for them."""
    modules = ("stalking_tui.storage.store", "stalking_tui.domain.routemap", "stalking_tui.screens.case_list")
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception as error:  # noqa: BLE001 - the real import will report it
            log.warning("preload of %s failed: %s", module, type(error).__name__)


def _case_list_screen() -> Screen:
    """Return the case list; imported here because it pulls in the domain models."""
    from .screens.case_list import CaseListScreen

    return CaseListScreen()


def create_app(
    store_dir: Path,
    *,
    demo: bool = False,
    kdf: Any = None,
    language: str = "nl",
    settings: Settings | None = None,
    log_dir: Path | None = None,
) -> StalkingApp:
    """Build the app for the CLI and the tests.

    `language` selects the catalog for every text made from now on; class-level texts
    such as binding descriptions follow the language active when their module was
    imported, which is why the CLI sets the language before importing this module.
    """
    set_language(language)
    translate_textual_texts()
    return StalkingApp(store_dir, demo=demo, kdf=kdf, settings=settings, log_dir=log_dir)
