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
for a name on its own (too many ordinary words start sentences).

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
    r"sentenced\s+for|fined\s+for|admitted)"
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
COVER_UP_OBJECT = regex.compile(
    r"^\s+(?:the|a|an|his|her|their|its|it|evidence|abuse|what|that|this|mistakes?|failings?|"
    r"errors?|wrongdoing|crimes?|complaints?|fraud|theft|problems?|truth|facts|deaths?|report)\b"
)


@dataclass(frozen=True)
class Terms:
    verbs: regex.Pattern[str]
    predicates: regex.Pattern[str]
    nouns: regex.Pattern[str]
    idioms: regex.Pattern[str]
    general: regex.Pattern[str]
    reported: regex.Pattern[str]
    source: regex.Pattern[str]


@cache
def load_terms(path: Path = TERMS) -> Terms:
    data, _ = read_yaml(path)
    compiled = {}
    for key in ("verbs", "predicates", "nouns", "idioms", "general", "reported", "source"):
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
        span = _trim_run(text, m.start(), m.end())
        if span and not any(s <= span[0] < e for s, e in spans):
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
        if text[i] in ".!?\n":
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
        names = find_named(doc)
        if not names:
            return []
        sentences = SentenceIndex(doc.text)
        folded = doc.folded
        idioms = [
            folded.to_original(m.start(), m.end()) for m in terms.idioms.finditer(folded.text)
        ]
        hits: list[Hit] = []
        for kind, rx in (
            ("verb", terms.verbs),
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
        return sorted(hits, key=lambda h: h.start)

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
        return None


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
        gap = text[name[1] : term[0]].lower()
        if kind == "verb":
            gap = APPOSITIVE.sub("", gap, count=1)
            if gap.strip() == "," and text[: name[0]].rstrip().endswith(","):
                gap = " "  # "our treasurer, Paul Dyer, took ...": the name is the aside
            return len(gap.split()) <= 6 and not VERB_GAP_BREAKS.search(gap)
        if COPULA.match(gap):
            return True
        return kind == "noun" and bool(POSSESSIVE.match(gap) or DOES_NOUN.match(gap))
    gap = text[term[1] : name[0]].lower()
    return kind in ("verb", "noun") and bool(BY_AFTER.match(gap))
