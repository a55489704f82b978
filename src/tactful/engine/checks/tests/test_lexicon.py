"""The lexicon check's ``masked`` option: symbols standing for letters, dotted acronyms."""

from __future__ import annotations

import pytest

from tactful.engine.checks.lexicon import LexiconCheck, LexiconParams, join_dotted
from tactful.engine.text import Document, fold

PHRASES = ["bollock*", "scumbag*", "twat*", "foad", "shit"]


def _hits(text: str, **params: object) -> list[str]:
    check = LexiconCheck(LexiconParams.model_validate({"phrases": PHRASES, **params}))
    return [text[h.start : h.end] for h in check.run(Document(text))]


def test_masked_catches_a_symbol_standing_for_a_letter() -> None:
    assert _hits("What a load of b*llocks.", masked=True) == ["b*llocks"]
    assert _hits("The sc#mbags took the tin.", masked=True) == ["sc#mbags"]
    assert _hits("Total sh%t from the council.", masked=True) == ["sh%t"]


def test_without_masked_the_same_words_pass() -> None:
    assert _hits("What a load of b*llocks.") == []
    assert _hits("The sc#mbags took the tin.") == []


def test_masked_catches_dotted_acronyms_after_a_one_letter_word() -> None:
    assert _hits("He is a t.w.a.t.", masked=True) == ["t.w.a.t"]
    assert _hits("They can f.o.a.d", masked=True) == ["f.o.a.d"]


def test_masked_needs_two_letters_showing_and_the_first_one() -> None:
    assert _hits("Our client Mr S*** agreed to talk.", masked=True) == []
    assert _hits("Rated 5*** by visitors.", masked=True) == []
    assert _hits("A *hit list of our top fundraisers.", masked=True) == []


def test_masked_leaves_ordinary_words_and_abbreviations_alone() -> None:
    text = "Scunthorpe, e.g. the Essex bitter festival, at www.foadventures.org.uk."
    assert _hits(text, masked=True) == []


def test_masked_respects_unless() -> None:
    params = {"masked": True, "unless": ["quote"]}
    assert _hits("The quote said b*llocks, sadly.", **params) == []
    assert _hits("The council said b*llocks, sadly.", **params) == ["b*llocks"]


def test_join_dotted_maps_back_to_the_original_offsets() -> None:
    view = join_dotted(fold("is a t.w.a.t"))
    assert view.text == "is a twat"
    assert view.to_original(5, 9) == (5, 12)


@pytest.mark.parametrize("text", ["", "*" * 1000, "a.b." * 5000, "🙂 b*llocks ‮", "\x00\x01*"])
def test_masked_never_crashes_on_odd_strings(text: str) -> None:
    _hits(text, masked=True)


def test_masked_reads_a_lower_case_word_hidden_after_its_first_letter_as_swearing() -> None:
    params = {"masked": True}
    check = LexiconCheck(LexiconParams.model_validate({"phrases": ["fuck*", "bastard*"], **params}))
    found = list(check.run(Document("Seriously, f*** right off, you absolute b*****d.")))
    assert len(found) == 2
    # a capital says it is a name or an initial, whatever the stars hide
    assert list(check.run(Document("Our client Mr F*** agreed to talk."))) == []
    assert list(check.run(Document("Rated 5*** by visitors."))) == []
