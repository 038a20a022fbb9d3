"""Measure opening the timeline of one case with 5,000 events, and scrolling to its end.

    .venv/bin/python bench/timeline_open.py [--events 5000] [--runs 3]

One fictional case gets the events through `eventlog.append_event` (generation is not
timed). Each run opens the TimelineScreen in a headless Textual app at 80x24 against the
real SQLCipher store and records:
- first paint: from pushing the screen until its layout has run and the "Logboek laden…"
  line has a size (the frame follows within the same refresh);
- loaded: from pushing the screen until the table holds every row;
- key: how long "/" took to move the focus to the search field, sent right after the
  first paint; "input handled while loading" says whether the worker was still loading
  when the focus moved;
- end: the time to move the cursor to the last row with Ctrl+End;
- peak memory: the peak resident set size (VmHWM) of the process after the runs.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sync_bundles import case_events, make_store, peak_mib, reset_peak  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import DataTable, Input  # noqa: E402

from stalking_tui.domain.profile import Actor  # noqa: E402
from stalking_tui.domain.routemap import national_route_map  # noqa: E402
from stalking_tui.screens.timeline import TimelineScreen  # noqa: E402
from stalking_tui.storage.eventlog import append_event  # noqa: E402
from stalking_tui.storage.sync import rebuild_cases  # noqa: E402
from stalking_tui.storage.tables import MetaRow  # noqa: E402


class BenchApp(App):
    """The parts of the real App that the timeline uses: store, routes, profile and errors."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.routes = national_route_map()
        self.profile = store.profile
        self.demo = False
        self.errors: list[BaseException] = []

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)


def generate(store, count: int) -> str:
    """Append one case with `count` events; return its id."""
    actor = Actor.from_profile(store.profile)
    now = datetime.now(UTC)
    with store._session() as session, session.no_autoflush:
        case_id = None
        pinned = []
        for kind, payload in case_events(0, count, datetime(2026, 1, 5, 9, 0, tzinfo=UTC)):
            event = append_event(session, actor, store.device_id, case_id, kind, payload, now)
            case_id = event.case_id
            if not pinned:
                session.flush()
                pinned = [session.get(MetaRow, "next_seq"), session.get(MetaRow, "last_hlc")]
        session.flush()
        rebuild_cases(session, [case_id], {case_id: "2026-0001"})
    return case_id


def _laid_out(app: App, screen: TimelineScreen) -> bool:
    """Return whether `screen` is active and its loading line has a size, i.e. layout ran."""
    if app.screen is not screen or not screen.is_mounted:
        return False
    return bool(screen.query("#empty")) and screen.query_one("#empty").size.height > 0


async def one_run(store, case_id: str, count: int) -> dict:
    app = BenchApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = TimelineScreen(case_id)
        started = time.perf_counter()
        app.push_screen(screen)
        # Poll instead of pilot.pause(), which waits for the app to go idle, i.e. for the worker too.
        while not _laid_out(app, screen):
            await asyncio.sleep(0.002)
        first_paint = time.perf_counter() - started

        loading = not screen._loaded
        key_started = time.perf_counter()
        app.post_message(events.Key("slash", "/"))
        search = screen.query_one("#search", Input)
        while app.focused is not search:
            await asyncio.sleep(0.002)
        key_latency = time.perf_counter() - key_started
        responsive = loading and not screen._loaded

        while not screen._loaded:
            await asyncio.sleep(0.005)
        loaded = time.perf_counter() - started
        table = screen.query_one("#events", DataTable)
        assert table.row_count == count, table.row_count

        table.focus()
        table.move_cursor(row=0)
        await pilot.pause()
        scroll_started = time.perf_counter()
        await pilot.press("ctrl+end")
        await pilot.pause()
        end = time.perf_counter() - scroll_started
        assert table.cursor_row == count - 1
        assert not app.errors, app.errors
    return {
        "first_paint": first_paint, "loaded": loaded, "end": end, "key": key_latency, "responsive": responsive,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000, help="events in the case (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="timeline openings to measure (default 3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        store = make_store(Path(directory), "timeline")
        case_id = generate(store, args.events)
        reset_peak()
        results = [asyncio.run(one_run(store, case_id, args.events)) for _run in range(args.runs)]
        peak = peak_mib()
        store.close()

    for key in ("first_paint", "key", "loaded", "end"):
        values = [result[key] for result in results]
        print(f"{key}: median {statistics.median(values) * 1000:.0f} ms, runs {[round(v * 1000) for v in values]}")
    print(f"input handled while loading: {[result['responsive'] for result in results]}")
    print(f"peak memory (VmHWM): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
