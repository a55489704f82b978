"""Folding undoes the usual dodges while keeping offsets into the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tactful.engine.text import Document, fold, graphemes, squash


def _found(text: str, word: str, view: str = "folded") -> str | None:
    doc = Document(text)
    folded = getattr(doc, view)
    i = folded.text.find(word)
    if i < 0:
        return None
    s, e = folded.to_original(i, i + len(word))
    return text[s:e]


def test_it_undoes_leetspeak_inside_words() -> None:
    assert _found("what a sh1t day", "shit") == "sh1t"


def test_it_keeps_plain_numbers_as_numbers() -> None:
    assert fold("we raised 1000 pounds").text == "we raised 1000 pounds"


def test_it_removes_zero_width_characters() -> None:
    assert _found("sc\u200bum", "scum") == "sc\u200bum"


def test_it_maps_cyrillic_lookalikes_to_latin() -> None:
    assert _found("the сhаrity", "charity") == "сhаrity"


def test_it_joins_spaced_out_letters_in_the_squashed_view() -> None:
    assert _found("you are a f u c k i n g joke", "fucking", "squashed") == "f u c k i n g"


def test_it_does_not_join_ordinary_words() -> None:
    assert "ourteam" not in squash(fold("a our team")).text


def test_it_finds_urls_handles_hashtags_and_money() -> None:
    doc = Document("Thanks @HomeStartSfk! £250 raised, see www.example.org.uk #TeamWork")
    kinds = [k for _, _, k in doc.protected]
    assert kinds == ["handle", "money", "url", "hashtag"]


def test_it_counts_graphemes_not_code_points() -> None:
    assert graphemes("👩‍👩‍👧") == 1


@given(st.text(max_size=300))
def test_offsets_always_point_inside_the_original(text: str) -> None:
    doc = Document(text)
    for view in (doc.folded, doc.squashed):
        assert len(view.offsets) == len(view.text)
        assert all(0 <= o < len(text) for o in view.offsets)
        if view.text:
            s, e = view.to_original(0, len(view.text))
            assert 0 <= s <= e <= len(text)
