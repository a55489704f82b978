import pytest
from pydantic import ValidationError

from tactful.engine.checks.grammar import GrammarCheck, GrammarParams
from tactful.engine.rules import RULES_DIR, builtin_rule, load_rule_file
from tactful.engine.text import Document


def spans(rule_id: str, text: str):
    rule = builtin_rule(rule_id)
    return [(text[h.start : h.end], h.suggestion) for h in rule.check.run(Document(text))]


@pytest.mark.parametrize(
    "path", sorted((RULES_DIR / "grammar").glob("*.yml")), ids=lambda p: p.stem
)
def test_rule_examples_flag_and_pass(path):
    rule = load_rule_file(path, f"grammar.{path.stem}")
    for ex in rule.rule.examples.flag:
        assert list(rule.check.run(Document(ex.text))), ex.text
    for ex in rule.rule.examples.pass_:
        assert not list(rule.check.run(Document(ex.text))), ex.text


def test_their_is_suggests_there_keeping_the_capital():
    assert spans("grammar.there_their", "Their is time.") == [("Their is", "There is")]


def test_a_an_flags_a_event_but_not_an_mp_or_a_university():
    assert spans("grammar.a_an", "We held a event.") == [("a event", "an event")]
    assert spans("grammar.a_an", "An MP visited a university and an NHS trust.") == []


def test_could_of_course_is_not_a_slip():
    assert spans("grammar.could_of", "You could of course donate.") == []
    assert spans("grammar.could_of", "You could of donated.") == [("could of", "could have")]


def test_a_pattern_does_not_reach_across_punctuation_or_links():
    assert spans("grammar.repeated_word", "Thank you to the. The team") == []
    assert spans("grammar.repeated_word", "see www.the.org the team") == []
    assert spans("grammar.repeated_word", "see the the team") == [("the the", "the")]


def test_end_anchor_needs_the_end_of_a_stretch():
    assert spans("grammar.your_youre", "Your welcome pack is here.") == []
    assert spans("grammar.your_youre", "Thanks, your welcome!") == [
        ("your welcome", "you're welcome")
    ]


def test_sentence_capital_is_advice_and_skips_abbreviations():
    rule = builtin_rule("grammar.sentence_capital")
    assert rule.rule.severity == "advice"
    assert spans("grammar.sentence_capital", "Great day. we won.") == [("we", "We")]
    assert spans("grammar.sentence_capital", "Bring snacks, e.g. fruit. Thanks!") == []


def test_double_spaces_are_not_errors():
    for path in (RULES_DIR / "grammar").glob("*.yml"):
        rule = load_rule_file(path, f"grammar.{path.stem}")
        assert not list(rule.check.run(Document("Thank you  to everyone.  We raised £50."))), path


def test_a_pattern_with_an_undefined_class_is_refused():
    with pytest.raises(ValidationError):
        GrammarParams.model_validate({"patterns": [{"match": "a <nope>"}]})


def test_a_pattern_with_too_many_slots_is_refused():
    with pytest.raises(ValidationError):
        GrammarParams.model_validate({"patterns": [{"match": "a b c d e f g"}]})


@pytest.mark.parametrize(
    "text",
    ["", "the " * 25_000, "😀 the 😀 the", "مرحبا the the", "\x00the\x00the", "a\u200b event"],
)
def test_it_never_crashes(text):
    for path in (RULES_DIR / "grammar").glob("*.yml"):
        list(load_rule_file(path, f"grammar.{path.stem}").check.run(Document(text)))


def test_a_custom_rule_can_define_its_own_patterns():
    check = GrammarCheck(
        GrammarParams.model_validate(
            {"patterns": [{"match": "irregardless", "suggest": "regardless"}]}
        )
    )
    assert [h.suggestion for h in check.run(Document("Irregardless, we go."))] == ["Regardless"]
