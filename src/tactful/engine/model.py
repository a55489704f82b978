"""Value objects shared by every part of the engine: the contract's shapes.

Everything here is plain data (pydantic models), so the web app, the CLI and the
tests all speak the same JSON as ``../shared/spec/contract.md`` describes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import sys
import warnings
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["advice", "warning", "blocker"]
SEVERITIES: tuple[str, ...] = ("advice", "warning", "blocker")
Decision = Literal["ok", "needs_approval", "needs_changes"]
Account = Literal["official", "personal"]

CHANNELS: tuple[str, ...] = ("facebook", "instagram", "x", "linkedin", "bluesky", "mastodon")
# Names people use for a channel, for the hint in an error only (the ids stay as above).
NICKNAMES: dict[str, str] = {"twitter": "x", "fb": "facebook", "ig": "instagram", "insta": "instagram"}
ACCOUNTS: tuple[str, ...] = ("official", "personal")

OUTBOUND_CATEGORIES: tuple[str, ...] = (
    "spelling", "grammar", "personal_data", "consent", "child_consent", "abuse",
    "discrimination", "harassment", "party_politics", "defamation", "copyright",
    "attribution", "confidentiality", "embargo", "commercial", "personal_opinion",
    "unsafe_activity", "unlawful_activity", "unverified_claim", "third_party_label",
    "criticism_of_partners", "high_profile", "disclaimer", "branding", "accessibility",
    "platform_limit", "link_safety",
)  # fmt: skip

INBOUND_CATEGORIES: tuple[str, ...] = (
    "safeguarding", "abuse", "complaint", "press", "enquiry", "service_user_contact",
    "crisis_risk", "security_threat", "spam", "praise", "other",
)  # fmt: skip

INBOUND_KINDS: tuple[str, ...] = ("comment", "direct_message", "mention")
TRIAGE_ACTIONS: tuple[str, ...] = (
    "hide", "report_to_platform", "notify", "reply", "escalate", "none",
)  # fmt: skip


MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]  # fmt: skip
    )
}
UNTIL = r"\b(?:until|till|to|expires?(?:\s+on)?|expiring(?:\s+on)?|valid\s+(?:until|to|till))\s+(?:the\s+)?"
EXPIRY_DAY_MONTH_YEAR = re.compile(
    UNTIL + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I
)
EXPIRY_MONTH_YEAR = re.compile(UNTIL + r"(?:the\s+end\s+of\s+)?(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
EXPIRY_NUMERIC = re.compile(UNTIL + r"(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/(\d{4}))\b", re.I)


def words_expiry(words: str) -> dt.date | None:
    """The end date a consent given in words states ("Jan Hollis, name and photo, until
    30 September 2026"; "until March 2027" runs to the month's end), or None."""
    try:
        m = EXPIRY_DAY_MONTH_YEAR.search(words)
        if m:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        m = EXPIRY_NUMERIC.search(words)
        if m:
            if m.group(1):
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        m = EXPIRY_MONTH_YEAR.search(words)
        if m:
            year, month = int(m.group(2)), MONTHS[m.group(1).lower()]
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:  # "until 31 February 2027": no date, so no expiry read
        return None
    return None


class Consent(BaseModel):
    """A consent the organisation has on record, as the context gives it."""

    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _warn_unknown_keys(cls, data: Any) -> Any:
        return warn_unknown_keys(data, tuple(cls.model_fields), "consent")

    person: str = ""
    scope: str | None = None
    parental: bool = False
    expires: dt.date | None = None
    words: str | None = None  # a consent given as a plain sentence

    def is_current(self, today: dt.date) -> bool:
        return self.expires is None or self.expires >= today


class Embargo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _warn_unknown_keys(cls, data: Any) -> Any:
        return warn_unknown_keys(data, tuple(cls.model_fields), "embargo")

    topic: str
    until: dt.date | dt.datetime | None = None

    def is_active(self, today: dt.date) -> bool:
        if self.until is None:
            return True
        until = self.until.date() if isinstance(self.until, dt.datetime) else self.until
        return today < until


class Media(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _warn_unknown_keys(cls, data: Any) -> Any:
        return warn_unknown_keys(data, tuple(cls.model_fields), "media")

    kind: str = "image"
    source: str = "own"
    licence: str | None = None
    credit: str | None = None
    alt_text: str | None = None
    depicts: str | None = None
    shows_people: bool = False
    shows_children: bool = False
    logo: bool = False


class UnknownContextKeyWarning(UserWarning):
    """A top-level context key Tactful does not know, most likely a misspelling
    ("consent" for "consents"). The contract says such keys are ignored, never an
    error, so this is a warning: the key has no effect on the check."""


def _caller_stacklevel() -> int:
    """The ``stacklevel`` of the first frame outside pydantic and the engine, so a
    warning points at the caller's line that passed the context."""
    frame, level = sys._getframe(2), 2
    while frame.f_back is not None and _is_library_frame(frame.f_globals.get("__name__", "")):
        frame, level = frame.f_back, level + 1
    return level


def _is_library_frame(module: str) -> bool:
    inside = module.startswith(("pydantic.", "tactful.engine.")) or module == "tactful.engine"
    return inside and ".tests." not in module


def closest(value: object, choices: tuple[str, ...] | list[str]) -> str | None:
    """The one choice ``value`` most likely meant, or None: the clearly closest
    spelling ("facebok"), or the only choice whose words all appear in the value or
    the other way round ("staff member" for "Staff")."""
    name = str(value).strip().lower()
    if not name:
        return None
    lowered = {c.lower(): c for c in choices}
    if NICKNAMES.get(name) in lowered:
        return lowered[NICKNAMES[name]]  # "twitter" for "x"
    scored = sorted(
        ((difflib.SequenceMatcher(None, name, low).ratio(), low) for low in lowered), reverse=True
    )
    if scored and scored[0][0] >= 0.6:
        # two choices about as close as each other: better no guess than a wrong one
        if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.05:
            return None
        return lowered[scored[0][1]]
    words = set(re.findall(r"\w+", name))
    within = [
        c
        for low, c in lowered.items()
        if (cw := set(re.findall(r"\w+", low))) and (cw <= words or words <= cw)
    ]
    return within[0] if len(within) == 1 else None


def did_you_mean(value: object, choices: tuple[str, ...] | list[str]) -> str:
    """A hint to end an error line with when one choice is close, else nothing."""
    best = closest(value, choices)
    return f" (did you mean {best!r}?)" if best else ""


def describe_unknown_context_key(
    key: object, known: tuple[str, ...] | None = None, where: str = "context"
) -> str:
    """One line naming an unknown context key and, when one is close, the key meant.
    ``where`` names the part of the context ("consent" for a key inside a consent)."""
    name = str(key)
    shown = name if len(name) <= 60 else name[:57] + "..."
    keys = CONTEXT_KEYS if known is None else known
    best = closest(name, keys)
    hint = f"; did you mean {best!r}?" if best else ""
    return f"unknown {where} key {shown!r} ignored{hint}"


def warn_unknown_keys(data: Any, known: tuple[str, ...], where: str) -> Any:
    """Issue an ``UnknownContextKeyWarning`` for each key of ``data`` not in ``known``."""
    if isinstance(data, dict):
        for key in data:
            if key not in known:
                warnings.warn(
                    describe_unknown_context_key(key, known, where),
                    UnknownContextKeyWarning,
                    stacklevel=_caller_stacklevel(),
                )
    return data


class Context(BaseModel):
    """What the organisation's records know about a draft. Every key is optional;
    unknown keys are ignored, never an error, but each one issues an
    ``UnknownContextKeyWarning`` so that a misspelt key is not silently lost."""

    model_config = ConfigDict(extra="ignore")

    today: dt.date | None = None
    author_role: str | None = None
    consents: list[Consent] = Field(default_factory=list)
    embargoes: list[Embargo] = Field(default_factory=list)
    media: list[Media] = Field(default_factory=list)
    high_profile: bool = False
    approvals: list[str] = Field(default_factory=list)
    profile_disclaimer: bool = False
    reply_to: str | None = None
    notes: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _warn_unknown_keys(cls, data: Any) -> Any:
        return warn_unknown_keys(data, CONTEXT_KEYS, "context")

    @field_validator("consents", mode="before")
    @classmethod
    def _consent_words(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return [
            {"words": item, "expires": words_expiry(item)} if isinstance(item, str) else item
            for item in value
        ]

    @field_validator("approvals", mode="before")
    @classmethod
    def _approvals_as_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        return value

    def on(self) -> dt.date:
        return self.today or dt.date.today()


CONTEXT_KEYS: tuple[str, ...] = tuple(Context.model_fields)


class Finding(BaseModel):
    category: str
    rule: str
    clause: str
    severity: Severity
    start: int
    end: int
    excerpt: str
    message: str
    suggestion: str | None = None


class PolicyRef(BaseModel):
    id: str
    version: str


class Result(BaseModel):
    id: str | None = None
    decision: Decision
    approvers: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    policy: PolicyRef
