from tactful.engine.checks import build_check
from tactful.engine.checks.links import registered_name, split_link
from tactful.engine.text import Document


def run(text: str, mode: str, **params) -> list:
    return list(build_check("links", {"mode": mode, **params}).run(Document(text)))


def test_it_flags_a_shortened_link_and_covers_just_the_link():
    text = "Book here: bit.ly/3xYcafe."
    hits = run(text, "shortener")
    assert len(hits) == 1 and text[hits[0].start : hits[0].end] == "bit.ly/3xYcafe"
    assert hits[0].suggestion


def test_it_passes_a_full_address_and_a_bare_shortener_name():
    assert run("Book at https://www.example.org.uk/cafe", "shortener") == []
    assert run("We never use bit.ly in our posts.", "shortener") == []


def test_it_lets_the_organisation_own_shortener_through():
    assert run("https://go.example.org/appeal", "shortener", domains=["go.example.org"])
    params = {"domains": ["go.example.org"], "own_domains": ["example.org"]}
    assert run("https://go.example.org/appeal", "shortener", **params) == []


def test_it_flags_ip_address_links():
    assert run("Sign up at http://192.168.4.20/signup", "ip_address")
    assert run("We raised £1,250.50 and walked 12.5 miles", "ip_address") == []


def test_it_flags_punycode_and_brand_lookalikes():
    assert run("https://xn--exmple-cua.org", "lookalike")
    assert run("https://paypa1.com/login", "lookalike")
    assert run("https://www.justgiving.com.donate-appeal.net/x", "lookalike")


def test_it_passes_genuine_brand_sites():
    for url in (
        "https://www.justgiving.com/x",
        "https://www.paypal.com/donate",
        "https://www.england.nhs.uk/a",
        "https://amazon.co.uk/wishlist",
    ):
        assert run(url, "lookalike") == [], url


def test_it_flags_plain_http_only_for_login_and_payment_pages():
    assert run("Give at http://www.example.org.uk/donate", "insecure")
    assert run("Give at https://www.example.org.uk/donate", "insecure") == []
    assert run("News at http://www.example.org.uk/news/fair", "insecure") == []


def test_split_link_reads_host_from_any_form():
    assert split_link("HTTPS://User@WWW.Example.org:8080/path?q=1")[1] == "example.org"
    assert split_link("example.org.uk/a).")[1:] == ("example.org.uk", "/a")
    assert registered_name("www.mind.org.uk") == "mind"


def test_it_never_crashes_on_odd_text():
    for mode in ("shortener", "ip_address", "lookalike", "insecure"):
        for text in (
            "",
            "http://",
            "https://[::1]/login",
            "http://" * 100,
            "bit.ly/" * 100,
            "🙂.com/x",
        ):
            run(text, mode)


def test_a_host_that_borrows_gov_uk_without_ending_in_it_is_a_lookalike():
    from tactful.engine.checks import build_check
    from tactful.engine.text import Document

    check = build_check("links", {"mode": "lookalike"})

    def flagged(text: str) -> bool:
        return bool(list(check.run(Document(text))))

    assert flagged("Apply at https://www.gov-uk.support/household-fund")
    assert flagged("Apply at https://gov.uk.payments-help.com/form")
    assert not flagged("Apply at https://www.gov.uk/household-support-fund")
    assert not flagged("Details at https://www.suffolk.gov.uk/benefits")
