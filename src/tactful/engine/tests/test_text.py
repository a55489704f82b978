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


def _reference_fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Folding one character at a time, as first written (the fast path must agree)."""
    from tactful.engine.text import LEET, _fold_char, _inside_word

    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        if piece in LEET and _inside_word(text, i, len(text)):
            piece = LEET[piece]
        for c in piece:
            out.append(c)
            offsets.append(i)
    return "".join(out), tuple(offsets)


def _reference_squash(text: str) -> str:
    from tactful.engine.text import _is_single_letter_gap

    out: list[str] = []
    for i, ch in enumerate(text):
        if not ch.isalpha() and _is_single_letter_gap(text, i, len(text)):
            continue
        if len(out) >= 2 and ch.isalpha() and out[-1] == ch and out[-2] == ch:
            continue
        out.append(ch)
    return "".join(out)


MIXED = st.text(
    alphabet=st.sampled_from(list("aAbeE sS.-_*~013457890@$!|+£€’éÉßЅоα\u200b\n\tİ😀")),
    max_size=60,
)


@given(st.one_of(MIXED, st.text(max_size=60)))
def test_folding_in_runs_agrees_with_folding_each_character(text: str) -> None:
    folded = fold(text + "\x7f")  # a fresh string each time, past the fold cache
    ref_text, ref_offsets = _reference_fold(text + "\x7f")
    assert folded.text == ref_text
    assert folded.offsets == ref_offsets


@given(st.one_of(MIXED, st.text(alphabet=st.sampled_from(list("ab .-*éé")), max_size=40)))
def test_squash_changes_a_text_only_where_the_slow_walk_would(text: str) -> None:
    folded = fold(text)
    squashed = squash(folded)
    assert squashed.text == _reference_squash(folded.text)
    assert len(squashed.offsets) == len(squashed.text)


def test_squash_leaves_an_ordinary_post_as_it_is_and_still_joins_spacing() -> None:
    plain = fold("Our coffee morning raised £212 - thank you all!")
    assert squash(plain) is plain
    assert squash(fold("you are a f u c k i n g joke")).text == "you are afucking joke"
    assert squash(fold("soooo good")).text == "soo good"
