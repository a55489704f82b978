"""The toxicity classifier check: flags, spans, long texts and odd input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tactful.engine.checks import build_check, classifier
from tactful.engine.checks.classifier import (
    ClassifierCheck,
    ClassifierParams,
    chunk_spans,
    sentence_spans,
    toxicity_encoder,
)
from tactful.engine.encoder import TextEncoder
from tactful.engine.features import DIMENSIONS, hashed
from tactful.engine.text import Document
from tactful.engine.yamlfile import PolicyFileError

pytestmark = pytest.mark.skipif(
    not toxicity_encoder().is_available(), reason="toxicity model files not built"
)


def _hits(text: str, label: str = "offensive", **params: object) -> list[str]:
    check = ClassifierCheck(ClassifierParams.model_validate({"label": label, **params}))
    return [text[h.start : h.end] for h in check.run(Document(text))]


def test_it_flags_an_insult_and_passes_a_thank_you() -> None:
    assert _hits("Shut up you stupid idiot, nobody wants your opinion.")
    assert _hits("Thank you to everyone who came to our coffee morning today!") == []


def test_hate_label_flags_a_generalisation_without_swear_words_and_passes_a_welcome() -> None:
    assert _hits("Immigrants are ruining this country and should all be sent back.", "hate")
    assert _hits("Welcome to the refugee families joining our English class.", "hate") == []


def test_it_points_at_the_worst_sentence_not_the_whole_post() -> None:
    text = (
        "Our quiz night raised £900 for the food bank. "
        "Shut up you pathetic idiot, nobody cares what you think. "
        "Thanks to all our volunteers."
    )
    assert _hits(text) == ["Shut up you pathetic idiot, nobody cares what you think."]


def test_abuse_late_in_a_long_text_is_found_by_chunking() -> None:
    clean = "Our volunteers packed food parcels for families across the county this week. "
    text = clean * 40 + "You are a disgusting pathetic idiot and everyone hates you. " + clean * 3
    hits = _hits(text)
    assert hits and "idiot" in hits[0]
    assert _hits(clean * 43) == []


def test_chunks_cover_the_text_in_order_and_fit_the_window() -> None:
    encoder = toxicity_encoder()
    text = "Thanks for the support. " * 60 + "word " * 200
    chunks = chunk_spans(text, encoder)
    assert len(chunks) > 1
    assert all(a[1] <= b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert all(encoder.token_count(text[s:e]) <= encoder.max_length - 2 for s, e in chunks)
    assert chunk_spans("Short post.", encoder) == [(0, 11)]


def test_sentence_spans_are_trimmed_and_keep_their_punctuation() -> None:
    text = "  Hello there!  How are you?\nFine"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Hello there!", "How are you?", "Fine"]
    assert sentence_spans("   ") == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "🙂🙂🙂",
        "\u202eمرحبا بكم\u202c",
        "\x00\x01\x1b[31m",
        "a" * 100_000,
        "word. " * 20_000,
    ],
)
def test_it_never_crashes_on_odd_strings(text: str) -> None:
    for label in ("offensive", "hate"):
        for start, end in (
            (h.start, h.end)
            for h in ClassifierCheck(ClassifierParams(label=label)).run(Document(text))
        ):
            assert 0 <= start <= end <= len(text)


def test_a_very_high_threshold_silences_it_and_a_bad_one_is_refused() -> None:
    text = "Shut up you stupid idiot, nobody wants your opinion."
    assert _hits(text, threshold=0.999999) == []
    with pytest.raises(PolicyFileError):
        build_check("classifier", {"label": "offensive", "threshold": 1.5})
    with pytest.raises(PolicyFileError):
        build_check("classifier", {"label": "rudeness"})


def test_without_model_files_it_stays_silent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(classifier, "toxicity_encoder", lambda: TextEncoder(tmp_path))
    assert _hits("Shut up you stupid idiot, nobody wants your opinion.") == []


def test_offensive_rule_defers_to_a_confident_hate_score_but_keeps_plain_insults() -> None:
    group_attack = "Immigrants are ruining this country and should all be sent back."
    assert _hits(group_attack)
    assert _hits(group_attack, unless_label="hate", unless_threshold=0.8) == []
    insult = "Shut up you stupid idiot, nobody asked for your opinion."
    assert _hits(insult, unless_label="hate", unless_threshold=0.8)


def test_blend_leaves_scores_alone_without_heads_or_weight() -> None:
    probs = np.array([[0.2, 0.7], [0.9, 0.1]], dtype=np.float32)
    texts = ["a kind word", "a rude word"]
    assert np.allclose(classifier.blend(probs, texts, None), probs)
    coef = np.zeros((2, DIMENSIONS), dtype=np.float32)
    heads = (coef, np.array([5.0, 5.0], dtype=np.float32), np.zeros(2, dtype=np.float32))
    assert np.allclose(classifier.blend(probs, texts, heads), probs, atol=1e-5)


def test_blend_moves_the_score_towards_the_ngram_head() -> None:
    probs = np.array([[0.5, 0.5], [0.5, 0.5]], dtype=np.float32)
    texts = ["you absolute muppet", "lovely cake sale"]
    coef = np.zeros((2, DIMENSIONS), dtype=np.float32)
    idx, _ = hashed("muppet")
    coef[0, idx] = 20.0  # the offensive head dislikes one word; the hate head is flat
    heads = (coef, np.zeros(2, dtype=np.float32), np.array([1.0, 1.0], dtype=np.float32))
    out = classifier.blend(probs, texts, heads)
    assert out[0, 0] > 0.9  # pushed up by the word
    assert out[1, 0] == pytest.approx(0.5, abs=1e-5)  # no such word: unchanged
    assert out[:, 1] == pytest.approx([0.5, 0.5], abs=1e-5)


def test_shipped_ngram_heads_match_the_model_labels() -> None:
    heads = classifier.ngram_heads()
    if heads is None:
        pytest.skip("no n-gram heads shipped")
    coef, intercept, weight = heads
    labels = classifier.model_meta()["labels"]
    assert coef.shape == (len(labels), DIMENSIONS)
    assert intercept.shape == weight.shape == (len(labels),)
    assert (weight >= 0).all() and weight.any()


def test_the_gate_threshold_rises_with_the_score_a_rule_flags_at() -> None:
    g = classifier.Gate(np.zeros(4, dtype=np.float32), 0.0, (0.26, 0.5, 0.7), (0.04, 0.09, 0.12))
    assert g.threshold_for(None) == 0.04  # the lowest level: scores wanted for their own sake
    assert g.threshold_for(0.5) == 0.09
    assert g.threshold_for(0.6) == 0.09  # the highest level at or under the rule's score
    assert g.threshold_for(0.95) == 0.12
    assert g.threshold_for(0.1) is None  # under every level: the gate cannot vouch


def test_the_shipped_gate_has_ascending_levels_and_thresholds_covering_the_rules() -> None:
    g = classifier.gate()
    if g is None:
        pytest.skip("no gate shipped")
    assert list(g.levels) == sorted(g.levels) and list(g.thresholds) == sorted(g.thresholds)
    assert len(g.levels) == len(g.thresholds)
    meta = classifier.model_meta()
    assert g.levels[0] <= min(meta["thresholds"].values())  # the public benchmark's scores
    assert 0.5 in [round(level, 3) for level in g.levels]  # the built-in rules flag at 0.5


def test_a_rule_flagging_higher_lets_the_gate_skip_a_text_the_lower_level_sends_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    g = classifier.Gate(np.zeros(DIMENSIONS, dtype=np.float32), 0.0, (0.26, 0.5), (0.3, 0.7))
    monkeypatch.setattr(classifier, "gate", lambda folder=None: g)
    # every text's gate score is 0.5 (zero weights): over the first threshold, under the second
    assert classifier.passes_gate("any text at all")
    assert classifier.passes_gate("any text at all", at=0.3)
    assert not classifier.passes_gate("any text at all", at=0.5)
    assert classifier.passes_gate("any text at all", at=0.2)  # below every level


def test_the_rule_s_scores_for_an_insult_do_not_depend_on_the_gate_level() -> None:
    text = "Shut up you stupid idiot, nobody wants your opinion."
    spans = [(0, len(text))]
    low = classifier.score_spans(text, spans, 0)
    high = classifier.score_spans(text, spans, 0, at=0.5)
    assert float(low[0]) >= 0.5 and float(high[0]) == pytest.approx(float(low[0]))


def test_a_cited_figure_about_a_group_is_not_read_as_an_attack_when_asked() -> None:
    figure = (
        "Black women in the UK are almost four times more likely to die in or soon after "
        "pregnancy than white women (MBRRACE-UK, 2023)."
    )
    if not _hits(figure, label="hate"):
        pytest.skip("the model does not score this figure as hateful any more")
    assert _hits(figure, label="hate", unless_cited=True) == []
    attack = "Immigrants are ruining this country and should all be sent back."
    assert _hits(attack, label="hate", unless_cited=True)
    assert classifier.CITATION.search("(ONS, 2024)") and not classifier.CITATION.search("(see below)")
