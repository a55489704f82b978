"""Unknown roles, policies, channels and kinds name the choice the user probably meant."""

import pytest

from tactful.engine import InputError, check
from tactful.engine.model import closest
from tactful.engine.policy import PolicyFileError, load_policy
from tactful.engine.triage import triage


@pytest.mark.parametrize(
    ("value", "choices", "meant"),
    [
        ("facebok", ("facebook", "instagram", "x"), "facebook"),
        ("staff member", ("CEO", "Staff", "Designated staff/trustee"), "Staff"),
        ("web admin", ("Web Administrator", "Chairman"), "Web Administrator"),
        ("social media officer", ("Social Media Officer",), "Social Media Officer"),
        ("wizard", ("Web Administrator", "Chairman"), None),
        ("", ("Staff",), None),
        # two choices share the word, so neither is offered
        ("trustee", ("Board trustee", "Lead trustee"), None),
    ],
)
def test_closest(value, choices, meant):
    assert closest(value, choices) == meant


def test_unknown_role_suggests_the_role_meant():
    with pytest.raises(InputError) as err:
        check("Coffee morning on Friday", policy="home-start-suffolk", context={"author_role": "staff member"})
    assert "(did you mean 'Staff'?)" in str(err.value)
    assert "its roles are: CEO" in str(err.value)


def test_unknown_role_with_nothing_close_lists_the_roles_only():
    with pytest.raises(InputError) as err:
        check("Coffee morning", policy="milestone-society", context={"author_role": "Wizard"})
    assert "did you mean" not in str(err.value)
    assert "Web Administrator" in str(err.value)


def test_unknown_policy_channel_and_kind_suggest_the_one_meant():
    with pytest.raises(PolicyFileError, match=r"\(did you mean 'home-start-suffolk'\?\)"):
        load_policy("home-start-sufolk")
    with pytest.raises(InputError, match=r"\(did you mean 'facebook'\?\)"):
        check("Coffee morning", policy="starter", channel="facebok")
    with pytest.raises(InputError, match=r"\(did you mean 'comment'\?\)"):
        triage("Where is the café?", policy="starter", kind="coment")
