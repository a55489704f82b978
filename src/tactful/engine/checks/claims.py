"""Claims: figures and other people's words passed on without saying where they come from.

``mode: statistic`` flags a statistical claim in a post that gives no source. A
claim is a percentage ("40% of carers"), a ratio ("1 in 4 people", "one in five"),
a change ("has doubled", "the number of … has risen"), a national count ("3 million
children"), a likelihood ("twice as likely" is not caught; "3 times more likely" is),
an appeal to research ("research shows", "studies have found"), or a generic
statement about a whole population with a quantity or a comparison ("on average",
"sooner than those who don't", "three quarters of the town's bridges are ...",
"most parents don't know ...", "more harmful than smoking"). A source is any
of: a link, "according to", "source:", a citation in brackets with a year
("(ONS 2024)"), "report by", "survey of", "data from", a named body's research
("NSPCC research", "Shelter's report"), or the organisation's own figures ("our
figures", "our survey"). The organisation counting its own work is its own record,
not a claim: "we supported 120 families", "85% of our volunteers", "50% off in our
shop", "we're 75% of the way to our target" all pass. ``source_cues`` adds phrases
that count as a source. One finding per sentence, covering the claim.

``mode: quotation`` flags a passage of at least ``min_words`` words inside quotation
marks when nothing in the post says whose words they are ("said", "wrote", "via",
"RT", "sharing from", an @handle, a link, or a dash and a name after the quote).
Reproducing another organisation's announcement without labelling it reads as our
own statement. The same mode also flags a post whose records say its words came
from someone else (``context.notes`` holding one of ``borrowed_notes``, such as
"copied from" or "taken from ... post") when the post itself names no source: no
"via", "from @...", "shared from", "written by", "credit", "courtesy of" and the
like. A link alone does not label the words as someone else's.

``comparisons`` (statistic mode, on by default) also counts comparative and
superlative claims: "twice as likely", "the most popular ... in the country",
"bigger than any other".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import HANDLE_RE, Document, fold
from .base import Check, Hit
from .lexicon import check_phrases, compile_lexicon
from .links import SHORTENERS, is_within, split_link

# The standard library compiles these patterns ten times faster than ``regex``.
F = re.IGNORECASE
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip
NUM = r"(?:\d{1,3}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|a\s+thousand)"
TIME_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|am|pm|a\.m|p\.m|o['’]clock)"
GROUPS = (
    r"(?:people|children|adults|families|households|women|men|kids|young\s+people|older\s+people"
    r"|carers|pensioners|babies|parents|mums|dads|britons|brits|workers|students|pupils|teenagers"
    r"|girls|boys|patients|us|the\s+uk|the\s+population)"
)
CLAIMS = [
    re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b)", F),
    re.compile(
        rf"\b(?P<x>{NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<y>{NUM})\b(?!\s*{TIME_UNITS}\b)", F
    ),
    re.compile(r"\b(?:doubled|tripled|trebled|quadrupled|halved|soared|skyrocketed)\b", F),
    re.compile(
        r"\b(?:number|numbers|rate|rates|level|levels|cost|proportion|share)\s+of\s+[\w\s'’-]{1,60}?"
        r"\b(?:has|have|had|is|are)\s+(?:risen|rising|fallen|falling|increased|increasing|decreased"
        r"|decreasing|grown|growing|gone\s+(?:up|down)|dropped|jumped|surged|rocketed)\b",
        F,
    ),
    re.compile(
        r"\b(?:research|studies|a\s+(?:new\s+)?study|evidence|statistics|stats|surveys?|polls?"
        r"|scientists|experts)\s+(?:(?:has|have)\s+)?(?:shows?|shown|suggests?|suggested|proves?"
        r"|proven|finds|found|reveals?|revealed|showed|confirms?|confirmed)\b",
        F,
    ),
    re.compile(rf"\b\d[\d,.]*\s*(?:million|m|billion|bn)\s+{GROUPS}\b", F),
    re.compile(
        rf"\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters|the\s+majority)\s+of\s+(?:all\s+)?{GROUPS}\b",
        F,
    ),
    re.compile(r"\b(?:\d+|two|three|four|five|ten)\s+times\s+(?:more|less)\s+likely\b", F),
    re.compile(r"\bevery\s+\d+\s+(?:seconds?|minutes?|hours?)\b", F),
    # A generic statement about a whole population with a quantity or a comparison:
    # "People who join a society make on average five new friends", "Babies who go
    # to a group crawl sooner than those who don't", "Most parents don't know ...".
    re.compile(r"\bon\s+average\b", F),
    re.compile(
        r"\bthan\s+(?:those|people|children|families|babies|parents|others|ones|kids|charities|villages|towns)"
        r"\s+(?:who|that|which)\s+(?:don['’]t|do\s+not|didn['’]t|aren['’]t|are\s+not|haven['’]t|never)\b",
        F,
    ),
    re.compile(
        # not an experience of one's own: "it took us twice as long to get round today"
        r"(?<!took us )(?<!took me )(?<!took them )(?<!took him )(?<!took her )"
        r"\b(?:twice|three\s+times|four\s+times|five\s+times|ten\s+times|half)\s+as\s+(?:much|many|long|often|quickly|fast)\b",
        F,
    ),
    re.compile(
        r"\b(?:more|less)\s+(?:dangerous|harmful|deadly|damaging|effective|important|valuable|likely)\s+"
        r"(?:to\s+your\s+health\s+|for\s+\w+\s+)?than\s+(?!ever\b|before\b|last\b|usual\b)",
        F,
    ),
    re.compile(
        r"\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters|the\s+majority|most|nine\s+in\s+ten)"
        r"\s+of\s+(?!our\b|us\b|you\b|them\b|the\s+(?:way|fun|money|time|proceeds|profits)\b)(?:all\s+|the\s+)?[\w'’ -]{1,40}?"
        r"\s+(?:are|were|have|has|say|said|feel|live|will|would|don['’]t|do\s+not|can['’]t|cannot|never|struggle|suffer|experience)\b",
        F,
    ),
    # "half the members never open the newsletter" (not "half the kids were soaked")
    re.compile(
        r"\bhalf\s+the\s+(?!way|fun|money|time|proceeds|profits|price|battle|cost)[\w'’ -]{1,40}?"
        r"\s+(?:never|don['’]t|do\s+not|can['’]t|cannot|struggle|suffer|say|feel|live)\b",
        F,
    ),
    re.compile(
        rf"\bmost\s+{GROUPS}\s+(?:in\s+[\w\s'’]{{1,30}}?\s+|across\s+[\w\s'’]{{1,30}}?\s+)?"
        r"(?:don['’]t|do\s+not|can['’]t|cannot|are|have|say|will|never|struggle|feel|know)\b",
        F,
    ),
]
SOURCE = re.compile(
    r"\baccording\s+to\b|\bsources?\s*:|\(\s*source|\bcited\b|\bpublished\s+(?:by|in)\b"
    r"|\b(?:report|survey|study|research|poll|analysis|data|figures|statistics|stats|review|census)"
    r"\s+(?:by|from|of|for|carried\s+out\s+by|commissioned\s+by)\b"
    r"|\bour\s+(?:own\s+|latest\s+|\d{4}(?:/\d{2,4})?\s+|[\w'’-]+\s+){0,3}(?:figures|data|research|survey|records|annual\s+report|impact\s+report|report|numbers|feedback)\b"
    # ...but not the activity: "our survey season starts in April", "our survey team"
    r"(?!\s+(?:season|team|teams|volunteers?|days?|weekends?|walks?|trips?|kit|forms?|sheets?|starts?|begins?|group))"
    r"|\b(?:19|20)\d\d\s+census\b|\bcensus\s+(?:showed|shows|found|figures|data|results)\b"
    r"|\boffice\s+for\s+national\s+statistics\b|\bONS\b|\bNHS\s+(?:digital|england)\b"
    r"|\([^()]{0,80}\b(?:19|20)\d\d(?:[/–-]\d{2,4})?\)",
    F,
)
NAMED_SOURCE = re.compile(
    r"(?:\b[A-Z]{2,}[\w&]*|\b[A-Z][\w&]*['’]s|\b[A-Z][a-z]+[A-Z]\w*)\s+"
    r"(?:new\s+|latest\s+|recent\s+|annual\s+|(?:19|20)\d\d\s+)?"
    r"(?:research|report|survey|study|figures|data|analysis|poll|statistics)\b"
    # a named document with its year, then what it found: "the Joint Strategic Needs
    # Assessment 2025 found that ..."
    r"|(?:\b[A-Z][\w'’-]+\s+){1,6}(?:19|20)\d\d\s+"
    r"(?:found|finds|shows|showed|reported|reports|estimates|estimated|concluded)\b",
    0,
)


def cites_source(doc: Document) -> bool:
    """Whether the post names where its figures come from: a link, "according to",
    a named report or survey, the charity's own records."""
    text = doc.text
    cited = [u for _, _, u in doc.urls() if not _is_short_link(u) and not _is_action_link(u)]
    return bool(cited or SOURCE.search(text) or NAMED_SOURCE.search(text))


# The last part of a link's path that asks the reader to do something: a page to give,
# buy, book or join is where the reader acts, not where a figure comes from.
ACTION_PAGE = re.compile(
    r"(?:donate|donations?|give|giving|adopt|adopt-a-[\w-]+|appeal|shop|store|tickets?|book|booking|events?|register"
    r"|sign-?up|join|volunteer(?:ing)?|support-us|get-involved|fundraise|fundraising|contact(?:-us)?)"
    r"(?:\.html?|\.php)?",
    F,
)


def _is_action_link(url: str) -> bool:
    path = split_link(url)[2].split("?", 1)[0].split("#", 1)[0]
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(last) and ACTION_PAGE.fullmatch(last) is not None


def _is_short_link(url: str) -> bool:
    """A shortened link ("bit.ly/3mStone9") hides where it leads, so it cites nothing."""
    _, host, _ = split_link(url)
    return any(is_within(host, d) for d in SHORTENERS)


OWN_WORK = re.compile(
    r"\bwe(?:['’]ve|\s+have|['’]re|\s+are|\s+had|['’]d)?\s+(?:now\s+|already\s+|just\s+|also\s+|proudly\s+)?"
    r"(?:supported|helped|raised|reached|served|trained|delivered|distributed|welcomed|answered"
    r"|provided|handed|collected|visited|hosted|ran|run|saw|seen|doubled|tripled|grown|grew"
    r"|increased|cut|reduced|halved|met|exceeded|smashed|hit|achieved|given|gave|received|recruited"
    r"|placed|housed|fed|supporting|helping|raising|reaching|seeing)\b"
    r"|\bwe\s+(?:support|help|work\s+with|serve|see|reach|care\s+for|look\s+after)\b"
    r"|\bour\s+(?:volunteers|service\s+users|families|members|supporters|clients|staff|team|helpline"
    r"|services?|shops?|charity|centres?|food\s?bank|beneficiaries|users|callers|parents|participants"
    r"|groups?|sessions|appeal|target|goal|fundraising|campaign|donors|referrals|work|income|funds)\b",
    F,
)
NOT_A_CLAIM_AFTER_PERCENT = re.compile(
    r"\s*(?:off\b|discount|of\s+the\s+way|of\s+(?:our|the)\s+(?:target|goal|total)|funded"
    r"|of\s+(?:the\s+|all\s+)?(?:proceeds|profits|sales|money|funds|ticket)|of\s+every|of\s+your"
    r"|extra\b|more\s+(?:to|for)\b|complete|done|sure|agree|recommend|gift\s*aid)",
    F,
)
GIFT_AID = re.compile(r"\bgift\s*aid", F)
MATCH_FUNDING = re.compile(
    r"\b(?:your|every|each)\s+(?:donation|gift|pound)|\bmatch(?:ed)?[\s-]+fund", F
)
SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|\n|$)")
QUOTED = re.compile(r"“([^“”]{1,2000})”|\"([^\"]{1,2000})\"|«([^«»]{1,2000})»")
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|wrote|writes|told|tells|telling|explained|explains|added|adds"
    r"|according\s+to|via|RT|MT|repost(?:ed|ing)?|sharing|shared|quote|quoting|quoted"
    r"|from\s+@|words\s+of|in\s+(?:his|her|their|the)\s+(?:own\s+)?words|share\s+(?:your|her|his|their)\s+(?:own\s+)?words|testimonial|review"
    r"|feedback)\b",
    F,
)
LABELLED = re.compile(
    r"\b(?:via|credit(?:s|ed)?|courtesy\s+of|shared\s+(?:from|by|with\s+(?:her|his|their|kind)\s+permission)"
    r"|sharing\s+(?:from|this\s+from|these\s+from|a\s+post\s+from)|repost(?:ed|ing)?\s+(?:from|with)"
    r"|(?:written|words|poem|photo|picture|list|tips|caption|research|guidance)\s+by|h/t|hat\s+tip"
    r"|from\s+our\s+friends\s+at|(?:thanks|thank\s+you)\s+to\s+[^.!?]{1,40}\s+for\s+(?:sharing|letting|this|these|writing)"
    r"|RT|MT)\b|\bfrom\s+@|\bby\s+@",
    F,
)
COMPARISONS = [
    re.compile(
        r"\b(?:twice|three\s+times|four\s+times|five\s+times|ten\s+times|\d+(?:\.\d+)?\s*(?:x|times))"
        r"\s+(?:as|more|less)\s+likely\b|\b(?:much|far|significantly|considerably)\s+(?:more|less)\s+likely\s+to\b",
        F,
    ),
    re.compile(
        r"\b(?:most\s+(?:popular|successful|effective|trusted|visited|loved|respected|active)|biggest|largest"
        r"|fastest[\s-]growing|leading|number\s+one|no\.?\s?1)\b[^.!?\n]{0,50}?"
        r"\b(?:of\s+any\s+(?:other\s+)?[\w-]+|in\s+the\s+(?:country|uk|world|nation)|in\s+(?:britain|great\s+britain"
        r"|england|scotland|wales|europe|the\s+united\s+kingdom)|in\s+the\s+(?:region|county))\b",
        F,
    ),
    # "the UK's greenest energy supplier", "the county's fastest-growing society"
    re.compile(
        r"\bthe\s+(?:uk|country|nation|world|britain|england|scotland|wales|region|county|city)['’]s\s+"
        r"(?:most\s+[a-z]+|(?!(?:lat|inter|for|requ|hon|mod|w|inv|prot|sugg|conqu|contest)est\b)[a-z]{2,}est"
        r"|fastest[\s-]growing|number\s+one|no\.?\s?1|first\s+and\s+only|only)\b",
        F,
    ),
    re.compile(
        r"\b(?:bigger|larger|more|fewer|better|higher|faster|cheaper)\s+(?:[\w-]+\s+){0,3}?"
        r"than\s+(?:any|every)\s+(?:other\s+)?(?!of\s+(?:us|them|you)\b)[\w-]+",
        F,
    ),
]
PRAISE = re.compile(
    r"\b(?:thank|thanks|proud|love|congratulations|congrats|well\s+done|shout[\s-]out)\b", F
)
DASH_NAME = re.compile(r"^\s*[,]?\s*[-–—~]\s*\S")


class ClaimsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["statistic", "quotation"] = "statistic"
    source_cues: list[str] = Field(default_factory=list)
    min_words: int = Field(default=12, ge=3, le=200)
    comparisons: bool = True
    borrowed_notes: list[str] = Field(default_factory=list)

    @field_validator("source_cues", "borrowed_notes")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        return check_phrases(value)


def as_number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return int(text.replace(",", ""))
    except ValueError:
        return None


def is_claim(m: re.Match[str], sentence: str) -> bool:
    """Rule out the readings of a match that are not statistics about the world."""
    text = m.group()
    if text[-1:] == "%" or "cent" in text.lower():
        after = sentence[m.end() :]
        if NOT_A_CLAIM_AFTER_PERCENT.match(after) or GIFT_AID.search(sentence):
            return False
        value = text.rstrip("% ").lower().replace("per cent", "").replace("percent", "").strip()
        if value.startswith("100") and not re.match(r"\s*of\b", after, F):
            return False
    if "x" in m.groupdict() and m.group("x"):
        x, y = as_number(m.group("x")), as_number(m.group("y"))
        if x is None or y is None or not 0 < x < y or 1900 <= y <= 2100:
            return False
    multiplied = text.lower() in ("doubled", "tripled", "trebled", "quadrupled", "halved")
    return not (multiplied and MATCH_FUNDING.search(sentence))


class ClaimsCheck(Check):
    """Flags statistics with no source, and quoted words with no attribution."""

    kind = "claims"
    Params = ClaimsParams

    def __init__(self, params: ClaimsParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.extra_sources = compile_lexicon(params.source_cues) if params.source_cues else None
        self.borrowed = compile_lexicon(params.borrowed_notes) if params.borrowed_notes else None

    def run(self, doc: Document) -> Iterable[Hit]:
        if self.p.mode == "statistic":
            yield from self._statistics(doc)
        else:
            yield from self._quotations(doc)

    def _has_source(self, doc: Document) -> bool:
        if cites_source(doc):
            return True
        return bool(self.extra_sources and self.extra_sources.search(doc.folded.text))

    def _statistics(self, doc: Document) -> Iterable[Hit]:
        text = doc.text
        if not any(ch.isdigit() for ch in text) and not _has_claim_word(text):
            return
        found: list[tuple[int, int]] = []
        for sm in SENTENCE.finditer(text):
            sentence = sm.group()
            if self.p.comparisons and not PRAISE.search(sentence):
                # A comparison with everyone else is a claim even about our own work.
                c = next((m for rx in COMPARISONS for m in rx.finditer(sentence)), None)
                if c:
                    found.append((sm.start() + c.start(), sm.start() + c.end()))
                    continue
            if OWN_WORK.search(sentence):
                continue
            for rx in CLAIMS:
                m = next((m for m in rx.finditer(sentence) if is_claim(m, sentence)), None)
                if m:
                    found.append((sm.start() + m.start(), sm.start() + m.end()))
                    break
        if not found or self._has_source(doc):
            return
        for start, end in found:
            yield Hit(start, end)

    def _quotations(self, doc: Document) -> Iterable[Hit]:
        yield from self._borrowed(doc)
        text = doc.text
        quotes = []
        for m in QUOTED.finditer(text):
            body = next(g for g in m.groups() if g is not None)
            if len(body.split()) >= self.p.min_words and not DASH_NAME.match(text[m.end() :]):
                quotes.append(m)
        if not quotes:
            return
        outside = QUOTED.sub(" ", text)
        if ATTRIBUTION.search(outside) or "@" in outside or doc.urls():
            return
        for m in quotes:
            yield Hit(m.start(), m.end())

    def _borrowed(self, doc: Document) -> Iterable[Hit]:
        """The records say the words are someone else's and the post does not say so."""
        notes = doc.context.notes
        if not self.borrowed or not notes or not doc.text.strip():
            return
        if not self.borrowed.search(fold(notes).text) or LABELLED.search(doc.text):
            return
        if "@" in QUOTED.sub(" ", doc.text) and HANDLE_RE.search(doc.text):
            return
        first = SENTENCE.match(doc.text)
        end = first.end() if first and first.end() > 0 else len(doc.text)
        yield Hit(0, min(end, len(doc.text)), message=BORROWED_MESSAGE)


BORROWED_MESSAGE = (
    "The records say these words come from someone else, but the post does not say whose they are."
)

CLAIM_WORDS = re.compile(
    r"doubled|tripled|trebled|quadrupled|halved|soared|skyrocketed|rate|number|level|cost"
    r"|proportion|share|research|stud|evidence|statistic|stats|survey|poll|scientist|expert"
    r"|half|third|quarter|majority|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|twice|likely|most|biggest|largest|leading|than\s+any|than\s+every|average|than|fastest|est\b",
    F,
)


def _has_claim_word(text: str) -> bool:
    return bool(CLAIM_WORDS.search(text))
