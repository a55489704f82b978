"""Background work, through the standard Django tasks API. Tasks take ids only and
are safe to run twice: the draft's state decides whether there is anything to do."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task


@task()
def publish_draft(draft_id: int, revision_id: int) -> str:
    from .sending import do_publish_draft

    return do_publish_draft(draft_id, revision_id)


@task()
def sweep_due_posts() -> int:
    return enqueue_due_posts()


def enqueue_publish(draft) -> None:  # noqa: ANN001
    """Queue the send for the draft's time (inside the caller's transaction, so the
    queue row and the state change commit together)."""
    when = draft.scheduled_at or timezone.now()
    publish_draft.using(run_after=when).enqueue(draft.pk, draft.current_id)


STUCK_AFTER = dt.timedelta(minutes=2)


def enqueue_due_posts(now: dt.datetime | None = None) -> int:
    """Catch anything a lost queue row or a crash left behind: due scheduled posts and
    sends that started but never finished. Running it twice is harmless."""
    from .models import Draft

    now = now or timezone.now()
    due = Draft.objects.filter(state=Draft.SCHEDULED, scheduled_at__lte=now)
    stuck = Draft.objects.filter(state=Draft.PUBLISHING, updated_at__lte=now - STUCK_AFTER)
    count = 0
    for draft_id, revision_id in (due | stuck).values_list("pk", "current_id")[:500]:
        publish_draft.enqueue(draft_id, revision_id)
        count += 1
    return count
