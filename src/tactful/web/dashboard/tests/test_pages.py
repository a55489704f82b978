from __future__ import annotations

import pytest

from tactful.web.publishing import actions

PAGES = [
    "/o/test-charity/",
    "/o/test-charity/drafts/",
    "/o/test-charity/drafts/new/",
    "/o/test-charity/channels/",
    "/o/test-charity/consents/",
    "/o/test-charity/media/",
    "/o/test-charity/embargoes/",
    "/o/test-charity/crisis/",
    "/o/test-charity/people/",
    "/o/test-charity/policy/",
    "/o/test-charity/inbox/",
    "/account/two-factor/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_main_page_renders_for_a_member(team, client_for, url):
    r = client_for(team.comms).get(url)
    assert r.status_code == 200
    assert b"Traceback" not in r.content


def test_the_crisis_banner_shows_on_every_page(team, client_for):
    actions.do_start_crisis(team.ceo, "A serious incident at an event.")
    client = client_for(team.volunteer)
    for url in ["/o/test-charity/", "/o/test-charity/drafts/", "/o/test-charity/consents/"]:
        assert b"Crisis mode is on" in client.get(url).content
    assert (
        b"Crisis mode is on"
        not in client_for(team.outsider).get(f"/o/{team.outsider.organisation.slug}/").content
    )


def test_the_draft_page_shows_findings_with_clause_and_reason(team, client_for):
    draft = actions.do_create_draft(team.volunteer, "Vote Labour on Thursday!")
    body = client_for(team.volunteer).get(f"/o/test-charity/drafts/{draft.pk}/").content.decode()
    assert (
        "Clause 2.1" in body
        and "Political neutrality" in body
        and "neutral between parties" in body
    )


def test_the_new_draft_form_keeps_what_was_typed_on_error(team, client_for):
    r = client_for(team.volunteer).post(
        "/o/test-charity/drafts/new/", {"text": "", "title": "My title", "account": "official"}
    )
    assert r.status_code == 200 and b"My title" in r.content


def test_the_live_check_endpoint_answers_json(team, client_for):
    r = client_for(team.volunteer).post(
        "/o/test-charity/drafts/check/", '{"text": "Vote Labour!"}', content_type="application/json"
    )
    assert r.json()["decision"] == "needs_changes"


@pytest.mark.parametrize(
    "body",
    ['{"text": "Hello", "channel": "facebook"}', '{"text": "Hello", "channel": 999999}',
     '["not", "an", "object"]', '{"text": "Hello", "channel": true}', "not json"],
)  # fmt: skip
def test_the_live_check_endpoint_refuses_a_bad_request_with_a_400(team, client_for, body):
    r = client_for(team.volunteer).post(
        "/o/test-charity/drafts/check/", body, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["error"]


def test_the_live_check_endpoint_takes_a_channel_number(team, client_for):
    r = client_for(team.volunteer).post(
        "/o/test-charity/drafts/check/",
        f'{{"text": "Vote Labour!", "channel": {team.channel.pk}}}',
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["decision"] == "needs_changes"


def test_an_unknown_page_gets_the_plain_english_404(team, client_for):
    from django.test import override_settings

    with override_settings(DEBUG=False):
        r = client_for(team.comms).get("/o/test-charity/nowhere/")
    assert r.status_code == 404 and b"Page not found" in r.content


def test_a_forbidden_action_gets_the_plain_english_403(team, client_for):
    r = client_for(team.volunteer).post(
        f"/o/test-charity/channels/{team.channel.pk}/token/", {"token": "x"}
    )
    assert r.status_code == 403 and b"You cannot do that" in r.content


def test_posting_without_csrf_is_refused(team):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(team.comms.user)
    r = client.post("/o/test-charity/crisis/", {"reason": "A serious incident"})
    assert r.status_code == 403


def test_an_approved_draft_no_longer_says_it_needs_approval(team, client_for):
    draft = actions.do_create_draft(team.volunteer, "Coffee morning on Friday at ten.", channel=team.channel)
    actions.do_submit_draft(team.volunteer, draft)
    url = f"/o/test-charity/drafts/{draft.pk}/"
    assert "Needs approval from: Communications Manager" in client_for(team.volunteer).get(url).content.decode()
    actions.do_approve_draft(team.comms, draft)
    body = client_for(team.volunteer).get(url).content.decode()
    assert "Needs approval from" not in body
    assert "Approved by everyone the policy asks (Communications Manager)" in body
