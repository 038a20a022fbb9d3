"""Instrument files: the invented 13+3 test instrument, conditions, proposal rule, broken files."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stalking_tui.domain.events import ScreeningCompleted
from stalking_tui.domain.levels import Answer, ConcernLevel, Relation, Source
from stalking_tui.domain.screening import (
    InstrumentError, applicable_items, case_facts, load_instrument, propose_level,
)
from stalking_tui.domain.screening_compare import compare_screenings

FIXTURE = Path(__file__).parents[1] / "fixtures" / "instruments" / "test_instrument.toml"


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def rejected(text: str) -> InstrumentError:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(text)
    return caught.value


def line_of(text: str, error: InstrumentError) -> str:
    assert error.line is not None
    return text.splitlines()[error.line - 1]


def test_fixture_thirteen_for_acquaintance():
    items = applicable_items(load_instrument(fixture_text()), Relation.ACQUAINTANCE)
    assert len(items) == 13
    assert all(item.section == "alle" for item in items)


def test_fixture_sixteen_for_ex_partner():
    assert len(applicable_items(load_instrument(fixture_text()), case_facts("ex_partner", "politie"))) == 16


def test_item_condition_on_source():
    text = fixture_text().replace(
        'id = "t13"\nsection = "alle"', 'id = "t13"\nsection = "alle"\napplies_when = { source = ["politie"] }',
    )
    instrument = load_instrument(text)
    assert len(applicable_items(instrument, case_facts("kennis", Source.POLITIE))) == 13
    assert len(applicable_items(instrument, case_facts("kennis", Source.VEILIG_THUIS))) == 12


def test_duplicate_id_names_line_and_field():
    text = fixture_text().replace('id = "t05"', 'id = "t04"')
    error = rejected(text)
    assert error.field == "items[4].id"
    assert line_of(text, error) == 'id = "t04"'
    assert text.splitlines().index('id = "t04"', text.splitlines().index('id = "t04"') + 1) == error.line - 1


def test_unknown_condition_field_names_line_and_field():
    text = fixture_text().replace('applies_when = { relation = ["ex_partner"] }', 'applies_when = { relatie = ["ex_partner"] }')
    error = rejected(text)
    assert error.field == "sections[1].applies_when.relatie"
    assert line_of(text, error).startswith("applies_when = { relatie")


def test_unknown_condition_value_rejected():
    text = fixture_text().replace('applies_when = { relation = ["ex_partner"] }', 'applies_when = { relation = ["ex"] }')
    error = rejected(text)
    assert error.field == "sections[1].applies_when.relation"
    assert error.line is not None


def test_missing_locale_names_line_and_field():
    text = fixture_text().replace(', en = "Test question 7 (invented)"', "")
    error = rejected(text)
    assert error.field == "items[6].text.en"
    assert "Testvraag 7" in line_of(text, error)


def test_empty_scale_rejected():
    text = fixture_text()
    start, end = text.index("[[scale]]"), text.index("[[sections]]")
    error = rejected(text[:start] + "scale = []\n\n" + text[end:])
    assert error.field == "scale"
    assert line_of(text[:start] + "scale = []\n\n" + text[end:], error) == "scale = []"


def test_present_answers_outside_scale_rejected():
    text = fixture_text().replace('counts_as_present = ["aanwezig"]', 'counts_as_present = ["ja"]')
    error = rejected(text)
    assert error.field == "counts_as_present"
    assert line_of(text, error).startswith("counts_as_present")


def test_proposal_field_has_line():
    text = fixture_text().replace("HOOG = 8", "HOOG = 80")
    error = rejected(text)
    assert error.field == "proposal.HOOG"
    assert line_of(text, error) == "HOOG = 80"


def test_unknown_counts_as_present_counts():
    text = fixture_text().replace('counts_as_present = ["aanwezig"]', 'counts_as_present = ["aanwezig", "onbekend"]')
    instrument = load_instrument(text)
    answers = {f"t{n:02d}": Answer.UNKNOWN for n in range(1, 5)}
    assert propose_level(instrument, answers) == ConcernLevel.MIDDEN
    assert propose_level(load_instrument(fixture_text()), answers) is None


RELATIONS = st.sampled_from(list(Relation))
SOURCES = st.sampled_from(list(Source))


@settings(max_examples=30, deadline=None)
@given(relation=RELATIONS, source=SOURCES, allowed=st.sets(RELATIONS, min_size=1))
def test_condition_asks_items_only_when_it_holds(relation, source, allowed):
    values = ", ".join(f'"{value.value}"' for value in sorted(allowed))
    text = fixture_text().replace('applies_when = { relation = ["ex_partner"] }', f"applies_when = {{ relation = [{values}] }}")
    items = applicable_items(load_instrument(text), case_facts(relation, source))
    assert len(items) == (16 if relation in allowed else 13)
    assert [item.id for item in items[:13]] == [f"t{n:02d}" for n in range(1, 14)]


ANSWERS = st.dictionaries(st.sampled_from([f"t{n:02d}" for n in range(1, 17)]), st.sampled_from(list(Answer)))


@settings(max_examples=40, deadline=None)
@given(answers=ANSWERS)
def test_proposal_follows_present_count(answers):
    proposed = propose_level(load_instrument(fixture_text()), answers)
    present = sum(answer == Answer.PRESENT for answer in answers.values())
    if present >= 8:
        expected = ConcernLevel.HOOG
    elif present >= 4:
        expected = ConcernLevel.MIDDEN
    else:
        expected = None
    assert proposed == expected


@settings(max_examples=40, deadline=None)
@given(answers=ANSWERS, extra=st.sampled_from([f"t{n:02d}" for n in range(1, 17)]))
def test_proposal_never_drops_with_more_present(answers, extra):
    instrument = load_instrument(fixture_text())
    before = propose_level(instrument, answers)
    after = propose_level(instrument, {**answers, extra: Answer.PRESENT})
    assert rank_of(after) >= rank_of(before)


def rank_of(level: ConcernLevel | None) -> int:
    """Return the level's rank, with no proposal ranked below LAAG."""
    if level is None:
        return 0
    return level.rank


def screening(level: str, answers: dict[str, str], checksum: str = "a" * 64) -> ScreeningCompleted:
    return ScreeningCompleted.model_validate({
        "instrument_id": "test-instrument", "instrument_version": "2.1", "instrument_checksum": checksum,
        "practice": False, "answers": {key: {"answer": value} for key, value in answers.items()},
        "level": level, "rationale": "Fictief", "assessor": "Test", "assessor_role": "casusregisseur",
        "assessor_organisation": "VT",
    })


def test_compare_screenings_lists_changes_and_level():
    earlier = screening("LAAG", {"t01": "afwezig", "t02": "aanwezig"})
    later = screening("HOOG", {"t01": "aanwezig", "t02": "aanwezig", "t14": "onbekend"})
    comparison = compare_screenings(earlier, later)
    assert [(c.item_id, c.before, c.after) for c in comparison.changes] == [
        ("t01", Answer.ABSENT, Answer.PRESENT), ("t14", None, Answer.UNKNOWN),
    ]
    assert comparison.level_changed
    assert comparison.level_direction == 1
    assert comparison.same_instrument


def test_compare_screenings_other_instrument():
    comparison = compare_screenings(screening("MIDDEN", {}), screening("MIDDEN", {}, checksum="b" * 64))
    assert not comparison.level_changed
    assert not comparison.same_instrument
