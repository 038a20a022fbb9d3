"""Instruments in the encrypted store and the `instrument` CLI (real store, cheap Argon2id KdfParams.TESTING)."""

import io
from pathlib import Path

import pytest

from stalking_tui.cli import main
from stalking_tui.domain.instrument import InstrumentError
from stalking_tui.i18n import set_language

FIXTURE = Path(__file__).parents[1] / "fixtures" / "instruments" / "test_instrument.toml"
PASSPHRASE = "correct paard batterij niet echt"


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_import_lists_and_keeps_checksum(make_store):
    store = make_store()
    installed = store.import_instrument(fixture_text())

    listed = store.list_instruments()
    assert [entry.instrument.id for entry in listed] == ["test-instrument"]
    assert listed[0].instrument.checksum == installed.instrument.checksum
    assert listed[0].imported_by == "Test Gebruiker"
    assert not listed[0].default


def test_import_twice_keeps_one_copy(make_store):
    store = make_store()
    store.import_instrument(fixture_text())
    store.import_instrument(fixture_text())
    assert len(store.list_instruments()) == 1


def test_broken_file_writes_nothing(make_store):
    store = make_store()
    with pytest.raises(InstrumentError):
        store.import_instrument(fixture_text().replace('id = "t05"', 'id = "t04"'))
    assert store.list_instruments() == []


def test_default_instrument_survives_reopen(make_store, open_store):
    store = make_store()
    checksum = store.import_instrument(fixture_text()).instrument.checksum
    assert store.default_instrument() is None

    store.set_default_instrument(checksum)
    store.close()

    reopened = open_store()
    assert reopened.default_instrument().checksum == checksum
    assert reopened.list_instruments()[0].default
    reopened.set_default_instrument(None)
    assert reopened.default_instrument() is None


def test_unknown_default_rejected(make_store):
    store = make_store()
    with pytest.raises(KeyError):
        store.set_default_instrument("f" * 64)


def test_instrument_text_not_in_plain_files(make_store, store_dir):
    store = make_store()
    store.import_instrument(fixture_text())
    store.close()

    for path in store_dir.rglob("*"):
        if path.is_file():
            assert b"Testvraag" not in path.read_bytes(), path.name


@pytest.fixture
def cli(make_store, store_dir, monkeypatch, capsys):
    """Run the CLI on a closed store; the passphrase comes from standard input."""
    make_store().close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(store_dir.parent / "config"))

    def run(*args: str) -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
        code = main(["--store", str(store_dir), "instrument", *args])
        return code, capsys.readouterr().out

    yield run
    set_language("nl")


def test_cli_import_list_default(cli, tmp_path):
    code, out = cli("import", str(FIXTURE))
    assert code == 0
    assert "test-instrument" in out

    code, out = cli("list")
    assert code == 0
    assert "oefenlijst (ingebouwd, geen SASH)  (standaard)" in out
    checksum_line = next(line for line in out.splitlines() if line.startswith("test-instrument"))
    assert "(standaard)" not in checksum_line

    prefix = checksum_line.split()[2]
    code, out = cli("default", prefix)
    assert code == 0
    code, out = cli("list")
    assert "(standaard)" in next(line for line in out.splitlines() if line.startswith("test-instrument"))


def test_cli_rejects_broken_file_with_line(cli, tmp_path):
    broken = tmp_path / "kapot.toml"
    broken.write_text(fixture_text().replace('id = "t05"', 'id = "t04"'), encoding="utf-8")
    code, out = cli("import", str(broken))
    assert code == 1
    assert "items[4].id" in out
    assert "regel" in out

    code, out = cli("list")
    assert "test-instrument" not in out
