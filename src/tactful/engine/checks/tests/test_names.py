from tactful.engine.names import find_people


def names(text: str) -> list[str]:
    return [p.name for p in find_people(text)]


def test_it_finds_a_known_first_name_and_surname():
    assert names("A big thank you to Margaret Ellis for the cakes.") == ["Margaret Ellis"]


def test_it_ignores_a_sentence_with_no_names():
    assert names("Our coffee morning raised £340 for local families.") == []


def test_it_reads_will_and_may_at_sentence_start_as_words():
    assert names("Will you join us in May? Hope to see you there!") == []


def test_it_reads_will_with_a_surname_as_a_person():
    assert names("Will Smith came to the fun day.") == ["Will Smith"]


def test_it_finds_an_ambiguous_name_after_a_cue():
    assert names("Thanks to our volunteer Grace for the cakes.") == ["Grace"]


def test_it_skips_organisations_and_streets():
    assert names("Thanks to St Mary's Primary School and Home-Start Suffolk.") == []
    assert names("The Hope Street Community Centre is open.") == []


def test_it_skips_handles_and_hashtags():
    assert names("Follow @JaneSmith and #SarahsStory for updates.") == []


def test_it_finds_an_unknown_name_after_a_title_or_cue():
    assert names("Dr Okafor opened the fair.") == ["Okafor"]
    assert names("Thanks Zofia Nowak for everything.") == ["Zofia Nowak"]


def test_it_marks_public_figures():
    people = find_people("Lovely to see Cllr Jane Dunn and Keir Starmer at the fair.")
    assert [(p.name, p.public) for p in people] == [("Jane Dunn", True), ("Keir Starmer", True)]


def test_it_does_not_mark_a_private_person_public():
    (person,) = find_people("Lovely to see Jane Dunn at the fair.")
    assert not person.public


def test_it_reads_an_age_after_a_name_as_a_child():
    (person,) = find_people("Alfie, 7, raised £200 for us.")
    assert (person.age, person.child) == (7, True)


def test_it_reads_an_age_before_a_name():
    (person,) = find_people("Our 5-year-old Sam loved it.")
    assert (person.name, person.age, person.child) == ("Sam", 5, True)


def test_it_reads_a_school_year_as_a_child_but_not_a_teacher():
    (pupil,) = find_people("Well done to Priya Sharma from Year 3 at St Mary's.")
    assert pupil.child
    (teacher,) = find_people("Thanks to Mrs Patel, a Year 3 teacher, for the visit.")
    assert not teacher.child


def test_an_adult_age_is_not_a_child():
    (person,) = find_people("Jane Smith, 42, ran the marathon.")
    assert (person.age, person.child) == (42, False)


def test_it_does_not_crash_on_odd_input():
    for text in ["", "x" * 100_000, "😀 Ünïcödé \u202e مرحبا \x00\x07", "A" * 5000, "Mr " * 1000]:
        find_people(text)


def test_the_tagger_finds_a_name_no_list_holds_after_a_cue():
    assert names("Thanks to our volunteer Zbigniew Wróblewski for the lifts.") == [
        "Zbigniew Wróblewski"
    ]


def test_it_finds_names_from_the_wider_lists():
    assert names("Lovely to see Maartje Kaasik at the carers' café.") == ["Maartje Kaasik"]


def test_parties_places_and_sentence_words_are_not_people():
    assert names("Only Labour will fix maternity services.") == []
    assert names("Reform UK's candidate spoke at the hustings.") == []
    assert names("We're sorry that our Lowestoft office will close. Enjoy!") == []


def test_a_street_named_after_someone_is_not_a_person():
    assert names("Send it to 1200 Jackson Ridge, Springfield.") == []


def test_a_firm_named_after_a_place_is_not_a_person():
    assert names("Huge thanks to Teesside Tiles for sponsoring our walk!") == []


def test_a_place_and_a_compass_point_is_a_constituency():
    assert names("Our candidate for Leeds North spoke at the hustings.") == []
    assert names("Thanks to Jane North for the cakes.") == ["Jane North"]


def test_a_firm_of_surnames_is_not_people_but_a_list_of_first_names_is():
    assert names("The firm Hughes, Patel and Moss won the case.") == []
    assert names("Dawson and Sons have fixed the roof.") == []
    assert names("Thanks to Sue, Tom and Priya for the cakes.") == ["Sue", "Tom", "Priya"]


def test_an_unlisted_name_the_sentence_shows_is_a_person_but_a_place_is_not():
    assert names("Have you met Okonkwo?") == ["Okonkwo"]
    assert names("Thanks for coming, Okonkwo!") == ["Okonkwo"]
    assert names("Thanks for coming, Ipswich!") == []
    assert names("We walked all the way to Dunmore.") == []


def test_a_speakers_name_starts_a_line_but_a_heading_does_not():
    assert names("Okonkwo: see you at six.") == ["Okonkwo"]
    assert names("Update: see you at six.") == []


def test_a_name_inside_an_address_names_the_street():
    assert names("Deliver to USS Jackson\nFPO AE 12345") == []


def test_the_shipped_tagger_knows_what_a_name_looks_like():
    from tactful.engine.models.names import tagger
    from tactful.engine.names import tagger_lexicon

    model = tagger.load(tagger_lexicon)
    assert model is not None and model.featuriser.likeness is not None
    score = model.featuriser.likeness.score
    assert score("okonkwo") > 0.5 > score("kitchen")
    assert score("wroblewski") > score("lowestoft")


def test_the_tagger_saves_its_name_likeness_with_its_weights(tmp_path):
    import numpy as np

    from tactful.engine.models.names import tagger

    likeness = tagger.NameLikeness(np.ones(tagger.NGRAM_BUCKETS, dtype=np.float32), -1.0)
    weights = np.zeros((tagger.BUCKETS, len(tagger.TAGS)), dtype=np.float32)
    weights[5] = (0.5, -0.5, 0.25)
    path = tmp_path / "weights.npz"
    tagger.save(path, weights, np.zeros(3, dtype=np.float32), likeness)
    data = np.load(path)
    assert list(data["rows"]) == [5]
    assert data["likeness"].shape == (tagger.NGRAM_BUCKETS,)
    assert float(data["likeness_bias"][0]) == -1.0


def test_a_party_nickname_is_no_person():
    assert find_people("Anyone who still votes Tory after this is mad.") == []
    assert find_people("The Tories promised a new bypass.") == []


def test_ages_said_as_a_birthday_or_with_just_are_found():
    [tia] = find_people("Birthday shout-out to Tia, who turns 8 today!")
    assert tia.child and tia.age == 8
    [leo] = find_people("Welcome to the world Leo Barnes, just 3 weeks old!")
    assert leo.child
    [jane] = find_people("Happy birthday to Jane Hollis, who turns 40 today!")
    assert not jane.child
