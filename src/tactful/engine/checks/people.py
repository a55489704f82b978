"""People named in a post: consent, and the extra care children need.

``mode: consent`` flags every private individual named in the post (public
figures such as MPs, councillors and royalty, the makers of published works, people
of history and named storms are left alone) unless the
organisation has a current consent for them in the context. A full name is a
finding at the rule's severity, and so is a title with a surname ("Mrs Patel"); a
first name on its own is only advice, since it rarely identifies someone to the
public; a named child is left to ``child_consent``.
A photo or video in the context that shows adults needs a consent that covers
being pictured (scope photo or video, or words saying so). A consent matches
when it names the same person: the full name, or the first name alone when the
consent records the full name. Consents given in words ("Jane Smith, photo")
match when they mention the name. Expired consents do not count.

``mode: child_consent`` flags an identifiable child: a name with an age under 18
("Alfie, 7", "our 5-year-old Sam"), a name with a school year ("Year 3 at St
Mary's"), or a photo or video that shows children. Each needs a parent's or
guardian's consent: a consent marked ``parental``, or one whose words mention a
parent, mum, dad, mother, father or guardian. Anonymous mentions ("a mum told
us", "one of our children") pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict

from ..model import Consent
from ..names import ORG_WORDS, PersonSpan, find_people, gazetteer, word_set
from ..text import Document, sentence_around
from .base import Check, Hit

PARENT_WORDS = regex.compile(
    r"\b(?:parents?|parental|mum|mums|mother|dad|dads|father|guardians?|carers?|"
    r"step-?(?:mum|dad|parent))\b",
    regex.I,
)
NAME_WORD = regex.compile(r"[\p{L}][\p{L}'’\-]*")
TITLE_WORDS = word_set("mr mrs ms miss mx dr prof sir dame lady lord rev cllr")
# "Mrs Patel from the Felixstowe group": a title and a surname pick someone out as
# surely as a full name.
TITLE_BEFORE = regex.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Revd)\.?\s+$")
INITIAL = regex.compile(r"^\p{Lu}\.?$")
SURNAME = regex.compile(r"^\p{Lu}[\p{Ll}'’\-]+(?:\p{Lu}[\p{Ll}'’\-]+)*$")  # not "S***" or "B."


# A name right after one of these is someone in a public role ("our patron, the
# broadcaster Nick Knowles"), whom the policies do not ask consent for.
PUBLIC_ROLE_BEFORE = regex.compile(
    r"\b(?:patron|ambassador|broadcaster|presenter|newsreader|author|novelist|poet|playwright"
    r"|historian|journalist|columnist|comedian|actor|actress|singer|musician|olympian"
    r"|paralympian|(?:olympic|paralympic|commonwealth\s+games)\s+[\w-]+|(?:world|british|european)\s+champion"
    r"|footballer|MP|minister|mayor|councillor|peer|professor|bishop|archbishop"
    r"|judge|chancellor|president|prime\s+minister|cartoonist|illustrator|sculptor|architect"
    r"|candidate|(?:Labour|Conservative|Tory|Lib\s+Dem|Liberal\s+Democrat|Green|Reform|Independent)\s+candidate"
    # "the only candidate who turned up was the independent, Tom Hargreaves"
    r"|the\s+independent(?=,)"
    # "Of the four candidates, only Priya Nandy had read our report"
    r"|candidates,\s+(?:only|just|even|including)"
    # "Vote Ollerton on 7 May!": the name on the ballot paper
    r"|vote(?:\s+for)?"
    r"|(?:TV|television|radio|BBC|ITV|celebrity)\s+[\w-]+"
    # "the Green candidate for Ashcombe West, Tom Pellow"
    r"|candidate\s+for\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}(?=,)"
    # "our new patron, chef Lena Marchetti"
    # "our new patron, broadcaster and disability campaigner Marcus Lyle"
    r"|patron,?\s+(?-i:(?:\p{Ll}[\p{Ll}-]*\s+){0,5}\p{Ll}[\p{Ll}-]*)"
    # "a famous new patron… Tom Lissaman is coming on board"
    r"|patron\s*(?:…|\.\.\.|:|–|-))(?:,\s*(?:the\s+)?|\s+)"
    # "the broadcaster Dr Helen Carraway"
    r"(?:(?:Dr|Prof|Professor|Sir|Dame|Lord|Lady|Baroness|Rev|Revd)\.?\s+)?$"
    # a station's or a paper's own: "Tees FM's Lou Garside", "the Gazette's Amy Walsh"
    r"|\b(?:FM|Radio|BBC(?:\s+\w+)?|ITV(?:\s+\w+)?|Gazette|Echo|Times|News|Post|Herald|Chronicle"
    r"|Mercury|Advertiser|Observer|Journal|Telegraph|Argus|Press|Star|Mail|Courier"
    # a party's own: "the Green Party's Tom Ridley", "Labour's Amy Holt"
    r"|Party|Labour|Conservatives?|Tory|Tories|Greens?|Reform(?:\s+UK)?|Liberal\s+Democrats?"
    r"|Lib\s+Dems?|SNP|Plaid(?:\s+Cymru)?)['’]s\s+$",
    regex.I,
)
PUBLIC_ROLE_AFTER = regex.compile(
    r"^,?\s+(?:(?:is|was|becomes|will\s+be|will\s+become|is\s+to\s+become|has\s+become|joins\s+us"
    r"|(?:has\s+)?agreed\s+to\s+(?:become|be))\s+)?(?:as\s+)?(?:the\s+|our\s+)?(?:[\w'’]+\s+){0,2}?(?:patron|ambassador|broadcaster|presenter|author"
    r"|novelist|poet|MP|minister|mayor)\b"
    # a candidate for election: "Jo Featherstone, Labour's candidate for Riverside", "Rob
    # Tilling, the Conservative candidate", "Sam Osei of the Liberal Democrats"
    r"|^,?\s+(?:(?:is|was)\s+)?(?:the\s+|a\s+)?(?:[\w'’\-]+\s+){0,3}?(?:candidate|councillor)\b"
    r"|^\s+(?:for|as)\s+(?:our\s+|the\s+|next\s+)?(?:mayor|councillor|MP|police\s+and\s+crime\s+commissioner)\b"
    # "Dr Farah Quayle, Paralympic rower and radio presenter, as our new patron"
    r"|^,\s+[^,.!?\n]{1,60},\s+(?:is\s+|as\s+)(?:our\s+)?(?:new\s+)?(?:patron|ambassador)\b"
    r"|^,?\s+of\s+the\s+(?:Labour|Conservative|Liberal\s+Democrat|Green|Reform|Independent)"
    r"\w*(?:\s+party)?\b",
    regex.I,
)
# Someone named in the same sentence as a long-past year, a century or a period
# ("Thomas Telford surveyed the road in 1820") is a historical figure: the dead
# give no consent and the law on personal data no longer covers them.
PAST_YEAR = regex.compile(r"(?<![\d£$.,])(1[0-9]\d\d)(?:s|['’]s)?(?![\d%])")
PAST_PERIOD = regex.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)|(?:fif|six|seven|eigh|nine)teenth)[- ]century\b"
    r"|\b(?:the\s+late|died\s+in|who\s+died)\b",
    regex.I,
)
# ...unless the sentence is about the present ("Peter Hall restored the 1820 stone
# last week").
NOW_WORDS = regex.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:week|weekend|month|year|morning|afternoon)"
    r"|last\s+(?:week|weekend|month|night)|next\s+(?:week|weekend|month)|recently|currently"
    r"|now|our\s+(?:volunteer|member|trustee|chair|secretary|treasurer)s?|will|welcome"
    # someone alive who met us: "welcomed by Mrs Hilary Stannard, who showed us the 18th-century stoop"
    r"|welcomed|(?:showed|met|greeted|hosted|joined|told|gave)\s+us)\b",
    regex.I,
)
PAST_MARGIN_YEARS = 105
# Someone who did something as an adult in a year at least this long ago ("Basil Brown
# uncovered the ship in 1939") would now be over a hundred: a figure of history. A birth
# year needs the longer margin above.
ACT_MARGIN_YEARS = 85
BIRTH_WORDS = regex.compile(r"\b(?:born|birth|births|baby|babies|child|children|aged?)\b", regex.I)
# A life placed in the past: "lived there from 1899", "born in 1870", "(1858–1928)".
LIFE_DATES = regex.compile(
    r"\b(?:lived|born|died|was\s+born|grew\s+up|worked|founded|built)\b[^.!?]{0,30}?\b(1[0-9]\d\d)\b"
    r"|\(\s*(1[0-9]\d\d)\s*[–-]\s*1[0-9]\d\d\s*\)",
    regex.I,
)


# The organisation's officers named in their role on its own account ("Our CEO, Andrew
# Kaye, spoke at the forum", "Owen Tarrant, our Web Administrator"): speaking for the
# organisation is their job, so naming them in it needs no consent of the kind asked of
# volunteers and the people it supports.
OFFICER = (
    r"(?:CEO|chief\s+executive|(?:executive\s+|managing\s+)?director|chair(?:man|woman|person)?"
    r"(?:\s+of\s+(?:the\s+)?(?:trustees|board|committee))?|vice[\s-]chair(?:man|woman)?|president"
    r"|vice[\s-]president|treasurer|(?:(?:honorary|membership|minutes|events|assistant)\s+)?secretary|web\s+administrator|trustee"
    r"|social\s+media\s+officer|communications\s+(?:lead|officer|manager|director)|founder)"
)
# "Our directors, Amy Kwan and Sophie Barraclough": a plural role before a short list of
# names covers each of them.
# "our long-serving treasurer, Bob Ashworth"
PRAISE_BEFORE_ROLE = r"(?:(?:long-?serving|long-?standing|hard-?working|wonderful|brilliant|fantastic|amazing|much-loved|former)\s+){0,2}"
OFFICER_BEFORE = regex.compile(
    # "Our CEO, Andrew Kaye", "our founder and Chief Executive, Ruth Alder"
    rf"\b(?:our|the\s+(?:society|charity|network)['’]s)\s+{PRAISE_BEFORE_ROLE}(?:new\s+|joint\s+|co-?|outgoing\s+|incoming\s+|retiring\s+|acting\s+|interim\s+)?(?:{OFFICER}\s+(?:and|&)\s+)?{OFFICER}(?:,|\s+is)?\s+"
    r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Rev|Revd|Cllr|Sir|Dame)\.?\s+)?$"
    rf"|\b(?:our|the\s+(?:society|charity|network)['’]s)\s+(?:new\s+|joint\s+|co-?|outgoing\s+|incoming\s+|retiring\s+|acting\s+|interim\s+)?{OFFICER}s,?\s+"
    r"(?:(?-i:\p{Lu})[\p{L}'’\-]+\.?,?\s+){0,12}(?:(?:and|&)\s+)?$"
    # "Our Chairman, Graham Pettifer, and Vice-Chair, Ruth Allonby": the second role of a pair
    rf"|\b(?:our|the\s+(?:society|charity|network)['’]s)\s+(?:new\s+|joint\s+|co-?|outgoing\s+|incoming\s+|retiring\s+|acting\s+|interim\s+)?{OFFICER},?\s+"
    rf"[^.!?\n]{{1,60}}?,?\s+(?:and|&)\s+(?:our\s+)?(?:new\s+|board\s+|deputy\s+)?{OFFICER}(?:,|\s+is)?\s+"
    r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Rev|Revd|Cllr|Sir|Dame)\.?\s+)?$"
    # "After six years as Chair, Eileen Barraclough has stood down"
    rf"|\b(?:years?|months?|decades?|terms?)\s+as\s+(?:our\s+)?{OFFICER},\s+"
    r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Rev|Revd|Cllr|Sir|Dame)\.?\s+)?$",
    regex.I,
)
# "Owen Tarrant, our Web Administrator", "Dr Helen Askew is the Society's new President"
OFFICER_AFTER = regex.compile(
    rf"^(?:,\s+|\s+(?:is|as|becomes|will\s+be|has\s+become|will\s+become|is\s+to\s+become|(?:will\s+)?takes?\s+over\s+as|joins\s+us\s+as|"
    r"(?:has\s+been|was|is|will\s+be)\s+(?:appointed|elected|named|confirmed|voted\s+in)(?:\s+as)?)\s+)"
    rf"(?:our|the(?:\s+\w+['’]s)?)\s+(?:new\s+|next\s+|incoming\s+)?{OFFICER}\b"
    # "Priti Varma, already a trustee, to act as Treasurer"
    rf"|^,\s+(?:already|also|herself|himself|currently)\s+(?:a|an|our|the)\s+(?:\w+\s+)?{OFFICER}\b"
    # "Priya Nandakumar will join us as Chief Executive on 1 February", "Dr Ruth Oyelaran
    # will join Home-Start in Suffolk as our Chief Executive"
    rf"|^\s+(?:will\s+join|is\s+joining|has\s+joined|joins)\s+(?:us|(?:[\p{{L}}\-]+\s+){{1,5}}?)\s*as\s+(?:our\s+)?(?:new\s+)?{OFFICER}\b"
    # "Tom Achebe, who becomes Harbourside Young Carers' Chief Executive in January"
    rf"|^,\s+who\s+(?:becomes|will\s+become|is\s+to\s+become|will\s+be|joins\s+us\s+as)\s+(?:our\s+|the\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:new\s+|next\s+)?{OFFICER}\b",
    regex.I,
)
# The officer handed over to or from: "our new Chair, Dr Helen Ross, who takes over from
# Graham Tully" (the sentence must name an officer's role).
SUCCESSION_BEFORE = regex.compile(
    r"\b(?:takes?\s+over\s+from|took\s+over\s+from|taking\s+over\s+from|succeeds|succeeding|"
    r"replaces|replacing|hands?\s+over\s+to|handed\s+over\s+to|handing\s+over\s+to)\s+$",
    regex.I,
)
# "...and a warm welcome to Sunita Varma, who takes over in January"
SUCCESSION_AFTER = regex.compile(
    r"^,?\s+(?:who\s+)?(?:takes|will\s+take|is\s+taking|took|has\s+taken|steps|stepped)\s+(?:over|up)\b",
    regex.I,
)
OFFICER_IN_SENTENCE = regex.compile(rf"\b{OFFICER}s?\b", regex.I)
# A sentence announcing who joins the board or takes an office names each of them as an
# officer: "We welcome three new trustees to the board: Sunil Rao, an accountant; and
# Grace Obi...", "Samira Haddad will become our new Chief Executive". Both a word of
# appointing and a new office or the board must be in it, so "our chair welcomed Jane
# Smith" still asks for Jane's consent.
APPOINTING = regex.compile(
    r"\b(?:welcom\w*|appoint\w*|elect(?:s|ed|ing)?|co-?opt\w*|join\w*|becom\w*|announc\w*"
    r"|introduc\w*|step(?:s|ped|ping)?\s+up)\b",
    regex.I,
)
NEW_OFFICE = regex.compile(
    rf"\b(?:new|next|incoming)\s+{OFFICER}s?\b"
    r"|\b(?:join\w*|to|on)\s+(?:the|our)\s+(?:[\w'’\-]+\s+){0,4}?(?:board|committee)\b",
    regex.I,
)
# Letters inside a name's span that make someone an elected member: "Tom Hale MP" (after
# the span, names.PUBLIC_AFTER marks them already).
# Elected members, and honours published in the Gazette ("Sheila Marr MBE"): named for a
# public role or a public honour.
POST_NOMINAL = word_set("mp mps msp ms mla mep am mbe obe cbe kbe dbe bem")
# A monarch or pope numbered by reign ("Henry VIII", "George III") is a public figure of
# history.
REGNAL = regex.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV)$")


# "Thanks to Mehta & Sons Grocers (sorry, Mr Mehta...)": the person a firm is named after,
# thanked for what the firm gave, is named as the business; so is the name before
# "& Joinery" ("Bramwell Timber & Joinery").
ORG_AFTER_WORDS = "|".join(sorted(w.capitalize() for w in ORG_WORDS))
FIRM_AFTER_SURNAME = (
    rf"\s*(?:&|and)\s+(?:Sons?|Daughters?|Co\b|Partners|Family)\b|\s*&\s+(?:{ORG_AFTER_WORDS})\b"
)


FIRM_NAME = regex.compile(
    rf"\b(\p{{Lu}}[\p{{L}}'’\-]+)(?:{FIRM_AFTER_SURNAME}|['’]s\s+(?:{ORG_AFTER_WORDS})\b)"
)
# "Amrit Delacourt of Delacourt Pharmacy": the firm named straight after the person
FIRM_RIGHT_AFTER = regex.compile(
    rf"^\s*,?\s*(?:of|from|at|who\s+runs|owner\s+of)\s+(?:the\s+)?(\p{{Lu}}[\p{{L}}'’\-]+)\s+(?:{ORG_AFTER_WORDS})\b"
)


def firm_namesakes(text: str) -> frozenset[str]:
    """Surnames the post names a firm after ("Mehta & Sons", "Patel's Bakery")."""
    return frozenset(m.group(1) for m in FIRM_NAME.finditer(text))


def is_firm_namesake(text: str, person: PersonSpan, firms: frozenset[str] | None = None) -> bool:
    """Whether the post also names a firm after ``person``'s surname ("Mehta & Sons")."""
    if not _name_words(person.name):
        return False
    surname = person.name.split()[-1].rstrip(".,")
    right_after = FIRM_RIGHT_AFTER.match(text[person.end : person.end + 80])
    if right_after and right_after.group(1) == surname:
        return True
    return surname in (firm_namesakes(text) if firms is None else firms)


# "selfie of the author in a Clean Slate fleece": the person posting, who needs no one's
# consent to show themselves, as long as nobody else is described in the picture
SELF_ONLY = regex.compile(r"^\s*(?:a\s+|my\s+)?(?:selfie\b|(?:photo|picture|portrait)\s+of\s+(?:the\s+author|me|myself)\b|the\s+author\b(?![’']s))", regex.I)
OTHERS_IN_PICTURE = regex.compile(
    r"\b(?:friends?|colleagues?|volunteers?|members?|family|families|child|children|kids?|baby|babies"
    r"|son|daughters?|sons|husband|wife|partner|mum|dad|parents?|group|crowd|team|others|people|everyone"
    r"|guests?|clients?|learners?|staff|niece|nephew|grandchildren|grandchild|sister|brother|neighbours?"
    r"|residents?|walkers|runners|fellow|couple|two|three|four|five|six|several|some|both)\b",
    regex.I,
)


def _only_the_author(depicts: str | None) -> bool:
    return bool(depicts and SELF_ONLY.search(depicts) and not OTHERS_IN_PICTURE.search(depicts))


def _picture_of_the_past(depicts: str | None, this_year: int) -> bool:
    """A picture whose description dates it a lifetime ago ("carters photographed
    around 1908"): the people in it are people of history."""
    years = [int(y) for y in PAST_YEAR.findall(depicts or "")]
    return bool(years) and max(years) <= this_year - PAST_MARGIN_YEARS


def _surname_of(name: str) -> str:
    """The last word of a name, past any post-nominal letters ("Gareth Linwood MP")."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in POST_NOMINAL]
    return words[-1] if words else name


def in_public_role(text: str, person: PersonSpan) -> bool:
    """Whether the post names ``person`` by a public role ("the broadcaster X", "X MP",
    "Henry VIII")."""
    words = person.name.split()
    if len(words) > 1 and (words[-1].lower().rstrip(".") in POST_NOMINAL or REGNAL.match(words[-1])):
        return True
    before = text[max(0, person.start - 70) : person.start]
    after = text[person.end : person.end + 60]
    sentence = sentence_around(text, person.start, person.end)
    if OFFICER_BEFORE.search(before) or OFFICER_AFTER.match(text[person.end : person.end + 80]):
        # an officer's role is public, their health is not: "get well soon to our
        # treasurer Geoffrey Pallister, who is recovering after his operation"
        return not PRIVATE_HEALTH.search(sentence)
    if (SUCCESSION_BEFORE.search(before) or SUCCESSION_AFTER.match(after)) and OFFICER_IN_SENTENCE.search(
        sentence
    ):
        return True
    if NEW_OFFICE.search(sentence) and APPOINTING.search(sentence):
        return True
    if VOTING_FOR_BEFORE.search(before) and ELECTION_WORDS.search(sentence):
        return True  # "I'm voting for Helena Marsh on 7 May": a candidate
    return bool(PUBLIC_ROLE_BEFORE.search(before) or PUBLIC_ROLE_AFTER.search(after))


PRIVATE_HEALTH = regex.compile(
    r"\b(?:get\s+well|recovering|recovery|operation|surgery|in\s+hospital|illness|ill\b|diagnos\w*"
    r"|cancer|stroke|treatment|poorly|unwell|sick\s+leave)",
    regex.I,
)
VOTING_FOR_BEFORE = regex.compile(r"\b(?:vote|voting|voted)\s+for\s+$", regex.I)
# ...in an election, not an award: "voted for Jo as Volunteer of the Year" still needs Jo's consent
ELECTION_WORDS = regex.compile(
    r"\b(?:elections?|by-election|polling|ballot|mayor|mayoral|council|councillor|mp|candidates?"
    r"|on\s+\d{1,2}(?:st|nd|rd|th)?\s+may|in\s+may|on\s+thursday)\b",
    regex.I,
)


# Someone named as the maker of a work ("Judith Kerr's 'The Tiger Who Came to Tea'",
# "'Wolf Hall' by Hilary Mantel", "a new Richard Osman book") or quoted for a famous
# saying ("as Nelson Mandela once said") is named for what they published, which is
# public already. A testimonial ("kind words from Jane Hollis") is not: that is a
# private person speaking.
OPEN_QUOTES = "'‘\"“"
CLOSE_QUOTES = "'’\"”"
WORK_NOUN = (
    r"(?i:books?|novels?|picture\s+books?|films?|albums?|biograph(?:y|ies)|memoirs?|"
    r"thrillers?|series|classics?|symphon(?:y|ies)|operas?|poems?|poetry|songs?|plays?|paintings?)"
)
MADE_AFTER = regex.compile(
    rf"^['’]s?\s+(?:[{OPEN_QUOTES}]|(?:(?:new|latest|last|first|classic|famous|best|"
    rf"favourite|wonderful|brilliant|beautiful|lovely|great)\s+)*(?:\p{{Lu}}\w*\s+)*{WORK_NOUN}\b)"
    r"|^\s+(?i:books?|novels?|films?|albums?|biograph(?:y|ies)|thrillers?)\b"
    # "our speaker Rita Gough, whose book 'Picture Palaces' is out now"
    rf"|^,?\s+(?i:whose)\s+(?:(?i:new|latest|last|first|debut|recent)\s+)*{WORK_NOUN}\b"
)
MADE_BEFORE = regex.compile(
    rf"(?:[{CLOSE_QUOTES}]\s*,?\s*|\b{WORK_NOUN}\s+)by\s+(?:(?:Dr|Prof|Professor|Sir|Dame|Rev|Revd)\.?\s+)?$"
    r"|\b(?:written|illustrated|composed)\s+by\s+$"
    # a credit line: "Photo: Ellie Thornton", "Illustration by Sam Hurst", "📷 credit: ..."
    r"|\b(?:photos?|photographs?|photography|pictures?|images?|illustrations?|artwork|design)"
    r"\s*(?:credit\s*)?(?:by|:|©)\s*$"
    # "This lovely illustration of a baby's first year is by Hana Osei"
    r"|\b(?:photos?|photographs?|pictures?|illustrations?|drawings?|paintings?|artwork|poems?)\b"
    r"[^.!?\n]{0,40}?\b(?:is|are|was|were)\s+by\s+$"
    r"|\bas\s+$"
    # a show's title in apposition: "our youth theatre's summer show, Bugsy Malone"
    # ...and a team's: "the winning team, 'Quizteama Aguilera'"
    r"|\b(?:show|musical|panto|pantomime|production|team|band|choir)\s*,?\s+['‘\"“]?$",
    regex.I,
)
SAYING_AFTER = regex.compile(r"^\s*(?:once|famously)\s+(?:said|wrote|put\s+it)\b")


# "Storm Éowyn", "Hurricane Katrina": weather, not people.
NAMED_STORM = regex.compile(r"^(?:Storm|Hurricane|Typhoon|Cyclone|Tropical\s+Storm)\s", regex.I)


def named_for_work(text: str, person: PersonSpan) -> bool:
    """Whether ``person`` is named as the maker of a work or the source of a saying."""
    after = text[person.end : person.end + 60]
    if MADE_AFTER.match(after):
        return True
    before = text[max(0, person.start - 50) : person.start]
    m = MADE_BEFORE.search(before)
    if not m:
        return False
    if m.group().lower().startswith("as"):
        return bool(SAYING_AFTER.match(after))
    return True


# "150 years ago this week, Alderman Silas Wetherby opened the reading room": an
# anniversary, so the "this week" in the same sentence is not about the person.
YEARS_AGO = regex.compile(
    r"\b(\d{2,4}|a\s+hundred|a\s+century|(?:one|two|three|four|five)\s+hundred)\s+years?\s+ago\b",
    regex.I,
)
SPELT_HUNDREDS = {"a hundred": 100, "a century": 100, "one hundred": 100, "two hundred": 200,
                  "three hundred": 300, "four hundred": 400, "five hundred": 500}  # fmt: skip


def _years_ago(sentence: str) -> int:
    """The longest "N years ago" in the sentence (0 if none)."""
    longest = 0
    for m in YEARS_AGO.finditer(sentence):
        word = " ".join(m.group(1).lower().split())
        longest = max(longest, SPELT_HUNDREDS[word] if word in SPELT_HUNDREDS else int(word))
    return longest


def is_historical(text: str, person: PersonSpan, this_year: int) -> bool:
    """Whether ``person`` is named as a figure of the past (a long-gone year or a
    period in the same sentence)."""
    sentence = sentence_around(text, person.start, person.end)
    for m in LIFE_DATES.finditer(sentence):
        if int(m.group(1) or m.group(2)) <= this_year - PAST_MARGIN_YEARS:
            return True  # "where she lived from 1899", even in a sentence about Saturday
    ago = _years_ago(sentence)
    if ago >= (PAST_MARGIN_YEARS if BIRTH_WORDS.search(sentence) else ACT_MARGIN_YEARS):
        return True
    if NOW_WORDS.search(sentence):
        return False
    if PAST_PERIOD.search(sentence):
        return True
    born = BIRTH_WORDS.search(sentence)
    margin = PAST_MARGIN_YEARS if born else ACT_MARGIN_YEARS
    return any(int(m.group(1)) <= this_year - margin for m in PAST_YEAR.finditer(sentence))


class PeopleParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["consent", "child_consent"] = "consent"


def _name_words(name: str) -> list[str]:
    words = [regex.sub(r"['’]s?$", "", w.lower()) for w in NAME_WORD.findall(name)]
    return [w for w in words if w not in TITLE_WORDS and len(w) > 1]


def _surname(title: str, word: str) -> bool:
    """A word after Mr or Mrs that names a real person: a listed surname, or no common
    word ("Mrs Patel", "Mr Baker"; not "Mr Tumble", "Mr Darcy" or "Mr S***")."""
    if not SURNAME.match(word):
        return False
    gaz = gazetteer()
    key = word.lower()
    if f"{title.rstrip('.').lower()} {key}" in gaz.public:
        return False
    return key in gaz.last or key not in gaz.common


# Short forms of first names that a consent's full form covers ("Kate Hollis" for a
# consent from Katherine Hollis), both ways round.
NICKNAMES = [
    "katherine kate katie kath cathy catherine kathryn", "elizabeth liz lizzie beth betty eliza",
    "margaret maggie meg peggy maggy", "william will bill billy liam", "robert rob bob bobby robbie",
    "richard rich rick dick", "james jim jimmy jamie", "michael mike mick mikey",
    "david dave davy", "christopher chris kit", "christine chris chrissie tina",
    "susan sue susie suzy", "patricia pat patsy trish", "patrick pat paddy", "thomas tom tommy",
    "joanne jo jo-anne", "josephine jo josie", "samantha sam sammy", "samuel sam sammy",
    "alexander alex sandy", "alexandra alex lexi", "nicholas nick nicky", "andrew andy drew",
    "anthony tony ant", "stephen steve stevie", "steven steve stevie", "daniel dan danny",
    "benjamin ben benny", "jennifer jen jenny", "rebecca becky becca", "deborah debbie deb",
    "victoria vicky tori", "jonathan jon jonny", "timothy tim timmy", "matthew matt",
    "edward ed eddie ted", "frederick fred freddie", "gerald gerry", "harold harry",
    "henry harry hal", "joseph joe joey", "kenneth ken kenny", "lawrence larry laurie",
    "leonard len lenny", "nathan nate", "nathaniel nate nat", "peter pete", "philip phil",
    "raymond ray", "ronald ron ronnie", "terence terry", "gregory greg", "abigail abi abby",
    "amanda mandy", "barbara barb babs", "caroline caro carrie", "charlotte lottie charlie",
    "dorothy dot dottie", "eleanor ellie nell", "frances fran frankie", "gillian gill jill",
    "helen nell", "jacqueline jackie", "judith judy jude", "kimberley kim", "natalie nat",
    "pamela pam", "penelope penny", "rosemary rosie", "sarah sally", "theresa tess tessa",
    "valerie val", "wendy", "zachary zach zac", "mohammed mo", "muhammad mo",
]
_NICK_GROUPS: dict[str, set[str]] = {}
for _line in NICKNAMES:
    _group = set(_line.split())
    for _name in _group:
        _NICK_GROUPS.setdefault(_name, set()).update(_group)


def _same_name(word: str, recorded: set[str]) -> bool:
    return word in recorded or bool(_NICK_GROUPS.get(word, set()) & recorded)


def consent_covers(consent: Consent, person: PersonSpan) -> bool:
    """Whether ``consent`` names ``person``: every word of the name in the post must
    appear in the consent's name (so "Jane" is covered by "Jane Smith"), a short form
    of a first name standing for the full one ("Kate" for "Katherine")."""
    wanted = _name_words(person.name)
    if not wanted:
        return False
    recorded = set(_name_words(consent.person)) | set(_name_words(consent.words or ""))
    return all(_same_name(w, recorded) for w in wanted)


PICTURE_WORDS = regex.compile(r"\b(?:photo|picture|image|video|film|filmed|pictured)", regex.I)


# Words that limit a consent given in words to one use ("happy to be named", "for her
# story only"): without any of them ("Signed consent forms from everyone at the group"),
# the consent covers pictures as well, as a structured consent with no scope does.
ONE_USE = regex.compile(
    r"\b(?:nam(?:e|ed|es|ing)|quote[sd]?|quoting|stor(?:y|ies)|case\s+stud(?:y|ies)|mention(?:ed)?|"
    r"tag(?:ged)?|words?|only|not|no)\b",
    regex.I,
)


def covers_picture(consent: Consent) -> bool:
    """A consent that covers being photographed or filmed (a consent with no scope
    is taken to cover it, and so is one in words that names no particular use)."""
    if consent.words is not None:
        words = consent.words
        return bool(PICTURE_WORDS.search(words)) or not ONE_USE.search(words)
    return consent.scope is None or bool(PICTURE_WORDS.search(consent.scope))


def is_parental(consent: Consent) -> bool:
    return consent.parental or bool(PARENT_WORDS.search(consent.words or ""))


class PeopleCheck(Check):
    """Flags named private individuals without a current recorded consent, or
    identifiable children without a parent's or guardian's consent."""

    kind = "people"
    Params = PeopleParams

    def __init__(self, params: PeopleParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.mode = params.mode

    def run(self, doc: Document) -> Iterable[Hit]:
        today = doc.context.on()
        current = [c for c in doc.context.consents if c.is_current(today)]
        firms = firm_namesakes(doc.text)
        found = find_people(doc.text)
        # "taken by member Rhian Carys ... Photo: Rhian Carys": a name credited as a
        # maker once is named for the work wherever it appears
        makers = {p.name for p in found if named_for_work(doc.text, p)}
        # ...and so is the creator the records credit for a picture the post shares
        credits = " ".join((m.credit or "") for m in doc.context.media).lower()
        makers |= {p.name for p in found if credits and p.name.lower() in credits}
        # "Gareth Linwood MP ... Thank you for listening, Mr Linwood": the same public figure
        public_surnames = {
            _surname_of(p.name) for p in found if len(p.name.split()) > 1 and (p.public or in_public_role(doc.text, p))
        }
        people = [
            p
            for p in found
            if not p.public
            and not in_public_role(doc.text, p)
            and p.name not in makers
            and not (len(p.name.split()) == 1 and p.name in public_surnames)
            and not NAMED_STORM.match(p.name)
            and not is_firm_namesake(doc.text, p, firms)
            and not is_historical(doc.text, p, today.year)
        ]
        if self.mode == "consent":
            yield from self._consent(doc.text, people, current)
            yield from self._pictured(doc, current)
        else:
            yield from self._child_consent(doc, people, current)

    def _consent(
        self, text: str, people: list[PersonSpan], current: list[Consent]
    ) -> Iterable[Hit]:
        for person in people:
            if person.child or any(consent_covers(c, person) for c in current):
                # A child is the child_consent rule's: a parent's consent is the stricter need.
                continue
            title = TITLE_BEFORE.search(text, max(0, person.start - 8), person.start)
            words = person.name.split()
            if (len(words) == 1 and not (title and _surname(title.group(1), person.name))) or (
                len(words) == 2 and INITIAL.match(words[1])
            ):
                # "Lucy F.": a first name and an initial identify no more than the name alone
                # A first name alone rarely identifies someone to the public; ask, don't block.
                yield Hit(
                    person.start,
                    person.end,
                    message=f"Check that {person.name} is happy to be named",
                    suggestion="Record their consent if they could be identified from this post.",
                    severity="advice",
                )
                continue
            yield Hit(
                person.start,
                person.end,
                message=f"No consent recorded for {person.name}",
                suggestion="Record their consent first, or leave the name out.",
            )

    def _pictured(self, doc: Document, current: list[Consent]) -> Iterable[Hit]:
        """A photo or video of adults needs someone's recorded consent to be pictured
        (children are the child_consent rule's)."""
        this_year = doc.context.on().year
        pictured = [
            i
            for i, m in enumerate(doc.context.media, 1)
            if m.shows_people
            and not m.shows_children
            and not _picture_of_the_past(m.depicts, this_year)
            and not _only_the_author(m.depicts)
        ]
        # When the media's description names the people in it, each of them needs a
        # consent that covers pictures ("Helen Okafor and Martin Royce" with Martin's
        # consent for his name only), in a picture with children too ("Tamsin Greaves and
        # her baby daughter": the baby is the child_consent rule's, Tamsin is this one's).
        for i, media in enumerate(doc.context.media, 1):
            if not media.shows_people:
                continue
            for person in find_people(media.depicts or "") if media.depicts else []:
                if (
                    person.public
                    or person.child
                    or len(person.name.split()) < 2
                    or in_public_role(media.depicts or "", person)
                ):
                    continue
                # a parent's consent for their child ("Marcus Doyle gave parental photo
                # consent for his daughter") does not cover the parent's own picture
                if not any(
                    covers_picture(c)
                    and consent_covers(c, person)
                    and not (c.words is not None and is_parental(c))
                    for c in current
                ):
                    yield Hit(
                        0,
                        0,
                        message=f"The media (item {i}) shows {person.name}, and no consent to be pictured is recorded for them",
                        suggestion="Record their consent to be pictured, or use a picture without them.",
                    )
                    return
        if pictured and not any(covers_picture(c) for c in current):
            which = " and ".join(f"item {i}" for i in pictured)
            yield Hit(
                0,
                0,
                message=f"The media ({which}) shows people and no consent to be pictured is recorded",
                suggestion="Record the consent of the people pictured, or use a picture without them.",
            )

    def _child_consent(
        self, doc: Document, people: list[PersonSpan], current: list[Consent]
    ) -> Iterable[Hit]:
        parental = [c for c in current if is_parental(c)]
        children = [p for p in people if p.child]
        for child in children:
            if not any(consent_covers(c, child) for c in parental):
                yield Hit(
                    child.start,
                    child.end,
                    message=f"No parent's or guardian's consent recorded for {child.name}",
                    suggestion="Record a parent's or guardian's consent, or leave out the name.",
                )
        shows_children = any(m.shows_children for m in doc.context.media)
        if shows_children and not parental:
            yield Hit(
                0,
                0,
                message="The photo or video shows children and no parental consent is recorded",
                suggestion="Record a parent's or guardian's consent, or use a picture without children.",
            )
