"""The complaint cascade: the specialist encoder scores only the messages it can change."""

from __future__ import annotations

import json

import numpy as np

from tactful.engine.triage.classifier import WEIGHTS, Classifier

TEXTS = [
    "Third time my parcel has gone missing and no one answers the phone",
    "Could you tell me when the shop opens on Sunday?",
    "Brilliant walk today, thanks to all the volunteers",
    "Your page will be disabled, verify your account now",
    "i can't do this any more, i've written letters to my kids",
]


class CountingEncoder:
    """Stands in for the specialist: records what it is asked to score."""

    def __init__(self, real, logit: float) -> None:  # type: ignore[no-untyped-def]
        self.real = real
        self.logit = logit
        self.seen: list[str] = []
        self.calls: list[int] = []

    def is_available(self) -> bool:
        return True

    def encode_batch(self, texts: list[str]):  # type: ignore[no-untyped-def]
        return self.real.encode_batch(texts)

    def run(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        self.calls.append(len(texts))
        return np.full((len(texts), 1), self.logit, dtype=np.float32)


def cascade(tmp_path, logit: float, weight: float = 0.0) -> tuple[Classifier, CountingEncoder]:  # type: ignore[no-untyped-def]
    model = Classifier(specialist=tmp_path)
    fake = CountingEncoder(model.encoder, logit)
    model.specialists = [fake]  # type: ignore[list-item]
    model.triage_weight = weight
    model.uses_specialist = True
    model.complaint_threshold = 0.5
    return model, fake


def test_without_a_specialist_folder_the_triage_complaint_model_decides_alone(tmp_path):
    model = Classifier(specialist=tmp_path)
    with np.load(WEIGHTS, allow_pickle=False) as data:
        assert model.complaint_threshold == float(data["complaint_threshold"])
    assert not model.uses_specialist


def test_a_cascade_file_without_its_model_is_ignored(tmp_path):
    settings = {"threshold": 9.0, "triage_weight": 0.0, "models": ["seed-7"]}
    (tmp_path / "cascade.json").write_text(json.dumps(settings))
    assert not Classifier(specialist=tmp_path).uses_specialist


def test_the_specialist_scores_only_messages_a_complaint_could_be_mistaken_for(tmp_path):
    model, fake = cascade(tmp_path, logit=5.0)
    plain = Classifier(specialist=tmp_path)
    probs, _ = plain.scores_many(TEXTS)
    contested = [
        t for t, p in zip(TEXTS, probs, strict=True) if model.choose(p, None) in model._yields
    ]
    assert contested, "some of the texts are enquiries, other or praise"
    model.predict_many(TEXTS)
    assert sorted(fake.seen) == sorted(contested)


def test_a_confident_specialist_turns_those_into_complaints_and_nothing_else(tmp_path):
    sure, _ = cascade(tmp_path, logit=8.0)
    unsure, _ = cascade(tmp_path, logit=-8.0)
    plain = Classifier(specialist=tmp_path)
    for text, before, high, low in zip(
        TEXTS,
        plain.predict_many(TEXTS),
        sure.predict_many(TEXTS),
        unsure.predict_many(TEXTS),
        strict=True,
    ):
        if before.category in ("enquiry", "other", "praise"):
            assert high.category == "complaint", text
            assert low.category == before.category, text
        else:
            assert high.category == low.category == before.category, text


def test_with_demote_a_doubtful_specialist_turns_a_complaint_into_its_next_best_guess(tmp_path):
    unsure, fake = cascade(tmp_path, logit=-8.0)
    unsure.demote = True
    sure, _ = cascade(tmp_path, logit=8.0)
    sure.demote = True
    plain = Classifier(specialist=tmp_path)
    before = plain.predict_many(TEXTS)
    assert before[0].category == "complaint", "the missing parcel reads as a complaint"
    low, high = unsure.predict_many(TEXTS), sure.predict_many(TEXTS)
    assert TEXTS[0] in fake.seen
    assert low[0].category in ("enquiry", "other", "praise")
    assert high[0].category == "complaint"
    for text, b, lo in zip(TEXTS[3:], before[3:], low[3:], strict=True):
        # Safety categories are never rescored, whatever the specialist says.
        assert b.category in ("security_threat", "safeguarding"), text
        assert lo.category == b.category, text


def test_a_band_keeps_the_specialist_to_messages_the_triage_model_is_unsure_of(tmp_path):
    model, fake = cascade(tmp_path, logit=8.0)
    plain = Classifier(specialist=tmp_path)
    _, complaint = plain.scores_many(TEXTS)
    assert complaint is not None
    model.band = (0.999, 1.0)
    assert all(c < 0.999 for c in complaint), "no text is a sure complaint"
    assert [p.category for p in model.predict_many(TEXTS)] == [
        p.category for p in plain.predict_many(TEXTS)
    ]
    assert fake.seen == []


def test_one_at_a_time_runs_the_specialist_on_each_message_alone(tmp_path):
    model, fake = cascade(tmp_path, logit=5.0)
    model.one_at_a_time = True
    model.demote = True
    model.predict_many(TEXTS)
    assert len(fake.seen) >= 2
    assert set(fake.calls) == {1}
