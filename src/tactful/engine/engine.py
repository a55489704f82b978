"""Running a policy over a draft and reaching the decision the contract defines."""

from __future__ import annotations

from collections.abc import Iterable

from .checks.base import Hit
from .model import CHANNELS, SEVERITIES, Context, Finding, PolicyRef, Result, did_you_mean
from .policy import CompiledPolicy
from .rules import CompiledRule
from .text import MAX_TEXT_CHARS, Document


class InputError(ValueError):
    """Input the engine cannot check (too long, unknown channel); the message is one line."""


def build_document(
    text: str, channel: str | None = None, account: str = "official", context: Context | None = None
) -> Document:
    if not isinstance(text, str):
        raise InputError("the text must be a string")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters; the most a post can have here is {MAX_TEXT_CHARS:,}"
        )
    if channel is not None and channel not in CHANNELS:
        raise InputError(
            f"unknown channel {channel!r}{did_you_mean(channel, CHANNELS)}; choose from {', '.join(CHANNELS)}"
        )
    if account not in ("official", "personal"):
        raise InputError(f"unknown account kind {account!r}; choose official or personal")
    return Document(text=text, channel=channel, account=account, context=context or Context())


def _applies(rule: CompiledRule, doc: Document) -> bool:
    r = rule.rule
    if doc.account not in r.accounts:
        return False
    return doc.channel is None or doc.channel in r.channels


def run_rules(policy: CompiledPolicy, doc: Document) -> list[Finding]:
    """Every finding, each citing the first clause (in document order) that asks for it.

    A trained model's finding (``kind: judgement``) is left out when another rule
    already reports the same category under the same clause: the author learns
    nothing new from a second warning about the same thing."""
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    cache: dict[str, list[Hit]] = {}
    judged: set[str] = set()
    yielding: dict[str, frozenset[str]] = {}
    for entry in policy.clauses:
        clause = entry.clause
        if doc.account not in clause.accounts:
            continue
        for rule in entry.rules:
            if not _applies(rule, doc) or not clause.applies_to(rule.id, doc.account):
                continue
            hits = cache.get(rule.id)
            if hits is None:
                hits = cache[rule.id] = list(_safe_run(rule, doc))
            for hit in hits:
                key = (rule.id, hit.start, hit.end)
                if key in seen:
                    continue
                seen.add(key)
                findings.append(_finding(rule, clause.id, clause.severity.get(rule.id), hit, doc))
                if rule.rule.kind == "judgement":
                    judged.add(rule.id)
                if rule.rule.yields_to:
                    yielding[rule.id] = frozenset(rule.rule.yields_to)
    if judged:
        worst: dict[tuple[str, str], int] = {}
        for f in findings:
            if f.rule not in judged:
                place = (f.clause, f.category)
                worst[place] = max(worst.get(place, -1), SEVERITIES.index(f.severity))
        findings = [
            f
            for f in findings
            if f.rule not in judged
            or worst.get((f.clause, f.category), -1) < SEVERITIES.index(f.severity)
        ]
    if yielding:
        findings = _without_yielded(findings, yielding)
    findings.sort(key=lambda f: (f.start, -SEVERITIES.index(f.severity), f.rule))
    return _one_per_span(policy, findings)


def _without_yielded(findings: list[Finding], yielding: dict[str, frozenset[str]]) -> list[Finding]:
    """Drop the findings of a rule that gives way to a category another rule reports."""
    reported: dict[str, set[str]] = {}
    for f in findings:
        if f.severity in ("warning", "blocker"):
            reported.setdefault(f.category, set()).add(f.rule)
    dropped = {
        rule
        for rule, cats in yielding.items()
        if any(reported.get(c, set()) - {rule} for c in cats)
    }
    return [f for f in findings if f.rule not in dropped] if dropped else findings


def _one_per_span(policy: CompiledPolicy, findings: list[Finding]) -> list[Finding]:
    """Drop a finding that overlaps one of another rule reporting the same category
    under the same clause at least as severely, with the same need for approval: two
    threat rules matching "deserves a good kicking" are one thing to fix, not two.

    ``findings`` is sorted by start, most severe first, so the kept finding is the
    first and most severe of each overlapping run."""
    kept: list[Finding] = []
    for f in findings:
        clause = policy.policy.clause(f.clause)
        approval = clause is not None and clause.needs_approval_for(f.rule)
        if any(
            k.clause == f.clause
            and k.category == f.category
            and k.rule != f.rule
            and k.start < f.end
            and f.start < k.end
            and SEVERITIES.index(k.severity) >= SEVERITIES.index(f.severity)
            and (clause is not None and clause.needs_approval_for(k.rule)) == approval
            for k in kept
        ):
            continue
        kept.append(f)
    return kept


def _safe_run(rule: CompiledRule, doc: Document) -> Iterable[Hit]:
    return rule.check.run(doc)


def _finding(
    rule: CompiledRule, clause_id: str, override: str | None, hit: Hit, doc: Document
) -> Finding:
    r = rule.rule
    # A hit that sets its own severity (a US spelling as advice under a misspelling
    # rule) keeps it; the clause's override replaces only the rule's default.
    severity = override or r.severity
    if hit.severity is not None and hit.severity != r.severity:
        severity = hit.severity
    start = max(0, min(hit.start, len(doc.text)))
    end = max(start, min(hit.end, len(doc.text)))
    return Finding(
        category=r.category,
        rule=r.id,
        clause=clause_id,
        severity=severity,  # type: ignore[arg-type]
        start=start,
        end=end,
        excerpt=doc.text[start:end],
        message=hit.message or r.message,
        suggestion=hit.suggestion if hit.suggestion is not None else r.suggestion,
    )


def _holds(role: str, context: Context) -> bool:
    """Whether the author holds ``role`` or an approval by it is already recorded."""
    low = role.lower()
    if context.author_role and context.author_role.strip().lower() == low:
        return True
    return any(low in a.lower() for a in context.approvals)


def _approved_by_stand_in(policy: CompiledPolicy, role: str, context: Context) -> bool:
    """Whether a recorded approval comes from one of ``role``'s stand-ins who may approve
    ("the Board stands in for the CEO"). Writing a post as a stand-in is not approving it,
    and a stand-in without the right to approve (a social media volunteer for the
    directors) does not count."""
    spec = policy.policy.role(role)
    for title in spec.stand_ins if spec else []:
        stand_in = policy.policy.role(title)
        if stand_in is not None and "approve" in stand_in.can:
            low = title.lower()
            if any(low in a.lower() for a in context.approvals):
                return True
    return False


def required_approvers(
    policy: CompiledPolicy, doc: Document, findings: list[Finding]
) -> tuple[list[str], set[tuple[str, str]]]:
    """Roles whose approval is still needed, and the (clause, rule) pairs already approved."""
    ctx = doc.context
    needed: list[str] = []
    satisfied: set[tuple[str, str]] = set()
    for standing in policy.policy.approval:
        if doc.account not in standing.accounts:
            continue
        author = (ctx.author_role or "").strip().lower()
        if author and author in (r.lower() for r in standing.unless_author):
            continue
        if any(_holds(r, ctx) or _approved_by_stand_in(policy, r, ctx) for r in standing.roles):
            continue
        needed.append(standing.roles[0])
    for finding in findings:
        clause = policy.policy.clause(finding.clause)
        if clause is None or not clause.needs_approval_for(finding.rule):
            continue
        if any(_holds(r, ctx) or _approved_by_stand_in(policy, r, ctx) for r in clause.approvers):
            satisfied.add((clause.id, finding.rule))
            continue
        needed.append(clause.approvers[0])
    return list(dict.fromkeys(needed)), satisfied


def decide(policy: CompiledPolicy, doc: Document, findings: list[Finding]) -> Result:
    approvers, satisfied = required_approvers(policy, doc, findings)
    if satisfied:
        findings = [
            f.model_copy(update={"severity": "advice"}) if (f.clause, f.rule) in satisfied else f
            for f in findings
        ]
    if any(f.severity == "blocker" for f in findings):
        decision = "needs_changes"
    elif approvers:
        decision = "needs_approval"
    else:
        decision = "ok"
    return Result(
        decision=decision,  # type: ignore[arg-type]
        approvers=approvers,
        findings=findings,
        policy=PolicyRef(id=policy.id, version=policy.version),
    )


def check_document(policy: CompiledPolicy, doc: Document, item_id: str | None = None) -> Result:
    if doc.organisation is None:
        doc.organisation = policy.policy.organisation
    result = decide(policy, doc, run_rules(policy, doc))
    result.id = item_id
    return result
