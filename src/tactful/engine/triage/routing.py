"""Where a triaged message goes, how fast, and what to do with it, as the policy says."""

from __future__ import annotations

import datetime as dt

from ..policy import Policy, Route

URGENT_CATEGORIES = frozenset({"safeguarding", "security_threat", "crisis_risk"})
ACTIONS: dict[str, tuple[str, ...]] = {
    "safeguarding": ("notify", "escalate"),
    "abuse": ("hide", "report_to_platform", "notify"),
    "complaint": ("notify", "reply"),
    "press": ("notify", "escalate"),
    "enquiry": ("reply",),
    "service_user_contact": ("notify", "reply"),
    "crisis_risk": ("notify", "escalate"),
    "security_threat": ("report_to_platform", "notify", "escalate"),
    "spam": ("hide", "report_to_platform"),
    "praise": ("reply",),
    "other": ("none",),
}
# Seniority words, most senior first, for a policy that names no safeguarding lead.
SENIORITY = ("chief executive", "ceo", "chair", "president", "director", "board", "trustee", "manager", "officer", "administrator")  # fmt: skip


def most_senior_role(policy: Policy) -> str:
    for word in SENIORITY:
        for role in policy.roles:
            if word in role.title.lower():
                return role.title
    return policy.roles[0].title


def route_for(policy: Policy, category: str) -> tuple[Route | None, str | None]:
    """The policy's route for a category and, when it had to be inferred, why."""
    if category == "crisis_risk" and "crisis_risk" not in policy.routing and policy.crisis:
        return policy.crisis, None
    route = policy.routing.get(category)
    if route is not None or category != "safeguarding":
        return route, None
    lead = policy.safeguarding_lead
    if lead:
        return None, f"routed to the safeguarding lead, the {lead}"
    senior = most_senior_role(policy)
    return None, (
        f"the policy names no safeguarding lead, so this goes to the most senior role it names, the {senior}"
    )


def route_roles(policy: Policy, category: str) -> list[str]:
    route, _ = route_for(policy, category)
    if route is not None:
        first = policy.chain(route.roles[0])
        return list(dict.fromkeys([*first, *route.roles]))
    if category == "safeguarding":
        return policy.chain(policy.safeguarding_lead or most_senior_role(policy))
    other = policy.routing.get("other")
    return policy.chain(other.roles[0]) if other else policy.chain(policy.roles[0].title)


def respond_by(policy: Policy, category: str, received: dt.datetime) -> str | None:
    """When the reply is due: the route's own target, else at once for an urgent
    category (a disclosure cannot wait for the 48-hour enquiry target), else the
    policy's general response target."""
    route, _ = route_for(policy, category)
    hours = route.respond_within_hours if route and route.respond_within_hours else None
    if hours is None and category in URGENT_CATEGORIES:
        hours = 0
    if hours is None:
        hours = policy.response_target_hours
    if hours is None:
        return None
    due = received.astimezone(dt.UTC) + dt.timedelta(hours=hours)
    return due.strftime("%Y-%m-%dT%H:%M:%SZ")
