"""The built-in policies: every clause of each seed document is present, by its own id."""

from __future__ import annotations

import pytest

from tactful.engine import BUILTIN_IDS, load_policy

MILESTONE = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
MILESTONE += [f"2.1({c})" for c in "abcdefghijklmno"]
MILESTONE += [f"2.2({c})" for c in "abcdefghi"]
MILESTONE += [f"3.{n}" for n in range(1, 9)]

SOCIETY = [
    "1",
    "2",
    "3.a",
    "3.b",
    "3.c",
    "4",
    "5",
    "6.a",
    "6.b",
    "6.c",
    "6.d",
    "6.e",
    "6.f",
    "6.g",
    "5 Abusive behaviour",
    "5 Monitoring",
    "6 Breach of this policy",
]

HOME_START = (
    [
        "1.1",
        "1.2",
        "2.1 Objectives",
        "2.1 Platforms",
        "2.1 Private Community Groups and Discussion Forums",
        "2.2 Moderation of Third-Party Content",
        "2.2 Comments and Responses",
        "2.3 Access and Security",
        "2.3 Day-to-Day Content Posting",
        "2.3 Additional Approval",
        "2.3 Content Review and Moderation",
        "2.3 Content Deletion",
        "2.4 Compliance with Laws and Codes of Conduct",
        "2.4 Interactions with Children, Young People, and Adults at Risk of Harm",
        "2.4 Skills and Knowledge",
        "2.5 Policy Adherence",
        "2.5 Relationship to Other Policies",
        "2.5 Responding to Incidents",
        "2.5 Complaints and Abusive Messages",
        "2.5 Social Media Crisis Management",
        "2.5 Reporting Serious Incidents",
        "2.5 Emergency Recovery Plan",
        "2.6 Oversight",
        "2.6 Review and Updates",
    ]
    + [f"2.7 Personal Social Media Use {n}" for n in range(1, 10)]
    + ["Contact Information"]
)

NEW_BABY = (
    [
        "What is social media?",
        "Why do we use social media?",
        "Why do we need a social media policy?",
        "Setting out the social media policy",
        "Point of contact for social media",
        "Which social media channels do we use?",
    ]
    + [f"Using social media channels {n}" for n in range(1, 19)]
    + [f"Use of video conferencing platforms {n}" for n in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11)]
    + [f"Use of personal social media accounts {n}" for n in range(1, 12)]
    + [
        "Providing online support",
        "Libel",
        "Copyright law",
        "Confidentiality",
        "Discrimination and harassment",
        "Use of social media in the recruitment process",
        "Protection and intervention",
        "Under 18s and vulnerable people",
        "Responsibilities and beach of policy",
        "Public Interest Disclosure",
        "Policy review",
    ]
)

CLEAN_SLATE = [
    "1",
    "2",
    "3.1",
    "3.2",
    "4.1",
    "4.2",
    "5.1",
    "5.2",
    "6",
    "7.1",
    "7.2",
    "7.3",
    "7.4",
    "7.5",
    "7.6",
    "7.7",
    "8",
    "9",
]

EXPECTED = {
    "milestone-society": MILESTONE,
    "the-society": SOCIETY,
    "home-start-suffolk": HOME_START,
    "new-baby-network": NEW_BABY,
    "clean-slate": CLEAN_SLATE,
}


@pytest.mark.parametrize("policy_id", sorted(EXPECTED))
def test_every_clause_of_the_seed_is_present_in_order(policy_id: str) -> None:
    ids = [c.id for c in load_policy(policy_id).policy.clauses]
    assert ids == EXPECTED[policy_id]


@pytest.mark.parametrize("policy_id", BUILTIN_IDS)
def test_each_clause_is_enforced_or_explains_why_not(policy_id: str) -> None:
    compiled = load_policy(policy_id)
    for entry in compiled.clauses:
        assert entry.rules or entry.clause.guidance, entry.clause.id


@pytest.mark.parametrize("policy_id", BUILTIN_IDS)
def test_inbound_routes_cover_every_category(policy_id: str) -> None:
    from tactful.engine.model import INBOUND_CATEGORIES

    routing = load_policy(policy_id).policy.routing
    assert set(routing) == set(INBOUND_CATEGORIES)


def test_the_review_cycles_come_from_the_documents() -> None:
    months = {pid: load_policy(pid).policy.review.every_months for pid in EXPECTED}
    assert months == {
        "milestone-society": 36,
        "the-society": None,
        "home-start-suffolk": 12,
        "new-baby-network": 12,
        "clean-slate": 36,
    }


def test_new_baby_network_answers_within_48_hours() -> None:
    assert load_policy("new-baby-network").policy.response_target_hours == 48


def test_stand_ins_follow_the_documents() -> None:
    assert load_policy("milestone-society").policy.chain("Web Administrator") == [
        "Web Administrator",
        "Chairman",
    ]
    assert load_policy("home-start-suffolk").policy.chain("CEO") == ["CEO", "Board"]


def test_a_model_finding_is_not_repeated_beside_a_rule_of_the_same_clause() -> None:
    from tactful.engine import check

    post = (
        "We're delighted to announce our new patron, the broadcaster Anna Lee, who will "
        "help us reach families across Suffolk."
    )
    result = check(post, policy="home-start-suffolk")
    high_profile = [f for f in result.findings if f.category == "high_profile"]
    assert [f.rule for f in high_profile] == ["approval.high_profile"]


def test_consent_on_personal_accounts_follows_the_semantics_table() -> None:
    """docs/policy-semantics.md: Clean Slate asks permission for a post about a person
    on personal accounts too (5.1); Home-Start only for children (2.7 Personal Social
    Media Use 8); the Society's consent duties are its own posts'."""
    from tactful.engine import check

    text = "Great talk from Graham Oduya at the branch meeting tonight."
    cats = {
        pid: {f.category for f in check(text, policy=pid, account="personal",
                                        context={"profile_disclaimer": True}).findings
              if f.severity != "advice"}
        for pid in ("the-society", "home-start-suffolk", "clean-slate", "milestone-society")
    }  # fmt: skip
    assert cats == {
        "the-society": set(), "home-start-suffolk": set(), "clean-slate": {"consent"},
        "milestone-society": set(),
    }  # fmt: skip


def test_party_politics_on_personal_accounts_needs_a_link_where_the_table_says_so() -> None:
    """docs/policy-semantics.md: the Society, the Milestone Society and New Baby Network
    flag a personal post's party politics only when it ties the view to the
    organisation; Home-Start and Clean Slate not at all."""
    from tactful.engine import check

    def flagged(text: str, pid: str) -> bool:
        found = check(text, policy=pid, account="personal", context={"profile_disclaimer": True})
        return any(f.category == "party_politics" for f in found.findings)

    unlinked = "Anyone else think the Lib Dems have the best candidate in our ward this time?"
    linked = "As a trustee of our charity, I say vote Lib Dem on Thursday."
    for pid in ("the-society", "milestone-society", "new-baby-network"):
        assert not flagged(unlinked, pid), pid
        assert flagged(linked, pid), pid
    for pid in ("home-start-suffolk", "clean-slate"):
        assert not flagged(linked, pid), pid


def test_home_start_law_clause_governs_its_own_accounts_only() -> None:
    """Home-Start's section 2.4 (the law, defamation, data, copyright) sits among the
    rules for the charity's own accounts; personal use is section 2.7's, so
    docs/policy-semantics.md lists none of those categories for personal posts."""
    from tactful.engine import check

    text = "Top tip: park in the disabled bays outside the hall, the wardens never come on a Sunday."

    def cats(account: str) -> set[str]:
        found = check(text, policy="home-start-suffolk", account=account,
                      context={"profile_disclaimer": True})
        return {f.category for f in found.findings if f.severity != "advice"}  # fmt: skip

    assert "unlawful_activity" in cats("official")
    assert "unlawful_activity" not in cats("personal")
    phone = "Ring Dave on 07700 900123 if you want a lift."
    assert "personal_data" in {
        f.category for f in check(phone, policy="home-start-suffolk").findings
    }
    assert "personal_data" not in {
        f.category
        for f in check(phone, policy="home-start-suffolk", account="personal",
                       context={"profile_disclaimer": True}).findings
    }  # fmt: skip
