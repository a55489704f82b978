from __future__ import annotations

import numpy as np
import pytest

from tactful.engine.checks import build_check
from tactful.engine.checks.judgement import (
    JUDGEMENT_CATEGORIES,
    MODEL_PATH,
    STATIC_PATH,
    JudgementCheck,
    JudgementModel,
    JudgementParams,
    feature_hashes,
    featurise,
    judgement_model,
    shape_cues,
    static_embedder,
)
from tactful.engine.text import Document, fold
from tactful.engine.yamlfile import PolicyFileError

needs_model = pytest.mark.skipif(not MODEL_PATH.is_file(), reason="judgement weights not built")


def hits(category: str, text: str, threshold: float | None = None) -> list:
    check = JudgementCheck(JudgementParams(category=category, threshold=threshold))
    return list(check.run(Document(text)))


def test_features_are_the_same_in_every_process() -> None:
    a = feature_hashes(fold("Vote for us on Thursday!").text)
    b = feature_hashes(fold("Vote for us on Thursday!").text)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, feature_hashes(fold("Come to our fun day on Thursday!").text))


def test_shape_cues_see_a_named_target_a_percentage_and_sentence_openings() -> None:
    cues = shape_cues("Avoid the garage run by Dave Smith. 40% of his customers get ripped off!")
    assert {"^avoid", "#named", "#percent", "#exclaim"} <= set(cues)
    plain = shape_cues("thank you all for coming to the coffee morning")
    assert "#named" not in plain and "#percent" not in plain and plain[0] == "^thank"


def test_word_triples_and_shape_cues_add_features() -> None:
    text = "Jump the barrier, no questions asked."
    folded = fold(text).text
    pairs_only = feature_hashes(folded, trigrams=False)
    assert len(feature_hashes(folded)) == len(pairs_only) + 4  # 6 words, 4 triples
    assert len(feature_hashes(folded, text)) > len(feature_hashes(folded))


def test_an_older_weights_file_without_triples_still_scores(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.npz"
    weights = np.zeros((1 << 8, 2), dtype=np.float16)
    weights[:, 1] = 1.0
    np.savez(
        path,
        weights=weights,
        bias=np.zeros(2, dtype=np.float32),
        thresholds=np.array([0.5, 0.5], dtype=np.float32),
        categories=np.array(["defamation", "commercial"]),
    )
    model = JudgementModel(path)
    assert model.features == "ngrams-1"
    scores = model.scores(fold("Our shop sells cakes").text, "Our shop sells cakes")
    assert scores[0] == pytest.approx(0.5) and scores[1] > 0.5


def test_features_are_l2_normalised_and_in_range() -> None:
    idx, val = featurise(fold("Our coffee morning raised £420 for the helpline.").text, 1 << 10)
    assert idx.min() >= 0 and idx.max() < 1 << 10
    assert abs(float(np.dot(val, val)) - 1.0) < 1e-5


@pytest.mark.parametrize(
    "text", ["", " ", "😀" * 50, "مرحبا بالعالم", "\x00\x01\x02", "a" * 100_000, "ab cd"]
)
def test_it_never_crashes_on_odd_text(text: str) -> None:
    idx, val = featurise(fold(text).text, 1 << 12)
    assert len(idx) == len(val) > 0
    for category in ("unsafe_activity", "unverified_claim"):
        hits(category, text)


def test_it_refuses_an_unknown_category() -> None:
    with pytest.raises(PolicyFileError):
        build_check("judgement", {"category": "spelling"})


@needs_model
def test_a_switched_off_head_stays_silent() -> None:
    model = judgement_model()
    assert model is not None
    off = [c for c, t in zip(model.categories, model.thresholds, strict=True) if t >= 1.0]
    assert off, "expected at least one head switched off at training time"
    assert hits(off[0], "Vote Labour on 2 May! Use code SAVE20 at my shop.") == []


@needs_model
def test_the_model_knows_every_category() -> None:
    model = judgement_model()
    assert model is not None
    assert model.categories == list(JUDGEMENT_CATEGORIES)
    assert model.weights.shape[1] == len(JUDGEMENT_CATEGORIES)


@needs_model
def test_it_flags_law_breaking_advice_and_points_at_the_worst_sentence() -> None:
    text = (
        "Our fun day is on Saturday at the rec. "
        "Honestly just take the bus without a ticket, the inspectors never get on after 7pm."
    )
    found = hits("unlawful_activity", text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end].startswith("Honestly")


@needs_model
def test_it_passes_a_clean_community_post() -> None:
    text = "Our coffee morning raised £420 for the helpline, thank you all!"
    for category in JUDGEMENT_CATEGORIES:
        assert hits(category, text) == []


@needs_model
def test_a_higher_threshold_silences_the_rule() -> None:
    text = "Honestly just take the bus without a ticket, the inspectors never get on after 7pm."
    assert hits("unlawful_activity", text)
    assert hits("unlawful_activity", text, threshold=0.9999) == []


def test_it_stays_silent_without_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    import tactful.engine.checks.judgement as judgement

    monkeypatch.setattr(judgement, "judgement_model", lambda path=None: None)
    text = "Challenge: see how long you can hold your breath under water, tag a friend!"
    assert hits("unsafe_activity", text) == []


@needs_model
def test_every_shipped_judgement_rule_reads_a_head_that_is_on() -> None:
    from tactful.engine.rules import all_rule_ids, builtin_rule

    model = judgement_model()
    assert model is not None
    rules = [builtin_rule(r).rule for r in all_rule_ids()]
    categories = {r.params["category"] for r in rules if r.kind == "judgement"}
    assert {"defamation", "commercial", "unlawful_activity"} <= categories
    for category in categories:
        assert model.thresholds[model.categories.index(category)] < 1.0, category


@needs_model
def test_it_tells_an_accusation_from_a_thank_you_to_the_same_business() -> None:
    assert hits("defamation", "Quickfix Plumbing are crooks who rip off pensioners, avoid them.")
    assert (
        hits("defamation", "Thank you to Quickfix Plumbing for fixing the boiler at the hall.")
        == []
    )


def test_unless_sourced_keeps_the_head_silent_on_a_post_that_cites_its_source() -> None:
    from tactful.engine.checks.judgement import JudgementCheck, JudgementParams
    from tactful.engine.text import Document

    claim = "Half of all new mums in Suffolk suffer from depression."
    sourced = "According to the NHS, half of all new mums in Suffolk suffer from depression."
    plain = JudgementCheck(JudgementParams(category="unverified_claim", threshold=0.05))
    guarded = JudgementCheck(
        JudgementParams(category="unverified_claim", threshold=0.05, unless_sourced=True)
    )
    assert list(plain.run(Document(claim))) and list(plain.run(Document(sourced)))
    assert list(guarded.run(Document(claim)))
    assert list(guarded.run(Document(sourced))) == []


def test_the_harassment_head_does_not_read_a_reply_as_harassment() -> None:
    from tactful.engine.checks.judgement import JudgementCheck, JudgementParams
    from tactful.engine.text import Document

    check = JudgementCheck(JudgementParams(category="harassment"))
    for friendly in (
        "@sarah_b thank you for the lovely review!",
        "@user you are so right, see you on Tuesday",
        "@jo_k could you DM us your address so we can post the pack?",
    ):
        assert list(check.run(Document(friendly))) == [], friendly
    assert list(check.run(Document("@DaveOnTheHill we know where you live. See you soon.")))


def test_short_kind_sentences_are_not_judged_as_problems() -> None:
    from tactful.engine.checks.judgement import judgement_model
    from tactful.engine.text import fold

    model = judgement_model()
    assert model is not None
    for kind in (
        "The cake they made was delicious",
        "Everything you told us was really helpful.",
        "It was great to see you all.",
        "Raffle tickets selling 5 for £2 at the door.",
    ):
        scores = model.scores(fold(kind).text, kind)
        flagged = [
            c
            for j, c in enumerate(model.categories)
            if model.thresholds[j] < 1.0 and scores[j] >= model.thresholds[j]
        ]
        assert flagged == [], (kind, flagged)


@needs_model
def test_unless_phrases_and_a_list_of_parties_keep_the_party_head_silent() -> None:
    side = "Remember who shut the children's centre when you vote in May. Labour won't get ours."
    hustings = side + " Come to our hustings and ask them."
    several = "The Labour, Reform UK and Green candidates all answered our questions about carers."
    loose = JudgementParams(category="party_politics", threshold=0.05)
    guarded = JudgementParams(
        category="party_politics", threshold=0.05, unless=["hustings"], unless_parties=3
    )
    assert list(JudgementCheck(loose).run(Document(side)))
    assert list(JudgementCheck(loose).run(Document(hustings)))
    assert list(JudgementCheck(loose).run(Document(several)))
    assert list(JudgementCheck(guarded).run(Document(side)))
    assert list(JudgementCheck(guarded).run(Document(hustings))) == []
    assert list(JudgementCheck(guarded).run(Document(several))) == []
    with pytest.raises(ValueError):
        JudgementParams(category="party_politics", unless_parties=1)


needs_static = pytest.mark.skipif(not STATIC_PATH.is_file(), reason="static embedding not built")


@needs_static
def test_the_static_embedding_is_normalised_and_puts_like_words_together() -> None:
    embedder = static_embedder()
    a = embedder.embed("Those councillors are idiots.")
    b = embedder.embed("Those councillors are morons.")
    c = embedder.embed("Our coffee morning is on Friday at ten.")
    assert float(np.linalg.norm(a)) == pytest.approx(1.0, abs=1e-5)
    assert float(a @ b) > float(a @ c) + 0.1
    assert not embedder.embed("").any() and not embedder.embed("   ").any()


@needs_static
def test_the_static_embedding_reads_no_more_than_its_limit_and_never_crashes() -> None:
    embedder = static_embedder()
    long = embedder.embed("words " * 50_000)
    assert long.shape == (embedder.width,) and np.isfinite(long).all()
    for odd in ("\x00\ufffd", "🎉" * 300, "\u200b" * 10, "ÿ" * 5000):
        assert np.isfinite(embedder.embed(odd)).all()


@needs_static
def test_a_weights_file_with_static_weights_adds_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    shutil.copy(STATIC_PATH, tmp_path / "static.npz")
    shutil.copy(STATIC_PATH.with_name("tokenizer.json"), tmp_path / "tokenizer.json")
    width = static_embedder().width
    base = {
        "weights": np.zeros((1 << 8, 1), dtype=np.float16),
        "bias": np.zeros(1, dtype=np.float32),
        "thresholds": np.array([0.5], dtype=np.float32),
        "categories": np.array(["abuse"]),
        "features": np.array("ngrams-2"),
    }
    np.savez(tmp_path / "weights.npz", **base, embedding_weights=np.ones((width, 1), np.float32))
    text = "You lot are a disgrace."
    with_static = JudgementModel(tmp_path / "weights.npz").scores(fold(text).text, text)
    expected = static_embedder().embed(text).sum()
    assert with_static[0] == pytest.approx(1 / (1 + np.exp(-expected)), rel=1e-5)
    np.savez(tmp_path / "plain.npz", **base)
    assert JudgementModel(tmp_path / "plain.npz").scores(fold(text).text, text)[0] == 0.5
