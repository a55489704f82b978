"""The name encoder's part in finding names, with a stand-in for the model."""

from __future__ import annotations

import pytest

from tactful.engine import names
from tactful.engine.models.names import encoder as name_encoder


class StandIn:
    """Reads every word it is asked about as a name with one probability, and counts
    the posts it was asked about."""

    def __init__(self, prob: float) -> None:
        self.prob = prob
        self.asked: list[list[str]] = []

    def name_probs(self, text, words):  # type: ignore[no-untyped-def]
        self.asked.append([text[a:b] for a, b in words])
        probs = {a: self.prob for a, _ in words}
        return probs, dict(probs)


@pytest.fixture
def stand_in(monkeypatch):  # type: ignore[no-untyped-def]
    def use(prob: float) -> StandIn:
        model = StandIn(prob)
        monkeypatch.setattr(name_encoder, "load", lambda folder=None: model)
        names._find_people.cache_clear()
        return model

    yield use
    names._find_people.cache_clear()


def found(text: str) -> list[str]:
    names._find_people.cache_clear()
    return [p.name for p in names.find_people(text)]


def test_without_the_model_files_nothing_loads():
    assert name_encoder.load(name_encoder.FOLDER / "absent") is None


def test_a_post_with_nothing_open_is_not_read(stand_in):
    model = stand_in(1.0)
    assert found("Join us for our coffee morning on Friday at 10am!") == []
    assert model.asked == []


def test_it_adds_a_lower_case_name_it_is_sure_of(stand_in):
    stand_in(0.95)
    assert found("thanks so much to okonkwo for the cakes") == ["okonkwo"]
    stand_in(0.5)
    assert found("thanks so much to okonkwo for the cakes") == []


def test_it_adds_a_capitalised_word_only_when_very_sure(stand_in):
    stand_in(0.999)
    assert "Shovda" in found("Shovda is very reliable.")
    stand_in(0.9)
    assert "Shovda" not in found("Shovda is very reliable.")


def test_it_never_vetoes_a_titled_name(stand_in):
    stand_in(0.0)
    assert found("Dr Okafor opened the fair.") == ["Okafor"]


def test_a_name_said_again_stays_public(stand_in):
    stand_in(1.0)
    people = names.find_people("Lovely to see Keir Starmer at the fair. Starmer said hi.")
    assert [(p.name, p.public) for p in people] == [("Keir Starmer", True), ("Starmer", True)]


def test_case_classes_follow_the_word_a_piece_starts_in():
    text = "Okonkwo met NHS staff, 42."
    offsets = [(0, 3), (3, 7), (8, 11), (12, 15), (16, 21), (21, 22), (23, 25), (25, 26)]
    assert name_encoder.case_ids(text, offsets).tolist() == [2, 2, 1, 3, 1, 0, 0, 0]
