"""Crisis signals over a stream of triaged messages.

An alert is raised when, in the last ``window`` of time, the number of messages
or the number of negative ones (complaint, abuse, crisis_risk) climbs well above
the recent baseline: the average per window over the ``baseline_windows`` before
it. "Well above" means more than ``sensitivity`` times the baseline and at least
``min_count`` messages. After an alert of one kind, the same kind stays quiet for
``cooldown``. Alert JSON::

    {"alert": "volume" | "negativity", "policy": "…", "window_start": "…Z",
     "window_end": "…Z", "count": 41, "baseline": 3.5, "ratio": 11.7,
     "message_ids": ["…", "…"]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

NEGATIVE = frozenset({"complaint", "abuse", "crisis_risk"})


class Alert(BaseModel):
    alert: str
    policy: str | None = None
    window_start: str
    window_end: str
    count: int
    baseline: float
    ratio: float
    message_ids: list[str]


@dataclass(frozen=True)
class Seen:
    at: dt.datetime
    category: str
    id: str | None
    policy: str | None = None


def _z(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def detect_crises(
    messages: Iterable[Seen | tuple[dt.datetime, str, str | None]],
    window: dt.timedelta = dt.timedelta(hours=1),
    sensitivity: float = 3.0,
    cooldown: dt.timedelta = dt.timedelta(hours=6),
    baseline_windows: int = 24,
    min_count: int = 8,
) -> list[Alert]:
    """Alerts for a stream of (time, category, id) in any order."""
    seen = sorted((m if isinstance(m, Seen) else Seen(*m) for m in messages), key=lambda s: s.at)
    alerts: list[Alert] = []
    quiet_until: dict[str, dt.datetime] = {}
    for i, current in enumerate(seen):
        end = current.at
        start = end - window
        history_start = start - window * baseline_windows
        for kind, keep in (
            ("volume", lambda s: True),
            ("negativity", lambda s: s.category in NEGATIVE),
        ):
            if not keep(current) or end < quiet_until.get(kind, end - window):
                continue
            recent = [s for s in seen[: i + 1] if s.at > start and keep(s)]
            before = sum(1 for s in seen[:i] if history_start < s.at <= start and keep(s))
            baseline = before / baseline_windows
            if len(recent) < min_count or len(recent) <= sensitivity * baseline:
                continue
            ratio = len(recent) / baseline if baseline else float(len(recent))
            alerts.append(
                Alert(
                    alert=kind,
                    policy=current.policy,
                    window_start=_z(start),
                    window_end=_z(end),
                    count=len(recent),
                    baseline=round(baseline, 2),
                    ratio=round(ratio, 1),
                    message_ids=[s.id for s in recent if s.id],
                )
            )
            quiet_until[kind] = end + cooldown
    return alerts
