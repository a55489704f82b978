import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tactful.engine.checks import build_check
from tactful.engine.checks.pattern import PatternCheck, PatternParams, leading_letters
from tactful.engine.text import Document
from tactful.engine.yamlfile import PolicyFileError


def _hits(text: str, **params: object) -> list[str]:
    check = PatternCheck(PatternParams.model_validate(params))
    return [text[h.start : h.end] for h in check.run(Document(text))]


def test_it_flags_a_match_and_passes_text_without_one() -> None:
    assert _hits("Use code SAVE10 today", patterns=[r"code\s+\w+"]) == ["code SAVE10"]
    assert _hits("Thanks for coming", patterns=[r"code\s+\w+"]) == []


def test_it_ignores_case_by_default_and_respects_case_when_asked() -> None:
    assert _hits("USE CODE", patterns=["use code"]) == ["USE CODE"]
    assert _hits("USE CODE", patterns=["use code"], ignorecase=False) == []


def test_folded_view_sees_through_leetspeak_and_points_at_the_original() -> None:
    text = "Please #V0teLab0ur now"
    assert _hits(text, patterns=["votelabour"], view="folded") == ["V0teLab0ur"]
    assert _hits(text, patterns=["votelabour"], view="original") == []


def test_squashed_view_joins_spaced_letters() -> None:
    assert _hits("s n e a k in", patterns=["sneak in"], view="squashed") == ["s n e a k in"]
    assert _hits("s n e a k in", patterns=["sneak in"], view="folded") == []


def test_unless_in_the_same_sentence_cancels_but_not_in_another() -> None:
    params = {"patterns": ["climb the fence"], "unless": [r"\bnever\b"]}
    assert _hits("Never climb the fence.", **params) == []
    assert _hits("Never give up. Climb the fence!", **params) == ["Climb the fence"]


def test_a_catastrophic_pattern_returns_promptly_with_no_hit() -> None:
    assert _hits("a" * 32 + "!", patterns=["(a+)+$"]) == []


def test_a_pattern_that_times_out_is_skipped_and_the_others_still_run(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rule's overall budget has its own test below; on a loaded machine the first
    # pattern's 20 ms can overrun it in wall-clock time, which is not what this tests.
    monkeypatch.setattr("tactful.engine.checks.pattern.RULE_BUDGET_MS", 10_000)
    text = "a" * 60 + "! use code X1"
    with caplog.at_level(logging.WARNING):
        hits = _hits(text, patterns=["(a|aa)+$", r"code\s+\w+"], timeout_ms=20)
    assert hits == ["code X1"]
    assert "timed out" in caplog.text


@pytest.mark.parametrize(
    "params",
    [
        {"patterns": ["x" * 501]},
        {"patterns": ["(unclosed"]},
        {"patterns": ["a?"]},
        {"patterns": [f"p{i}" for i in range(21)]},
        {"patterns": []},
        {"patterns": ["a"], "flags": "i"},
        {"patterns": ["a"], "timeout_ms": 10_000},
    ],
)
def test_it_refuses_unbounded_or_broken_params(params: dict[str, object]) -> None:
    with pytest.raises(PolicyFileError):
        build_check("pattern", params)


@pytest.mark.parametrize(
    "text", ["", " ", "😀" * 300, "\u202eمرحبا code x", "\x00\x01\x1b[31m", "code x " * 14_000]
)
def test_it_never_crashes_on_odd_text(text: str) -> None:
    hits = _hits(text, patterns=[r"code\s+\w+"], unless=["never"], view="squashed")
    assert len(hits) <= 100


def test_once_the_rule_budget_is_spent_the_remaining_patterns_are_skipped(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tactful.engine.checks.pattern.RULE_BUDGET_MS", 0)
    with caplog.at_level(logging.WARNING):
        hits = _hits("use code X1", patterns=[r"code\s+\w+"])
    assert hits == []
    assert "budget spent" in caplog.text


def test_leading_letters_reads_the_words_every_match_must_start_with() -> None:
    assert leading_letters(r"\b(?:nick|pinch)\s+it") == {"nick", "pinch"}
    assert leading_letters(r"\bnone\s+the\s+wiser\b|\bfinders\s+keepers\b") == {"none", "finders"}
    assert leading_letters(r"\bcats?\b") == {"cat"}
    assert leading_letters(r"\b(?:smash|kick)\w*\s+your") == {"smash", "kick"}
    # Anything less certain always runs: optional groups, classes, short words, flags.
    for unsure in (r"\b(?:the\s+)?guards?", r"[a-z]+ing", r"\b(?:i'll|we\s+will)", r"(?i)foo"):
        assert leading_letters(unsure) is None, unsure


PREFILTERED = [
    r"\b(?:nick|pinch|swipe)\w*\s+(?:a|some)\s+\w+",
    r"\bfree\s+(?:tickets?|entry)\b|\bno\s+need\s+to\s+pay\b",
    r"\bself[\s-]?check\w*",
]


@given(
    st.lists(
        st.sampled_from(
            [
                "Nick",
                "PINCH",
                "swiped",
                "ſelf-checkout",
                "a",
                "some",
                "free",
                "tickets",
                "entry",
                "no",
                "need",
                "to",
                "pay",
                "ſwipe",
                "K",
                "é",
                "🙂",
                " ",
                "  ",
                ".",
                "-",
            ]
        ),
        max_size=20,
    ).map(" ".join)
)
def test_the_letter_prefilter_never_changes_what_a_pattern_finds(text: str) -> None:
    check = PatternCheck(PatternParams.model_validate({"patterns": PREFILTERED}))
    assert all(lead is not None for lead in check.leads)
    plain = PatternCheck(PatternParams.model_validate({"patterns": PREFILTERED}))
    plain.leads = [None] * len(plain.leads)
    doc = Document(text)
    assert [(h.start, h.end) for h in check.run(doc)] == [(h.start, h.end) for h in plain.run(doc)]
