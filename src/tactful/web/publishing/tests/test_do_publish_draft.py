from __future__ import annotations

import pytest
from django.utils import timezone

from tactful.web.connectors.base import ConnectorError
from tactful.web.connectors.outbox.connector import OutboxConnector
from tactful.web.connectors.outbox.models import OutboxEntry
from tactful.web.publishing import actions
from tactful.web.publishing.models import Draft, Post
from tactful.web.publishing.sending import do_publish_draft
from tactful.web.publishing.tasks import enqueue_due_posts


def _due(team, text="Coffee morning on Friday."):
    draft = actions.do_create_draft(team.comms, text, channel=team.channel)
    actions.do_submit_draft(team.comms, draft)
    actions.do_schedule_draft(team.comms, draft, timezone.now())
    draft.refresh_from_db()
    return draft


def test_running_the_send_twice_posts_once(team):
    draft = _due(team)
    assert do_publish_draft(draft.pk, draft.current_id) == "published"
    assert do_publish_draft(draft.pk, draft.current_id) == "nothing to do"
    assert OutboxEntry.objects.count() == 1


def test_a_crash_after_sending_does_not_double_post_on_retry(team, monkeypatch):
    draft = _due(team)
    real = OutboxConnector.publish

    def publish_then_die(self, channel, text, key):
        real(self, channel, text, key)
        raise KeyboardInterrupt("process killed after the platform accepted the post")

    monkeypatch.setattr(OutboxConnector, "publish", publish_then_die)
    with pytest.raises(KeyboardInterrupt):
        do_publish_draft(draft.pk, draft.current_id)
    draft.refresh_from_db()
    assert draft.state == Draft.PUBLISHING
    monkeypatch.setattr(OutboxConnector, "publish", real)
    assert do_publish_draft(draft.pk, draft.current_id) == "published"
    assert OutboxEntry.objects.count() == 1
    assert Post.objects.get().remote_id == str(OutboxEntry.objects.get().pk)


def test_a_connector_failure_marks_the_draft_failed_and_retry_sends_it(team, monkeypatch):
    draft = _due(team)

    def refuse(self, channel, text, key):
        raise ConnectorError("The platform refused the post.")

    monkeypatch.setattr(OutboxConnector, "publish", refuse)
    assert do_publish_draft(draft.pk, draft.current_id) == "failed"
    draft.refresh_from_db()
    assert draft.state == Draft.FAILED and "refused" in draft.note
    monkeypatch.undo()
    # retry: the post row and its key are reused
    Draft.objects.filter(pk=draft.pk).update(state=Draft.PUBLISHING)
    assert do_publish_draft(draft.pk, draft.current_id) == "published"
    assert OutboxEntry.objects.count() == 1


def test_a_stale_task_for_an_old_revision_does_nothing(team):
    draft = _due(team)
    old = draft.current_id
    actions.do_unschedule_draft(team.comms, draft)
    actions.do_edit_draft(team.comms, draft, "Coffee morning on Saturday.")
    assert do_publish_draft(draft.pk, old) == "stale"
    assert not OutboxEntry.objects.exists()


def test_the_sweep_requeues_due_posts(team):
    from django_tasks import default_task_backend

    _due(team)
    default_task_backend.clear()
    assert enqueue_due_posts() == 1
    assert len(default_task_backend.results) == 1


def test_a_post_that_now_breaks_the_policy_is_not_sent(team):
    draft = _due(team)
    from tactful.web.publishing.models import Revision

    Revision.objects.filter(pk=draft.current_id).update(text="Vote Labour on Thursday!")
    assert do_publish_draft(draft.pk, draft.current_id) == "blocked"
    assert not OutboxEntry.objects.exists()
