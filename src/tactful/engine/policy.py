"""The policy file: the charity's own document, clause by clause, made executable.

A policy names the organisation's roles (and who stands in for each), its official
channels, its response target and review cycle, who must approve what, where each
kind of inbound message goes, and its clauses. Each clause either switches on rules
(``uses``) or says why no text check can enforce it (``guidance``).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .model import ACCOUNTS, INBOUND_CATEGORIES, Severity, did_you_mean
from .rules import CompiledRule, Rule, all_rule_ids, builtin_rule, only_known
from .yamlfile import PolicyFileError, read_yaml, validate

POLICIES_DIR = Path(__file__).parent / "policies"
BUILTIN_IDS: tuple[str, ...] = (
    "milestone-society",
    "the-society",
    "home-start-suffolk",
    "new-baby-network",
    "clean-slate",
    "starter",
)
MAX_CUSTOM_RULES = 50


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=100)
    stand_ins: list[str] = Field(default_factory=list)
    duties: str | None = None
    # What the desk lets this role do: approve, publish, crisis, waive, manage_channels,
    # manage_records, view_audit, manage_people, draft.
    can: list[str] = Field(default_factory=list)


class ChannelSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    platform: str
    address: str
    purpose: str | None = None
    managed_by: str | None = None


class Approval(BaseModel):
    """A standing requirement: posts of these account kinds need one of ``roles``
    to approve, unless the author holds one of ``unless_author``."""

    model_config = ConfigDict(extra="forbid")

    clause: str
    roles: list[str] = Field(min_length=1)
    unless_author: list[str] = Field(default_factory=list)
    accounts: list[str] = Field(default_factory=lambda: ["official"])


class Route(BaseModel):
    """Where one inbound category goes, and how fast."""

    model_config = ConfigDict(extra="forbid")

    clause: str
    roles: list[str] = Field(min_length=1)
    respond_within_hours: float | None = None
    note: str | None = None


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    every_months: int | None = Field(default=None, ge=1, le=120)
    last: dt.date | None = None
    approved_by: str | None = None
    clause: str | None = None


class Clause(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=80)
    heading: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=10, max_length=1500)
    uses: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    accounts: list[str] = Field(default_factory=lambda: list(ACCOUNTS))
    approvers: list[str] = Field(default_factory=list)
    # Which of the clause's rules call for the approvers (ids or globs); empty means all.
    approval_for: list[str] = Field(default_factory=list)
    # Rules of the clause (ids or globs) that apply to official accounts only, where
    # the rest of the clause covers personal accounts too: charity law bars the
    # charity, not its volunteers, from party politics.
    official_only: list[str] = Field(default_factory=list)
    guidance: str | None = None

    def applies_to(self, rule_id: str, account: str) -> bool:
        """Whether this clause asks for ``rule_id`` on a post from ``account``."""
        if account not in self.accounts:
            return False
        return account == "official" or not any(
            fnmatch.fnmatchcase(rule_id, p) for p in self.official_only
        )

    def needs_approval_for(self, rule_id: str) -> bool:
        if not self.approvers:
            return False
        return not self.approval_for or any(
            fnmatch.fnmatchcase(rule_id, p) for p in self.approval_for
        )

    @model_validator(mode="after")
    def _enforced_or_guidance(self) -> Clause:
        if not self.uses and not self.guidance:
            raise ValueError(
                "a clause needs rules in 'uses' or a 'guidance' note saying how it is kept"
            )
        return self

    @field_validator("accounts")
    @classmethod
    def _known_accounts(cls, value: list[str]) -> list[str]:
        return only_known(value, ACCOUNTS, "account kind {!r}")


POLICY_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    organisation: str = Field(min_length=1, max_length=200)
    version: str = Field(min_length=1, max_length=40)
    source: str | None = None
    timezone: str = "Europe/London"
    review: Review = Field(default_factory=Review)
    roles: list[Role] = Field(min_length=1)
    channels: list[ChannelSpec] = Field(default_factory=list)
    contacts: list[str] = Field(default_factory=list)
    response_target_hours: float | None = Field(default=None, gt=0)
    approval: list[Approval] = Field(default_factory=list)
    routing: dict[str, Route] = Field(default_factory=dict)
    crisis: Route | None = None
    safeguarding_lead: str | None = None
    rules: list[Rule] = Field(default_factory=list, max_length=MAX_CUSTOM_RULES)
    clauses: list[Clause] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _plain_id(cls, value: str) -> str:
        if not POLICY_ID.fullmatch(value):
            raise ValueError(
                "use lower-case letters, digits and hyphens only, starting with a letter or "
                "digit (like my-charity)"
            )
        return value

    @field_validator("routing")
    @classmethod
    def _known_inbound(cls, value: dict[str, Route]) -> dict[str, Route]:
        bad = [k for k in value if k not in INBOUND_CATEGORIES]
        if bad:
            raise ValueError(f"unknown inbound category {bad[0]!r}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        titles = {r.title for r in self.roles}
        named: list[str] = []
        for role in self.roles:
            named += role.stand_ins
        for a in self.approval:
            named += a.roles + a.unless_author
        for r in self.routing.values():
            named += r.roles
        if self.crisis:
            named += self.crisis.roles
        for c in self.clauses:
            named += c.approvers
        if self.safeguarding_lead:
            named.append(self.safeguarding_lead)
        unknown = [n for n in named if n not in titles]
        if unknown:
            raise ValueError(
                f"role {unknown[0]!r} is named but not listed under roles"
                f"{did_you_mean(unknown[0], sorted(titles))}"
            )
        ids = [c.id for c in self.clauses]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"clause {sorted(dupes)[0]!r} appears twice")
        known = set(ids)
        cited = [a.clause for a in self.approval] + [r.clause for r in self.routing.values()]
        if self.crisis:
            cited.append(self.crisis.clause)
        missing = [c for c in cited if c not in known]
        if missing:
            raise ValueError(f"clause {missing[0]!r} is cited but not among the clauses")
        return self

    def role(self, title: str) -> Role | None:
        for r in self.roles:
            if r.title.lower() == title.lower():
                return r
        return None

    def chain(self, title: str) -> list[str]:
        """The role followed by its stand-ins, each once."""
        out = [title]
        role = self.role(title)
        for s in role.stand_ins if role else []:
            if s not in out:
                out.append(s)
        return out

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)


@dataclass
class ClauseRules:
    clause: Clause
    rules: list[CompiledRule]


@dataclass
class CompiledPolicy:
    """A validated policy with every clause's rules built."""

    policy: Policy
    clauses: list[ClauseRules]
    path: str

    @property
    def id(self) -> str:
        return self.policy.id

    @property
    def version(self) -> str:
        return self.policy.version

    def warm(self) -> None:
        """Compile now what the built-in rules otherwise compile the first time a draft
        could use it, for a process that will check many drafts."""
        for entry in self.clauses:
            for rule in entry.rules:
                warm = getattr(rule.check, "warm", None)
                if warm is not None:
                    warm()


def _expand(uses: list[str], custom: dict[str, CompiledRule], known: list[str]) -> list[str]:
    out: list[str] = []
    for pattern in uses:
        if any(ch in pattern for ch in "*?["):
            matches = [r for r in [*known, *custom] if fnmatch.fnmatchcase(r, pattern)]
            if not matches:
                raise ValueError(f"no rule matches {pattern!r}")
            out += [m for m in matches if m not in out]
        elif pattern not in out:
            out.append(pattern)
    return out


def compile_policy(data: Any, path: str, lines: dict[tuple[Any, ...], int]) -> CompiledPolicy:
    policy = validate(Policy, data, path, lines)
    custom: dict[str, CompiledRule] = {}
    from .checks import build_check

    for i, rule in enumerate(policy.rules):
        try:
            custom[rule.id] = CompiledRule(rule, build_check(rule.kind, rule.params))
        except PolicyFileError as exc:
            line = lines.get(("rules", i, "params"), lines.get(("rules", i), 1))
            raise PolicyFileError(f"{path}:{line}: rules.{i}.{exc}") from None
    known = all_rule_ids()
    clauses: list[ClauseRules] = []
    for i, clause in enumerate(policy.clauses):
        line = lines.get(("clauses", i, "uses"), lines.get(("clauses", i), 1))
        try:
            ids = _expand(clause.uses, custom, known)
        except ValueError as exc:
            raise PolicyFileError(f"{path}:{line}: clauses.{i}.uses: {exc}") from None
        compiled: list[CompiledRule] = []
        for rule_id in ids:
            if rule_id in custom:
                compiled.append(custom[rule_id])
                continue
            try:
                compiled.append(builtin_rule(rule_id))
            except PolicyFileError as exc:
                raise PolicyFileError(f"{path}:{line}: clauses.{i}.uses: {exc}") from None
        for rule_id in clause.severity:
            if rule_id not in ids:
                sline = lines.get(("clauses", i, "severity", rule_id), line)
                raise PolicyFileError(
                    f"{path}:{sline}: clauses.{i}.severity: {rule_id!r} is not used by this clause"
                )
        clauses.append(ClauseRules(clause, compiled))
    return CompiledPolicy(policy, clauses, path)


def load_policy_file(path: Path | str) -> CompiledPolicy:
    data, lines = read_yaml(path)
    return compile_policy(data, str(path), lines)


def load_policy_text(text: str, name: str = "<policy>") -> CompiledPolicy:
    data, lines = read_yaml(name, text=text)
    return compile_policy(data, name, lines)


@cache
def _builtin(policy_id: str) -> CompiledPolicy:
    path = POLICIES_DIR / f"{policy_id}.yml"
    compiled = load_policy_file(path)
    return CompiledPolicy(compiled.policy, compiled.clauses, f"{policy_id}.yml")


def load_policy(ref: str | Path) -> CompiledPolicy:
    """A built-in policy by id, or a policy file by path."""
    ref_s = str(ref)
    if ref_s in BUILTIN_IDS:
        return _builtin(ref_s)
    p = Path(ref_s)
    if p.suffix in (".yml", ".yaml") or p.exists():
        if not p.is_file():
            raise PolicyFileError(f"{ref_s}: no such policy file")
        return load_policy_file(p)
    raise PolicyFileError(
        f"unknown policy {ref_s!r}{did_you_mean(ref_s, BUILTIN_IDS)}; built-in ids are: {', '.join(BUILTIN_IDS)}"
    )
