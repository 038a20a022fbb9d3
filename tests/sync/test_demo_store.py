"""The demo store mark that keeps demo and real bundles apart.

Real SQLCipher stores in tmp_path with cheap Argon2id (KdfParams.TESTING).
"""

from stalking_tui.demo_setup import create_demo_store
from stalking_tui.storage.keyslots import KdfParams


def test_demo_setup_marks_store(tmp_path):
    store = create_demo_store(tmp_path / "demo", kdf=KdfParams.TESTING)
    try:
        assert store.is_demo_store() is True
        assert store.list_cases() != []
    finally:
        store.close()


def test_new_store_is_real(pair):
    a, _b = pair

    assert a.is_demo_store() is False
