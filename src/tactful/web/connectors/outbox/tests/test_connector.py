from __future__ import annotations

from tactful.web.connectors import connector_for
from tactful.web.connectors.outbox.models import OutboxEntry


def test_publishing_twice_with_one_key_makes_one_entry(team):
    c = connector_for("outbox")
    a = c.publish(team.channel, "Hello", "key-1")
    b = c.publish(team.channel, "Hello", "key-1")
    assert a == b and OutboxEntry.objects.count() == 1


def test_different_keys_make_different_entries(team):
    c = connector_for("outbox")
    c.publish(team.channel, "Hello", "key-1")
    c.publish(team.channel, "Hello", "key-2")
    assert OutboxEntry.objects.count() == 2


def test_the_feed_shows_live_posts_and_hides_taken_down_ones(team, client):
    c = connector_for("outbox")
    c.publish(team.channel, "Visible post", "k1")
    gone = c.publish(team.channel, "Removed post", "k2")
    c.delete(team.channel, gone.remote_id)
    body = client.get(f"/feed/{team.channel.pk}/").content.decode()
    assert "Visible post" in body and "Removed post" not in body
