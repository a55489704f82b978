import pytest

from tactful.engine import check
from tactful.engine.checks.spelling import SpellingCheck, SpellingParams, edit_distance
from tactful.engine.rules import RULES_DIR, load_rule_file
from tactful.engine.text import Document


def hits(text: str, mode: str = "misspelling", **params):
    check = SpellingCheck(SpellingParams(mode=mode, **params))
    return [(text[h.start : h.end], h.suggestion, h.severity) for h in check.run(Document(text))]


@pytest.mark.parametrize(
    "path", sorted((RULES_DIR / "spelling").glob("*.yml")), ids=lambda p: p.stem
)
def test_rule_examples_flag_and_pass(path):
    rule = load_rule_file(path, f"spelling.{path.stem}")
    for ex in rule.rule.examples.flag:
        assert list(rule.check.run(Document(ex.text))), ex.text
    for ex in rule.rule.examples.pass_:
        assert not list(rule.check.run(Document(ex.text))), ex.text


def test_it_blocks_a_real_misspelling_with_a_suggestion():
    assert hits("We will recieve the keys tomorrow.") == [("recieve", "receive", "blocker")]


def test_a_capitalised_slip_on_a_day_month_or_festival_is_a_misspelling_not_a_name():
    assert hits("The newsletter reaches members before Chrismas.") == [("Chrismas", "Christmas", "blocker")]
    assert hits("See you on Wenesday!") == [("Wenesday", "Wednesday", "blocker")]
    # an unknown name stays advice, and a listed name near a month is left alone
    assert [h[2] for h in hits("Thanks to Mrs Okonjo for the cakes.")] in ([], ["advice"])
    assert hits("Thanks to Augusta for the cakes.") in ([], [("Augusta", None, "advice")])


def test_it_suggests_from_the_index_for_a_typo_not_in_the_list():
    assert hits("Our comunity garden is open.") == [("comunity", "community", "blocker")]


def test_a_missed_double_letter_is_a_misspelling_not_two_words_run_together():
    assert hits("We will be discusing the plans.") == [("discusing", "discussing", "blocker")]
    # a real run-together pair is still only advice, and a known compound passes
    assert [h[2] for h in hits("Join the bookclub on Friday.")] == ["advice"]
    assert hits("Our foodbank opens at ten.") == []


def test_it_accepts_the_plural_of_a_gerund_the_dictionary_lists_only_in_the_singular():
    assert hits("The children took rubbings of the lettering.") == []
    assert hits("The children took rubbinsg of the lettering.") != []


def test_it_passes_british_spellings():
    assert (
        hits("Our organisation will recognise the colour of the centre programme, travelling far.")
        == []
    )


def test_it_gives_advice_for_us_spellings_and_oxford_ize():
    found = hits("The organization will organize a color program.", mode="us_spelling")
    assert found == [
        ("organization", "organisation", "advice"),
        ("organize", "organise", "advice"),
        ("color", "colour", "advice"),
        ("program", "programme", "advice"),
    ]


def test_it_leaves_oxford_ize_alone_when_turned_off():
    assert hits("We will organize it.", mode="us_spelling", oxford_ize=False) == []


def test_us_spellings_are_not_misspellings():
    assert hits("The color of the center.") == []


def test_an_unknown_capitalised_word_is_only_advice():
    assert hits("Thanks to Tomasz for his help.") == [("Tomasz", None, "advice")]


def test_names_can_be_ignored():
    assert hits("Thanks to Tomasz for his help.", names="ignore") == []


def test_it_passes_handles_links_money_numbers_acronyms_and_charity_words():
    text = (
        "Thanks @harbourhelpers! £2,500 raised at 10am on the 3rd, see www.exampel.org.uk or "
        "email helo@example.org.uk. NHS SEND CAMHS wellbeing crowdfunder befriending "
        "neurodivergent perinatal. The charity's team, we're proud, well-being co-ordinators."
    )
    assert hits(text) == []


def test_a_policy_can_allow_its_own_words():
    assert hits("Our flurbles are back.", allow=["flurbles"]) == []
    assert hits("Our flurbles are back.") != []


def test_hashtag_typo_flags_the_whole_hashtag():
    text = "Ready for #GivingTusday?"
    assert hits(text, mode="hashtag") == [("#GivingTusday", "#GivingTuesday", "blocker")]


def test_correct_and_name_hashtags_pass():
    assert hits("#GivingTuesday #volunteersweek #TeamPriya #NHS75", mode="hashtag") == []


def test_a_hashtag_spells_a_contraction_without_its_apostrophe():
    assert hits("#ReportDontRemove #YoureNotAlone", mode="hashtag") == []
    assert hits("#ReportDontRemoove", mode="hashtag") != []


def test_misspelling_mode_ignores_hashtags():
    assert hits("#GivingTusday") == []


def test_a_hyphenated_compound_with_a_misspelt_part_flags_only_the_part():
    assert hits("It is a non-existant problem.")[0][0] == "existant"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "a" * 100_000,
        "recieve " * 5000,
        "😀🙏 ✨",
        "مرحبا بالعالم",
        "\x00\x07\x1b[31m",
        "é" * 50,
    ],
)
def test_it_never_crashes(text):
    for mode in ("misspelling", "us_spelling", "hashtag"):
        hits(text, mode=mode)


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("teh", "the") == 1
    assert edit_distance("recieve", "receive") == 1
    assert edit_distance("cat", "dog") == 3


@pytest.mark.parametrize(
    "text",
    [
        "You b@stard, get lost.",
        "What a b*stard.",
        "That was sh!tty.",
        "He is a tw@tface.",
        "A pack of b@st@rds.",
        "See you at the cafe@thepark tonight.",
    ],
)
def test_a_word_disguised_with_symbols_is_not_split_into_misspellings(text):
    assert hits(text) == []


def test_a_real_misspelling_beside_a_disguised_word_is_still_caught():
    assert hits("You b@stard, we will recieve it.") == [("recieve", "receive", "blocker")]


def test_a_symbol_between_words_and_spaces_does_not_hide_a_misspelling():
    assert hits("Cake @ recieve, comunity!") == [
        ("recieve", "receive", "blocker"),
        ("comunity", "community", "blocker"),
    ]


def test_leetspeak_abuse_draws_an_abuse_finding_and_no_spelling_finding():
    result = check("You b@stard, get lost.", policy="starter")
    categories = {f.category for f in result.findings}
    assert "abuse" in categories
    assert "spelling" not in categories


def test_a_lower_case_name_the_name_finder_claims_gets_no_spelling_advice():
    words = [h[0] for h in hits("Big thanks to zofia kowalczyk for the cakes at the fair.")]
    assert "zofia" not in words and "kowalczyk" not in words
    # a slip in lower case is still a slip
    assert [h[0] for h in hits("We recieved the cakes at the fair.")] == ["recieved"]


def test_a_name_on_record_in_a_consent_is_no_spelling_advice():
    text = "Lovely photo of Priya at our fun day!"
    on_record = check(text, policy="starter", context={"consents": [{"person": "Priya Shah", "scope": "photo"}]})
    assert not [f for f in on_record.findings if f.category == "spelling"]
    assert [f for f in check(text, policy="starter").findings if f.category == "spelling"]


def test_a_first_suggestion_builds_only_the_index_parts_it_needs():
    from tactful.engine.checks.spelling import Vocabulary

    vocab = Vocabulary([])
    assert vocab.suggest("resposne", lambda w: True) == ("response", 1)
    # distance 2 from an 8-letter word: 6 to 10 letters, never the rest
    assert set(vocab._index) <= set(range(6, 11))
    assert vocab.suggest("teh", lambda w: True) == ("the", 1)


def test_warming_builds_every_part_of_the_suggestion_index_and_keeps_suggestions():
    from tactful.engine.checks.spelling import Vocabulary

    vocab = Vocabulary(["wellbeing"])
    cold = vocab.suggest("recieve", lambda w: True)
    assert not vocab._index or len(vocab._index) < len(vocab._by_length)
    vocab.build_index()
    assert set(vocab._index) == set(vocab._by_length)
    assert vocab.suggest("recieve", lambda w: True) == cold
    SpellingCheck(SpellingParams(mode="misspelling")).warm()
