"""Every page lives under /o/<organisation>/ and sees only that organisation's records.

``org_view`` resolves the organisation and the signed-in person's place in it (a
404 for anyone who is not a member, so outsiders cannot even learn it exists),
switches the time zone to the organisation's, and hands both to the view.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from .models import Organisation, Person


def access_person(user, org_slug: str) -> Person:  # noqa: ANN001
    if not user.is_authenticated:
        raise Http404("no such organisation")
    person = (
        Person.objects.select_related("organisation", "user")
        .filter(organisation__slug=org_slug, user=user, active=True)
        .first()
    )
    if person is None:
        raise Http404("no such organisation")
    return person


def memberships(user) -> list[Person]:  # noqa: ANN001
    if not user.is_authenticated:
        return []
    return list(Person.objects.select_related("organisation").filter(user=user, active=True))


def activate_org_timezone(org: Organisation) -> None:
    try:
        timezone.activate(zoneinfo.ZoneInfo(org.timezone))
    except zoneinfo.ZoneInfoNotFoundError:
        timezone.activate(zoneinfo.ZoneInfo("Europe/London"))


def org_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @functools.wraps(view)
    def wrapper(request: HttpRequest, org: str, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        person = access_person(request.user, org)
        request.person = person  # type: ignore[attr-defined]
        request.org = person.organisation  # type: ignore[attr-defined]
        activate_org_timezone(person.organisation)
        return view(request, person, *args, **kwargs)

    return wrapper


def desk_context(request: HttpRequest) -> dict:
    """The organisation, the crisis banner and the permissions every page's chrome needs."""
    person = getattr(request, "person", None)
    if person is None:
        return {}
    from tactful.web.publishing.crisis import current_crisis

    from .permissions import role_permissions

    return {
        "org": person.organisation,
        "me": person,
        "my_permissions": role_permissions(person),
        "crisis": current_crisis(person.organisation),
        "my_orgs": memberships(request.user),
    }
