from __future__ import annotations

import json

from tactful.web.api.actions import do_create_api_token


def _post(client, url, body=None, **extra):
    return client.post(url, json.dumps(body or {}), content_type="application/json", **extra)


def test_the_whole_flow_works_through_the_api(team, client_for):
    vol = client_for(team.volunteer)
    r = _post(
        vol,
        "/api/o/test-charity/drafts",
        {"text": "Coffee morning on Friday.", "channel": team.channel.pk},
    )
    assert r.status_code == 201, r.content
    draft = r.json()
    assert "submit" in draft["actions"]
    r = _post(vol, f"/api/o/test-charity/drafts/{draft['id']}/submit")
    assert r.json()["state"] == "submitted"
    r = _post(vol, f"/api/o/test-charity/drafts/{draft['id']}/approve")
    assert r.status_code == 403
    comms = client_for(team.comms)
    r = _post(comms, f"/api/o/test-charity/drafts/{draft['id']}/approve", {"note": "fine"})
    assert r.json()["state"] == "approved"
    r = _post(comms, f"/api/o/test-charity/drafts/{draft['id']}/schedule", {})
    assert r.json()["state"] == "scheduled"


def test_the_check_endpoint_explains_findings(team, client_for):
    r = _post(client_for(team.volunteer), "/api/o/test-charity/check", {"text": "Vote Labour!"})
    result = r.json()
    assert result["decision"] == "needs_changes"
    f = result["findings"][0]
    assert f["clause"] == "2.1" and f["clause_heading"] == "Political neutrality" and f["why"]


def test_a_bearer_token_works_only_in_its_own_organisation(team, client):
    from django.db import transaction

    with transaction.atomic():
        token = do_create_api_token(team.comms, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/o/test-charity/drafts", **auth).status_code == 200
    assert client.get(f"/api/o/{team.outsider.organisation.slug}/drafts", **auth).status_code == 404
    assert (
        client.get("/api/o/test-charity/drafts", HTTP_AUTHORIZATION="Bearer wrong").status_code
        == 401
    )


def test_bad_input_gets_a_clear_message(team, client_for):
    r = _post(client_for(team.volunteer), "/api/o/test-charity/drafts", {"text": "  "})
    assert r.status_code == 422 and "Write something" in r.json()["detail"]


def test_the_openapi_document_is_served(team, client_for):
    r = client_for(team.volunteer).get("/api/openapi.json")
    assert r.status_code == 200 and "/api/o/{org}/drafts" in r.json()["paths"]
