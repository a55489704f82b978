"""The demo: the five seed organisations, a person for every role their policies
name, their official channels, and sample drafts in every state.

Everything is made through the same actions the pages use, so the audit log of a
demo database reads like real use.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from tactful.engine import load_policy
from tactful.web.people.actions import do_acknowledge_policy, do_add_person_unchecked
from tactful.web.people.models import Organisation, Person
from tactful.web.people.permissions import can_stand_for, person_can
from tactful.web.publishing import actions
from tactful.web.publishing.checking import outstanding_approvers
from tactful.web.publishing.models import Draft
from tactful.web.publishing.permissions import available_actions
from tactful.web.publishing.sending import _hold, do_publish_draft
from tactful.web.registers.actions import do_add_channel, do_add_consent, do_add_embargo

SEED_POLICIES = (
    "milestone-society",
    "the-society",
    "home-start-suffolk",
    "new-baby-network",
    "clean-slate",
)
NAMES = ["Alex Morgan", "Priya Shah", "Tom Evans", "Grace Okafor", "Sam Hughes", "Fatima Khan",
         "Owen Price", "Ruth Lewis", "Dan Cooper", "Mei Chen"]  # fmt: skip
WORDS = ["apple", "harbour", "meadow", "lantern", "pebble", "willow", "copper", "thistle",
         "orchard", "kettle", "heron", "saffron", "bramble", "marble", "puffin", "violet"]  # fmt: skip

SAMPLES = {
    "draft": "Our summer fair is on 12 July from 11am to 3pm at the village hall. Everyone is welcome.",
    "submitted": "Volunteers needed! Could you spare two hours a week to support a family with young children?",
    "approved": "Thank you to the volunteers who ran our stall at the county show this weekend.",
    "scheduled": "Our helpline opening hours change next month: weekdays 9am to 5pm.",
    "published": "We are recruiting trustees. If you have experience in finance, we would love to hear from you.",
    "deleted": "Our office is closed on Monday for the bank holiday.",
    "failed": "Our newsletter is out today with stories from our volunteers.",
    "held": "Join our sponsored walk next Sunday and help raise money for local families.",
    "changes": "Vote Labour on Thursday to protect local services!",
}


def demo_password() -> str:
    return "-".join(secrets.choice(WORDS) for _ in range(3))


@dataclass
class Login:
    organisation: str
    role: str
    username: str


def _people(org: Organisation, password_hash: str) -> list[Person]:
    policy = load_policy(org.policy_ref).policy
    people = []
    for i, role in enumerate(policy.roles):
        username = f"{slugify(role.title)[:40]}@{org.slug}"
        person = do_add_person_unchecked(org, username, NAMES[i % len(NAMES)], role.title, None)
        person.user.password = password_hash  # hashed once: the slow hasher is per call
        person.user.save(update_fields=["password"])
        if i < len(policy.roles) - 1:  # the last role is left to show the acknowledgement gate
            do_acknowledge_policy(person, policy.version)
        people.append(person)
    return people


def _first(people: list[Person], permission: str) -> Person | None:
    return next((p for p in people if person_can(p, permission)), None)


def _channels(org: Organisation, people: list[Person]) -> None:
    manager = _first(people, "manage_channels") or people[0]
    specs = load_policy(org.policy_ref).policy.channels or []
    if not specs:
        do_add_channel(manager, platform="facebook", address=f"@{org.slug}", managed_by=manager.role,
                       purpose="News and events", two_factor=True)  # fmt: skip
    for spec in specs:
        do_add_channel(manager, platform=spec.platform, address=spec.address[:200],
                       purpose=(spec.purpose or "")[:500], managed_by=spec.managed_by or manager.role,
                       two_factor=True, last_access_review=timezone.localdate())  # fmt: skip


def _waive_all(draft: Draft, people: list[Person]) -> None:
    """A sample post the checks flag anyway is passed the honest way: a recorded waiver."""
    waiver = next((p for p in people if p.pk != draft.author_id and person_can(p, "waive")), None)
    while waiver and "waive" in available_actions(waiver, draft):
        actions.do_waive_finding(
            waiver, draft, 0, "Demo data: reviewed, and this sample post is fine to publish."
        )
        draft.refresh_from_db()


def _approve_all(draft: Draft, people: list[Person]) -> None:
    for role in outstanding_approvers(draft):
        approver = next(
            (p for p in people if p.pk != draft.author_id and can_stand_for(p, role)), None
        )
        if approver and "approve" in available_actions(approver, draft):
            actions.do_approve_draft(approver, draft, role)
            draft.refresh_from_db()


def _advance(org: Organisation, people: list[Person], target: str) -> Draft:
    # the least senior person who has read the policy writes the samples
    writers = [p for p in people if p.acknowledged_version and person_can(p, "draft")]
    author = min(writers, key=lambda p: (person_can(p, "approve"), -people.index(p)))
    publisher = _first(people, "publish") or people[0]
    channel = org.channels.filter(status="active").first()
    draft = actions.do_create_draft(author, SAMPLES[target], channel=channel)
    if target == "draft":
        return draft
    actions.do_submit_draft(author, draft)
    draft.refresh_from_db()
    if target in ("submitted", "changes"):
        return draft
    _waive_all(draft, people)
    _approve_all(draft, people)
    draft.refresh_from_db()
    if draft.state != Draft.APPROVED or target == "approved":
        return draft
    later = timezone.now() + dt.timedelta(days=1)
    actions.do_schedule_draft(publisher, draft, later if target in ("scheduled", "held") else None)
    draft.refresh_from_db()
    if target in ("scheduled", "held"):
        return draft
    if target == "failed":
        with transaction.atomic():
            _hold(
                draft,
                Draft.FAILED,
                "The platform did not answer in time (demo).",
                "publishing.post.fail",
            )
        return draft
    do_publish_draft(draft.pk, draft.current_id)
    if target == "deleted":
        post = draft.posts.first()
        if post:
            actions.do_take_down_post(publisher, post, "Posted by mistake (demo).")
    return draft


def seed(password: str, policies: tuple[str, ...] = SEED_POLICIES) -> list[Login]:
    from django.contrib.auth.hashers import make_password

    password_hash = make_password(password)
    logins: list[Login] = []
    for ref in policies:
        policy = load_policy(ref).policy
        org = Organisation.objects.create(slug=policy.id, name=policy.organisation,
                                          policy_ref=ref, timezone=policy.timezone)  # fmt: skip
        people = _people(org, password_hash)
        _channels(org, people)
        keeper = _first(people, "manage_records")
        if keeper:
            do_add_consent(keeper, person_name="Jane Smith", scope="photo", purpose="Summer fair photos",
                           expires=timezone.localdate() + dt.timedelta(days=365))  # fmt: skip
            do_add_embargo(
                keeper, "new patron announcement", timezone.now() + dt.timedelta(days=14)
            )
        for target in SAMPLES:
            if target != "held":
                _advance(org, people, target)
        logins += [Login(org.name, p.role, p.user.username) for p in people]
    _crisis_example(policies)
    return logins


def _crisis_example(policies: tuple[str, ...]) -> None:
    """One organisation in crisis mode, with a post held, so the banner can be seen."""
    if "the-society" not in policies:
        return
    org = Organisation.objects.get(slug="the-society")
    people = list(org.people.all())
    _advance(org, people, "held")
    switcher = next((p for p in people if actions.can_switch_crisis(p)), None)
    if switcher:
        actions.do_start_crisis(switcher, "A complaint about an event is spreading online (demo).")
