"""Disclaimer: a personal post about the organisation that does not say whose views it holds.

Someone posting on their own account about the charity they work or volunteer for
should make clear the views are their own. The kind fires when all of these hold:

- the post speaks about the organisation: it uses one of ``cues`` ("my charity",
  "where I volunteer", "I'm a trustee", "#volunteer", …) or names it. The name
  comes from the policy the post is checked against (``use_policy_organisation``,
  matched with its capitals, with and without a leading "The" or a trailing "CIC"
  or "Ltd", and the part before " in " as in "Home-Start in Suffolk"; a lone common
  word such as "Society" is not used), and from ``organisation_names``, which a
  policy's custom rule of this kind may list (other spellings, handles);
- ``context.profile_disclaimer`` is false (the profile does not already say it);
- the post carries none of ``disclaimers`` ("views my own", "personal views",
  "not speaking for", …).

A cue inside one of ``unless`` ("my charity shop find", "my charity run") does not
count: those are about shopping at or raising money for a charity, not belonging to one.

A rule of this kind normally sets ``accounts: [personal]``. The finding covers the
first place the post refers to the organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import Document
from .base import Check, Hit
from .lexicon import check_phrases, compile_lexicon

CUES = [
    "my charity", "our charity", "the charity i work for", "the charity i volunteer for",
    "the charity i volunteer with", "the charity i support", "where i volunteer",
    "where i work", "i volunteer at", "i volunteer with", "i volunteer for",
    "volunteering with", "volunteering at", "volunteering for", "my volunteering",
    "i'm a trustee", "i’m a trustee", "i am a trustee", "as a trustee", "as trustee",
    "our trustees", "i work for", "i work at", "at work", "my workplace",
    "my employer", "my organisation", "our organisation", "my organization",
    "our organization", "we at", "my colleagues at", "my team at", "my job at",
    "our volunteers", "our service users", "our fundraising", "our appeal", "our helpline",
    "our charity shop", "our ceo", "our chief executive", "our patron", "#volunteer",
    "#volunteering", "#charitywork", "#proudtowork",
    # "Tough day at the charity", "packing hampers at the charity warehouse"
    "at the charity", "charity warehouse", "our christmas appeal", "our winter appeal",
    "our summer appeal", "our spring appeal", "our annual appeal",
    # the running of a service: "our funders have left us guessing", "our waiting list"
    "our funders", "our funding", "our waiting list", "our referrals", "our caseload",
    "our commissioners", "our contract", "volunteer with us", "volunteering there", "i volunteer there",
    # "Working at a small charity, I've never seen anything as unhelpful"
    "work at a charity", "work for a charity", "working at a charity", "working for a charity",
    "work at a small charity", "work for a small charity", "working at a small charity",
    "working for a small charity", "working in a small charity",
    "trustee of this charity", "volunteer for this charity", "volunteer with this charity",
    "work for this charity",
]  # fmt: skip
# Uses of the cues that are about shopping or supporting a charity, not belonging to one.
NOT_ABOUT = [
    "my charity shop find", "my charity shop haul", "my charity shop bargain",
    "my charity of the year", "my charity run", "my charity walk", "my charity swim",
    "my charity challenge", "my charity skydive", "at the charity shop", "at the charity shops",
    "at the charity ball", "at the charity quiz", "at the charity auction", "at the charity match",
]  # fmt: skip
PLACEHOLDER_NAMES = frozenset(
    {"your charity", "your organisation", "the charity", "the organisation"}
)
OWN_EVENTS = (
    "quiz", "walk", "walks", "talk", "talks", "trip", "outing", "AGM", "meeting", "dinner",
    "party", "event", "events", "stall", "newsletter", "committee", "members", "show",
    "member", "trustee", "trustees", "volunteer", "volunteers", "chair", "secretary", "treasurer",
)
# For a policy whose organisation is still the placeholder ("Your Charity"), a post that
# says the author spoke for a charity by name: "Today I represented Riverside Carers Trust".
REPRESENTED_CHARITY = regex.compile(
    r"\b(?i:represented|representing|on\s+behalf\s+of|spoke\s+for|speaking\s+for)\s+(?:the\s+)?"
    r"(?:\p{Lu}[\p{L}'’-]+\s+){1,4}(?:Trust|Charity|Foundation|Network|Project|Partnership|Association|CIC|CIO)\b"
)
# ...or holds a role at one: "Speaking as Head of Services at Larkhill Carers".
ROLE_AT_CHARITY = regex.compile(
    r"\b(?i:speaking\s+as|as)\s+(?:a\s+|an\s+|the\s+|our\s+)?(?:[\p{L}-]+\s+){0,2}?"
    r"(?i:head|manager|director|chair|trustee|volunteer|co-?ordinator|officer|worker|lead|ceo"
    r"|chief\s+executive|treasurer|secretary)(?:\s+of\s+[\p{L}-]+)?\s+(?i:at|of|for|with)\s+"
    r"(?:\p{Lu}[\p{L}'’-]+\s*){1,4}"
)


# ...or calls one of its groups "ours": "Sheila from our Monday group at Brambleford Carers' Circle".
OUR_GROUP_AT = regex.compile(
    r"\b(?i:our)\s+(?:[\p{L}-]+\s+){0,2}?(?i:group|team|centre|café|cafe|project|drop-in|club)\s+(?i:at)\s+"
    r"(?:\p{Lu}[\p{L}'’-]+\s*){2,4}"
)


def names_a_charity_of_the_author(text: str) -> regex.Match[str] | None:
    """For a policy still named by its placeholder: where the post says the author
    represents, holds a role at or belongs to a group of a charity it names."""
    return REPRESENTED_CHARITY.search(text) or ROLE_AT_CHARITY.search(text) or OUR_GROUP_AT.search(text)


LEGAL_SUFFIX = regex.compile(r"\s+(?:CIC|CIO|Ltd\.?|Limited|plc|Inc\.?)$", regex.IGNORECASE)
DISCLAIMERS = [
    "views my own", "views are my own", "views are mine", "views mine", "my own views", "my own view",
    "my own opinion", "my own opinions", "opinions my own", "opinions are my own",
    "opinions mine", "personal views", "personal view", "personal opinion",
    "personal opinions", "personal capacity", "not speaking for", "not speaking on behalf",
    "speaking for myself", "not representing", "do not represent", "don't represent",
    "don’t represent", "not the views of", "not the view of", "not endorsed by",
    "own views", "own opinions", "#viewsmyown", "#personalviews",
    "views here are my own", "views here are mine", "views expressed are my own",
    "thoughts are my own", "thoughts my own", "just for myself", "only for myself",
    # "the views I share will be entirely my own", "Speaking personally, not for the Society"
    "entirely my own", "speaking personally", "not for the society", "not for the charity",
    "not the society's", "not the charity's", "not my charity's", "not my employer's",
    # "(My views, not Home-Start's!)"
    "my views, not", "my view, not", "my opinions, not", "my opinion, not", "my thoughts, not",
    "my views not", "my view not", "my opinions not", "my opinion not",
]  # fmt: skip


# Disclaimers worded freely: "All views on this account are my own", "the opinions on
# this profile are mine", "speaking purely for myself", "my page, my views".
DISCLAIMER_SHAPES = regex.compile(
    r"\b(?:views?|opinions?|thoughts|posts|tweets|takes)\b[^.!?\n]{0,40}?"
    r"\b(?:are|is|remain|stay)\s+(?:all\s+|entirely\s+|strictly\s+|solely\s+|purely\s+)?"
    r"(?:my\s+own|mine|personal)\b"
    r"|\bspeaking\s+(?:\w+\s+){0,2}for\s+myself\b"
    r"|\bmy\s+(?:account|page|profile|feed|timeline),?\s+my\s+(?:views|opinions|thoughts)\b",
    regex.IGNORECASE,
)


class DisclaimerParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cues: list[str] = Field(default_factory=lambda: list(CUES))
    organisation_names: list[str] = Field(default_factory=list, max_length=50)
    disclaimers: list[str] = Field(default_factory=lambda: list(DISCLAIMERS))
    unless: list[str] = Field(default_factory=lambda: list(NOT_ABOUT))
    use_policy_organisation: bool = True

    @field_validator("cues", "organisation_names", "disclaimers", "unless")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        return check_phrases(value)


def name_variants(name: str) -> list[str]:
    """The ways a post may write the organisation's name, most specific first."""
    name = " ".join(name.split())
    if name.lower() in PLACEHOLDER_NAMES:
        return []
    variants = [name]
    for v in list(variants):
        if v.lower().startswith("the "):
            variants.append(v[4:])
            # "the Society's AGM": the article is lower case in the middle of a sentence.
            variants.append("the " + v[4:])
    for v in list(variants):
        bare = LEGAL_SUFFIX.sub("", v)
        if bare != v:
            variants.append(bare)
    for v in list(variants):
        if " in " in v:
            variants.append(v.split(" in ", 1)[0])
    # A lone ordinary word ("Society") says nothing about which organisation is meant,
    # but "our Society" with its capital does.
    # So does the word at the head of one of its own events or roles ("Society quiz night
    # was a triumph", "speaking as a Society trustee"), unless another name runs into it
    # ("the Royal Society members").
    for v in list(variants):
        if len(v.split()) == 1 and v.istitle() and "-" not in v:
            variants += ["our " + v, "Our " + v]
            variants += [f"{v} {event}" for event in OWN_EVENTS]
    # Its initials, for a name of three words or more: "NBN" for New Baby Network CIC.
    bare_name = LEGAL_SUFFIX.sub("", name)
    words = [w for w in bare_name.split() if w[:1].isupper() and w.lower() not in ("the", "of", "in", "and")]
    if len(words) >= 3:
        variants.append("".join(w[0] for w in words))
    keep = [v for v in variants if len(v.split()) >= 2 or "-" in v or not v.istitle()]
    return list(dict.fromkeys(v for v in keep if len(v) >= 3))


@lru_cache(maxsize=64)
def name_pattern(name: str) -> regex.Pattern[str] | None:
    variants = name_variants(name)
    if not variants:
        return None
    pieces = []
    for v in variants:
        words = v.split()
        piece = r"\s+".join(regex.escape(w) for w in words)
        if len(words) == 2 and words[1] in OWN_EVENTS:
            piece = r"(?<!\p{Lu}[\p{L}'’-]*\s+)" + piece
        pieces.append(piece)
    body = "|".join(pieces)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])")


class DisclaimerCheck(Check):
    """Flags a personal post that speaks about the organisation without a
    "views my own" disclaimer, in the post or on the profile."""

    kind = "disclaimer"
    Params = DisclaimerParams

    def __init__(self, params: DisclaimerParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.about = compile_lexicon([*params.cues, *params.organisation_names])
        self.disclaimer = compile_lexicon(params.disclaimers)
        self.unless = compile_lexicon(params.unless)
        self.use_name = params.use_policy_organisation

    def run(self, doc: Document) -> Iterable[Hit]:
        if doc.context.profile_disclaimer:
            return
        folded = doc.folded
        excused = (
            [(u.start(), u.end()) for u in self.unless.finditer(folded.text)] if self.unless else []
        )
        m = next(
            (
                m
                for m in (self.about.finditer(folded.text) if self.about else ())
                if not any(s <= m.start() < e for s, e in excused)
            ),
            None,
        )
        span = folded.to_original(m.start(), m.end()) if m else None
        if self.use_name and doc.organisation:
            by_name = name_pattern(doc.organisation)
            n = by_name.search(doc.text) if by_name else None
            if n and (span is None or n.start() < span[0]):
                span = (n.start(), n.end())
        if span is None and doc.organisation and not name_variants(doc.organisation):
            r = names_a_charity_of_the_author(doc.text)
            if r:
                span = (r.start(), r.end())
        message = None
        if span is None and any(m.logo for m in doc.context.media):
            # A picture carrying the organisation's logo ties the post to it as surely as its name.
            span = (0, 0)
            message = "This personal post carries the organisation's logo but no disclaimer that the views are your own."
        if span is None:
            return
        if self.disclaimer is not None and self.disclaimer.search(folded.text):
            return
        if DISCLAIMER_SHAPES.search(folded.text):
            return
        yield Hit(span[0], span[1], message=message)
