import pytest

from tactful.engine.checks import build_check
from tactful.engine.checks.hashtags import segment, word_buckets
from tactful.engine.text import Document

pytestmark = pytest.mark.skipif(not word_buckets(), reason="wordfreq is not installed")


def run(text: str, **params) -> list:
    return list(build_check("hashtags", params).run(Document(text)))


def test_it_suggests_camelcase_for_run_together_words():
    text = "Walk with us #mentalhealthawareness"
    hits = run(text)
    assert len(hits) == 1
    assert text[hits[0].start : hits[0].end] == "#mentalhealthawareness"
    assert hits[0].suggestion == "Write it as #MentalHealthAwareness."


def test_it_flags_a_tag_capitalised_only_at_the_start():
    assert run("#Charityshop")


def test_it_passes_single_words_cased_tags_and_acronyms():
    assert run("#volunteers #charity #MentalHealthAwareness #NHS #GivingTuesday #wellbeing") == []


def test_it_does_not_split_place_names_that_are_words():
    assert run("#woodbridge #newmarket #sevenoaks #eastbourne") == []


def test_it_does_not_split_towns_into_rare_short_words():
    assert run("#bungay #mildenhall") == []


def test_it_suggests_acronyms_in_capitals():
    assert run("#nhsengland")[0].suggestion == "Write it as #NHSEngland."


def test_it_leaves_allowed_tags_and_tags_with_digits_alone():
    assert run("#homestart", allow=["#HomeStart"]) == []
    assert run("#iwd2024 #volunteers_week") == []


def test_segment_prefers_fewest_words():
    assert segment("endchildpoverty", word_buckets()) == ["end", "child", "poverty"]
    assert segment("xqzvbn", word_buckets()) is None


def test_it_never_crashes_on_odd_text():
    for text in ("", "#", "#" + "a" * 10_000, "#🙂", "#مرحبا", "#ÀÉÎ"):
        run(text)
