"""A rule that gives way to a category (``yields_to``) is dropped when another rule
reports that category in the same post, and stands when nothing else does."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tactful.engine import check
from tactful.engine.rules import Rule

TEASE = "Can't say much yet, but we have landed a brilliant new patron 👀 Watch this space!"
EMBARGO = {"today": "2026-04-20", "embargoes": [{"topic": "new patron", "until": "2026-05-02"}]}


def categories(result) -> list[tuple[str, str]]:
    return sorted((f.category, f.rule) for f in result.findings if f.severity in ("warning", "blocker"))


def test_a_leak_beside_an_embargoed_announcement_is_reported_as_the_embargo_only():
    result = check(TEASE, policy="home-start-suffolk", account="official", context=EMBARGO)
    found = categories(result)
    assert ("embargo", "embargo.announced") in found
    assert not [c for c in found if c[0] == "confidentiality"]
    assert result.decision == "needs_changes"


def test_the_same_leak_without_an_embargo_record_is_still_confidential():
    result = check(TEASE, policy="home-start-suffolk", account="official", context={"today": "2026-04-20"})
    assert ("confidentiality", "embargo.leaked_news") in categories(result)
    assert result.decision == "needs_changes"


def test_yields_to_must_name_known_categories():
    base = {
        "id": "custom.x", "kind": "pattern", "category": "confidentiality", "severity": "blocker",
        "message": "msg", "why": "why", "params": {"patterns": ["x"]},
        "examples": {"flag": ["x"], "pass": ["y"]},
    }
    assert Rule(**base, yields_to=["embargo"]).yields_to == ["embargo"]
    with pytest.raises(ValidationError):
        Rule(**base, yields_to=["embargoes"])
