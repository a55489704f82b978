"""The check kinds, listed once, explicitly.

A kind is imported only when a rule that uses it is loaded, so a command that
needs no spelling never pays for loading the dictionary.
"""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import ValidationError

from ..yamlfile import PolicyFileError
from .base import Check

KINDS: dict[str, str] = {
    "lexicon": "tactful.engine.checks.lexicon:LexiconCheck",
    "pattern": "tactful.engine.checks.pattern:PatternCheck",
    "politics": "tactful.engine.checks.politics:PoliticsCheck",
    "allegation": "tactful.engine.checks.allegation:AllegationCheck",
    "pii": "tactful.engine.checks.pii:PiiCheck",
    "people": "tactful.engine.checks.people:PeopleCheck",
    "spelling": "tactful.engine.checks.spelling:SpellingCheck",
    "grammar": "tactful.engine.checks.grammar:GrammarCheck",
    "classifier": "tactful.engine.checks.classifier:ClassifierCheck",
    "media": "tactful.engine.checks.media:MediaCheck",
    "embargo": "tactful.engine.checks.embargo:EmbargoCheck",
    "platform_limit": "tactful.engine.checks.platform_limit:PlatformLimitCheck",
    "links": "tactful.engine.checks.links:LinksCheck",
    "hashtags": "tactful.engine.checks.hashtags:HashtagsCheck",
    "disclaimer": "tactful.engine.checks.disclaimer:DisclaimerCheck",
    "claims": "tactful.engine.checks.claims:ClaimsCheck",
    "context_flag": "tactful.engine.checks.context_flag:ContextFlagCheck",
    "judgement": "tactful.engine.checks.judgement:JudgementCheck",
}


def kind_class(kind: str) -> type[Check]:
    target = KINDS.get(kind)
    if target is None:
        raise PolicyFileError(f"kind: unknown check kind {kind!r}")
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(module_name)
    cls: type[Check] = getattr(module, class_name)
    return cls


def build_check(kind: str, params: dict[str, Any], trusted: bool = False) -> Check:
    """The check of ``kind`` with ``params``. ``trusted`` (the built-in rules, which the
    tests load untrusted) lets a check skip validation that costs time at start-up."""
    cls = kind_class(kind)
    try:
        parsed = cls.Params.model_validate(params, context={"trusted": trusted})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in ("params", *err["loc"]))
        raise PolicyFileError(f"{field}: {err['msg']}") from None
    return cls(parsed)
