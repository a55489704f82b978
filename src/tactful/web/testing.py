"""Personas for the desk's tests: one person per role in the test policy, plus an
outsider from another organisation who may do nothing here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from tactful.web.people.actions import do_add_person_unchecked
from tactful.web.people.models import Organisation, Person
from tactful.web.people.policy import policy_for
from tactful.web.registers.models import Channel

TEST_POLICY = Path(__file__).parent / "fixtures" / "test-policy.yml"
PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (test personas only)

# persona name -> role title in fixtures/test-policy.yml
PERSONAS: dict[str, str] = {
    "comms": "Communications Manager",
    "volunteer": "Volunteer",
    "ceo": "Chief Executive",
    "trustee": "Trustee",
}


@dataclass
class Team:
    org: Organisation
    people: dict[str, Person] = field(default_factory=dict)
    channel: Channel | None = None
    outsider: Person | None = None

    def __getattr__(self, name: str) -> Person:
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)


def make_org(slug: str, name: str, policy_ref: str | Path = TEST_POLICY) -> Organisation:
    org = Organisation.objects.create(slug=slug, name=name, policy_ref=str(policy_ref))
    org.timezone = policy_for(org).policy.timezone
    org.save(update_fields=["timezone"])
    return org


@transaction.atomic
def build_team(slug: str = "test-charity", acknowledged: bool = True) -> Team:
    org = make_org(slug, "Test Charity")
    team = Team(org=org)
    version = policy_for(org).version
    for persona, role in PERSONAS.items():
        person = do_add_person_unchecked(org, f"{persona}@{slug}", persona.title(), role, PASSWORD)
        if acknowledged:
            person.acknowledged_version = version
            person.save(update_fields=["acknowledged_version"])
        team.people[persona] = person
    team.channel = Channel.objects.create(
        organisation=org, platform="facebook", address="@testcharity",
        managed_by="Communications Manager", purpose="News",
    )  # fmt: skip
    other = make_org(f"other-{slug}", "Another Charity")
    team.outsider = do_add_person_unchecked(
        other, f"outsider@{slug}", "Outsider", "Communications Manager", PASSWORD
    )
    team.outsider.acknowledged_version = version
    team.outsider.save(update_fields=["acknowledged_version"])
    return team
