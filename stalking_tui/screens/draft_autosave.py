"""Autosave of a screen's unsaved input as an encrypted draft in the store."""

import copy
from collections.abc import Callable
from typing import Any

from textual.timer import Timer

from ..domain.case import CaseState
from .case_base import CaseScopedScreen

AUTOSAVE_DELAY = 2.0
"""Seconds of quiet after an edit before the draft is written, so typing does not hit the store per key."""


class DraftScreen(CaseScopedScreen):
    """A case screen whose input is kept as a draft: after edits, on leaving, and before a lock.

    Subclasses implement `draft_key()` and `current_draft()`, call `schedule_autosave()`
    after each edit, leave through `leave_keeping_draft()`, and call `close_draft()` once
    the input is saved for real, so no later autosave brings the draft back.
    """

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self._saved_draft: dict[str, Any] | None = None
        """The draft as last written or loaded; an equal draft is not written again."""
        self._autosave_timer: Timer | None = None
        self._draft_closed = False

    def draft_key(self) -> str:
        raise NotImplementedError

    def current_draft(self) -> dict[str, Any] | None:
        """Return the input as a JSON-ready dict, or None while there is nothing to keep yet."""
        raise NotImplementedError

    def draft_loaded(self, draft: dict[str, Any] | None) -> None:
        """Note the draft read from the store, so it is not written back unchanged."""
        self._saved_draft = copy.deepcopy(draft)

    def schedule_autosave(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)

    def _pending_draft(self) -> dict[str, Any] | None:
        """Return a copy of the draft when it differs from the stored one, else None."""
        if self._draft_closed:
            return None
        draft = self.current_draft()
        if draft is None or draft == self._saved_draft:
            return None
        return copy.deepcopy(draft)

    def _autosave(self) -> None:
        self._autosave_timer = None
        draft = self._pending_draft()
        # While locked the store is closed; `save_draft_before_lock` wrote the draft already.
        if draft is None or getattr(self.app, "store", None) is None:
            return
        key = self.draft_key()
        self.call_store(lambda store: store.save_draft(key, draft), lambda _result: self.draft_loaded(draft))

    async def save_draft_before_lock(self) -> None:
        """Write the draft now; the App awaits this before it locks the store."""
        draft = self._pending_draft()
        if draft is None:
            return
        key, store = self.draft_key(), self.app.store
        worker = self.run_worker(lambda: store.save_draft(key, draft), thread=True, exit_on_error=False, group="store")
        await worker.wait()
        self.draft_loaded(draft)

    def leave_keeping_draft(self) -> None:
        """Write any unsaved input, then close the screen."""
        draft = self._pending_draft()
        if draft is None:
            self._leave()
            return
        key = self.draft_key()
        self.call_store(lambda store: store.save_draft(key, draft), lambda _result: self._leave())

    def _leave(self) -> None:
        self.close_draft()
        self.app.pop_screen()

    def close_draft(self) -> None:
        """Stop autosaving, e.g. because the input was saved as an event and its draft deleted."""
        self._draft_closed = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None

    def reopen_draft(self) -> None:
        """Start autosaving again after a save, for edits made on the same screen."""
        self._draft_closed = False

    def record_replacing_draft(self, kind: str, payload: dict, done: Callable[[CaseState], Any]) -> None:
        """Record one event and delete the draft in one worker; on failure, autosave resumes."""
        case_id, key, app = self.case_id, self.draft_key(), self.app

        def work(store: Any) -> CaseState:
            try:
                state = store.record(case_id, kind, payload)
            except Exception:
                app.call_from_thread(self.reopen_draft)
                raise
            store.delete_draft(key)
            return state

        def finished(state: CaseState) -> None:
            self.state = state
            self._saved_draft = None
            done(state)

        self.close_draft()
        self.call_store(work, finished)
