from tactful.engine.checks import build_check
from tactful.engine.checks.disclaimer import name_variants
from tactful.engine.model import Context
from tactful.engine.text import Document


def run(
    text: str, profile_disclaimer: bool = False, organisation: str | None = None, **params
) -> list:
    ctx = Context(profile_disclaimer=profile_disclaimer)
    doc = Document(text, account="personal", context=ctx, organisation=organisation)
    return list(build_check("disclaimer", params).run(doc))


def test_it_flags_a_post_about_my_charity_with_no_disclaimer():
    text = "Frustrating week at my charity."
    hits = run(text)
    assert len(hits) == 1 and text[hits[0].start : hits[0].end] == "my charity"


def test_it_passes_with_a_disclaimer_in_the_post_or_the_profile():
    assert run("Frustrating week at my charity. Views my own.") == []
    assert run("Frustrating week at my charity (personal views).") == []
    assert run("Frustrating week at my charity.", profile_disclaimer=True) == []


def test_it_passes_posts_that_do_not_mention_the_organisation():
    assert run("Lovely walk along the river this morning.") == []
    assert run("My charity shop find of the year: a 1970s teapot!") == []


def test_it_finds_the_organisation_by_name_when_the_policy_supplies_it():
    names = {"organisation_names": ["Milestone Society"]}
    assert run("Great talk at the Milestone Society last night.", **names)
    assert run("Great talk at the Milestone Society last night.") == []
    assert run("Great talk at the Milestone Society last night, views my own.", **names) == []


def test_it_finds_the_policy_organisation_by_its_capitalised_name():
    text = "Proud of everyone at Home-Start this week."
    hits = run(text, organisation="Home-Start in Suffolk")
    assert hits and text[hits[0].start : hits[0].end] == "Home-Start"
    assert run("Time for a clean slate after a tough year.", organisation="Clean Slate") == []
    assert run("Big week for Clean Slate, so proud.", organisation="Clean Slate")
    assert (
        run(
            "Big week for Clean Slate, so proud.",
            organisation="Clean Slate",
            use_policy_organisation=False,
        )
        == []
    )


def test_it_ignores_placeholder_and_single_word_names():
    assert run("Give to Your Charity today.", organisation="Your Charity") == []
    # a lone "Society" says nothing, but "our Society" with its capital names it
    variants = name_variants("The Society")
    assert variants[:4] == ["The Society", "the Society", "our Society", "Our Society"]
    assert "Society" not in variants and "Society quiz" in variants
    assert "NBN" in name_variants("New Baby Network CIC")
    assert name_variants("New Baby Network CIC") == ["New Baby Network CIC", "New Baby Network", "NBN"]


def test_it_knows_the_name_mid_sentence_but_not_the_ordinary_word():
    assert run("See you all at the Society's AGM on Friday.", organisation="The Society")
    assert run("We all want a fairer society.", organisation="The Society") == []


def test_it_matches_cues_despite_curly_apostrophes_and_case():
    assert run("I’m a trustee and I think the new rules are wrong.")
    assert run("WHERE I VOLUNTEER we never stop.")


def test_it_never_crashes_on_odd_text():
    for text in ("", "🙂" * 100, "\u0000", "my charity " * 5000):
        run(text)


def test_working_at_the_charity_speaks_about_it_but_shopping_there_does_not():
    assert run("Tough day at the charity, but the hampers are packed. Love my job.")
    assert run("Bought a lovely coat at the charity shop today.") == []
    assert run("Great night at the charity quiz for the hospice!") == []


def test_a_one_word_name_at_the_head_of_its_own_event_counts_unless_another_name_runs_into_it():
    use = {"use_policy_organisation": True}
    hits = run("Society quiz night was a triumph, our table came third.", organisation="The Society", **use)
    assert len(hits) == 1
    assert run("Went to a Royal Society talk on bees.", organisation="The Society", **use) == []
    assert run("Big society talk at the pub tonight.", organisation="The Society", **use) == []


def test_a_placeholder_organisation_is_found_by_the_charity_the_author_says_they_represented():
    use = {"use_policy_organisation": True}
    text = "Today I represented Riverside Carers Trust at the council's scrutiny committee."
    hits = run(text, organisation="Your Charity", **use)
    assert [text[h.start : h.end] for h in hits] == ["represented Riverside Carers Trust"]
    # a named organisation is found by its own name, not by someone else's charity
    assert run(text, organisation="New Baby Network CIC", **use) == []
    assert run(text + " Views my own.", organisation="Your Charity", **use) == []


def test_a_placeholder_organisation_is_found_by_the_authors_group_at_a_named_charity():
    use = {"use_policy_organisation": True}
    text = "So proud of Sheila from our Monday group at Brambleford Carers' Circle!"
    assert run(text, organisation="Your Charity", **use)
    assert run(text + " Speaking personally, not for the charity.", organisation="Your Charity", **use) == []
    assert run("Lovely morning at our Monday group at the library.", organisation="Your Charity", **use) == []
