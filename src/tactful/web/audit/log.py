"""Writing to and verifying the audit log.

Each entry's hash covers its own fields and the previous entry's hash, so changing
or removing any entry breaks every hash after it. The (organisation, seq) unique
constraint means two writers racing for the same place cannot fork the chain: one
of them fails and its whole transaction (the state change with it) rolls back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))


def entry_hash(event: AuditEvent) -> str:
    body = json.dumps(
        {
            "org": event.organisation_id,
            "seq": event.seq,
            "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor": event.actor_label,
            "name": event.name,
            "object": [event.object_type, event.object_id],
            "before": event.before,
            "after": event.after,
            "prev": event.prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    person = getattr(actor, "display_name", None)
    if person is not None:
        return f"{actor.display_name} ({actor.role}) [{actor.user.username}]"
    return getattr(actor, "username", str(actor))


def write_event(
    org: Any,
    actor: Any,
    name: str,
    obj: Any = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one entry. Call inside the action's transaction."""
    assert transaction.get_connection().in_atomic_block, "audit writes belong in a transaction"
    last = (
        AuditEvent.objects.select_for_update()
        .filter(organisation=org)
        .order_by("-seq")
        .values("seq", "hash")
        .first()
    )
    user = getattr(actor, "user", actor)
    event = AuditEvent(
        organisation=org,
        seq=(last["seq"] + 1) if last else 1,
        at=timezone.now(),
        actor=user if getattr(user, "pk", None) else None,
        actor_label=actor_label(actor),
        name=name,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        before=_canonical(before) if before is not None else None,
        after=_canonical(after) if after is not None else None,
        prev_hash=last["hash"] if last else GENESIS,
    )
    event.hash = entry_hash(event)
    event.save()
    return event


def verify_chain(events: Iterable[AuditEvent]) -> int | None:
    """The seq of the first broken entry (events in ascending seq order), or None."""
    prev = GENESIS
    expected = 1
    for event in events:
        if event.seq != expected or event.prev_hash != prev or entry_hash(event) != event.hash:
            return event.seq
        prev = event.hash
        expected += 1
    return None


def verify_org_chain(org: Any) -> int | None:
    return verify_chain(AuditEvent.objects.filter(organisation=org).order_by("seq").iterator())
