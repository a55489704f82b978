"""Every shipped rule's own examples: each `flag` example fires the rule, each `pass` does not."""

from __future__ import annotations

import pytest

from tactful.engine.engine import build_document
from tactful.engine.rules import RULES_DIR, all_rule_ids, builtin_rule, load_rule_file, rule_path

RULE_IDS = all_rule_ids()


def _cases() -> list[tuple[str, str, int]]:
    cases = []
    for rule_id in RULE_IDS:
        rule = builtin_rule(rule_id).rule
        cases += [(rule_id, "flag", i) for i in range(len(rule.examples.flag))]
        cases += [(rule_id, "pass", i) for i in range(len(rule.examples.pass_))]
    return cases


def test_rules_exist_in_every_pack_folder() -> None:
    packs = {p.name for p in RULES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_")}
    with_rules = {r.split(".")[0] for r in RULE_IDS}
    assert packs <= with_rules | {"__pycache__"}


def test_every_rule_passes_the_checks_a_charity_s_own_rule_gets() -> None:
    # The engine loads its built-in rules trusted, skipping the up-front compile of
    # every pattern; here each is loaded as a policy file's own rule would be.
    for rule_id in RULE_IDS:
        load_rule_file(rule_path(rule_id), rule_id, trusted=False)


@pytest.mark.parametrize(("rule_id", "which", "index"), _cases())
def test_rule_example(rule_id: str, which: str, index: int) -> None:
    compiled = builtin_rule(rule_id)
    rule = compiled.rule
    example = (rule.examples.flag if which == "flag" else rule.examples.pass_)[index]
    assert example.account in rule.accounts, f"{rule_id}: example account not covered by the rule"
    doc = build_document(example.text, example.channel, example.account, example.context)
    hits = list(compiled.check.run(doc))
    if which == "flag":
        assert hits, f"{rule_id} should flag: {example.text!r}"
        for h in hits:
            assert 0 <= h.start <= h.end <= len(example.text)
    else:
        assert not hits, f"{rule_id} should pass: {example.text!r} (hit {hits[0]})"
