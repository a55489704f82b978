from __future__ import annotations

import pytest
from django.db import transaction

from tactful.web.audit.log import verify_org_chain, write_event
from tactful.web.audit.models import AuditEvent, AuditLogIsAppendOnly
from tactful.web.publishing import actions


def test_the_chain_verifies_after_real_actions(team):
    actions.do_create_draft(team.volunteer, "Coffee morning.")
    assert AuditEvent.objects.filter(organisation=team.org).count() > 3
    assert verify_org_chain(team.org) is None


def test_altering_an_entry_breaks_the_chain_there(team):
    actions.do_create_draft(team.volunteer, "Coffee morning.")
    target = AuditEvent.objects.filter(organisation=team.org).order_by("seq")[1]
    AuditEvent.objects.filter(pk=target.pk).update(actor_label="someone else")
    assert verify_org_chain(team.org) == target.seq


def test_removing_an_entry_breaks_the_chain(team):
    actions.do_create_draft(team.volunteer, "Coffee morning.")
    target = AuditEvent.objects.filter(organisation=team.org).order_by("seq")[1]
    AuditEvent.objects.filter(pk=target.pk)._raw_delete(AuditEvent.objects.db)
    assert verify_org_chain(team.org) == target.seq + 1


def test_entries_cannot_be_changed_or_deleted_through_the_model(team):
    event = AuditEvent.objects.filter(organisation=team.org).first()
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()


def test_each_organisation_has_its_own_chain(team):
    with transaction.atomic():
        write_event(team.outsider.organisation, team.outsider, "people.test.poke")
    assert verify_org_chain(team.org) is None
    assert verify_org_chain(team.outsider.organisation) is None


def test_trustees_can_read_and_export_and_volunteers_cannot(team, client_for):
    client = client_for(team.trustee)
    assert client.get("/o/test-charity/audit/?verify=1").status_code == 200
    r = client.get("/o/test-charity/audit.csv")
    body = b"".join(r.streaming_content).decode()
    assert body.startswith("seq,at,actor,event") and "people.person.add" in body
    volunteer = client_for(team.volunteer)
    assert volunteer.get("/o/test-charity/audit/").status_code == 403
    assert volunteer.get("/o/test-charity/audit.csv").status_code == 403
