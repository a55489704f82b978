"""Tactful's policy engine: a pure library (no Django, no web app, no network).

Public API::

    from tactful.engine import load_policy, check, Context
    result = check("Vote Labour on Thursday!", policy="milestone-society")
    result.decision          # "needs_changes"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .engine import InputError, build_document, check_document
from .model import Context, Finding, Result, did_you_mean
from .policy import BUILTIN_IDS, CompiledPolicy, Policy, load_policy, load_policy_text
from .yamlfile import PolicyFileError

__all__ = [
    "BUILTIN_IDS",
    "CompiledPolicy",
    "Context",
    "Finding",
    "InputError",
    "Policy",
    "PolicyFileError",
    "Result",
    "check",
    "load_policy",
    "load_policy_text",
    "triage",
]


def check(
    text: str,
    policy: str | Path | CompiledPolicy = "starter",
    channel: str | None = None,
    account: str = "official",
    context: Context | dict[str, Any] | None = None,
    item_id: str | None = None,
) -> Result:
    """Check one draft against a policy and return the decision with its findings."""
    compiled = policy if isinstance(policy, CompiledPolicy) else load_policy(policy)
    ctx = (
        context
        if isinstance(context, Context) or context is None
        else Context.model_validate(context)
    )
    if ctx is not None and ctx.author_role and compiled.policy.role(ctx.author_role) is None:
        titles = [r.title for r in compiled.policy.roles]
        raise InputError(
            f"unknown role {ctx.author_role!r} for {compiled.policy.organisation}"
            f"{did_you_mean(ctx.author_role, titles)}; its roles are: {', '.join(titles)}"
        )
    doc = build_document(text, channel=channel, account=account, context=ctx)
    return check_document(compiled, doc, item_id)


def triage(*args: Any, **kwargs: Any) -> Any:
    """Classify and route one inbound message (see ``tactful.engine.triage``)."""
    from .triage import triage as _triage

    return _triage(*args, **kwargs)
