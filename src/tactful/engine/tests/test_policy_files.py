"""Loading policy files: clear errors naming file, line and field; hostile files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tactful.engine import PolicyFileError, load_policy
from tactful.engine.policy import load_policy_file, load_policy_text

MINIMAL = """\
id: tiny
organisation: Tiny Charity
version: "1"
roles:
  - title: Comms Lead
    stand_ins: [Chair]
  - title: Chair
clauses:
  - id: "1"
    heading: Politics
    summary: We keep out of party politics in everything we post.
    uses: [custom.vote]
rules:
  - id: custom.vote
    kind: lexicon
    category: party_politics
    severity: blocker
    message: Tells people how to vote.
    why: We are not party political.
    params: {phrases: ["vote for the purple party"]}
    examples: {flag: ["vote for the purple party"], pass: ["vote in our poll"]}
"""


def test_it_loads_a_minimal_policy_with_a_custom_rule() -> None:
    compiled = load_policy_text(MINIMAL)
    assert compiled.policy.chain("Comms Lead") == ["Comms Lead", "Chair"]
    assert [r.id for r in compiled.clauses[0].rules] == ["custom.vote"]


def _load_error(tmp_path: Path, text: str) -> tuple[str, str]:
    """The error loading ``text`` from a file gives, and the line of the text it names."""
    f = tmp_path / "policy.yml"
    f.write_text(text)
    with pytest.raises(PolicyFileError) as err:
        load_policy_file(f)
    msg = str(err.value)
    assert msg.startswith(f"{f}:")
    return msg, text.splitlines()[int(msg.split(":")[1]) - 1]


def test_it_names_file_line_and_field_of_a_bad_value(tmp_path: Path) -> None:
    msg, line = _load_error(tmp_path, MINIMAL.replace("severity: blocker", "severity: catastrophic"))
    assert line.strip().startswith("severity")
    assert "rules.0.severity" in msg


def test_it_rejects_a_role_that_is_not_listed() -> None:
    bad = MINIMAL.replace("stand_ins: [Chair]", "stand_ins: [Treasurer]")
    with pytest.raises(PolicyFileError, match="Treasurer"):
        load_policy_text(bad)


def test_a_misspelt_role_points_at_its_line_and_suggests_the_role_meant(tmp_path: Path) -> None:
    msg, line = _load_error(tmp_path, MINIMAL.replace("stand_ins: [Chair]", "stand_ins: [Chiar]"))
    assert "Chiar" in line
    assert "(did you mean 'Chair'?)" in msg


def test_a_bad_policy_id_is_explained_in_plain_words() -> None:
    with pytest.raises(PolicyFileError) as err:
        load_policy_text(MINIMAL.replace("id: tiny", "id: Tiny Charity"))
    assert "lower-case letters, digits and hyphens" in str(err.value)
    assert "pattern" not in str(err.value)


def test_it_rejects_a_clause_with_neither_rules_nor_guidance() -> None:
    bad = MINIMAL.replace("    uses: [custom.vote]\n", "")
    with pytest.raises(PolicyFileError, match="guidance"):
        load_policy_text(bad)


def test_it_refuses_yaml_aliases_which_could_explode() -> None:
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    with pytest.raises(PolicyFileError, match="aliases"):
        load_policy_text(bomb)


def test_it_reports_broken_yaml_with_a_line() -> None:
    with pytest.raises(PolicyFileError, match=r"<policy>:\d+: not valid YAML"):
        load_policy_text("id: [unclosed\nclauses: {")


def test_it_refuses_an_oversized_file(tmp_path: Path) -> None:
    f = tmp_path / "huge.yml"
    f.write_text("# " + "x" * 600_000)
    with pytest.raises(PolicyFileError, match="larger than"):
        load_policy_file(f)


def test_it_explains_an_unknown_policy_id() -> None:
    with pytest.raises(PolicyFileError, match="built-in ids are"):
        load_policy("no-such-charity")


def test_a_rule_that_fails_its_params_names_the_field() -> None:
    bad = MINIMAL.replace(
        'params: {phrases: ["vote for the purple party"]}', "params: {phrases: []}"
    )
    with pytest.raises(PolicyFileError, match=r"rules\.0\.params\.phrases"):
        load_policy_text(bad)


def test_a_clause_using_an_unknown_rule_is_an_error() -> None:
    bad = MINIMAL.replace("uses: [custom.vote]", "uses: [custom.vote, nosuch.rule]")
    with pytest.raises(PolicyFileError, match="nosuch.rule"):
        load_policy_text(bad)


def test_official_only_keeps_a_rule_of_a_clause_to_official_accounts() -> None:
    from tactful.engine import check

    text = "Vote for the purple party on Thursday, friends."
    both = load_policy_text(MINIMAL)
    scoped = load_policy_text(
        MINIMAL.replace(
            "    uses: [custom.vote]\n", "    uses: [custom.vote]\n    official_only: [custom.*]\n"
        )
    )
    assert check(text, policy=both, account="personal").decision == "needs_changes"
    assert check(text, policy=scoped, account="official").decision == "needs_changes"
    assert check(text, policy=scoped, account="personal").findings == []


def test_home_start_keeps_party_politics_to_its_official_accounts() -> None:
    from tactful.engine import check

    text = "Off to vote Labour before work. Childcare has to get cheaper."
    hss = load_policy("home-start-suffolk")
    official = check(text, policy=hss, account="official", channel="facebook")
    personal = check(text, policy=hss, account="personal", channel="facebook")
    assert "party_politics" in {f.category for f in official.findings}
    assert "party_politics" not in {f.category for f in personal.findings}
