"""Running the engine over a draft with what the registers know, and reading the
result against the waivers and approvals recorded for that revision."""

from __future__ import annotations

from django.utils import timezone

from tactful.engine import CompiledPolicy, InputError, Result, check
from tactful.engine.rules import builtin_rule
from tactful.web.people.policy import policy_for
from tactful.web.registers.context import build_context

from .models import Draft, Revision


def check_text(
    org,  # noqa: ANN001
    text: str,
    *,
    author_role: str | None,
    platform: str | None = None,
    account: str = "official",
    media=None,  # noqa: ANN001
    high_profile: bool = False,
    reply_to: str | None = None,
) -> Result:
    compiled = policy_for(org)
    context = build_context(org, author_role, media, high_profile, reply_to)
    return check(text, policy=compiled, channel=platform, account=account, context=context)


def check_revision(draft: Draft, revision: Revision) -> dict:
    """Check the revision as it stands today and store the verdict on it."""
    try:
        result = check_text(
            draft.organisation,
            revision.text,
            author_role=draft.author.role,
            platform=draft.channel.platform if draft.channel_id else None,
            account=draft.account,
            media=list(draft.media.all()),
            high_profile=draft.high_profile,
            reply_to=draft.reply_to,
        ).model_dump(mode="json")
    except InputError as exc:
        result = {
            "decision": "needs_changes",
            "approvers": [],
            "findings": [_input_finding(str(exc), revision.text)],
        }
    revision.result = result
    revision.checked_at = timezone.now()
    revision.save(update_fields=["result", "checked_at"])
    return result


def _input_finding(message: str, text: str) -> dict:
    return {
        "category": "platform_limit", "rule": "desk.input", "clause": "", "severity": "blocker",
        "start": 0, "end": 0, "excerpt": "", "message": message, "suggestion": None,
    }  # fmt: skip


def finding_key(finding: dict) -> tuple[str, str, str]:
    return (finding["rule"], finding["clause"], finding["excerpt"][:500])


def open_blockers(revision: Revision) -> list[dict]:
    waived = {(w.rule, w.clause, w.excerpt) for w in revision.waivers.all()}
    return [
        f for f in revision.findings if f["severity"] == "blocker" and finding_key(f) not in waived
    ]


ANY_APPROVER = "anyone who can approve"


def outstanding_approvers(draft: Draft) -> list[str]:
    """Roles whose approval of the current revision is still missing."""
    revision = draft.current
    if revision is None:
        return []
    required = list(revision.approvers)
    if draft.reapproval and not required:
        required = [ANY_APPROVER]
    given = {a.role for a in revision.approvals.all() if a.voided_at is None}
    return [role for role in required if role not in given]


def is_ready(draft: Draft) -> bool:
    return not open_blockers(draft.current) and not outstanding_approvers(draft)


def rule_why(compiled: CompiledPolicy, rule_id: str) -> str:
    for rule in compiled.policy.rules:
        if rule.id == rule_id:
            return rule.why
    try:
        return builtin_rule(rule_id).rule.why
    except Exception:  # an unknown or retired rule: explain nothing rather than fail
        return ""


def explain(org, findings: list[dict]) -> list[dict]:  # noqa: ANN001
    """Findings with their clause heading and the rule's reason, for people to read."""
    compiled = policy_for(org)
    out = []
    for f in findings:
        clause = compiled.policy.clause(f["clause"]) if f["clause"] else None
        out.append(
            {
                **f,
                "clause_heading": clause.heading if clause else "",
                "why": rule_why(compiled, f["rule"]),
            }
        )
    return out
