"""Links: web addresses that hide or disguise where they lead.

Every link in the post (with or without ``https://``) is read for its host, and
``mode`` picks what to look for:

- ``shortener``: a shortened link (bit.ly/…, tinyurl.com/…) hides the destination,
  so readers cannot tell a genuine link from a scam. ``domains`` replaces the
  built-in list of shorteners; a shortener's bare name with no code passes.
- ``ip_address``: a bare IP address instead of a name.
- ``lookalike``: an international (punycode, ``xn--``) or non-Latin host, or a host
  that wears a well-known name (``brands``) while belonging to someone else
  ("justgiving.com.donate-now.net", "paypa1.com").
- ``insecure``: plain ``http://`` to a page that takes logins or payments
  (login, sign in, donate, pay, checkout, account, register).

Hosts in ``own_domains`` (and their subdomains) always pass: a policy lists its
organisation's own web addresses through a custom rule of this kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..text import Document
from .base import Check, Hit

SHORTENERS = (
    "bit.ly", "bitly.com", "tinyurl.com", "t.co", "ow.ly", "goo.gl", "is.gd", "buff.ly",
    "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "lnkd.in", "t.ly", "rb.gy", "v.gd",
    "s.id", "bl.ink", "short.io", "shorte.st", "adf.ly", "tr.im", "qr.net", "1url.com",
    "tiny.one", "trib.al", "dlvr.it", "fb.me", "bit.do", "mcaf.ee", "soo.gd", "clck.ru",
)  # fmt: skip
BRANDS = (
    "justgiving", "gofundme", "paypal", "facebook", "instagram", "linkedin", "twitter",
    "microsoft", "google", "apple", "amazon", "enthuse", "givewell", "charitycommission",
    "hmrc", "nhs", "barclays", "lloyds", "natwest", "hsbc", "santander", "royalmail",
)  # fmt: skip
SECOND_LEVEL = frozenset(
    {"co", "org", "ac", "gov", "ltd", "plc", "me", "net", "sch", "police", "com"}
)
SENSITIVE_PATH = regex.compile(
    r"log-?in|sign-?in|signon|donat|pay|checkout|account|password|register|card|bank|wallet",
    regex.IGNORECASE,
)
IPV4 = regex.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
GOV_UK = regex.compile(r"(?:^|\.)(?:gov\.uk|govuk)(?:\.|$)")
LEET = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})
TRAILING = ".,;:!?)]}'\"’”…"


class LinksParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["shortener", "ip_address", "lookalike", "insecure"]
    domains: list[str] = Field(default_factory=lambda: list(SHORTENERS), max_length=500)
    own_domains: list[str] = Field(default_factory=list, max_length=100)
    brands: list[str] = Field(default_factory=lambda: list(BRANDS), max_length=200)


def split_link(link: str) -> tuple[str, str, str]:
    """(scheme, host, rest) of a link as typed; the scheme is '' when absent."""
    link = link.rstrip(TRAILING)
    scheme = ""
    low = link.lower()
    if low.startswith(("http://", "https://")):
        scheme, _, link = link.partition("://")
        scheme = scheme.lower()
    end = len(link)
    for sep in "/?#":
        i = link.find(sep)
        if i != -1:
            end = min(end, i)
    hostport = link[:end]
    rest = link[end:]
    if "@" in hostport:
        hostport = hostport.rsplit("@", 1)[1]
    host = hostport
    if host.startswith("["):
        host = host[: host.find("]") + 1] if "]" in host else host
    elif ":" in host:
        host = host.split(":", 1)[0]
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return scheme, host, rest


def is_within(host: str, domain: str) -> bool:
    domain = domain.lower().strip().lstrip(".")
    if domain.startswith("www."):
        domain = domain[4:]
    return bool(domain) and (host == domain or host.endswith("." + domain))


def registered_name(host: str) -> str:
    """The label someone registered: 'justgiving' in 'www.justgiving.com' or 'x.org.uk'."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-1] == "uk" and labels[-2] in SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else host


class LinksCheck(Check):
    """Flags links that hide or disguise their destination, or send logins and
    payments over plain http."""

    kind = "links"
    Params = LinksParams

    def __init__(self, params: LinksParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.brands = tuple(b.lower() for b in params.brands)

    def run(self, doc: Document) -> Iterable[Hit]:
        for start, _end, link in doc.urls():
            scheme, host, rest = split_link(link)
            if not host or any(is_within(host, d) for d in self.p.own_domains):
                continue
            hit = getattr(self, f"_{self.p.mode}")(scheme, host, rest)
            if hit:
                message, suggestion = hit
                yield Hit(start, start + len(link.rstrip(TRAILING)), message, suggestion)

    def _shortener(self, scheme: str, host: str, rest: str) -> tuple[str, str | None] | None:
        # A shortener's bare name ("bit.ly") hides nothing: only a code after it does.
        if not rest.strip("/?#") or not any(is_within(host, d) for d in self.p.domains):
            return None
        return (
            f"{host} is a link shortener: readers cannot see where this link goes.",
            "Use the full web address instead.",
        )

    def _ip_address(self, scheme: str, host: str, rest: str) -> tuple[str, str | None] | None:
        if not (IPV4.match(host) or host.startswith("[")):
            return None
        return (
            "This link is a bare IP address, which readers cannot check and scammers use.",
            "Link to the organisation's named web address instead.",
        )

    def _lookalike(self, scheme: str, host: str, rest: str) -> tuple[str, str | None] | None:
        if any(label.startswith("xn--") for label in host.split(".")) or not host.isascii():
            return (
                f"{host} uses international characters that can imitate another address.",
                "Check the address and type it in plain letters.",
            )
        # "gov-uk.support", "gov.uk.help-desk.com": only a host ending .gov.uk is the government's
        dotted = host.lower().replace("-", ".")
        if not (host.lower() == "gov.uk" or host.lower().endswith(".gov.uk")) and GOV_UK.search(dotted):
            return (
                f"{host} looks like a gov.uk address but is not one.",
                "Link to the genuine page on gov.uk.",
            )
        name = registered_name(host)
        if name in self.brands:
            return None
        labels = host.replace("-", ".").split(".")
        for brand in self.brands:
            if name.translate(LEET) == brand or brand in labels:
                return (
                    f"{host} looks like {brand} but belongs to someone else.",
                    "Check the address: link to the genuine site.",
                )
        return None

    def _insecure(self, scheme: str, host: str, rest: str) -> tuple[str, str | None] | None:
        if scheme != "http" or not SENSITIVE_PATH.search(host + rest):
            return None
        return (
            "This link sends people to a login or payment page without https.",
            "Use the https:// address.",
        )
