"""What every connector provides.

Publishing must be safe to repeat: ``publish`` receives a key that is the same on
every retry of the same post, and must return the earlier post's reference rather
than posting again when it has already seen that key (a platform without
idempotency keys is searched with ``find`` before a second attempt).
"""

from __future__ import annotations

from dataclasses import dataclass


class ConnectorError(Exception):
    """Publishing failed; the message is plain English and safe to show."""


@dataclass(frozen=True)
class RemoteRef:
    remote_id: str
    url: str = ""


class Connector:
    name = ""

    def find(self, channel, key: str) -> RemoteRef | None:  # noqa: ANN001
        """An earlier post made with this key, if the platform has one."""
        raise NotImplementedError

    def publish(self, channel, text: str, key: str) -> RemoteRef:  # noqa: ANN001
        raise NotImplementedError

    def amend(self, channel, remote_id: str, text: str) -> RemoteRef:  # noqa: ANN001
        raise NotImplementedError

    def delete(self, channel, remote_id: str) -> None:  # noqa: ANN001
        raise NotImplementedError
