"""The labelled outbound posts the checks are measured on (``data/labelled/outbound.jsonl``).

Used by the benchmark and the judgement training script only, never at run time.
About 40% of the posts, fixed by a hash of the id, are held out: never looked at while
rules are written and never trained on. The rest, the development part, is split in
two halves by another hash so that a model trained on one half can be scored on the
other.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[3] / "data" / "labelled" / "outbound.jsonl"


def load_posts(path: Path = LABELLED) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def is_held_out(post_id: str) -> bool:
    """About 40% of posts, fixed by their id, are never looked at while tuning rules."""
    return hashlib.sha256(post_id.encode()).digest()[0] % 10 < 4


def development_half(post_id: str) -> int:
    """0 or 1: which half of the development part a post is in (fixed by its id)."""
    return hashlib.sha256(f"development-half:{post_id}".encode()).digest()[0] % 2


def enforced_categories(policy_id: str, account: str, reported_only: bool = False) -> set[str]:
    """The categories ``policy_id``'s clauses check on posts from ``account``: a label
    the post lacks is a real "no" only for these ("no clause, no finding").

    ``reported_only`` keeps only what can be reported as a warning or a blocker there:
    the rule itself runs on that kind of account and its clause does not lower it to
    advice (what the labels of ``outbound.jsonl`` list)."""
    from .policy import load_policy

    policy = load_policy(policy_id)
    return {
        r.rule.category
        for c in policy.clauses
        for r in c.rules
        if c.clause.applies_to(r.rule.id, account)
        and (
            not reported_only
            or (
                account in r.rule.accounts
                and c.clause.severity.get(r.rule.id, r.rule.severity) != "advice"
            )
        )
    }
