import pytest

from tactful.engine.checks.allegation import AllegationCheck, AllegationParams, find_named
from tactful.engine.text import Document


def _hits(text: str, **params: object) -> list[str]:
    check = AllegationCheck(AllegationParams.model_validate(params))
    return [text[h.start : h.end] for h in check.run(Document(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Acme Lettings stole our deposit.",
        "Cllr Smith lied to the families we support.",
        "We were scammed by Acme Ltd.",
        "Jo Bloggs is a crook.",
        "@acmecars are total cowboys.",
        "Acme's latest scam is shocking.",
        "Dr Jones covered up the abuse.",
        "Our old treasurer Dave has been fiddling the books.",
        "John Smith is a l1ar.",
        "John Smith was charged with fraud yesterday.",
    ],
)
def test_it_flags_wrongdoing_tied_to_a_name(text: str) -> None:
    assert _hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "Beware of scam calls claiming to be from us.",
        "Beware of scam calls claiming to be from Home-Start Suffolk.",
        "Our volunteers stole the show!",
        "It's Fraud Awareness Week, so here is how to stay safe.",
        "If you have been scammed, report it to Action Fraud.",
        "Thieves stole our minibus overnight.",
        "Thanks to PC Jones, who caught the man who stole our minibus.",
        "Make sure children are covered up in the sun, says Nurse Kelly.",
        "Our helpline supports survivors of abuse.",
    ],
)
def test_it_passes_general_talk_idioms_and_names_containing_the_word(text: str) -> None:
    assert _hits(text) == []


def test_a_court_outcome_with_a_source_passes_but_not_when_told_to_flag_it() -> None:
    text = "John Smith was convicted of fraud at Ipswich Crown Court, the BBC reports."
    assert _hits(text) == []
    assert _hits(text, allow_court_reports=False)


def test_a_conviction_without_a_court_or_source_is_flagged() -> None:
    assert _hits("John Smith was convicted of fraud, we hear.")
    assert _hits("John Smith is a convicted fraudster.")


def test_the_hit_spans_name_and_accusation() -> None:
    check = AllegationCheck(AllegationParams())
    text = "Sadly Acme Lettings stole our deposit."
    (hit,) = check.run(Document(text))
    assert text[hit.start : hit.end] == "Acme Lettings stole"
    assert "Acme Lettings" in (hit.message or "")


def test_the_name_finder_skips_sentence_openers_but_keeps_titles_and_handles() -> None:
    text = "Someone called. Mrs Patel and @joe met Acme Care Ltd today."
    names = [text[s:e] for s, e in find_named(Document(text))]
    assert "Someone" not in names
    assert {"Mrs Patel", "@joe", "Acme Care Ltd"} <= set(names)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀" * 300,
        "\u202eمرحبا Jo Bloggs is a crook",
        "\x00\x07",
        "Jo Bloggs is a crook. " * 4000,
    ],
)
def test_it_never_crashes_on_odd_text(text: str) -> None:
    assert len(_hits(text)) <= 100


def test_an_aside_between_the_name_and_the_verb_still_ties_them() -> None:
    assert _hits("Rob Lane, who runs the pub on Quay Street, stole our raffle prizes.")
    assert not _hits("Thanks to PC Jones, who caught the man who stole our minibus.")


@pytest.mark.parametrize(
    "text",
    [
        "The landlord of 12 Mill Lane beats his tenants.",
        "Our old caretaker has been fiddling the meter readings.",
        "Anyone else used Ace Removals? They overcharged us. He steals from every customer.",
        "Tim Ross at Ace Removals was sacked. Total fraudsters.",
        "Cllr Ann Lee (Ind) took a backhander from the developer.",
        "Please don't book with Sparkle Cleaning Co. They never turn up.",
        "Funny how Acme Homes always wins the council contract. Draw your own conclusions.",
        "Penny Hale took the raffle money home and never gave it back.",
    ],
)
def test_it_flags_descriptions_pronouns_warnings_and_hints(text: str) -> None:
    assert _hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our volunteer Jo was scammed by a fake caller; here is how to stay safe.",
        "Our minibus was stolen last night. If you see it, call 101.",
        "Is your landlord refusing to fix the damp? Our advisers can help.",
        "The café owner on Abbeygate Street kindly donated 40 cakes.",
        "Beware of scam texts claiming to be from Royal Mail.",
        "Funny how the sun always comes out for our fun day!",
    ],
)
def test_victims_advice_and_kind_words_about_a_described_person_pass(text: str) -> None:
    assert _hits(text) == []


def test_you_know_who_in_a_relative_clause_hints_at_nobody() -> None:
    assert _hits("Please share with any family you know who could use a warm coat.") == []
    assert _hits("Share this with anyone you know who needs it.") == []
    # "you know who to vote for" is a voting hint (the politics check's), not an insinuation
    assert _hits("Only one party promises paternity leave - you know who to vote for in May.") == []


def test_a_description_used_as_a_modifier_is_not_warned_off():
    assert _hits("Please don't use the school zigzags out front, even for a minute.") == []
    assert _hits("Please don't use the plumber on Mill Road, he overcharged our families.")


def test_the_reader_described_is_not_accused():
    text = "Never put the car in a parent's name when you're the main driver. That's called fronting, and it's fraud."
    assert _hits(text) == []


def test_a_capital_after_an_emoji_starts_a_sentence():
    assert _hits("Insurance tips for new drivers 🚗 Black box policies cost less. Fronting is fraud.") == []


def test_law_breaking_they_know_about_after_a_named_firm_accuses_it():
    text = "Hatton Recruitment told our client they 'don't take on criminals'. They are breaking equality law every day and they know it."
    assert _hits(text)
