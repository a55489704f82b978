"""Hashtags: several words run together in lower case.

Screen readers read ``#mentalhealthawareness`` as one long made-up word, and
``#MentalHealthAwareness`` as three words. This kind flags a hashtag written all in
lower case (or with only its first letter capitalised) that splits into two or more
English words, and suggests the CamelCase form. A hashtag that is one word
(``#volunteers``), is already cased (``#GivingTuesday``, ``#NHS``), holds digits or
underscores between its parts, or is listed in ``allow`` passes.

The words come from the English frequency list installed with the ``wordfreq``
package, read once, lazily, from its data file: words down to a Zipf frequency of
3 may be parts of a hashtag, and anything down to 2 counts as a word in its own
right, so a town such as Woodbridge or Stowmarket is not split into "Wood Bridge". Parts of
three letters must be common words, and a few acronyms (BBC, NHS, …) are suggested
in capitals (``#NHSEngland``).
Without ``wordfreq`` installed the kind reports nothing.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
from collections.abc import Iterable
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..text import Document
from .base import Check, Hit

# wordfreq's cBpack buckets: bucket i holds words with frequency 10 ** (-i / 100), so
# bucket 600 is Zipf 3 and bucket 700 is Zipf 2.
PART_BUCKET = 600
# Three-letter parts must be commoner, or towns split into nonsense ("Bun Gay").
SHORT_PART_BUCKET = 500
WORD_BUCKET = 700
MAX_TAG = 40
MAX_PART = 20
SHORT_PARTS = frozenset(
    [
        "a",
        "i",
        "in",
        "on",
        "of",
        "to",
        "me",
        "my",
        "we",
        "us",
        "be",
        "at",
        "by",
        "do",
        "go",
        "no",
        "so",
        "up",
        "it",
        "is",
        "an",
        "or",
        "as",
        "he",
        "if",
        "our",
    ]
)
ACRONYMS = frozenset(
    {"bbc", "itv", "nhs", "uk", "lgbt", "lgbtq", "adhd", "ceo", "gp", "rnli", "rspca", "nspcc"}
)
CANDIDATE = regex.compile(r"[a-z]{5,}")
SUFFIXES = ("s", "es", "ing", "ed", "ers", "er")


@cache
def word_buckets() -> dict[str, int]:
    """English words and their frequency bucket, from wordfreq's installed data file."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = os.path.join(next(iter(spec.submodule_search_locations)), "data", "large_en.msgpack.gz")
    try:
        import msgpack

        with gzip.open(path, "rb") as fh:
            unpacker = msgpack.Unpacker(fh, raw=False)
            count = unpacker.read_array_header()
            unpacker.unpack()  # the header: {"format": "cB", "version": 1}
            words: dict[str, int] = {}
            for bucket in range(min(count - 1, WORD_BUCKET + 1)):
                for word in unpacker.unpack():
                    words.setdefault(word, bucket)
    except (OSError, ImportError, ValueError):
        return {}
    return words


def is_word(tag: str, words: dict[str, int]) -> bool:
    if tag in words:
        return True
    return any(tag.endswith(s) and tag[: -len(s)] in words for s in SUFFIXES)


def segment(tag: str, words: dict[str, int]) -> list[str] | None:
    """The split into fewest common words (ties go to the more frequent words)."""
    n = len(tag)
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)
    best[0] = (0, 0, 0)
    for j in range(1, n + 1):
        for i in range(max(0, j - MAX_PART), j):
            prev = best[i]
            if prev is None:
                continue
            part = tag[i:j]
            if len(part) <= 2 and part not in SHORT_PARTS:
                continue
            bucket = words.get(part)
            if bucket is None or bucket > (SHORT_PART_BUCKET if len(part) == 3 else PART_BUCKET):
                continue
            cand = (prev[0] + 1, prev[1] + bucket, i)
            cur = best[j]
            if cur is None or cand[:2] < cur[:2]:
                best[j] = cand
    if best[n] is None:
        return None
    parts: list[str] = []
    j = n
    while j > 0:
        step = best[j]
        assert step is not None
        parts.append(tag[step[2] : j])
        j = step[2]
    return parts[::-1]


class HashtagsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    allow: list[str] = Field(default_factory=list, max_length=500)


class HashtagsCheck(Check):
    """Suggests CamelCase for hashtags that run several lower-case words together."""

    kind = "hashtags"
    Params = HashtagsParams

    def __init__(self, params: HashtagsParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.allow = {a.lstrip("#").lower() for a in params.allow}

    def run(self, doc: Document) -> Iterable[Hit]:
        for start, end, tag in doc.hashtags():
            body = tag[1:]
            if not (body.islower() or (body[:1].isupper() and body[1:].islower())):
                continue
            low = body.lower()
            if low in self.allow or len(low) > MAX_TAG or not CANDIDATE.fullmatch(low):
                continue
            words = word_buckets()
            if not words or is_word(low, words):
                continue
            parts = segment(low, words)
            if parts and len(parts) >= 2:
                camel = "#" + "".join(
                    p.upper() if p in ACRONYMS else p[:1].upper() + p[1:] for p in parts
                )
                yield Hit(
                    start,
                    end,
                    message=f"Screen readers cannot tell the words apart in {tag}.",
                    suggestion=f"Write it as {camel}.",
                )
