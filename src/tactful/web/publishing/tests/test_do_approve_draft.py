from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from tactful.web.publishing import actions
from tactful.web.publishing.models import Draft


def test_a_high_profile_post_goes_to_the_chief_executive(team):
    draft = actions.do_create_draft(
        team.volunteer, "We announce our new patron today.", channel=team.channel
    )
    actions.do_submit_draft(team.volunteer, draft)
    draft.refresh_from_db()
    assert draft.current.approvers == ["Communications Manager", "Chief Executive"]
    actions.do_approve_draft(team.comms, draft, "Communications Manager")
    draft.refresh_from_db()
    assert draft.state == Draft.SUBMITTED
    actions.do_approve_draft(team.ceo, draft, "Chief Executive")
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED


def test_a_stand_in_may_approve_for_the_role(team):
    draft = actions.do_create_draft(
        team.comms, "We announce our new patron today.", channel=team.channel
    )
    actions.do_submit_draft(team.comms, draft)
    actions.do_approve_draft(team.trustee, draft, "Chief Executive")
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED


def test_a_volunteer_cannot_approve(team):
    draft = actions.do_create_draft(
        team.comms, "We announce our new patron today.", channel=team.channel
    )
    actions.do_submit_draft(team.comms, draft)
    with pytest.raises(PermissionDenied):
        actions.do_approve_draft(team.volunteer, draft)


def test_the_author_holding_the_role_needs_no_one_else(team):
    draft = actions.do_create_draft(
        team.ceo, "We announce our new patron today.", channel=team.channel
    )
    actions.do_submit_draft(team.ceo, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED


def test_submitting_needs_the_policy_acknowledged(team):
    team.volunteer.acknowledged_version = ""
    team.volunteer.save()
    draft = actions.do_create_draft(team.volunteer, "Coffee morning.", channel=team.channel)
    with pytest.raises(PermissionDenied):
        actions.do_submit_draft(team.volunteer, draft)
