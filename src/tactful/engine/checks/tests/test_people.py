from typing import Any

from tactful.engine.checks.people import PeopleCheck, PeopleParams
from tactful.engine.model import Context
from tactful.engine.text import Document


def messages(mode: str, text: str, **context: Any) -> list[str]:
    check = PeopleCheck(PeopleParams(mode=mode))  # type: ignore[arg-type]
    doc = Document(text, context=Context.model_validate(context))
    return [h.message or "" for h in check.run(doc)]


def test_it_names_the_person_without_consent():
    assert messages("consent", "Thanks to Jane Smith!") == ["No consent recorded for Jane Smith"]


def test_a_full_name_consent_covers_the_first_name():
    consents = [{"person": "Jane Smith", "scope": "name"}]
    assert messages("consent", "Thanks to Jane for baking!", consents=consents) == []


def test_a_consent_for_someone_else_does_not_count():
    consents = [{"person": "Jane Smith"}]
    assert messages("consent", "Thanks to Priya for baking!", consents=consents)


def test_an_expired_consent_does_not_count():
    consents = [{"person": "Jane Smith", "expires": "2025-01-01"}]
    assert messages("consent", "Thanks, Jane Smith!", today="2026-11-21", consents=consents)


def test_a_consent_in_words_counts():
    assert messages("consent", "Thanks to Jane Smith!", consents=["Jane Smith, photo"]) == []


def test_public_figures_need_no_consent():
    assert messages("consent", "Great to see Keir Starmer and Cllr Dunn.") == []


def test_a_named_child_needs_parental_consent():
    assert messages("child_consent", "Alfie, 7, raised £200!") == [
        "No parent's or guardian's consent recorded for Alfie"
    ]


def test_a_mothers_consent_in_words_covers_the_child():
    consents = ["Alfie's mother gave written parental consent"]
    assert messages("child_consent", "Alfie, 7, raised £200!", consents=consents) == []


def test_a_non_parental_consent_does_not_cover_a_child():
    consents = [{"person": "Alfie Brown", "parental": False}]
    assert messages("child_consent", "Alfie, 7, raised £200!", consents=consents)


def test_an_adult_is_not_a_child_consent_matter():
    assert messages("child_consent", "Jane Smith, 42, ran the marathon.") == []


def test_anonymous_mentions_pass():
    assert messages("child_consent", "A mum told us one of our children loved it.") == []
    assert messages("consent", "A mum told us one of our children loved it.") == []


def test_a_photo_of_children_needs_parental_consent():
    media = [{"kind": "image", "shows_children": True}]
    assert messages("child_consent", "Photos from the party!", media=media)
    consents = [{"person": "All children in the photos", "parental": True}]
    assert messages("child_consent", "Photos from the party!", media=media, consents=consents) == []


def test_a_public_role_before_or_after_the_name_needs_no_consent():
    assert messages("consent", "Our patron, the broadcaster Nick Hollis, visited.") == []
    assert messages("consent", "Nick Hollis, our patron, visited today.") == []
    assert messages("consent", "Our volunteer Nick Hollis visited today.")


def test_a_figure_of_the_past_needs_no_consent_but_a_present_one_does():
    past = "Thomas Telford surveyed this road in 1820."
    assert messages("consent", past, today="2026-11-21") == []
    assert messages("consent", "The 18th-century surveyor John Ogilby mapped it.") == []
    # A long-past year in a sentence about now, or a birth year of someone alive.
    assert messages("consent", "Peter Hall restored the 1820 milestone last week.")
    assert messages("consent", "Happy birthday to Edith Cole, born in 1925!", today="2026-11-21")


def test_a_life_placed_long_ago_needs_no_consent_even_beside_this_weeks_news():
    text = (
        "Our plaque to the suffragist Lydia Marchbank will be unveiled on Saturday outside "
        "her old house, where she lived from 1899 to 1921."
    )
    assert messages("consent", text, today="2026-11-22") == []
    # a living person in the same kind of sentence still needs one
    recent = "Our plaque for Lydia Marchbank will be unveiled on Saturday; she lived here from 1999."
    assert messages("consent", recent, today="2026-11-22")


def test_an_age_in_words_or_in_days_makes_a_child():
    assert messages("child_consent", "Well done to nine-year-old Alfie Tranter for spotting it!")
    assert messages("child_consent", "Welcome to the world, Nell Fairbairn, 8 days old!")
    assert messages("child_consent", "Thanks to forty-year-old Alan Tranter for the lift!") == []


def test_a_title_and_a_surname_pick_someone_out():
    assert messages("consent", "Mrs Patel from the Felixstowe group knitted forty hats.") == [
        "No consent recorded for Patel"
    ]


def test_characters_known_by_a_title_are_not_volunteers():
    for text in ("One rather tall Mr Tumble on the dressing-up list.", "Mr Darcy has met his match."):
        assert not any(m.startswith("No consent") for m in messages("consent", text)), text


def test_the_maker_of_a_published_work_needs_no_consent():
    for text in (
        "Favourite book this term: Judith Kerr's 'The Tiger Who Came to Tea'.",
        "Story time was 'The Snail and the Whale' by Julia Donaldson.",
        "Rainy afternoon, a new Hollie Banks novel and a pot of tea.",
        "As Rosa Parks once said, you must never be fearful about what you are doing when it is right.",
    ):
        assert messages("consent", text) == [], text
    # a testimonial is a private person speaking, and a private designer is private
    assert messages("consent", "Kind words from Jane Hollis: 'The group saved me.'")
    assert messages("consent", "The poster was designed by Jane Hollis.")


def test_elected_members_monarchs_and_storms_are_not_private_people():
    assert messages("consent", "Thank you to Tom Arkwright MP for asking about the stones.") == []
    assert messages("consent", "A talk on Wolsey, Henry VIII's right-hand man.") == []
    assert messages("consent", "Now that Storm Ciarán has been named, the survey is off.") == []


def test_an_adults_deed_eighty_five_years_ago_is_history_but_a_birth_is_not():
    assert messages("consent", "Peter Hollis uncovered the great ship in 1939.", today="2026-11-22") == []
    assert messages(
        "consent", "Peter Hollis was born in 1939 and still walks to the club.", today="2026-11-22"
    )
    # a sentence about now keeps the person current
    assert messages("consent", "Our volunteer Peter Hollis restored the 1939 sign this week.")


def test_a_child_word_must_stand_by_the_name():
    assert messages("child_consent", "Thank you to Kessingland WI for the cardigans for our newborn packs!") == []
    assert messages("child_consent", "Our toddler Ava Hollis loved the sensory session.")
    assert messages("child_consent", "Happy first birthday to Theo Kerridge!")
    assert messages("child_consent", "Happy 40th birthday to Jane Hollis!") == []


def test_the_organisations_officers_named_in_their_role_need_no_consent():
    assert messages("consent", "Our CEO, Andrew Kaye, joined a panel on fair recruitment.") == []
    assert messages("consent", "Owen Tarrant, our Web Administrator, rebuilt the map pages.") == []
    assert messages("consent", "Our volunteer Owen Tarrant rebuilt the map pages.")
    # before the role, and several under a plural role (trustees count as officers)
    assert messages("consent", "We're delighted that Dr Helen Askew is the Society's new President.") == []
    assert messages("consent", "Dr Helen Askew is a regular at our walks.")
    text = "Our trustees, Amy Kwan, Bob Hill and Sophie Barraclough, will be at the fair."
    assert messages("consent", text) == []
    assert messages("consent", "Our directors, Amy Kwan and Sophie Barraclough, say hello.") == []
    assert len(messages("consent", "Our volunteers, Amy Kwan and Sophie Barraclough, say hello.")) == 2
    assert len(messages("consent", "Our trustees thanked Bob Hill and Sophie Barraclough.")) == 2


def test_a_consent_in_words_ends_on_the_date_it_gives():
    words = ["Farid Sultani, name and photo, until 30 September 2026"]
    text = "Farid Sultani talks about why he signed up."
    assert messages("consent", text, today="2026-11-21", consents=words)
    assert messages("consent", text, today="2026-08-01", consents=words) == []


def test_a_short_form_of_a_first_name_is_the_same_person():
    consents = [{"person": "Katherine Hollis", "scope": "name"}]
    assert messages("consent", "Thanks to Kate Hollis for the cakes!", consents=consents) == []
    assert messages("consent", "Thanks to Kate Mills for the cakes!", consents=consents)


def test_a_consent_in_words_that_names_no_use_covers_a_picture():
    media = [{"kind": "image", "alt_text": "Volunteers at the stall", "shows_people": True}]
    text = "What a turnout at the stall!"
    assert messages("consent", text, media=media, consents=["Signed forms from everyone at the stall"]) == []
    assert messages("consent", text, media=media, consents=["Everyone is happy to be named"])


def test_a_speaker_named_with_their_book_needs_no_consent():
    text = "Thanks to our speaker Rita Gough, whose book 'Picture Palaces' is in the library."
    assert messages("consent", text) == []
    assert messages("consent", "Thanks to our speaker Rita Gough, whose talk was a joy.")


def test_an_anniversary_of_a_long_past_deed_is_history():
    text = "150 years ago this week, Alderman Silas Wetherby opened the reading room."
    assert messages("consent", text, today="2026-11-21") == []
    assert messages("consent", "Ten years ago this week, Silas Wetherby opened our shop.")
    # a birth needs the longer margin
    assert messages("consent", "Silas Wetherby was born 90 years ago today.", today="2026-11-21")



def test_the_person_a_firm_is_named_after_is_named_as_the_firm():
    text = "Thanks to Mehta & Sons Grocers for the veg (sorry, Mr Mehta, they are always good)."
    assert messages("consent", text) == []
    assert messages("consent", "Thanks to Mr Mehta from the Felixstowe group for the veg.")
    assert messages("consent", "Thank you to Bramwell Timber & Joinery for the new boxes!") == []


def test_a_patron_named_with_a_title_is_in_a_public_role():
    text = "The historian and broadcaster Dr Helen Carraway has agreed to become the Society's first patron!"
    assert messages("consent", text) == []
    assert messages("consent", "Dr Helen Carraway came to our coffee morning today.")


def test_little_and_a_first_name_with_an_age_is_a_child_not_a_village():
    assert messages("child_consent", "Little Alfie, 3, took his first steps at group this week!")
    assert messages("consent", "We walked from Little Chalfont to Amersham.") == []


def test_a_photographer_in_a_credit_line_is_named_for_their_work():
    assert messages("consent", "Gorgeous shot from our picnic. Photo: Ellie Thornton, who gave her time.") == []
    assert messages("consent", "Lovely photo by Ellie Thornton from Saturday.") == []
    assert messages("consent", "We took a photo of Ellie Thornton with her award.")


def test_a_first_name_and_an_initial_is_only_advice():
    [message] = messages("consent", "Photo kindly shared by Lucy F. - thank you!")
    assert message.startswith("Check that")


def test_makers_of_poems_and_doctors_who_wrote_books_need_no_consent():
    assert messages("consent", "Book club pick: 'The Fourth Trimester' by Dr Kezia Bland.") == []
    assert messages("consent", "For Mothering Sunday, Rosa Delane's poem 'For My Mother'.") == []


def test_each_person_the_media_names_needs_a_picture_consent():
    media = [{"kind": "image", "alt_text": "Two trustees", "shows_people": True,
              "depicts": "Helen Okafor and Martin Royce in the hall"}]  # fmt: skip
    both = [{"person": "Helen Okafor", "scope": "photo"}, {"person": "Martin Royce", "scope": "photo"}]
    one = [{"person": "Helen Okafor", "scope": "photo"}, {"person": "Martin Royce", "scope": "name"}]
    assert messages("consent", "Welcome to our new trustees!", media=media, consents=both) == []
    [message] = messages("consent", "Welcome to our new trustees!", media=media, consents=one)
    assert "Martin Royce" in message


def test_an_adult_named_in_a_picture_with_a_child_needs_her_own_picture_consent():
    media = [{"kind": "image", "alt_text": "A woman holding a baby", "shows_people": True,
              "shows_children": True, "depicts": "Tamsin Greaves and her baby daughter"}]  # fmt: skip
    name_only = [{"person": "Tamsin Greaves", "scope": "name"}]
    photo = [{"person": "Tamsin Greaves", "scope": "photo"}]
    text = "Welcome back to our peer supporter Tamsin Greaves!"
    [message] = messages("consent", text, media=media, consents=name_only)
    assert "Tamsin Greaves" in message
    assert messages("consent", text, media=media, consents=photo) == []


def test_a_parents_consent_in_words_for_a_child_does_not_cover_the_parents_picture():
    media = [{"kind": "image", "alt_text": "A man and a girl", "shows_people": True,
              "shows_children": True, "depicts": "Marcus Doyle and his daughter"}]  # fmt: skip
    for_child = [{"person": "Marcus Doyle", "scope": "name"},
                 "Marcus Doyle gave parental photo consent for his daughter"]  # fmt: skip
    text = "So proud of you, Marcus Doyle!"
    [message] = messages("consent", text, media=media, consents=for_child)
    assert "Marcus Doyle" in message
    own = [*for_child, {"person": "Marcus Doyle", "scope": "photo"}]
    assert messages("consent", text, media=media, consents=own) == []


def test_officers_named_in_their_role_need_no_consent_but_their_health_news_does():
    assert messages("consent", "Our Chair of Trustees is Margaret Osei and our Treasurer is Phil Jennings.") == []
    assert messages("consent", "Congratulations to our long-serving treasurer, Bob Ashworth, on his retirement.") == []
    assert messages("consent", "Get well soon to our long-serving treasurer Geoffrey Pallister after his operation.")
    assert messages("consent", "Junior Recorder badges were handed out at the AGM.") == []


def test_a_presenter_named_by_her_station_and_a_show_title_need_no_consent():
    assert messages("consent", "Thanks to Tees FM's Lou Garside for having us on her show.") == []
    assert messages("consent", "Thanks to the Gazette's Amy Walsh for the lovely write-up.") == []
    assert messages("consent", "Tickets for our youth theatre's summer show, Bugsy Malone, are on sale!") == []
    assert messages("consent", "Thanks to Lou Garside for the lift.") == ["No consent recorded for Lou Garside"]


def test_a_titled_officer_and_the_officer_handed_over_from_need_no_consent():
    text = "Welcome to our new Chair of Trustees, Dr Helen Ross, who takes over from Graham Tully next month."
    assert messages("consent", text) == []
    # a handover that names no officer's role is about anyone
    assert "No consent recorded for Jo Bell" in messages(
        "consent", "Sam takes over from Jo Bell as our lunch club cook."
    )


def test_people_named_in_a_sentence_announcing_new_trustees_or_a_new_chief_executive_need_no_consent():
    board = (
        "We welcome three new trustees to the board: Sunil Rao, an accountant from Ipswich;"
        " Harriet Copeland-Ng, who runs a children's centre; and the Revd Grace Obi."
    )
    assert messages("consent", board) == []
    assert messages("consent", "Samira Haddad-Jones will become our new Chief Executive in May.") == []
    assert messages("consent", "We're pleased to welcome Helena Brightwater to the board as a trustee.") == []
    # welcoming someone is not appointing them to an office
    assert messages("consent", "Our chair welcomed Jane Smith, who told us her story.") == [
        "No consent recorded for Jane Smith"
    ]
    # a public figure named in the role the post gives them
    assert messages("consent", "The broadcaster and cook Andy Mensah is our new patron!") == []


def test_a_name_credited_once_is_a_maker_everywhere_and_an_appointed_officer_needs_no_consent():
    credit = "A frosty milepost, taken by member Rhian Carys last winter. Photo: Rhian Carys"
    assert messages("consent", credit) == []
    appointed = "Grace Adeyemi has been appointed as our new Chair of Trustees."
    assert messages("consent", appointed) == []
    assert messages("consent", "Grace Adeyemi has been appointed to the cake rota.") == [
        "No consent recorded for Grace Adeyemi"
    ]


def test_a_host_who_showed_us_an_old_object_is_alive_not_history():
    assert messages(
        "consent",
        "We were welcomed at the farm by Mrs Hilary Stannard, who showed us the 18th-century guide stoop.",
    )
    assert messages("consent", "The 18th-century surveyor John Cary mapped the turnpike.") == []


def test_a_named_honours_recipient_is_public():
    assert messages("consent", "Congratulations to Sheila Marr MBE, honoured for services to heritage!") == []


def test_an_incoming_officer_and_a_new_patron_are_named_in_their_role():
    assert messages("consent", "Welcome to Tom Achebe, who becomes Harbourside Carers' Chief Executive in January.") == []
    assert messages("consent", "We welcome the broadcaster Helen Marlow as the Society's new patron.") == []


def test_someone_voted_for_is_a_candidate_only_in_an_election():
    assert messages("consent", "That's why I'm voting for Helena Marsh on 7 May.") == []
    assert messages("consent", "Members voted for Helena Marsh as Volunteer of the Year!")


def test_a_picture_of_the_author_alone_needs_no_consent_but_one_with_others_does():
    selfie = {"kind": "image", "depicts": "selfie of the author in a fleece with a rosette", "shows_people": True}
    assert messages("consent", "Long day on the stall!", media=[selfie]) == []
    with_friend = dict(selfie, depicts="selfie of the author with two friends at the stall")
    assert messages("consent", "Long day on the stall!", media=[with_friend])
    crowd = dict(selfie, depicts="the volunteers at the stall")
    assert messages("consent", "Long day on the stall!", media=[crowd])


def test_a_candidate_named_by_their_party_or_among_the_candidates_is_public():
    assert messages("consent", "The only reply came from the Green Party's Tom Ridley.") == []
    assert messages("consent", "Of the four candidates, only Priya Nandy had read our report.") == []
    assert messages("consent", "Of the four volunteers, only Priya Nandy had read our report.")


def test_a_patron_introduced_with_several_descriptions_is_public():
    text = "Meet our new patron, broadcaster and disability campaigner Marcus Lyle!"
    assert [m for m in messages("consent", text) if "Marcus Lyle" in m] == []


def test_the_person_a_firm_is_named_after_is_named_as_the_business():
    for firm in ("Tranter's Pharmacy", "Tranter Pharmacy", "Tranter & Sons"):
        text = f"Thank you to Sophie Tranter from {firm} for the nappies!"
        assert [m for m in messages("consent", text) if m.startswith("No consent")] == [], firm
    assert messages("consent", "Thank you to Sophie Tranter from the Green Street Pharmacy!")
    # a volunteer who also runs a firm named later in the post is still named as herself
    later = "Well done to Philippa Graves, our volunteer of the year! She also runs Graves Interiors."
    assert "No consent recorded for Philippa Graves" in messages("consent", later)


def test_a_peer_supporter_is_not_a_peer_of_the_realm():
    assert messages("consent", "Farewell to peer supporter Gemma Lowe after six years!") == [
        "No consent recorded for Gemma Lowe"
    ]
    assert messages("consent", "We have a famous new patron… Tom Lissaman is on board!") == []


def test_a_candidate_people_are_asked_to_vote_for_is_public():
    assert messages("consent", "On 3 December, vote for Jan Whitfield.") == []
    assert messages("consent", "Our membership secretary is Brian Fellowes.") == []
