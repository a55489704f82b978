"""Platform limit: the post will not fit on the channel it is meant for.

Each platform counts differently, and this kind counts the way each one does:

| channel | length limit | how it counts |
|---|---|---|
| x | 280 | a link counts as 23; an emoji or a CJK character counts as 2 |
| bluesky | 300 | graphemes (what a reader sees as one character) |
| mastodon | 500 | a link counts as 23; ``@name@server`` counts only ``@name`` |
| instagram | 2,200 | characters |
| linkedin | 3,000 | characters |
| facebook | 63,206 | characters |

``measure: length`` checks the length; ``measure: hashtags`` the number of hashtags
(Instagram allows 30); ``measure: mentions`` the number of @mentions (no platform
limit by default: a rule sets its own in ``limits``). ``limits`` overrides or adds
figures per channel. With no channel given there is nothing to measure against,
so no finding. The finding runs from the first character past the limit to the end
of the text, and its message gives both counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..text import HANDLE_RE, Document
from .base import Check, Hit

LENGTH_LIMITS: dict[str, int] = {
    "x": 280,
    "bluesky": 300,
    "mastodon": 500,
    "instagram": 2200,
    "linkedin": 3000,
    "facebook": 63206,
}
HASHTAG_LIMITS: dict[str, int] = {"instagram": 30}
LINK_WEIGHT = 23
PLATFORM_NAMES = {
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
}
GRAPHEME = regex.compile(r"\X")
NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+")
PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
# Code points X counts as one; everything else (CJK, most symbols, emoji) counts as two.
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def x_weight(grapheme: str) -> int:
    if grapheme.isascii():
        return len(grapheme)
    if PICTOGRAPHIC.search(grapheme):
        return 2
    total = 0
    for ch in grapheme:
        cp = ord(ch)
        total += 1 if any(lo <= cp <= hi for lo, hi in X_LIGHT_RANGES) else 2
    return total


class PlatformLimitParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    measure: Literal["length", "hashtags", "mentions"] = "length"
    limits: dict[str, int] = Field(default_factory=dict)


def segments(doc: Document) -> list[tuple[int, int, int | None]]:
    """(start, end, weight) pieces of the text: links and Mastodon handles carry a
    fixed weight, plain stretches None (weighed by ``plain_weight``)."""
    channel = doc.channel
    text = doc.text
    fixed: list[tuple[int, int, int]] = []
    if channel in ("x", "mastodon"):
        fixed += [(s, e, LINK_WEIGHT) for s, e, _ in doc.urls()]
    if channel == "mastodon":
        fixed += [
            (m.start(), m.end(), len(m.group().split("@")[1]) + 1) for m in HANDLE_RE.finditer(text)
        ]
    out: list[tuple[int, int, int | None]] = []
    pos = 0
    for s, e, w in sorted(fixed):
        if s < pos:
            continue
        if s > pos:
            out.append((pos, s, None))
        out.append((s, e, w))
        pos = e
    if pos < len(text):
        out.append((pos, len(text), None))
    return out


def unit_weights(piece: str, channel: str | None) -> Iterable[tuple[int, int, int]]:
    """(start, end, weight) of each counted unit of a plain stretch of text."""
    if channel == "x":
        for m in GRAPHEME.finditer(piece):
            yield m.start(), m.end(), x_weight(m.group())
    elif channel == "bluesky":
        for m in GRAPHEME.finditer(piece):
            yield m.start(), m.end(), 1
    else:
        for i in range(len(piece)):
            yield i, i + 1, 1


def plain_weight(piece: str, channel: str | None) -> int:
    # ASCII counts one per character everywhere, so only the stretches around other
    # characters (with the character before, which a combining mark may attach to)
    # are split into graphemes.
    if piece.isascii() or channel not in ("x", "bluesky"):
        return len(piece)
    total = len(piece)
    for m in NON_ASCII_RUN.finditer(piece):
        start = max(0, m.start() - 1)
        run = piece[start : m.end()]
        total += sum(w for _, _, w in unit_weights(run, channel)) - len(run)
    return total


def measure_length(doc: Document) -> int:
    """The length as the channel counts it."""
    channel = doc.channel
    return sum(
        w if w is not None else plain_weight(doc.text[s:e], channel) for s, e, w in segments(doc)
    )


def crossing(doc: Document, limit: int) -> int:
    """The offset of the first unit that takes the count past ``limit``."""
    channel = doc.channel
    running = 0
    for s, e, w in segments(doc):
        if w is not None:
            if running + w > limit:
                return s
            running += w
            continue
        piece = doc.text[s:e]
        weight = plain_weight(piece, channel)
        if running + weight <= limit:
            running += weight
            continue
        for us, _, uw in unit_weights(piece, channel):
            running += uw
            if running > limit:
                return s + us
    return min(limit, len(doc.text))


class PlatformLimitCheck(Check):
    """Flags a post longer than its channel allows, or with too many hashtags or mentions."""

    kind = "platform_limit"
    Params = PlatformLimitParams

    def __init__(self, params: PlatformLimitParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        base = {"length": LENGTH_LIMITS, "hashtags": HASHTAG_LIMITS, "mentions": {}}[params.measure]
        self.limits = {**base, **params.limits}

    def run(self, doc: Document) -> Iterable[Hit]:
        channel = doc.channel
        if channel is None or channel not in self.limits:
            return
        limit = self.limits[channel]
        name = PLATFORM_NAMES.get(channel, channel)
        if self.p.measure == "length":
            yield from self._length(doc, limit, name)
        else:
            yield from self._count(doc, limit, name)

    def _length(self, doc: Document, limit: int, name: str) -> Iterable[Hit]:
        # A cheap bound first: no platform counts a character as more than two, nor a
        # link as more than 23.
        if len(doc.text) * 2 + LINK_WEIGHT * len(doc.urls()) <= limit:
            return
        total = measure_length(doc)
        if total <= limit:
            return
        start = crossing(doc, limit)
        how = " (links count as 23)" if doc.channel in ("x", "mastodon") else ""
        yield Hit(
            start,
            len(doc.text),
            message=f"This is {total:,} characters{how}; {name} allows {limit:,}.",
            suggestion=f"Cut {total - limit:,} characters, or split it into a thread.",
        )

    def _count(self, doc: Document, limit: int, name: str) -> Iterable[Hit]:
        if self.p.measure == "hashtags":
            spans = [(s, e) for s, e, _ in doc.hashtags()]
            noun = "hashtags"
        else:
            spans = [(m.start(), m.end()) for m in HANDLE_RE.finditer(doc.text)]
            noun = "mentions"
        if len(spans) <= limit:
            return
        yield Hit(
            spans[limit][0],
            len(doc.text),
            message=f"This has {len(spans)} {noun}; {name} allows {limit}.",
            suggestion=f"Remove {len(spans) - limit} {noun}.",
        )
