import importlib.util
from pathlib import Path

import pytest

from tactful.engine.outbound_data import (
    LABELLED,
    development_half,
    enforced_categories,
    is_held_out,
    load_posts,
)


def test_the_split_is_fixed_by_the_id_and_keeps_about_four_tenths_back():
    ids = [p["id"] for p in load_posts()]
    held = sum(is_held_out(i) for i in ids)
    assert 0.35 < held / len(ids) < 0.45
    assert is_held_out(ids[0]) == is_held_out(ids[0])
    halves = [development_half(i) for i in ids if not is_held_out(i)]
    assert set(halves) == {0, 1}
    assert 0.4 < sum(halves) / len(halves) < 0.6


def test_enforced_categories_follow_the_policy_and_the_kind_of_account():
    # Clean Slate does not check party politics on personal accounts; it does on its own
    assert "party_politics" in enforced_categories("clean-slate", "official")
    assert "party_politics" not in enforced_categories("clean-slate", "personal")
    # no spelling clause at the Society
    assert "spelling" not in enforced_categories("the-society", "official")
    assert "spelling" in enforced_categories("milestone-society", "official")


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="needs the train extra")
def test_development_posts_train_a_head_only_where_their_label_says_something():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
    from train_judgement import CONTEXT_DEPENDENT, JUDGEMENT_CATEGORIES, load_development

    texts, y, known, official = load_development(leave_out=0)
    posts = [p for p in load_posts(LABELLED) if not is_held_out(p["id"])]
    kept = [p for p in posts if development_half(p["id"]) == 1]
    assert len(texts) == len(kept) == len(y) == len(known) == len(official)
    for j, cat in enumerate(JUDGEMENT_CATEGORIES):
        # a label always counts; a missing one only where the policy checks it
        assert known[y[:, j] == 1, j].all()
        if cat in CONTEXT_DEPENDENT:
            assert not known[y[:, j] == 0, j].any()
    i = next(
        k
        for k, p in enumerate(kept)
        if p["policy"] == "clean-slate" and p.get("account") == "personal"
    )
    assert not known[i, JUDGEMENT_CATEGORIES.index("party_politics")]


# Where the built-in policy files check a category that the labelling table
# (benchmarks/validate_labelled.py, after docs/policy-semantics.md) does not expect on
# that kind of account, or the other way round. Each is a question for the semantics
# document, listed in the eighth session's note; a new difference fails this test so
# the two cannot drift apart unnoticed (New Baby Network's commercial check did, for
# seven sessions).
KNOWN_DIFFERENCES = {
    ("home-start-suffolk", "personal"): ({"third_party_label"}, set()),
}


def test_the_policy_files_and_the_labelling_table_differ_only_where_known():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "benchmarks"))
    from validate_labelled import ENFORCED

    for policy_id, accounts in ENFORCED.items():
        for account, labelled in accounts.items():
            checked = enforced_categories(policy_id, account, reported_only=True)
            difference = (checked - labelled, labelled - checked)
            assert difference == KNOWN_DIFFERENCES.get((policy_id, account), (set(), set())), (
                policy_id,
                account,
            )


def test_the_validator_refuses_a_role_the_policy_does_not_name():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "benchmarks"))
    from validate_labelled import problems_in

    post = {
        "id": "nbn-9999", "policy": "new-baby-network", "text": "Hello", "channel": "facebook",
        "account": "official", "context": {"author_role": "peer supporter"},
        "expected": {"decision": "ok", "approvers": [], "categories": []}, "note": "x",
    }  # fmt: skip
    assert any("not a role of new-baby-network" in p for p in problems_in(post))
    post["context"] = {"author_role": "social media volunteer"}
    assert not any("not a role" in p for p in problems_in(post))
