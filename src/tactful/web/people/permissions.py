"""What a role may do, read from the policy's ``can`` lists.

The permission names are the policy file's vocabulary. A role that lists nothing may
still draft: every member of a team can write a draft for someone else to approve.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Person
from .policy import policy_for

PERMISSIONS: tuple[str, ...] = (
    "draft", "approve", "publish", "crisis", "waive", "manage_channels",
    "manage_records", "view_audit", "manage_people",
)  # fmt: skip


def role_permissions(person: Person) -> frozenset[str]:
    if not person.active:
        return frozenset()
    role = policy_for(person.organisation).policy.role(person.role)
    if role is None:
        return frozenset()
    return frozenset(role.can or ["draft"])


def person_can(person: Person | None, permission: str) -> bool:
    return person is not None and permission in role_permissions(person)


def check_can(person: Person | None, permission: str) -> None:
    if not person_can(person, permission):
        raise PermissionDenied(f"your role cannot {permission.replace('_', ' ')}")


def can_stand_for(person: Person, role_title: str) -> bool:
    """Whether the person holds ``role_title`` or a role the policy names as its stand-in."""
    chain = policy_for(person.organisation).policy.chain(role_title)
    return person.active and person.role.lower() in (r.lower() for r in chain)
