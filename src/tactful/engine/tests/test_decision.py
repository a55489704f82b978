"""The decision: blockers need changes, approvals are required unless recorded."""

from __future__ import annotations

from tactful.engine import Context, check, load_policy_text

POLICY = """\
id: decide
organisation: Decide Charity
version: "2"
roles:
  - title: Comms Officer
  - title: Chief Executive
    stand_ins: [Chair]
  - title: Chair
approval:
  - clause: "1"
    roles: [Comms Officer]
    unless_author: [Comms Officer]
clauses:
  - id: "1"
    heading: Posting
    summary: Every post on our own accounts is cleared by the comms officer first.
    guidance: The desk routes every official draft to the Comms Officer.
  - id: "2"
    heading: Politics
    summary: We never tell anyone how to vote.
    uses: [custom.vote]
  - id: "3"
    heading: Big news
    summary: Major announcements need the chief executive's sign-off.
    uses: [custom.big]
    approvers: [Chief Executive]
rules:
  - id: custom.vote
    kind: lexicon
    category: party_politics
    severity: blocker
    message: Tells people how to vote.
    why: We are not party political.
    params: {phrases: ["vote purple"]}
    examples: {flag: ["vote purple"], pass: ["vote now"]}
  - id: custom.big
    kind: lexicon
    category: high_profile
    severity: warning
    message: A major announcement.
    why: The chief executive signs these off.
    params: {phrases: ["new patron"]}
    examples: {flag: ["our new patron"], pass: ["our patrons"]}
"""

P = load_policy_text(POLICY)


def test_a_blocker_means_needs_changes() -> None:
    r = check("Please vote purple on Thursday", policy=P, context={"author_role": "Comms Officer"})
    assert r.decision == "needs_changes"
    assert r.findings[0].clause == "2"
    assert r.findings[0].excerpt == "vote purple"


def test_an_official_post_needs_the_standing_approver() -> None:
    r = check("Coffee morning on Friday at 10am", policy=P)
    assert (r.decision, r.approvers) == ("needs_approval", ["Comms Officer"])


def test_the_approver_posting_themselves_needs_no_approval() -> None:
    r = check(
        "Coffee morning on Friday at 10am", policy=P, context={"author_role": "comms officer"}
    )
    assert (r.decision, r.approvers) == ("ok", [])


def test_a_personal_account_is_outside_the_standing_rule() -> None:
    assert check("Coffee morning on Friday", policy=P, account="personal").decision == "ok"


def test_a_finding_under_an_approval_clause_adds_its_approver() -> None:
    r = check("Meet our new patron!", policy=P, context={"author_role": "Comms Officer"})
    assert (r.decision, r.approvers) == ("needs_approval", ["Chief Executive"])


def test_a_recorded_approval_satisfies_it_and_the_finding_becomes_advice() -> None:
    ctx = Context(author_role="Comms Officer", approvals=["Signed off by the Chief Executive"])
    r = check("Meet our new patron!", policy=P, context=ctx)
    assert r.decision == "ok"
    assert [f.severity for f in r.findings] == ["advice"]


def test_the_result_carries_policy_id_and_version() -> None:
    r = check("hello", policy=P, item_id="a1")
    assert (r.id, r.policy.id, r.policy.version) == ("a1", "decide", "2")


OVERLAP = """\
id: overlap
organisation: Overlap Charity
version: "1"
roles:
  - title: Comms Officer
clauses:
  - id: "1"
    heading: Respect
    summary: We never threaten anyone.
    uses: [custom.kicking, custom.threat_word]
  - id: "2"
    heading: Big news
    summary: Major announcements are signed off.
    uses: [custom.big, custom.launch]
    approvers: [Comms Officer]
    approval_for: [custom.launch]
rules:
  - id: custom.kicking
    kind: lexicon
    category: harassment
    severity: blocker
    message: A threat.
    why: Threats are harassment.
    params: {phrases: ["good kicking"]}
    examples: {flag: ["a good kicking"], pass: ["a good game"]}
  - id: custom.threat_word
    kind: lexicon
    category: harassment
    severity: blocker
    message: A threat.
    why: Threats are harassment.
    params: {phrases: ["deserves a good kicking"]}
    examples: {flag: ["he deserves a good kicking"], pass: ["he deserves a medal"]}
  - id: custom.big
    kind: lexicon
    category: high_profile
    severity: warning
    message: Big news.
    why: Signed off first.
    params: {phrases: ["big launch"]}
    examples: {flag: ["our big launch"], pass: ["our launch"]}
  - id: custom.launch
    kind: lexicon
    category: high_profile
    severity: warning
    message: A launch.
    why: Signed off first.
    params: {phrases: ["launch"]}
    examples: {flag: ["our launch"], pass: ["our lunch"]}
"""


def test_two_rules_on_the_same_words_give_one_finding() -> None:
    policy = load_policy_text(OVERLAP)
    r = check("Whoever did it deserves a good kicking.", policy=policy)
    assert [f.category for f in r.findings] == ["harassment"]
    assert r.findings[0].excerpt == "deserves a good kicking"


def test_an_overlapping_finding_that_asks_for_approval_is_kept() -> None:
    policy = load_policy_text(OVERLAP)
    r = check("Our big launch is on Friday.", policy=policy)
    assert sorted(f.rule for f in r.findings) == ["custom.big", "custom.launch"]
    assert (r.decision, r.approvers) == ("needs_approval", ["Comms Officer"])


def test_an_approval_recorded_by_a_stand_in_who_may_approve_counts():
    text = "We've decided to close our Haverhill drop-in group at the end of July."
    base = {"author_role": "Staff", "high_profile": True}
    waiting = check(text, policy="home-start-suffolk", context=Context(**base))
    assert waiting.decision == "needs_approval" and waiting.approvers == ["CEO"]
    by_board = check(
        text, policy="home-start-suffolk",
        context=Context(**base, approvals=["approved by the Board on 12 May"]),
    )
    assert by_board.decision == "ok"


def test_a_stand_in_without_the_right_to_approve_does_not_count():
    reply = "Thank you for telling us. We're sorry, and we'll put this right."
    ctx = {"reply_to": "Really disappointed, nobody replied to my message for three weeks."}
    result = check(
        reply, policy="new-baby-network",
        context=Context(**ctx, approvals=["checked by the social media volunteer"]),
    )
    assert result.decision == "needs_approval" and "directors" in result.approvers


def test_a_standing_approval_recorded_by_a_stand_in_who_may_approve_counts():
    text = "Our spring lecture is on 14 March at the library, all welcome."
    waiting = check(text, policy="the-society", context=Context())
    assert waiting.decision == "needs_approval" and waiting.approvers == ["Social Media Officer"]
    by_board = check(text, policy="the-society", context=Context(approvals=["approved by the Board in March"]))
    assert by_board.decision == "ok"
    by_volunteer = check(
        text, policy="new-baby-network",
        context=Context(approvals=["checked by the social media volunteer"]),
    )
    assert by_volunteer.approvers == ["directors"]
