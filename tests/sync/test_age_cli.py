"""A bundle is a standard age file: the `age` command decrypts it with the peer's identity.

Real SQLCipher stores with cheap Argon2id (KdfParams.TESTING). The identity file is
written to tmp_path for this test only; the app keeps identities inside the store.
"""

import shutil
import subprocess

import pytest

from stalking_tui.storage.bundle import FORMAT_NAME, FORMAT_VERSION
from stalking_tui.storage.identity import load_identity

from .conftest import BASIS


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed (Debian package 'age')")
def test_age_cli_decrypts_bundle(pair, make_report, tmp_path):
    a, b = pair
    case = a.report_case(make_report(demo=False))
    a.share_case(case.case_id, "B", BASIS)
    bundle = tmp_path / "naar-b.bundle.age"
    a.export_bundle("B", bundle)
    with b._session() as session:
        identity_file = tmp_path / "b-identity.txt"
        identity_file.write_text(str(load_identity(session).age_identity) + "\n", encoding="ascii")

    result = subprocess.run(["age", "--decrypt", "-i", str(identity_file), str(bundle)],
                            capture_output=True, timeout=60)

    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.startswith(f"{FORMAT_NAME} {FORMAT_VERSION}\n".encode())
    assert case.case_id.encode() in result.stdout
