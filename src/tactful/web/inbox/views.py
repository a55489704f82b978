"""The inbox (comments, messages, mentions, triaged by ``tactful.engine.triage``).

Not built yet (issue 4, a later step): the seam is ``triage_message`` below, which
the connectors' inbound side will call with each message and store the result of.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tactful.web.people.models import Person
from tactful.web.people.policy import policy_for
from tactful.web.people.scope import org_view


def triage_message(org, text: str, channel: str | None = None, kind: str = "comment"):  # noqa: ANN001, ANN201
    from tactful.engine import triage

    return triage(text, policy=policy_for(org), channel=channel, kind=kind)


@org_view
def inbox(request: HttpRequest, me: Person) -> HttpResponse:
    return render(request, "inbox/inbox.html", {})
