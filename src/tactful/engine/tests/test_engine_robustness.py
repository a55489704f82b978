"""The engine never crashes on any string and never reaches for the network."""

from __future__ import annotations

import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tactful.engine import BUILTIN_IDS, InputError, check, load_policy
from tactful.engine.model import CHANNELS

NASTY = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.sampled_from(
        [
            "",
            " ",
            "\x00\x01\x02",
            "\u202e\u200b\ufeff",
            "👩‍👩‍👧" * 50,
            "#" * 300,
            "@" * 300,
            "http://" + "a" * 2000,
            "£" * 500,
            "07700 900123 " * 40,
            "a\u0301" * 300,
            "(((((((((((((((((((((((((((((",
            "x" * 5000,
            "ٱلسَّلَامُ عَلَيْكُمْ",
            "\n\n\n\t\t",
        ]
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=NASTY,
    policy=st.sampled_from(BUILTIN_IDS),
    channel=st.sampled_from([None, *CHANNELS]),
    account=st.sampled_from(["official", "personal"]),
)
def test_check_never_crashes_and_spans_stay_inside(
    text: str, policy: str, channel, account
) -> None:
    result = check(text, policy=policy, channel=channel, account=account)
    assert result.decision in ("ok", "needs_approval", "needs_changes")
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.excerpt == text[f.start : f.end]


def test_text_over_the_limit_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="characters"):
        check("a" * 100_001, policy="starter")


def test_an_unknown_channel_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="unknown channel"):
        check("hello", policy="starter", channel="myspace")


def test_every_check_runs_with_sockets_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the engine tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for pid in BUILTIN_IDS:
        policy = load_policy(pid)
        check(
            "Vote Labour! Ring Sue Smith on 07700 900123, recieve #mentalhealthawareness bit.ly/x",
            policy=policy,
            channel="x",
            context={"media": [{"source": "third_party"}]},
        )
