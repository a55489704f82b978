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
