"""Names the sentence vouches for: a name said again, a list of names, a maker of a work,
names in a post written in lower case; and the things near them that are not people."""

from tactful.engine.names import find_people


def names(text: str) -> list[str]:
    return [p.name for p in find_people(text)]


def test_it_finds_a_surname_said_again_after_the_full_name():
    assert names("Thanks to Zofia Nowak for the photos. Nowak also ran the stall.") == [
        "Zofia Nowak",
        "Nowak",
    ]


def test_it_does_not_repeat_a_name_that_is_also_a_word():
    assert names("Will Smith came to the fun day. Will you come next year?") == ["Will Smith"]


def test_a_public_figure_said_again_stays_public():
    people = find_people("Lovely to see Keir Starmer at the fair. Starmer said it was great.")
    assert [(p.name, p.public) for p in people] == [("Keir Starmer", True), ("Starmer", True)]


def test_it_reads_the_rest_of_a_list_of_names_as_people():
    assert names("They had four children: Gaetane, Hannah, Anthony and Derek.") == [
        "Gaetane",
        "Hannah",
        "Anthony",
        "Derek",
    ]


def test_it_leaves_a_list_of_organisations_or_towns_alone():
    assert names("Our partners: Oxfam, Tesco and Age UK.") == []
    assert names("Visit Leeds, York and Bath this summer.") == []


def test_surnames_brought_in_by_a_word_for_people_are_not_a_firm():
    assert names("Our three founders: Morrison, Rogers and Torres.") == [
        "Morrison",
        "Rogers",
        "Torres",
    ]
    assert names("Hughes, Patel and Moss is a law firm in Leeds.") == []


def test_a_name_before_a_work_is_its_maker_even_after_the():
    assert names("Unlike the Jensen novel, the film is short.") == ["Jensen"]
    assert names("We planted this Sarah Ryder rose in the garden.") == []


def test_the_princess_royal_is_a_title():
    assert names("The Princess Royal opened the new hospice wing.") == []


def test_that_before_a_name_and_a_verb_joins_a_clause():
    assert names("It may be that Kaczmarek was right, said Bonifacy Kaczmarek.") == [
        "Kaczmarek",
        "Bonifacy Kaczmarek",
    ]
    assert names("I love that Hope Street cafe.") == []


def test_a_name_after_says_keeps_no_full_stop():
    assert names('"Good," says Izumi.') == ["Izumi"]


def test_a_name_on_a_line_above_a_firm_is_a_person():
    assert names("Selina Eldarkhanov\nSmith Ltd.\n30102 Kaevu 94") == ["Selina Eldarkhanov"]


def test_it_finds_full_names_and_lists_written_in_lower_case():
    assert names("follow up with patricia desrosiers next week") == ["patricia desrosiers"]
    assert names("they had three: silvana, adam and caleb") == ["silvana", "adam", "caleb"]
    assert names("my name is vitoria") == ["vitoria"]
    assert names("mr. elliott flew home on friday") == ["elliott"]


def test_it_leaves_lower_case_posts_without_names_alone():
    assert names("we need bread, milk, eggs and jam") == []
    assert names("my name is not important") == []
    assert names("see you at the town hall on monday") == []


def test_a_baby_or_little_one_named_is_a_child() -> None:
    (oliver,) = find_people("Welcome to baby Oliver, born last Tuesday!")
    assert oliver.child
    people = find_people("Congratulations to Sam on the arrival of little Oliver.")
    assert [p.child for p in people] == [False, True]
    assert not any(p.child for p in find_people("Thanks to Tiny Tim Jones for the music."))


def test_places_and_events_written_like_names_are_not_people():
    assert names("Our open weekend at Ashby Folville toll house is on 13 December!") == []
    assert names("A dads' walk and talk round Needham Lake on Sunday at 10am.") == []
    assert names("Volunteers in full swing at the Heritage Open Day book sale.") == []
    assert names("Harold Hill library hosts our rhyme time on Mondays.") == []
    assert names("Tea and cake at the Rose Lane community centre from 2pm.") == []
    assert names("The walk follows the turnpike from Ashby Cross to Felstead Mill.") == []
    assert names("Restoring the stones between Ashby Cross and Felstead Mill.") == []
    assert names("A card from Sarah Cross to Tom Hill arrived.") == ["Sarah Cross", "Tom Hill"]
    # people whose surnames are place or event words stay people
    assert names("Thanks to Doris Day and Jane Hill for the cakes!") == ["Doris Day", "Jane Hill"]
    assert names("Thanks to Jordan Lake for the cakes.") == ["Jordan Lake"]
