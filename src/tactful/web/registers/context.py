"""Building the engine's Context for a draft from the organisation's registers."""

from __future__ import annotations

from django.utils import timezone

from tactful.engine import Context

from .models import Consent, Embargo, MediaItem


def build_context(
    org,  # noqa: ANN001
    author_role: str | None,
    media: list[MediaItem] | None = None,
    high_profile: bool = False,
    reply_to: str | None = None,
) -> Context:
    today = timezone.localdate()
    consents = [
        {
            "person": c.person_name,
            "scope": c.scope,
            "parental": c.parental,
            "expires": c.expires,
        }
        for c in Consent.objects.filter(organisation=org, withdrawn_at__isnull=True)
        if c.is_current(today)
    ]
    embargoes = [
        {"topic": e.topic, "until": e.until}
        for e in Embargo.objects.filter(organisation=org, until__gt=timezone.now())
    ]
    return Context.model_validate(
        {
            "today": today,
            "author_role": author_role,
            "consents": consents,
            "embargoes": embargoes,
            "media": [
                {
                    "kind": m.kind,
                    "source": m.source,
                    "licence": m.licence or None,
                    "credit": m.credit or None,
                    "alt_text": m.alt_text or None,
                    "depicts": m.depicts or None,
                    "shows_people": m.shows_people,
                    "shows_children": m.shows_children,
                    "logo": m.logo,
                }
                for m in media or []
            ],
            "high_profile": high_profile,
            "reply_to": reply_to or None,
        }
    )
