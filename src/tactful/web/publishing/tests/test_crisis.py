from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tactful.web.connectors.outbox.models import OutboxEntry
from tactful.web.publishing import actions
from tactful.web.publishing.models import Draft
from tactful.web.publishing.sending import do_publish_draft


def _scheduled(team, when):
    draft = actions.do_create_draft(team.comms, "Coffee morning on Friday.", channel=team.channel)
    actions.do_submit_draft(team.comms, draft)
    actions.do_schedule_draft(team.comms, draft, when)
    draft.refresh_from_db()
    return draft


def test_crisis_mode_holds_every_scheduled_post(team):
    draft = _scheduled(team, timezone.now() + dt.timedelta(hours=1))
    actions.do_start_crisis(team.ceo, "A serious incident at an event.")
    draft.refresh_from_db()
    assert draft.state == Draft.HELD


def test_a_due_post_is_held_at_send_time_when_crisis_starts(team):
    draft = _scheduled(team, timezone.now())
    # the post is due; crisis mode comes on; the queued send must not go out
    Draft.objects.filter(pk=draft.pk).update(state=Draft.SCHEDULED)
    from tactful.web.publishing.models import CrisisPeriod

    CrisisPeriod.objects.create(
        organisation=team.org, reason="test", started_by=team.ceo, started_at=timezone.now()
    )
    assert do_publish_draft(draft.pk, draft.current_id) == "held"
    assert not OutboxEntry.objects.exists()


def test_crisis_mode_needs_a_reason(team):
    with pytest.raises(ValidationError):
        actions.do_start_crisis(team.ceo, "  ")


def test_a_volunteer_cannot_switch_crisis_mode(team):
    with pytest.raises(PermissionDenied):
        actions.do_start_crisis(team.volunteer, "A serious incident at an event.")
    with pytest.raises(PermissionDenied):
        actions.do_start_crisis(team.trustee, "A serious incident at an event.")


def test_on_resume_overdue_posts_need_fresh_approval_and_future_ones_resume(team):
    overdue = _scheduled(team, timezone.now() + dt.timedelta(minutes=5))
    later = _scheduled(team, timezone.now() + dt.timedelta(days=1))
    actions.do_start_crisis(team.ceo, "A serious incident at an event.")
    Draft.objects.filter(pk=overdue.pk).update(
        scheduled_at=timezone.now() - dt.timedelta(minutes=1)
    )
    actions.do_end_crisis(team.ceo, "All clear.")
    overdue.refresh_from_db()
    later.refresh_from_db()
    assert later.state == Draft.SCHEDULED
    assert overdue.state == Draft.SUBMITTED and overdue.reapproval
    # the author may not approve it afresh; someone else who can approve must
    with pytest.raises(PermissionDenied):
        actions.do_approve_draft(team.comms, overdue)
    actions.do_approve_draft(team.ceo, overdue)
    overdue.refresh_from_db()
    assert overdue.state == Draft.APPROVED


def test_nothing_can_be_scheduled_during_a_crisis(team):
    draft = actions.do_create_draft(team.comms, "Coffee morning on Friday.", channel=team.channel)
    actions.do_submit_draft(team.comms, draft)
    actions.do_start_crisis(team.comms, "A serious incident at an event.")
    with pytest.raises(PermissionDenied):
        actions.do_schedule_draft(team.comms, draft)
