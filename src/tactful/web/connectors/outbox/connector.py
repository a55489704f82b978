from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..base import Connector, ConnectorError, RemoteRef
from .models import OutboxEntry


def _ref(entry: OutboxEntry) -> RemoteRef:
    url = reverse("outbox:feed", args=[entry.channel_id]) + f"#post-{entry.pk}"
    return RemoteRef(remote_id=str(entry.pk), url=url)


class OutboxConnector(Connector):
    name = "outbox"

    def find(self, channel, key: str) -> RemoteRef | None:  # noqa: ANN001
        entry = OutboxEntry.objects.filter(channel=channel, key=key).first()
        return _ref(entry) if entry else None

    def publish(self, channel, text: str, key: str) -> RemoteRef:  # noqa: ANN001
        earlier = self.find(channel, key)
        if earlier:
            return earlier
        try:
            with transaction.atomic():
                entry = OutboxEntry.objects.create(channel=channel, key=key, text=text)
        except IntegrityError:  # a concurrent retry won the race: same post
            entry = OutboxEntry.objects.get(key=key)
        return _ref(entry)

    def _entry(self, channel, remote_id: str) -> OutboxEntry:  # noqa: ANN001
        entry = OutboxEntry.objects.filter(channel=channel, pk=remote_id).first()
        if entry is None:
            raise ConnectorError("the post is no longer in the outbox")
        return entry

    def amend(self, channel, remote_id: str, text: str) -> RemoteRef:  # noqa: ANN001
        entry = self._entry(channel, remote_id)
        entry.text = text
        entry.amended_at = timezone.now()
        entry.save(update_fields=["text", "amended_at"])
        return _ref(entry)

    def delete(self, channel, remote_id: str) -> None:  # noqa: ANN001
        entry = self._entry(channel, remote_id)
        if entry.deleted_at is None:
            entry.deleted_at = timezone.now()
            entry.save(update_fields=["deleted_at"])
