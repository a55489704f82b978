from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tactful.web.publishing import actions
from tactful.web.publishing.models import Draft


def _approved(team):
    draft = actions.do_create_draft(
        team.volunteer, "Coffee morning on Friday.", channel=team.channel
    )
    actions.do_submit_draft(team.volunteer, draft)
    actions.do_approve_draft(team.comms, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED
    return draft


def test_it_voids_approval_after_edit(team):
    draft = _approved(team)
    old = draft.current
    actions.do_edit_draft(team.volunteer, draft, "Coffee morning on Saturday.")
    draft.refresh_from_db()
    assert draft.state == Draft.DRAFT
    assert draft.current.number == 2
    assert old.approvals.get().voided_at is not None
    actions.do_submit_draft(team.volunteer, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.SUBMITTED


def test_it_keeps_the_old_revision_text(team):
    draft = _approved(team)
    actions.do_edit_draft(team.volunteer, draft, "Coffee morning on Saturday.")
    texts = list(draft.revisions.order_by("number").values_list("text", flat=True))
    assert texts == ["Coffee morning on Friday.", "Coffee morning on Saturday."]


def test_another_volunteers_draft_cannot_be_edited_by_a_volunteer(team):
    from tactful.web.people.actions import do_add_person_unchecked

    other = do_add_person_unchecked(team.org, "vol2", "Vol Two", "Volunteer", None)
    draft = actions.do_create_draft(team.volunteer, "Coffee morning.", channel=team.channel)
    with pytest.raises(PermissionDenied):
        actions.do_edit_draft(other, draft, "Changed")


def test_an_empty_edit_is_refused_with_a_message(team):
    draft = actions.do_create_draft(team.volunteer, "Coffee morning.")
    with pytest.raises(ValidationError):
        actions.do_edit_draft(team.volunteer, draft, "   ")
