"""A bug in a screen's code after a store call must reach the error dialog, not vanish."""

from textual.app import App

from stalking_tui.screens.base import CaseworkScreen


class FailingScreen(CaseworkScreen):
    def on_mount(self) -> None:
        self.call_store(lambda store: store.list_cases(), self.show_cases)

    def show_cases(self, cases) -> None:
        raise RuntimeError("bug in the screen code")


class RecordingApp(App):
    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.demo = False
        self.errors: list[BaseException] = []

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def on_mount(self) -> None:
        self.push_screen(FailingScreen())


async def test_failing_done_callback_reaches_error_dialog(make_store):
    """The store is real (cheap KDF from the shared fixture)."""
    app = RecordingApp(make_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert len(app.errors) == 1
        assert isinstance(app.errors[0], RuntimeError)
