"""The demo store mark that keeps demo and real bundles apart.

Real SQLCipher stores in tmp_path with cheap Argon2id (KdfParams.TESTING).
"""

import pytest

from stalking_tui.demo_setup import create_demo_store
from stalking_tui.i18n import set_language
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.sync_errors import DemoPeerMismatch



@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")


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



def test_real_peer_code_has_no_mark(pair):
    a, _b = pair
    assert a.own_peer_code() == a.own_identity().to_text()

def test_real_store_rejects_demo_peer_code(make_device):
    real, demo = make_device("R"), make_device("D")
    demo.mark_demo_store()

    assert demo.own_peer_code().endswith(":demo")
    with pytest.raises(DemoPeerMismatch) as raised:
        real.add_peer(demo.own_peer_code(), "Demo")
    assert "demo-opslag" in raised.value.user_message
    assert real.peers() == []


def test_demo_store_rejects_real_peer_code(make_device):
    real, demo = make_device("R"), make_device("D")
    demo.mark_demo_store()

    with pytest.raises(DemoPeerMismatch) as raised:
        demo.add_peer(real.own_peer_code(), "Echt")
    assert "echte opslag" in raised.value.user_message
    assert demo.peers() == []


def test_demo_stores_enrol_each_other(make_device):
    one, two = make_device("D1"), make_device("D2")
    one.mark_demo_store()
    two.mark_demo_store()

    assert one.add_peer(two.own_peer_code(), "D2").fingerprint == two.own_identity().fingerprint
