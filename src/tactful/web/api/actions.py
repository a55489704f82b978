from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from tactful.web.audit.log import write_event
from tactful.web.people.models import Person

from .models import ApiToken


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def do_create_api_token(actor: Person, name: str) -> str:
    """Make a token for the actor's own use in this organisation; shown once."""
    token = "tct_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(person=actor, name=name[:100] or "script", digest=digest(token))
    write_event(actor.organisation, actor, "api.token.create", row, None, {"name": row.name})
    return token
