import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tactful.engine.engine import InputError
from tactful.engine.triage import (
    TriageError,
    detect_crises,
    triage,
    triage_batch,
    triage_jsonl_lines,
)
from tactful.engine.triage.safety import first_signal, signals

NO_LEAD = str(Path(__file__).with_name("no_lead_policy.yml"))
CONTRACT_FIELDS = {
    "id",
    "category",
    "urgent",
    "route_to",
    "respond_by",
    "actions",
    "clauses",
    "confidence",
}


def test_a_disclosure_without_keywords_is_urgent_safeguarding_never_hidden():
    r = triage("he checks my phone and only lets me have a tenner a week for nappies", NO_LEAD)
    assert r.category == "safeguarding" and r.urgent
    assert "hide" not in r.actions and "none" not in r.actions


def test_an_ordinary_enquiry_is_not_urgent():
    r = triage("What time is the baby group on Wednesdays?", NO_LEAD)
    assert r.category != "safeguarding" and not r.urgent


def test_it_routes_safeguarding_to_the_most_senior_role_and_says_so_when_no_lead():
    r = triage("I'm 14 and my mum's boyfriend keeps coming into the bathroom", NO_LEAD)
    assert r.route_to[0] == "Chair of Trustees"
    assert r.note and "no safeguarding lead" in r.note


def test_the_result_has_exactly_the_contract_fields():
    r = triage("Thank you so much for the pram, you're all wonderful", NO_LEAD, item_id="m1")
    assert set(json.loads(r.model_dump_json())) == CONTRACT_FIELDS


def test_respond_by_uses_the_route_hours_then_the_policy_target():
    r = triage(
        "Do you take donations of baby clothes?", NO_LEAD, received_at="2026-11-21T09:00:00Z"
    )
    assert r.category == "enquiry" and r.respond_by == "2026-11-23T09:00:00Z"
    spam = triage(
        "Earn £500 a day from home!!! DM me 💰", NO_LEAD, received_at="2026-11-21T09:00:00Z"
    )
    assert spam.respond_by == "2026-11-22T09:00:00Z"


def test_a_phishing_message_is_an_urgent_security_threat():
    r = triage(
        "Meta Support: your page will be disabled in 24 hours. Verify your account here", NO_LEAD
    )
    assert r.category == "security_threat" and r.urgent


@pytest.mark.parametrize(
    "kwargs,words",
    [
        ({"text": ""}, "empty"),
        ({"text": "x" * 50_000}, "characters"),
        ({"text": "\x00\x01\x02binary"}, "binary"),
        ({"text": "hi", "channel": "myspace"}, "channel"),
        ({"text": "hi", "kind": "letter"}, "kind"),
        ({"text": "hi", "received_at": "yesterday-ish"}, "ISO 8601"),
        ({"text": "hi", "policy": "no-such-policy"}, "unknown policy"),
    ],
)
def test_bad_input_raises_a_one_line_input_error(kwargs, words):
    kwargs = {"policy": NO_LEAD, **kwargs}
    with pytest.raises(InputError) as info:
        triage(**kwargs)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_a_bad_message_in_a_batch_gives_an_error_and_the_rest_are_triaged():
    out = triage_batch(
        [{"id": "a", "text": ""}, {"id": "b", "text": "Lovely group today"}], NO_LEAD
    )
    assert isinstance(out[0], TriageError) and out[0].id == "a"
    assert not isinstance(out[1], TriageError) and out[1].id == "b"


def test_jsonl_gives_one_output_per_line_in_order_including_malformed_lines():
    lines = [
        '{"id": "1", "text": "Great work!"}',
        "{not json",
        '{"id": "3", "text": "hi", "received_at": "31/02/2026"}',
    ]
    out = list(triage_jsonl_lines(lines, NO_LEAD))
    assert [o.get("id") for o in out] == ["1", None, "3"]
    assert "error" not in out[0]
    assert out[1] == {
        "id": None,
        "line": 2,
        "error": "not valid JSON: Expecting property name enclosed in double quotes",
    }
    assert set(out[2]) == {"id", "line", "error"} and out[2]["line"] == 3
    assert "received_at" in out[2]["error"]


def test_jsonl_skips_blank_lines_as_check_does_and_keeps_line_numbers():
    lines = ["", '{"id": "1", "text": "Great work!"}', "   ", "{not json"]
    out = list(triage_jsonl_lines(lines, NO_LEAD))
    assert [o.get("id") for o in out] == ["1", None]
    assert out[1]["line"] == 4


def test_a_burst_of_complaints_raises_one_negativity_alert_and_a_quiet_stream_none():
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    quiet = [(start + dt.timedelta(hours=h), "praise", f"q{h}") for h in range(48)]
    burst = [
        (start + dt.timedelta(hours=48, minutes=m), "complaint", f"b{m}") for m in range(0, 40, 2)
    ]
    assert detect_crises(quiet) == []
    alerts = detect_crises(quiet + burst)
    kinds = [a.alert for a in alerts]
    assert "negativity" in kinds and kinds.count("negativity") == 1


def test_the_signal_examples_flag_and_pass_as_written():
    for signal in signals():
        for text in signal.flag:
            found = first_signal(text)
            assert found is not None and found.category == signal.category, text
        for text in signal.passes:
            assert first_signal(text) is None, text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_triage_never_crashes_on_any_string(text):
    try:
        r = triage(text, NO_LEAD)
    except InputError:
        return
    assert r.category


def test_the_shipped_model_knows_every_inbound_category_and_only_those():
    from tactful.engine.model import INBOUND_CATEGORIES
    from tactful.engine.triage.classifier import shared_classifier

    assert sorted(shared_classifier().categories) == sorted(INBOUND_CATEGORIES)


def test_batch_and_single_give_the_same_category():
    texts = [
        "Lovely group today, thank you",
        "Your page will be disabled, verify your account",
        "When is the AGM?",
    ]
    batch = triage_batch([{"text": t} for t in texts] * 4, NO_LEAD)
    assert [r.category for r in batch[:3]] == [triage(t, NO_LEAD).category for t in texts]


def test_a_message_scores_the_same_alone_and_among_any_batch_mates():
    import numpy as np

    from tactful.engine.triage.classifier import shared_classifier

    texts = [
        "Lovely group today, thank you",
        "Still waiting for a refund after six weeks, this is shocking",
        "When is the AGM?",
        "ur volunteer was so rude to my mum, never coming back",
        "When is the fun run?",
        "x" * 3000,
    ] * 3
    model = shared_classifier()
    together = model.probabilities_many(texts)
    alone = np.vstack([model.probabilities_many([t]) for t in texts])
    assert np.abs(together - alone).max() < 1e-4


def test_a_policy_route_gives_its_clause_and_chain_of_stand_ins():
    r = triage(
        "Your trustee's racist tweet is everywhere. #boycott, sharing far and wide",
        "milestone-society",
    )
    assert r.category == "crisis_risk" and r.urgent
    assert r.clauses == ["2.1(o)"] and r.route_to == ["Web Administrator", "Chairman"]
    c = triage(
        "I emailed three weeks ago about my membership and nobody has replied. Not good enough",
        "milestone-society",
    )
    assert (
        c.category == "complaint"
        and c.route_to == ["Web Administrator", "Chairman"]
        and c.clauses == ["2.1(n)"]
    )


def test_jsonl_reports_a_pile_on_as_an_alert_after_the_results():
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    calm = [
        {
            "id": f"c{h}",
            "text": "Lovely photos, thank you",
            "received_at": (start + dt.timedelta(hours=h)).isoformat(),
        }
        for h in range(30)
    ]
    storm = [
        {"id": f"s{m}", "text": "Disgraceful. Still no reply to my complaint and the refund never came",
         "received_at": (start + dt.timedelta(hours=30, minutes=m)).isoformat()}
        for m in range(0, 30, 2)
    ]  # fmt: skip
    out = list(triage_jsonl_lines([json.dumps(i) for i in calm + storm], NO_LEAD))
    assert len(out) > len(calm + storm)
    alerts = out[len(calm + storm) :]
    assert all("alert" in a for a in alerts) and any(a["alert"] == "negativity" for a in alerts)
    quiet = list(triage_jsonl_lines([json.dumps(i) for i in calm], NO_LEAD))
    assert not any("alert" in o for o in quiet)


def test_the_complaint_model_only_overrules_the_categories_a_complaint_is_mistaken_for():
    import numpy as np

    from tactful.engine.model import INBOUND_CATEGORIES
    from tactful.engine.triage.classifier import YIELDS_TO_COMPLAINT, shared_classifier

    model = shared_classifier()
    assert model.complaint_threshold is not None, "the shipped set has a complaint model"
    high = min(1.0, model.complaint_threshold + 0.05)
    low = max(0.0, model.complaint_threshold - 0.05)
    for category in INBOUND_CATEGORIES:
        probs = np.full(len(model.categories), 0.01)
        probs[model.categories.index(category)] = 0.9
        chosen = model.categories[model.choose(probs, high)]
        if category in YIELDS_TO_COMPLAINT:
            assert chosen == "complaint"
        else:
            assert chosen == category
        assert model.categories[model.choose(probs, low)] == category
    # Safeguarding above its own threshold wins over a confident complaint model.
    probs = np.full(len(model.categories), 0.01)
    probs[model.categories.index("enquiry")] = 0.6
    probs[model.categories.index("safeguarding")] = model.safeguarding_threshold
    assert model.categories[model.choose(probs, 0.99)] == "safeguarding"


def test_complaint_probabilities_are_the_same_alone_and_in_a_batch():
    import numpy as np

    from tactful.engine.triage.classifier import shared_classifier

    texts = [
        "Third time my parcel has gone missing and no one answers the phone",
        "Could you tell me when the shop opens on Sunday?",
        "Brilliant walk today, thanks to all the volunteers",
    ] * 2
    model = shared_classifier()
    _, together = model.scores_many(texts)
    assert together is not None
    alone = np.concatenate([model.scores_many([t])[1] for t in texts])
    assert np.abs(together - alone).max() < 1e-4
    assert together[0] > together[1] and together[0] > together[2]


def test_a_weights_file_without_a_complaint_model_still_loads(tmp_path):
    import numpy as np

    from tactful.engine.triage.classifier import WEIGHTS, Classifier

    with np.load(WEIGHTS, allow_pickle=False) as data:
        kept = {k: data[k] for k in data.files if not k.startswith("complaint_")}
    np.savez(tmp_path / "weights.npz", **kept)
    model = Classifier(weights=tmp_path / "weights.npz")
    assert model.complaint_threshold is None
    probs, complaint = model.scores_many(["When is the AGM?"])
    assert complaint is None and probs.shape == (1, len(model.categories))
    assert model.predict("When is the AGM?").category == "enquiry"


def test_the_tuning_slice_is_a_fixed_tenth():
    from tactful.engine.triage.datasets import is_tune

    keys = [f"message-{i}" for i in range(5000)]
    picked = [k for k in keys if is_tune(k)]
    assert 400 < len(picked) < 600
    assert picked == [k for k in keys if is_tune(k)]


def test_an_urgent_message_is_due_at_once_and_an_enquiry_within_the_target() -> None:
    received = "2026-11-21T09:30:00Z"
    urgent = triage(
        "he checks my phone and only lets me have £10 a week and i'm scared to go home",
        "new-baby-network", channel="facebook", kind="direct_message", received_at=received,
    )  # fmt: skip
    assert urgent.category == "safeguarding" and urgent.respond_by == received
    enquiry = triage(
        "What time does the Tuesday baby group start?",
        "new-baby-network", channel="facebook", kind="comment", received_at=received,
    )  # fmt: skip
    assert enquiry.respond_by == "2026-11-23T09:30:00Z"
