"""Allegation: accusing a named person or organisation of wrongdoing.

Saying that someone who can be identified committed fraud, stole, lied, abused,
covered something up or is "a crook" is defamatory unless it is true and can be
proved, and a charity that publishes it can be sued. This check flags a sentence
that ties a word of wrongdoing to a name:

- the name does it: "Acme Lettings stole our deposit", "Cllr Smith lied to us",
  "we were scammed by Acme Ltd";
- the name is it: "Jo Bloggs is a crook", "@acmecars are total cowboys";
- the name owns it: "Acme's scam", "fraud by Suffolk Homes Ltd", "Dr Jones covered
  up the abuse", "Acme committed fraud".

A name is a handle, a title and surname ("Mrs Patel"), a run of capitalised words
("Jo Bloggs", "Suffolk County Council"), or a single capitalised word inside a
sentence ("our treasurer Dave"). A word at the start of a sentence is not taken
for a name on its own (too many ordinary words start sentences). A description
that singles someone out counts like a name: a determiner and a role ("the
landlord of 14 Crown Street", "our old treasurer", "the café owner on Abbeygate
St", "whose manager").

Beyond the name doing, being or owning the wrongdoing, the check also reads:

- a later sentence about the same target: "Anyone used Ace Removals? He steals
  from customers." (a pronoun subject) or "... Total fraudsters." (a bare label);
- warning readers off a named business: "Please don't book with Snug Photography",
  "Steer clear of Kiddo Parties";
- insinuation in a post that names someone: "Funny how Acme always wins the
  contract ... Draw your own conclusions";
- as a last resort, a wrongdoing verb or a label such as "crooks" in a sentence
  that, or whose previous sentence, names someone, unless it reads as a crime
  report ("police", "witnesses", "thieves"), advice or thanks.

The named person as victim passes: "Jo was scammed", "our shop was robbed".

What passes: talk about wrongdoing in general ("beware of scam calls claiming to
be from us", "support for victims of fraud"), names that contain the word
("Fraud Awareness Week", "Action Fraud"), idioms ("our volunteers stole the
show"), and a sentence that reports a court outcome and names the court or the
source ("was convicted at Ipswich Crown Court, the BBC reports"): a fair and
accurate report of court proceedings is privileged in UK law, so this check does
not flag it, while "allegedly", a charge or an arrest still is flagged (repeating
an allegation is publishing it). Reviewers should still check such a report is
accurate and not sub judice.

Words are matched on the folded view, so "fr4ud" and "l1ar" count.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from ..text import HANDLE_RE, Document, SentenceIndex
from ..yamlfile import read_yaml
from .base import Check, Hit
from .lexicon import compile_lexicon
from .pattern import MAX_HITS

TERMS = Path(__file__).parent / "data" / "allegation_terms.yml"

TITLES = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady|Prof|Professor|Rev|Revd|"
    r"Father|Judge|PC|DC|DS|DI|DCI|Sgt|Inspector|Sergeant|Officer|Matron|Nurse|Head|Headteacher|"
    r"Reverend|Canon|Bishop|Pastor|Imam|Rabbi|Coach|Captain|Capt|Major|Supt|Superintendent|"
    r"Alderman|Baroness|Baron|Mayor"
)
WORD = r"\p{Lu}[\p{L}\p{M}'’&.\-]*"
CONNECT = r"(?:of|and|&|the|for|de|van|von|la|le|du|da|st|upon|on)"
TITLED = regex.compile(rf"\b(?:{TITLES})\.?\s+{WORD}(?:\s+{WORD})*")
CAPITAL_RUN = regex.compile(rf"(?<![\p{{L}}\p{{N}}#@]){WORD}(?:\s+(?:{CONNECT}\s+)*{WORD})*")
# Capitalised for reasons other than being a name.
NOT_NAMES = frozenset(
    [
        "i",
        "i'm",
        "i’m",
        "i've",
        "i’ve",
        "i'd",
        "i’d",
        "i'll",
        "i’ll",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "ramadan",
        "eid",
        "diwali",
        "hanukkah",
        "god",
        "ok",
        "okay",
        "uk",
        "gb",
        "english",
        "british",
        "scottish",
        "welsh",
        "irish",
        "tv",
        "dm",
        "dms",
        "pm",
        "am",
        "faq",
        "rip",
        "omg",
        "lol",
        # nationalities and faiths describe people, they do not name one
        "romanian", "polish", "nigerian", "somali", "lithuanian", "bulgarian", "albanian",
        "syrian", "afghan", "ukrainian", "russian", "chinese", "indian", "pakistani",
        "bangladeshi", "african", "asian", "european", "muslim", "jewish", "sikh", "hindu",
        "christian", "catholic", "roma", "kurdish", "turkish", "italian", "spanish",
        "portuguese", "french", "german", "american", "caribbean", "jamaican",
    ]
)
LEADERS = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "our",
        "your",
        "my",
        "his",
        "her",
        "their",
        "its",
        "a",
        "an",
        "beware",
        "please",
        "thanks",
        "thank",
        "well",
        "so",
        "but",
        "and",
        "or",
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "sadly",
        "unfortunately",
        "honestly",
        "apparently",
        "also",
        "why",
        "how",
        "what",
        "when",
        "where",
        "who",
        "if",
        "as",
        "after",
        "before",
        "because",
        "even",
        "just",
        "still",
        "shocking",
        "disgraceful",
        "outrageous",
        "breaking",
        "update",
        "news",
        "warning",
    ]
)
COPULA = regex.compile(
    r"^\s*(?:(?:'s|’s|s'|')\s+)?"
    r"(?:[-–—:]|is|are|was|were|'s|’s|'re|’re|has\s+been|have\s+been|had\s+been|is\s+being|"
    r"you\s+are|you're|you’re|u\s+r|ur|seems?\s+like|looks?\s+like|remains?|became|becomes|"
    r"is\s+nothing\s+but|are\s+nothing\s+but|are\s+all|is\s+a\s+bunch\s+of)"
    r"(?:\s+(?:a|an|such|the|total|complete|utter|absolute|massive|known|serial|proper|real|"
    r"bunch|load|pack|of|nothing|but|just|clearly|obviously|totally|completely|utterly|so|"
    r"very|deeply|biggest|guilty|actually|basically|literally|all|being|convicted|suspected|"
    r"alleged|notorious)){0,4}\s*$"
)
POSSESSIVE = regex.compile(r"^(?:'s|’s|s'|')\s+(?:[\w\-]+\s+){0,2}$")
DOES_NOUN = regex.compile(
    r"^\s*(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?)?"
    r"(?:committed|committing|commits|carried\s+out|carrying\s+out|running|runs|ran|behind|"
    r"involved\s+in|responsible\s+for|guilty\s+of|hid|hiding|hides|hidden|part\s+of|"
    r"profited\s+from|profiting\s+from|in\s+on|covered\s+up|covering\s+up|got\s+away\s+with|"
    r"getting\s+away\s+with|accused\s+of|engaged\s+in|complicit\s+in|charged\s+with|"
    r"arrested\s+for|arrested\s+on\s+suspicion\s+of|suspected\s+of|investigated\s+for|"
    r"under\s+investigation\s+for|convicted\s+of|found\s+guilty\s+of|jailed\s+for|"
    r"sentenced\s+for|fined\s+for|admitted|took|takes|taking|accepted|accepting|pocketed|pocketing|(?:has|had|have)\s+(?:a\s+)?(?:criminal\s+)?record\s+for)"
    r"\s+(?:(?:a|an|the|this|that|their|his|her|its|massive|huge|systematic|years\s+of|"
    r"widespread|blatant)\s+){0,2}(?:[\w\-]+\s+)?$"
)
BY_AFTER = regex.compile(
    r"^\s+(?:committed\s+|carried\s+out\s+)?(?:by|at|within|inside)\s+(?:the\s+)?$"
)
VERB_GAP_BREAKS = regex.compile(
    r"[,;()\"“”]|\b(?:who|that|which|whose|said|says|told|warned|warns|reported|reports|"
    r"explained|explains|caught|arrested|helped|helps|supports|supported|after|when|if|"
    r"victims?|from|than)\b"
)
# "Jo Bloggs, who runs the café, stole ...": a comma-fenced aside between the name
# and the verb describes the name; it does not start a new clause.
APPOSITIVE = regex.compile(
    r"^\s*,\s*(?:(?:who|whose)\s+|the\s+|a\s+|an\s+|our\s+|their\s+|\d{1,3}\s*,?)[^,;()\"“”.!?]{0,60},\s*"
)
# A relative clause whose subject is the name: "Acme Ltd, who have been bribing ..."
# (a passive one, "who were robbed", is turned away before this is read).
RELATIVE_DOER = regex.compile(
    r"^\s*,?\s*(?:who|which)\s+(?:(?:have|has|had|are|is|was|were)\s+)?"
    r"(?:(?:been|also|now|openly|secretly|quietly|apparently|clearly)\s+){0,2}$"
)
COVER_UP_OBJECT = regex.compile(
    r"^\s+(?:the|a|an|his|her|their|its|it|evidence|abuse|what|that|this|mistakes?|failings?|"
    r"errors?|wrongdoing|crimes?|complaints?|fraud|theft|problems?|truth|facts|deaths?|report)\b"
)

# "Jenny Holt took the raffle money home and never gave it back": taking money is
# only an accusation with what follows it (kept it, never returned it, vanished).
TOOK_MONEY = regex.compile(
    r"\b(?:took|takes|taken|taking|kept|keeps|keeping|pocketed|pockets)\s+"
    r"(?:the\s+|our\s+|all\s+(?:the\s+|our\s+)?|their\s+|people's\s+|families'\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:money|cash|takings|donations|funds|fees|deposits?|wages|rent|savings)\b"
    r"(?=[^.!?\n]{0,40}?\b(?:never\s+(?:gave|give|paid|handed|returned|came)|home\s+(?:and|with)|"
    r"for\s+(?:him|her|them)sel(?:f|ves)|and\s+(?:then\s+)?(?:vanished|disappeared|ran|legged\s+it|did\s+a\s+runner|closed)|"
    r"without\s+(?:asking|permission|telling)|(?:that\s+)?(?:was|were)\s+(?:meant|raised|intended)\s+for))"
)
# A description that singles someone out: a determiner and, within three words, a
# role from the terms file ("the café owner on Abbeygate St", "our old treasurer").
DESCRIPTOR_LEAD = regex.compile(
    r"\b(?:the|our|my|that|this|their|his|her|whose|its|a\s+former|an\s+ex-?|a\s+previous)\s+(?:[\w'’&.-]+\s+){0,3}$"
)
# The name is the victim, not the wrongdoer: "Jo was scammed", "our shop got robbed".
PASSIVE_GAP = regex.compile(
    r"\b(?:was|were|been|being|is|are|am|get|gets|got|getting)\s+(?:\w+ly\s+|just\s+|also\s+)?$"
)
PASSIVE_FORMS = frozenset(["stolen", "beaten", "hit", "lied", "conned", "bribed", "robbed"])
# "He steals wages from ex-offenders": a sentence whose subject is a pronoun for a
# target named in an earlier sentence.
PRONOUN_SUBJECT = regex.compile(r"^\W*(?:and\s+|but\s+|now\s+)?(?:he|she|they)\b(?:\s+[\w'’-]+){0,4}\s*$")
# "leaving babies unsupervised in the garden for hours"
NEGLECT = regex.compile(
    r"\b(?:leaves|leaving|left|leave)\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+)?(?:babies|children|kids|toddlers|residents|patients|pupils)\s+"
    r"(?:alone|unsupervised|unattended|on\s+their\s+own|in\s+(?:soiled|dirty|wet))"
)
# Steering readers away from a named business, or hinting at wrongdoing without
# saying it, accuses as surely as saying it: "Please don't book with Acme Photography",
# "Funny how Acme always finds 'extra faults' ... Draw your own conclusions."
WARN_OFF = regex.compile(
    r"\b(?:(?:please\s+)?(?:don't|don’t|do\s+not|never)\s+(?:book|deal|shop|buy)\s+(?:with|from|at)|"
    r"steer\s+(?:well\s+)?clear\s+of|stay\s+(?:well\s+)?away\s+from|think\s+twice\s+before\s+(?:using|booking\s+with|buying\s+from)|"
    r"(?:don't|don’t|do\s+not)\s+(?:trust|use|be\s+fooled\s+by)|avoid\s+(?:using|booking\s+with|buying\s+from)|"
    r"beware(?:\s+of)?|a\s+word\s+of\s+warning\s+about|warning\s+about)\s+(?:the\s+)?$"
)
# A description used as a modifier ("the school zigzags", "the hospital car park"): a
# lowercase word straight after it that is not a function word or an adverb.
NOUN_AFTER = regex.compile(
    r"\s+(?!(?:and|or|but|if|as|for|with|to|in|on|at|of|by|from|because|unless|again|either|"
    r"too|ever|now|yet|then|any|anymore|who|which|that|they|he|she|it|until|till)\b)\p{Ll}{3,}\b"
)
# A closing line that tells readers to act on wrongdoing: "Go somewhere else.",
# "Don't be fooled.", "Someone needs to stop him.", "Our members deserve to know."
CONDEMNATION = regex.compile(
    r"\b(?:go\s+(?:somewhere|elsewhere)|go\s+somewhere\s+else|(?:don't|don’t|dont|do\s+not)\s+(?:trust|be\s+fooled|fall\s+for\s+it|use\s+them|book\s+with\s+them)|"
    r"avoid(?:\s+(?:them|him|her|it))?\s*[.!]|avoid\s+at\s+all\s+costs|steer\s+clear|stay\s+away|you(?:'ve|’ve|\s+have)\s+been\s+warned|"
    r"(?:someone|somebody)\s+(?:needs|has|ought)\s+to\s+(?:stop|report)|(?:someone|somebody)\s+should\s+(?:stop|report)|deserve\s+to\s+know|"
    r"should\s+be\s+(?:struck\s+off|sacked|prosecuted|locked\s+up|in\s+prison|investigated|shut\s+down)|"
    r"illegal,?\s+and\s+(?:they|he|she)\s+know|(?:breaking|broke|flouting|break)\s+(?:\w+\s+){0,2}laws?\b[^.!?]{0,40}?\band\s+(?:they|he|she)\s+knows?\s+it|"
    r"think\s+twice\s+before|"
    # "we would ask members not to use this firm"
    r"ask\s+(?:members|people|everyone|you|readers|supporters)\s+not\s+to\s+(?:use|book|hire|deal\s+with)\s+(?:this|that|the)\s+"
    r"(?:firm|company|business|builder|builders|garage|contractor|contractors|trader))\b"
)
INSINUATION = regex.compile(
    r"\b(?:funny\s+how|draw\s+your\s+own\s+conclusions|makes\s+you\s+wonder|i'?ll\s+say\s+no\s+more|"
    # "share with any family you know who could use a coat" is a relative clause
    r"say\s+no\s+more|(?<!\b(?:anyone|anybody|someone|somebody|everyone|one|family|families|friends?|people"
    r"|parents?|mums?|dads?|neighbours?|person|others?|those|member)\s)you\s+know\s+who"
    r"(?!\s+to\s+(?:vote|back|pick|choose|support)|\s+(?:deserves|gets|has\s+earned|should\s+get)\s+(?:your|our|my)\s+(?:vote|cross|support))|no\s+smoke\s+without\s+fire|rumour\s+has\s+it|word\s+is\s+that|"
    r"we\s+all\s+know\s+why|i\s+wonder\s+where\s+the\s+money)\b"
)
# A report of a crime by unknown people, or advice about one, accuses no one named.
CRIME_REPORT = regex.compile(
    r"\b(?:police|officers|investigat\w*|witness\w*|appeal\w*|crimestoppers|thieves|burglars|vandals|"
    r"someone|somebody|a\s+man|a\s+woman|two\s+men|victims?|cctv|call\s+101|anyone\s+who|"
    r"if\s+you|if\s+your|what\s+to\s+do|how\s+to|thanks|thank\s+you|well\s+done|congratulations|"
    r"warn\w*|advice|advise\w*|guide|tips?|awareness|(?:is|are)\s+never\s+ok|(?:isn't|is\s+not)\s+ok|"
    r"criminal\s+(?:records?|justice|convictions?)|record\s+checks?|ex-offenders?)\b"
)
# Labels that accuse on their own, for a sentence that names no one but follows one that does.
LOOSE_LABELS = regex.compile(
    r"\b(?:crooks?|fraudsters?|liars?|con\s+(?:artists?|men|man|merchants?)|conman|swindlers?|cowboys|"
    r"thieving|crooked|corrupt|bent|rip-?off\s+merchants?|sharks)\b"
)
PARENTHESIS = regex.compile(r"\s*\([^()]{0,40}\)")
FRAGMENT_WORDS = 6


@dataclass(frozen=True)
class Terms:
    verbs: regex.Pattern[str]
    predicates: regex.Pattern[str]
    nouns: regex.Pattern[str]
    idioms: regex.Pattern[str]
    general: regex.Pattern[str]
    reported: regex.Pattern[str]
    source: regex.Pattern[str]
    roles: regex.Pattern[str]


@cache
def load_terms(path: Path = TERMS) -> Terms:
    data, _ = read_yaml(path)
    compiled = {}
    for key in ("verbs", "predicates", "nouns", "idioms", "general", "reported", "source", "roles"):
        phrases = list(data[key])
        phrases += [p.replace("'", "’") for p in phrases if "'" in p]
        rx = compile_lexicon(phrases)
        assert rx is not None
        compiled[key] = rx
    return Terms(**compiled)


def find_named(doc: Document) -> list[tuple[int, int]]:
    """Spans of the original text that name a person or an organisation.

    A small, dependable finder of our own: handles, titled names and capitalised
    runs. It can be swapped for the engine's person finder once that exists.
    """
    text = doc.text
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in HANDLE_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in TITLED.finditer(text)]
    for m in CAPITAL_RUN.finditer(text):
        for start, end in _split_at_sentence_ends(text, m.start(), m.end()):
            span = _trim_run(text, start, end)
            if span and not any(s <= span[0] < e for s, e in spans):
                spans.append(span)
    spans.sort()
    return spans


# A full stop after a word of two letters or more ends a sentence ("in on Friday. It
# asks", "No. She left"), unless the word is a short form that names carry ("Acme Ltd.",
# "Smith Bros.", "Dr. Jones").
RUN_SENTENCE_END = regex.compile(
    r"(?<=\p{L}{2})(?<!\b(?i:ltd|bros|inc|corp|plc|mr|ms|dr|st|co|jr|sr|mt|revd|rev|prof|mrs|cllr))\.\s+"
)


def _split_at_sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, at = [], start
    for m in RUN_SENTENCE_END.finditer(text, start, end):
        pieces.append((at, m.start() + 1))
        at = m.end()
    pieces.append((at, end))
    return pieces


YOU_ARE = regex.compile(r"\byou(?:['’]re|\s+are|\s+become|['’]ll\s+be)\s+$", regex.I)


def find_targets(doc: Document, terms: Terms) -> list[tuple[int, int]]:
    """Names, plus descriptions that single someone out ("the landlord of 14 Crown
    Street", "our old treasurer"), as spans of the original text."""
    spans = find_named(doc)
    folded = doc.folded
    for m in terms.roles.finditer(folded.text):
        lead = DESCRIPTOR_LEAD.search(folded.text, max(0, m.start() - 60), m.start())
        if not lead:
            continue
        span = folded.to_original(lead.start(), m.end())
        if YOU_ARE.search(doc.text, max(0, span[0] - 12), span[0]):
            continue  # "when you're the main driver": the reader, not someone singled out
        if not any(s < span[1] and span[0] < e for s, e in spans):
            spans.append(span)
    spans.sort()
    return spans


def _trim_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading capitalised ordinary words ("The", "Beware") and a lone word
    that only carries a capital because it starts a sentence."""
    words = [(m.start() + start, m.end() + start) for m in regex.finditer(r"\S+", text[start:end])]
    while words and text[words[0][0] : words[0][1]].lower() in LEADERS:
        words.pop(0)
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    while e > s and text[e - 1] in ".-'’":
        e -= 1
    possessive = text[e - 2 : e].lower() in ("'s", "’s")
    if possessive:
        e -= 2  # the name without its 's, so "Acme's scam" reads name + possessive
    if len(words) == 1:
        word = text[s:e].lower()
        if word in NOT_NAMES or word in LEADERS or (_starts_sentence(text, s) and not possessive):
            return None
    return (s, e) if e > s else None


def _starts_sentence(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and not text[i].isalnum():
        # an emoji ends a sentence as surely as a full stop: "new drivers 🚗 Black box..."
        if text[i] in ".!?\n" or unicodedata.category(text[i]) == "So":
            return True
        i -= 1
    return i < 0


class AllegationParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str | None = None
    allow_court_reports: bool = True


class AllegationCheck(Check):
    """Flags an accusation of wrongdoing made against a named person or organisation."""

    kind = "allegation"
    Params = AllegationParams

    def __init__(self, params: AllegationParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params

    def run(self, doc: Document) -> Iterable[Hit]:
        if not doc.text.strip():
            return []
        terms = load_terms()
        names = find_targets(doc, terms)
        if not names:
            return []
        sentences = SentenceIndex(doc.text)
        folded = doc.folded
        idioms = [
            folded.to_original(m.start(), m.end()) for m in terms.idioms.finditer(folded.text)
        ]
        # words inside a web address ("gov.uk/tell-employer-about-criminal-record") accuse no one
        idioms.extend((start, end) for start, end, _ in doc.urls())
        hits: list[Hit] = []
        for kind, rx in (
            ("verb", terms.verbs),
            ("verb", TOOK_MONEY),
            ("verb", NEGLECT),
            ("predicate", terms.predicates),
            ("noun", terms.nouns),
        ):
            for m in rx.finditer(folded.text):
                term = folded.to_original(m.start(), m.end())
                if any(s < term[1] and term[0] < e for s, e in idioms):
                    continue
                hit = self._judge(doc, kind, term, names, sentences, terms)
                if hit and not any(h.start < hit.end and hit.start < h.end for h in hits):
                    hits.append(hit)
                    if len(hits) >= MAX_HITS:
                        return sorted(hits, key=lambda h: h.start)
        if not hits:
            hits.extend(self._warning_off(doc, names, sentences, terms))
        if not hits:
            hits.extend(self._loose(doc, names, sentences, terms, idioms))
        return sorted(hits, key=lambda h: h.start)

    def _loose(
        self,
        doc: Document,
        names: list[tuple[int, int]],
        sentences: SentenceIndex,
        terms: Terms,
        idioms: list[tuple[int, int]],
    ) -> list[Hit]:
        """A wrongdoing verb or label in a sentence that, or whose previous sentence,
        names someone, when the grammar did not tie them: "Sunny Days Travel took our
        deposit ... Crooks." Crime reports, warnings, victims and court reports pass."""
        text = doc.text
        folded = doc.folded
        for rx in (terms.verbs, LOOSE_LABELS):
            for m in rx.finditer(folded.text):
                term = folded.to_original(m.start(), m.end())
                if any(s < term[1] and term[0] < e for s, e in idioms):
                    continue
                if any(s <= term[0] and term[1] <= e for s, e in names):
                    continue
                s0, e0 = sentences.around(*term)
                p0 = sentences.around(max(0, s0 - 2), max(0, s0 - 1))[0] if s0 > 1 else s0
                window = text[p0:e0].lower()
                if (
                    terms.general.search(window)
                    or CRIME_REPORT.search(window)
                    or (terms.reported.search(window) and terms.source.search(window))
                    or PASSIVE_GAP.search(text[max(s0, term[0] - 30) : term[0]].lower())
                    or regex.search(r"\b(?:who|which|that)\s+(?:\w+\s+){0,2}$", text[max(s0, term[0] - 30) : term[0]].lower())
                ):
                    continue
                near = [n for n in names if p0 <= n[0] < e0]
                if near:
                    who = text[near[0][0] : near[0][1]]
                    return [Hit(term[0], term[1], message=self.p.message or f"Accuses {who} of wrongdoing.")]
        return []

    def _warning_off(
        self,
        doc: Document,
        names: list[tuple[int, int]],
        sentences: SentenceIndex,
        terms: Terms,
    ) -> list[Hit]:
        """Telling readers to avoid a named business, or a hint of wrongdoing ("funny
        how ...", "draw your own conclusions") in a post that names someone."""
        text = doc.text
        low = text.lower()
        for s, e in names:
            s0, _ = sentences.around(s, e)
            before = low[max(s0, s - 60) : s]
            lead = WARN_OFF.search(before)
            if lead and text[s:e][:1].islower() and NOUN_AFTER.match(text, e):
                continue  # "don't use the school zigzags": the warning is about the zigzags
            if lead and not terms.general.search(low[e : e + 80]):
                start = max(s0, s - 60) + lead.start()
                who = text[s:e]
                return [Hit(start, e, message=self.p.message or f"Warns readers off {who}, which implies wrongdoing.")]
        m = CONDEMNATION.search(low)
        if m and names and not terms.general.search(low) and not CRIME_REPORT.search(low):
            conduct = [n for n in names if n[1] <= m.start()]
            if conduct:
                who = text[conduct[0][0] : conduct[0][1]]
                return [Hit(conduct[0][0], m.end(), message=self.p.message or f"Warns readers about {who}, which implies wrongdoing.")]
        m = INSINUATION.search(low)
        if m and names:
            who = text[names[0][0] : names[0][1]]
            return [Hit(m.start(), m.end(), message=self.p.message or f"Hints that {who} did wrong.")]
        return []

    def _judge(
        self,
        doc: Document,
        kind: str,
        term: tuple[int, int],
        names: list[tuple[int, int]],
        sentences: SentenceIndex,
        terms: Terms,
    ) -> Hit | None:
        text = doc.text
        if any(s <= term[0] and term[1] <= e for s, e in names):
            return None  # part of a name: Fraud Awareness Week, Action Fraud
        s0, e0 = sentences.around(*term)
        sentence = text[s0:e0].lower()
        if terms.general.search(sentence):
            return None
        if (
            self.p.allow_court_reports
            and terms.reported.search(sentence)
            and terms.source.search(sentence)
        ):
            return None
        if (
            kind == "verb"
            and _is_cover_up(text, term)
            and not COVER_UP_OBJECT.match(text[term[1] : e0].lower())
        ):
            return None
        for name in _names_in(names, s0, e0):
            if _linked(kind, text, name, term):
                start, end = min(name[0], term[0]), max(name[1], term[1])
                who = text[name[0] : name[1]]
                return Hit(start, end, message=self.p.message or f"Accuses {who} of wrongdoing.")
        earlier = [n for n in names if n[1] <= s0]
        if earlier and kind in ("verb", "predicate") and _continues(kind, text, s0, e0, term):
            who = text[earlier[-1][0] : earlier[-1][1]]
            return Hit(s0 + len(text[s0:e0]) - len(text[s0:e0].lstrip()), term[1],
                       message=self.p.message or f"Accuses {who} of wrongdoing.")
        return None


def _continues(kind: str, text: str, s0: int, e0: int, term: tuple[int, int]) -> bool:
    """The sentence goes on about a target named before it: "He steals wages from
    ex-offenders." (a pronoun subject) or "Total fraudsters." (a verbless label)."""
    head = text[s0 : term[0]].lower()
    if kind == "verb":
        return bool(PRONOUN_SUBJECT.match(head)) and not VERB_GAP_BREAKS.search(head)
    sentence = text[s0:e0].strip().lower()
    words = regex.findall(r"[\w'’-]+", sentence)
    verbish = regex.search(r"\b(?:is|are|was|were|be|been|i|we|you|my|our|if|not|no|never|don't|avoid\s+being)\b", sentence)
    return 0 < len(words) <= FRAGMENT_WORDS and not verbish


def _is_cover_up(text: str, term: tuple[int, int]) -> bool:
    return "up" in text[term[0] : term[1]].lower().split()


def _names_in(names: list[tuple[int, int]], s0: int, e0: int) -> Iterator[tuple[int, int]]:
    for s, e in names:
        if s >= e0:
            return
        if s >= s0:
            yield s, e


def _linked(kind: str, text: str, name: tuple[int, int], term: tuple[int, int]) -> bool:
    if name[1] <= term[0]:
        gap = PARENTHESIS.sub(" ", text[name[1] : term[0]].lower())
        if gap.startswith(",") and text[: name[0]].rstrip().endswith(","):
            gap = gap[1:]  # "That health visitor, Sarah B, is abusive": the name is an aside
        gap = APPOSITIVE.sub("", gap, count=1)
        if kind == "verb":
            first = text[term[0] : term[1]].lower().split()[0]
            if PASSIVE_GAP.search(gap) and (first.endswith("ed") or first in PASSIVE_FORMS):
                return False
            if gap.strip() == "," and text[: name[0]].rstrip().endswith(","):
                gap = " "  # "our treasurer, Paul Dyer, took ...": the name is the aside
            if RELATIVE_DOER.match(gap):
                return True  # "Little Sprout Ltd, who have been bribing health visitors"
            return len(gap.split()) <= 6 and not VERB_GAP_BREAKS.search(gap)
        if COPULA.match(gap):
            return True
        return kind == "noun" and bool(POSSESSIVE.match(gap) or DOES_NOUN.match(gap))
    gap = text[term[1] : name[0]].lower()
    return kind in ("verb", "noun") and bool(BY_AFTER.match(gap))
