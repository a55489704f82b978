from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tactful.web.people.scope import activate_org_timezone
from tactful.web.registers.models import Channel

from .models import OutboxEntry


def feed(request: HttpRequest, channel_id: int) -> HttpResponse:
    """The channel's public feed, as a follower would see it."""
    channel = get_object_or_404(
        Channel.objects.select_related("organisation"), pk=channel_id, connector="outbox"
    )
    activate_org_timezone(channel.organisation)
    entries = OutboxEntry.objects.filter(channel=channel, deleted_at__isnull=True)[:100]
    return render(request, "outbox/feed.html", {"channel": channel, "entries": entries})
