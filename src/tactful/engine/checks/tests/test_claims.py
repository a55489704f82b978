import pytest

from tactful.engine.checks import build_check
from tactful.engine.text import Document


def stats(text: str, **params) -> list:
    return list(build_check("claims", {"mode": "statistic", **params}).run(Document(text)))


def quotes(text: str, **params) -> list:
    return list(build_check("claims", {"mode": "quotation", **params}).run(Document(text)))


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("1 in 4 adults will struggle this year.", "1 in 4"),
        ("One in five children lives in poverty.", "One in five"),
        ("40% of carers feel alone.", "40%"),
        ("Child poverty has doubled.", "doubled"),
        ("Research shows loneliness harms health.", "Research shows"),
        ("Studies have found walking helps.", "Studies have found"),
        ("The number of families in need has risen again.", "number of families in need has risen"),
        ("3 million children are affected.", "3 million children"),
    ],
)
def test_it_flags_an_unsourced_statistic_at_the_claim(text, claim):
    hits = stats(text)
    assert hits and text[hits[0].start : hits[0].end] == claim


@pytest.mark.parametrize(
    "text",
    [
        "According to the ONS, 1 in 4 adults will struggle this year.",
        "1 in 4 adults will struggle this year (ONS 2024).",
        "Source: Carers Trust. 40% of carers feel alone.",
        "A survey of 2,000 adults found 40% feel alone.",
        "NSPCC research shows 1 in 5 children are affected.",
        "40% of carers feel alone: https://www.example.org/report",
        "Our figures show 40% more people came this year.",
        "Age UK's 2025 report found that 1 in 4 older people feel lonely.",
    ],
)
def test_it_passes_a_statistic_with_a_source(text):
    assert stats(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We supported 120 families this year and raised £2,300.",
        "We've doubled the number of volunteers since spring!",
        "85% of our volunteers feel more connected.",
        "Everything is 50% off this weekend.",
        "We're 75% of the way to our target.",
        "I 100% recommend the quiz night.",
        "Doors open at 1 in the afternoon, back in 10 minutes.",
        "Your donation will be doubled this week thanks to match funding.",
        "Top 5 in 2025: our favourite moments.",
    ],
)
def test_it_passes_our_own_figures_and_non_statistics(text):
    assert stats(text) == []


def test_it_reports_one_claim_per_sentence():
    assert len(stats("40% of carers, 1 in 4 adults. Research shows more.")) == 2


def test_it_accepts_extra_source_cues_from_the_rule():
    assert (
        stats("40% of carers feel alone, says the carers census.", source_cues=["carers census"])
        == []
    )


def test_it_flags_a_long_unattributed_quotation():
    text = "“We are delighted to announce a new partnership bringing free legal advice to every court in the region.”"
    hits = quotes(text)
    assert len(hits) == 1 and (hits[0].start, hits[0].end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "“We are delighted to welcome so many new volunteers this year, we could not do it without them.” – our chair",
        "Our chair said: “We are delighted to welcome so many new volunteers this year, we could not do it without them.”",
        "RT @CarersUK “Carers Week is a chance to recognise the contribution unpaid carers make to families.”",
        "Our theme is “Together we are stronger” this year.",
    ],
)
def test_it_passes_attributed_or_short_quotations(text):
    assert quotes(text) == []


def test_it_never_crashes_on_odd_text():
    for text in (
        "",
        "%" * 1000,
        "1 in " * 2000,
        "“" * 500,
        '"' * 999,
        "🙂" * 100,
        "1" * 5000 + "%",
    ):
        stats(text)
        quotes(text)


def test_a_comparison_with_everyone_else_is_a_claim_even_about_our_own_work() -> None:
    assert stats("Our groups are the most popular of any parenting charity in the UK.")
    assert stats("Babies who go to groups are twice as likely to sleep well.")
    assert not stats("Thank you to the best volunteers in the country!")
    assert not stats(
        "Our groups are the most popular in the UK, according to the Parenting Survey 2025."
    )


def borrowed(text: str, notes: str) -> list:
    from tactful.engine.model import Context

    check = build_check("claims", {"mode": "quotation", "borrowed_notes": ["copied from"]})
    return list(check.run(Document(text, context=Context(notes=notes))))


def test_words_the_records_say_are_borrowed_need_a_label_in_the_post() -> None:
    assert borrowed("Five tips for a calmer bedtime.", "copied from the Sleep Well CIC post")
    assert not borrowed(
        "Five tips for a calmer bedtime, via @SleepWellCIC.", "copied from their post"
    )
    assert not borrowed("Five tips for a calmer bedtime.", "written by our own team")


def test_generic_claims_about_a_population_are_statistics() -> None:
    check = build_check("claims", {"mode": "statistic"})
    for text in [
        "People who join a walking group make on average four new friends a year.",
        "Babies who are read to talk sooner than those who aren't.",
        "Three quarters of the town's old bridges are at risk of collapse.",
        "Most parents in Suffolk don't know where their nearest family hub is.",
        "Loneliness is more harmful to your health than smoking.",
    ]:
        assert list(check.run(Document(text))), text
    for text in [
        "Most of our funding comes from local people like you.",
        "Half of the fun is getting muddy, so wear old clothes!",
        "Our 2024 feedback survey found 9 out of 10 parents felt more confident.",
    ]:
        assert not list(check.run(Document(text))), text


def test_a_shortened_link_cites_nothing():
    text = "More than 40% of milestones have been damaged. Report damage here: bit.ly/3mStone9"
    assert stats(text)
    assert stats("More than 40% of milestones have been damaged: https://example.org/survey") == []


def test_a_superlative_about_a_firm_or_a_region_is_a_claim():
    assert stats("Our partner Brightmore Energy, the UK's greenest energy supplier!")
    assert stats("That makes us the fastest-growing local society in the region.")
    assert stats("Read the county's latest news in our newsletter.") == []
