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
A rule spends at most 200 ms on a post in all. A pattern that runs out of time
(catastrophic backtracking such as ``(a|aa)+$``) is skipped for that post: it
yields no finding and a warning is logged naming the pattern, so one badly
written rule can slow a check down but never hang it. A rule reports at most 100
findings on one post.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterable, Iterator
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import Document, Folded, SentenceIndex
from .base import Check, Hit

MAX_PATTERNS = 20
MAX_PATTERN_CHARS = 500
DEFAULT_TIMEOUT_MS = 50
# The most one rule may spend on one post, whatever its number of patterns.
RULE_BUDGET_MS = 200
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
    def _bounded(cls, value: list[str]) -> list[str]:
        return _check_patterns(value)


class PatternCheck(Check):
    """Flags text matching any of a rule's regular expressions (bounded in size and time)."""

    kind = "pattern"
    Params = PatternParams

    def __init__(self, params: PatternParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.patterns = [_compile(p, params.ignorecase) for p in params.patterns]
        self.unless = [_compile(p, params.ignorecase) for p in params.unless]
        # For each pattern, the letters one of its matches must begin with (None: no
        # such guarantee), so a post holding none of them skips the pattern cheaply.
        self.leads = [leading_letters(p) for p in params.patterns]

    def run(self, doc: Document) -> Iterable[Hit]:
        text, view = _view(doc, self.p.view)
        sentences = SentenceIndex(text) if self.unless else None
        deadline = time.monotonic() + RULE_BUDGET_MS / 1000
        seen: list[tuple[int, int]] = []
        # Case-folded, so the check only ever lets more through than the pattern would
        # match ("ſ" folds to "s" as it does in the pattern's case-insensitive match).
        low = text.casefold()
        for rx, lead in zip(self.patterns, self.leads, strict=True):
            if lead is not None and not any(w in low for w in lead):
                continue
            for start, end in self._matches(rx, text, deadline):
                if sentences and self._cancelled(text, sentences.around(start, end), deadline):
                    continue
                span = view.to_original(start, end) if view is not None else (start, end)
                if any(s <= span[0] < e for s, e in seen):
                    continue
                seen.append(span)
                yield Hit(span[0], span[1], message=self.p.message)
                if len(seen) >= MAX_HITS:
                    return

    def _matches(self, rx: regex.Pattern[str], text: str, deadline: float) -> list[tuple[int, int]]:
        timeout = min(self.p.timeout_ms / 1000, deadline - time.monotonic())
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
            timeout = max(0.001, min(self.p.timeout_ms / 1000, deadline - time.monotonic()))
            try:
                if rx.search(text, s, e, timeout=timeout):
                    return True
            except TimeoutError:
                log.warning("unless pattern timed out and was skipped: %.60r", rx.pattern)
        return False


def _syntax(source: str, start: int, stop: int) -> Iterator[tuple[int, str]]:
    """``(index, character)`` for each character of ``source[start:stop]`` that is
    regex syntax: escapes and the inside of ``[...]`` classes are skipped."""
    in_class, i = False, start
    while i < stop:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            yield i, c
        i += 1


def _top_level(source: str, start: int = 0, stop: int | None = None) -> list[str] | None:
    """``source[start:stop]`` split at its top-level ``|``; None if it is not balanced."""
    stop = len(source) if stop is None else stop
    parts, depth, last = [], 0, start
    for i, c in _syntax(source, start, stop):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            parts.append(source[last:i])
            last = i + 1
    if depth:
        return None
    parts.append(source[last:stop])
    return parts


def _closing(source: str, open_at: int) -> int | None:
    """The index of the ``)`` closing the group that opens at ``open_at``."""
    depth = 0
    for i, c in _syntax(source, open_at, len(source)):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _alternative_leads(alt: str) -> set[str] | None:
    """Lower-case letters any match of ``alt`` starts with, or None if unsure."""
    while alt.startswith("\\b"):
        alt = alt[2:]
    if alt.startswith("(?:"):
        end = _closing(alt, 0)
        if end is None or alt[end + 1 : end + 2] in ("?", "*", "{"):
            return None
        return _leads_of_all(_top_level(alt, 3, end))
    run = ""
    for c in alt:
        if c.lower() not in LETTERS:
            break
        run += c.lower()
    if alt[len(run) : len(run) + 1] in ("?", "*", "{"):
        run = run[:-1]
    return {run} if len(run) >= 2 else None


def leading_letters(source: str) -> frozenset[str] | None:
    """Letters that begin every match of the pattern ``source`` (one of the set),
    read from its leading literal words: ``\\b(?:nick|pinch)\\s+`` gives {nick,
    pinch}. None when the pattern does not start with plain letters, so it always
    runs. Only ever used to skip a pattern whose letters are nowhere in the text."""
    if source.startswith("(?") and not source.startswith("(?:"):
        return None  # inline flags or look-arounds: leave the pattern alone
    leads = _leads_of_all(_top_level(source))
    return None if leads is None else frozenset(leads)


def _leads_of_all(alternatives: list[str] | None) -> set[str] | None:
    """The union of each alternative's leading letters; None if any is unsure."""
    if alternatives is None:
        return None
    out: set[str] = set()
    for alt in alternatives:
        leads = _alternative_leads(alt)
        if leads is None:
            return None
        out |= leads
    return out


def _view(doc: Document, name: str) -> tuple[str, Folded | None]:
    if name == "folded":
        return doc.folded.text, doc.folded
    if name == "squashed":
        return doc.squashed.text, doc.squashed
    return doc.text, None
