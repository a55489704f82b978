from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from tactful.web.lib.sealing import unseal
from tactful.web.publishing import actions as publishing
from tactful.web.publishing.sending import do_publish_draft
from tactful.web.registers import actions
from tactful.web.registers.context import build_context
from tactful.web.registers.models import Channel

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_consents_and_embargoes_feed_the_engine_context(team):
    actions.do_add_consent(team.comms, person_name="Jane Smith", scope="photo")
    gone = actions.do_add_consent(team.comms, person_name="Sam Jones", scope="name")
    actions.do_withdraw_consent(team.comms, gone)
    actions.do_add_embargo(team.comms, "new patron", timezone.now() + timezone.timedelta(days=3))
    ctx = build_context(team.org, "Volunteer")
    assert [c.person for c in ctx.consents] == ["Jane Smith"]
    assert [e.topic for e in ctx.embargoes] == ["new patron"]


def test_withdrawing_consent_lists_live_posts_for_takedown(team):
    consent = actions.do_add_consent(team.comms, person_name="Jane Smith", scope="name")
    draft = publishing.do_create_draft(
        team.comms, "Thank you Jane Smith for baking.", channel=team.channel
    )
    publishing.do_submit_draft(team.comms, draft)
    publishing.do_schedule_draft(team.comms, draft)
    do_publish_draft(draft.pk, draft.current_id)
    affected = actions.do_withdraw_consent(team.comms, consent)
    assert [p.draft_id for p in affected] == [draft.pk]


def test_only_records_managers_record_consents(team):
    with pytest.raises(PermissionDenied):
        actions.do_add_consent(team.volunteer, person_name="Jane Smith", scope="photo")


def test_a_volunteer_can_only_ask_for_a_channel_and_someone_else_decides(team):
    with pytest.raises(PermissionDenied):
        actions.do_add_channel(team.volunteer, platform="x", address="@new", managed_by="Volunteer")
    channel = actions.do_request_channel(
        team.volunteer,
        "We need a channel for our shop.",
        platform="instagram",
        address="@shop",
        managed_by="Communications Manager",
    )
    assert channel.status == Channel.REQUESTED
    with pytest.raises(PermissionDenied):
        actions.do_decide_channel(team.volunteer, channel, True)
    actions.do_decide_channel(team.comms, channel, True)
    channel.refresh_from_db()
    assert channel.status == Channel.ACTIVE


def test_a_requested_channel_cannot_be_posted_to_before_approval(team):
    channel = actions.do_request_channel(
        team.volunteer,
        "We need a channel for our shop.",
        platform="instagram",
        address="@shop",
        managed_by="Volunteer",
    )
    with pytest.raises(ValidationError):
        publishing.do_create_draft(team.volunteer, "Hello", channel=channel)


def test_platform_tokens_are_stored_encrypted(team):
    actions.do_set_channel_token(team.comms, team.channel, "secret-token-123")
    team.channel.refresh_from_db()
    assert "secret-token-123" not in team.channel.sealed_token
    assert unseal(team.channel.sealed_token) == "secret-token-123"


def test_an_image_upload_is_accepted_and_a_disguised_file_is_not(team):
    item = actions.do_add_media(
        team.volunteer, SimpleUploadedFile("a.png", PNG), title="Stall", alt_text="Our cake stall"
    )
    assert item.content_type == "image/png"
    with pytest.raises(ValidationError):
        actions.do_add_media(
            team.volunteer,
            SimpleUploadedFile("evil.png", b"<script>alert(1)</script>"),
            title="Bad",
        )


@override_settings(UPLOAD_MAX_BYTES=32)
def test_an_upload_over_the_size_limit_is_refused(team):
    with pytest.raises(ValidationError, match="most allowed"):
        actions.do_add_media(team.volunteer, SimpleUploadedFile("a.png", PNG), title="Big")


def test_the_media_form_keeps_what_was_typed_on_error(team, client_for):
    client = client_for(team.volunteer)
    bad = SimpleUploadedFile("x.png", b"not an image")
    r = client.post(
        "/o/test-charity/media/",
        {"title": "Bake sale", "alt_text": "Cakes on a table", "source": "own", "upload": bad},
    )
    body = r.content.decode()
    assert r.status_code == 200 and "Upload a JPEG" in body and "Cakes on a table" in body


def test_media_files_are_served_only_to_the_organisation(team, client_for):
    item = actions.do_add_media(team.volunteer, SimpleUploadedFile("a.png", PNG), title="Stall")
    assert (
        client_for(team.volunteer).get(f"/o/test-charity/media/{item.pk}/file/").status_code == 200
    )
    outsider = client_for(team.outsider)
    assert outsider.get(f"/o/test-charity/media/{item.pk}/file/").status_code == 404
