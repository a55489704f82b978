"""One function decides what a person may do to a draft; buttons and actions both ask it."""

from __future__ import annotations

from tactful.web.people.models import Person
from tactful.web.people.permissions import can_stand_for, person_can, role_permissions
from tactful.web.people.policy import policy_for

from .checking import ANY_APPROVER, open_blockers, outstanding_approvers
from .crisis import current_crisis
from .models import Draft

EDITABLE = (Draft.DRAFT, Draft.SUBMITTED, Draft.APPROVED, Draft.FAILED)


def has_acknowledged(person: Person) -> bool:
    return person.acknowledged_version == policy_for(person.organisation).version


def approvable_roles(person: Person, draft: Draft) -> list[str]:
    if draft.current is None or person.pk == draft.author_id:
        return []
    return [
        r
        for r in outstanding_approvers(draft)
        if (person_can(person, "approve") if r == ANY_APPROVER else can_stand_for(person, r))
    ]


def available_actions(person: Person | None, draft: Draft, crisis=None) -> set[str]:  # noqa: ANN001
    if person is None or not person.active or person.organisation_id != draft.organisation_id:
        return set()
    perms = role_permissions(person)
    is_author = person.pk == draft.author_id
    may_write = "draft" in perms and (is_author or "approve" in perms)
    state = draft.state
    actions: set[str] = set()
    if may_write and state in EDITABLE:
        actions.add("edit")
    if may_write and state == Draft.DRAFT and has_acknowledged(person):
        actions.add("submit")
    if state == Draft.SUBMITTED and draft.current is not None:
        blockers = open_blockers(draft.current)
        if blockers and "waive" in perms and not is_author:
            actions.add("waive")
        if not blockers and approvable_roles(person, draft):
            actions.add("approve")
    if "publish" in perms:
        crisis = crisis if crisis is not None else current_crisis(draft.organisation)
        if state == Draft.APPROVED and not crisis and draft.channel_id:
            actions.add("schedule")
        if state in (Draft.SCHEDULED, Draft.HELD):
            actions.add("unschedule")
        if state == Draft.FAILED and not crisis:
            actions.add("retry")
        if state == Draft.PUBLISHED:
            actions.update({"amend", "take_down"})
    return actions
