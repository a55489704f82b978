"""Sending a scheduled draft through its channel's connector, exactly once.

Three steps. (1) In a transaction: check the draft is still due, not held by a
crisis and still passes its checks, then claim it (scheduled -> publishing, a
conditional UPDATE, so of two workers only one wins) and create the Post row with
its key. (2) Outside any transaction: send through the connector with that key.
(3) In a transaction: store the remote id, then mark the draft published. If the
process dies between (2) and (3), the retry finds the draft still "publishing" and
sends with the same key, which the connector recognises as the same post.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from tactful.web.audit.log import write_event
from tactful.web.connectors import ConnectorError, connector_for

from .checking import check_revision, open_blockers, outstanding_approvers
from .crisis import current_crisis
from .models import Draft, Post


def post_key(draft: Draft) -> str:
    return f"draft-{draft.pk}-rev-{draft.current_id}"


def _hold(draft: Draft, state: str, note: str, event: str) -> None:
    before = {"state": draft.state}
    draft.state, draft.note = state, note[:500]
    draft.save(update_fields=["state", "note", "updated_at"])
    write_event(draft.organisation, None, event, draft, before, {"state": state, "note": note})


def _claim(draft_id: int, revision_id: int) -> tuple[str, Post | None]:
    with transaction.atomic():
        draft = (
            Draft.objects.select_related("organisation", "current", "channel", "author")
            .filter(pk=draft_id)
            .first()
        )
        if draft is None or draft.current_id != revision_id:
            return "stale", None
        if draft.state == Draft.PUBLISHING:
            return "resume", Post.objects.filter(key=post_key(draft)).first()
        if draft.state != Draft.SCHEDULED:
            return "nothing to do", None
        if draft.scheduled_at and draft.scheduled_at > timezone.now():
            return "not due", None
        if current_crisis(draft.organisation):
            _hold(draft, Draft.HELD, "Held: crisis mode is on.", "publishing.draft.hold")
            return "held", None
        check_revision(draft, draft.current)
        if open_blockers(draft.current) or outstanding_approvers(draft):
            _hold(
                draft, Draft.FAILED,
                "Checked again before sending, it now has a problem or needs approval.",
                "publishing.draft.block",
            )  # fmt: skip
            return "blocked", None
        claimed = Draft.objects.filter(pk=draft.pk, state=Draft.SCHEDULED).update(
            state=Draft.PUBLISHING, updated_at=timezone.now()
        )
        if not claimed:
            return "taken", None
        post, _ = Post.objects.get_or_create(
            key=post_key(draft),
            defaults={
                "organisation": draft.organisation, "draft": draft, "revision": draft.current,
                "channel": draft.channel, "text": draft.current.text,
            },
        )  # fmt: skip
        return "claimed", post


def do_publish_draft(draft_id: int, revision_id: int) -> str:
    outcome, post = _claim(draft_id, revision_id)
    if post is None:
        return outcome
    if not post.remote_id:
        if current_crisis(post.organisation):
            with transaction.atomic():
                _hold(post.draft, Draft.HELD, "Held: crisis mode is on.", "publishing.draft.hold")
            return "held"
        try:
            ref = connector_for(post.channel.connector).publish(post.channel, post.text, post.key)
        except ConnectorError as exc:
            with transaction.atomic():
                _hold(post.draft, Draft.FAILED, str(exc), "publishing.post.fail")
            return "failed"
        with transaction.atomic():
            post.remote_id, post.remote_url = ref.remote_id, ref.url
            post.published_at = timezone.now()
            post.save(update_fields=["remote_id", "remote_url", "published_at"])
    with transaction.atomic():
        done = Draft.objects.filter(pk=draft_id, state=Draft.PUBLISHING).update(
            state=Draft.PUBLISHED, note="", updated_at=timezone.now()
        )
        if done:
            write_event(
                post.organisation, None, "publishing.post.publish", post,
                {"state": Draft.PUBLISHING},
                {"state": Draft.PUBLISHED, "remote_id": post.remote_id, "channel": post.channel_id},
            )  # fmt: skip
    return "published"
