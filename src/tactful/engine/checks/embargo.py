"""Embargo: the post announces something the organisation's records hold back.

Each embargo in ``context.embargoes`` that is still active (its ``until`` date is
after today, taking today from ``context.today`` or the real date) is looked for in
the post. A topic is matched by meaning rather than by exact wording: its content
words (stopwords and words such as "announcement" or "news" set aside) are reduced
to a rough stem, so plurals and verb forms match ("merger" matches "merging"), and
the post must contain at least ``share`` of them (and at least two when the topic has
two or more) within ``window`` words of each other. "new patron announcement" is
found in "We're thrilled to welcome our new patron, …", while "our patron visited"
is not an announcement of a new one.

The finding covers the matched words, and the message says until when the
embargo runs. Once the date has passed the topic is free to post.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..model import Embargo
from ..text import Document
from .base import Check, Hit

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "us",
        "s",
        "t",
    ]
)
# Words that name the act of telling rather than what is told.
WEAK_WORDS = frozenset(
    [
        "announcement",
        "announcements",
        "announce",
        "announcing",
        "news",
        "update",
        "updates",
        "launch",
        "launching",
        "reveal",
        "revealing",
        "details",
        "plan",
        "plans",
        "information",
        "info",
        "story",
        "public",
        "publicly",
    ]
)
SUFFIXES = (
    "ational", "ations", "ation", "ships", "ship", "ments", "ment", "ings", "ing", "ures", "ure",
    "ions", "ion", "ers", "er", "ies", "ied", "es", "ed", "s", "e", "y",
)  # fmt: skip
TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")


# Words records and posts use for the same thing: "lottery grant" in the records,
# "awarded £120,000 by the lottery" in the post; "expansion" and "expand".
SAME_AS = {
    **dict.fromkeys(
        ["grant", "grants", "award", "awards", "awarded", "funding", "funded", "fund", "funds"],
        "fund",
    ),
    **dict.fromkeys(["expansion", "expand", "expanding", "expands", "expanded"], "expand"),
    **dict.fromkeys(["closure", "closing", "close", "closes", "closed", "shut", "shutting"], "close"),
    **dict.fromkeys(["patron", "patrons", "ambassador", "ambassadors"], "patron"),
    # "merger with X" in the records, "join forces with X" or "teaming up with X" in the post
    **dict.fromkeys(
        ["merger", "mergers", "merge", "merges", "merged", "merging", "partnership",
         "partnerships", "partner", "partners", "partnered", "partnering", "teaming", "forces"],
        "partner",
    ),  # fmt: skip
    # "new President" in the records, "has agreed to become our President" in the post
    **dict.fromkeys(
        ["new", "become", "becomes", "becoming", "appointed", "appointment", "elected",
         "incoming", "welcome", "welcomes", "welcoming"],
        "new",
    ),  # fmt: skip
}


def stem(word: str) -> str:
    """A deliberately crude stem, applied alike to the topic and the post. Endings are
    stripped repeatedly, so "partnered", "partners" and "partnership" meet; a few words
    that mean the same in an announcement share one stem (``SAME_AS``)."""
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w in SAME_AS:
        return SAME_AS[w]
    for _ in range(3):
        cut = _strip_once(w)
        if cut == w:
            break
        w = cut
    return w


def _strip_once(w: str) -> str:
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith("ss"):
                continue
            return w[: -len(suffix)]
    return w


def topic_stems(topic: str) -> list[str]:
    words = [w.lower() for w in TOKEN.findall(topic)]
    content = [w for w in words if w not in STOPWORDS]
    strong = [w for w in content if w not in WEAK_WORDS]
    chosen = strong or content
    return list(dict.fromkeys(stem(w) for w in chosen))


def needed(count: int, share: float) -> int:
    if count <= 1:
        return count
    return max(2, math.ceil(count * share))


class EmbargoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    share: float = Field(default=0.6, gt=0, le=1)
    window: int = Field(default=30, ge=3, le=200)


class EmbargoCheck(Check):
    """Flags a post that announces a topic still under embargo in the records."""

    kind = "embargo"
    Params = EmbargoParams

    def __init__(self, params: EmbargoParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params

    def run(self, doc: Document) -> Iterable[Hit]:
        today = doc.context.on()
        active = [e for e in doc.context.embargoes if e.is_active(today)]
        if not active or not doc.text:
            return
        tokens = [(stem(m.group()), m.start(), m.end()) for m in TOKEN.finditer(doc.text)]
        # The organisation's own name in a topic ("Home-Start in Suffolk volunteers
        # shortlisted ...") is rarely repeated in its own post: "our volunteer team".
        own = {stem(w) for w in TOKEN.findall(doc.organisation or "")}
        for embargo in active:
            span = self._find(embargo.topic, tokens, own)
            if span:
                yield Hit(span[0], span[1], message=self._message(embargo))

    def _find(
        self, topic: str, tokens: list[tuple[str, int, int]], own: set[str] | None = None
    ) -> tuple[int, int] | None:
        stems = topic_stems(topic)
        if own and len([s for s in stems if s not in own]) >= 2:
            stems = [s for s in stems if s not in own]
        if not stems:
            return None
        want = set(stems)
        need = needed(len(stems), self.p.share)
        positions = [(i, s) for i, (s, _, _) in enumerate(tokens) if s in want]
        # Slide over the matched words: the first window holding enough distinct stems wins.
        lo = 0
        for hi in range(len(positions)):
            while positions[hi][0] - positions[lo][0] >= self.p.window:
                lo += 1
            found = {s for _, s in positions[lo : hi + 1]}
            if len(found) >= need:
                # the tightest run: "welcome our new patron" is found as "new patron"
                while len({s for _, s in positions[lo + 1 : hi + 1]}) >= need:
                    lo += 1
                return tokens[positions[lo][0]][1], tokens[positions[hi][0]][2]
        return None

    def _message(self, embargo: Embargo) -> str:
        until = embargo.until
        if until is None:
            when = "until further notice"
        else:
            day = until.date() if isinstance(until, dt.datetime) else until
            when = f"until {day.day} {day:%B %Y}"
        return f"This announces “{embargo.topic}”, which is under embargo {when}."
