"""Validate the labelled outbound posts and print their make-up.

    python benchmarks/validate_labelled.py [data/labelled/outbound.jsonl]

Checks every line against the contract (../shared/spec/contract.md) and the team's
reading of the policies (docs/policy-semantics.md):

- each line parses as a JSON object with the expected keys, ids are unique;
- policy, channel and account are known; the context parses as a ``Context``;
- every expected category is a contract outbound category that the policy enforces on
  that kind of account (no clause, no finding);
- the decision follows from the categories and the approvals: ``needs_changes`` if
  and only if a blocker category is listed, otherwise ``needs_approval`` if and only if
  a role's approval is still outstanding, otherwise ``ok``; ``approvers`` lists exactly
  the outstanding roles;
- a few labels that can be read straight off the post agree with it: platform length
  limits, shortened and bare-IP links, images without alt text, logos on personal accounts.

Prints counts per policy, category, decision, channel and account, then every problem
found. Exit status 0 when the file is consistent, 1 otherwise.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from pydantic import ValidationError

from tactful.engine.model import ACCOUNTS, CHANNELS, OUTBOUND_CATEGORIES, Context
from tactful.engine.policy import load_policy

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO / "data" / "labelled" / "outbound.jsonl"

BLOCKER = {
    "spelling", "grammar", "personal_data", "consent", "child_consent", "abuse",
    "discrimination", "harassment", "party_politics", "defamation", "copyright",
    "attribution", "confidentiality", "embargo", "commercial", "unsafe_activity",
    "unlawful_activity", "branding", "platform_limit", "disclaimer",
}  # fmt: skip
WARNING = set(OUTBOUND_CATEGORIES) - BLOCKER

_MS_OFFICIAL = {
    "spelling", "grammar", "consent", "child_consent", "third_party_label",
    "unverified_claim", "personal_opinion", "unsafe_activity", "unlawful_activity",
    "party_politics", "defamation", "copyright", "attribution", "confidentiality",
    "embargo", "abuse", "discrimination", "harassment", "personal_data", "accessibility",
    "platform_limit", "link_safety",
}  # fmt: skip
_MS_PERSONAL = {
    "disclaimer", "branding", "party_politics", "abuse", "discrimination", "harassment",
    "defamation", "copyright", "attribution", "confidentiality", "embargo", "personal_data",
}  # fmt: skip
_PERSONAL_ONLY = {"disclaimer", "branding"}

# What each built-in policy enforces, per account kind (docs/policy-semantics.md).
ENFORCED: dict[str, dict[str, set[str]]] = {
    "milestone-society": {"official": _MS_OFFICIAL, "personal": _MS_PERSONAL},
    "the-society": {
        "official": {
            "consent", "child_consent", "personal_data", "abuse", "discrimination",
            "harassment", "party_politics", "unverified_claim", "copyright", "commercial",
            "accessibility", "platform_limit", "link_safety",
        },
        "personal": {
            "disclaimer", "party_politics", "abuse", "discrimination", "harassment",
            "personal_data", "copyright", "unverified_claim",
        },
    },
    "home-start-suffolk": {
        "official": {
            "third_party_label", "high_profile", "party_politics", "copyright",
            "unlawful_activity", "defamation", "personal_data", "consent", "child_consent",
            "confidentiality", "embargo", "criticism_of_partners", "abuse",
            "discrimination", "harassment", "accessibility", "platform_limit",
            "link_safety",
        },
        "personal": {
            "disclaimer", "criticism_of_partners", "confidentiality", "embargo", "abuse",
            "discrimination", "harassment", "child_consent",
        },
    },
    "new-baby-network": {"official": _MS_OFFICIAL, "personal": _MS_PERSONAL},
    "clean-slate": {
        "official": {
            "consent", "child_consent", "defamation", "discrimination", "copyright",
            "personal_data", "abuse", "harassment", "party_politics", "commercial",
            "unlawful_activity", "confidentiality", "embargo", "accessibility",
            "platform_limit", "link_safety", "high_profile",
        },
        "personal": {
            "disclaimer", "branding", "defamation", "discrimination", "copyright",
            "personal_data", "abuse", "harassment", "confidentiality", "embargo", "consent",
            "child_consent",
        },
    },
    "starter": {
        "official": set(OUTBOUND_CATEGORIES) - _PERSONAL_ONLY,
        "personal": _MS_PERSONAL
        | {"criticism_of_partners", "consent", "child_consent", "high_profile", "unlawful_activity"},
    },
}  # fmt: skip

# Roles a finding in these categories asks for, per policy (first role of the clause).
CLAUSE_APPROVER: dict[str, dict[str, str]] = {
    "home-start-suffolk": {"high_profile": "CEO"},
    "clean-slate": {"high_profile": "board"},
    "starter": {"high_profile": "Chief Executive"},
}
COMPLAINT_APPROVER = {
    "milestone-society": "Web Administrator",
    "new-baby-network": "directors",
    "starter": "Communications Lead",
}

ID_PREFIX = {
    "milestone-society": "ms", "the-society": "soc", "home-start-suffolk": "hss",
    "new-baby-network": "nbn", "clean-slate": "cs", "starter": "st",
}  # fmt: skip
CONTEXT_KEYS = {
    "today", "author_role", "consents", "embargoes", "media", "high_profile", "approvals",
    "profile_disclaimer", "reply_to", "notes",
}  # fmt: skip
LENGTH_LIMIT = {"x": 280, "bluesky": 300, "mastodon": 500}
SHORTENER = re.compile(r"\b(?:bit\.ly|tinyurl\.com|t\.co|ow\.ly|is\.gd|goo\.gl)/", re.I)
HASHTAG = re.compile(r"(?<![\w#])#\w+")
UNSAFE_LINK = re.compile(r"\b(?:https?://)?\d{1,3}(?:\.\d{1,3}){3}(?:[:/]|\b)", re.I)
ANY_LINK = re.compile(r"\bhttps?://|\bwww\.|\b[\w-]+\.(?:org|co|com|net|uk|gov|ac)\b", re.I)


def _holds(role: str, ctx: dict) -> bool:
    low = role.lower()
    if (ctx.get("author_role") or "").strip().lower() == low:
        return True
    return any(low in str(a).lower() for a in ctx.get("approvals") or [])


def _stand_in_approved(policy_id: str, role: str, ctx: dict) -> bool:
    """An approval recorded by one of ``role``'s stand-ins who may approve counts, as
    the engine reads it (the README's approval conventions)."""
    policy = load_policy(policy_id).policy
    spec = policy.role(role)
    for title in spec.stand_ins if spec else []:
        stand_in = policy.role(title)
        approved = any(title.lower() in str(a).lower() for a in ctx.get("approvals") or [])
        if stand_in is not None and "approve" in stand_in.can and approved:
            return True
    return False


def outstanding_approvers(post: dict) -> list[str]:
    """Roles whose approval the post still needs, in the order the engine lists them."""
    policy, account, ctx = post["policy"], post["account"], post.get("context") or {}
    cats = post["expected"]["categories"]
    author = (ctx.get("author_role") or "").strip().lower()
    need: list[str] = []
    if (
        policy == "the-society"
        and account == "official"
        and not _holds("Social Media Officer", ctx)
        and not _stand_in_approved(policy, "Social Media Officer", ctx)
    ):
        need.append("Social Media Officer")
    if (
        policy == "new-baby-network"
        and account == "official"
        and author not in ("directors", "social media volunteer")
        and not _holds("directors", ctx)
        and not _stand_in_approved(policy, "directors", ctx)
    ):
        need.append("directors")
    for cat in cats:
        role = CLAUSE_APPROVER.get(policy, {}).get(cat)
        if role:
            need.append(role)
    if policy == "new-baby-network" and account == "personal" and "branding" in cats:
        need.append("directors")
    if ctx.get("reply_to") and _is_complaint_reply(post):
        role = COMPLAINT_APPROVER.get(policy)
        if role and not _holds(role, ctx) and not _stand_in_approved(policy, role, ctx):
            need.append(role)
    return list(dict.fromkeys(need))


_COMPLAINT_NOTE = re.compile(r"complaint reply|reply to a complaint", re.I)


def _is_complaint_reply(post: dict) -> bool:
    """The engine decides from ``reply_to`` whether a draft answers a complaint; the labels
    say so in their note ("complaint reply" or "reply to a complaint")."""
    return bool(_COMPLAINT_NOTE.search(post.get("note", "")))


def _enforced(policy: str, account: str, cat: str) -> bool:
    return cat in ENFORCED[policy][account]


def problems_in(post: dict) -> list[str]:
    out: list[str] = []
    for key in ("id", "policy", "text", "channel", "account", "context", "expected", "note"):
        if key not in post:
            out.append(f"missing key {key!r}")
    if out:
        return out
    policy, account, channel = post["policy"], post["account"], post["channel"]
    if policy not in ENFORCED:
        return [f"unknown policy {policy!r}"]
    if not post["id"].startswith(ID_PREFIX[policy] + "-"):
        out.append(f"id does not start with {ID_PREFIX[policy]}-")
    if channel not in CHANNELS:
        out.append(f"unknown channel {channel!r}")
    if account not in ACCOUNTS:
        return out + [f"unknown account {account!r}"]
    ctx = post["context"]
    extra = set(ctx) - CONTEXT_KEYS
    if extra:
        out.append(f"context keys outside the contract: {sorted(extra)}")
    try:
        Context.model_validate(ctx)
    except ValidationError as exc:
        out.append(f"context does not parse: {exc.errors()[0]['msg']}")
    role = (ctx.get("author_role") or "").strip()
    if role and load_policy(policy).policy.role(role) is None:
        # the engine refuses a role its policy does not name (contract: unknown role)
        out.append(f"author_role {role!r} is not a role of {policy}")
    exp = post["expected"]
    cats = exp.get("categories", [])
    if len(set(cats)) != len(cats):
        out.append("a category is listed twice")
    for cat in cats:
        if cat not in OUTBOUND_CATEGORIES:
            out.append(f"{cat!r} is not a contract outbound category")
        elif not _enforced(policy, account, cat):
            out.append(f"{policy} does not enforce {cat!r} on {account} accounts")
    want_approvers = outstanding_approvers(post)
    if any(c in BLOCKER for c in cats):
        want = "needs_changes"
    elif want_approvers:
        want = "needs_approval"
    else:
        want = "ok"
    if exp.get("decision") != want:
        out.append(f"decision {exp.get('decision')!r} but the semantics give {want!r}")
    if exp.get("approvers") != want_approvers:
        out.append(f"approvers {exp.get('approvers')} but the semantics give {want_approvers}")
    out += _readable_labels(post, cats)
    return out


def _readable_labels(post: dict, cats: list[str]) -> list[str]:
    """Labels that can be read straight off the post must agree with it."""
    out: list[str] = []
    policy, account, channel = post["policy"], post["account"], post["channel"]
    text, ctx = post["text"], post["context"]
    if _enforced(policy, account, "platform_limit"):
        limit = LENGTH_LIMIT.get(channel)
        over = limit is not None and len(text) > limit
        # Instagram refuses a post with more than 30 hashtags as well
        tags = len(HASHTAG.findall(text)) if channel == "instagram" else 0
        if (over or tags > 30) != ("platform_limit" in cats):
            out.append(
                f"{len(text)} characters and {tags} hashtags on {channel}: platform_limit label disagrees"
            )
    if _enforced(policy, account, "link_safety"):
        # a shortened link, or one to a bare IP address, is always a link_safety
        # finding; plain http counts only for a login or payment page and a look-alike
        # domain cannot be read off, so any other link may carry the label, but a post
        # without a link may not
        unsafe = bool(SHORTENER.search(text) or UNSAFE_LINK.search(text))
        labelled = "link_safety" in cats
        if unsafe and not labelled:
            out.append("shortened or bare-IP link without a link_safety label")
        elif labelled and not unsafe and not ANY_LINK.search(text):
            out.append("link_safety label on a post without a link")
    if _enforced(policy, account, "accessibility"):
        no_alt = any(m.get("kind", "image") == "image" and not m.get("alt_text")
                     for m in ctx.get("media") or [])  # fmt: skip
        if no_alt != ("accessibility" in cats):
            out.append("image without alt text and accessibility label disagree")
    if account == "personal" and policy in ("clean-slate", "starter"):
        logo = any(m.get("logo") for m in ctx.get("media") or [])
        allowed = policy == "starter" and _holds("logo", ctx)  # clean-slate: never
        if logo and "branding" not in cats and not allowed:
            out.append("logo on a personal account but no branding label")
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    if not path.exists():
        print(f"no labelled file at {path}")
        return 1
    posts: list[dict] = []
    errors: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            post = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: not JSON ({exc.msg})")
            continue
        if not isinstance(post, dict):
            errors.append(f"line {n}: not a JSON object")
            continue
        pid = post.get("id", f"line {n}")
        if pid in seen:
            errors.append(f"{pid}: duplicate id")
        seen.add(pid)
        errors += [f"{pid}: {p}" for p in problems_in(post)]
        posts.append(post)

    by_policy: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    by_cat: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    accounts: Counter[str] = Counter()
    for p in posts:
        exp = p.get("expected", {})
        by_policy[str(p.get("policy"))] += 1
        clean[str(p.get("policy"))] += not exp.get("categories")
        by_cat.update(exp.get("categories", []))
        decisions[str(exp.get("decision"))] += 1
        channels[str(p.get("channel"))] += 1
        accounts[str(p.get("account"))] += 1
    total_clean = sum(clean.values())
    print(
        f"{path.name}: {len(posts)} posts, {total_clean} clean, {len(posts) - total_clean} flagged"
    )
    print("\nper policy (posts / clean / flagged):")
    for pol, n in by_policy.most_common():
        print(f"  {pol:20} {n:4} {clean[pol]:4} {n - clean[pol]:4}")
    print("\npositives per category:")
    for cat in OUTBOUND_CATEGORIES:
        sev = "blocker" if cat in BLOCKER else "warning"
        print(f"  {cat:22} {by_cat[cat]:4}  ({sev})")
    print("\ndecisions:", dict(decisions))
    print("channels:", dict(channels))
    print("accounts:", dict(accounts))
    thin = [c for c in OUTBOUND_CATEGORIES if by_cat[c] < 6]
    if thin:
        errors.append(f"fewer than 6 positives for: {thin}")
    print(f"\n{len(errors)} problem(s)")
    for e in errors:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
