from tactful.engine.checks import build_check
from tactful.engine.checks.platform_limit import measure_length
from tactful.engine.text import Document


def run(text: str, channel: str | None, **params) -> list:
    return list(build_check("platform_limit", params).run(Document(text, channel=channel)))


def test_it_flags_an_x_post_over_280_from_the_limit_to_the_end():
    text = "a" * 300
    hits = run(text, "x")
    assert [(h.start, h.end) for h in hits] == [(280, 300)]
    assert "300" in hits[0].message and "280" in hits[0].message


def test_it_passes_an_x_post_of_exactly_280():
    assert run("a" * 280, "x") == []


def test_it_counts_links_as_23_on_x_and_mastodon():
    link = "https://www.example.org.uk/" + "news/" * 20
    text = "b" * 250 + " " + link
    assert len(text) > 280
    assert measure_length(Document(text, channel="x")) == 250 + 1 + 23
    assert run(text, "x") == []
    assert run("b" * 260 + " " + "x.io", "x")  # a short bare link still counts 23


def test_it_counts_emoji_as_two_on_x():
    assert measure_length(Document("🙂" * 10, channel="x")) == 20
    assert run("🙂" * 141, "x")
    assert run("🙂" * 140, "x") == []


def test_it_counts_graphemes_on_bluesky():
    family = "👨‍👩‍👧‍👦"
    assert measure_length(Document(family * 3, channel="bluesky")) == 3
    assert run(family * 300, "bluesky") == []
    assert run(family * 301, "bluesky")


def test_it_counts_a_mastodon_handle_without_its_server():
    text = "@volunteers@social.example.org " + "c" * 480
    assert measure_length(Document(text, channel="mastodon")) == len("@volunteers ") + 480
    assert run(text, "mastodon") == []


def test_it_reports_nothing_without_a_channel():
    assert run("d" * 70_000, None) == []


def test_it_uses_each_platform_limit():
    assert run("e" * 2201, "instagram") and not run("e" * 2200, "instagram")
    assert run("e" * 3001, "linkedin") and not run("e" * 3000, "linkedin")
    assert run("e" * 63207, "facebook") and not run("e" * 63206, "facebook")
    assert run("e" * 501, "mastodon") and not run("e" * 500, "mastodon")


def test_it_flags_more_than_30_hashtags_on_instagram_only():
    tags = " ".join(f"#tag{i}" for i in range(31))
    hits = run(tags, "instagram", measure="hashtags")
    assert len(hits) == 1 and tags[hits[0].start :].startswith("#tag30")
    assert run(tags, "x", measure="hashtags") == []
    assert run(" ".join(f"#tag{i}" for i in range(30)), "instagram", measure="hashtags") == []


def test_it_takes_mention_limits_from_the_rule():
    text = " ".join(f"@user{i}" for i in range(11))
    assert run(text, "x", measure="mentions", limits={"x": 10})
    assert run(text, "x", measure="mentions") == []


def test_it_never_crashes_on_odd_text():
    for channel in ("x", "bluesky", "mastodon", "instagram"):
        for text in (
            "",
            "\u0301" * 400,
            "e\u0301" * 400,
            "\r\n" * 400,
            "مرحبا " * 100,
            "\u0000" * 400,
        ):
            run(text, channel)
