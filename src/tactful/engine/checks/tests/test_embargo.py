import datetime as dt

from tactful.engine.checks import build_check
from tactful.engine.checks.embargo import stem, topic_stems
from tactful.engine.model import Context
from tactful.engine.text import Document


def run(text: str, topic: str, until: str, today: str | None = "2026-11-21") -> list:
    ctx = Context.model_validate({"today": today, "embargoes": [{"topic": topic, "until": until}]})
    return list(build_check("embargo", {}).run(Document(text, context=ctx)))


def test_it_flags_a_post_announcing_the_topic_in_other_words():
    hits = run(
        "We're thrilled to welcome our new patron, Priya Shah!",
        "new patron announcement",
        "2026-12-01",
    )
    assert len(hits) == 1
    assert "until 1 December 2026" in hits[0].message
    text = "We're thrilled to welcome our new patron, Priya Shah!"
    assert text[hits[0].start : hits[0].end] == "new patron"


def test_it_passes_once_the_embargo_has_ended():
    assert (
        run(
            "Welcome to our new patron!",
            "new patron announcement",
            "2026-12-01",
            today="2026-12-01",
        )
        == []
    )


def test_it_uses_the_real_date_when_the_context_has_none():
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert run("Meet our new patron", "new patron", future, today=None)
    assert run("Meet our new patron", "new patron", past, today=None) == []


def test_it_matches_plurals_and_verb_forms():
    assert run("The two branches are merging next spring.", "branch merger", "2027-01-01")


def test_it_matches_a_partnership_announced_as_partnered():
    assert run(
        "We're proud to have partnered with Tesco this winter.",
        "partnership with Tesco",
        "2027-01-01",
    )
    assert (
        run(
            "We're proud to have partnered with the council.",
            "partnership with Tesco",
            "2027-01-01",
        )
        == []
    )


def test_it_needs_most_of_the_topic_not_one_shared_word():
    assert (
        run("Our patron came to the carol concert.", "new patron announcement", "2026-12-01") == []
    )
    assert (
        run("A new coffee morning at the Felixstowe branch.", "branch merger", "2027-01-01") == []
    )


def test_it_needs_the_words_close_together():
    text = (
        "Our new shop opens Monday. "
        + "Lots of lovely things to buy. " * 20
        + "Our patron says hello."
    )
    assert run(text, "new patron", "2026-12-01") == []


def test_stems_agree_across_word_forms():
    assert stem("merger") == stem("merging") == stem("merged")
    assert stem("closure") == stem("closing")
    assert stem("families") == stem("family")
    assert topic_stems("the new patron announcement") == ["new", "patron"]


def test_it_never_crashes_on_odd_text():
    for text in ("", "🙂" * 500, "\u0000\u202e", "patron " * 10_000):
        run(text, "new patron", "2026-12-01")
    assert run("anything", "the of and", "2026-12-01") == []


def test_a_grant_announced_as_an_award_is_the_same_topic():
    text = "We've been awarded £120,000 by the lottery to expand home visiting into Waveney!"
    assert run(text, "lottery grant for Waveney expansion", "2026-12-15")
    assert stem("awarded") == stem("grant") and stem("expansion") == stem("expand")
    assert not run(
        "Lottery tickets on sale in Waveney.", "lottery grant for Waveney expansion", "2026-12-15"
    )


def test_a_new_office_holder_is_found_in_the_words_of_an_appointment():
    text = "Dr Fenella Royd has agreed to become the Society's President from 1 January."
    hits = run(text, "new President announcement", "2026-12-05")
    assert [text[h.start : h.end] for h in hits] == ["become the Society's President"]
    # the sitting President doing her job announces nothing new
    assert (
        run(
            "Our President opened the AGM with a short talk.",
            "new President announcement",
            "2026-12-05",
        )
        == []
    )


def test_the_organisation_s_own_name_in_a_topic_need_not_be_repeated():
    from tactful.engine.checks.embargo import EmbargoCheck, EmbargoParams

    ctx = Context.model_validate(
        {
            "today": "2026-11-22",
            "embargoes": [
                {
                    "topic": "Home-Start in Suffolk volunteers shortlisted for the county volunteering awards",
                    "until": "2026-11-30",
                }
            ],
        }
    )
    text = "Can't keep it in: our volunteer team has been shortlisted for the county volunteering awards!!"
    doc = Document(text, context=ctx, organisation="Home-Start in Suffolk")
    assert len(list(EmbargoCheck(EmbargoParams()).run(doc))) == 1
    unrelated = Document(
        "Our volunteers ran the tombola at the county show.",
        context=ctx,
        organisation="Home-Start in Suffolk",
    )
    assert list(EmbargoCheck(EmbargoParams()).run(unrelated)) == []


def test_a_merger_announced_as_joining_forces_or_teaming_up_is_the_same_topic():
    assert run(
        "From September we and Home-Start Colneside will join forces as one charity.",
        "merger with Home-Start Colneside",
        "2026-12-01",
    )
    assert run(
        "Guess who's teaming up with Hallowmere Housing?",
        "partnership with Hallowmere Housing Association",
        "2026-12-01",
    )
    # the other party alone is not enough
    assert not run(
        "Thanks to Hallowmere Housing for the room.",
        "merger with Hallowmere Housing Association",
        "2026-12-01",
    )
