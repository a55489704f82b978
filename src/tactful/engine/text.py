"""Text as the checks see it: the original, a folded view for matching, and tokens.

Every view keeps a map back to offsets in the original string, so a finding always
points at what the author typed. Folding undoes the usual ways people dodge a word
filter: compatibility forms (NFKC), zero-width and other invisible characters,
look-alike letters from other scripts, leetspeak digits and symbols inside words,
repeated letters, and letters spaced or dotted apart.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

from .model import Context

# Look-alike letters from Cyrillic, Greek and symbol blocks that NFKC leaves alone.
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "с": "c", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "т": "t", "у": "y",
    "х": "x", "ԝ": "w", "ӏ": "l", "ɡ": "g", "α": "a", "β": "b", "ε": "e", "η": "n",
    "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "ω": "w", "ƒ": "f", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
}  # fmt: skip

# Digits and symbols that stand for letters when they sit inside a word.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l", "+": "t", "€": "e",
}  # fmt: skip

MAX_TEXT_CHARS = 100_000
SENTENCE_END = regex.compile(r"[.!?\n]+")

WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}'’\-]*[\p{L}\p{M}\p{N}])?")
URL_RE = regex.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:co\.uk|org\.uk|ac\.uk|gov\.uk|com|org|net|uk|ly|io|gl|me|co|info|to|gd|at)(?:/[^\s<>\"']*)?",
    regex.IGNORECASE,
)
EMAIL_RE = regex.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HANDLE_RE = regex.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}(?:@[\w.-]+)?")
HASHTAG_RE = regex.compile(r"(?<![\w#])#[\p{L}\p{N}_]+")
MONEY_RE = regex.compile(r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion))?\b", regex.I)
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Mn"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded view of the text with, for each character, its offset in the original."""

    text: str
    offsets: tuple[int, ...]
    source_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if unicodedata.category(ch) in INVISIBLE_CATEGORIES and ch not in "\n\t":
        return ""
    mapped = HOMOGLYPHS.get(ch) or HOMOGLYPHS.get(ch.lower())
    if mapped:
        return mapped
    norm = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in norm if not unicodedata.combining(c))
    base = unicodedata.normalize("NFKC", base).lower()
    return "".join(HOMOGLYPHS.get(c, c) for c in base)


FOLD_CACHE_CHARS = 5000  # posts up to this length are folded once however many checks ask


def fold(text: str) -> Folded:
    """Lower-case, strip invisibles, map look-alikes and in-word leetspeak to letters."""
    if len(text) <= FOLD_CACHE_CHARS:
        return _fold_cached(text)
    return _fold(text)


@lru_cache(maxsize=256)
def _fold_cached(text: str) -> Folded:
    # Several checks fold the same post (the document's view, the judgement and
    # toxicity features); Folded is frozen, so one result can serve them all.
    return _fold(text)


NON_ASCII = regex.compile(r"[^\x00-\x7f]")
LEET_ASCII = regex.compile("[" + regex.escape("".join(k for k in LEET if k.isascii())) + "]")


def _fold(text: str) -> Folded:
    # Runs of ASCII (most of a post) are lowered in one go; other characters one by one.
    parts: list[str] = []
    offsets: list[int] = []
    n = len(text)
    pos = 0
    for m in NON_ASCII.finditer(text):
        i = m.start()
        if pos < i:
            _fold_ascii_run(text, pos, i, parts, offsets)
        pos = i + 1
        piece = _fold_char(text[i])
        if not piece:
            continue
        if piece in LEET and _inside_word(text, i, n):
            piece = LEET[piece]
        parts.append(piece)
        offsets.extend([i] * len(piece))
    if pos < n:
        _fold_ascii_run(text, pos, n, parts, offsets)
    return Folded("".join(parts), tuple(offsets), n)


def _fold_ascii_run(text: str, a: int, b: int, parts: list[str], offsets: list[int]) -> None:
    """Fold ``text[a:b]``, all ASCII: lower case, and leetspeak inside words undone
    (one character for one, so offsets stay in step)."""
    run = text[a:b].lower()
    chars: list[str] | None = None
    n = len(text)
    for m in LEET_ASCII.finditer(text, a, b):
        i = m.start()
        if _inside_word(text, i, n):
            if chars is None:
                chars = list(run)
            chars[i - a] = LEET[text[i]]
    parts.append(run if chars is None else "".join(chars))
    offsets.extend(range(a, b))


def _inside_word(text: str, i: int, n: int) -> bool:
    """A digit or symbol counts as a letter when a letter touches it on either side."""
    prev_alpha = i > 0 and text[i - 1].isalpha()
    next_alpha = i + 1 < n and text[i + 1].isalpha()
    if text[i] in "!|" and not (prev_alpha and next_alpha):
        return False
    if text[i] == "@" and i == 0:
        return False
    return prev_alpha or next_alpha


def squash(folded: Folded) -> Folded:
    """Join letters that were spaced or dotted apart ("f u c k", "s.h.i.t") and
    collapse runs of three or more of the same letter ("sooooo" to "soo")."""
    src = folded.text
    if not SQUASHABLE.search(src):
        return folded  # nothing spaced apart, no letter three times running
    out: list[str] = []
    offsets: list[int] = []
    n = len(src)
    i = 0
    while i < n:
        ch = src[i]
        if not ch.isalpha() and _is_single_letter_gap(src, i, n):
            i += 1
            continue
        if len(out) >= 2 and ch.isalpha() and out[-1] == ch and out[-2] == ch:
            i += 1
            continue
        out.append(ch)
        offsets.append(folded.offsets[i])
        i += 1
    return Folded("".join(out), tuple(offsets), folded.source_length)


# What ``squash`` changes: a gap between two single letters, or a letter three times.
SQUASHABLE = regex.compile(r"(?<!\p{L})\p{L}[ .\-_*~]\p{L}(?!\p{L})|(\p{L})\1\1")


def _is_single_letter_gap(src: str, i: int, n: int) -> bool:
    if src[i] not in " .-_*~":
        return False
    left = i >= 1 and src[i - 1].isalpha() and (i < 2 or not src[i - 2].isalpha())
    right = i + 1 < n and src[i + 1].isalpha() and (i + 2 >= n or not src[i + 2].isalpha())
    return left and right


class SentenceIndex:
    """Sentence boundaries of one text, found once, so that asking for the sentence
    around each of many matches stays linear in the length of the post."""

    __slots__ = ("starts", "ends", "length")

    def __init__(self, text: str) -> None:
        marks = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]
        self.ends = [s for s, _ in marks]
        self.starts = [e for _, e in marks]
        self.length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding ``start``..``end`` (from the end of the previous
        sentence mark to the start of the next one)."""
        i = bisect.bisect_right(self.starts, start)
        s = self.starts[i - 1] if i else 0
        j = bisect.bisect_left(self.ends, end)
        e = self.ends[j] if j < len(self.ends) else self.length
        return s, max(e, end)


@dataclass
class Document:
    """A draft (or inbound message) and its views, built once and shared by every check."""

    text: str
    channel: str | None = None
    account: str = "official"
    context: Context = field(default_factory=Context)
    organisation: str | None = None

    @cached_property
    def sentences(self) -> SentenceIndex:
        return SentenceIndex(self.text)

    def sentences_of(self, view: Folded) -> SentenceIndex:
        """The sentence index of a folded view, built once per view."""
        key = "folded" if view is self.folded else "squashed" if view is self.squashed else None
        if key is None:
            return SentenceIndex(view.text)
        cache = self.__dict__.setdefault("_sentence_views", {})
        if key not in cache:
            cache[key] = SentenceIndex(view.text)
        index: SentenceIndex = cache[key]
        return index

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)

    @cached_property
    def squashed(self) -> Folded:
        return squash(self.folded)

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(self.text)]

    @cached_property
    def protected(self) -> list[tuple[int, int, str]]:
        """Spans that are not prose: URLs, emails, handles, hashtags, money amounts."""
        spans: list[tuple[int, int, str]] = []
        for kind, rx in (
            ("email", EMAIL_RE),
            ("url", URL_RE),
            ("handle", HANDLE_RE),
            ("hashtag", HASHTAG_RE),
            ("money", MONEY_RE),
        ):
            for m in rx.finditer(self.text):
                if not any(s <= m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), kind))
        spans.sort()
        return spans

    def protected_kind(self, start: int, end: int) -> str | None:
        for s, e, kind in self.protected:
            if s <= start and end <= e:
                return kind
            if s >= end:
                break
        return None

    def urls(self) -> list[tuple[int, int, str]]:
        return [(s, e, self.text[s:e]) for s, e, k in self.protected if k == "url"]

    def hashtags(self) -> list[tuple[int, int, str]]:
        return [(s, e, self.text[s:e]) for s, e, k in self.protected if k == "hashtag"]

    def excerpt(self, start: int, end: int) -> str:
        return self.text[start:end]


SENTENCE = regex.compile(r"[^.!?\n]+(?:[.!?]+[\"'’”)]*|\n|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, trimmed of surrounding space."""
    spans = []
    for m in SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans or ([(0, len(text))] if text.strip() else [])


def graphemes(text: str) -> int:
    """User-perceived characters, as Bluesky counts them."""
    return len(regex.findall(r"\X", text))


def sentence_around(text: str, start: int, end: int, reach: int = 200) -> str:
    """The sentence holding ``text[start:end]``, at most ``reach`` characters either
    side, so a 100,000-character post stays linear."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    left = max(text.rfind(c, lo, start) for c in ".!?\n")
    right_candidates = [i for i in (text.find(c, end, hi) for c in ".!?\n") if i != -1]
    right = min(right_candidates) if right_candidates else hi
    return text[max(left + 1, lo) : right]
