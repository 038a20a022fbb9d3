"""The command line: language before import, `paths`, help, and English rendering."""

import subprocess
import sys

from shell_helpers import SIZE, screen_text, settle

from stalking_tui.cli import main


def run_cli(*args: str, home) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run([sys.executable, "-m", "stalking_tui", *args], capture_output=True, text=True, env=env, timeout=60)


def test_paths_prints_three_directories(capsys):
    assert main(["paths"]) == 0

    out = capsys.readouterr().out
    assert "Opslag:" in out
    assert "Instellingen:" in out
    assert "Logbestanden:" in out


def test_paths_in_english(tmp_path):
    result = run_cli("paths", "--lang", "en", home=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Store:" in result.stdout
    assert "Log files:" in result.stdout


def test_help_lists_subcommands(tmp_path):
    result = run_cli("--help", home=tmp_path)

    assert result.returncode == 0
    assert "demo" in result.stdout
    assert "paths" in result.stdout
    assert "--store" in result.stdout


def test_paths_honours_store(capsys, tmp_path):
    assert main(["--store", str(tmp_path / "elders"), "paths"]) == 0

    out = capsys.readouterr().out
    assert f"Opslag:       {tmp_path / 'elders'}" in out


def test_help_has_no_argparse_english(tmp_path):
    result = run_cli("--help", home=tmp_path)

    assert result.returncode == 0
    for english in ("usage:", "positional arguments", "options:", "show this help message"):
        assert english not in result.stdout
    assert "gebruik:" in result.stdout
    assert "toon deze hulptekst en stop" in result.stdout


def test_subcommand_help_has_description(tmp_path):
    for command, description in (
        (["verify"], "Controleer de opslag"),
        (["passphrase"], "Wijzig de wachtwoordzin"),
        (["peers", "add"], "voeg een partner toe"),
        (["instrument", "list"], "Toon de instrumenten"),
        (["routes", "check"], "Controleer een regionale routekaart"),
    ):
        result = run_cli(*command, "--help", home=tmp_path)

        assert result.returncode == 0, result.stderr
        assert description in result.stdout, command


def test_usage_error_in_dutch(tmp_path):
    result = run_cli("onbekend", home=tmp_path)

    assert result.returncode == 2
    assert "fout:" in result.stderr
    assert "ongeldige keuze" in result.stderr


def test_unknown_language_rejected(tmp_path):
    result = run_cli("--lang", "de", "paths", home=tmp_path)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr


async def test_english_unlock_screen(make_app, existing_store):
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        visible = screen_text(app)

        assert "Unlock store" in visible
        assert "Opslag ontgrendelen" not in visible
