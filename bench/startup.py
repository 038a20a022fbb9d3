"""Measure start-up: process start to a ready unlock screen, against a bare Textual app.

    .venv/bin/python bench/startup.py [--runs 10]

Both variants run as fresh subprocesses in headless mode at 80x24, interleaved. Each
reports ready once its unlock screen (or the bare copy of its widgets) is mounted and
Textual has started the auto-pilot, which it does after the first frame. The parent
measures from just before spawning to the "ready" line. The target is a median ratio of
at most 1.3.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_app(store_dir: str) -> None:
    """Start stalking-tui as the CLI does and report when the unlock screen is ready."""
    from stalking_tui import cli  # noqa: F401 - the CLI imports this before the app
    from stalking_tui.app import create_app
    from stalking_tui.screens.unlock import UnlockScreen

    app = create_app(Path(store_dir))

    async def report_ready(pilot) -> None:
        while not isinstance(app.screen, UnlockScreen):
            await pilot.pause()
        print("ready", flush=True)
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=report_ready)


def child_bare() -> None:
    """Show the same widgets as the unlock screen in a plain Textual app."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Button, Footer, Header, Input, Label, Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            with Vertical():
                yield Label("Opslag ontgrendelen")
                yield Static("De casussen op dit apparaat zijn versleuteld.")
                yield Input(password=True, placeholder="Wachtwoordzin")
                yield Static("")
                with Horizontal():
                    yield Button("Ontgrendelen", variant="primary")
                    yield Button("Herstelcode gebruiken (F2)")
            yield Footer()

    app = BareApp()

    async def report_ready(pilot) -> None:
        await pilot.pause()
        print("ready", flush=True)
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=report_ready)


def time_child(*args: str) -> float:
    """Return the seconds from spawning `bench/startup.py --child ...` to its "ready" line."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=30)
    if line.strip() != "ready":
        raise RuntimeError(f"child {args} did not report ready (exit status {process.returncode})")
    return elapsed


def make_store(directory: Path) -> None:
    """Create a store so the app starts on the unlock screen; cheap KDF, as it is not measured."""
    from stalking_tui.domain.profile import Profile
    from stalking_tui.storage.keyslots import KdfParams
    from stalking_tui.storage.store import CaseStore

    profile = Profile(user_name="Bench (fictief)", organisation="VT", role="procesregisseur", device_name="bench")
    store, _code = CaseStore.create(directory, "bench fiets lamp regen tulp", profile, kdf=KdfParams.TESTING)
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per variant (default 10)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        if args.child[0] == "app":
            child_app(args.child[1])
        else:
            child_bare()
        return 0

    with tempfile.TemporaryDirectory(prefix="stalking-tui-bench-") as temp:
        store_dir = Path(temp) / "store"
        make_store(store_dir)
        # One warm-up each, so both read their modules from the page cache.
        time_child("app", str(store_dir))
        time_child("bare")

        app_times, bare_times = [], []
        for _run in range(args.runs):
            app_times.append(time_child("app", str(store_dir)))
            bare_times.append(time_child("bare"))

    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    print(f"runs per variant: {args.runs}")
    print(f"stalking-tui unlock screen: median {app_median * 1000:.0f} ms (min {min(app_times) * 1000:.0f} ms)")
    print(f"bare Textual app:           median {bare_median * 1000:.0f} ms (min {min(bare_times) * 1000:.0f} ms)")
    print(f"ratio (median): {app_median / bare_median:.2f}  (target <= 1.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
