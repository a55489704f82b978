from tactful.engine.checks import build_check
from tactful.engine.checks.context_flag import pounds
from tactful.engine.model import Context
from tactful.engine.text import Document

ANNOUNCE = {"field": "high_profile", "phrases": ["new patron", "merger"], "min_funding": 100000}
COMPLAINT = {
    "field": "reply_to_complaint",
    "phrases": ["disappointed", "complain*"],
    "unless": ["not disappointed"],
    "message": "A complaint.",
}


def run(params: dict, text: str, **ctx) -> list:
    return list(
        build_check("context_flag", params).run(Document(text, context=Context.model_validate(ctx)))
    )


def test_it_flags_a_draft_the_records_mark_high_profile_at_span_zero():
    hits = run(ANNOUNCE, "Our newsletter is out.", high_profile=True)
    assert [(h.start, h.end) for h in hits] == [(0, 0)]
    assert run(ANNOUNCE, "Our newsletter is out.") == []


def test_it_flags_a_major_announcement_where_it_is_said():
    text = "Meet our New Patron, Sam Reid!"
    hits = run(ANNOUNCE, text)
    assert len(hits) == 1 and text[hits[0].start : hits[0].end] == "New Patron"


def test_it_flags_a_large_funding_award_but_not_a_small_gift():
    assert run(ANNOUNCE, "We've been awarded £250,000 by the Lottery.")
    assert run(ANNOUNCE, "We have secured £1.2m of funding!")
    assert run(ANNOUNCE, "Thanks to the Co-op for a £250 donation.") == []
    assert run(ANNOUNCE, "Our new minibus cost £120,000 and looks great.") == []


def test_pounds_reads_common_forms():
    assert pounds("£250,000") == 250000
    assert pounds("£1.2m") == 1_200_000
    assert pounds("£3 million") == 3_000_000
    assert pounds("$500,000") is None


def test_it_flags_a_reply_to_a_complaint():
    hits = run(COMPLAINT, "Sorry to hear that.", reply_to="Really disappointed with the service.")
    assert [(h.start, h.end, h.message) for h in hits] == [(0, 0, "A complaint.")]


def test_it_passes_a_reply_to_praise_or_no_reply_at_all():
    assert run(COMPLAINT, "Thank you!", reply_to="Not disappointed at all, lovely day.") == []
    assert run(COMPLAINT, "Thank you!", reply_to="Brilliant day!") == []
    assert run(COMPLAINT, "Really disappointed with the service.") == []


def test_it_never_crashes_on_odd_text():
    for text in ("", "£" * 500, "£9" * 1000, "🙂" * 100):
        run(ANNOUNCE, text)
        run(COMPLAINT, text, reply_to=text)


def test_the_classifier_finds_a_complaint_with_no_complaining_word():
    late = "I asked three weeks ago for my membership card and nothing."
    assert run(COMPLAINT, "Sorry, we'll look into it.", reply_to=late) == []
    with_model = {**COMPLAINT, "classifier": True}
    assert len(run(with_model, "Sorry, we'll look into it.", reply_to=late)) == 1
    # The classifier reads an enquiry or praise as what it is, and never overrules "unless".
    assert run(with_model, "It's at 10am.", reply_to="When is the next baby group?") == []
    assert run(with_model, "Thank you!", reply_to="Not disappointed at all, lovely day.") == []


def test_a_complaint_that_safeguarding_took_first_is_still_a_complaint_to_reply_to():
    from tactful.engine.triage import classify

    waiting = "Three weeks waiting for a call back about respite. My mum's getting worse. Is anyone actually there?"
    assert classify([waiting])[0][0] == "safeguarding"  # the inbox routes it to the lead first
    with_model = {**COMPLAINT, "classifier": True}
    assert len(run(with_model, "We're so sorry. Our lead will call you today.", reply_to=waiting)) == 1
    # a disclosure with nothing to complain about is not a complaint
    worried = "I'm worried about my neighbour's kids, they're left alone all night."
    assert run(with_model, "Thank you for telling us. Please call us now.", reply_to=worried) == []


def test_a_complaining_word_in_abuse_aimed_at_others_is_not_a_complaint():
    phrases = {**COMPLAINT, "phrases": ["disgusting"]}
    jeer = "Breastfeeding in public is disgusting. Cover up."
    # the word alone counts; with the classifier, abuse with no sign of a complaint does not
    assert len(run(phrases, "Nobody is asking you to watch.", reply_to=jeer)) == 1
    with_model = {**phrases, "classifier": True}
    assert run(with_model, "Nobody is asking you to watch.", reply_to=jeer) == []
    treated = "Your staff were rude and it was disgusting how my mum was treated."
    assert len(run(with_model, "We're so sorry to hear this.", reply_to=treated)) == 1
