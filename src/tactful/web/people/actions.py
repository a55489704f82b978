"""Changes to people: adding them, their policy acknowledgement, their two-factor."""

from __future__ import annotations

import pyotp
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tactful.web.audit.log import write_event
from tactful.web.lib.sealing import seal, unseal

from .models import Organisation, Person, TwoFactor
from .permissions import check_can, person_can
from .policy import policy_for


def _check_role(org: Organisation, role: str) -> str:
    found = policy_for(org).policy.role(role)
    if found is None:
        raise ValidationError(f"{role!r} is not a role in this organisation's policy.")
    return found.title


def do_add_person_unchecked(
    org: Organisation, username: str, display_name: str, role: str, password: str | None
) -> Person:
    """Used by set-up and the demo, before anyone exists who could be the actor."""
    with transaction.atomic():
        role = _check_role(org, role)
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username)
        if created or password:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        person = Person.objects.create(
            organisation=org, user=user, role=role, display_name=display_name
        )
        write_event(org, None, "people.person.add", person, None, {"role": role, "user": username})
        return person


@transaction.atomic
def do_add_person(
    actor: Person, username: str, display_name: str, role: str, password: str
) -> Person:
    check_can(actor, "manage_people")
    org = actor.organisation
    if Person.objects.filter(organisation=org, user__username=username).exists():
        raise ValidationError("That person is already in this organisation.")
    person = do_add_person_unchecked(org, username, display_name, role, password)
    write_event(org, actor, "people.person.invite", person, None, {"role": person.role})
    return person


@transaction.atomic
def do_change_role(actor: Person, person: Person, role: str) -> Person:
    check_can(actor, "manage_people")
    if person.organisation_id != actor.organisation_id:
        raise PermissionDenied("not in your organisation")
    before = {"role": person.role}
    person.role = _check_role(actor.organisation, role)
    person.save(update_fields=["role"])
    write_event(
        actor.organisation,
        actor,
        "people.person.change_role",
        person,
        before,
        {"role": person.role},
    )
    return person


@transaction.atomic
def do_acknowledge_policy(actor: Person, version: str) -> Person:
    current = policy_for(actor.organisation).version
    if version != current:
        raise ValidationError("The policy has changed since you opened it; please read it again.")
    before = {"acknowledged_version": actor.acknowledged_version}
    actor.acknowledged_version = current
    actor.acknowledged_at = timezone.now()
    actor.save(update_fields=["acknowledged_version", "acknowledged_at"])
    write_event(actor.organisation, actor, "people.policy.acknowledge", actor, before,
                {"acknowledged_version": current})  # fmt: skip
    return actor


def can_use_two_factor(user) -> bool:  # noqa: ANN001
    return any(person_can(p, "publish") for p in Person.objects.filter(user=user, active=True))


def _audit_all(user, name: str, after: dict) -> None:  # noqa: ANN001
    for person in Person.objects.select_related("organisation", "user").filter(user=user):
        write_event(person.organisation, person, name, person, None, after)


@transaction.atomic
def do_begin_two_factor(user) -> str:  # noqa: ANN001
    if not can_use_two_factor(user):
        raise PermissionDenied("two-factor sign-in is for people who can publish")
    secret = pyotp.random_base32()
    TwoFactor.objects.update_or_create(
        user=user, defaults={"sealed_secret": seal(secret), "confirmed_at": None}
    )
    return secret


def verify_code(two_factor: TwoFactor, code: str) -> bool:
    """A code is accepted once: replaying an observed code within its window fails."""
    totp = pyotp.TOTP(unseal(two_factor.sealed_secret))
    code = (code or "").strip().replace(" ", "")
    now = timezone.now().timestamp()
    for drift in (0, -1, 1):
        step = int(now // 30) + drift
        if step > two_factor.last_used_step and totp.at(step * 30) == code:
            two_factor.last_used_step = step
            two_factor.save(update_fields=["last_used_step"])
            return True
    return False


@transaction.atomic
def do_confirm_two_factor(user, code: str) -> TwoFactor:  # noqa: ANN001
    two_factor = TwoFactor.objects.select_for_update().get(user=user)
    if not verify_code(two_factor, code):
        raise ValidationError(
            "That code did not match. Check the time on your phone and try again."
        )
    two_factor.confirmed_at = timezone.now()
    two_factor.save(update_fields=["confirmed_at"])
    _audit_all(user, "people.two_factor.enable", {"two_factor": True})
    return two_factor


@transaction.atomic
def do_remove_two_factor(user) -> None:  # noqa: ANN001
    TwoFactor.objects.filter(user=user).delete()
    _audit_all(user, "people.two_factor.disable", {"two_factor": False})
