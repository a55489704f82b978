"""The Context as the Python API reads it: unknown keys are ignored, as the contract
says, but each one is named in an UnknownContextKeyWarning."""

from __future__ import annotations

import warnings

import pytest

from tactful.engine import Context, check
from tactful.engine.model import UnknownContextKeyWarning, describe_unknown_context_key


def test_a_misspelt_key_warns_with_the_key_meant_and_is_ignored():
    with pytest.warns(UnknownContextKeyWarning, match="'consent' ignored; did you mean 'consents'"):
        ctx = Context.model_validate({"consent": ["Jane Smith, photo"]})
    assert ctx.consents == []


def test_check_with_a_dict_context_warns_at_the_callers_line():
    with pytest.warns(UnknownContextKeyWarning) as record:
        result = check("Coffee morning on Friday.", policy="starter", context={"embargos": []})
    assert result.decision == "ok"
    assert (
        str(record[0].message)
        == "unknown context key 'embargos' ignored; did you mean 'embargoes'?"
    )
    assert record[0].filename == __file__


def test_a_key_with_nothing_close_is_named_without_a_guess():
    assert describe_unknown_context_key("surprise") == "unknown context key 'surprise' ignored"


def test_a_very_long_key_is_shortened_to_keep_the_message_on_one_line():
    message = describe_unknown_context_key("x" * 500 + "\nmore")
    assert "\n" not in message and len(message) < 120


def test_the_contract_keys_give_no_warning():
    data = {
        "today": "2026-11-21",
        "author_role": "Web Administrator",
        "consents": [{"person": "Jane Smith", "scope": "photo", "parental": False}],
        "embargoes": [{"topic": "new patron announcement", "until": "2026-12-01"}],
        "media": [{"kind": "image", "source": "own"}],
        "high_profile": False,
        "approvals": ["board approval for this campaign"],
        "profile_disclaimer": False,
        "reply_to": None,
        "notes": "",
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Context.model_validate(data)


def test_a_misspelt_key_inside_a_consent_embargo_or_media_entry_warns_too():
    data = {
        "consents": [{"peron": "Jane Smith", "scope": "photo"}],
        "embargoes": [{"topic": "new patron", "untill": "2026-12-01"}],
        "media": [{"kind": "image", "licnce": "CC BY 4.0"}],
    }
    with pytest.warns(UnknownContextKeyWarning) as record:
        ctx = Context.model_validate(data)
    messages = sorted(str(r.message) for r in record)
    assert messages == [
        "unknown consent key 'peron' ignored; did you mean 'person'?",
        "unknown embargo key 'untill' ignored; did you mean 'until'?",
        "unknown media key 'licnce' ignored; did you mean 'licence'?",
    ]
    assert ctx.consents[0].person == "" and ctx.embargoes[0].until is None


def test_a_consent_in_words_reads_its_end_date():
    from tactful.engine.model import words_expiry

    assert str(words_expiry("Jan Hollis, name and photo, until 30 September 2026")) == "2026-09-30"
    assert str(words_expiry("Jan Hollis, photo, valid until March 2027")) == "2027-03-31"
    assert str(words_expiry("expires 31/12/2026")) == "2026-12-31"
    assert words_expiry("Jan Hollis, photo") is None
    assert words_expiry("until 31 February 2027") is None  # no such day: no date read
