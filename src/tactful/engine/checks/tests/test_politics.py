import pytest

from tactful.engine.checks.politics import PoliticsCheck, PoliticsParams, load_gazetteer
from tactful.engine.text import Document


def _hits(text: str, account: str = "official", **params: object) -> list[str]:
    check = PoliticsCheck(PoliticsParams.model_validate(params))
    return [text[h.start : h.end] for h in check.run(Document(text, account=account))]


@pytest.mark.parametrize(
    "text",
    [
        "Vote Labour on Thursday!",
        "Don't vote Tory.",
        "Make sure you vote for the Lib Dems on Thursday.",
        "#VoteGreen",
        "#V0teLab0ur",
        "V O T E R E F O R M",
        "The Tories have failed families.",
        "Reform are dangerous.",
        "The Green Party is the only party that cares about families.",
        "Back our brilliant candidate on 7 May!",
        "Keep the Tories out!",
        "#ToriesOut",
        "Farage is dangerous for families.",
        "Vote for Jane Smith on polling day!",
        "Sinn Féin have betrayed carers.",
        "Any heritage lover who votes Reform next May needs their head examining.",
        "Anyone who still votes Tory after this is mad.",
        "It was the Conservative-run council that went ahead with them - worth remembering in May.",
        "The Lib Dem group want to sell the hall. You know what to do at the ballot box.",
    ],
)
def test_it_flags_voting_calls_endorsements_and_attacks(text: str) -> None:
    assert _hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "The two-child benefit cap pushes families into poverty; we urge the government to scrap it.",
        "Register to vote by 20 April!",
        "Make sure you vote on Thursday, whoever you support.",
        "Vote for your favourite in our bake-off!",
        "Join our hustings with candidates from Labour, the Conservatives, the Lib Dems, Reform UK and the Greens.",
        "Our volunteers visited the labour ward.",
        "Baking for the fair was a labour of love.",
        "Meet us on the Greens at 2pm.",
        "Picnic on the village green, everyone welcome!",
        "Thank you to Keir Starmer for visiting our centre today.",
        "Thanks to Sarah Green for the raffle prizes.",
        "Welfare Reform has failed families for a decade.",
        "Conservative estimates suggest 200 families were helped.",
        "Labour said the cap had failed families.",
        "Vote for Sarah in our Volunteer of the Year awards!",
        "The bluebells are worth remembering in May. Walk with us!",
        "You know what to do: share this post!",
    ],
)
def test_it_passes_policy_comment_neutral_voting_and_everyday_words(text: str) -> None:
    assert _hits(text) == []


def test_the_hit_names_the_party_and_points_at_the_call() -> None:
    check = PoliticsCheck(PoliticsParams())
    (hit,) = check.run(Document("Please vote Labour."))
    assert "Labour" in (hit.message or "")
    assert "Please vote Labour."[hit.start : hit.end] == "vote Labour"


def test_personal_variant_needs_a_link_to_the_organisation() -> None:
    assert _hits("Vote Labour!", account="personal", requires_org_link=True) == []
    assert _hits(
        "As a trustee of our charity: vote Labour!", account="personal", requires_org_link=True
    )


def test_an_organisation_name_can_be_added_as_a_link() -> None:
    params = {"requires_org_link": True, "org_link_phrases": ["milestone society"]}
    assert _hits("Milestone Society members, vote Green!", **params)
    assert _hits("Friends, vote Green!", **params) == []


def test_switching_off_attacks_keeps_voting_calls() -> None:
    assert _hits("The Tories have failed families.", attack=False) == []
    assert _hits("Vote Tory!", attack=False)


def test_the_gazetteer_loads_parties_and_people() -> None:
    gaz = load_gazetteer()
    assert gaz.label["lib dems"] == "Liberal Democrats"
    assert gaz.label["starmer"] == "Keir Starmer"
    assert "labour" in gaz.ambiguous and "tories" not in gaz.ambiguous


@pytest.mark.parametrize(
    "text", ["", "   ", "😀" * 300, "\u202eمرحبا Vote Labour", "\x00\x07", "Vote Labour! " * 7000]
)
def test_it_never_crashes_on_odd_text(text: str) -> None:
    assert len(_hits(text)) <= 200


def test_a_vote_call_by_pronoun_counts_only_when_a_party_is_named() -> None:
    assert _hits("The Tories have ignored carers for years. Don't give them your vote.")
    assert not _hits("Jo is up for Volunteer of the Year. Give her your vote!")


def test_getting_behind_a_party_candidate_is_an_endorsement() -> None:
    assert _hits("Please get behind the Green candidate in Westgate ward.")
    assert not _hits("Reform is behind Labour in the latest polls, the BBC reports.")


@pytest.mark.parametrize(
    "text",
    [
        "Five more years of the Tories? Our families can't afford it. Think about that before you vote.",
        "The Lib Dems are the only ones who listen to carers. Remember that on 7 May.",
        "Anyone but the Conservatives this time.",
        "Make sure the Tories lose in Suffolk Coastal.",
        "Please sign up to help the Labour campaign this weekend.",
        "Don't vote for Cllr Hayes, he doesn't deserve it.",
        "Ruth Adeyemi for Mayor!",
        "#NotReform",
    ],
)
def test_it_flags_election_framing_and_campaign_calls(text: str) -> None:
    assert _hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "Polling stations open at 7am tomorrow. Whoever you vote for, make your voice heard!",
        "Both the Labour and Conservative candidates came to our hustings. Thanks for your questions!",
        "Labour's new childcare policy starts in April; here's what it means for your family.",
        "Vote for your favourite photo in our calendar competition!",
        "Our CEO met the Conservative MP for Suffolk Coastal to talk about respite care.",
    ],
)
def test_neutral_election_talk_passes(text: str) -> None:
    assert _hits(text) == []


def test_the_policy_organisation_name_links_without_its_legal_suffix() -> None:
    check = PoliticsCheck(PoliticsParams(requires_org_link=True))
    text = "New Baby Network volunteer here and a Green Party member. Vote Green!"
    doc = Document(text, account="personal", organisation="New Baby Network CIC")
    assert [text[h.start : h.end] for h in check.run(doc)] == ["Vote Green"]
    other = Document(text, account="personal", organisation="Clean Slate Training")
    assert list(check.run(other)) == []


def test_a_party_pointed_at_by_what_it_did_before_a_vote() -> None:
    assert _hits("Elections in May: just remember which party scrapped the library budget.")
    assert _hits("With an election coming, it's worth remembering who closed the children's centres.")
    assert _hits("The council elections are on Thursday. Vote accordingly.")
    # the same words with no vote in sight, or about polling-day practicalities
    assert _hits("Remember who helped at the fun day? Thank you all!") == []
    assert _hits("The election is on Thursday. Remember to take photo ID when you vote.") == []


def test_a_nudge_timed_for_polling_day_counts_when_a_candidate_or_party_is_in_the_post():
    nudge = "Only one of the four candidates answered our questionnaire. Worth bearing in mind next Thursday."
    assert _hits(nudge)
    assert _hits("One candidate left our group after eight minutes. Just saying, before Thursday.")
    # the same words about something else, or at a hustings, pass
    assert not _hits("Our AGM is next Thursday. Worth bearing in mind next Thursday: bring a brolly.")
    assert not _hits("All the candidates are coming to our hustings. Worth bearing in mind next Thursday!")


def test_asking_yourselves_which_party_points_at_one():
    assert _hits("With the county elections a fortnight off, worth asking yourselves which party saved the museum.")


def test_nudges_and_own_candidacy() -> None:
    one_party = "One candidate promised to save the centres and the Conservatives said nothing. Worth thinking about before you vote."
    assert _hits(one_party) == ["Worth thinking about before you vote"]
    balanced = "Labour and the Conservatives both replied to our survey. Worth thinking about before you vote."
    assert _hits(balanced) == []
    assert _hits("Election day! Whoever you vote for, just make sure it isn't the party that closed the library.")
    assert _hits("After the hustings, members in Eastgate will know who deserves their support on the 14th.")
    assert _hits("Proud to be standing as the Green Party candidate for Eastgate!")
    assert _hits("Our speaker is standing down as chair after ten years.") == []
    assert _hits("Families cannot afford four more years of this government. Vote on 7 May.")
    assert _hits("When you vote, choose the party that will fund family support.")
    assert _hits("Choose the party game you'd like to play at the Christmas social.") == []
    assert _hits("Local elections are on 7 May. A party that cut legal aid calls it tough love. Just saying. 🌹")
    assert _hits("County council elections soon: you know which box not to tick 🔵❌")
    assert _hits("Our quiz team came last again. Just saying.") == []
    assert _hits("Polling day! One party wants to scrap it. We know whose side we're on 🟥 #Vote")
    assert _hits("Thinking about Thursday? Only one party's manifesto even mentions home visiting 👀 #UseYourVote")
    assert _hits("Polls close at 10pm. Remember who actually turned up to our clearing day: the yellow team 🟨")
    assert _hits("Thanks to the local Labour party for helping. Good to see a party that actually shows up!")
    assert _hits("Remember who actually turned up to the litter pick: our brilliant volunteers!") == []
    assert _hits("Proud to sit on the committee and to be the Conservative candidate for Northgate!")
