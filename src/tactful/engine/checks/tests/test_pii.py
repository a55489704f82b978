import pytest

from tactful.engine.checks.pii import PiiCheck, PiiParams, find_pii, iban_ok, nhs_number_ok
from tactful.engine.model import Context
from tactful.engine.text import Document


def flagged(text: str, *entities: str) -> list[str]:
    check = PiiCheck(PiiParams(entities=list(entities)))
    return [text[h.start : h.end] for h in check.run(Document(text, context=Context()))]


def test_it_flags_a_drama_range_mobile_given_for_a_person():
    assert flagged("Ring Sue on 07700 900123 for details.", "phone") == ["07700 900123"]


def test_a_role_holders_own_mobile_is_personal_but_the_role_with_no_name_is_not():
    assert flagged("Ring our treasurer Pat on 07700 900412 for raffle tickets.", "phone")
    assert flagged("Ring our treasurer Pat Hughes on 07700 900412.", "phone")
    assert not flagged("Ring our Membership Secretary on 07700 900412.", "phone")


def test_the_charitys_own_account_for_donations_is_not_personal_data():
    own = "Account name: The Milestone Society, sort code 40-11-62, account 21739045."
    assert flagged(own, "bank_details") == []
    assert flagged("Pay Sue back: sort code 40-11-62, account 21739045.", "bank_details")


def test_it_passes_the_office_number():
    assert flagged("Call our office on 01632 960000 for a leaflet.", "phone") == []


def test_it_passes_a_freephone_helpline():
    assert flagged("Our helpline is free: 0800 123 4567.", "phone") == []


def test_it_flags_a_landline_given_for_a_named_person():
    assert flagged("Call Mrs Dawson at home on 01632 960111.", "phone") == ["01632 960111"]


def test_it_flags_international_and_us_numbers():
    assert flagged("My number is +1 (415) 555-2671", "phone") == ["+1 (415) 555-2671"]
    assert flagged("Call me at 212-555-1234", "phone") == ["212-555-1234"]


def test_it_does_not_read_charity_numbers_dates_or_prices_as_phones():
    text = "Registered charity number 1096712. Quiz on 14/03/2026 at 7.30pm, £12.50, 2019-2025."
    assert flagged(text, "phone") == []


def test_it_flags_a_personal_email_but_not_a_role_mailbox():
    text = "Email info@example.org.uk or jane.smith@example.com"
    assert flagged(text, "email") == ["jane.smith@example.com"]


def test_include_organisational_also_reports_role_mailboxes():
    check = PiiCheck(PiiParams(entities=["email"], include_organisational=True))
    assert len(list(check.run(Document("Write to hello@example.org")))) == 1


@pytest.mark.parametrize("postcode", ["IP4 5XY", "SW1A 1AA", "M1 1AE", "CR2 6XH", "DN55 1PT"])
def test_it_validates_postcode_formats(postcode):
    assert [s.entity for s in find_pii(f"She lives near {postcode} now.", ["postcode"])] == [
        "postcode"
    ]


@pytest.mark.parametrize("not_postcode", ["QA1 1AA", "IP4 5CX", "AB12", "V1 1AA"])
def test_it_rejects_malformed_postcodes(not_postcode):
    assert find_pii(f"She lives near {not_postcode} now.", ["postcode"]) == []


def test_it_flags_a_home_address_but_not_a_venue():
    home = "Margaret lives at 14 Acacia Avenue, Ipswich IP4 5XY."
    assert flagged(home, "address", "postcode") == ["14 Acacia Avenue, Ipswich IP4 5XY"]
    venue = "Join us at the Village Hall, Church Lane, IP1 2AB for coffee."
    assert flagged(venue, "address", "postcode") == []


def test_it_finds_us_and_european_addresses():
    assert find_pii("Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500", ["address"])
    assert find_pii("Sie wohnt in der Hauptstraße 5 in Berlin.", ["address"])


def test_nhs_number_needs_a_valid_checksum():
    assert nhs_number_ok("9434765919")
    assert not nhs_number_ok("9434765918")
    assert flagged("NHS number 943 476 5919", "nhs_number") == ["943 476 5919"]
    assert flagged("NHS number 943 476 5918", "nhs_number", "phone") == []


def test_ni_number_follows_hmrc_rules():
    assert flagged("NI AB 12 34 56 C", "ni_number") == ["AB 12 34 56 C"]
    for bad in ("GB 12 34 56 A", "AB 12 34 56 E", "DA 12 34 56 A", "QA 12 34 56 C"):
        assert flagged(bad, "ni_number") == [], bad


def test_specimen_ni_number_counts_unless_shown_as_an_example():
    assert flagged("Client J.P., NI number QQ 12 34 56 C, starts Monday.", "ni_number") == [
        "QQ 12 34 56 C"
    ]
    assert flagged("Write it in the format QQ 12 34 56 C on the form.", "ni_number") == []


def test_mailbox_named_after_a_role_is_organisational():
    (span,) = find_pii("Email employers@cleanslate.org.uk", ["email"])
    assert span.organisational
    (span,) = find_pii("Email sarah.jones@cleanslate.org.uk", ["email"])
    assert not span.organisational
    (span,) = find_pii("Email rose@cleanslate.org.uk", ["email"])
    assert not span.organisational


def test_date_of_birth_needs_birth_context():
    assert flagged("Isla was born on 3 May 2026.", "date_of_birth") == ["3 May 2026"]
    assert flagged("DOB: 14/02/1961", "date_of_birth") == ["14/02/1961"]
    assert flagged("Our quiz is on 3 May 2026 at 7.30pm.", "date_of_birth") == []


def test_bank_details_need_a_sort_code_and_account():
    assert flagged("Sort code 20-00-00, account 12345678.", "bank_details")
    assert flagged("Our 20-20-20 challenge raised 12345678 pennies!", "bank_details") == []


def test_card_numbers_need_the_luhn_check():
    assert flagged("Card 4111 1111 1111 1111", "card_number") == ["4111 1111 1111 1111"]
    assert flagged("Card 4111 1111 1111 1112", "card_number") == []


def test_iban_needs_mod_97():
    assert iban_ok("GB82 WEST 1234 5698 7654 32")
    assert not iban_ok("GB82 WEST 1234 5698 7654 33")
    assert flagged("Pay GB82 WEST 1234 5698 7654 32", "iban") == ["GB82 WEST 1234 5698 7654 32"]


def test_a_card_number_is_not_also_a_phone_number():
    assert flagged("Call about card 4111 1111 1111 1111", "phone") == []


def test_it_does_not_crash_on_odd_input():
    everything = PiiCheck(PiiParams(entities=["phone", "email", "address", "postcode"]))
    for text in ["", "0" * 100_000, "😀 07700 900123 \u202e ٠٧٧٠٠", "1 " * 20_000, "@" * 500]:
        list(everything.run(Document(text)))


def test_it_finds_a_european_number_written_in_national_form():
    assert [s.entity for s in find_pii("Her number in Paris is 01 42 68 53 00.")] == ["phone"]


def test_an_ip_address_or_a_two_part_count_is_not_a_phone_number():
    assert find_pii("The printer sits at 192.168.10.24 on the office network.", ["phone"]) == []
    assert find_pii("Between 2019 and 2024 we gave 1200 45321 hours.", ["phone"]) == []


def test_it_finds_a_numbered_road_with_a_flat_and_a_us_town_line():
    assert flagged("She moved to 4521 County Road 12, Apt. 3 last week.", "address") == [
        "4521 County Road 12, Apt. 3"
    ]
    assert flagged("Post it to Springfield, IL 62704 by Friday.", "address") == [
        "Springfield, IL 62704"
    ]


def test_a_count_of_things_or_a_made_up_state_is_not_an_address():
    assert flagged("We ran 12 Park Runs 10 times this year.", "address") == []
    assert flagged("Greetings from Leeds, UK 12345.", "address") == []


def addresses(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_pii(text, ["address"])]


def test_it_finds_a_po_box_and_military_mail_in_any_case():
    assert addresses("Write to PO Box 1234 and we will reply.") == ["PO Box 1234"]
    assert addresses("unit 1234 box 5678\napo ae 12345") == ["unit 1234 box 5678\napo ae 12345"]
    assert addresses("USNV Hope\nFPO AP 12345") == ["USNV Hope\nFPO AP 12345"]


def test_it_finds_a_lower_case_us_address_but_not_lower_case_words_and_numbers():
    assert addresses("send it to 12 main st\nboston, ma 02115") == ["12 main st\nboston, ma 02115"]
    assert addresses("we met 12 people\nin town, so 20000 thanks") == []


def test_it_finds_a_town_line_with_the_comma_on_its_own_line():
    assert addresses("Springfield\n, IL 62704") == ["Springfield\n, IL 62704"]


def test_it_finds_a_house_number_before_a_street_with_no_street_word():
    assert addresses("She lives at 12 3 Kossuth Str., Szeged.") == ["12 3 Kossuth Str., Szeged."]
    assert addresses("Parcels go to 4521 Kossuth 12 now.") == ["4521 Kossuth 12"]


def test_a_count_a_year_or_a_race_is_not_a_house_number():
    assert addresses("We have 250 Volunteers 24 hours a day.") == []
    assert addresses("In 2024 Oxfam raised 12 million.") == []
    assert addresses("Our 2026 Fun Run 5k is on Sunday.") == []


def test_a_street_corner_is_found_but_is_no_ones_home():
    text = "Meet us at the corner of Mill Lane and Carr Street at 10."
    assert addresses(text) == ["corner of Mill Lane and Carr Street"]
    assert flagged(text, "address") == []


def test_a_percentage_after_an_ordinary_word_is_no_address():
    assert find_pii("Brew & Bake are offering 10% off coffee this week.", ["address"]) == []
    assert find_pii("Sie wohnt in der Hauptstraße 5 in Berlin.", ["address"])


def test_the_address_of_a_plaque_is_a_public_place():
    plaque = "Our blue plaque to Lydia Marchbank goes up outside 4 Bridge Street on Saturday."
    home = "Lydia Marchbank lives at 4 Bridge Street, so drop the cards round on Saturday."
    assert flagged(plaque, "address") == []
    assert flagged(home, "address")


def test_a_birth_date_from_before_1900_is_history():
    assert find_pii("Happy birthday, Charles Dickens, born on 7 February 1812!", ["date_of_birth"]) == []
    assert find_pii("Jane Hollis was born on 7 February 1982.", ["date_of_birth"])


def test_a_vacancys_contact_line_is_the_organisations_number():
    text = "We're hiring a Family Support Coordinator. Informal chats welcome on 01632 960210."
    spans = find_pii(text, ["phone"])
    assert [s.organisational for s in spans] == [True]


def test_an_address_at_someones_house_is_personal_even_with_venue_words():
    spans = find_pii("Drop spare bottles at Tanya's house, 31 Larch Avenue, before Friday.", ["address"])
    assert [s.organisational for s in spans] == [False]
    spans = find_pii("Coffee morning at the church hall, 12 Mill Road, on Friday.", ["address"])
    assert [s.organisational for s in spans] == [True]


def test_an_address_does_not_run_on_past_the_end_of_a_sentence():
    assert addresses("Blue bins go out on Sunday 3 January. Garden waste is suspended.") == []
    assert addresses("Drop it at 12 High Street. Tickets are £5.") == ["12 High Street."]
    assert addresses("Meet at 12 St. Mary Road, Bury") == ["12 St. Mary Road, Bury"]


def test_a_line_given_with_a_role_is_the_organisations():
    text = "Book with the membership secretary on 01632 960174 (office hours)."
    assert flagged(text, "phone") == []
    assert flagged("Ring Jane on 01632 960174 any time, she's lovely.", "phone")


def test_a_number_after_a_role_mailbox_is_the_organisations():
    text = "Email volunteering@cleanslate-charity.org.uk or call 0161 496 0372."
    assert flagged(text, "phone") == []
    assert flagged("Our office is shut. Ring Jane on 07700 900123.", "phone")


def test_a_life_in_years_is_not_a_phone_number():
    assert flagged("A bench for our founder Constance Ridley (1911-1988) is back in the park.", "phone") == []


def test_business_premises_and_a_venue_that_opens_are_not_homes():
    assert flagged("The baby bank has moved to Unit 6, Tees Bay Retail Park.", "address", "postcode") == []
    archive = "Our archive at the Abbey Buildings, 12 Mill Street, Pershore WR10 1AB is open on Wednesdays."
    assert flagged(archive, "address", "postcode") == []
    assert flagged("She moved to 12 Mill Street, Pershore WR10 1AB last year.", "address", "postcode") != []


def test_a_desk_number_is_the_organisations():
    assert flagged("Ring the archive desk on 01632 960318 the day before.", "phone") == []


def test_a_cafe_with_opening_times_gives_its_own_address():
    text = "Come and try the menu, Monday to Friday 9 to 3 at 14 Harcourt Street."
    assert flagged(text, "address", "postcode") == []


def test_the_number_messages_came_from_is_the_senders_not_ours():
    text = "The texts sent to our secretary from 07700 900417 have been passed to the police."
    assert flagged(text, "phone") == ["07700 900417"]
    assert flagged("Please text our secretary on 01632 960417 to book.", "phone") == []
