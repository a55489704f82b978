from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tactful.web.people.models import Person
from tactful.web.people.scope import memberships, org_view
from tactful.web.publishing.models import Draft
from tactful.web.publishing.permissions import approvable_roles, has_acknowledged


@login_required
def home(request: HttpRequest) -> HttpResponse:
    mine = memberships(request.user)
    if len(mine) == 1:
        return redirect("dashboard:org", org=mine[0].organisation.slug)
    return render(request, "dashboard/choose.html", {"memberships": mine})


@org_view
def org_home(request: HttpRequest, me: Person) -> HttpResponse:
    org = me.organisation
    counts = dict(
        Draft.objects.filter(organisation=org).values_list("state").annotate(n=Count("pk"))
    )
    waiting = Draft.objects.filter(organisation=org, state=Draft.SUBMITTED).select_related(
        "current", "author"
    )[:50]
    for_me = [d for d in waiting if approvable_roles(me, d)]
    scheduled = (
        Draft.objects.filter(organisation=org, state__in=[Draft.SCHEDULED, Draft.HELD])
        .select_related("current", "channel")
        .order_by("scheduled_at")[:10]
    )
    mine = Draft.objects.filter(organisation=org, author=me).select_related("current")[:10]
    return render(request, "dashboard/org.html", {
        "counts": [(label, counts.get(state, 0), state) for state, label in Draft.STATES],
        "for_me": for_me, "scheduled": scheduled, "mine": mine,
        "acknowledged": has_acknowledged(me),
    })  # fmt: skip
