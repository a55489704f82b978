from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tactful.web.audit.models import AuditEvent
from tactful.web.connectors.outbox.models import OutboxEntry
from tactful.web.publishing import actions
from tactful.web.publishing.models import Draft
from tactful.web.publishing.sending import do_publish_draft


def test_a_volunteer_draft_goes_from_writing_to_the_outbox(team):
    draft = actions.do_create_draft(
        team.volunteer, "Coffee morning on Friday at ten.", channel=team.channel
    )
    assert draft.state == Draft.DRAFT
    actions.do_submit_draft(team.volunteer, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.SUBMITTED
    assert draft.current.approvers == ["Communications Manager"]
    actions.do_approve_draft(team.comms, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED
    actions.do_schedule_draft(team.comms, draft, timezone.now())
    assert do_publish_draft(draft.pk, draft.current_id) == "published"
    draft.refresh_from_db()
    assert draft.state == Draft.PUBLISHED
    entry = OutboxEntry.objects.get(channel=team.channel)
    assert entry.text == "Coffee morning on Friday at ten."
    names = list(
        AuditEvent.objects.filter(organisation=team.org)
        .order_by("seq")
        .values_list("name", flat=True)
    )
    for expected in [
        "publishing.draft.create",
        "publishing.draft.submit",
        "publishing.draft.approve",
        "publishing.draft.schedule",
        "publishing.post.publish",
    ]:
        assert expected in names


def test_a_clean_post_by_the_approving_role_is_approved_on_submit(team):
    draft = actions.do_create_draft(team.comms, "Coffee morning on Friday.", channel=team.channel)
    actions.do_submit_draft(team.comms, draft)
    draft.refresh_from_db()
    assert draft.state == Draft.APPROVED


def test_a_scheduled_post_is_not_sent_before_its_time(team):
    draft = actions.do_create_draft(team.comms, "Coffee morning on Friday.", channel=team.channel)
    actions.do_submit_draft(team.comms, draft)
    actions.do_schedule_draft(team.comms, draft, timezone.now() + dt.timedelta(hours=2))
    assert do_publish_draft(draft.pk, draft.current_id) == "not due"
    assert not OutboxEntry.objects.exists()
