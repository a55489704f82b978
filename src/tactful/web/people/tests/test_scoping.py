"""Nobody sees another organisation's records, through pages or the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from tactful.web.publishing import actions
from tactful.web.registers.models import Consent

PAGES = [
    "/o/test-charity/",
    "/o/test-charity/drafts/",
    "/o/test-charity/channels/",
    "/o/test-charity/consents/",
    "/o/test-charity/media/",
    "/o/test-charity/audit/",
    "/o/test-charity/crisis/",
    "/o/test-charity/people/",
    "/o/test-charity/policy/",
]


@pytest.mark.parametrize("url", PAGES)
def test_an_outsider_gets_not_found_for_every_page(team, client_for, url):
    client = client_for(team.outsider)
    assert client.get(url).status_code == 404


def test_an_outsider_cannot_open_a_draft_by_id(team, client_for):
    draft = actions.do_create_draft(team.volunteer, "Coffee morning.")
    client = client_for(team.outsider)
    own = f"/o/{team.outsider.organisation.slug}/drafts/{draft.pk}/"
    assert client.get(own).status_code == 404
    assert (
        client.get(f"/api/o/{team.outsider.organisation.slug}/drafts/{draft.pk}").status_code == 404
    )
    assert client.get(f"/api/o/test-charity/drafts/{draft.pk}").status_code == 404


def test_an_outsider_cannot_act_on_a_draft_from_another_organisation(team):
    draft = actions.do_create_draft(team.volunteer, "Coffee morning.", channel=team.channel)
    actions.do_submit_draft(team.volunteer, draft)
    with pytest.raises(PermissionDenied):
        actions.do_approve_draft(team.outsider, draft)


def test_lists_show_only_the_organisations_own_records(team, client_for):
    Consent.objects.create(
        organisation=team.outsider.organisation, person_name="Secret Person", scope="name"
    )
    Consent.objects.create(organisation=team.org, person_name="Our Person", scope="name")
    body = client_for(team.comms).get("/o/test-charity/consents/").content.decode()
    assert "Our Person" in body and "Secret Person" not in body


def test_a_signed_out_visitor_is_sent_to_sign_in(team, client):
    response = client.get("/o/test-charity/drafts/")
    assert response.status_code == 302 and "/signin/" in response["Location"]
