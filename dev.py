#!/usr/bin/env python3
"""Set up a virtual environment and run the app or the tests; needs only Python 3.11+.

    python3 dev.py start [app arguments]    # e.g. python3 dev.py start demo
    python3 dev.py test [pytest arguments]  # e.g. python3 dev.py test tests/app -x

The first run creates .venv and installs the package with its test extras; later runs
reinstall only when pyproject.toml has changed since the last install.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV_DIR = ROOT / ".venv"
STAMP = VENV_DIR / ".dev-install-stamp"
"""File with the SHA-256 of pyproject.toml at the last successful install."""


def venv_python() -> Path:
    if os.name == "nt":
        return VENV_DIR / "Scripts" / "python.exe"
    return VENV_DIR / "bin" / "python"


def project_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> Path:
    """Create .venv if missing and install the package when pyproject.toml changed."""
    python = venv_python()
    if not python.exists():
        print(f"dev.py: creating {VENV_DIR}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV_DIR)

    digest = project_digest()
    if STAMP.exists() and STAMP.read_text(encoding="ascii").strip() == digest:
        return python

    print("dev.py: installing stalking-tui with test extras", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", ".[test]"], check=True, cwd=ROOT)
    STAMP.write_text(digest + "\n", encoding="ascii")
    return python


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        print(f"dev.py needs Python 3.11 or newer, found {sys.version.split()[0]}", file=sys.stderr)
        return 2
    if not argv or argv[0] not in ("start", "test"):
        print(__doc__.strip(), file=sys.stderr)
        return 2

    command, rest = argv[0], argv[1:]
    try:
        python = ensure_environment()
    except subprocess.CalledProcessError as error:
        print(f"dev.py: installing failed with exit status {error.returncode}", file=sys.stderr)
        return error.returncode or 1

    if command == "start":
        return subprocess.call([str(python), "-m", "stalking_tui", *rest], cwd=ROOT)
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
