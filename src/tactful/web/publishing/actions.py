"""Every change to a draft or post. Each ``do_`` runs in one transaction, asks
``available_actions`` first, and writes one audit event named publishing.<noun>.<verb>.

Publishing itself (``do_publish_draft``) lives in sending.py because it must step
outside the transaction while it talks to the platform.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tactful.web.audit.log import write_event
from tactful.web.people.models import Organisation, Person
from tactful.web.people.permissions import check_can, person_can
from tactful.web.people.policy import policy_for
from tactful.web.registers.models import Channel, MediaItem

from .checking import check_revision, finding_key, is_ready, open_blockers
from .crisis import current_crisis
from .models import Approval, CrisisPeriod, Draft, Post, Revision, Waiver
from .permissions import approvable_roles, available_actions
from .tasks import enqueue_publish

MAX_TEXT = 10_000


def check_allowed(person: Person, draft: Draft, action: str) -> None:
    if action not in available_actions(person, draft):
        raise PermissionDenied(f"you cannot {action.replace('_', ' ')} this draft now")


def _snapshot(draft: Draft) -> dict:
    return {
        "state": draft.state,
        "revision": draft.current.number if draft.current else None,
        "channel": draft.channel_id,
        "account": draft.account,
        "scheduled_at": draft.scheduled_at,
    }


def _check_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n")
    if not text.strip():
        raise ValidationError("Write something before saving.")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"A draft can be at most {MAX_TEXT:,} characters.")
    return text


def _check_channel(org: Organisation, channel: Channel | None) -> None:
    if channel is not None and (
        channel.organisation_id != org.pk or channel.status != Channel.ACTIVE
    ):
        raise ValidationError("Choose one of your organisation's channels in use.")


def _set_media(draft: Draft, media: list[MediaItem] | None) -> None:
    if media is None:
        return
    if any(m.organisation_id != draft.organisation_id for m in media):
        raise ValidationError("Choose media from your own library.")
    draft.media.set(media)


def _new_revision(draft: Draft, actor: Person, text: str) -> Revision:
    number = (draft.current.number + 1) if draft.current else 1
    revision = Revision.objects.create(draft=draft, number=number, text=text, author=actor)
    draft.current = revision
    draft.save(update_fields=["current", "updated_at"])
    check_revision(draft, revision)
    return revision


@transaction.atomic
def do_create_draft(
    actor: Person,
    text: str,
    *,
    channel: Channel | None = None,
    account: str = "official",
    title: str = "",
    high_profile: bool = False,
    reply_to: str = "",
    media: list[MediaItem] | None = None,
) -> Draft:
    check_can(actor, "draft")
    org = actor.organisation
    text = _check_text(text)
    _check_channel(org, channel)
    draft = Draft.objects.create(
        organisation=org, author=actor, title=title[:200], channel=channel, account=account,
        high_profile=high_profile, reply_to=reply_to,
    )  # fmt: skip
    _set_media(draft, media)
    _new_revision(draft, actor, text)
    write_event(org, actor, "publishing.draft.create", draft, None, _snapshot(draft))
    return draft


@transaction.atomic
def do_edit_draft(actor: Person, draft: Draft, text: str, **fields) -> Draft:  # noqa: ANN003
    """Save a new revision. Approvals belong to the old revision, so they no longer count."""
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "edit")
    before = _snapshot(draft)
    text = _check_text(text)
    _check_channel(draft.organisation, fields.get("channel", draft.channel))
    for name in ("title", "channel", "account", "high_profile", "reply_to"):
        if name in fields:
            setattr(draft, name, fields[name])
    _set_media(draft, fields.get("media"))
    voided = 0
    if draft.current:
        voided = draft.current.approvals.filter(voided_at__isnull=True).update(
            voided_at=timezone.now(), voided_reason="the draft was edited"
        )
    draft.state = Draft.DRAFT
    draft.scheduled_at = None
    draft.note = "Edited after approval: it needs approving again." if voided else ""
    draft.save()
    _new_revision(draft, actor, text)
    write_event(
        draft.organisation, actor, "publishing.draft.edit", draft, before,
        {**_snapshot(draft), "approvals_voided": voided},
    )  # fmt: skip
    return draft


def _settle(draft: Draft) -> None:
    if draft.state == Draft.SUBMITTED and is_ready(draft):
        draft.state, draft.note, draft.reapproval = Draft.APPROVED, "", False
        draft.save(update_fields=["state", "note", "reapproval", "updated_at"])


@transaction.atomic
def do_submit_draft(actor: Person, draft: Draft) -> Draft:
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "submit")
    before = _snapshot(draft)
    result = check_revision(draft, draft.current)
    draft.state = Draft.SUBMITTED
    draft.note = ""
    draft.save(update_fields=["state", "note", "updated_at"])
    _settle(draft)
    write_event(
        draft.organisation, actor, "publishing.draft.submit", draft, before,
        {**_snapshot(draft), "decision": result["decision"], "approvers": result["approvers"]},
    )  # fmt: skip
    return draft


@transaction.atomic
def do_approve_draft(actor: Person, draft: Draft, role: str | None = None, note: str = "") -> Draft:
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "approve")
    roles = approvable_roles(actor, draft)
    role = role or roles[0]
    if role not in roles:
        raise PermissionDenied(f"you cannot approve for {role}")
    before = _snapshot(draft)
    Approval.objects.create(revision=draft.current, role=role, by=actor, note=note[:500])
    _settle(draft)
    write_event(
        draft.organisation, actor, "publishing.draft.approve", draft, before,
        {**_snapshot(draft), "approved_for": role},
    )  # fmt: skip
    return draft


@transaction.atomic
def do_waive_finding(actor: Person, draft: Draft, index: int, reason: str) -> Waiver:
    """Record that a blocker may be published anyway, by whom and why."""
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "waive")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError("Say why this can be published anyway (at least a sentence).")
    blockers = open_blockers(draft.current)
    if not 0 <= index < len(blockers):
        raise ValidationError("That finding is no longer open.")
    rule, clause, excerpt = finding_key(blockers[index])
    waiver = Waiver.objects.create(
        revision=draft.current, rule=rule, clause=clause, excerpt=excerpt, by=actor, reason=reason
    )
    before = _snapshot(draft)
    _settle(draft)
    write_event(
        draft.organisation, actor, "publishing.finding.waive", draft, before,
        {**_snapshot(draft), "rule": rule, "clause": clause, "excerpt": excerpt, "reason": reason},
    )  # fmt: skip
    return waiver


@transaction.atomic
def do_schedule_draft(actor: Person, draft: Draft, when: dt.datetime | None = None) -> Draft:
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "schedule")
    now = timezone.now()
    when = when or now
    if timezone.is_naive(when):
        raise ValidationError("The time needs a time zone.")
    if when < now - dt.timedelta(minutes=1):
        raise ValidationError("Choose a time that has not passed.")
    before = _snapshot(draft)
    draft.state = Draft.SCHEDULED
    draft.scheduled_at = max(when, now)
    draft.note = ""
    draft.save(update_fields=["state", "scheduled_at", "note", "updated_at"])
    enqueue_publish(draft)
    write_event(
        draft.organisation, actor, "publishing.draft.schedule", draft, before, _snapshot(draft)
    )
    return draft


@transaction.atomic
def do_unschedule_draft(actor: Person, draft: Draft) -> Draft:
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "unschedule")
    before = _snapshot(draft)
    draft.state = Draft.APPROVED
    draft.scheduled_at = None
    draft.save(update_fields=["state", "scheduled_at", "updated_at"])
    write_event(
        draft.organisation, actor, "publishing.draft.unschedule", draft, before, _snapshot(draft)
    )
    return draft


@transaction.atomic
def do_retry_draft(actor: Person, draft: Draft) -> Draft:
    draft = Draft.objects.select_related("current").get(pk=draft.pk)
    check_allowed(actor, draft, "retry")
    before = _snapshot(draft)
    draft.state = Draft.SCHEDULED
    draft.scheduled_at = timezone.now()
    draft.note = ""
    draft.save(update_fields=["state", "scheduled_at", "note", "updated_at"])
    enqueue_publish(draft)
    write_event(
        draft.organisation, actor, "publishing.draft.retry", draft, before, _snapshot(draft)
    )
    return draft


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError("Give a reason; it goes in the audit log.")
    return reason[:1000]


def do_amend_post(actor: Person, post: Post, text: str, reason: str) -> Post:
    from tactful.web.connectors import connector_for

    from .checking import check_text

    with transaction.atomic():
        check_allowed(actor, Draft.objects.get(pk=post.draft_id), "amend")
        reason, text = _reason(reason), _check_text(text)
        result = check_text(
            post.organisation, text, author_role=actor.role, platform=post.channel.platform,
            account=post.draft.account,
        )  # fmt: skip
        if result.decision == "needs_changes":
            raise ValidationError(
                "The amended text has a problem that blocks publishing: fix it first."
            )
    ref = connector_for(post.channel.connector).amend(post.channel, post.remote_id, text)
    with transaction.atomic():
        before = {"text": post.text}
        post.text, post.remote_url = text, ref.url or post.remote_url
        post.save(update_fields=["text", "remote_url"])
        write_event(post.organisation, actor, "publishing.post.amend", post, before,
                    {"text": text, "reason": reason})  # fmt: skip
    return post


def do_take_down_post(actor: Person, post: Post, reason: str) -> Post:
    from tactful.web.connectors import connector_for

    with transaction.atomic():
        check_allowed(actor, Draft.objects.get(pk=post.draft_id), "take_down")
        reason = _reason(reason)
    connector_for(post.channel.connector).delete(post.channel, post.remote_id)
    with transaction.atomic():
        post.state = Post.DELETED
        post.save(update_fields=["state"])
        Draft.objects.filter(pk=post.draft_id).update(
            state=Draft.DELETED, note=f"Taken down: {reason}"[:500], updated_at=timezone.now()
        )
        write_event(post.organisation, actor, "publishing.post.take_down", post,
                    {"state": Post.LIVE}, {"state": Post.DELETED, "reason": reason})  # fmt: skip
    return post


def can_switch_crisis(person: Person) -> bool:
    policy = policy_for(person.organisation).policy
    named = policy.crisis.roles if policy.crisis else []
    return person_can(person, "crisis") or (
        person.active and person.role.lower() in (r.lower() for r in named)
    )


@transaction.atomic
def do_start_crisis(actor: Person, reason: str) -> CrisisPeriod:
    if not can_switch_crisis(actor):
        raise PermissionDenied("your role cannot switch crisis mode")
    org = actor.organisation
    if current_crisis(org):
        raise ValidationError("Crisis mode is already on.")
    reason = _reason(reason)
    crisis = CrisisPeriod.objects.create(
        organisation=org, reason=reason, started_by=actor, started_at=timezone.now()
    )
    held = Draft.objects.filter(organisation=org, state=Draft.SCHEDULED).update(
        state=Draft.HELD, note="Held: crisis mode is on.", updated_at=timezone.now()
    )
    write_event(org, actor, "publishing.crisis.start", crisis, {"crisis": False},
                {"crisis": True, "reason": reason, "posts_held": held})  # fmt: skip
    return crisis


@transaction.atomic
def do_end_crisis(actor: Person, note: str = "") -> CrisisPeriod:
    """Lift crisis mode. Held posts whose time has passed go back for fresh approval."""
    if not can_switch_crisis(actor):
        raise PermissionDenied("your role cannot switch crisis mode")
    org = actor.organisation
    crisis = current_crisis(org)
    if crisis is None:
        raise ValidationError("Crisis mode is not on.")
    now = timezone.now()
    crisis.ended_by, crisis.ended_at, crisis.end_note = actor, now, (note or "").strip()[:1000]
    crisis.save()
    overdue = resumed = 0
    for draft in Draft.objects.select_related("current").filter(organisation=org, state=Draft.HELD):
        if draft.scheduled_at and draft.scheduled_at > now:
            draft.state, draft.note = Draft.SCHEDULED, ""
            draft.save(update_fields=["state", "note", "updated_at"])
            enqueue_publish(draft)
            resumed += 1
            continue
        draft.current.approvals.filter(voided_at__isnull=True).update(
            voided_at=now, voided_reason="its time passed during crisis mode"
        )
        draft.state, draft.scheduled_at, draft.reapproval = Draft.SUBMITTED, None, True
        draft.note = "Its time passed during crisis mode: it needs fresh approval."
        draft.save(update_fields=["state", "scheduled_at", "note", "reapproval", "updated_at"])
        overdue += 1
    write_event(org, actor, "publishing.crisis.end", crisis, {"crisis": True},
                {"crisis": False, "resumed": resumed, "sent_for_approval": overdue})  # fmt: skip
    return crisis
