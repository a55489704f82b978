"""Rules: one YAML file each, ``rules/<pack>/<name>.yml`` with id ``<pack>.<name>``.

A rule names a check kind and its params, the contract category, a default
severity, a message, why it matters, and examples that must flag and must pass.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .checks import build_check
from .checks.base import Check
from .model import ACCOUNTS, CHANNELS, OUTBOUND_CATEGORIES, Context, Severity
from .yamlfile import PolicyFileError, read_yaml, validate

RULES_DIR = Path(__file__).parent / "rules"


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    channel: str | None = None
    account: str = "official"
    context: Context = Field(default_factory=Context)


def _as_examples(value: Any) -> Any:
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    flag: list[Example] = Field(min_length=1)
    pass_: list[Example] = Field(alias="pass", min_length=1)

    @field_validator("flag", "pass_", mode="before")
    @classmethod
    def _wrap(cls, value: Any) -> Any:
        return _as_examples(value)


def only_known(values: list[str], known: Any, what: str) -> list[str]:
    """``values`` unchanged when each is in ``known``; otherwise the first stranger,
    named in ``what`` ("account kind {!r}"), is the error."""
    bad = [v for v in values if v not in known]
    if bad:
        raise ValueError("unknown " + what.format(bad[0]))
    return values


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    kind: str
    category: str
    severity: Severity
    message: str = Field(min_length=3, max_length=400)
    why: str = Field(min_length=3, max_length=1000)
    suggestion: str | None = None
    accounts: list[str] = Field(default_factory=lambda: list(ACCOUNTS))
    channels: list[str] = Field(default_factory=lambda: list(CHANNELS))
    params: dict[str, Any] = Field(default_factory=dict)
    # Categories this rule gives way to: when another rule reports one of them (as a
    # warning or a blocker) in the same post, this rule's findings are dropped ("can't
    # say much yet" beside an embargoed announcement is the embargo, not a second leak).
    yields_to: list[str] = Field(default_factory=list)
    examples: Examples

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in OUTBOUND_CATEGORIES:
            raise ValueError(f"unknown category {value!r}; see the contract's outbound list")
        return value

    @field_validator("yields_to")
    @classmethod
    def _known_yields(cls, value: list[str]) -> list[str]:
        return only_known(value, OUTBOUND_CATEGORIES, "category {!r} in yields_to")

    @field_validator("accounts")
    @classmethod
    def _known_accounts(cls, value: list[str]) -> list[str]:
        return only_known(value, ACCOUNTS, "account kind {!r}")

    @model_validator(mode="after")
    def _applies_somewhere(self) -> Rule:
        if not self.accounts or not self.channels:
            raise ValueError("a rule must apply to at least one account kind and channel")
        return self


class CompiledRule:
    """A rule with its check built, ready to run."""

    __slots__ = ("rule", "check")

    def __init__(self, rule: Rule, check: Check) -> None:
        self.rule = rule
        self.check = check

    @property
    def id(self) -> str:
        return self.rule.id


def load_rule_file(path: Path, rule_id: str | None = None, trusted: bool = False) -> CompiledRule:
    data, lines = read_yaml(path)
    if isinstance(data, dict) and rule_id is not None and "id" not in data:
        data = {"id": rule_id, **data}
    rule = validate(Rule, data, path, lines)
    if rule_id is not None and rule.id != rule_id:
        raise PolicyFileError(
            f"{path}:{lines.get(('id',), 1)}: id: the id {rule.id!r} must match its path ({rule_id})"
        )
    try:
        check = build_check(rule.kind, rule.params, trusted=trusted)
    except PolicyFileError as exc:
        line = lines.get(("params",), lines.get(("kind",), 1))
        raise PolicyFileError(f"{path}:{line}: {exc}") from None
    return CompiledRule(rule, check)


def rule_path(rule_id: str, root: Path = RULES_DIR) -> Path:
    pack, _, name = rule_id.partition(".")
    return root / pack / f"{name}.yml"


def all_rule_ids(root: Path = RULES_DIR) -> list[str]:
    return sorted(
        f"{p.parent.name}.{p.stem}" for p in root.glob("*/*.yml") if not p.name.startswith("_")
    )


@cache
def builtin_rule(rule_id: str) -> CompiledRule:
    path = rule_path(rule_id)
    if not path.is_file():
        raise PolicyFileError(f"unknown rule {rule_id!r}")
    return load_rule_file(path, rule_id, trusted=True)
