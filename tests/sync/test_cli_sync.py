"""The sync subcommands end to end: two real stores (cheap Argon2id, KdfParams.TESTING), passphrase from a file."""

from datetime import UTC, datetime

import pytest

from stalking_tui.cli import main
from stalking_tui.domain.profile import Profile
from stalking_tui.i18n import set_language
from stalking_tui.storage.keyslots import KdfParams
from stalking_tui.storage.store import CaseStore

from .conftest import BASIS
from .helpers import bundle_body, sealed
from .test_exchange import screening

PASSWORD = "wachtwoord fictief"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield
    set_language("nl")


@pytest.fixture
def devices(tmp_path, make_report):
    """Closed stores A (with one real, fictional case) and B, and the passphrase file."""
    for name in ("A", "B"):
        profile = Profile(user_name=f"Gebruiker {name} (fictief)", organisation="VT", role="casusregisseur", device_name=name)
        store, _code = CaseStore.create(tmp_path / name, PASSWORD, profile, kdf=KdfParams.TESTING)
        if name == "A":
            store.report_case(make_report(demo=False, received_at=datetime(2026, 3, 14, tzinfo=UTC)))
        store.close()
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    return tmp_path / "A", tmp_path / "B", secret


def cli(capsys, store, secret, *args) -> tuple[int, str, str]:
    code = main(["--store", str(store), *args[:1], "--passphrase-file", str(secret), *args[1:]])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def peer_line(capsys, store, secret) -> str:
    code, out, _err = cli(capsys, store, secret, "peers", "show-self")
    assert code == 0
    return next(line for line in out.splitlines() if line.startswith("stalking-tui-peer:"))


def enrol(capsys, a, b, secret) -> None:
    assert cli(capsys, a, secret, "peers", "add", peer_line(capsys, b, secret), "--name", "B")[0] == 0
    assert cli(capsys, b, secret, "peers", "add", peer_line(capsys, a, secret), "--name", "A")[0] == 0


def test_peers_add_list_remove(capsys, devices):
    a, b, secret = devices
    enrol(capsys, a, b, secret)

    code, out, _err = cli(capsys, a, secret, "peers", "list")
    assert code == 0
    assert out.startswith("B  ·  ")

    code, out, _err = cli(capsys, a, secret, "peers", "remove", "B")
    assert code == 0
    assert "Partner verwijderd: B" in out
    assert "Nog geen partners" in cli(capsys, a, secret, "peers", "list")[1]


def test_peers_add_invalid_code(capsys, devices):
    a, _b, secret = devices

    code, out, err = cli(capsys, a, secret, "peers", "add", "geen-code", "--name", "X")

    assert code == 1
    assert out == ""
    assert "partnercode is ongeldig" in err


def test_export_import_roundtrip(capsys, devices, tmp_path):
    a, b, secret = devices
    enrol(capsys, a, b, secret)
    bundle = tmp_path / "naar-b.bundle.age"

    code, out, _err = cli(capsys, a, secret, "share", "--case", "2026-0001", "--to", "B", "--basis", BASIS)
    assert code == 0
    assert "2026-0001" in out
    code, out, _err = cli(capsys, a, secret, "export", "--to", "B", "--out", str(bundle))
    assert code == 0
    assert "1 gebeurtenis(sen) in 1 casus(sen)" in out
    assert "2026-0001: 1 gebeurtenis(sen)" in out

    code, out, _err = cli(capsys, b, secret, "import", str(bundle), "--yes")
    assert code == 0
    assert "(nieuwe casus): 1 nieuw, 0 al aanwezig" in out
    assert "Ingelezen: 1 nieuwe gebeurtenis(sen) in 1 casus(sen)." in out

    code, out, _err = cli(capsys, b, secret, "import", str(bundle), "--yes")
    assert code == 0
    assert "Ingelezen: 0 nieuwe gebeurtenis(sen) in 0 casus(sen)." in out


def test_import_declined_writes_nothing(capsys, devices, tmp_path, monkeypatch):
    a, b, secret = devices
    enrol(capsys, a, b, secret)
    bundle = tmp_path / "naar-b.bundle.age"
    cli(capsys, a, secret, "share", "--case", "2026-0001", "--to", "B", "--basis", BASIS)
    cli(capsys, a, secret, "export", "--to", "B", "--out", str(bundle))
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")

    code, out, _err = cli(capsys, b, secret, "import", str(bundle))

    assert code == 1
    assert "Afgebroken: er is niets ingelezen." in out
    with CaseStore.open(b, PASSWORD) as store:
        assert store.list_cases() == []


def test_import_rejection_message(capsys, devices, tmp_path):
    a, b, secret = devices
    enrol(capsys, a, b, secret)
    bundle = tmp_path / "naar-b.bundle.age"
    cli(capsys, a, secret, "share", "--case", "2026-0001", "--to", "B", "--basis", BASIS)
    cli(capsys, a, secret, "export", "--to", "B", "--out", str(bundle))
    bundle.write_bytes(bundle.read_bytes()[:-40])

    code, out, err = cli(capsys, b, secret, "import", str(bundle), "--yes")

    assert code == 1
    assert "Ingelezen" not in out
    assert "onvolledig of beschadigd" in err


def test_export_unknown_peer(capsys, devices, tmp_path):
    a, _b, secret = devices

    code, out, err = cli(capsys, a, secret, "export", "--to", "niemand", "--out", str(tmp_path / "x.age"))

    assert code == 1
    assert "Bundel geschreven" not in out
    assert "geen partner" in err
    assert not (tmp_path / "x.age").exists()


def test_missing_bundle_file(capsys, devices, tmp_path):
    a, _b, secret = devices

    code, _out, err = cli(capsys, a, secret, "import", str(tmp_path / "bestaat-niet.age"), "--yes")

    assert code == 1
    assert "kan niet worden gelezen" in err


def test_peers_add_own_code(capsys, devices):
    a, _b, secret = devices

    code, out, err = cli(capsys, a, secret, "peers", "add", peer_line(capsys, a, secret), "--name", "Zelf")

    assert code == 1
    assert out == ""
    assert "Dit is de partnercode van dit apparaat zelf" in err
    assert "ongeldig" not in err


def test_peers_add_empty_name(capsys, devices):
    a, b, secret = devices

    code, out, err = cli(capsys, a, secret, "peers", "add", peer_line(capsys, b, secret), "--name", " ")

    assert code == 1
    assert out == ""
    assert "Vul een naam in" in err
    assert "ongeldig" not in err
    assert "Nog geen partners" in cli(capsys, a, secret, "peers", "list")[1]


def test_peers_add_long_name(capsys, devices):
    a, b, secret = devices

    code, _out, err = cli(capsys, a, secret, "peers", "add", peer_line(capsys, b, secret), "--name", "x" * 121)

    assert code == 1
    assert "De naam is te lang: gebruik ten hoogste 120 tekens." in err


def test_peers_add_enrolled_code(capsys, devices):
    a, b, secret = devices
    enrol(capsys, a, b, secret)

    code, _out, err = cli(capsys, a, secret, "peers", "add", peer_line(capsys, b, secret), "--name", "B opnieuw")

    assert code == 1
    assert "Deze partner is al toegevoegd als 'B'." in err


def test_export_ambiguous_peer(capsys, devices, tmp_path):
    """A peer named like the start of another peer's fingerprint: the CLI acts on neither."""
    a, b, secret = devices
    profile = Profile(user_name="Gebruiker C (fictief)", organisation="POL", role="casusregisseur", device_name="C")
    CaseStore.create(tmp_path / "C", PASSWORD, profile, kdf=KdfParams.TESTING)[0].close()
    b_line = peer_line(capsys, b, secret)
    prefix = next(line for line in cli(capsys, b, secret, "peers", "show-self")[1].splitlines()
                  if line.startswith("Vingerafdruk: ")).removeprefix("Vingerafdruk: ")[:4]
    cli(capsys, a, secret, "peers", "add", b_line, "--name", "B")
    cli(capsys, a, secret, "peers", "add", peer_line(capsys, tmp_path / "C", secret), "--name", prefix)

    export = cli(capsys, a, secret, "export", "--to", prefix, "--out", str(tmp_path / "x.age"))
    remove = cli(capsys, a, secret, "peers", "remove", prefix)

    for code, out, err in (export, remove):
        assert code == 1
        assert out == ""
        assert "Meer dan een partner past bij deze naam of vingerafdruk" in err
    assert not (tmp_path / "x.age").exists()
    assert len(cli(capsys, a, secret, "peers", "list")[1].splitlines()) == 2


def test_export_prints_acks(capsys, devices, tmp_path):
    a, b, secret = devices
    enrol(capsys, a, b, secret)
    cli(capsys, a, secret, "share", "--case", "2026-0001", "--to", "B", "--basis", BASIS)

    code, out, _err = cli(capsys, a, secret, "export", "--to", "B", "--out", str(tmp_path / "naar-b.age"))

    assert code == 0
    # One acknowledgement: the shared case has events of one origin device, A.
    assert "Ontvangstbevestigingen: 1" in out.splitlines()


def test_quarantine_shows_case(capsys, devices, tmp_path):
    """An event of a case in this store shows the case number; one of a case it lacks shows the case id."""
    a, b, secret = devices
    enrol(capsys, a, b, secret)
    cli(capsys, a, secret, "share", "--case", "2026-0001", "--to", "B", "--basis", BASIS)
    cli(capsys, a, secret, "export", "--to", "B", "--out", str(tmp_path / "a1.age"))
    cli(capsys, b, secret, "import", str(tmp_path / "a1.age"), "--yes")
    with CaseStore.open(a, PASSWORD) as store_a, CaseStore.open(b, PASSWORD) as store_b:
        case_id = store_a.list_cases()[0].case_id
        for text in ("Fictief: ongeldige notitie.", "Fictief: notitie voor een onbekende casus."):
            store_a.record(case_id, "note.added", {"text": text})
        body = bundle_body(store_a, "B")
        invalid, elsewhere = (event for event in body["events"] if event["kind"] == "note.added")
        invalid["payload"] = {"tekst": 5}
        elsewhere["case_id"] = "01900000-0000-7000-8000-00000000abcd"
        (tmp_path / "a2.age").write_bytes(sealed(store_a, store_b, body))
    assert cli(capsys, b, secret, "import", str(tmp_path / "a2.age"), "--yes")[0] == 0

    code, out, _err = cli(capsys, b, secret, "quarantine")

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Casus · gebeurtenis (soort) · reden · detail"
    assert any(line.startswith(f"2026-0001 · {invalid['id']} (note.added) · ongeldige gegevens") for line in lines)
    assert any(line.startswith(f"{elsewhere['case_id']} · {elsewhere['id']} (note.added) · ") for line in lines)


def test_conflicts_show_dutch_field(capsys, devices, tmp_path):
    a, b, secret = devices
    enrol(capsys, a, b, secret)
    cli(capsys, a, secret, "share", "--case", "2026-0001", "--to", "B", "--basis", BASIS)
    cli(capsys, a, secret, "export", "--to", "B", "--out", str(tmp_path / "a1.age"))
    cli(capsys, b, secret, "import", str(tmp_path / "a1.age"), "--yes")
    with CaseStore.open(a, PASSWORD) as store_a, CaseStore.open(b, PASSWORD) as store_b:
        case_id = store_a.list_cases()[0].case_id
        store_a.record(case_id, "screening.completed", screening("MIDDEN"))
        store_b.record(case_id, "screening.completed", screening("HOOG"))
        store_a.export_bundle("B", tmp_path / "a2.age")
        store_b.import_bundle(tmp_path / "a2.age")

    code, out, _err = cli(capsys, b, secret, "conflicts")

    assert code == 0
    assert out.splitlines()[0].startswith("2026-0001 · zorgniveau · ⚠ open · ")
    assert "screening.level" not in out
