import logging

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tactful.engine.checks import build_check
from tactful.engine.checks.pattern import (
    LITERAL_CHARS,
    PatternCheck,
    PatternParams,
    _index,
    _lowered,
    _may_match,
    _searchable,
    required_literals,
)
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


def test_a_slow_first_compile_does_not_spend_the_rule_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from tactful.engine.checks import pattern as module

    real = module._compile

    def slow(*args, **kwargs):
        time.sleep(0.05)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "RULE_BUDGET_MS", 40)
    monkeypatch.setattr(module, "_compile", slow)
    hits = _hits("use code X1 and code Y2", patterns=[r"code\s+X\w", r"code\s+Y\w"], unless=["never"])
    assert len(hits) == 2


def test_a_pause_by_a_busy_machine_does_not_spend_the_rule_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from tactful.engine.checks import pattern as module

    real = module._index

    def paused(text: str):
        time.sleep(0.06)  # the thread waits its turn: wall time passes, CPU time does not
        return real(text)

    monkeypatch.setattr(module, "RULE_BUDGET_MS", 40)
    monkeypatch.setattr(module, "_index", paused)
    hits = _hits("use code X1 and code Y2", patterns=[r"code\s+X\w", r"code\s+Y\w"])
    assert len(hits) == 2


def _words(pattern: str) -> list[set[str]]:
    return [set(words) for words in required_literals(pattern)]


def test_required_literals_finds_the_words_a_match_must_hold_anywhere_in_it() -> None:
    assert {"nicked", "pinched"} in _words(r"\b(?:we|they)\s+(?:nicked|pinched)\b")
    assert {"ticket", "entry"} in _words(r"\bfree\s+(?:tickets?|entry)\b")
    assert {"free"} in _words(r"\bfree\s+(?:tickets?|entry)\b")
    assert _words(r"\bcats?\b") == [{"cat"}]
    assert {"permission"} in _words(r"(?i:\bwith\s+(?:kind\s+)?permission\b)")
    assert {"bar"} in _words(r"(?s)foo.{0,40}?\b(?:bar|bars)\b")
    assert {"tell"} in _words(r"\bdon['’]?t\s+tell\b")
    assert {"£"} in _words(r"£\d+\s+off")
    assert {"sneak"} in _words(r"(?:\w+\s+){0,3}\bsneak(?:ed|ing)?\s+in")
    # Repeated at least once still holds the words; case is folded.
    assert _words(r"(?:Nick|PINCH)+\d") == [{"nick", "pinch"}]
    # A top-level alternation: one word from each branch.
    (words,) = _words(r"\bnone\s+the\s+wiser\b|\bfinders\s+keepers\b")
    assert len(words) == 2
    assert words & {"none", "the", "wiser"}
    assert words & {"finders", "keepers"}


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:nick|pinch)?\s+\w+",  # optional
        r"(?:nick)*\d",
        r"(?:nick){0,2}\d",
        r"(?:nick){0}x?\d",
        r"nick|\w+",  # a branch without words
        r"(?=nick)\w+",  # what a look-around sees is not part of the match
        r"(?<=nick)\w+",
        r"(?!nick)\w+",
        r"(nick)\1",  # backreferences
        r"(?x)n i c k",  # verbose mode
        r"(?V1)nick",
        r"(?#note)nick",
        r"(?:nick){e<=1}",  # fuzzy matching
        r"(?(1)nick|pinch)",
        r"[^nick]+",
        r"[a-z]\w+",
        r"\p{Lu}\w+",
        r"\N{BULLET}\w",
        r"\x41\w",
        r"🤫",  # a character the reading does not vouch for
        r"[[:alpha:]]+",
    ],
)
def test_required_literals_gives_nothing_when_it_cannot_be_sure(pattern: str) -> None:
    assert required_literals(pattern) == ()


def test_every_literal_character_lowers_to_itself_wherever_the_regex_module_matches_it() -> None:
    # Why a word found by the reading is in the lowered text wherever the pattern
    # matches: case-blind, the regex module matches each of these characters only
    # with characters that lower to the same text.
    every = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    for c in LITERAL_CHARS:
        for twin in set(regex.findall(regex.escape(c), every, regex.IGNORECASE)):
            assert _lowered(twin) == c.casefold(), (c, twin)


def _primed(patterns: list[str]) -> PatternCheck:
    """A check whose requirements are read (they are from its first run on)."""
    check = PatternCheck(PatternParams.model_validate({"patterns": patterns}))
    list(check.run(Document("")))
    assert check.needs is not None
    return check


def _unfiltered(patterns: list[str]) -> PatternCheck:
    """The same check running every pattern on every draft."""
    check = PatternCheck(PatternParams.model_validate({"patterns": patterns}))
    check._prefilter = False
    return check


def test_a_pattern_whose_words_are_missing_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    check = _primed([r"\b(?:we|they)\s+(?:nicked|pinched)\b", r"code\s+\w+"])
    ran: list[str] = []
    real = check._matches

    def spy(rx: regex.Pattern[str], text: str, deadline: float) -> list[tuple[int, int]]:
        ran.append(rx.pattern)
        return real(rx, text, deadline)

    monkeypatch.setattr(check, "_matches", spy)
    assert list(check.run(Document("They took the lot."))) == []
    assert ran == []
    hits = list(check.run(Document("Then they PINCHED it, code X1")))
    assert len(ran) == 2
    assert len(hits) == 2


def test_the_first_run_reads_the_requirements_and_finds_what_every_pattern_finds() -> None:
    check = PatternCheck(PatternParams.model_validate({"patterns": [r"\bnick\w*"]}))
    assert check.needs is None
    first = [(h.start, h.end) for h in check.run(Document("Nick it, nicked"))]
    assert check.needs is not None
    plain = [(h.start, h.end) for h in _unfiltered([r"\bnick\w*"]).run(Document("Nick it, nicked"))]
    assert first == plain == [(0, 4), (9, 15)]


def test_a_trusted_rule_compiles_only_the_patterns_a_draft_could_match() -> None:
    params = {"patterns": [r"\bpinched\b", r"\bfly[\s-]?tipp\w*"], "unless": [r"\bnever\b"]}
    check = build_check("pattern", params, trusted=True)
    assert isinstance(check, PatternCheck)
    assert check._patterns == [None, None] and check._unless is None
    assert list(check.run(Document("We pinched it."))) != []
    assert check._patterns[0] is not None and check._patterns[1] is None
    assert check._unless is not None  # a match reads the unless list


def test_warming_compiles_every_pattern_up_front() -> None:
    params = {"patterns": [r"\bpinched\b", r"\bfly-?tipp\w*"], "unless": [r"\bnever\b"]}
    check = build_check("pattern", params, trusted=True)
    assert isinstance(check, PatternCheck)
    check.warm()
    assert None not in check._patterns and check._unless is not None and check.needs is not None


def test_a_trusted_rule_skips_only_the_up_front_compile_not_the_syntax() -> None:
    # untrusted (a charity's own rule), a broken pattern is refused when the file loads
    with pytest.raises(PolicyFileError):
        build_check("pattern", {"patterns": ["(unclosed"]})
    # trusted, the same mistake surfaces the first time a draft could match it, which
    # is why every built-in rule is also loaded untrusted by a test
    check = build_check("pattern", {"patterns": ["(unclosed"]}, trusted=True)
    with pytest.raises(regex.error):
        list(check.run(Document("an unclosed bracket")))


PREFILTERED = [
    r"\b(?:nick|pinch|swipe)\w*\s+(?:a|some)\s+\w+",
    r"\bfree\s+(?:tickets?|entry)\b|\bno\s+need\s+to\s+pay\b",
    r"\bself[\s-]?check\w*",
    r"(?i:\b(?:we|they)\s+)(?:nicked|pinched|kicked)\b",
    r"\w+\s+(?:it|its)\s+(?:skis|kiss)\b",
    r"don['’]?t\s+tell\s+(?:the\s+)?(?:boss|taxman)",
]


@given(
    st.lists(
        st.sampled_from(
            [
                "Nick", "PINCH", "swiped", "ſelf-checkout", "a", "some", "free", "tickets",
                "entry", "no", "need", "to", "pay", "ſwipe", "We", "THEY", "nicKed", "İt",
                "ıts", "ſkis", "kiſſ", "KISS", "don’t", "DON'T", "tell", "the", "taxman",
                "boss", "K", "é", "🙂", " ", "  ", ".", "-",
            ]
        ),
        max_size=20,
    ).map(" ".join)
)  # fmt: skip
def test_the_word_prefilter_never_changes_what_a_pattern_finds(text: str) -> None:
    check = _primed(PREFILTERED)
    assert check.needs is not None
    assert all(check.needs)
    plain = _unfiltered(PREFILTERED)
    doc = Document(text)
    assert [(h.start, h.end) for h in check.run(doc)] == [(h.start, h.end) for h in plain.run(doc)]


_PIECES = [
    "nick", "Pinch", "ab", "a b", "'", "’", "-", "£", r"\.", r"\b", r"\s+", r"\w", r"\d",
    "[ab]", "[a-c]", "[^a]", "['’]", r"[\s-]", "(?=a)", "(?!b)", "(?<=a)", "^", "$", "İ", "ı",
    "K",
]  # fmt: skip


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.booleans()):
            inner = "|".join(draw(st.lists(_patterns(depth + 1), min_size=1, max_size=3)))
            piece = draw(st.sampled_from(["(?:{})", "({})", "(?i:{})", "(?-i:{})"])).format(inner)
        else:
            piece = draw(st.sampled_from(_PIECES))
        parts.append(
            piece + draw(st.sampled_from(["", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}"]))
        )
    return "".join(parts)


_TEXT_PIECES = ["nick", "NICK", "pinch", "a", "b", "ab", "a b", "İ", "ı", "K", "ſ", "'", "’", "£", " ", "-", "."]  # fmt: skip


# A generated pattern may backtrack badly ("(?:(?:[^a]*)*nick)?nicknick"): the search is
# cut short, such a case proves nothing either way, and no deadline applies.
@settings(deadline=None)
@given(
    _patterns(), st.lists(st.sampled_from(_TEXT_PIECES), max_size=12).map("".join), st.booleans()
)
def test_wherever_a_pattern_matches_its_requirements_are_met(
    pattern: str, text: str, ignorecase: bool
) -> None:
    try:
        rx = regex.compile(pattern, regex.IGNORECASE if ignorecase else 0)
    except regex.error:
        return
    needs = _searchable(required_literals(pattern))
    try:
        found = rx.search(text, timeout=0.1)
    except TimeoutError:
        return
    if found is not None:
        assert _may_match(needs, *_index(text)), (pattern, text, needs)
