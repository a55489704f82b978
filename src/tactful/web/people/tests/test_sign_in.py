from __future__ import annotations

import pyotp
from django.test import override_settings
from django.utils import timezone

from tactful.web.lib.sealing import unseal
from tactful.web.people import actions
from tactful.web.people.models import TwoFactor
from tactful.web.testing import PASSWORD


def test_signing_in_with_the_right_password_works(team, client):
    r = client.post("/signin/", {"username": "comms@test-charity", "password": PASSWORD})
    assert r.status_code == 302
    assert client.get("/o/test-charity/").status_code == 200


def test_a_wrong_password_keeps_the_username_and_says_why(team, client):
    r = client.post("/signin/", {"username": "comms@test-charity", "password": "nope"})
    assert r.status_code == 400
    assert b"do not match" in r.content and b'value="comms@test-charity"' in r.content


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_too_many_failures_lock_the_account_even_with_the_right_password(team, client):
    for _ in range(3):
        client.post("/signin/", {"username": "comms@test-charity", "password": "nope"})
    r = client.post("/signin/", {"username": "comms@test-charity", "password": PASSWORD})
    assert r.status_code == 400 and b"Too many attempts" in r.content


def _enable_two_factor(user):
    secret = actions.do_begin_two_factor(user)
    tf = TwoFactor.objects.get(user=user)
    assert unseal(tf.sealed_secret) == secret and secret not in tf.sealed_secret
    code = pyotp.TOTP(secret).at(timezone.now().timestamp() - 30)
    actions.do_confirm_two_factor(user, code)
    return secret


def test_two_factor_asks_for_a_code_after_the_password(team, client):
    secret = _enable_two_factor(team.comms.user)
    client.post("/signin/", {"username": "comms@test-charity", "password": PASSWORD})
    assert client.get("/o/test-charity/").status_code == 302
    r = client.post("/signin/code/", {"code": "000000"})
    assert b"did not match" in r.content
    client.post("/signin/code/", {"code": pyotp.TOTP(secret).now(), "next": "/o/test-charity/"})
    assert client.get("/o/test-charity/").status_code == 200


def test_two_factor_is_not_offered_to_roles_that_cannot_publish(team):
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.do_begin_two_factor(team.volunteer.user)


def test_acknowledging_an_old_policy_version_is_refused(team):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.do_acknowledge_policy(team.volunteer, "1999-01")
    actions.do_acknowledge_policy(team.volunteer, "2026-01")
    assert team.volunteer.acknowledged_version == "2026-01"
