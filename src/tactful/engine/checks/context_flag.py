"""Context flag: posts the policy wants someone senior to see first.

``field`` picks the question:

- ``high_profile``: the records mark the draft as high-profile
  (``context.high_profile``), or the post makes a major announcement: one of
  ``phrases`` (a new patron or chief executive, a merger, a closure, redundancies, a
  statement answering press coverage, a royal visit, …), or a sum of at least
  ``min_funding`` pounds next to words of an award ("awarded", "grant", "secured").
- ``reply_to_complaint``: the draft answers a message (``context.reply_to``) that
  reads as a complaint, judged by ``phrases`` found in that message or, with
  ``classifier: true``, by the inbox classifier (``engine.triage``) when no phrase
  is found: "I asked three weeks ago for my membership card and nothing." is a
  complaint without any complaining word.

Findings that come from the records, not from the post's words, use the span 0..0
(start = end = 0); an announcement in the text is marked where it is said. The
clause that uses a rule of this kind names who approves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import MONEY_RE, Document, SentenceIndex, fold
from .base import Check, Hit
from .lexicon import check_phrases, compile_lexicon

log = logging.getLogger(__name__)

AWARD = regex.compile(
    r"\b(?:award(?:ed|s)?|grants?|granted|fund(?:ed|ing)|secured|received|receiving|won|wins"
    r"|donat(?:ed|ion)|legacy|bequest|invest(?:ed|ment)|lottery|contract)\b",
    regex.IGNORECASE,
)
AMOUNT = regex.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn|million|billion)?", regex.IGNORECASE)
MAX_REPLY_CHARS = 2000  # the classifier reads the start of a longer message
MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 10**9, "billion": 10**9}


class ContextFlagParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: Literal["high_profile", "reply_to_complaint"]
    phrases: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    min_funding: int | None = Field(default=None, ge=1)
    classifier: bool = False
    message: str | None = None

    @field_validator("phrases", "unless")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        return check_phrases(value)


def pounds(money: str) -> float | None:
    """The value of '£250,000', '£1.2m' or '£3 million' in pounds; None for other currencies."""
    if not money.startswith("£"):
        return None
    m = AMOUNT.search(money)
    if not m:
        return None
    try:
        value = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    return value * MULTIPLIERS.get((m.group(2) or "").lower(), 1)


class ContextFlagCheck(Check):
    """Flags high-profile posts and replies to complaints, from the records and the words."""

    kind = "context_flag"
    Params = ContextFlagParams

    def __init__(self, params: ContextFlagParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.phrases = compile_lexicon(params.phrases) if params.phrases else None
        self.unless = compile_lexicon(params.unless) if params.unless else None

    def run(self, doc: Document) -> Iterable[Hit]:
        if self.p.field == "high_profile":
            yield from self._high_profile(doc)
        else:
            yield from self._reply_to_complaint(doc)

    def _high_profile(self, doc: Document) -> Iterable[Hit]:
        if doc.context.high_profile:
            yield Hit(0, 0, message="The records mark this post as high-profile.")
            return
        folded = doc.folded.text
        for m in self.phrases.finditer(folded) if self.phrases else ():
            s, e = doc.sentences_of(doc.folded).around(m.start(), m.end())
            if self.unless and self.unless.search(folded, s, e):
                continue
            start, end = doc.folded.to_original(m.start(), m.end())
            yield Hit(start, end, message=self.p.message)
            return
        if self.p.min_funding is None:
            return
        for m in MONEY_RE.finditer(doc.text):
            value = pounds(m.group())
            if value is None or value < self.p.min_funding:
                continue
            s, e = doc.sentences.around(m.start(), m.end())
            if AWARD.search(doc.text, s, e):
                yield Hit(m.start(), m.end(), message="This announces a major funding award.")
                return

    def _reply_to_complaint(self, doc: Document) -> Iterable[Hit]:
        reply_to = doc.context.reply_to
        if not reply_to or not self.phrases:
            return
        folded = fold(reply_to[:5000]).text
        sentences = SentenceIndex(folded)
        for m in self.phrases.finditer(folded):
            s, e = sentences.around(m.start(), m.end())
            if self.unless and self.unless.search(folded, s, e):
                continue
            if self.p.classifier and _classified_abuse_only(reply_to):
                return  # "Breastfeeding in public is disgusting": abuse aimed at others, no complaint
            yield Hit(0, 0, message=self.p.message)
            return
        if self.unless and self.unless.search(folded):
            return  # "can't complain": the classifier would read the word, not the sense
        if self.p.classifier and _classified_complaint(reply_to):
            yield Hit(0, 0, message=self.p.message)


# Below this complaint probability, a message the classifier reads as abuse is only abuse.
ABUSE_NOT_COMPLAINT = 0.1


def _classified_abuse_only(message: str) -> bool:
    """Whether the inbox classifier reads ``message`` as abuse with next to no sign of
    a complaint: a complaining word ("disgusting") aimed at someone else's behaviour,
    not at the organisation's service."""
    from ..triage.classifier import shared_classifier

    try:
        probabilities = shared_classifier().predict(message[:MAX_REPLY_CHARS]).probabilities
    except (OSError, RuntimeError, ValueError) as error:  # a broken or missing model
        log.warning("inbox classifier unavailable, phrases only: %s", error)
        return False
    top = max(probabilities, key=lambda c: probabilities[c])
    return top == "abuse" and probabilities.get("complaint", 0.0) < ABUSE_NOT_COMPLAINT


def _classified_complaint(message: str) -> bool:
    """Whether the inbox classifier reads ``message`` as a complaint: its category, or
    its most probable reading when a safety category took the message first ("Three
    weeks waiting for a call back. My mum's getting worse." goes to the safeguarding
    lead, and is a complaint all the same). Imported here, so drafts that answer
    nothing never load the classifier."""
    from ..triage import classify
    from ..triage.classifier import shared_classifier

    text = message[:MAX_REPLY_CHARS]
    try:
        ((category, _),) = classify([text])
        if category == "complaint":
            return True
        probabilities = shared_classifier().predict(text).probabilities
    except (OSError, RuntimeError, ValueError) as error:  # a broken or missing model
        log.warning("inbox classifier unavailable, phrases only: %s", error)
        return False
    return max(probabilities, key=lambda c: probabilities[c]) == "complaint"
