"""Media: what the organisation's records say about the images and videos attached.

This kind reads ``context.media``, not the words of the post, so its findings are
about the post as a whole: they use the span 0..0 (start = end = 0) and the message
says which item is meant ("image 2 (a volunteer at the stall)"). All the items with
the same problem are reported together in one finding.

``mode`` picks the question asked of each item:

- ``copyright``: a third-party item with no licence and no recorded permission; and,
  from the words of the post, any of ``phrases`` that says the picture was taken
  from the internet ("found this on Pinterest", "image from Google"), unless one of
  ``unless`` is in the same sentence. A phrase is reported where it is written.
- ``attribution``: a third-party item whose licence or permission requires a credit,
  where the record holds no credit line and the post itself carries none either
  ("Photo: …", "📷 …", "image by …", "courtesy of …", "©").
  Licences listed in ``no_credit_needed`` (CC0, public domain, …) pass.
- ``alt_text``: an image (not a video) with no alt text for screen-reader users.
- ``logo``: an item showing the organisation's logo, unless a recorded approval
  mentions the logo (set ``approval_allows: false`` where no approval can permit it).
  A rule using this mode normally sets ``accounts: [personal]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import Media
from ..text import Document
from .base import Check, Hit
from .lexicon import check_phrases, compile_lexicon

THIRD_PARTY_SOURCES = frozenset(
    {"third_party", "third-party", "third party", "external", "stock", "internet", "web"}
)
MISSING_LICENCE = frozenset({"", "none", "null", "unknown", "no", "n/a", "?"})
NO_VISUAL_TEXT = frozenset({"video", "audio"})
CREDIT_IN_TEXT = regex.compile(
    r"(?:\b(?:photo|image|picture|pic|illustration|graphic|video|footage|credit|credits)s?\s*(?:by|from|:|-|–|courtesy)"
    # a camera before a name or handle ("📷 Ana Ruiz", "📸: @anaruiz"), not one for
    # decoration before the next sentence ("📷 Lunch is served from 12.30")
    r"|\bcourtesy\s+of\b|©|\(c\)\s*\w|[📷📸🎥]\s*[:\-–]?\s*(?:by\s+(?:@\w|(?-i:\p{Lu}))|@\w"
    r"|(?-i:\p{Lu}[\p{L}'’\-]+\s+\p{Lu}))|\bvia\s+@)",
    regex.IGNORECASE,
)
REFUSAL = regex.compile(
    r"\b(?:not|no|refused|declined|rejected|withdrawn|pending|awaiting)\b", regex.IGNORECASE
)


class MediaParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["copyright", "attribution", "alt_text", "logo"]
    no_credit_needed: list[str] = Field(
        default_factory=lambda: ["cc0", "public domain", "pdm", "unsplash", "pexels", "pixabay"]
    )
    approval_allows: bool = True
    phrases: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)

    @field_validator("phrases", "unless")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        return check_phrases(value)

    @model_validator(mode="after")
    def _phrases_for_copyright(self) -> MediaParams:
        if self.phrases and self.mode != "copyright":
            raise ValueError("phrases are only read in the copyright mode")
        return self


def describe(index: int, item: Media) -> str:
    """'image 2 (a volunteer at the stall)', numbering items from 1 as the author sees them."""
    label = f"{item.kind or 'item'} {index + 1}"
    if item.depicts:
        depicts = item.depicts.strip()
        if len(depicts) > 60:
            depicts = depicts[:57].rstrip() + "…"
        label += f" ({depicts})"
    return label


def is_third_party(item: Media) -> bool:
    return (item.source or "").strip().lower() in THIRD_PARTY_SOURCES


def has_licence(item: Media) -> bool:
    return (item.licence or "").strip().lower() not in MISSING_LICENCE


def join_items(labels: list[str]) -> str:
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


class MediaCheck(Check):
    """Checks attached images and videos against the records: licence, credit,
    alt text and logo use."""

    kind = "media"
    Params = MediaParams

    def __init__(self, params: MediaParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.free_licences = tuple(x.strip().lower() for x in params.no_credit_needed if x.strip())
        self.phrases = compile_lexicon(params.phrases) if params.phrases else None
        self.unless = compile_lexicon(params.unless) if params.unless else None

    def run(self, doc: Document) -> Iterable[Hit]:
        media = doc.context.media
        if media:
            test = getattr(self, f"_{self.p.mode}")
            labels = [describe(i, item) for i, item in enumerate(media) if test(doc, item)]
            if labels:
                yield Hit(0, 0, message=self._message(labels))
        if self.phrases is not None:
            yield from self._copied(doc)

    def _copied(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        for m in self.phrases.finditer(view.text) if self.phrases else ():
            if self.unless:
                s, e = doc.sentences_of(view).around(m.start(), m.end())
                if self.unless.search(view.text, s, e):
                    continue
            start, end = view.to_original(m.start(), m.end())
            yield Hit(
                start,
                end,
                message="This says the picture was taken from the internet; no licence is on record.",
            )

    def _copyright(self, doc: Document, item: Media) -> bool:
        return is_third_party(item) and not has_licence(item)

    def _attribution(self, doc: Document, item: Media) -> bool:
        if not (is_third_party(item) and has_licence(item)):
            return False
        licence = (item.licence or "").strip().lower()
        if any(free in licence for free in self.free_licences):
            return False
        if (item.credit or "").strip():
            return False
        return not CREDIT_IN_TEXT.search(doc.text)

    def _alt_text(self, doc: Document, item: Media) -> bool:
        if (item.kind or "").strip().lower() in NO_VISUAL_TEXT:
            return False
        return not (item.alt_text or "").strip()

    def _logo(self, doc: Document, item: Media) -> bool:
        if not item.logo:
            return False
        if not self.p.approval_allows:
            return True
        return not any("logo" in a.lower() and not REFUSAL.search(a) for a in doc.context.approvals)

    def _message(self, labels: list[str]) -> str:
        items = join_items(labels)
        subject = items[0].upper() + items[1:]
        has, needs, shows = (
            ("has", "needs", "shows") if len(labels) == 1 else ("have", "need", "show")
        )
        mode = self.p.mode
        if mode == "copyright":
            return (
                f"No licence or permission is recorded for {items}, which belongs to someone else."
            )
        if mode == "attribution":
            return f"{subject} {needs} a credit to the creator, and none is given."
        if mode == "alt_text":
            return f"{subject} {has} no alt text for screen-reader users."
        if not self.p.approval_allows:
            return f"{subject} {shows} the organisation's logo, which this account may not use."
        return f"{subject} {shows} the organisation's logo, and no approval for it is recorded."
