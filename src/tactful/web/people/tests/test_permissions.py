"""Each role can do what the test policy's ``can`` list allows, and nothing more."""

from __future__ import annotations

import pytest

from tactful.web.people.permissions import PERMISSIONS, person_can
from tactful.web.publishing.actions import can_switch_crisis

ALLOWED = {
    "comms": {
        "draft",
        "approve",
        "publish",
        "waive",
        "manage_channels",
        "manage_records",
        "manage_people",
    },
    "volunteer": {"draft"},
    "ceo": {"draft", "approve", "publish", "crisis", "waive", "view_audit"},
    "trustee": {"approve", "view_audit"},
}


@pytest.mark.parametrize("persona", sorted(ALLOWED))
@pytest.mark.parametrize("permission", PERMISSIONS)
def test_each_role_has_exactly_the_policys_permissions(team, persona, permission):
    assert person_can(team.people[persona], permission) == (permission in ALLOWED[persona])


def test_an_inactive_person_can_do_nothing(team):
    team.comms.active = False
    assert not any(person_can(team.comms, p) for p in PERMISSIONS)


def test_crisis_switch_follows_the_policys_crisis_roles(team):
    assert can_switch_crisis(team.ceo)
    assert can_switch_crisis(team.comms)  # named under crisis.roles
    assert not can_switch_crisis(team.volunteer)
    assert not can_switch_crisis(team.trustee)
