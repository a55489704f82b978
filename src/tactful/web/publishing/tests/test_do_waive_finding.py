from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tactful.web.publishing import actions
from tactful.web.publishing.models import Draft, Waiver


def _blocked(team):
    draft = actions.do_create_draft(
        team.volunteer, "Vote Labour on Thursday!", channel=team.channel
    )
    actions.do_submit_draft(team.volunteer, draft)
    draft.refresh_from_db()
    assert draft.current.decision == "needs_changes"
    return draft


def test_a_blocker_cannot_be_approved_without_a_waiver(team):
    draft = _blocked(team)
    with pytest.raises(PermissionDenied):
        actions.do_approve_draft(team.comms, draft)


def test_a_recorded_waiver_lets_the_approver_approve(team):
    draft = _blocked(team)
    actions.do_waive_finding(
        team.comms,
        draft,
        0,
        "Quoting the party's slogan in a hustings report, agreed with the chair.",
    )
    waiver = Waiver.objects.get()
    assert waiver.by == team.comms and waiver.rule == "test.politics"
    actions.do_approve_draft(team.comms, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED


def test_a_waiver_needs_a_reason(team):
    draft = _blocked(team)
    with pytest.raises(ValidationError):
        actions.do_waive_finding(team.comms, draft, 0, "ok")


def test_a_role_without_waive_cannot_waive(team):
    draft = _blocked(team)
    with pytest.raises(PermissionDenied):
        actions.do_waive_finding(team.trustee, draft, 0, "A long enough reason to record here.")


def test_the_author_cannot_waive_their_own_blocker(team):
    draft = actions.do_create_draft(team.ceo, "Vote Labour on Thursday!", channel=team.channel)
    actions.do_submit_draft(team.ceo, draft)
    with pytest.raises(PermissionDenied):
        actions.do_waive_finding(team.ceo, draft, 0, "A long enough reason to record here.")


def test_a_marker_in_the_text_does_not_pass_a_blocker(team):
    draft = actions.do_create_draft(
        team.volunteer, "Vote Labour on Thursday! [approved] #waived", channel=team.channel
    )
    actions.do_submit_draft(team.volunteer, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.SUBMITTED and draft.current.decision == "needs_changes"


def test_a_waiver_does_not_carry_over_to_a_new_revision(team):
    draft = _blocked(team)
    actions.do_waive_finding(team.comms, draft, 0, "Quoting the slogan in a hustings report.")
    actions.do_edit_draft(team.volunteer, draft, "Vote Labour on Thursday! Updated.")
    actions.do_submit_draft(team.volunteer, draft)
    draft.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.do_approve_draft(team.comms, draft)
