"""The welcome guard used by the trained discrimination and abuse checks."""

from __future__ import annotations

import pytest

from tactful.engine.checks.welcoming import is_welcoming


@pytest.mark.parametrize(
    "sentence",
    [
        "Gay and lesbian parents are welcome at all our groups.",
        "Older people are very welcome at our drop-in.",
        "Single dads are just as welcome as mums at our baby group.",
        "We warmly invite disabled families to our open day.",
        "Our café is open to everyone, whatever your faith.",
        "She'll be making sure every event we run works for disabled people and carers.",
    ],
)
def test_a_welcome_or_an_invitation_counts(sentence: str) -> None:
    assert is_welcoming(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gay people are not welcome at our groups.",
        "Muslims aren't welcome here.",
        "Trans people are welcome to go elsewhere.",
        "Disabled people are welcome, but not in the main hall.",
        "Make sure the disabled lot know the lift is out and the stairs are their problem.",
        "Immigrants are ruining this country and should all be sent back.",
        "Everyone is welcome " + "x" * 500,
    ],
)
def test_a_refusal_a_condition_or_no_welcome_does_not(sentence: str) -> None:
    assert not is_welcoming(sentence)
