"""Whether an organisation is in crisis mode (read on every page, so kept cheap)."""

from __future__ import annotations

from .models import CrisisPeriod


def current_crisis(org) -> CrisisPeriod | None:  # noqa: ANN001
    return (
        CrisisPeriod.objects.select_related("started_by")
        .filter(organisation=org, ended_at__isnull=True)
        .first()
    )
