import hashlib
from importlib import resources

import pytest

from stalking_tui.domain.events import ItemAnswer
from stalking_tui.domain.levels import Answer, ConcernLevel, Relation
from stalking_tui.domain.screening import (
    InstrumentError, applicable_items, changed_answers, load_instrument, practice_instrument, propose_level, summarize,
)


def practice_text() -> str:
    return resources.files("stalking_tui.data").joinpath("oefenlijst.toml").read_text(encoding="utf-8")


def rejected(text: str) -> InstrumentError:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(text)
    return caught.value


def test_practice_list_has_13_plus_3_items():
    instrument = practice_instrument()
    sections = [item.section for item in instrument.items]
    assert sections.count("algemeen") == 13
    assert sections.count("ex_partner") == 3


def test_practice_list_is_marked_practice_not_sash():
    instrument = practice_instrument()
    assert instrument.practice is True
    assert instrument.name.get("nl") == "Oefenlijst stalkingscreening — geen SASH"
    assert "not the SASH" in instrument.name.get("en")


def test_practice_list_every_text_in_both_locales():
    for item in practice_instrument().items:
        assert item.text.get("nl")
        assert item.text.get("en")
        assert item.guidance is not None


def test_items_for_acquaintance_and_ex_partner():
    instrument = practice_instrument()
    assert len(applicable_items(instrument, Relation.ACQUAINTANCE)) == 13
    assert len(applicable_items(instrument, "ex_partner")) == 16
    assert all(item.section == "algemeen" for item in applicable_items(instrument, Relation.COLLEAGUE))


def test_checksum_is_sha256_of_text():
    assert practice_instrument().checksum == hashlib.sha256(practice_text().encode("utf-8")).hexdigest()


def test_duplicate_item_id_rejected():
    error = rejected(practice_text().replace('id = "middelen"', 'id = "angst"'))
    assert error.field == "items[9].id"
    assert error.line is not None
    assert 'id = "angst"' in practice_text().replace('id = "middelen"', 'id = "angst"').splitlines()[error.line - 1]


def test_unknown_section_rejected():
    text = practice_text().replace('section = "ex_partner"', 'section = "expartner"', 1)
    error = rejected(text)
    assert error.field == "items[13].section"
    assert "expartner" in str(error)
    assert text.splitlines()[error.line - 1].strip() == 'section = "expartner"'


def test_missing_locale_text_rejected():
    text = practice_text().replace(', en = "Does the perpetrator have problems with alcohol or drugs?"', "")
    error = rejected(text)
    assert error.field == "items[9].text.en"
    assert text.splitlines()[error.line - 1].startswith("text = { nl = \"Heeft de pleger problemen met alcohol")


def test_empty_scale_rejected():
    text = practice_text()
    start = text.index("[[scale]]")
    end = text.index("[[sections]]")
    error = rejected(text[:start] + "scale = []\n\n" + text[end:])
    assert error.field == "scale"


def test_unknown_answer_in_scale_rejected():
    error = rejected(practice_text().replace('value = "onbekend"', 'value = "misschien"'))
    assert error.field == "scale[2].value"


def test_missing_name_locale_rejected():
    error = rejected(practice_text().replace('locales = ["nl", "en"]', 'locales = ["nl", "en", "fr"]'))
    assert error.field == "name.fr"
    assert error.line == 14


def test_unknown_relation_rejected():
    error = rejected(practice_text().replace('applies_to_relations = ["ex_partner"]', 'applies_to_relations = ["expartner"]'))
    assert error.field == "sections[1].applies_to_relations"


def test_unknown_top_level_field_rejected():
    error = rejected("titel = \"x\"\n" + practice_text())
    assert error.field == "titel"
    assert error.line == 1


def test_missing_items_rejected():
    text = practice_text()
    error = rejected(text[: text.index("[[items]]")])
    assert error.field == "items"


def test_toml_syntax_error_names_line():
    error = rejected('id = "x"\nversion = \n')
    assert error.line == 2


def test_summarize_counts_with_items():
    items = applicable_items(practice_instrument(), Relation.ACQUAINTANCE)
    answers = {
        "angst": ItemAnswer(answer=Answer.PRESENT),
        "dreiging": Answer.PRESENT,
        "middelen": Answer.UNKNOWN,
        "vernieling": Answer.ABSENT,
        "contact_via_kinderen": Answer.PRESENT,
    }
    summary = summarize(answers, items)
    assert (summary.present, summary.absent, summary.unknown, summary.unanswered) == (2, 1, 1, 9)
    assert summary.total == 13
    assert summary.text() == "2 van 13 aanwezig, 1 onbekend, 9 niet beantwoord"


def test_summarize_without_items():
    summary = summarize({"a": Answer.PRESENT, "b": None})
    assert (summary.present, summary.unanswered) == (1, 1)


def test_practice_list_proposes_nothing():
    assert propose_level(practice_instrument(), {"angst": Answer.PRESENT}) is None


def test_proposal_rule():
    text = practice_text() + "\n[proposal]\nMIDDEN = 3\nHOOG = 6\n"
    instrument = load_instrument(text)
    assert propose_level(instrument, {"angst": Answer.PRESENT}) is None
    three = {item_id: Answer.PRESENT for item_id in ("angst", "dreiging", "erger")}
    assert propose_level(instrument, three) == ConcernLevel.MIDDEN


def test_proposal_out_of_range_rejected():
    error = rejected(practice_text() + "\n[proposal]\nHOOG = 99\n")
    assert error.field == "proposal.HOOG"


def test_changed_answers():
    changes = changed_answers({"angst": Answer.ABSENT, "erger": Answer.PRESENT}, {"angst": Answer.PRESENT, "erger": Answer.PRESENT, "dreiging": Answer.UNKNOWN})
    assert [(c.item_id, c.before, c.after) for c in changes] == [
        ("angst", Answer.ABSENT, Answer.PRESENT), ("dreiging", None, Answer.UNKNOWN),
    ]
