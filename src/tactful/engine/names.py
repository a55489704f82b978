"""Finding people's names in a post, fast and without a language model.

A name is a run of capitalised words that a gazetteer, a title or the words around
it vouch for: a known first name ("Priya", "Callum Reid"), a title ("Mrs Okafor",
"Cllr Dunn"), or a cue ("thanks to Zofia", "our volunteer Tomasz", "Alfie, 7,").
Words that are names and ordinary words at once ("Will", "May", "Grace", "Hope")
need more than a capital letter at the start of a sentence. Runs that end in an
organisation or street word ("St Mary's Primary School", "Hope Street"), handles,
hashtags, links and email addresses are not people.

Public figures (titles such as MP, Cllr, Lord or King, and the names in
``checks/data/names_public.txt``: politicians, well-known people of history, books,
the arts and sport, characters, and businesses and charities named like people) are
marked ``public`` so that consent checks can leave them alone. A name followed or preceded by an age ("Alfie, 7",
"our 5-year-old Sam") or mentioned with a school year is marked as a child.

The first-name and surname lists come from the Faker package (MIT licence); see
``checks/data/names_build.py``. Loading them costs a few milliseconds, once.

A small trained tagger (``models/names/tagger.py``, rebuilt by ``models/train_names.py``)
reads each post as well. It adds names the rules cannot vouch for ("Zbigniew Wróblewski",
"Okonkwo said ...") when a listed name, a cue, or a confident guess backs them, and it
vetoes a rule's name it is sure is not one ("meet at the Corn Exchange"), except a titled
name or a public figure. A word no list holds needs to be no common word and no place
(``checks/data/places.txt``: towns, counties and countries from GeoNames) for a guess
to count. The sentence can show a name too: a word ending a question or clause straight
after a verb ("have you met Okonkwo?"), a word set off by commas as the person spoken to,
or a speaker's name starting a line ("Okonkwo: ..."). A place with a compass point
("Leeds North"), a firm of surnames ("Hughes, Patel and Moss", "Dawson and Sons") and a
name inside a street address are not people. In a post written all in lower case only
listed names count, and a name that is also a common word ("john") only when the tagger
is sure, besides a listed first name and a surname ("patricia desrosiers"), a word after
"my name is" or a title, and a list of listed names.

The whole post vouches for a name as well: a word of a name found once is that person
where it stands again ("... starring Key"), the rest of a list that is mostly people,
or that a word such as "founders" brings in, is people too, and a name before a work
("the Jensen novel") is its maker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex

from .models.names import encoder as name_encoder
from .models.names import tagger
from .text import EMAIL_RE, HANDLE_RE, HASHTAG_RE, URL_RE, sentence_around

DATA = Path(__file__).parent / "checks" / "data"


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read and edit)."""
    return frozenset(words.split())


TITLES: dict[str, bool] = {  # title -> marks a public figure
    "mr": False, "mrs": False, "ms": False, "miss": False, "mx": False, "dr": False,
    "prof": False, "professor": False, "rev": False, "revd": False, "reverend": False,
    "sir": True, "dame": True, "lord": True, "lady": False, "baroness": True, "baron": True,
    "cllr": True, "councillor": True, "mayor": True, "minister": True, "king": True,
    "queen": True, "prince": True, "princess": True, "duke": True, "duchess": True,
    "president": True, "senator": True, "chancellor": True, "bishop": True, "archbishop": True,
    "earl": True, "countess": True, "viscount": True, "marquess": True, "emperor": True,
    "empress": True, "pope": True, "cardinal": True, "saint": True,
}  # fmt: skip
AMBIGUOUS = word_set("""will may grace hope joy bill mark april june august rose faith summer dawn holly ivy
    iris amber ruby daisy violet heather jade pearl penny robin sandy lucky rich frank guy
    dean don ray sue pat gene art carol crystal jack max young green brown white black miles
    king price cook hunter chase lane bell sterling victor christian""")
MONTHS_DAYS = word_set("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday easter christmas""")
# Words that end (or sit inside) the name of an organisation, building or place.
ORG_WORDS = word_set("""school primary academy college university nursery trust foundation society centre
    center council hospital hospice church chapel cathedral club group network charity
    association partnership library hall museum surgery practice ltd limited cic plc inc llp
    team fund appeal service services nhs house court park gardens garden village town city
    county shire borough ward estate farm market bank cafe café shop store station airport
    bridge road street lane avenue close way drive crescent terrace place square grove mews
    row hill rise walk green parade gate hotel inn arms theatre cinema stadium arena games
    festival awards award prize week day month year project programme scheme campaign fc
    rfc cc united rovers city band choir orchestra brigade police fire ambulance army navy
    rbl legion guides scouts brownies cubs beavers institute partners foodbank nurseries
    schools academies colleges churches hospitals hospices libraries surgeries clubs llc corp
    corporation company industries holdings enterprises solutions systems technologies
    associates consulting gmbh night lecture lectures badge trophy cup medal shield memorial
    bursary scholarship wing room rooms collection wi u3a printers builders plumbers roofers
    joiners electricians solicitors accountants opticians chemists butchers florists caterers
    removals motors coaches garages grocers bakery bakers newsagents photography studio studios productions pantry pantries larder estates travel tours civils joinery carpentry roofing glazing
    cleaning catering raffle tombola auction fete fayre bazaar gala ceilidh concert contractors construction
    engineering haulage logistics landscaping landscapes developments lettings surveyors
    architects scaffolding decorators housing homes hub bakehouse brewery brewhouse deli delicatessen
    tearoom tearooms recruitment agency agencies timber dairy creamery patisserie pizzeria bistro brasserie vale valley heating
    kitchens windows carpets flooring furniture interiors supplies hire plumbing electrical moor marsh heath fen carers
    press publishing printing tailoring tailors utilities energy insurance pharmacy opticians
    groundworks reclamation salvage skips bookbinders binders accountancy bagging autos
    greengrocers greengrocer stoneworks meadows gelato gelateria
    courier gazette echo herald chronicle advertiser mercury barbers barber hardware
    ironmongers ironmonger glass glaziers plant""")
# Capitalised words that are never part of a name: they end or split a run.
STOP_CAPS = word_set("""chag sameach mubarak tova
    the a an and or but of in on at to for with from by as is are was were be been this
    i've i'm i'd i'll i’ve i’m i’d i’ll
    that these those it its he she they we you i my our your their his her him them us me
    who what when where why how if then so not no yes all any every each some many more most
    please thanks thank happy join meet welcome congratulations well done great big huge
    new good best dear hi hello hey today tomorrow yesterday tonight here there do did does
    can could would should must might shall let lets let's
    tory tories hiya howdy hickory dickory humpty dumpty twinkle
    facebook instagram bluesky mastodon linkedin tiktok youtube twitter whatsapp threads snapchat""")
CUES_BEFORE = regex.compile(
    r"\b(?:thanks?(?:\s+you)?(?:\s+(?:so\s+much|again))?(?:\s+to)?|ring|call|phone|text|email|ask|tell"
    r"|message|contact|congratulations\s+to|well\s+done\s+to"
    r"|shout[\s-]?out\s+to|say\s+hello\s+to|meet|welcome|dear|hi|hello|named|called"
    r"|says|said|asks|asked|replied|adds|added|writes|wrote|according\s+to"
    r"|my\s+name\s+is|name\s*:|(?:our|the|a|lovely|amazing|brilliant)\s+(?:\w+\s+)?"
    r"(?:volunteers?|trustees?|fundraisers?|members?|friends?|mum|dad|son|daughter|family|client"
    r"|chair|manager|coordinator|co-ordinator|worker|nurse|supporter|runner|participant|boy|girl))"
    r"[\s,:]+$",
    regex.IGNORECASE | regex.REVERSE,
)
CUE_AFTER = regex.compile(
    r"^(?:'s\b|’s\b|\s*,?\s*(?:\(?\d{1,2}\)?[,.)]|aged\s+\d|who\b|said\b|says\b|told\b|has\b|have\b"
    r"|had\b|is\b|was\b|and\s+(?:her|his|their)\b|joined\b|ran\b|raised\b|completed\b|won\b"
    r"|spoke\b|shared\b|explained\b|added\b))",
    regex.IGNORECASE,
)
AGE_AFTER = regex.compile(
    r"^(?:'s|’s)?\s*(?:,\s*|\(\s*|\s+)(?:aged?\s+|who\s+is\s+|who's\s+|is\s+|a\s+|an\s+"
    # "Tia, who turns 8 today", "Sam, now 6,"
    r"|who\s+(?:turns|turned|will\s+be|has\s+just\s+turned)\s+|(?:now|just)\s+)?"
    r"(\d{1,3})(?:\s*\)|[\s-]*(?:years?[\s-]*old|yrs?\b|yo\b)|(?=\s*[,.;:!?]|\s+(?:and|from|who|today|tomorrow|this|next|on)\b))",
    regex.IGNORECASE,
)
# "Noah, 11 months" or "our 6-week-old Ava": an age in months or weeks is a baby.
BABY_AGE_AFTER = regex.compile(
    r"^(?:'s|’s)?\s*(?:,\s*|\(\s*|\s+)(?:aged?\s+|(?:just|only|nearly|almost)\s+)?\d{1,2}[\s-]*"
    r"(?:months?|weeks?|days?|mths?|wks?)\b",
    regex.IGNORECASE,
)
BABY_AGE_BEFORE = regex.compile(
    r"\d{1,2}[\s-]*(?:months?|weeks?|days?)[\s-]*old\s+(?:\w+\s+)?$", regex.I | regex.REVERSE
)
VERB_AFTER = regex.compile(r"^(?:'s|’s)?\s+(?:was|is|had|has|did|would|will|could|said)\b")
THING_BEFORE = regex.compile(r"\b(?:the|this|that|these|those)\s+$", regex.IGNORECASE)
# Ages written in words as well as figures: "nine-year-old Alfie".
NUMBER_WORDS = {
    w: i + 1
    for i, w in enumerate(
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
AGE_BEFORE = regex.compile(
    r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")[\s-]*(?:years?|yr)[\s-]*old\s+(?:\w+\s+)?$",
    regex.I | regex.REVERSE,
)
SCHOOL = regex.compile(
    r"\b(?:Year\s+(?:[1-9]|1[0-3])\b|Reception\s+class|in\s+Reception\b|pupils?\b|schoolgirl|"
    r"schoolboy|primary\s+school|nursery\s+class|sixth[\s-]form|P[1-7]\s+class|Primary\b)",
)
ADULT_ROLE = regex.compile(
    r"\b(?:teacher|teaching|head\s*teacher|headteacher|head|governor|staff|TA|mum|dad|mother"
    r"|father|parent|grandparent|volunteer|trustee|jobs?|interviews?|employ(?:ed|er|ment)"
    r"|receptionist|caretaker|cleaner|administrator|manager|works\s+at|working\s+at)\b",
    regex.I,
)
# A child word next to the name: "our toddler Ava", "Ava, a newborn". Anywhere else in the
# sentence it may be about someone else ("John Lewis gave cot sheets for our newborn packs").
CHILD_WORDS = r"(?:(?:little|baby|toddler|young)\s+(?:boy|girl|son|daughter)|toddler|newborn)"
CHILD_WORD_BEFORE = regex.compile(
    rf"\b{CHILD_WORDS}\s+(?:\w+\s+)?$", regex.I | regex.REVERSE
)
# "Happy first birthday to Theo Kerridge": a birthday under 18 is a child's.
ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth",
        ]  # fmt: skip
    )
}
CHILD_BIRTHDAY_BEFORE = regex.compile(
    r"\b(" + "|".join(ORDINAL_WORDS) + r"|\d{1,2}(?:st|nd|rd|th))\s+birthday\s+(?:wishes\s+)?"
    r"(?:to|for)\s+(?:\w+\s+)?$",
    regex.I,
)
CHILD_WORD_AFTER = regex.compile(
    rf"\s*,?\s*(?:(?:is|was)\s+)?(?:a|an|our|the|my|her|his|their)\s+(?:\w+\s+)?{CHILD_WORDS}\b",
    regex.I,
)
MONTH_USE = regex.compile(r"^\s*(?:\d|of\b|half|term)")
CAP_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}@#_'’])\p{Lu}[\p{L}\p{M}'’\-]*\.?")
SENTENCE_END = regex.compile(r"[.!?\n]\s*[\"'“‘(]?\s*$|^\s*$|[:•\-–—]\s*$", regex.REVERSE)


@dataclass(frozen=True, slots=True)
class PersonSpan:
    """A person named in the text, with offsets into the original string."""

    start: int
    end: int
    name: str
    public: bool = False
    age: int | None = None
    child: bool = False

    @property
    def first(self) -> str:
        return self.name.split()[0]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    first: frozenset[str]
    last: frozenset[str]
    public: frozenset[str]
    common: frozenset[str]  # common English words
    places: frozenset[str]  # towns, counties, countries; multi-word names whole


def _read_names(name: str) -> frozenset[str]:
    path = DATA / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(
        _read_names("names_first.txt"),
        _read_names("names_last.txt"),
        _read_names("names_public.txt"),
        _read_names("names_words.txt"),
        _read_names("places.txt"),
    )


def tagger_lexicon() -> tagger.Lexicon:
    """The word lists the name tagger's features consult."""
    gaz = gazetteer()
    return tagger.Lexicon(
        first=gaz.first, last=gaz.last, titles=frozenset(TITLES), org=ORG_WORDS,
        months=MONTHS_DAYS, stop=STOP_CAPS, ambiguous=AMBIGUOUS, common=gaz.common,
        places=gaz.places,
    )  # fmt: skip


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return _strip_possessive(self.text).rstrip(".").lower()

    @property
    def cap(self) -> bool:
        t = self.text
        return t[:1].isupper() and not (len(t) > 3 and t.isupper() and "." not in t)


def _strip_possessive(word: str) -> str:
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


def _masked(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for rx in (EMAIL_RE, URL_RE, HANDLE_RE, HASHTAG_RE):
        spans.extend(m.span() for m in rx.finditer(text))
    return spans


def _runs(text: str) -> list[list[_Tok]]:
    """Runs of capitalised words joined by single spaces (an initial like "J." may sit inside)."""
    masked = _masked(text)
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for m in CAP_TOKEN.finditer(text):
        tok = _Tok(m.group(), m.start(), m.end())
        if masked and any(s <= tok.start < e for s, e in masked):
            startable = False
        else:
            startable = tok.cap and (tok.key not in STOP_CAPS or (_is_initial(tok) and bool(cur)))
        if startable and cur and _continues(text, cur[-1], tok):
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
        cur = [tok] if startable else []
    if cur:
        runs.append(cur)
    return runs


def _continues(text: str, prev: _Tok, tok: _Tok) -> bool:
    if tok.start - prev.end != 1 or text[prev.end] != " ":
        return False
    if prev.text.endswith((".",)) and not (_is_initial(prev) or _is_title(prev)):
        return False
    return not prev.text.endswith(("'s", "’s"))


def _is_initial(tok: _Tok) -> bool:
    return len(tok.text) == 2 and tok.text.endswith(".")


def _is_title(tok: _Tok) -> bool:
    return tok.key in TITLES


def find_people(text: str) -> list[PersonSpan]:
    """People named in ``text``, in order. Never raises on odd input."""
    return list(_find_people(text))


@lru_cache(maxsize=64)
def _find_people(text: str) -> tuple[PersonSpan, ...]:
    # cached: the pii and people checks both ask about the same post
    if not text:
        return ()
    if not any(c.isupper() for c in text):
        return _lowercase_people(text)
    gaz = gazetteer()
    found: list[PersonSpan] = []
    for run in _runs(text):
        person = _judge_run(text, run, gaz)
        if person is not None:
            found.append(person)
    model = tagger.load(tagger_lexicon)
    if model is not None and len(text) <= MODEL_MAX_CHARS:
        spans, prob_in = model.spans(text)
        found = [
            p for p in found if _vouched(text, p) or prob_in(p.start, p.end) >= MODEL_VETO_PROB
        ]
        found.extend(_tagged_people(text, spans, found, gaz))
        found.sort(key=lambda p: p.start)
        found = _with_encoder(text, found, gaz, prob_in)
    addresses = _address_spans(text)
    kept = [p for p in found if _is_kept(text, p, addresses)]
    # a name found once vouches for the same word elsewhere and for the rest of its list
    more = _with_list_mates(text, _with_echoes(text, kept, gaz), gaz)
    if len(more) == len(kept):
        return tuple(kept)
    return tuple(p for p in more if p in kept or _is_kept(text, p, addresses))


def _is_kept(text: str, p: PersonSpan, addresses: tuple[tuple[int, int], ...]) -> bool:
    return not (
        _in_street(text, p)
        or _named_thing(text, p)
        or _in_address(p, addresses)
        or _in_firm_name(text, p)
        or _place_or_event(text, p)
    )


# A lower-case building or outing word straight after a name makes it a place's name:
# "Ashby Folville toll house", "Alton Water car park", "the Hadleigh book sale",
# "Harold Hill library".
THING_NOUN_AFTER = regex.compile(
    r"[^\S\n]+(?:toll[\s-]house|house|cottage|farm|farmhouse|hall|church|chapel|lodge|mill|"
    r"bridge|station|school|market|fair|festival|show|car\s+park|village|estate|walk|trail|"
    r"nature\s+reserve|reserve|book\s+sale|sale|milestone|milepost|stone|turnpike|library|"
    r"leisure\s+centre|community\s+centre|museum|theatre|hospital|surgery|playground|"
    r"allotments?|cemetery|recreation\s+ground|badges?|certificates?|trophy|trophies|medals?)\b"
)
# The last word of a place's or an event's name: "Needham Lake", "Heritage Open Day".
LANDSCAPE = word_set(
    "lake water park wood woods forest heath common hill reservoir marsh moor fen broad bay"
    " beach quay harbour castle priory abbey market green"
)
EVENT = word_set("day week fair festival show fete gala walk run appeal concert sale")


def _place_or_event(text: str, p: PersonSpan) -> bool:
    """A place or an event written like a name: a building word follows it, it starts a
    route that ends at a place ("from Ashby Cross to Felstead Mill"), a known place
    comes before a landscape word ("Needham Lake"), or every word is a common word and
    the last names an event ("Heritage Open Day"). "Doris Day" and "Jane Hill" stay
    people: their first words are listed first names."""
    if THING_NOUN_AFTER.match(text, p.end):
        return True
    keys = [w.lower() for w in p.name.split()]
    gaz = gazetteer()
    end = ROUTE_END.match(text, p.end)
    if (
        end
        and ROUTE_START.search(text, max(0, p.start - 12), p.start)
        and end.group(1).lower() not in gaz.first  # "from Sarah Cross to Tom Hill"
    ):
        return True
    if p.public or len(keys) < 2:
        return False
    if (
        keys[-1] in LANDSCAPE
        and keys[0] in gaz.places
        and (keys[0] not in gaz.first or ROUTE_BEFORE.search(text, max(0, p.start - 30), p.start))
    ):
        return True
    return (
        keys[-1] in EVENT
        and all(k in gaz.common for k in keys)
        and not any(k in gaz.first or k in gaz.last for k in keys[:-1])
    )


# "from Ashby Cross to Felstead Mill", "between Ashby Cross and Felstead Mill": the
# other end of the route is a place by its last word, so the first end is one too.
ROUTE_START = regex.compile(r"\b(?:from|between)\s+$", regex.I)
ROUTE_END = regex.compile(
    r"\s+(?:to|and)\s+(\p{Lu}[\p{L}'’\-]*)\s+(?:\p{Lu}[\p{L}'’\-]*\s+)?(?:Mill|Cross|Bridge|Green|End|Common|"
    r"Lane|Road|Street|Station|Church|Hill|Lake|Wood|Farm|Park|Heath|Moor|Quay|Ford|Gate)\b"
)
# Words that lead to a place rather than a person: "a walk round Needham Lake".
ROUTE_BEFORE = regex.compile(
    r"\b(?:round|around|along|across|beside|past|up|down|near|overlooking)\s+$", regex.I
)


def _plain_word(key: str, gaz: Gazetteer) -> bool:
    """A word that could name a person standing alone: no common word, place, month,
    title, organisation word or word such as "will"."""
    return not (
        key in gaz.common or key in gaz.places or key in MONTHS_DAYS or key in TITLES
        or key in ORG_WORDS or key in AMBIGUOUS or key in STOP_CAPS or len(key) < 3
    )  # fmt: skip


def _free_word(tok: _Tok, found: list[PersonSpan], masked: list[tuple[int, int]]) -> bool:
    return not any(p.start < tok.end and tok.start < p.end for p in found) and not any(
        s <= tok.start < e for s, e in masked
    )


def _with_echoes(text: str, found: list[PersonSpan], gaz: Gazetteer) -> list[PersonSpan]:
    """A word of a name found once is the same person where it stands again ("directed by
    Brad Key and starring Key"), when it could be nothing else (no common word or place);
    it keeps what is known of that person (a public figure, a child)."""
    if not found:
        return found
    sources = {
        w.lower(): p
        for p in found
        for w in LOWER_WORD.findall(p.name)
        if w[:1].isupper() and _plain_word(w.lower(), gaz)
    }
    if not sources:
        return found
    masked = _masked(text)
    extra = []
    for m in CAP_TOKEN.finditer(text):
        tok = _Tok(m.group(), m.start(), m.end())
        source = sources.get(tok.key)
        if source is not None and tok.cap and _free_word(tok, found, masked):
            name = _strip_possessive(tok.text).rstrip(".")
            extra.append(
                PersonSpan(tok.start, tok.start + len(name), name, public=source.public,
                           age=source.age, child=source.child)
            )  # fmt: skip
    return sorted(found + extra, key=lambda p: p.start) if extra else found


def _name_or_place(key: str, gaz: Gazetteer) -> bool:
    """A listed name, or a word no list holds but a place ("Torres", "Johnson")."""
    if key in gaz.first or key in gaz.last:
        return key not in AMBIGUOUS and key not in MONTHS_DAYS
    return _plain_word(key, gaz) or (key in gaz.places and key not in gaz.common)


LIST_ITEM = regex.compile(
    r"(?<![\p{L}\p{M}'’\-])\p{Lu}[\p{L}\p{M}'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}'’\-]*)?"
    r"(?:(?:,\s*|,?\s+(?:and|&)\s+)\p{Lu}[\p{L}\p{M}'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}'’\-]*)?)+"
)
LIST_SEP = regex.compile(r",\s*|,?\s+(?:and|&)\s+")


PEOPLE_LIST_BEFORE = regex.compile(
    r"\b(?:founders|co-founders|children|kids|sons|daughters|grandchildren|siblings|brothers"
    r"|sisters|guests|speakers|winners|authors|parents|members)\s*:\s*$",
    regex.I | regex.REVERSE,
)


def _people_list(text: str, start: int) -> bool:
    """A list that a word for people introduces ("our three founders: Kónya, Becker and
    Vasquez"), so its names are people and not a firm's."""
    return bool(PEOPLE_LIST_BEFORE.search(text[max(0, start - 30) : start]))


def _with_list_mates(text: str, found: list[PersonSpan], gaz: Gazetteer) -> list[PersonSpan]:
    """In a list of three or more, most of them people ("They had 6: Gaetane, Hannah,
    Anthony and Derek") or brought in by a word for people ("our founders: ..."), the
    other items are people too when each could be a name."""
    masked: list[tuple[int, int]] | None = None
    extra = []
    for m in LIST_ITEM.finditer(text):
        items = []
        pos = m.start()
        for sep in LIST_SEP.finditer(text, m.start(), m.end()):
            items.append((pos, sep.start()))
            pos = sep.end()
        items.append((pos, m.end()))
        if len(items) < 3:
            continue
        people = [i for i in items if any(p.start < i[1] and i[0] < p.end for p in found)]
        if len(people) * 2 <= len(items) and not _people_list(text, m.start()):
            continue
        introduced = _people_list(text, m.start())
        for a, b in items:
            if (a, b) in people:
                continue
            words = text[a:b].split()
            keys = [_strip_possessive(w).lower() for w in words]
            tok = _Tok(text[a:b], a, b)
            could_be = all(
                _plain_word(k, gaz) or (introduced and _name_or_place(k, gaz)) for k in keys
            )
            if masked is None:
                masked = _masked(text)
            if could_be and _free_word(tok, found, masked):
                extra.append(PersonSpan(a, b, " ".join(words)))
    return sorted(found + extra, key=lambda p: p.start) if extra else found


def _address_spans(text: str) -> tuple[tuple[int, int], ...]:
    from .checks.pii import address_spans  # the pii module imports this one

    return address_spans(text)


def _in_address(person: PersonSpan, addresses: tuple[tuple[int, int], ...]) -> bool:
    """A name inside a street address names the street ("1200 Jackson Ridge"), unless a
    title says it is a person's ("c/o Mrs Jane Hill, 4 Mill Lane")."""
    return any(s <= person.start and person.end <= e for s, e in addresses)


FIRM = regex.compile(
    r"(\p{Lu}[\p{L}'’\-]+),\s+(\p{Lu}[\p{L}'’\-]+)\s+(?:and|&)\s+(\p{Lu}[\p{L}'’\-]+)\b"
    r"|(\p{Lu}[\p{L}'’\-]+)\s+(?:and|&)\s+Sons\b"
)


def _in_firm_name(text: str, person: PersonSpan) -> bool:
    """ "Hughes, Patel and Moss" (three surnames, none a first name) and "Dawson and Sons"
    name firms; "Sue, Tom and Priya" names people."""
    gaz = gazetteer()
    lo = max(0, person.start - 40)
    for m in FIRM.finditer(text, lo, min(len(text), person.end + 40)):
        if not m.start() <= person.start < m.end():
            continue
        if m.group(4):
            return True
        if _people_list(text, m.start()):
            return False
        words = [m.group(i).lower() for i in (1, 2, 3)]
        if all(w in gaz.last for w in words) and sum(w in gaz.first for w in words) <= 2:
            return True
    return False


def _named_thing(text: str, person: PersonSpan) -> bool:
    """A capitalised name after "the" or "this" is a thing, not a person ("the Whittington
    Stone", "this Sarah Ryder rose"), unless a title says otherwise ("the Rev Ann Hill").
    After "a" it is usually a person ("a Sam Jones original" aside)."""
    before = text[max(0, person.start - 12) : person.start]
    first = person.name.split()[0].rstrip(".").lower() if person.name.split() else ""
    if _maker_of_work(text, person.end):
        return False
    m = THING_BEFORE.search(before)
    if m and m.group().lower().startswith("that") and VERB_AFTER.match(text[person.end :]):
        return False  # "It may be that McDowell was ...": "that" joins a clause
    return bool(m) and first not in TITLES


LOWER_WORD = regex.compile(r"[\p{L}][\p{L}'’\-]*")


def _lowercase_people(text: str) -> tuple[PersonSpan, ...]:
    """In a post written all in lower case, the tagger's names count when every word is a
    listed name, none is a word such as "will" or "may", and none is a common word unless
    the tagger is sure ("thanks priya shah", "hi john", not "thanks to mark")."""
    model = tagger.load(tagger_lexicon)
    if model is None or len(text) > MODEL_MAX_CHARS:
        return ()
    gaz = gazetteer()
    out = []
    for start, end, prob in model.spans(text)[0]:
        words = [w.lower() for w in LOWER_WORD.findall(text[start:end])]
        if prob < MODEL_MIN_PROB or not words:
            continue
        if not all(w in gaz.first or w in gaz.last for w in words):
            continue
        if any(w in AMBIGUOUS or w in MONTHS_DAYS or w in STOP_CAPS for w in words):
            continue
        if all(w not in gaz.common for w in words) or prob >= LOWER_COMMON_MIN_PROB:
            name = _strip_possessive(text[start:end])
            age, child = _age_and_child(text, start, start + len(name))
            out.append(PersonSpan(start, start + len(name), name, age=age, child=child))
    for start, end in _lowercase_full_names(text, gaz) + _lowercase_list(text, gaz):
        inside = [p for p in out if start <= p.start and p.end <= end]  # "patricia" of a full name
        if any(p.start < end and start < p.end for p in out if p not in inside):
            continue
        out = [p for p in out if p not in inside]
        name = _strip_possessive(text[start:end])
        age, child = _age_and_child(text, start, start + len(name))
        out.append(PersonSpan(start, start + len(name), name, age=age, child=child))
    out.sort(key=lambda p: p.start)
    return tuple(_with_encoder(text, out, gaz, None, lower_post=True))


LOWER_PAIR = regex.compile(
    r"(?<![\p{L}\p{M}'’\-])(\p{Ll}+)\s+(?:\p{Ll}\.?\s+)?(\p{Ll}[\p{L}\p{M}\-]+(?:['’]s)?)\b"
)
LOWER_CUED = regex.compile(
    r"\b(?:my\s+name\s+is|my\s+name's|name:|mr\.?|mrs\.?|ms\.?|miss|dr\.?)\s+(\p{Ll}[\p{L}\p{M}\-]+)\b"
)


def _lowercase_full_names(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """ "follow up with patricia desrosiers" (or "benjamin a seiler"): a listed first name
    that is no word such as "will" or "may", then a word that is no common word, place or
    month, read as a full name; and a word after "my name is" or a title ("mr. elliott")
    that is a listed name or could be one."""
    out = []
    for m in LOWER_PAIR.finditer(text, overlapped=True):
        first, last = m.group(1), _strip_possessive(m.group(2))
        if first not in gaz.first or first in AMBIGUOUS or first in MONTHS_DAYS:
            continue
        if first in STOP_CAPS or first in ORG_WORDS or not _plain_word(last, gaz):
            continue
        if last in gaz.first and last not in gaz.last:
            continue  # "priya sam": two first names are more likely a list
        out.append((m.start(1), m.start(2) + len(last)))
    for m in LOWER_CUED.finditer(text):  # "my name is vitoria", "mr. elliott"
        word = m.group(1)
        listed = word in gaz.first or word in gaz.last
        if _plain_word(word, gaz) or (listed and word not in AMBIGUOUS and word not in STOP_CAPS):
            out.append(m.span(1))
    return out


LOWER_LIST = regex.compile(
    r"(?<![\p{L}\p{M}'’\-])\p{Ll}+(?:(?:,\s*|,?\s+(?:and|&)\s+)\p{Ll}+(?![\p{L}\p{M}'’\-])){2,}"
)


def _lowercase_list(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """ "they had 6: silvana, adam, christopher and caleb": a list of three or more, most
    of them listed names and the rest no common word or place, none a word such as "will"
    or "may", and either most of them no common word or all of them first names."""
    out = []
    for m in LOWER_LIST.finditer(text):
        items = [(w.start(), w.end()) for w in regex.finditer(r"\p{Ll}+", m.group())]
        words = [m.group()[a:b] for a, b in items if m.group()[a:b] not in ("and",)]
        items = [(m.start() + a, m.start() + b) for a, b in items if m.group()[a:b] != "and"]
        if len(items) < 3:
            continue
        listed = [w in gaz.first or w in gaz.last for w in words]
        if sum(listed) * 4 < len(words) * 3 or not all(
            ok or _plain_word(w, gaz) for w, ok in zip(words, listed, strict=True)
        ):
            continue  # most are listed names, and the rest could be names
        if any(w in AMBIGUOUS or w in MONTHS_DAYS or w in STOP_CAPS for w in words):
            continue
        if sum(w in gaz.common for w in words) * 2 >= len(words) and not all(
            w in gaz.first for w in words
        ):
            continue
        out.extend(items)
    return out


UNLISTED_MIN_PROB = 0.85
LOWER_COMMON_MIN_PROB = 0.8  # a lower-case name that is also a common word ("john")
UNPLACED_MIN_PROB = 0.7  # an unlisted guess that is no place, wherever it stands
SPEAKER_AFTER = regex.compile(r"^:\s")  # "Okonkwo: see you at 6" (a speaker's name)
PLACE_WORD_BEFORE = regex.compile(
    r"\b(?:in|at|from|to|near|around|across|of|for|into|outside|visit|visiting|across|"
    r"through|via|towards?|between|and|our|the|this|that|a|an)\s+$",
    regex.I | regex.REVERSE,
)


def _tagged_span_vouched(
    text: str, toks: list[_Tok], keys: list[str], gaz: Gazetteer, prob: float
) -> bool:
    """The tagger's guess needs a listed name in it, or a cue when none is listed
    ("Labour", "Reform", "Bewdley" and "Enjoy!" are not people), or, for words that are
    neither common words nor places, a confident guess; a sentence's first word needs a
    list, or a colon after it as a speaker's name has."""
    known = [k in gaz.first or k in gaz.last for k in keys]
    common = any(k in gaz.common for k, kn in zip(keys, known, strict=True) if not kn)
    place = _is_place(keys, gaz)
    if SENTENCE_END.search(text[max(0, toks[0].start - 60) : toks[0].start]):
        if known[0] or (len(keys) > 1 and not common):
            return True
        speaker = SPEAKER_AFTER.match(text[toks[-1].end : toks[-1].end + 2])
        return bool(speaker) and not common and not place
    if any(known):
        return True
    before = text[max(0, toks[0].start - 60) : toks[0].start]
    if not common and not place and prob >= UNPLACED_MIN_PROB:
        return True
    if not common and prob >= UNLISTED_MIN_PROB and not PLACE_WORD_BEFORE.search(before):
        return True
    return bool(
        CUES_BEFORE.search(before) or CUE_AFTER.match(text[toks[-1].end : toks[-1].end + 30])
    )


def _is_place(keys: list[str], gaz: Gazetteer) -> bool:
    """A town, county or country, or a word of one ("Bury St Edmunds")."""
    return " ".join(keys) in gaz.places or any(k in gaz.places for k in keys)


def _vouched(text: str, person: PersonSpan) -> bool:
    """A public figure, a titled name or a maker of a work ("the Jensen novel") stands
    whatever the tagger says."""
    before = text[max(0, person.start - 16) : person.start].split()
    if person.public or bool(before and before[-1].rstrip(".").lower() in TITLES):
        return True
    return _maker_of_work(text, person.end)


WORK_AFTER = regex.compile(
    r"^(?:'s|’s)?\s+(?:novels?|books?|songs?|albums?|films?|movies?|version|recording|cover"
    r"|poems?|plays?|biography|memoir|paintings?|portrait|lyrics|symphony|opera|sonnets?)\b"
)


def _maker_of_work(text: str, end: int) -> bool:
    return bool(WORK_AFTER.match(text[end : end + 16]))


def _in_street(text: str, person: PersonSpan) -> bool:
    """ "12 Jackson Ridge" and "Calle Marta López 4" name streets, not people."""
    before = text[max(0, person.start - 12) : person.start]
    after = text[person.end : person.end + 30]
    return bool(NUMBER_BEFORE.search(before) or STREET_AFTER.match(after))


MODEL_MAX_CHARS = 5_000  # past a few posts' length the rules alone keep the time linear
MODEL_MIN_PROB = 0.5
MODEL_VETO_PROB = 0.05  # a rule's name that the tagger gives less than this is dropped
NUMBER_BEFORE = regex.compile(r"\b\d{1,5}[A-Za-z]?,?\s+$")
STREET_AFTER = regex.compile(
    r"^\s+(?:\p{Lu}[\p{L}'’\-]*\s+)?(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|"
    r"Crescent|Way|Place|Pl|Court|Ct|Gardens|Grove|Terrace|Square|Mews|Row|Hill|Park|Boulevard|"
    r"Blvd|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Ridge|Walk|View|Rise|Green|Parade|Crossing|"
    r"Heights|Meadows?|Estates?|Plaza|Point|Junction|Manor|Mall|Common|Corner|Cove|Gate|Glen|"
    r"Hollow|Knoll|Lodge|Orchard|Pines?|Ranch|Shores?|Summit|Trace|Villas?|Wharf|Woods?|Quay|"
    r"Landing|Route|Springs?|Valley|Creek|Brook|Falls|Loop|Pike|Path|Run|Square)\b\.?"
)


def _tagged_people(
    text: str, spans: list[tuple[int, int, float]], found: list[PersonSpan], gaz: Gazetteer
) -> list[PersonSpan]:
    """Names the tagger finds that the rules did not, behind the rules' own guards."""
    masked = _masked(text)
    out: list[PersonSpan] = []
    for start, end, prob in spans:
        if prob < MODEL_MIN_PROB or any(p.start < end and start < p.end for p in found):
            continue
        if any(s < end and start < e for s, e in masked) or not text[start].isupper():
            continue
        toks = [_Tok(m.group(), m.start(), m.end()) for m in CAP_TOKEN.finditer(text, start, end)]
        if toks and toks[-1].end < end - 2:  # "Ledbury milepost": keep the capitalised words
            end = toks[-1].end
        keys = [t.key for t in toks]
        if not toks or all(k in STOP_CAPS or k in MONTHS_DAYS or k in TITLES for k in keys):
            continue
        if not _cut_at_org(toks, gaz) or _belongs_to_place_or_org(text, toks, start):
            continue
        if not _tagged_span_vouched(text, toks, keys, gaz, prob):
            continue
        name = _strip_possessive(text[start:end])
        end = start + len(name)
        age, child = _age_and_child(text, start, end)
        public = _is_public(name, text, end, gaz)
        out.append(
            PersonSpan(start, end, " ".join(name.split()), public=public, age=age, child=child)
        )
    return out


# The encoder's thresholds (see models/names/encoder.py and models/names/README.md). A
# probability above 1 switches capitalised additions off, a veto probability of 0 vetoes
# nothing.
ENCODER_MIN_PROB = 0.99  # a capitalised word the encoder reads as a name
ENCODER_LOWER_MIN_PROB = 0.8  # a lower-case one
ENCODER_VETO_PROB = 0.05  # a name found with no title, that the encoder reads as none
ENCODER_DOUBT_PROB = 0.9  # the tagger's probability under which a found name is asked about


def _open_word(word: str, gaz: Gazetteer, lower_post: bool) -> bool:
    """A word no list or rule has settled: a capitalised word that is no common word,
    title, month or organisation word and either a listed name or no place and not made
    of common words ("Bookshop", "Thursdays"); in lower case, a listed name that is no
    common word, or in a post written all in lower case any listed name or word that
    could be a name."""
    key = word.lower()
    if (key in gaz.common and not lower_post) or len(key) < 2 or not word[0].isalpha():
        return False
    if key in STOP_CAPS or key in MONTHS_DAYS or key in TITLES or key in ORG_WORDS:
        return False
    listed = (key in gaz.first or key in gaz.last) and key not in AMBIGUOUS
    if word[0].islower():
        return (listed and (lower_post or key not in gaz.common)) or (
            lower_post and _plain_word(key, gaz) and not _made_of_words(key, gaz)
        )
    if ENCODER_MIN_PROB > 1.0 or key in AMBIGUOUS or (len(word) > 1 and word.isupper()):
        return False
    return listed or (key not in gaz.places and not _made_of_words(key, gaz))


def _made_of_words(key: str, gaz: Gazetteer) -> bool:
    """A plural of a common word or day, a hyphenated word with a common word in it, or
    two common words run together ("bookshop", "brightspark")."""
    common = gaz.common
    if key.endswith("s") and (key[:-1] in common or key[:-1] in MONTHS_DAYS):
        return True
    parts = key.split("-")
    if len(parts) > 1:
        return any(p in common and p not in gaz.first and p not in gaz.last for p in parts)
    return any(key[:i] in common and key[i:] in common for i in range(3, len(key) - 2))


def _with_encoder(
    text: str,
    found: list[PersonSpan],
    gaz: Gazetteer,
    prob_in: Callable[[int, int], float] | None,
    lower_post: bool = False,
) -> list[PersonSpan]:
    """When the encoder's files are present (``models/names/encoder.py``), names it reads
    in the words no list or rule has settled, less the capitalised names found without a
    title or other voucher, that the tagger (``prob_in``) is not sure of either and the
    encoder reads as no name; it runs only on posts that hold such a word or name."""
    model = name_encoder.load()
    if model is None or len(text) > MODEL_MAX_CHARS:
        return found
    words = tagger.tokenise(text)
    asked = [(a, b) for w, a, b in words if _open_word(w, gaz, lower_post)]
    if asked:  # outside the names found, links and handles
        masked = _masked(text) + [(p.start, p.end) for p in found]
        asked = [(a, b) for a, b in asked if not any(s < b and a < e for s, e in masked)]
    doubtful = [
        p
        for p in found
        if ENCODER_VETO_PROB and text[p.start].isupper() and not _vouched(text, p)
        and (prob_in is None or prob_in(p.start, p.end) < ENCODER_DOUBT_PROB)
    ]  # fmt: skip
    if not asked and not doubtful:
        return found
    name, begin = model.name_probs(text, asked + [(p.start, p.end) for p in doubtful])
    out = [p for p in found if p not in doubtful or name.get(p.start, 1.0) >= ENCODER_VETO_PROB]
    taken = -1
    for a, b in asked:
        low = text[a].islower()
        if a < taken or name.get(a, 0.0) < (ENCODER_LOWER_MIN_PROB if low else ENCODER_MIN_PROB):
            continue
        end = b
        i = next(k for k, w in enumerate(words) if w[1] == a)
        for w, c, d in words[i + 1 :]:  # the rest of the name: pieces read as inside one
            p = name.get(c, 0.0)
            if text[end:c] != " " or w[:1].islower() != low or p < 0.5 or begin[c] * 2 > p:
                break
            if any(q.start < d and c < q.end for q in out) or w.lower() in STOP_CAPS:
                break
            end = d
        taken = end
        toks = [_Tok(w, c, d) for w, c, d in words if a <= c and d <= end]
        if not low and (not _cut_at_org(toks, gaz) or _belongs_to_place_or_org(text, toks, a)):
            continue
        person = _strip_possessive(text[a:end])
        age, child = _age_and_child(text, a, a + len(person))
        public = False
        for q in found:  # a name said again keeps what is known of the person
            if person.lower() in q.name.lower().split():
                public, age, child = q.public, q.age, q.child
        out.append(PersonSpan(a, a + len(person), person, public=public, age=age, child=child))
    return sorted(out, key=lambda p: p.start) if out != found else found


TITLE_TAILS = word_set("royal regent consort dowager")


def _judge_run(text: str, run: list[_Tok], gaz: Gazetteer) -> PersonSpan | None:
    title_public: bool | None = None
    while run and _is_title(run[0]):
        title_public = TITLES[run[0].key] or bool(title_public)
        run = run[1:]
    run = _cut_at_org(run, gaz)
    if title_public is not None and len(run) == 1 and run[0].key in TITLE_TAILS:
        return None  # "the Princess Royal" is a title, not a name
    if title_public is None:
        while len(run) > 1 and run[0].key not in gaz.first and run[1].key in gaz.first:
            run = run[1:]
    if not run or len(run) > 4 or _hyphenated_non_name(run[0], gaz):
        return None
    start, end = (
        run[0].start,
        run[-1].end - (1 if run[-1].text.endswith(".") and not _is_initial(run[-1]) else 0),
    )
    if _belongs_to_place_or_org(text, run, start):
        return None
    keys = [t.key for t in run]
    first_known = keys[0] in gaz.first
    later_known = any(k in gaz.last or k in gaz.first for k in keys[1:])
    before = text[max(0, start - 60) : start]
    at_start = bool(SENTENCE_END.search(before))

    def cue() -> bool:
        return (
            bool(CUES_BEFORE.search(before))
            or bool(CUE_AFTER.match(text[end : end + 30]))
            or _maker_of_work(text, end)
        )

    if title_public is not None or " ".join(keys) in gaz.public:
        ok = True
    elif len(run) >= 2 and first_known and not _is_initial(run[-1]):
        ok = keys[0] not in MONTHS_DAYS or later_known
    elif len(run) >= 2 and later_known and not at_start and keys[0] not in MONTHS_DAYS:
        ok = True
    elif len(run) == 1 and first_known:
        ok = _single_name_ok(keys[0], at_start, cue, text, end)
    else:
        ok = not at_start and len(run) <= 3 and keys[0] not in MONTHS_DAYS and cue()
        ok = (
            ok
            or _addressed(text, start, end, keys, gaz)
            or _object_name(text, start, end, keys, gaz)
        )
    if not ok:
        return None
    name = " ".join(_strip_possessive(t.text) for t in run)
    if end < run[-1].end:  # "says Izumi." ends a sentence: the full stop is no part of it
        name = name[:-1]
    end = start + len(_strip_possessive(text[start:end]))
    public = bool(title_public) or _is_public(name, text, end, gaz)
    age, child = _age_and_child(text, start, end)
    return PersonSpan(start, end, name, public=public, age=age, child=child)


VOCATIVE_BEFORE = regex.compile(r",\s*$")
VOCATIVE_AFTER = regex.compile(r"^\s*(?:[?!]|,|\.(?:\s|$)|$)")


def _addressed(text: str, start: int, end: int, keys: list[str], gaz: Gazetteer) -> bool:
    """A word set off by commas as the person spoken to ("Thanks for coming, Okonkwo!",
    "Could you, Zofia, send it?") when it is no common word, place, month or title."""
    if len(keys) > 2 or not VOCATIVE_BEFORE.search(text[max(0, start - 3) : start]):
        return False
    if not VOCATIVE_AFTER.match(text[end : end + 3]):
        return False
    return not any(
        k in gaz.common or k in gaz.places or k in MONTHS_DAYS or k in TITLES or k in ORG_WORDS
        for k in keys
    )


OBJECT_BEFORE = regex.compile(r"(?<![\p{L}'’])(\p{Ll}+)\s+$")
CLAUSE_END_AFTER = regex.compile(r"^(?:[?.](?:\s|$)|\s*$)")
NOT_A_VERB = word_set("""in at from to near of for into onto on by via with without the a an and or nor
    our your their his her my its this that these those some any every each no about above below
    across around behind beyond over under through throughout towards toward between among
    outside inside within upon visit visiting visited explore exploring""")


def _object_name(text: str, start: int, end: int, keys: list[str], gaz: Gazetteer) -> bool:
    """A word no list holds, ending a clause straight after a verb ("have you met
    Okonkwo?", "it was signed by ... and sent to Dunmore." is not: "to" is no verb), is
    a name when it is no common word, place, month, title or organisation word."""
    if len(keys) != 1 or not CLAUSE_END_AFTER.match(text[end : end + 2]):
        return False
    m = OBJECT_BEFORE.search(text[max(0, start - 30) : start])
    if m is None or m.group(1) in NOT_A_VERB:
        return False
    k = keys[0]
    return not (
        k in gaz.common or k in gaz.places or k in MONTHS_DAYS or k in TITLES or k in ORG_WORDS
    )


def _hyphenated_non_name(tok: _Tok, gaz: Gazetteer) -> bool:
    """ "Home-Start" is an organisation; "Mary-Jane" and "Smith-Jones" are names."""
    parts = tok.key.split("-")
    if len(parts) < 2 or tok.key in gaz.first or tok.key in gaz.last:
        return False
    return not all(p in gaz.first or p in gaz.last for p in parts)


def _single_name_ok(key: str, at_start: bool, cue: Callable[[], bool], text: str, end: int) -> bool:
    if key in MONTHS_DAYS and MONTH_USE.match(text[end : end + 8]):
        return False
    if key in AMBIGUOUS or key in MONTHS_DAYS:
        return not (at_start and key in MONTHS_DAYS) and cue()
    return True


def _cut_at_org(run: list[_Tok], gaz: Gazetteer) -> list[_Tok]:
    """A run holding an organisation or street word is not a person ("Hope Street")."""
    for i, tok in enumerate(run):
        parts = tok.key.split("-")
        # "Peter Hall" is a person, "Westcliff Hall" a building: the surname must follow
        # a first name or a title
        if any(p in ORG_WORDS for p in parts) and not (
            i > 0
            and tok.key in gaz.last
            and (run[i - 1].key in gaz.first or run[i - 1].key in TITLES or _is_initial(run[i - 1]))
        ):
            return []
    return run


PLACE_BEFORE = regex.compile(
    r"\b(?:St\.?|Saint|Mount|Port|Lake|Fort|Cape|Upper|Lower|Great|Little|North|South|East|West"
    r"|New|Old)\s+$",
    regex.REVERSE,
)
LOWER_ORG_AFTER = regex.compile(
    r"^(?:[^\S\n]+(?:office|offices|branch|shop|store|hub|area|site|campus|depot|clinic|"
    r"region|county|borough|constituency)\b|\s*&\s*(?:Co|Sons|Daughters|Partners)\b)"
)
IN_PLACE_BEFORE = regex.compile(r"\b(?:in|near)\s+$", regex.REVERSE)
ORG_AFTER = regex.compile(  # on the same line: a name on a line of its own may top a firm's
    r"^(?:'s|’s)?[^\S\n]+(?:\p{Lu}[\p{L}'’]*[^\S\n]+){0,2}(?:"
    + "|".join(sorted(w.capitalize() for w in ORG_WORDS))
    + r")\b"
)


COMPASS = word_set("north south east west central northern southern eastern western")


def _place_with_compass(run: list[_Tok]) -> bool:
    """ "Leeds North", "North Norfolk", "Central Bedfordshire": a place and a compass
    point name a constituency or a district, not a person."""
    keys = [t.key for t in run]
    places = gazetteer().places
    return any(k in COMPASS for k in keys) and any(k in places for k in keys if k not in COMPASS)


def _belongs_to_place_or_org(text: str, run: list[_Tok], start: int) -> bool:
    before = text[max(0, start - 12) : start]
    if PLACE_BEFORE.search(before):
        # "Little Alfie, 3, took his first steps": a first name with an age after it is
        # a child, not a village such as Little Chalfont.
        after = text[run[-1].end : run[-1].end + 40]
        return not (
            before.endswith("Little ")
            and run[0].key in gazetteer().first
            and (AGE_AFTER.match(after) or BABY_AGE_AFTER.match(after))
        )
    if IN_PLACE_BEFORE.search(before) and len(run) == 1:
        return True
    if _place_with_compass(run):
        return True
    if run[-1].key in COMPASS and WARD_BEFORE.search(text, max(0, start - 40), start):
        return True  # "the Green candidate for Ashcombe West": a ward, not a person
    after = text[run[-1].end : run[-1].end + 40]
    if (
        len(run) > 1
        and run[-1].key in BUILDING_WORDS
        and VENUE_BEFORE.search(text, max(0, start - 20), start)
        and not after.startswith(("'s", "’s"))
    ):
        return True  # "2pm, Victoria Hall, Settle", "meet at Grace Court": a venue
    return bool(ORG_AFTER.match(after) or LOWER_ORG_AFTER.match(after))


# A building named after a person or a first name: read as a venue after a time or "at".
BUILDING_WORDS = word_set("hall house court lodge chapel centre rooms")
VENUE_BEFORE = regex.compile(
    r"(?:\b(?:at|in|inside|outside|venue:?|where:?)\s+(?:the\s+)?|\d\s*(?:am|pm)\s*,\s*)$", regex.I
)


WARD_BEFORE = regex.compile(
    r"\b(?:candidates?|councillors?|cllr|mp|member|members|ward|division|seat|standing|stands)\s+(?:for|in)\s+$",
    regex.I,
)


def _is_public(name: str, text: str, end: int, gaz: Gazetteer) -> bool:
    if name.lower() in gaz.public:
        return True
    return bool(PUBLIC_AFTER.match(text[end : end + 40]))


# A party as a candidate's label in brackets: "Rachel Gower (Lib Dem)", "(Independent)".
PARTY_LABEL = (
    r"(?:Lab|Labour|Con|Conservatives?|Lib\s+Dems?|Liberal\s+Democrats?|Green|Greens"
    r"|Green\s+Party|Reform(?:\s+UK)?|SNP|Plaid(?:\s+Cymru)?|Independent|Ind)"
)
# "Jane Hill MP", and a candidate with her party: "Rachel Gower (Lib Dem)"
PUBLIC_AFTER = regex.compile(
    r"^,?\s+(?:MP|MSP|MS|MLA|MEP|AM|OBE|MBE|CBE|KC|QC)\b"
    rf"|^\s*\({PARTY_LABEL}(?:\s+candidate)?\)"
)


# "baby Oliver", "little Maisie", "our newborn twins Ava and Ada"
CHILD_NAME_BEFORE = regex.compile(
    r"\b(?:[Bb]aby|[Nn]ewborn|[Tt]oddler|[Ii]nfant|little)(?:\s+(?:boy|girl|brother|sister|son"
    r"|daughter|twins?|grandson|granddaughter))?\s+$"
)


def _age_and_child(text: str, start: int, end: int) -> tuple[int | None, bool]:
    before = text[max(0, start - 30) : start]
    if BABY_AGE_AFTER.match(text[end : end + 30]) or BABY_AGE_BEFORE.search(before):
        return 0, True
    if CHILD_NAME_BEFORE.search(before):
        return None, True
    age: int | None = None
    m = AGE_AFTER.match(text[end : end + 40])
    if m:
        age = int(m.group(1))
    else:
        b = AGE_BEFORE.search(text[max(0, start - 30) : start])
        if b:
            word = b.group(1).lower()
            age = NUMBER_WORDS[word] if word in NUMBER_WORDS else int(word)
    if age is not None and age > 120:
        age = None
    if age is not None:
        return age, age < 18
    if CHILD_WORD_BEFORE.search(before) or CHILD_WORD_AFTER.match(text, end, end + 40):
        return None, True
    birthday = CHILD_BIRTHDAY_BEFORE.search(text[max(0, start - 40) : start])
    if birthday:
        word = birthday.group(1).lower()
        n = ORDINAL_WORDS.get(word) or int(regex.sub(r"\D", "", word) or 99)
        if n < 18:
            return n, True
    sentence = sentence_around(text, start, end)
    return None, bool(SCHOOL.search(sentence)) and not ADULT_ROLE.search(sentence)
