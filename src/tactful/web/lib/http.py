"""The one door for outbound HTTP. Every connector goes through ``request``.

It sets a timeout on every call, retries idempotent requests on network errors and
5xx answers with a short back-off, and refuses addresses inside private, loopback or
link-local ranges (so a channel address cannot be used to reach the server's own
network). Tests swap the transport for recorded responses with ``replay``; nothing in
the test suite touches the network.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 10.0
RETRY_STATUSES = {502, 503, 504}
IDEMPOTENT = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}


class HttpError(Exception):
    """An outbound request failed; the message is safe to show to a person."""


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> object:
        return json.loads(self.body.decode() or "null")


Transport = Callable[[str, str, dict[str, str], bytes | None, float], Response]


def is_public_host(host: str) -> bool:
    """True when every address the host name resolves to is a public one."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not addr.is_global or addr.is_multicast:
            return False
    return bool(infos)


def _urllib_transport(
    method: str, url: str, headers: dict[str, str], body: bytes | None, timeout: float
) -> Response:
    req = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            return Response(resp.status, resp.read(), dict(resp.headers))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read(), dict(exc.headers))


_transport: Transport = _urllib_transport
_check_host: Callable[[str], bool] = is_public_host


def request(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    json_body: object = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = 2,
) -> Response:
    method = method.upper()
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise HttpError("only https addresses are allowed")
    if not parts.hostname or not _check_host(parts.hostname):
        raise HttpError(f"{parts.hostname or 'that address'} is not a public internet address")
    hdrs = {"User-Agent": "Tactful desk", **(headers or {})}
    body = None
    if json_body is not None:
        body = json.dumps(json_body).encode()
        hdrs.setdefault("Content-Type", "application/json")
    attempts = retries + 1 if method in IDEMPOTENT else 1
    for attempt in range(attempts):
        try:
            resp = _transport(method, url, hdrs, body, timeout)
        except (OSError, urllib.error.URLError) as exc:
            if attempt + 1 >= attempts:
                raise HttpError(f"could not reach {parts.hostname}: {exc}") from None
        else:
            if resp.status not in RETRY_STATUSES or attempt + 1 >= attempts:
                return resp
        time.sleep(min(0.5 * 2**attempt, 4))
    raise HttpError("the request did not complete")  # pragma: no cover


@contextmanager
def replay(responses: list[Response], calls: list | None = None) -> Iterator[list]:
    """Answer requests from ``responses`` in order, recording each call (tests only)."""
    global _transport, _check_host
    seen: list = calls if calls is not None else []
    queue = list(responses)

    def fake(method: str, url: str, headers: dict, body: bytes | None, timeout: float) -> Response:
        seen.append((method, url, headers, body))
        if not queue:
            raise OSError("no recorded response left")
        return queue.pop(0)

    saved = _transport, _check_host
    _transport, _check_host = fake, lambda host: not host.endswith(".internal")
    try:
        yield seen
    finally:
        _transport, _check_host = saved
