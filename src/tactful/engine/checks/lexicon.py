"""Lexicon: phrases matched as whole words on the folded text.

Matching runs on the folded view (case, accents, look-alike letters, leetspeak and
invisible characters undone) and, where ``squashed`` is on, also on the view with
spaced-out letters joined, so "f u c k" and "sh1t" are caught. A phrase may end in
``*`` to match any word ending ("scam*" matches "scammers"). ``masked`` also matches
words with letters hidden behind ``*``, ``#`` or ``%`` ("b*llocks", "sc*mbag", "f**k":
each symbol stands for one letter, and at least two letters, the first among them,
must show) and acronyms dotted apart even after a one-letter word ("is a t.w.a.t").
``near`` requires a
second lexicon within ``window`` words, and ``unless`` lists phrases that, found in
the same sentence, cancel the hit (the safe reading of an ambiguous word).

Lexicons are compiled into one bounded regular expression per rule, so a user's
list cannot make the engine hang: phrase count and length are capped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import Document, Folded, SentenceIndex, fold
from .base import Check, Hit

MAX_PHRASES = 2000
MAX_PHRASE_CHARS = 80


# The standard library engine runs these big alternations about four times faster than
# `regex`; "[^\W\d_]" is a letter and "[^\W_]" a letter or digit, in any script.
LETTER = r"[^\W\d_]"
WORD_CHAR = r"[^\W_]"


def _phrase_pattern(phrase: str) -> str:
    words = fold(phrase.strip()).text.split()
    parts: list[str] = []
    for w in words:
        wild = w.endswith("*")
        core = re.escape(w.rstrip("*"))
        parts.append(core + (rf"(?:{LETTER}|')*" if wild else ""))
    return r"[\s\-]+".join(parts)


def compile_lexicon(phrases: list[str]) -> re.Pattern[str] | None:
    """One pattern matching any of the phrases as whole words on folded text."""
    cleaned = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(_phrase_pattern(p) for p in cleaned)
    return re.compile(rf"(?<!{WORD_CHAR})(?:{body})(?!{WORD_CHAR})")


MASK_CHARS = "*#%"
# Cheap test for whether a text could hold a masked or dotted word at all.
MASK_HINT = re.compile(rf"{LETTER}[*#%.]{LETTER}|{LETTER}[*#%]|[*#%]{LETTER}")
DOT_GAP = ".-_*~"


def _masked_phrase_pattern(phrase: str) -> str:
    words = fold(phrase.strip()).text.split()
    parts: list[str] = []
    for w in words:
        wild = w.endswith("*")
        core = w.rstrip("*")
        pieces = [re.escape(core[:1])]
        for c in core[1:]:
            pieces.append(f"[{re.escape(c)}*#%]" if c.isalpha() else re.escape(c))
        parts.append("".join(pieces) + (rf"(?:{LETTER}|['*#%])*" if wild else ""))
    return r"[\s\-]+".join(parts)


def compile_masked_lexicon(phrases: list[str]) -> re.Pattern[str] | None:
    """Like ``compile_lexicon``, but any letter after a word's first may be masked."""
    cleaned = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(_masked_phrase_pattern(p) for p in cleaned)
    return re.compile(rf"(?<![^\W_]|[*#%])(?:{body})(?![^\W_]|[*#%])")


def shows_enough_letters(matched: str, original: str = "") -> bool:
    """A masked word must show at least two letters and no more symbols than letters,
    so redacted names ("Mr S***") and rating stars are not read as swearing. A word of
    four or more characters that starts with a lower-case letter and hides the rest
    ("f***", "b*****d") is swearing written politely: a name would have a capital.
    ``original`` is the matched text as written (the match itself is case-folded)."""
    written = original.split() if original else []
    for i, word in enumerate(matched.split()):
        masks = sum(word.count(c) for c in MASK_CHARS)
        letters = sum(c.isalpha() for c in word)
        if not masks or (letters >= 2 and masks <= letters):
            continue
        first = written[i][:1] if i < len(written) else word[:1]
        if not (len(word) >= 4 and first.islower() and word[1] in MASK_CHARS):
            return False
    return True


def join_dotted(folded: Folded) -> Folded:
    """Join single letters dotted apart ("t.w.a.t", "f.o.a.d.") without joining
    across spaces, so a one-letter word before them ("a t.w.a.t") stays apart."""
    src = folded.text
    n = len(src)
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(src):
        if ch in DOT_GAP and 0 < i < n - 1 and src[i - 1].isalpha() and src[i + 1].isalpha():
            left_single = i < 2 or not src[i - 2].isalpha()
            right_single = i + 2 >= n or not src[i + 2].isalpha()
            if left_single and right_single:
                continue
        out.append(ch)
        offsets.append(folded.offsets[i])
    return Folded("".join(out), tuple(offsets), folded.source_length)


def check_phrases(value: list[str]) -> list[str]:
    if len(value) > MAX_PHRASES:
        raise ValueError(f"at most {MAX_PHRASES} phrases")
    for p in value:
        if len(p) > MAX_PHRASE_CHARS:
            raise ValueError(f"phrase longer than {MAX_PHRASE_CHARS} characters: {p[:30]!r}")
    return value


class LexiconParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = Field(min_length=1)
    near: list[str] = Field(default_factory=list)
    window: int = Field(default=8, ge=1, le=50)
    unless: list[str] = Field(default_factory=list)
    squashed: bool = False
    masked: bool = False
    message: str | None = None

    @field_validator("phrases", "near", "unless")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        return check_phrases(value)


class LexiconCheck(Check):
    """Flags phrases from a list, optionally only near another list of words."""

    kind = "lexicon"
    Params = LexiconParams

    def __init__(self, params: LexiconParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.rx = compile_lexicon(params.phrases)
        self.near = compile_lexicon(params.near) if params.near else None
        self.unless = compile_lexicon(params.unless) if params.unless else None
        self.masked = compile_masked_lexicon(params.phrases) if params.masked else None

    def run(self, doc: Document) -> Iterable[Hit]:
        views: list[Folded] = [doc.folded]
        if self.p.squashed and doc.squashed is not doc.folded:
            views.append(doc.squashed)
        seen = _SeenSpans()
        for view in views:
            yield from self._hits(view, self.rx, doc.sentences_of(view), seen)
        if self.masked is not None and MASK_HINT.search(doc.folded.text):
            view = join_dotted(doc.folded)
            yield from self._hits(view, self.masked, SentenceIndex(view.text), seen, doc.text)

    def _hits(
        self,
        view: Folded,
        rx: re.Pattern[str] | None,
        sentences: SentenceIndex,
        seen: _SeenSpans,
        source: str = "",
    ) -> Iterable[Hit]:
        if rx is None:
            return
        masked = rx is self.masked
        spans = seen.new_view()
        cancelled: dict[tuple[int, int], bool] = {}
        for m in rx.finditer(view.text):
            if masked and not shows_enough_letters(
                m.group(), source[slice(*view.to_original(m.start(), m.end()))]
            ):
                continue
            if self.near and not self._near(view.text, m.start(), m.end()):
                continue
            if self.unless:
                sentence = sentences.around(m.start(), m.end())
                if sentence not in cancelled:
                    cancelled[sentence] = bool(self.unless.search(view.text, *sentence))
                if cancelled[sentence]:
                    continue
            span = view.to_original(m.start(), m.end())
            if seen.covers(span[0]):
                continue
            spans.append(span)
            yield Hit(span[0], span[1], message=self.p.message)

    def _near(self, text: str, start: int, end: int) -> bool:
        left = _word_window_start(text, start, self.p.window)
        right = _word_window_end(text, end, self.p.window)
        return bool(self.near and self.near.search(text, left, right))


class _SeenSpans:
    """Spans already reported, one ascending list per view: within a view matches do
    not overlap, so asking whether a point is covered is a binary search per view,
    which keeps a post with thousands of hits linear rather than quadratic."""

    def __init__(self) -> None:
        self.views: list[list[tuple[int, int]]] = []

    def new_view(self) -> list[tuple[int, int]]:
        self.views.append([])
        return self.views[-1]

    def covers(self, point: int) -> bool:
        for spans in self.views:
            i = bisect.bisect_right(spans, (point, float("inf"))) - 1
            if i >= 0 and spans[i][0] <= point < spans[i][1]:
                return True
        return False


def _word_window_start(text: str, pos: int, words: int) -> int:
    i = pos
    count = 0
    while i > 0 and count <= words:
        i -= 1
        if text[i].isspace() and (i == 0 or not text[i - 1].isspace()):
            count += 1
    return i


def _word_window_end(text: str, pos: int, words: int) -> int:
    i = pos
    count = 0
    n = len(text)
    while i < n and count <= words:
        if text[i].isspace() and (i + 1 >= n or not text[i + 1].isspace()):
            count += 1
        i += 1
    return i
