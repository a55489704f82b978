"""Pattern: regular expressions written in a rule or in a charity's policy file.

Each pattern is a regular expression (the ``regex`` module's syntax, a superset of
Python's ``re``). It runs on one view of the draft:

- ``original``: the text as typed;
- ``folded``: lower-cased, accents, look-alike letters, leetspeak and invisible
  characters undone, so ``#V0teLab0ur`` reads ``#votelabour``;
- ``squashed``: folded, and letters spaced or dotted apart joined up.

Findings always point back at what the author typed. ``ignorecase`` (on by default)
makes the match case-blind. ``unless`` lists patterns that, found in the same
sentence as a match, cancel it: the safe reading of an ambiguous phrase.

Because these patterns can come from a user's policy file, they are bounded:
at most 20 patterns and 20 ``unless`` patterns, each at most 500 characters, and
each pattern gets at most 50 ms per post (the ``timeout_ms`` param, up to 200).
A rule spends at most 200 ms of CPU time on a post in all. A pattern that runs out of time
(catastrophic backtracking such as ``(a|aa)+$``) is skipped for that post: it
yields no finding and a warning is logged naming the pattern, so one badly
written rule can slow a check down but never hang it. A rule reports at most 100
findings on one post.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from collections.abc import Iterable, Set
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..text import Document, Folded, SentenceIndex
from .base import Check, Hit

MAX_PATTERNS = 20
MAX_PATTERN_CHARS = 500
DEFAULT_TIMEOUT_MS = 50
# The most one rule may spend on one post, whatever its number of patterns.
RULE_BUDGET_MS = 200


def _spent() -> float:
    """The clock the rule budget runs on: this thread's CPU time, so a busy machine
    that pauses the checker between patterns does not use up the budget and skip a
    pattern a quiet one would run. (Each match's own time limit, which the regex
    library measures on the wall clock, still stops a runaway pattern.)"""
    return time.thread_time()
# Past this many findings from one rule on one post, more add nothing for the author.
MAX_HITS = 100

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4096)
def _compile(pattern: str, ignorecase: bool) -> regex.Pattern[str]:
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(pattern, flags)


def _check_patterns(value: list[str]) -> list[str]:
    if len(value) > MAX_PATTERNS:
        raise ValueError(f"at most {MAX_PATTERNS} patterns")
    for p in value:
        if not p:
            raise ValueError("a pattern cannot be empty")
        if len(p) > MAX_PATTERN_CHARS:
            raise ValueError(f"pattern longer than {MAX_PATTERN_CHARS} characters: {p[:30]!r}")
        try:
            rx = _compile(p, True)
        except regex.error as exc:
            raise ValueError(f"not a valid regular expression ({exc}): {p[:60]!r}") from None
        if rx.search("") is not None:
            raise ValueError(f"pattern matches empty text, so it would flag every post: {p[:60]!r}")
    return value


class PatternParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patterns: list[str] = Field(min_length=1)
    unless: list[str] = Field(default_factory=list)
    view: Literal["original", "folded", "squashed"] = "original"
    ignorecase: bool = True
    timeout_ms: int = Field(default=DEFAULT_TIMEOUT_MS, ge=1, le=200)
    message: str | None = None

    @field_validator("patterns", "unless")
    @classmethod
    def _bounded(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.context and info.context.get("trusted"):
            # a built-in rule: its patterns are compiled and tried on every example by
            # the tests, so loading it skips compiling them all up front (a cold start
            # then compiles only the patterns a draft could match)
            return value
        return _check_patterns(value)


class PatternCheck(Check):
    """Flags text matching any of a rule's regular expressions (bounded in size and time)."""

    kind = "pattern"
    Params = PatternParams

    def __init__(self, params: PatternParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        # Compiled when first needed: compiling costs more than reading a pattern's
        # requirements, so a draft that cannot match a pattern never compiles it.
        self._patterns: list[regex.Pattern[str] | None] = [None] * len(params.patterns)
        self._unless: list[regex.Pattern[str]] | None = None
        # For each pattern, the requirements every match meets (each a set of words
        # one of which the text must hold), so a post missing one skips the pattern
        # cheaply, without compiling it.
        self.needs: list[_Search] | None = None
        self._prefilter = True  # off only in tests, to compare against every pattern run

    @property
    def patterns(self) -> list[regex.Pattern[str]]:
        return [self._pattern(i) for i in range(len(self.p.patterns))]

    @property
    def unless(self) -> list[regex.Pattern[str]]:
        if self._unless is None:
            self._unless = [_compile(p, self.p.ignorecase) for p in self.p.unless]
        return self._unless

    def warm(self) -> None:
        """Compile every pattern and read their requirements now."""
        self._needs()
        for i in range(len(self.p.patterns)):
            self._pattern(i)
        _ = self.unless

    def _pattern(self, i: int) -> regex.Pattern[str]:
        rx = self._patterns[i]
        if rx is None:
            rx = self._patterns[i] = _compile(self.p.patterns[i], self.p.ignorecase)
        return rx

    def run(self, doc: Document) -> Iterable[Hit]:
        text, view = _view(doc, self.p.view)
        deadline = _spent() + RULE_BUDGET_MS / 1000
        needs = self._needs()
        low, trigrams = _index(text)
        sentences: SentenceIndex | None = None
        seen: list[tuple[int, int]] = []
        for i, need in enumerate(needs):
            if self._prefilter and need and not _may_match(need, low, trigrams):
                continue
            if self._patterns[i] is None:
                # a first compile is not matching time: it must not eat the budget, or
                # a cold `tactful check` could skip a pattern a warm desk would run
                began = _spent()
                rx = self._pattern(i)
                deadline += _spent() - began
            else:
                rx = self._pattern(i)
            for start, end in self._matches(rx, text, deadline):
                if self.p.unless:
                    if sentences is None:
                        sentences = _sentences(doc, view)
                    if self._unless is None:  # compiled outside the budget, as above
                        began = _spent()
                        _ = self.unless
                        deadline += _spent() - began
                    if self._cancelled(text, sentences.around(start, end), deadline):
                        continue
                span = view.to_original(start, end) if view is not None else (start, end)
                if any(s <= span[0] < e for s, e in seen):
                    continue
                seen.append(span)
                yield Hit(span[0], span[1], message=self.p.message)
                if len(seen) >= MAX_HITS:
                    return

    def _needs(self) -> list[_Search]:
        """The patterns' requirements, read the first time the check runs."""
        if self.needs is None:
            self.needs = [_searchable(required_literals(p)) for p in self.p.patterns]
        return self.needs

    def _matches(self, rx: regex.Pattern[str], text: str, deadline: float) -> list[tuple[int, int]]:
        timeout = min(self.p.timeout_ms / 1000, deadline - _spent())
        if timeout <= 0:
            log.warning("pattern skipped, rule time budget spent: %.60r", rx.pattern)
            return []
        try:
            return [
                (m.start(), m.end())
                for m in rx.finditer(text, timeout=timeout)
                if m.end() > m.start()
            ]
        except TimeoutError:
            log.warning("pattern timed out and was skipped: %.60r", rx.pattern)
            return []

    def _cancelled(self, text: str, sentence: tuple[int, int], deadline: float) -> bool:
        s, e = sentence
        for rx in self.unless:
            timeout = max(0.001, min(self.p.timeout_ms / 1000, deadline - _spent()))
            try:
                if rx.search(text, s, e, timeout=timeout):
                    return True
            except TimeoutError:
                log.warning("unless pattern timed out and was skipped: %.60r", rx.pattern)
        return False


# What follows reads a pattern for the text every one of its matches must contain:
# one of a few literal words, such as {nicked, pinched} for
# ``\b(?:we|they)\s+(?:nicked|pinched)\b``. A post whose case-folded text holds none
# of them cannot match, so the pattern is skipped without running. The reading is
# conservative: syntax it does not follow (backreferences, conditionals, fuzzy
# matching, verbose mode and other flags, nested classes) gives no words, and
# anything it cannot be sure a match holds (classes, look-arounds, parts that may be
# left out) adds nothing; a pattern it can prove nothing of simply always runs.

# The characters a literal may hold. For each, every character the ``regex`` module
# matches it with (case-blind or not) case-folds to the same text as the character
# itself, once ``_lowered`` has mended "ı" and the dot of "İ" (which "I" and "i" also
# match); a test checks this over the whole of Unicode.
LITERAL_CHARS = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("‘’“”£")
# Beyond this many spellings a run of literal text is cut into shorter runs.
MAX_SPELLINGS = 64

# How often each character turns up in a post (a rough table): the rarity of a word
# is how likely it is to start at a given place, which picks the requirement that
# skips a pattern most often. Common short words are far likelier than their
# letters suggest, so they have a floor.
_FREQUENCY = {
    " ": 0.18, "e": 0.10, "t": 0.073, "a": 0.065, "o": 0.061, "i": 0.056, "n": 0.056,
    "s": 0.051, "h": 0.049, "r": 0.048, "d": 0.034, "l": 0.032, "u": 0.022, "c": 0.021,
    "m": 0.019, "w": 0.018, "f": 0.018, "g": 0.016, "y": 0.015, "p": 0.014, "b": 0.012,
    "v": 0.008, "k": 0.006, ".": 0.01, ",": 0.01, "'": 0.003, "’": 0.003, "!": 0.003,
    "-": 0.002, "#": 0.002, "@": 0.001,
}  # fmt: skip
_OTHER_FREQUENCY = 0.0005
_COMMON_WORDS = frozenset({
    "the", "and", "for", "you", "your", "with", "are", "was", "our", "not", "all", "can",
    "will", "one", "out", "who", "what", "have", "has", "this", "that", "they", "their",
    "them", "from", "but", "get", "just", "more", "about", "some", "there", "here",
    "when", "how", "now", "new", "its", "it's", "off", "any", "were", "been",
})  # fmt: skip
_COMMON_WORD_FREQUENCY = 0.002
# At most this many requirements are kept for one pattern, the rarest.
MAX_REQUIREMENTS = 3

# What the reading knows of a piece of a pattern: every string it can match, when
# they are few and all literal (else None), and requirements, each a set of words
# one of which every match contains.
_Words = frozenset[str]
_Reading = tuple[_Words | None, tuple[_Words, ...]]
_NO_TEXT: _Words = frozenset({""})
_EMPTY: _Reading = (_NO_TEXT, ())  # matches only the empty string
_UNKNOWN: _Reading = (None, ())

_OPENER = re.compile(
    r"\?(?:(?P<look>=|!|<=|<!)|(?P<flags>[ims]*(?:-[ims]+)?)(?P<end>[:)])|>|P?<[A-Za-z_]\w*>)"
)
# Characters that stand for themselves outside a class (in this reading).
_PLAIN = re.compile(r"[^\\\[\]().|^$*+?{}]+")
_WORDS = re.compile(r"[^\\\[\]().|^$*+?{}]*(?:\|[^\\\[\]().|^$*+?{}]*)*\)")
_BRACES = re.compile(r"\{(\d+)(?:(,)(\d*))?\}|\{,(\d+)\}")


class _Unsure(Exception):
    """The pattern uses syntax the reading does not follow."""


@functools.lru_cache(maxsize=4096)
def required_literals(source: str) -> tuple[frozenset[str], ...]:
    """Requirements every match of the pattern ``source`` meets, rarest first: each
    a set of words (case-folded), one of which the match contains. Empty when the
    reading can prove none. ``\\bfree\\s+(?:tickets?|entry)\\b`` gives ({ticket,
    entry}, {free}). Only ever used to skip a pattern missing a requirement."""
    try:
        reading = _Reader(source).whole()
    except _Unsure:
        return ()
    return tuple(sorted(_needs(reading), key=_rarity)[:MAX_REQUIREMENTS])


def _lowered(text: str) -> str:
    """``text`` case-folded, with "ı" read as "i" and the dot that folding "İ" leaves
    dropped, so a literal is in it wherever the pattern could match it."""
    low = text.casefold()
    if not low.isascii():
        low = low.replace("ı", "i").replace("\u0307", "")
    return low


def _fewest(words: _Words) -> _Words | None:
    """``words`` less those holding another of them; None if one is empty."""
    if "" in words or not words:
        return None
    if len(words) == 1:
        return words
    kept: list[str] = []
    for w in sorted(words, key=len):
        if not any(k in w for k in kept):
            kept.append(w)
    return frozenset(kept)


def _needs(reading: _Reading) -> tuple[_Words, ...]:
    exact, needs = reading
    if exact is None:
        return needs
    words = _fewest(exact)
    return () if words is None else (words,)


def _rarity(words: _Words) -> float:
    """How likely one of ``words`` is to start at a given place in a post."""
    return sum(map(_word_rarity, words))


@functools.lru_cache(maxsize=4096)
def _word_rarity(word: str) -> float:
    rarity = math.prod(_FREQUENCY.get(c, _OTHER_FREQUENCY) for c in word)
    return max(rarity, _COMMON_WORD_FREQUENCY) if word.strip() in _COMMON_WORDS else rarity


def _rarest(needs: tuple[_Words, ...]) -> _Words | None:
    return min(needs, key=_rarity) if needs else None


def _either(branches: list[_Reading]) -> _Reading:
    """Alternatives: a match contains one of the rarest requirement of each."""
    if len(branches) == 1:
        return branches[0]
    exacts = [exact for exact, _ in branches]
    if all(exact is not None for exact in exacts):
        union = frozenset().union(*exacts)  # type: ignore[arg-type]
        if len(union) <= MAX_SPELLINGS:
            return union, ()
    union = frozenset[str]()
    for branch in branches:
        words = _rarest(_needs(branch))
        if words is None:
            return _UNKNOWN
        union |= words
    words = _fewest(union)
    return None, (() if words is None else (words,))


def _then(items: list[_Reading]) -> _Reading:
    """A sequence: adjacent literal pieces join into runs, and a match meets the
    requirements of every run and every other piece."""
    found: list[_Words] = []
    run: _Words = _NO_TEXT
    whole = True
    for exact, needs in items:
        if exact is None:
            whole = False
            found.append(run)
            run = _NO_TEXT
            found.extend(needs)
            continue
        joined = exact if run == _NO_TEXT else frozenset(a + b for a in run for b in exact)
        if len(joined) > MAX_SPELLINGS:
            whole = False
            found.append(run)
            run = exact
        else:
            run = joined
    if whole:
        return run, ()
    found.append(run)
    usable = dict.fromkeys(f for f in map(_fewest, found) if f is not None)
    return None, tuple(usable)


class _Reader:
    """Reads a pattern in the ``regex`` module's version 0 syntax."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0

    def peek(self, ahead: int = 0) -> str:
        return self.s[self.i + ahead : self.i + ahead + 1]

    def whole(self) -> _Reading:
        reading = self.alternation()
        if self.i != len(self.s):
            raise _Unsure
        return reading

    def alternation(self) -> _Reading:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return _either(branches)

    def sequence(self) -> _Reading:
        s = self.s
        items: list[_Reading] = []
        while (c := s[self.i : self.i + 1]) and c not in "|)":
            plain = _PLAIN.match(s, self.i)
            if plain is not None:
                # A stretch of plain characters, read at once; a quantifier after it
                # applies to its last character alone, read on its own below.
                text = plain.group()
                if s[plain.end() : plain.end() + 1] in ("?", "*", "+", "{"):
                    text = text[:-1]
                if text and LITERAL_CHARS.issuperset(text):
                    self.i += len(text)
                    items.append((frozenset({text.casefold()}), ()))
                    continue
            items.append(self.repeated(self.atom()))
        return _then(items)

    def atom(self) -> _Reading:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c in "*+?{}]":
            raise _Unsure
        self.i += 1
        if c in "^$":
            return _EMPTY
        if c == ".":
            return _UNKNOWN
        return _char(c)

    def group(self) -> _Reading:
        self.i += 1
        look = False
        if self.peek() == "?":
            m = _OPENER.match(self.s, self.i)
            if m is None:
                raise _Unsure  # comments, conditionals, recursion, other flags...
            self.i = m.end()
            if m["end"] == ")":
                if not m["flags"]:
                    raise _Unsure
                return _EMPTY  # (?i) and the like: no text of its own
            look = m["look"] is not None
        words = None if look else _WORDS.match(self.s, self.i)
        if words is not None:
            # Plain words and nothing else, such as (?:nick|pinch): read at once.
            spelt = words.group()[:-1].split("|")
            if len(spelt) <= MAX_SPELLINGS and all(map(LITERAL_CHARS.issuperset, spelt)):
                self.i = words.end()
                return frozenset(w.casefold() for w in spelt), ()
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unsure
        self.i += 1
        # What a look-around sees is not part of the match: it adds nothing.
        return _UNKNOWN if look else inner

    def escape(self) -> _Reading:
        d = self.peek(1)
        self.i += 2
        if not d:
            raise _Unsure
        if d in "bBAZmM":
            return _EMPTY
        if d in "dDsSwWnrtfv":
            return _UNKNOWN
        if d in "pP":
            if self.peek() == "{":
                end = self.s.find("}", self.i)
                if end < 0:
                    raise _Unsure
                self.i = end + 1
            else:
                self.i += 1
            return _UNKNOWN
        if d.isascii() and d.isalnum():
            raise _Unsure  # backreferences, octal and hex codes, \N{...}, \X, \G...
        return _char(d)

    def char_class(self) -> _Reading:
        """``[...]``: its characters when it is a plain list of literal ones."""
        s, j = self.s, self.i + 1
        plain = True
        if s.startswith("^", j):
            plain = False
            j += 1
        if s.startswith("]", j):
            raise _Unsure
        members: set[str] = set()
        while True:
            c = s[j : j + 1]
            if c in ("", "["):
                raise _Unsure
            if c == "]":
                break
            if c in "&|~-" and s.startswith(c * 2, j):
                raise _Unsure  # set operations in other versions of the syntax
            if c == "\\":
                d = s[j + 1 : j + 2]
                if not d:
                    raise _Unsure
                if d.isascii() and d.isalnum():
                    plain = False
                members.add(d)
                j += 2
                continue
            if c == "-" and members and not s.startswith("]", j + 1):
                plain = False  # a range
            members.add(c)
            j += 1
        self.i = j + 1
        if plain and members and members <= LITERAL_CHARS:
            return frozenset(m.casefold() for m in members), ()
        return _UNKNOWN

    def repeated(self, reading: _Reading) -> _Reading:
        c = self.peek()
        high: int | None
        if c == "?":
            low, high = 0, 1
            self.i += 1
        elif c in ("*", "+"):
            low, high = (0 if c == "*" else 1), None
            self.i += 1
        elif c == "{":
            m = _BRACES.match(self.s, self.i)
            if m is None:
                raise _Unsure  # fuzzy matching, or a brace the reading cannot place
            self.i = m.end()
            if m[4] is not None:
                low, high = 0, int(m[4])
            else:
                low = int(m[1])
                high = (int(m[3]) if m[3] else None) if m[2] else low
        else:
            return reading
        if self.peek() in ("?", "+"):
            self.i += 1  # lazy or possessive: the same strings match
        if self.peek() and self.peek() in "?*+{":
            raise _Unsure
        exact = reading[0]
        if high == 0:
            return _EMPTY
        if low == 0:
            return (exact | {""}, ()) if high == 1 and exact is not None else _UNKNOWN
        if high == 1:
            return reading
        return None, _needs(reading)


def _char(c: str) -> _Reading:
    return (frozenset({c.casefold()}), ()) if c in LITERAL_CHARS else _UNKNOWN


# A pattern's requirements as searched for. Each holds the rarest three characters
# of each of its words (None if one is shorter), so that a text holding none of them
# is ruled out in one step; and its words, the likeliest first, each with its rarest
# three characters (None if shorter), looked for only when these are in the text.
_Words3 = tuple[tuple[str, str | None], ...]
_Search = tuple[tuple[frozenset[str] | None, _Words3], ...]


def _searchable(needs: tuple[frozenset[str], ...]) -> _Search:
    out = []
    for words in needs:
        ordered = sorted(words, key=lambda w: (-_word_rarity(w), w))
        pieces = tuple((w, _rarest_trigram(w)) for w in ordered)
        trigrams = [t for _, t in pieces if t is not None]
        out.append((frozenset(trigrams) if len(trigrams) == len(pieces) else None, pieces))
    return tuple(out)


def _rarest_trigram(word: str) -> str | None:
    if len(word) < 3:
        return None
    return min((word[i : i + 3] for i in range(len(word) - 2)), key=_word_rarity)


@functools.lru_cache(maxsize=4)
def _index(text: str) -> tuple[str, Set[str]]:
    """``text`` lowered (see ``_lowered``), and every three characters running in it.
    Shared by the rules reading the same text of one post (it has at most three
    views); never changed."""
    low = _lowered(text)
    return low, {low[i : i + 3] for i in range(len(low) - 2)}


def _may_match(needs: _Search, low: str, trigrams: Set[str]) -> bool:
    """Whether the lowered text ``low`` meets every requirement (``trigrams``: every
    three characters running in it)."""
    for pieces, words in needs:
        if pieces is not None and pieces.isdisjoint(trigrams):
            return False
        for word, trigram in words:
            if (trigram is None or trigram in trigrams) and word in low:
                break
        else:
            return False
    return True


def _sentences(doc: Document, view: Folded | None) -> SentenceIndex:
    """The sentence index of the text a rule reads, built once per post and view."""
    return doc.sentences if view is None else doc.sentences_of(view)


def _view(doc: Document, name: str) -> tuple[str, Folded | None]:
    if name == "folded":
        return doc.folded.text, doc.folded
    if name == "squashed":
        return doc.squashed.text, doc.squashed
    return doc.text, None
