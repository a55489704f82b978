from typing import Any

import pytest

from tactful.engine.checks import build_check
from tactful.engine.model import Context
from tactful.engine.text import Document
from tactful.engine.yamlfile import PolicyFileError


def run(mode: str, text: str = "Our day out.", account: str = "official", **ctx: Any) -> list:
    check = build_check("media", {"mode": mode})
    return list(check.run(Document(text, account=account, context=Context.model_validate(ctx))))


def test_it_flags_third_party_image_without_licence_at_span_zero():
    hits = run("copyright", media=[{"source": "third_party", "depicts": "a beach"}])
    assert [(h.start, h.end) for h in hits] == [(0, 0)]
    assert "image 1 (a beach)" in hits[0].message


def test_it_passes_third_party_image_with_permission_and_own_image():
    media = [{"source": "third_party", "licence": "permission"}, {"source": "own"}]
    assert run("copyright", media=media) == []


def test_it_names_every_unlicensed_item_in_one_finding():
    media = [
        {"source": "third_party"},
        {"source": "own"},
        {"kind": "video", "source": "third_party", "licence": "none"},
    ]
    hits = run("copyright", media=media)
    assert len(hits) == 1
    assert "image 1" in hits[0].message and "video 3" in hits[0].message


def test_it_flags_cc_by_image_with_no_credit_anywhere():
    assert run("attribution", media=[{"source": "third_party", "licence": "CC-BY-4.0"}])


def test_it_accepts_a_credit_in_the_post_or_the_record():
    media = [{"source": "third_party", "licence": "CC-BY-4.0"}]
    assert run("attribution", "Sunrise at the park. Photo: Ana Ruiz", media=media) == []
    assert run("attribution", "Sunrise. 📷 @ana", media=media) == []
    credited = [{"source": "third_party", "licence": "CC-BY-4.0", "credit": "Ana Ruiz"}]
    assert run("attribution", media=credited) == []


def test_it_needs_no_credit_for_public_domain_or_unlicensed_items():
    assert run("attribution", media=[{"source": "third_party", "licence": "CC0"}]) == []
    # With no licence at all it is a copyright problem, reported by the copyright mode.
    assert run("attribution", media=[{"source": "third_party"}]) == []


def test_it_flags_image_without_alt_text_but_not_video():
    assert run("alt_text", media=[{"kind": "image", "alt_text": " "}])
    assert run("alt_text", media=[{"kind": "video"}]) == []
    assert run("alt_text", media=[{"kind": "image", "alt_text": "Two volunteers"}]) == []


def test_it_flags_logo_without_approval_mentioning_it():
    media = [{"logo": True}]
    assert run("logo", account="personal", media=media)
    assert (
        run(
            "logo",
            account="personal",
            media=media,
            approvals=["logo use approved by the directors"],
        )
        == []
    )
    assert run(
        "logo", account="personal", media=media, approvals=["campaign approved by the board"]
    )
    assert run("logo", account="personal", media=media, approvals=["logo use not approved"])


def test_it_refuses_logo_whatever_the_approval_when_approval_cannot_allow():
    check = build_check("media", {"mode": "logo", "approval_allows": False})
    ctx = Context.model_validate({"media": [{"logo": True}], "approvals": ["logo approved"]})
    assert list(check.run(Document("Hi", account="personal", context=ctx)))
    ctx = Context.model_validate({"media": [{"logo": False}]})
    assert list(check.run(Document("Hi", account="personal", context=ctx))) == []


def test_it_flags_text_saying_the_picture_came_from_the_internet():
    check = build_check(
        "media",
        {
            "mode": "copyright",
            "phrases": ["found this on pinterest"],
            "unless": ["with permission"],
        },
    )
    text = "Found this on Pinterest, love it"
    hits = list(check.run(Document(text)))
    assert [(h.start, h.end) for h in hits] == [(0, len("Found this on Pinterest"))]
    assert list(check.run(Document("Found this on Pinterest and shared it with permission."))) == []
    assert list(check.run(Document("We love Pinterest for craft ideas."))) == []


def test_it_refuses_phrases_outside_the_copyright_mode():
    with pytest.raises(PolicyFileError):
        build_check("media", {"mode": "alt_text", "phrases": ["x"]})


def test_it_reports_nothing_without_media_on_any_text():
    for text in ("", "🙂" * 1000, "\u202e\u0000", "x" * 100_000):
        for mode in ("copyright", "attribution", "alt_text", "logo"):
            assert run(mode, text) == []
