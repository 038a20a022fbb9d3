"""No case text reaches the disk unencrypted; real SQLCipher store, cheap Argon2id (KdfParams.TESTING)."""

import json

from stalking_tui.domain.text import fold

# Distinctive fictional texts that occur nowhere else, so a hit can only be a leak.
VICTIM = "Zoë Quillfeather-Fictief"
PERPETRATOR = "Bartholomeus Nepperdam"
NOTE = "Fictieve notitie: ontmoeting bij de Xylofoonstraat"
DRAFT = "Conceptzin over de Zebrahaven"
SECRETS = [VICTIM, PERPETRATOR, NOTE, DRAFT]


def _encodings(text: str) -> dict[str, bytes]:
    """Return every byte form in which `text` could plausibly sit in a file."""
    forms = {
        "utf-8": text.encode("utf-8"),
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "json-escaped": json.dumps(text).strip('"').encode("ascii"),
        "folded": fold(text).encode("utf-8"),
    }
    # A distinctive fragment catches a leak that stores the text split or re-encoded in part.
    fragment = text.split()[-1]
    forms["fragment utf-8"] = fragment.encode("utf-8")
    forms["fragment utf-16-le"] = fragment.encode("utf-16-le")
    return forms


def _leaks(directory) -> list[str]:
    found = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file():
            continue
        content = path.read_bytes()
        for text in SECRETS:
            for encoding, needle in _encodings(text).items():
                if needle in content or needle.lower() in content.lower():
                    found.append(f"{path.name}: {text!r} as {encoding}")
    return found


def _fill(store, make_report):
    case = store.report_case(make_report(parties=[
        {"role": "slachtoffer", "name": VICTIM},
        {"role": "pleger", "name": PERPETRATOR},
    ]))
    store.record(case.case_id, "note.added", {"text": NOTE})
    store.record(case.case_id, "incident.recorded", {
        "occurred_at": "2026-03-16T21:00:00+00:00", "kind": "contact", "reporter": "victim",
        "description": NOTE,
    })
    store.save_draft("intake", {"text": DRAFT, "victim": VICTIM})
    store.search_cases(VICTIM)
    return case


def test_open_store_files_hold_no_plaintext(make_store, make_report, store_dir, small_routes):
    store = make_store(routes=small_routes)
    _fill(store, make_report)

    names = {path.name for path in store_dir.iterdir()}
    assert "store.db-wal" in names, "the check must cover the write-ahead log while it exists"
    assert _leaks(store_dir) == []


def test_closed_store_files_hold_no_plaintext(make_store, open_store, make_report, store_dir, small_routes):
    store = make_store(routes=small_routes)
    case = _fill(store, make_report)
    store.close()
    reopened = open_store()
    reopened.delete_draft("intake")
    reopened.close()

    assert _leaks(store_dir) == []
    assert sorted(path.name for path in store_dir.iterdir()) == ["keyslots.json", "store.db", "store.lock"]
    assert case.victim.name == VICTIM


def test_leak_check_can_fail(tmp_path):
    (tmp_path / "plain.txt").write_bytes(VICTIM.encode("utf-16-le"))

    assert _leaks(tmp_path) == [
        f"plain.txt: {VICTIM!r} as utf-16-le",
        f"plain.txt: {VICTIM!r} as fragment utf-16-le",
    ]
