"""Grammar: common slips found by short word patterns written in the rule file.

Each rule lists ``patterns``. A pattern is a few slots separated by spaces, matched
against consecutive words of one stretch of prose (punctuation, a line break, a link,
a handle or a hashtag ends a stretch, so a pattern never reaches across them):

- ``their`` a word, case-insensitive; ``is|are|was`` any of these words;
- ``<name>`` a word from a class the rule defines under ``classes`` (lists of
  ``words``, case-sensitive ``exact`` words such as "MP", word beginnings in
  ``starts``, with ``not_words`` and ``not_starts`` as exceptions), or a built-in
  class: ``<any>`` any word, ``<same>`` the word before again ("the the"; two
  capitalised words such as "Bora Bora" are left alone), ``<lower>`` a word in lower
  case;
- ``^`` first, the pattern must start a sentence; ``$`` last, the stretch must end
  there ("your welcome $" matches "your welcome!" but not "your welcome pack").

``unless_next`` and ``unless_prev`` name words that, right beside the match, cancel
it ("could of course" is fine). ``suggest`` is the replacement, with ``{2}`` standing
for the second matched word as typed (``{2^}`` capitalised); it takes the case of the
first word. ``span`` picks which slots to underline (1-based, inclusive).

Patterns are bounded (six slots, short word lists) so a policy cannot make it slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..text import Document
from .base import Check, Hit

MAX_SLOTS = 6
MAX_HITS = 50
BUILTIN_CLASSES = ("any", "same", "lower")
SENTENCE_END_RE = re.compile(r"[!?]|(?<!\.)\.(?!\.)")
TEMPLATE_RE = re.compile(r"\{(\d)(\^?)\}")
# A full stop after these is an abbreviation, not the end of a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "etc",
        "eg",
        "ie",
        "vs",
        "approx",
        "incl",
        "no",
        "nos",
        "tel",
        "ext",
        "inc",
        "ltd",
        "co",
        "rd",
        "ave",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)


class WordClass(BaseModel):
    """A set of words defined by lists; see the module documentation."""

    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(default_factory=list, max_length=500)
    exact: list[str] = Field(default_factory=list, max_length=500)
    starts: list[str] = Field(default_factory=list, max_length=100)
    not_words: list[str] = Field(default_factory=list, max_length=500)
    not_starts: list[str] = Field(default_factory=list, max_length=100)
    case: Literal["any", "lower"] = "any"

    @field_validator("words", "starts", "not_words", "not_starts")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [_norm(v) for v in value]

    def has(self, text: str, low: str) -> bool:
        if text in self.exact:
            return True
        if self.case == "lower" and not text.islower():
            return False
        if text.isupper() and len(text) > 1:
            return False  # an acronym belongs only when listed in ``exact``
        if low in self.words:
            return True
        if low in self.not_words or any(low.startswith(s) for s in self.not_starts):
            return False
        if self.starts:
            return any(low.startswith(s) for s in self.starts)
        return not self.words and not self.exact


class GrammarPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    match: str = Field(min_length=1, max_length=300)
    suggest: str | None = Field(default=None, max_length=200)
    message: str | None = Field(default=None, max_length=300)
    severity: Literal["advice", "warning", "blocker"] | None = None
    unless_next: list[str] = Field(default_factory=list, max_length=200)
    unless_prev: list[str] = Field(default_factory=list, max_length=200)
    span: tuple[int, int] | None = None

    @field_validator("unless_next", "unless_prev")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [_norm(v) for v in value]


class GrammarParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patterns: list[GrammarPattern] = Field(min_length=1, max_length=100)
    classes: dict[str, WordClass] = Field(default_factory=dict, max_length=20)

    @model_validator(mode="after")
    def _slots_make_sense(self) -> GrammarParams:
        for pattern in self.patterns:
            slots = parse_slots(pattern.match)
            words = [s for s in slots if s not in ("^", "$")]
            if not words or len(words) > MAX_SLOTS:
                raise ValueError(f"pattern {pattern.match!r} needs 1 to {MAX_SLOTS} word slots")
            for slot in words:
                name = slot[1:-1] if slot.startswith("<") else None
                if name and name not in BUILTIN_CLASSES and name not in self.classes:
                    raise ValueError(f"pattern {pattern.match!r} uses undefined class <{name}>")
            if pattern.span and not 1 <= pattern.span[0] <= pattern.span[1] <= len(words):
                raise ValueError(f"pattern {pattern.match!r} has a span outside its slots")
        return self


def _norm(word: str) -> str:
    return word.strip().lower().replace("\u2019", "'")


def parse_slots(match: str) -> list[str]:
    return match.split()


@dataclass(frozen=True, slots=True)
class Item:
    """One word of prose: whether it starts a sentence and whether it follows the
    previous word with only spaces between (the two may belong to one pattern)."""

    text: str
    low: str
    start: int
    end: int
    sentence_start: bool
    joined: bool


def _inside_a_word(gap: str, items: list[Item], last_end: int, word: str) -> bool:
    """A mark glued between letters and followed by lower case ("sh!t", "b.s") is part
    of one disguised or run-together word, not the end of a sentence."""
    return (
        0 < len(gap) <= 2
        and not any(c.isspace() for c in gap)
        and bool(items)
        and items[-1].end == last_end
        and word[:1].islower()
    )


def prose_items(doc: Document) -> list[Item]:
    """The words a grammar pattern can match, computed once per document."""
    cached = doc.__dict__.get("_grammar_items")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    items: list[Item] = []
    text = doc.text
    last_end = 0
    broken = True
    prev_low = ""
    after_protected = False  # "@name thank you" at the very start is not a sentence
    for tok in doc.tokens:
        gap = text[last_end : tok.start]
        if doc.protected_kind(tok.start, tok.end):
            broken = True
            after_protected = True
            last_end = tok.end
            continue
        ends = (
            bool(SENTENCE_END_RE.search(gap))
            and not ("." in gap and "!" not in gap and "?" not in gap and _abbreviation(prev_low))
            and not _inside_a_word(gap, items, last_end, tok.text)
        )
        sentence_start = ends or (not items and not after_protected)
        joined = bool(items) and not broken and gap.isspace() and "\n" not in gap
        low = _norm(tok.text)
        if gap == "&" and items and not broken:
            # "Q&A", "B&Q", "M&S": one word, not "Q" and a stray "A"
            prev = items[-1]
            low = f"{prev.low}&{low}"
            items[-1] = Item(text[prev.start : tok.end], low, prev.start, tok.end, prev.sentence_start, prev.joined)
            last_end = tok.end
            prev_low = low
            continue
        items.append(Item(tok.text, low, tok.start, tok.end, sentence_start, joined))
        last_end = tok.end
        broken = False
        prev_low = low
    doc.__dict__["_grammar_items"] = items
    return items


def _abbreviation(low: str) -> bool:
    return len(low) == 1 or low in ABBREVIATIONS


class CompiledPattern:
    __slots__ = ("pattern", "slots", "start_anchor", "end_anchor", "first")

    def __init__(self, pattern: GrammarPattern) -> None:
        slots = parse_slots(pattern.match)
        self.pattern = pattern
        self.start_anchor = slots[0] == "^"
        self.end_anchor = slots[-1] == "$"
        self.slots: list[frozenset[str] | str] = [
            s[1:-1] if s.startswith("<") else frozenset(_norm(w) for w in s.split("|"))
            for s in slots
            if s not in ("^", "$")
        ]
        first = self.slots[0]
        self.first = first if isinstance(first, frozenset) else None


class GrammarCheck(Check):
    """Finds common grammar slips with word patterns from the rule file."""

    kind = "grammar"
    Params = GrammarParams

    def __init__(self, params: GrammarParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.compiled = [CompiledPattern(p) for p in params.patterns]

    def run(self, doc: Document) -> Iterable[Hit]:
        if not doc.text:
            return []
        items = prose_items(doc)
        hits: list[Hit] = []
        for i, item in enumerate(items):
            for cp in self.compiled:
                if cp.first is not None and item.low not in cp.first:
                    continue
                hit = self._match_at(cp, items, i)
                if hit is not None:
                    hits.append(hit)
                    break
            if len(hits) >= MAX_HITS:
                break
        return hits

    def _match_at(self, cp: CompiledPattern, items: list[Item], i: int) -> Hit | None:
        n = len(cp.slots)
        if i + n > len(items) or (cp.start_anchor and not items[i].sentence_start):
            return None
        for k, slot in enumerate(cp.slots):
            item = items[i + k]
            if k and not item.joined:
                return None
            if not self._slot_has(slot, item, items[i + k - 1] if k else None):
                return None
        after = items[i + n] if i + n < len(items) else None
        joined_after = after is not None and after.joined
        if cp.end_anchor and joined_after:
            return None
        pat = cp.pattern
        if joined_after and after is not None and after.low in pat.unless_next:
            return None
        if i and items[i].joined and items[i - 1].low in pat.unless_prev:
            return None
        matched = items[i : i + n]
        first, last = pat.span or (1, n)
        return Hit(
            matched[first - 1].start,
            matched[last - 1].end,
            message=pat.message,
            suggestion=_fill(pat.suggest, matched),
            severity=pat.severity,
        )

    def _slot_has(self, slot: frozenset[str] | str, item: Item, prev: Item | None) -> bool:
        if isinstance(slot, frozenset):
            return item.low in slot
        if slot == "any":
            return True
        if slot == "same":
            both_capitalised = (
                prev is not None and prev.text[:1].isupper() and item.text[:1].isupper()
            )
            return prev is not None and item.low == prev.low and not both_capitalised
        if slot == "lower":
            return item.text.islower() and item.text[:1].isalpha()
        return self.p.classes[slot].has(item.text, item.low)


def _fill(template: str | None, matched: list[Item]) -> str | None:
    if template is None:
        return None

    def word(m: re.Match[str]) -> str:
        idx = int(m[1]) - 1
        text = matched[idx].text if 0 <= idx < len(matched) else ""
        return text[:1].upper() + text[1:] if m[2] else text

    out = TEMPLATE_RE.sub(word, template)
    if matched[0].text[:1].isupper() and out[:1].islower():
        out = out[:1].upper() + out[1:]
    return out
