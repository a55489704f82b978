"""Changes to the registers. Each writes one audit event named registers.<noun>.<verb>."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tactful.web.audit.log import write_event
from tactful.web.lib.sealing import seal
from tactful.web.people.models import Person
from tactful.web.people.permissions import check_can

from .models import Channel, Consent, Embargo, MediaItem
from .uploads import check_upload

CHANNEL_FIELDS = ("platform", "address", "purpose", "managed_by", "access_holders",
                  "recovery_contact", "two_factor", "last_access_review")  # fmt: skip


def _same_org(actor: Person, obj) -> None:  # noqa: ANN001
    if obj.organisation_id != actor.organisation_id:
        raise PermissionDenied("not in your organisation")


def _fields(obj, names) -> dict:  # noqa: ANN001
    return {n: getattr(obj, n) for n in names}


@transaction.atomic
def do_add_channel(actor: Person, **fields) -> Channel:  # noqa: ANN003
    check_can(actor, "manage_channels")
    channel = Channel(organisation=actor.organisation, status=Channel.ACTIVE,
                      **{k: v for k, v in fields.items() if k in CHANNEL_FIELDS})  # fmt: skip
    channel.full_clean(exclude=["organisation", "requested_by"])
    channel.save()
    write_event(actor.organisation, actor, "registers.channel.add", channel, None,
                _fields(channel, CHANNEL_FIELDS))  # fmt: skip
    return channel


@transaction.atomic
def do_request_channel(actor: Person, reason: str, **fields) -> Channel:  # noqa: ANN003
    """Ask for a new official account; the role that manages channels decides."""
    check_can(actor, "draft")
    if len((reason or "").strip()) < 10:
        raise ValidationError("Say why the organisation needs this account.")
    channel = Channel(organisation=actor.organisation, status=Channel.REQUESTED, requested_by=actor,
                      request_reason=reason.strip(),
                      **{k: v for k, v in fields.items() if k in CHANNEL_FIELDS})  # fmt: skip
    channel.full_clean(exclude=["organisation", "requested_by"])
    channel.save()
    write_event(actor.organisation, actor, "registers.channel.request", channel, None,
                {**_fields(channel, CHANNEL_FIELDS), "reason": channel.request_reason})  # fmt: skip
    return channel


@transaction.atomic
def do_decide_channel(actor: Person, channel: Channel, approve: bool) -> Channel:
    check_can(actor, "manage_channels")
    _same_org(actor, channel)
    if channel.status != Channel.REQUESTED:
        raise ValidationError("That account is not waiting for a decision.")
    if channel.requested_by_id == actor.pk:
        raise PermissionDenied("someone else must decide on your own request")
    channel.status = Channel.ACTIVE if approve else Channel.REFUSED
    channel.save(update_fields=["status"])
    verb = "approve" if approve else "refuse"
    write_event(actor.organisation, actor, f"registers.channel.{verb}", channel,
                {"status": Channel.REQUESTED}, {"status": channel.status})  # fmt: skip
    return channel


@transaction.atomic
def do_update_channel(actor: Person, channel: Channel, **fields) -> Channel:  # noqa: ANN003
    check_can(actor, "manage_channels")
    _same_org(actor, channel)
    before = _fields(channel, CHANNEL_FIELDS)
    for k, v in fields.items():
        if k in CHANNEL_FIELDS:
            setattr(channel, k, v)
    channel.full_clean(exclude=["organisation", "requested_by"])
    channel.save()
    write_event(actor.organisation, actor, "registers.channel.update", channel, before,
                _fields(channel, CHANNEL_FIELDS))  # fmt: skip
    return channel


@transaction.atomic
def do_set_channel_token(actor: Person, channel: Channel, token: str) -> Channel:
    """Store a platform token sealed; the audit log records that it changed, never the value."""
    check_can(actor, "manage_channels")
    _same_org(actor, channel)
    had = bool(channel.sealed_token)
    channel.sealed_token = seal(token.strip())
    channel.save(update_fields=["sealed_token"])
    write_event(actor.organisation, actor, "registers.channel.set_token", channel,
                {"token_set": had}, {"token_set": bool(token.strip())})  # fmt: skip
    return channel


@transaction.atomic
def do_add_consent(actor: Person, **fields) -> Consent:  # noqa: ANN003
    check_can(actor, "manage_records")
    consent = Consent(organisation=actor.organisation, **fields)
    consent.full_clean(exclude=["organisation"])
    consent.save()
    write_event(actor.organisation, actor, "registers.consent.add", consent, None,
                {"person": consent.person_name, "scope": consent.scope,
                 "parental": consent.parental, "expires": consent.expires})  # fmt: skip
    return consent


def posts_naming(consent: Consent) -> list:
    """Live posts that name the person: candidates for takedown once consent goes."""
    from tactful.web.publishing.models import Post

    name = consent.person_name.strip()
    if not name:
        return []
    return list(
        Post.objects.filter(organisation_id=consent.organisation_id, state=Post.LIVE,
                            text__icontains=name).select_related("draft")[:200]
    )  # fmt: skip


@transaction.atomic
def do_withdraw_consent(actor: Person, consent: Consent) -> list:
    check_can(actor, "manage_records")
    _same_org(actor, consent)
    if consent.withdrawn_at:
        raise ValidationError("That consent was already withdrawn.")
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    affected = posts_naming(consent)
    write_event(actor.organisation, actor, "registers.consent.withdraw", consent,
                {"withdrawn": False},
                {"withdrawn": True, "posts_to_review": [p.pk for p in affected]})  # fmt: skip
    return affected


@transaction.atomic
def do_add_media(actor: Person, upload, **fields) -> MediaItem:  # noqa: ANN001, ANN003
    check_can(actor, "draft")
    kind, content_type = check_upload(upload) if upload else ("image", "")
    item = MediaItem(
        organisation=actor.organisation, kind=kind, content_type=content_type, **fields
    )
    if upload:
        item.file = upload
    item.full_clean(exclude=["organisation", "file"])
    item.save()
    write_event(actor.organisation, actor, "registers.media.add", item, None,
                {"title": item.title, "source": item.source, "licence": item.licence,
                 "shows_children": item.shows_children, "logo": item.logo})  # fmt: skip
    return item


@transaction.atomic
def do_add_embargo(actor: Person, topic: str, until) -> Embargo:  # noqa: ANN001
    check_can(actor, "manage_records")
    embargo = Embargo(organisation=actor.organisation, topic=topic, until=until)
    embargo.full_clean(exclude=["organisation"])
    embargo.save()
    write_event(actor.organisation, actor, "registers.embargo.add", embargo, None,
                {"topic": topic, "until": until})  # fmt: skip
    return embargo


@transaction.atomic
def do_lift_embargo(actor: Person, embargo: Embargo) -> None:
    check_can(actor, "manage_records")
    _same_org(actor, embargo)
    before = {"topic": embargo.topic, "until": embargo.until}
    embargo.until = timezone.now()
    embargo.save(update_fields=["until"])
    write_event(actor.organisation, actor, "registers.embargo.lift", embargo, before,
                {"until": embargo.until})  # fmt: skip
