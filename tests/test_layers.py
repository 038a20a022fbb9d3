"""Import-layer rules: domain and storage load no Textual, domain loads no SQLAlchemy either."""

import json
import subprocess
import sys
import textwrap

# Imports every module of the given package in a fresh interpreter and prints the
# top-level names of all modules loaded afterwards.
PROBE = textwrap.dedent("""
    import importlib, json, pkgutil, sys

    package = importlib.import_module(sys.argv[1])
    names = [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    for name in names:
        importlib.import_module(name)
    print(json.dumps({"imported": names, "loaded": sorted({m.split(".")[0] for m in sys.modules})}))
""")


def _load(package: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, package], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_domain_imports_no_ui_or_sql():
    report = _load("stalking_tui.domain")

    assert "stalking_tui.domain.case" in report["imported"]
    assert "stalking_tui.domain.clock" in report["imported"]
    assert "textual" not in report["loaded"]
    assert "sqlalchemy" not in report["loaded"]
    assert "sqlmodel" not in report["loaded"]


def test_storage_imports_no_textual():
    report = _load("stalking_tui.storage")

    assert "stalking_tui.storage.store" in report["imported"]
    assert "stalking_tui.storage.engine" in report["imported"]
    assert "sqlalchemy" in report["loaded"]
    assert "textual" not in report["loaded"]


def test_store_check_stays_light():
    """Checking for a store must not pull in SQLAlchemy or the crypto stack."""
    code = (
        "import sys, json; import stalking_tui.storage; from stalking_tui.storage.paths import store_exists;"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)

    for heavy in ("sqlalchemy", "sqlmodel", "sqlcipher3", "cryptography", "textual"):
        assert heavy not in loaded
