"""Politics: a post that takes sides in party politics.

Charity law lets a charity campaign on policy, but never support or oppose a
political party or candidate. This check finds a UK party or a well-known
politician (from a gazetteer of parties, their usual short names and hashtags,
and leading figures as of 2026) and flags the post only when it does one of three
things with them:

- tells people how to vote: "vote Labour", "don't vote Tory", "#VoteGreen",
  "put your cross by the Lib Dems", "vote for Jane Smith on polling day";
- endorses them: "the only party that cares about families", "back our brilliant
  candidate", "we are proud to support Reform UK";
- attacks them: "the Tories have failed", "Reform are dangerous", "#ToriesOut",
  "anyone but the Conservatives", "make sure the Tories lose";
- campaigns with them: "help the Labour campaign", "rally with the Greens",
  "Ruth Adeyemi for Mayor!", "vote blue";
- frames a party or candidate for the vote: a post that names one or two parties or
  candidates, points at the election ("before you vote", "polling day", "on 7
  May", "five more years") and takes a stance ("the only ones who listen",
  "remember who cut ...", "don't let them back in"). Naming every party, hustings,
  "whoever you vote for" and reporting what a party said stay neutral.

What passes: comment on a policy itself ("scrap the two-child limit"), asking
people to register or to vote without saying for whom, votes that are not
elections ("vote for your favourite bake"), a hustings listing every party,
thanking a named MP for a visit, and the everyday words that are also party
names ("labour ward", "labour of love", "the village green", "welfare reform").
Ordinary words count as a party only when capitalised and not part of a longer
name (Sarah Green, Bethnal Green).

Matching runs on the folded view, so "#V0teLab0ur", look-alike letters and
letters spaced apart ("v o t e  g r e e n") are caught.

``requires_org_link: true`` is the personal-account variant: a staff member may
hold political views, so the post is flagged only when it also ties itself to
the organisation ("our charity", "as a trustee of", "on behalf of"). Add the
organisation's own name to ``org_link_phrases`` in a policy's custom rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..names import PARTY_LABEL
from ..text import Document, Folded, SentenceIndex
from ..yamlfile import read_yaml
from .base import Check, Hit
from .disclaimer import name_pattern, names_a_charity_of_the_author
from .lexicon import compile_lexicon
from .pattern import MAX_HITS

GAZETTEER = Path(__file__).parent / "data" / "politics_gazetteer.yml"

DEFAULT_ORG_LINK = [
    "our charity", "our organisation", "our organization", "our members", "our volunteers",
    "our staff", "our service users", "our families", "our trustees", "our board",
    "as a trustee", "as trustee", "as a volunteer", "as a member of staff", "as chair",
    "as the chair", "as ceo", "as chief executive", "as a director", "as director",
    "on behalf of", "we at", "here at", "my charity", "my organisation", "my employer",
    "the charity", "speaking for", "i work for", "i volunteer for", "i volunteer with",
    "our society", "our cic", "volunteer with", "volunteer for", "volunteer at",
    "volunteering with", "volunteering for", "trustee of", "trustee at", "i work for",
    "i work at", "work for the charity", "our cause",
]  # fmt: skip


def _lexicon(phrases: list[str]) -> regex.Pattern[str]:
    """A lexicon that also accepts the curly apostrophe phones type."""
    rx = compile_lexicon(phrases + [p.replace("'", "’") for p in phrases if "'" in p])
    assert rx is not None
    return rx


VOTE_BEFORE = regex.compile(
    r"(?:\b(?:vote|voting)(?:\s+(?:for|against))?"
    r"|\b(?:back|backing|elect|re-?elect|choose|pick)"
    r"|\b(?:get|getting|rally|rallying|stand|standing|firmly|fully|squarely|right|we're|we\s+are)(?:\s+all)?\s+behind"
    r"|\bput\s+your\s+(?:x|cross)\s+(?:next\s+to|by|for|beside))"
    r"\s+(?:the\s+|a\s+|your\s+(?:local\s+)?)?$"
)
SUPPORT_BEFORE = regex.compile(
    r"\b(?:we|i|please|proudly|proud\s+to)\s+(?:support|endorse)\s+(?:the\s+)?$"
)
AGAINST_BEFORE = regex.compile(
    r"\b(?:stop|beat|defeat|sack|ditch|bin|oust|shame\s+on|never\s+trust|don'?t\s+trust|don’t\s+trust|"
    r"anyone\s+but|anybody\s+but|anything\s+but|say\s+no\s+to|no\s+more|not\s+another\s+vote\s+for|"
    # "I'll be out campaigning against the Reform candidate"; "who got us into this mess: the Conservatives"
    r"campaign\w*\s+against|got\s+us\s+(?:all\s+)?into\s+this\s+mess\W{0,3}|the\s+sooner)\s+(?:the\s+)?$"
)
# "make sure the Conservatives lose", "the Tories need to go"
LOSE_AFTER = regex.compile(
    r"^\W{0,2}\s*(?:lose|lost|are\s+beaten|get\s+beaten|need\s+to\s+go|must\s+go|have\s+to\s+go|"
    r"don't\s+get\s+in|don’t\s+get\s+in|never\s+get\s+in|stay\s+out|pay\s+for\s+(?:it|this)\s+at\s+the\s+ballot)\b"
)
# "help the Labour campaign", "canvass for the Greens", "rally with the Green Party"
CAMPAIGN_BEFORE = regex.compile(
    r"\b(?:help|join|volunteer\s+(?:for|with)|sign\s+up\s+(?:to|for)(?:\s+help)?|canvass\w*\s+for|"
    r"leaflet\w*\s+for|deliver\w*\s+leaflets\s+for|(?:knock\w*\s+(?:on\s+)?doors|door[\s-]?knocking|"
    r"telling)\s+for|rally\s+with|march\s+with|stand\s+alongside|"
    r"campaign\w*\s+(?:for|with)|endorsement\s+of|formally\s+endorses?|endorses?)\s+(?:the\s+|our\s+local\s+)?$"
)
CAMPAIGN_AFTER = regex.compile(r"^\W{0,2}\s*(?:campaign|campaigners|campaign\s+team|candidate|team|rally)\b")
KEEP_OUT_BEFORE = regex.compile(
    r"\b(?:keep|kick|get|boot|turf|throw|vote)\s+(?:the\s+|this\s+|that\s+|these\s+|those\s+)?$"
)
LET_DOWN_AFTER = regex.compile(
    r"^\W*(?:\s+(?:has|have|had|keeps?|always|again|totally|utterly))*\s+let\s+(?:[\w'’-]+\s+){0,3}down\b"
)
OUT_AFTER = regex.compile(r"^\W{0,2}\s*(?:lot\s+|mob\s+|shower\s+)?out\b")
REPORTING = _lexicon([
    "said", "says", "told", "announced", "pledged", "promised", "warned", "claimed", "claims",
    "argued", "argues", "called", "calls", "urged", "urges", "wrote", "according", "report",
    "reported",
])  # fmt: skip
ENDORSE = _lexicon([
    "only party", "the only one", "the only credible", "only credible one", "best party", "right party", "deserves your vote",
    "deserve your vote", "deserves our vote", "gets my vote", "get my vote", "gets our vote",
    "has my vote", "has our vote", "have our vote", "has our support", "have our support",
    "has our backing", "have our backing", "we back", "we are backing", "we're backing",
    "we endorse", "we support", "proud to back", "proud to support", "proud to endorse",
    "on your side", "on the side of", "will fight for", "fighting for", "the party for",
    "the party of", "cares about", "care about", "really cares", "truly cares", "brilliant candidate",
    "fantastic candidate", "great candidate", "amazing candidate", "best candidate",
    "our candidate", "the right choice", "the only choice", "the clear choice",
    "can be trusted", "will deliver", "delivers for", "delivered for", "champion of",
    "champions for", "into power", "sweep into power", "a vote for", "deserve your support",
    "deserves your support", "worth voting for", "the only ones who",
    "got our vote", "got my vote", "all the way", "the one to pick", "the one to vote for", "only one choice", "the only option", "'s got our vote", "gets our backing", "proud to stand with",
    "stand alongside", "behind them all the way", "vote accordingly", "you know what to do",
    "candidate your vote", "candidates your vote", "party your vote",
    "earned your support", "earned our support", "earned your vote",
])  # fmt: skip
ATTACK = _lexicon([
    "failed", "fail", "failing", "let down", "let us down", "let families down", "betrayed",
    "betray", "betrayal", "dangerous", "a danger", "liars", "lying", "lied", "lies", "useless",
    "incompetent", "clueless", "heartless", "cruel", "callous", "shameful", "shame on",
    "disgrace", "disgraceful", "disgusting", "corrupt", "crooks", "can't be trusted",
    "cannot be trusted", "can not be trusted", "never be trusted", "don't care",
    "do not care", "doesn't care", "does not care", "never cared", "couldn't care less",
    "ruined", "ruining", "wrecked", "wrecking", "destroyed", "destroying", "out of touch",
    "chaos", "a mess", "hate", "hates", "a joke", "pathetic", "nasty", "evil", "vile",
    "racist", "racists", "scum", "toxic", "extremist", "extremists", "far-right",
    "far right", "fascist", "fascists", "hypocrites", "hypocrisy", "hypocritical", "morons",
    "idiots", "clowns", "must go", "out now", "done nothing", "did nothing", "do nothing",
    "does nothing", "achieved nothing", "delivered nothing", "disaster", "disastrous",
    "catastrophic", "abandoned", "sold out", "broken promises", "broke their promises",
    "turned their backs", "not in our name", "can't afford", "cannot afford", "don't let", "waste your vote",
    "not the one", "typical of", "never lifted a finger", "lifted a finger",
    "ignoring", "ignored", "shown the door", "show them the door", "time they went",
    "neglect", "cuts to", "don't believe a word", "never will",
])  # fmt: skip
ATTACK_BEFORE_WORDS = 3
ATTACK_AFTER_WORDS = 8
ENDORSE_WORDS = 8
CANDIDATE = regex.compile(
    r"\b(?:vote\s+for|voting\s+for|back|backing|support|elect|re-?elect|get\s+behind|rally\s+behind)\s+"
    r"(?:our|my|the|your)\s+(?:[\w'-]+\s+){0,2}?candidates?\b"
)
NOT_AN_ELECTION = _lexicon([
    "trustee", "trustees", "board", "agm", "committee", "award", "awards", "competition",
    "bake off", "bake-off", "apprentice", "quiz", "prize", "young volunteer", "ambassador",
    "youth council", "of the year", "nominee", "nominees", "nominated", "shortlisted",
])  # fmt: skip
# Elections no club or charity holds: "by-election", "polling day", "(Lib Dem)" after a name.
PUBLIC_ELECTION = regex.compile(
    r"\b(?:by-election|general\s+election|local\s+elections?|(?:county|district|borough|city|"
    r"town|parish)\s+council\s+elections?|mayoral\s+election|polling\s+(?:day|station)s?|ballot\s+box)\b"
    rf"|\({PARTY_LABEL}\)",
    regex.IGNORECASE,
)
ELECTION_CONTEXT = regex.compile(
    r"\b(?:election|elections|polling|polls|ballot|constituency|councillor|mayor|mp|msp|"
    r"senedd|holyrood|stormont|westminster|by-election|hustings)\b",
    regex.IGNORECASE,
)
VOTE_LEAD = r"\b(?:(?i:vote|voting)\s+(?i:for)|(?i:give|giving|lend|cast)\s+(?i:your|their|our|my)\s+(?i:votes?)\s+(?i:to|for))\s+"
VOTE_FOR_NAME = regex.compile(
    VOTE_LEAD +
    r"(?!(?:The|Your|Our|My|A|An|Whoever|Who|What|Which|This|That|Them|Him|Her|Us|Me|It|Each|Every|Any)\b)"
    r"\p{Lu}[\p{L}'’-]+"
)
# A voting call that points back at a party or candidate named elsewhere in the post:
# "The Tories have done nothing for us. Don't give them your vote."
PRONOUN_VOTE = regex.compile(
    r"\b(?:(?:don't|don’t|do\s+not|never|won't|won’t)\s+(?:give|lend|waste)\s+(?:them|him|her)\s+(?:your|a|one|another)\s+(?:single\s+)?vote"
    r"|(?:give|lend)\s+(?:them|him|her)\s+(?:your|their|our|my)\s+(?:\w+\s+)?votes?"
    r"|(?:don't|don’t|do\s+not|never)\s+vote\s+(?:for\s+)?(?:them|him|her)\b"
    r"|vote\s+(?:for\s+)?(?:them|him|her)\s+(?:out|in|back\s+in|on\s+\w+day|on\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?)\b"
    r"|(?:them|him|her)\s+(?:gets?|deserves?|has)\s+(?:my|our|your)\s+vote"
    r"|(?:won't|won’t|will\s+not|never)\s+be\s+voting\s+for\s+(?:them|him|her)"
    r"|(?:she|he|they)(?:'s|’s|\s+has|\s+have|'ve|’ve)\s+got\s+(?:my|our)\s+vote"
    r"|(?:don't|don’t|do\s+not)\s+let\s+(?:them|him|her)\s+(?:anywhere\s+)?near\s+(?:the\s+)?(?:council|town\s+hall|county\s+hall|city\s+hall|mayor['’]s\s+office|parliament|westminster|power|office)"
    r"|(?:make\s+sure\s+)?(?:they|he|she)\s+pay\s+for\s+(?:it|this)\s+at\s+the\s+(?:ballot\s+box|polls)"
    r"|vote\s+accordingly"
    r"|(?:vote|voting)\s+for\s+anyone\s+but\s+(?:them|him|her)"
    r"|get\s+(?:her|him|them)\s+(?:re-?)?elected"
    r"|vote\s+(?:them|him|her)\s+(?:down|off)"
    r"|(?:should|must|please|let's|let’s)\s+(?:all\s+)?back\s+(?:them|him|her)\b"
    # "he has our full backing on 10 December"; "of everyone standing, she's the one who
    # listens"; "we'd be lucky to have her on the council"; "you know what to do on Thursday"
    r"|(?:she|he|they)\s+(?:has|have)\s+(?:our|my)\s+(?:full\s+|complete\s+|total\s+|wholehearted\s+)?(?:backing|support|vote)\b"
    r"|(?:everyone|everybody|all\s+(?:the\s+)?(?:candidates|those))\s+standing,?\s+(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re|’re)\s+the\s+(?:one|only\s+one|best)\b"
    r"|(?:doesn't|doesn’t|does\s+not|don't|don’t|do\s+not)\s+deserve\s+(?:a\s+single|one|your|a|any)\s+votes?\b"
    r"|(?:shouldn't|shouldn’t|should\s+not|don't|don’t|do\s+not|never|can't|cannot)\s+trust\s+(?:them|him|her)\b"
    r"|vote\s+for\s+(?:whoever|whichever\s+candidate|anyone\s+who|the\s+one\s+who)\s+(?:can|will|is\s+(?:most\s+)?likely\s+to)\s+(?:beat|stop|keep\s+out|defeat)\s+(?:him|her|them)\b"
    r"|lucky\s+to\s+have\s+(?:her|him|them)\s+(?:on|at|in)\s+(?:the\s+)?(?:council|town\s+hall|county\s+hall|parliament|westminster)\b"
    r"|you\s+(?:all\s+)?know\s+who\s+(?:deserves|gets|has\s+earned|should\s+get)\s+(?:your|our|my)\s+(?:vote|cross|support)\b"
    r"|you\s+(?:all\s+)?know\s+what\s+to\s+do\s+(?:on\s+(?:\w+day|\d{1,2}(?:st|nd|rd|th)?\s+\w+)|at\s+the\s+(?:polls|ballot\s+box)|on\s+polling\s+day|in\s+may)\b"
    # "she's the one to back on polling day"; "he won't be getting our vote, and he shouldn't get yours"
    r"|(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re|’re)\s+(?:the\s+(?:one|person|candidate)|the\s+only\s+one)\s+to\s+(?:back|vote\s+for|support|pick|choose)\b"
    r"|(?:she|he|they)\s+(?:won't|won’t|will\s+not|shouldn't|shouldn’t|should\s+not|doesn't|doesn’t|don't|don’t)\s+(?:be\s+getting|get|deserve)\s+(?:(?:our|my|your)\s+votes?|yours)\b"
    r"|(?:don't|don’t|do\s+not)\s+reward\s+(?:them|him|her)\b"
    # "we'd be very happy to see him in Westminster come May"
    r"|(?:happy|delighted|glad|love|like|proud)\s+to\s+see\s+(?:him|her|them)\s+(?:in|at|on)\s+(?:westminster|parliament|(?:the\s+)?council|county\s+hall|(?:the\s+)?town\s+hall|the\s+commons)\b"
    # "Members, you know where your vote should go on 5 November"
    r"|you\s+(?:all\s+)?know\s+where\s+(?:your|the|our)\s+(?:vote|votes|cross|x)\s+(?:should\s+go|goes|belongs|needs\s+to\s+go)"
    # "Keep them out of County Hall on Thursday", "kick him out in May"
    r"|(?:keep|kick|boot|turf|throw|vote)\s+(?:them|him|her)\s+out\s+(?:of\s+(?:county\s+hall|the\s+town\s+hall|the\s+council|office|power|(?:the\s+)?(?:council\s+)?chamber)"
    r"|(?:on|this|next)\s+(?:\w+day|may|thursday)|at\s+the\s+(?:ballot\s+box|polls|election))\b)"
)
# Someone standing for or holding elected office, for calls that point back at them.
POLITICIAN = regex.compile(
    r"\b(?:candidates?|cllr|councillors?|mps?|mayor|mayoral|msp|ms|mla|ward\s+member)\b|@\w*mp\b"
)
# A post that names a party or candidate, rates them and points at the vote takes a
# side even without "vote for": "Labour promised more midwives and delivered
# nothing. Think about that before you vote."
ELECTION_CUE = regex.compile(
    r"\b(?:vote|votes|voting|voter|voters|ballot|ballots|polling|polls|election|elections|by-election|"
    r"on\s+\d{1,2}(?:st|nd|rd|th)?\s+may|on\s+thursday|tomorrow|(?:back|get|got)\s+in\s*(?:again|power)?|"
    r"re-?elect\w*|elected|in\s+power|put\s+your\s+cross|cross\s+in\s+the\s+box|next\s+government|five\s+more\s+years|doorstep\w*|canvass\w*|"
    r"campaign\w*\s+(?:alongside|with|for)|rally|for\s+(?:mp|mayor|council|councillor|pm|prime\s+minister)|"
    r"(?:if|when)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+win)\b|🗳"
)
NEUTRAL_ELECTION = regex.compile(
    r"\b(?:hustings|all\s+(?:the\s+)?(?:parties|candidates)|every\s+(?:party|candidate)|whoever\s+you\s+(?:support|vote)|"
    r"register\s+to\s+vote|whichever\s+party|all\s+candidates|questions\s+for\s+(?:the\s+)?candidates|"
    r"both\s+(?:the\s+)?(?:candidates|parties)|any\s+(?:party|candidate)|cross-party|non-partisan|impartial|"
    r"whoever\s+wins|favourite|competition|awards?)\b"
)
# The reader's own stance is asked for, or the party is rated: anything but a bare
# neutral mention ("the Labour candidate will be at the fair").
RATING = regex.compile(
    r"\b(?:terrible|awful|disaster\w*|failed|failing|nothing|lied|lies|liars?|fiddled|crook\w*|fraud\w*|shut|closed|"
    r"your\s+votes?|vote\s+for\s+me|standing\s+for|cut|cuts|scrap|scrapped|scrapping|tear\s+(?:up|apart)|bear\s+(?:that|this|it)\s+in\s+mind|"
    r"hurts?|harm\w*|goodbye|warned|fall\s+for|trust|better|best|more\s+than|"
    r"cares?|champion\w*|deliver\w*|only\s+(?:one|ones|party)|promised|broken|betray\w*|against|"
    r"listen\w*|waste|pay|afford|don't|don’t|do\s+not|never|remember|think|make\s+sure|let's|let’s|"
    r"help|join|come\s+and|proud|delighted|alongside|all\s+the\s+way|stand\s+(?:up\s+)?(?:with|for)|"
    r"value|pick|choose|back|backing|support\w*|re-?elect|keep|out|in\s+our\s+name|gets\s+it|done\s+more)\b"
)
ELECTION_REPORTING = regex.compile(
    r"\b(?:said|says|announced|reports?|reported|according\s+to|told|pledged|manifesto\s+(?:says|promises)|"
    r"here's\s+what|what\s+it\s+means|explainer)\b"
)
FOR_OFFICE = regex.compile(
    r"\b\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+\s+for\s+(?:MP|Mayor|mayor|PM|Prime\s+Minister|Councillor|councillor|council)\b(?!\s+(?:to|and|of))"
)
# Party colours in a voting call: "vote blue", "vote red to keep it going".
COLOUR_VOTE = regex.compile(
    r"\b(?:vote|voting|go)\s+(?:blue|red|yellow|orange|turquoise|purple)\b(?!\s+(?:for\s+your|in\s+our|team))"
)
BACK_NAMED_CANDIDATE = regex.compile(
    r"\b(?i:backing|back|supporting|support|endorsing|endorse|get\s+behind|behind)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?,\s+"
    r"(?i:the|our)\s+[\w\s-]{0,25}?(?i:candidate)\b"
)
# "I'm backing Sarah Ollerton for mayor", "Vote Ollerton on 7 May!": a named person and
# an elected office or a polling date.
BACK_FOR_OFFICE = regex.compile(
    r"\b(?i:backing|back|supporting|support|endorsing|endorse|get\s+behind|voting\s+for|vote\s+for)\s+"
    r"\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?\s+(?i:for|as)\s+(?i:(?:our\s+|the\s+|next\s+)?"
    r"(?:mayor|councillor|mp|police\s+and\s+crime\s+commissioner|pcc))\b"
    # "I'm backing Jo Carver for Ashdown ward on 7 May": a ward or a seat is an elected office
    r"|\b(?i:backing|supporting|endorsing|voting\s+for|vote\s+for)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?"
    r"\s+(?i:for)\s+(?:\p{Lu}[\p{L}'’-]+\s+){1,3}(?i:ward|division|constituency|seat)\b"
    r"|\b(?i:vote)\s+(?!(?i:for|against|on|in|at|with|to|and|or|the|your|our|now|today|early|leave|remain|yes|no)\b)"
    r"\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?\s+(?i:on\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+\p{L}+|\w+day)|in\s+may|for\s+mayor)\b"
)
HINTED_VOTE = regex.compile(
    r"\b(?i:know|knows|knew)\s+(?i:where|how)\s+to\s+(?i:put|place|mark)\s+(?i:their|your|our|his|her)\s+(?i:cross|x|vote)\b"
    r"|\b(?i:you|members|readers|everyone)\s+(?i:will\s+)?(?i:know|knows)\s+where\s+(?i:your|their)\s+(?i:vote|cross)\s+(?i:should|ought\s+to)\s+go\b"
    # "members in Eastgate will know who deserves their support on the 14th"
    r"|\b(?i:know|knows)\s+who\s+(?i:deserves|has\s+earned|should\s+get|gets)\s+(?i:their|your|our)\s+(?i:support|vote|cross|backing)\b"
    # "whoever you vote for, just make sure it isn't the party that closed the centres"
    r"|\b(?i:make\s+sure)\s+(?i:it\s+isn['’]t|it['’]s\s+not|it\s+is\s+not)\s+the\s+(?i:party|lot|ones)\s+(?i:that|who)\b"
)
# "cannot afford four more years of this government", "choose the party that will fund
# family support": steering a vote against the party in power or to an unnamed side, in a
# post about voting
STEER_AT_VOTE = regex.compile(
    r"\b(?i:afford|survive|take|stand|face|endure)\s+(?i:another|(?:four|five)\s+more|more)\s+years\s+of\s+"
    r"(?i:this|the\s+current|the\s+same)\s+(?i:government|lot)\b"
    r"|\b(?i:choose|pick|back|vote\s+for)\s+the\s+(?i:party)\s+(?i:that|who)\b"
)
# "the Conservatives haven't said a word. Worth thinking about before you vote": a nudge
# after naming one party (a post naming several is read as balanced)
NUDGE_BEFORE_VOTE = regex.compile(
    r"\b(?i:worth|something\s+to\s+(?:think|bear))\s+(?i:thinking\s+about|bearing\s+in\s+mind|remembering"
    r"|about|in\s+mind)\s+(?i:before|when)\s+(?i:you|they|we)\s+(?i:vote|go\s+to\s+the\s+polls)\b"
)
MANIFESTO = regex.compile(r"\b(?i:manifesto|manifestos|polling\s+day|ballot|candidates?)\b")
# "Proud to be standing as the Conservative candidate for Eastgate!": the author's own
# party candidacy, which a personal post must keep apart from the organisation
OWN_CANDIDACY = regex.compile(
    r"\b(?i:I['’]m|I\s+am|proud\s+to\s+be|to\s+be|I['’]ll\s+be|I\s+will\s+be)\s+(?:(?i:standing|running)\s+"
    r"(?i:as|for)\s+)?(?i:the|a|an)\s+(?:Labour|Conservative|Tory|Liberal\s+Democrat|Lib\s+Dem|Green(?:\s+Party)?"
    r"|Reform(?:\s+UK)?|SNP|Plaid(?:\s+Cymru)?)\s+(?i:candidate|party\s+candidate)\b"
)
# "only one party's manifesto mentions heritage, and its candidates wear yellow rosettes.
# Make of that what you will", "On 7 May you know which box not to tick 🔵❌": a wink at
# a side, in a post about an election that points at a party without naming it
WINK_AT_VOTE = regex.compile(
    r"\b(?i:make\s+of\s+that\s+what\s+you\s+will|draw\s+your\s+own\s+conclusions|just\s+saying"
    r"|(?:I['’]ll|we['’]ll)\s+say\s+no\s+more|know\s+which\s+box(?:\s+not)?\s+to\s+(?:tick|cross|mark)"
    r"|know\s+which\s+box\s+(?:deserves|gets|should\s+get)\s+(?:your|their|our)\s+(?:cross|vote|x)"
    r"|(?:we|you)\s+know\s+whose\s+side\s+(?:we|you)(?:['’]re|\s+are)\s+on"
    r"|no\s+surprises?\s+where\s+my\s+vote(?:['’]s|\s+is)\s+going|you\s+can\s+guess\s+where\s+my\s+vote"
    r"|remember\s+who\s+(?:actually\s+)?(?:turned|showed)\s+up"
    r"|only\s+one\s+party(?:['’]s)?\s+(?:manifesto|candidate|on\s+the|has|even|actually|bothered|promised))\b"
)
PARTY_POINTER = regex.compile(
    r"\b(?i:one\s+party|a\s+party|the\s+party|rosettes?|(?:blue|red|yellow|orange|green|purple)\s+(?:team|lot|side|rosettes?))\b"
    r"|[🌹🔵🔴🟡🟠🟢🟣🟥🟦🟨🟩🟧🟪]"
)
# "#UseYourVote", "Polling day!", "Thinking about Thursday? ... vote": a post about voting
VOTING_ANYWHERE = regex.compile(r"(?i:vot(?:e|es|ing)|polls?\b|polling|election|ballot)")
# "good to see a party that actually shows up", "my Labour rosette": praise for a party
PARTY_PRAISE = regex.compile(
    r"\b(?i:good|great|nice|refreshing|lovely)\s+to\s+see\s+a\s+party\s+that\b"
    r"|\b(?i:my|our)\s+(?:Labour|Conservative|Tory|Lib(?:eral)?\s+Dem(?:ocrat)?|Green|Reform|SNP|Plaid)\s+(?i:rosettes?)\b"
)
# "Vote for Priya Shah", "Don't vote for Cllr Hayes": a full or titled name.
VOTE_FOR_PERSON = regex.compile(
    VOTE_LEAD + r"(?:(?:Cllr|Councillor|Mayor)\.?\s+\p{Lu}[\p{L}'’-]+|"
    r"(?!(?:The|Your|Our|My|Whoever|This|That|Team|Mr|Mrs|Ms|Miss)\b)\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+)"
)
COMPACT_LEAD = r"(?:not|never|nomore|anyonebut|vote|votefor|voting|backing|back|elect|reelect|standwith|imwith|team|stop|beat|defeat|bin|ditch|sack|dontvote|donotvote|nevervote|neverevervote)"
COMPACT_TAIL = r"(?:out|outnow|mustgo|fail|failed|failure|lies|liars|chaos|shame|betrayal)"
LETTERS = regex.compile(r"\p{L}+")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offsets in the view's text
    end: int
    label: str


@dataclass(frozen=True)
class Gazetteer:
    names: regex.Pattern[str]
    label: dict[str, str]
    ambiguous: frozenset[str]
    safe_before: dict[str, frozenset[str]]
    safe_after: dict[str, frozenset[str]]
    compact: regex.Pattern[str]
    compact_label: dict[str, str]


@cache
def load_gazetteer(path: Path = GAZETTEER) -> Gazetteer:
    data, _ = read_yaml(path)
    label: dict[str, str] = {}
    ambiguous: set[str] = set()
    before: dict[str, frozenset[str]] = {}
    after: dict[str, frozenset[str]] = {}
    compact: dict[str, str] = {}
    for p in data["parties"]:
        for n in p["names"]:
            label[n] = p["party"]
        for n in p["ambiguous"]:
            label[n] = p["party"]
            ambiguous.add(n)
            before[n] = frozenset(p["safe_before"])
            after[n] = frozenset(p["safe_after"])
        for c in p["compact"]:
            compact[c] = p["party"]
    for person in data["people"]:
        title = person["name"].title()
        label[person["name"]] = title
        surname = person["name"].split()[-1]
        if person.get("surname_alone"):
            label[surname] = title
            compact[surname] = title
    names = compile_lexicon(list(label))
    assert names is not None
    alts = "|".join(sorted(map(regex.escape, compact), key=len, reverse=True))
    compact_rx = regex.compile(
        rf"(?:{COMPACT_LEAD}(?:the)?(?P<p>{alts})|(?:kick|get|keep|boot|vote)?(?:the)?(?P<p>{alts}){COMPACT_TAIL})"
    )
    return Gazetteer(names, label, frozenset(ambiguous), before, after, compact_rx, compact)


class PoliticsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requires_org_link: bool = False
    org_link_phrases: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ORG_LINK), max_length=200
    )
    vote: bool = True
    endorse: bool = True
    attack: bool = True


class PoliticsCheck(Check):
    """Flags telling people how to vote for, endorsing, or attacking a UK party or politician."""

    kind = "politics"
    Params = PoliticsParams

    def __init__(self, params: PoliticsParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.org_link = (
            compile_lexicon(params.org_link_phrases) if params.org_link_phrases else None
        )

    def _linked(self, doc: Document) -> bool:
        """Whether the post ties itself to the organisation, by a cue or by its name."""
        if self.org_link and self.org_link.search(doc.folded.text):
            return True
        name = (doc.organisation or "").lower().removeprefix("the ").strip()
        if len(name) > 3 and name in doc.folded.text:
            return True
        # "New Baby Network volunteer here": the name without its legal suffix.
        pattern = name_pattern(doc.organisation or "")
        if pattern is None and doc.organisation:
            # a placeholder name ("Your Charity"): the charity the author says they work for
            return names_a_charity_of_the_author(doc.text) is not None
        return bool(pattern and pattern.search(doc.text))

    def run(self, doc: Document) -> Iterable[Hit]:
        if not doc.text.strip():
            return []
        if self.p.requires_org_link and not self._linked(doc):
            return []
        gaz = load_gazetteer()
        hits: list[Hit] = []
        # squash leaves most posts as they are, and then the two views are one
        views = (doc.folded,) if doc.squashed is doc.folded else (doc.folded, doc.squashed)
        for view in views:
            for hit in self._view_hits(doc, view, gaz):
                if not any(h.start < hit.end and hit.start < h.end for h in hits[-8:]):
                    hits.append(hit)
                if len(hits) >= MAX_HITS:
                    break
        return sorted(hits, key=lambda h: h.start)

    def _view_hits(self, doc: Document, view: Folded, gaz: Gazetteer) -> Iterator[Hit]:
        text = view.text
        sentences = SentenceIndex(text)
        for m in _mentions(doc, view, gaz):
            s0, e0 = sentences.around(m.start, m.end)
            found = self._judge(text, m, s0, e0)
            if found:
                start, end, message = found
                yield Hit(*view.to_original(start, end), message=message)
        if self.p.vote and self.p.attack and self.p.endorse and view is doc.folded:
            yield from _election_framing_hits(doc, view, gaz)
            yield from _insinuation_hits(doc, view, gaz)
        if self.p.vote:
            yield from _pronoun_vote_hits(doc, view, gaz)
            yield from _compact_hits(view, gaz)
            yield from _candidate_hits(doc, view, sentences)

    def _judge(self, text: str, m: Mention, s0: int, e0: int) -> tuple[int, int, str] | None:
        before, after = text[s0 : m.start], text[m.end : e0]
        if self.p.vote:
            v = VOTE_BEFORE.search(before)
            if v:
                return s0 + v.start(), m.end, f"Tells people how to vote ({m.label})."
        if self.p.attack:
            if KEEP_OUT_BEFORE.search(before) and OUT_AFTER.search(after):
                return m.start, m.end, f"Campaigns against a party or politician ({m.label})."
            let = LET_DOWN_AFTER.search(after)
            if let:
                return m.start, m.end + let.end(), f"Attacks a party or politician ({m.label})."
            if LOSE_AFTER.search(after):
                return m.start, m.end, f"Campaigns against a party or politician ({m.label})."
            voter = VOTER_BEFORE.search(before)
            if voter and VOTER_PUTDOWN_AFTER.search(after):
                return s0 + voter.start(), m.end, f"Attacks a party's voters ({m.label})."
            a = AGAINST_BEFORE.search(before)
            if a:
                return (
                    s0 + a.start(),
                    m.end,
                    f"Campaigns against a party or politician ({m.label}).",
                )
            near = _near(ATTACK, text, m, s0, e0, ATTACK_BEFORE_WORDS, ATTACK_AFTER_WORDS)
            if near:
                return (
                    min(near[0], m.start),
                    max(near[1], m.end),
                    f"Attacks a party or politician ({m.label}).",
                )
        if self.p.endorse:
            camp = CAMPAIGN_BEFORE.search(before)
            if camp and (not camp.group().strip().startswith(("help", "join", "sign", "volunteer"))
                         or CAMPAIGN_AFTER.search(after)):
                return s0 + camp.start(), m.end, f"Supports a party's campaign ({m.label})."
            sup = SUPPORT_BEFORE.search(before)
            if sup:
                return s0 + sup.start(), m.end, f"Endorses a party or politician ({m.label})."
            near = _near(ENDORSE, text, m, s0, e0, ENDORSE_WORDS, ENDORSE_WORDS)
            if near:
                return (
                    min(near[0], m.start),
                    max(near[1], m.end),
                    f"Endorses a party or politician ({m.label}).",
                )
        return None


def _near(
    rx: regex.Pattern[str], text: str, m: Mention, s0: int, e0: int, left: int, right: int
) -> tuple[int, int] | None:
    """A phrase from ``rx`` within ``left`` words before or ``right`` words after the
    mention, in the same sentence, with no reporting verb or clause break between."""
    lo = _words_back(text, m.start, left, s0)
    for hit in rx.finditer(text, lo, m.start):
        gap = text[hit.end() : m.start]
        if not _breaks(gap):
            return hit.start(), hit.end()
    hi = _words_forward(text, m.end, right, e0)
    for hit in rx.finditer(text, m.end, hi):
        gap = text[m.end : hit.start()]
        if not _breaks(gap):
            return hit.start(), hit.end()
    return None


# "the Lib Dems, who are the only party that ...": a relative clause carries the
# praise on to the party it follows, so its comma is no break
RELATIVE_LINK = regex.compile(r"^\W{0,3},\s+(?:who|which)\s+(?:are|is|were|was|have|has)\b", regex.I)


def _breaks(gap: str) -> bool:
    gap = RELATIVE_LINK.sub(" ", gap, count=1)
    return any(c in gap for c in ',;:()"“”') or bool(REPORTING.search(gap))


def _words_back(text: str, pos: int, n: int, floor: int) -> int:
    i, count = pos, 0
    while i > floor:
        if text[i - 1].isspace() and i < pos and not text[i].isspace():
            count += 1
            if count > n:
                return i
        i -= 1
    return floor


def _words_forward(text: str, pos: int, n: int, ceiling: int) -> int:
    i, count = pos, 0
    while i < ceiling:
        if text[i].isspace() and i > pos and not text[i - 1].isspace():
            count += 1
            if count > n:
                return i
        i += 1
    return ceiling


def parties_named(doc: Document) -> set[str]:
    """The parties (or politicians' parties) a post names, as gazetteer labels."""
    return {m.label for m in _mentions(doc, doc.folded, load_gazetteer())}


def _mentions(doc: Document, view: Folded, gaz: Gazetteer) -> Iterator[Mention]:
    text = view.text
    for m in gaz.names.finditer(text):
        phrase = regex.sub(r"[\s\-]+", " ", m.group())
        label = gaz.label.get(phrase)
        if label is None:
            continue
        if phrase in gaz.ambiguous and not _is_party_use(
            doc, view, m.start(), m.end(), phrase, gaz
        ):
            continue
        yield Mention(m.start(), m.end(), label)


# "anyone who votes Reform needs their head examining": a put-down of a party's voters
# attacks the party.
VOTER_BEFORE = regex.compile(
    r"\b(?:anyone|anybody|any\s+(?:\w+\s+){0,2}?|people|those|folk|you)\s*(?:who|that)?\s+"
    r"(?:still\s+|actually\s+|even\s+)?(?:votes?|voted|would\s+vote|is\s+voting|backs?)\s+(?:for\s+)?$"
)
VOTER_PUTDOWN_AFTER = regex.compile(
    r"\bneeds?\s+(?:their|your|his|her)\s+heads?\s+(?:examining|examined|testing|tested|looking\s+at)"
    r"|\b(?:is|are|must\s+be|wants?|want\s+their)\s+(?:\w+\s+)?(?:mad|stupid|an?\s+idiot|idiots|"
    r"deluded|thick|clueless|bonkers|brainwashed|gullible|fools?|morons?|"
    r"out\s+of\s+(?:their|your|his|her)\s+minds?)\b"
    r"|\bdeserves?\s+(?:everything|all)\s+(?:they|you|he|she)\s+get"
)
# "Reform would..." usually means a change of the law, but in a post that asks the
# reader to vote it is the party: "Reform would tear up ten years of work. Think
# about that before you put your cross in the box."
MODALS = frozenset({"will", "would", "must", "should", "can", "could"})
VOTING_CALL = regex.compile(
    r"\b(?:vote|votes|voting|ballot\s+box|polling\s+(?:day|station)|put\s+your\s+cross|"
    r"cross\s+in\s+the\s+box|general\s+election|local\s+elections?)\b"
)


def _is_party_use(
    doc: Document, view: Folded, start: int, end: int, phrase: str, gaz: Gazetteer
) -> bool:
    """An ordinary word that is also a party name: capitalised, not inside a longer
    capitalised name, and not beside a word that gives its everyday sense."""
    o_start, _ = view.to_original(start, end)
    if not doc.text[o_start : o_start + 1].isupper():
        return False
    text = view.text
    prev_words = text[max(0, start - 40) : start].split()
    next_words = text[end : end + 40].split()
    for k in (1, 2, 3):
        if (
            len(prev_words) >= k
            and " ".join(prev_words[-k:]).strip(".,!?'\"") in gaz.safe_before[phrase]
        ):
            return False
        after = " ".join(next_words[:k]).strip(".,!?'\"")
        if after in gaz.safe_after[phrase] and not (
            after in MODALS and VOTING_CALL.search(text)
        ):
            return False
    return not _after_capitalised_word(doc, o_start)


def _after_capitalised_word(doc: Document, o_start: int) -> bool:
    """Sarah Green, Bethnal Green, Welfare Reform: the previous word is capitalised
    and is not the start of a sentence, a hashtag or a voting verb."""
    head = doc.text[max(0, o_start - 40) : o_start]
    m = regex.search(r"(\S+)\s+$", head)
    if not m:
        return False
    word = m.group(1)
    if not word[:1].isupper() or word.lower() in {"vote", "back", "elect", "the", "i", "we"}:
        return False
    lead = head[: m.start()].rstrip()
    return bool(lead) and lead[-1] not in ".!?:\n"


def _pronoun_vote_hits(doc: Document, view: Folded, gaz: Gazetteer) -> Iterator[Hit]:
    """A call such as "don't give them your vote" counts when the post names a party, a politician
    or an election candidate it can refer to."""
    if view is not doc.folded:
        return
    calls = list(PRONOUN_VOTE.finditer(view.text))
    if not calls:
        return
    text = view.text
    named = next(_mentions(doc, view, gaz), None) is not None or (
        bool(POLITICIAN.search(text)) and not NOT_AN_ELECTION.search(text)
    )
    if not named:
        return
    for m in calls:
        yield Hit(
            *view.to_original(m.start(), m.end()),
            message="Tells people how to vote about a party or candidate named in the post.",
        )


# A party pointed at without its name, ahead of a vote: "only one party has promised
# that; we'll let you work out which", "you know which leaflet we mean".
INSINUATION = regex.compile(
    r"\b(?:only\s+one\s+(?:[\w-]+\s+)?(?:party|candidate)\s+(?:has|have|is|will|would|could|can|did|knew|cares?|promised)|"
    r"(?:you\s+)?(?:know|guess|work\s+out|figure\s+out)\s+which\s+(?:one|party|candidate|leaflet|lot|side)"
    r"(?:\s+(?:we|i)\s+mean)?|(?:would|could)\s+you\s+(?:really\s+)?trust\s+a\s+party\s+(?:whose|that|which|who)|"
    # "just remember which party scrapped the budget", "worth remembering who closed the centres"
    r"(?:remember(?:ing)?|forget|bear\s+in\s+mind|think\s+about|ask(?:ing)?\s+yoursel(?:f|ves))\s+(?:exactly\s+)?"
    r"(?:which|what)\s+(?:party|lot|side|candidate|councillors?)|"
    r"(?:remember(?:ing)?|forget|bear\s+in\s+mind)\s+(?:exactly\s+)?who\s+(?:closed|cut|scrapped|shut|axed|"
    r"sold\s+off|promised|voted|took|abolished|slashed|stopped|starved)|vote\s+accordingly|"
    # "On Thursday, carers can send them packing"
    r"send\s+(?:them|him|her|the\s+lot(?:\s+of\s+them)?)\s+packing|"
    # "worth remembering in May", "you know what to do at the ballot box"
    r"(?:worth\s+remembering|remember\s+(?:that|this|it)|bear\s+that\s+in\s+mind|don['’]?t\s+forget\s+(?:that|this|it)"
    r"|you\s+know\s+what\s+to\s+do)\s+(?:at\s+the\s+(?:ballot\s+box|polls?|polling\s+station)|on\s+polling\s+day"
    r"|(?:in|come|next)\s+may|on\s+election\s+day|at\s+the\s+(?:next\s+)?election|when\s+you\s+vote))\b"
)


MAY_VOTE = regex.compile(r"\b(?:in|come|next)\s+may\b")
# A nudge timed for polling day, after a candidate or a party has been rated: "Worth
# bearing in mind next Thursday", "Just saying, before Thursday."
POLLING_DAY_NUDGE = regex.compile(
    r"\b(?:worth\s+bearing\s+in\s+mind|bear\s+(?:that|this|it)\s+in\s+mind|just\s+saying|"
    r"food\s+for\s+thought|make\s+of\s+that\s+what\s+you\s+will|(?:i|we)['’]?ll\s+(?:just\s+)?leave\s+(?:that|this|it)\s+there|"
    r"enough\s+said|worth\s+remembering|remember\s+(?:that|this))[\s,.!…-]*"
    r"(?:(?:next|before|on|this|come)\s+thursday|(?:before|on)\s+polling\s+day|in\s+the\s+(?:polling\s+)?booth)\b"
)
CANDIDATE_WORDS = regex.compile(r"\b(?:candidates?|party|parties|councillors?|mps?|the\s+lot|standing)\b")


def _insinuation_hits(doc: Document, view: Folded, gaz: Gazetteer) -> Iterator[Hit]:
    text = view.text
    if NEUTRAL_ELECTION.search(text):
        return
    nudge = POLLING_DAY_NUDGE.search(text)
    if nudge and (CANDIDATE_WORDS.search(text) or next(_mentions(doc, view, gaz), None) is not None):
        yield Hit(
            *view.to_original(nudge.start(), nudge.end()),
            message="Nudges readers about a party or candidate ahead of polling day.",
        )
        return
    m = INSINUATION.search(text)
    if not m:
        return
    # "worth remembering in May" points at the May elections when the post names a party
    may_vote = MAY_VOTE.search(m.group()) and next(_mentions(doc, view, gaz), None) is not None
    if may_vote or ELECTION_CUE.search(text):
        yield Hit(
            *view.to_original(m.start(), m.end()),
            message="Points at a party without naming it, ahead of a vote.",
        )


def _election_framing_hits(doc: Document, view: Folded, gaz: Gazetteer) -> Iterator[Hit]:
    """A party or candidate named, rated, and the vote pointed at, in one post."""
    text = view.text
    cue = ELECTION_CUE.search(text)
    if not cue or NEUTRAL_ELECTION.search(text) or NOT_AN_ELECTION.search(text):
        return
    mentions = list(_mentions(doc, view, gaz))
    if not mentions or len({m.label for m in mentions}) > 2:
        return  # naming several parties is usually neutral ("Labour, the Greens and Reform")
    mention = mentions[0]
    if not RATING.search(text) or ELECTION_REPORTING.search(text):
        return
    yield Hit(
        *view.to_original(min(mention.start, cue.start()), max(mention.end, cue.end())),
        message=f"Rates a party or candidate ahead of a vote ({mention.label}).",
    )


def _compact_hits(view: Folded, gaz: Gazetteer) -> Iterator[Hit]:
    """#VoteLabour, #ToriesOut, v o t e g r e e n: a whole run of letters that is a
    voting call or a campaign slogan around a party name."""
    for w in LETTERS.finditer(view.text):
        word = w.group()
        if len(word) < 5 or len(word) > 40:
            continue
        m = gaz.compact.fullmatch(word)
        if m:
            label = gaz.compact_label[m.group("p")]
            yield Hit(
                *view.to_original(w.start(), w.end()),
                message=f"Campaigns for or against a party or politician ({label}).",
            )


def _candidate_hits(doc: Document, view: Folded, sentences: SentenceIndex) -> Iterator[Hit]:
    text = view.text
    for m in CANDIDATE.finditer(text):
        s0, e0 = sentences.around(m.start(), m.end())
        if NOT_AN_ELECTION.search(text, s0, e0):
            continue
        yield Hit(
            *view.to_original(m.start(), m.end()),
            message="Asks people to back an election candidate.",
        )
    if view is not doc.folded:
        return
    original = SentenceIndex(doc.text)
    low_all = doc.text.lower()
    for m in COLOUR_VOTE.finditer(text):
        s0, e0 = sentences.around(m.start(), m.end())
        if not NOT_AN_ELECTION.search(text, s0, e0) and not regex.search(
            r"\b(?:wear|wearing|dress|dressed|bake|cake|team|colour|color|favourite)\b", text[s0:e0]
        ):
            yield Hit(*view.to_original(m.start(), m.end()), message="Tells people to vote for a party by its colour.")
    for m in FOR_OFFICE.finditer(doc.text):
        s0, e0 = original.around(m.start(), m.end())
        if not NOT_AN_ELECTION.search(doc.text[s0:e0].lower()):
            yield Hit(m.start(), m.end(), message="Campaigns for a named candidate.")
    for m in BACK_NAMED_CANDIDATE.finditer(doc.text):
        yield Hit(m.start(), m.end(), message="Backs a named election candidate.")
    for m in BACK_FOR_OFFICE.finditer(doc.text):
        s0, e0 = original.around(m.start(), m.end())
        office = regex.search(
            r"(?i:mayor|councillor|\bmp\b|commissioner|\bpcc\b|\bward\b|\bdivision\b|constituency|\bseat\b)",
            m.group(),
        )
        if not office and NOT_AN_ELECTION.search(doc.text[s0:e0].lower()) and not PUBLIC_ELECTION.search(doc.text[s0:e0]):
            continue  # "Vote Jo on Friday for Volunteer of the Year"
        yield Hit(m.start(), m.end(), message="Backs a named candidate for elected office.")
    for m in VOTE_FOR_PERSON.finditer(doc.text):
        s0, e0 = original.around(m.start(), m.end())
        if NOT_AN_ELECTION.search(low_all) or regex.search(
            r"\b(?:favourite|award|awards|competition|bake|prize|poll\s+on\s+our|photo|entry|entries)\b", low_all
        ):
            continue
        yield Hit(m.start(), m.end(), message="Tells people whom to vote for in an election.")
    # "members who care about milestones will know where to put their cross": a wink at a
    # side, in a post about manifestos, candidates or polling day
    for m in HINTED_VOTE.finditer(doc.text):
        if ELECTION_CONTEXT.search(doc.text) or MANIFESTO.search(doc.text):
            yield Hit(m.start(), m.end(), message="Hints at how to vote in an election.")
    for m in STEER_AT_VOTE.finditer(doc.text):
        if VOTING_ANYWHERE.search(doc.text):
            yield Hit(m.start(), m.end(), message="Steers people's votes in an election.")
    for m in WINK_AT_VOTE.finditer(doc.text):
        if VOTING_ANYWHERE.search(doc.text) and (parties_named(doc) or PARTY_POINTER.search(doc.text)):
            yield Hit(m.start(), m.end(), message="Hints at how to vote in an election.")
    for m in PARTY_PRAISE.finditer(doc.text):
        if parties_named(doc) or "rosette" in m.group().lower():
            yield Hit(m.start(), m.end(), message="Praises a party.")
    for m in OWN_CANDIDACY.finditer(doc.text):
        yield Hit(m.start(), m.end(), message="Announces the author's own party candidacy.")
    for m in NUDGE_BEFORE_VOTE.finditer(doc.text):
        if len(parties_named(doc)) == 1:
            yield Hit(m.start(), m.end(), message="Hints at how to vote in an election.")
    for m in VOTE_FOR_NAME.finditer(doc.text):
        s0, e0 = original.around(m.start(), m.end())
        sentence = doc.text[s0:e0]
        if not ELECTION_CONTEXT.search(sentence):
            continue
        # "As a trustee, I'm asking you to vote for Rachel Gower (Lib Dem) in Thursday's
        # by-election": a trustee speaking, but a public election all the same
        if not NOT_AN_ELECTION.search(sentence.lower()) or PUBLIC_ELECTION.search(sentence):
            yield Hit(m.start(), m.end(), message="Tells people whom to vote for in an election.")
