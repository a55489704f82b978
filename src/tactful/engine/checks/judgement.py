"""Judgement: a small trained model scores the draft for one judgement category.

Phrase rules catch the wordings someone foresaw; this check catches the same kind
of post phrased another way. One logistic-regression head per category reads
hashed word 1- to 3-grams, character n-grams and a few shape cues of the draft
(someone named, the first word of each sentence, a percentage, a link), trained
on the project's own labelled UK charity posts (``engine/models/judgement/``). When the
whole draft scores at or above the head's threshold the check points at the
sentence that scores highest, so the author sees where the problem is.

The thresholds were chosen by cross-validation to favour precision: a head stays
quiet unless it is fairly sure, so pair each model rule with the phrase rule for
the same category (the model adds recall; the phrase rule stays the backbone).
Heads that could not reach the precision target when trained, or that no shipped
rule reads, are switched off: the check stays silent for them unless the rule
gives its own ``threshold``, as it does when the weights are missing.

Params: ``category`` (one of the judgement categories the model was trained on),
``threshold`` (0 to 1; by default the one chosen at training time), ``min_letters``
(shorter drafts are skipped), ``unless_welcoming`` (silent when the worst sentence
welcomes or invites), ``unless_sourced`` (silent when the post cites a source),
``unless`` (phrases that silence the rule anywhere in the post), ``unless_parties``
(silent when the post names at least that many parties) and ``message`` (overrides
the rule's message).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import Document, fold, sentence_spans
from .base import Check, Hit
from .claims import cites_source
from .lexicon import check_phrases, compile_lexicon
from .politics import parties_named
from .welcoming import is_welcoming

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "judgement" / "weights.npz"
STATIC_PATH = MODEL_PATH.with_name("static.npz")
MAX_PIECES = 256  # word pieces summed into the static embedding; the rest are not read
JUDGEMENT_CATEGORIES: tuple[str, ...] = (
    "party_politics", "defamation", "unsafe_activity", "unlawful_activity",
    "criticism_of_partners", "confidentiality", "commercial", "personal_opinion",
    "unverified_claim", "third_party_label", "high_profile", "harassment", "copyright",
    "discrimination", "abuse",
)  # fmt: skip
MAX_FEATURE_CHARS = 2000  # the rest of a longer text is not scored
MAX_SENTENCES = 12  # sentences scored to place the hit; later ones are not
LETTER = regex.compile(r"\p{L}")
# Standard-library patterns on the folded text: several times faster than ``regex`` here.
WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?|[!?£$€%]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|co\.uk|org\.uk|uk|ly|io)\b\S*"
)
HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
NUMBER = re.compile(r"\d[\d,.:]*")
CHAR_SIZES = (3, 4, 5)
# Shape cues read on the original (not folded) text.
NAMED = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+|(?<=[a-z,;:] )[A-Z]{2,}\b")
PERCENT = re.compile(r"\d\s*(?:%|per ?cent\b)", re.IGNORECASE)
RATIO = re.compile(
    r"\b(?:\d+|one|two|three|four|five|nine)\s+(?:in|out of)\s+(?:\d+|two|three|four|five|ten)\b",
    re.IGNORECASE,
)
DIGIT = re.compile(r"\d")
MONEY = re.compile(r"[£$€]\s?\d")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\W*([A-Za-z']+)")
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(1_000_003)


def _mix(h: np.ndarray, salt: int) -> np.ndarray:
    """Spread n-gram hashes over 64 bits, so that taking the low bits is fair."""
    x = (h + np.uint64(salt)) * _MIX
    return x ^ (x >> np.uint64(31))


def shape_cues(original: str) -> list[str]:
    """A few cues about the shape of the draft that n-grams miss: someone named in
    the middle of a sentence, the word each sentence opens with (an order such as
    "Grab", "Avoid", "Don't"), a percentage or "1 in 4", money, a link, a handle,
    a question or an exclamation."""
    text = original[:MAX_FEATURE_CHARS]
    cues = [f"^{m.lower()}" for m in SENTENCE_START.findall(text)[:MAX_SENTENCES]]
    named = len(NAMED.findall(text))
    if named:
        cues.append("#named")
        if named >= 3:
            cues.append("#named3")
    for cue, found in (
        ("#percent", PERCENT.search(text)),
        ("#ratio", RATIO.search(text)),
        ("#money", MONEY.search(text)),
        ("#digit", DIGIT.search(text)),
        ("#link", "http" in text or "www." in text),
        ("#handle", "@" in text),
        ("#question", "?" in text),
        ("#exclaim", "!" in text),
    ):
        if found:
            cues.append(cue)
    return cues


def feature_hashes(folded: str, original: str | None = None, trigrams: bool = True) -> np.ndarray:
    """64-bit hashes of every n-gram of an already folded (lower-cased) text.

    Words, word pairs and word triples catch phrasing ("vote for", "rip-off",
    "no questions asked"); character 3- to 5-grams inside words (padded with < and
    >) catch endings and misspellings; when ``original`` is given its shape cues
    (``shape_cues``) are added. Words are hashed with CRC-32, character n-grams
    with a polynomial over code points (both stable across processes), in numpy,
    so a post costs tens of microseconds."""
    text = folded[:MAX_FEATURE_CHARS]
    if "." in text or "/" in text:
        text = LINK.sub(" xxlink ", text)
    if "@" in text:
        text = HANDLE.sub(" xxhandle ", text)
    text = NUMBER.sub("0", text)
    words = WORD.findall(text)
    cues = shape_cues(original) if original is not None else []
    parts = []
    if cues:
        cue_h = np.fromiter((zlib.crc32(c.encode("utf-8")) for c in cues), dtype=np.uint64)
        parts.append(_mix(cue_h, 5))
    if not words:
        return np.concatenate([*parts, _mix(np.array([1], dtype=np.uint64), 7)])
    word_h = np.fromiter(
        (zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words)
    )
    parts += [_mix(word_h, 1), _mix(word_h[:-1] * _BASE + word_h[1:], 2)]
    if trigrams and len(words) >= 3:
        parts.append(_mix((word_h[:-2] * _BASE + word_h[1:-1]) * _BASE + word_h[2:], 3))
    padded = " ".join(f"<{w}>" for w in words if len(w) >= 3)
    if len(padded) >= CHAR_SIZES[0]:
        codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        spaces = np.concatenate(([0], np.cumsum(codes == 32)))
        h = codes
        for n in range(2, CHAR_SIZES[-1] + 1):
            if len(codes) < n:
                break
            h = h[:-1] * _BASE + codes[n - 1 :]  # wraps modulo 2**64
            if n in CHAR_SIZES:
                clean = spaces[n:] == spaces[: len(spaces) - n]
                parts.append(_mix(h[clean], 10 + n))
    return np.concatenate(parts)


def featurise(
    folded: str, dimensions: int, original: str | None = None, trigrams: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Bucket indices and weights (log counts, L2-normalised) for one folded text
    (with the shape cues of ``original`` when it is given)."""
    hashes = feature_hashes(folded, original, trigrams)
    buckets = (hashes & np.uint64(dimensions - 1)).astype(np.int64)
    idx, counts = np.unique(buckets, return_counts=True)
    val = (1.0 + np.log(counts)).astype(np.float32)
    return idx, val / (float(np.sqrt(np.dot(val, val))) or 1.0)


class StaticEmbedder:
    """A post's static embedding: the sum of its word pieces' vectors from a table
    distilled from all-MiniLM-L6-v2 (``models/distil_static.py``), L2-normalised.

    No transformer runs: the tokenizer and a lookup cost about 0.2 ms for a 280-character
    post. The table is int8 with a scale per row (11.8 MB on disk and in memory)."""

    def __init__(self, path: Path = STATIC_PATH) -> None:
        from tokenizers import Tokenizer

        with np.load(path) as data:
            self.table = data["table"]
            self.scale = data["scale"].astype(np.float32)
        self.tokenizer = Tokenizer.from_file(str(path.with_name("tokenizer.json")))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.width = int(self.table.shape[1])

    def embed(self, text: str) -> np.ndarray:
        ids = self.tokenizer.encode(text[:MAX_FEATURE_CHARS], add_special_tokens=False).ids
        ids = ids[:MAX_PIECES]
        if not ids:
            return np.zeros(self.width, dtype=np.float32)
        rows = np.asarray(ids, dtype=np.int64)
        total = self.scale[rows] @ self.table[rows].astype(np.float32)
        norm = float(np.sqrt(np.dot(total, total)))
        out: np.ndarray = total / norm if norm else total
        return out

    def embed_many(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.embed(t) for t in texts]) if texts else np.zeros((0, self.width))


@cache
def static_embedder(path: Path = STATIC_PATH) -> StaticEmbedder:
    return StaticEmbedder(path)


class JudgementModel:
    """The shipped heads: a weight matrix (buckets x categories), biases, thresholds,
    and, when the file has them, weights for the static embedding of the post."""

    weights: np.ndarray

    def __init__(self, path: Path) -> None:
        with np.load(path) as data:
            # float16 on disk, float32 in memory (about 7 MB): no conversion per post
            self.weights = data["weights"].astype(np.float32)
            self.bias = data["bias"].astype(np.float32)
            self.thresholds = data["thresholds"].astype(np.float32)
            self.categories = [str(c) for c in data["categories"]]
            # "ngrams-2" (word 1-3 grams and shape cues); older files used word 1-2 grams only
            self.features = str(data["features"]) if "features" in data else "ngrams-1"
            # (static dimensions x categories), already multiplied by the training scale
            self.embedding_weights = (
                data["embedding_weights"].astype(np.float32) if "embedding_weights" in data else None
            )
        self.dimensions = int(self.weights.shape[0])
        self.embedder = (
            static_embedder(path.with_name("static.npz"))
            if self.embedding_weights is not None
            else None
        )

    def scores(self, folded: str, original: str | None = None, embed: bool = True) -> np.ndarray:
        """The probability of every category for one folded text (``original``,
        the same text before folding, gives the shape cues and the static embedding;
        ``embed=False`` leaves the embedding out, for ranking a post's sentences)."""
        if self.features == "ngrams-1":
            idx, val = featurise(folded, self.dimensions, trigrams=False)
        else:
            idx, val = featurise(
                folded, self.dimensions, original if original is not None else folded
            )
        z = val @ self.weights[idx] + self.bias
        if embed and self.embedder is not None and self.embedding_weights is not None:
            z = z + self.embedder.embed(original if original is not None else folded) @ self.embedding_weights
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


@cache
def judgement_model(path: Path = MODEL_PATH) -> JudgementModel | None:
    if not path.is_file():
        return None
    return JudgementModel(path)


@lru_cache(maxsize=64)
def _scores(folded: str, original: str) -> np.ndarray:
    # Every judgement rule of a policy reads the same draft: one pass serves them all.
    model = judgement_model()
    assert model is not None
    scores = model.scores(folded, original)
    scores.setflags(write=False)
    return scores


@lru_cache(maxsize=16)
def _sentence_scores(text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The first sentences of ``text`` and every head's score for each: worked out
    once per draft however many judgement rules flag it."""
    spans = sentence_spans(text)[:MAX_SENTENCES]
    if len(spans) <= 1:
        return spans, np.zeros((len(spans), 0), dtype=np.float32)
    model = judgement_model()
    assert model is not None
    rows = []
    for start, end in spans:
        part = text[start:end]
        # only to rank the sentences, so the n-grams alone will do (the embedding would
        # cost a tokenizer pass per sentence)
        rows.append(model.scores(fold(part).text, part, embed=False))
    scores = np.vstack(rows)
    scores.setflags(write=False)
    return spans, scores


def _has_letters(text: str, needed: int) -> bool:
    """Whether ``text`` holds at least ``needed`` letters (stops counting early)."""
    return any(i >= needed for i, _ in enumerate(LETTER.finditer(text), start=1))


class JudgementParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Literal[
        "party_politics", "defamation", "unsafe_activity", "unlawful_activity",
        "criticism_of_partners", "confidentiality", "commercial", "personal_opinion",
        "unverified_claim", "third_party_label", "high_profile", "harassment", "copyright",
        "discrimination", "abuse",
    ]  # fmt: skip
    threshold: float | None = Field(default=None, gt=0.0, lt=1.0)
    min_letters: int = Field(default=8, ge=1, le=100)
    # Stay silent when the worst sentence welcomes or invites (checks/welcoming.py).
    unless_welcoming: bool = False
    # Stay silent when the post cites a source (checks/claims.py: a link, a named report).
    unless_sourced: bool = False
    # Stay silent when any of these phrases (the lexicon syntax, checks/lexicon.py) is
    # in the post: "hustings" or "every candidate" for the party politics head.
    unless: list[str] = Field(default_factory=list)
    # Stay silent when the post names at least this many different parties: a list of
    # parties is election information, not a side taken (checks/politics.py).
    unless_parties: int | None = Field(default=None, ge=2, le=10)
    message: str | None = None

    @field_validator("unless")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        return check_phrases(value)


class JudgementCheck(Check):
    """Flags a draft the judgement model scores as belonging to one category."""

    kind = "judgement"
    Params = JudgementParams

    def __init__(self, params: JudgementParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params
        self.unless = compile_lexicon(params.unless) if params.unless else None

    def _column_and_threshold(self) -> tuple[int, float] | None:
        model = judgement_model()
        if model is None or self.p.category not in model.categories:
            return None
        column = model.categories.index(self.p.category)
        threshold = self.p.threshold or float(model.thresholds[column])
        if threshold >= 1.0:  # the head was switched off at training time
            return None
        return column, threshold

    def run(self, doc: Document) -> Iterable[Hit]:
        text = doc.text
        if not _has_letters(text[:1000], self.p.min_letters):
            return
        setup = self._column_and_threshold()
        if setup is None:
            return
        if self.p.unless_sourced and cites_source(doc):
            return
        if self.unless is not None and self.unless.search(doc.folded.text):
            return
        if self.p.unless_parties and len(parties_named(doc)) >= self.p.unless_parties:
            return
        column, threshold = setup
        head = text[:MAX_FEATURE_CHARS]
        if float(_scores(doc.folded.text[:MAX_FEATURE_CHARS], head)[column]) < threshold:
            return
        spans, by_sentence = _sentence_scores(head)
        if len(spans) > 1:
            best = spans[int(np.argmax(by_sentence[:, column]))]
        else:
            best = spans[0] if spans else (0, len(text))
        if self.p.unless_welcoming and is_welcoming(text[best[0] : best[1]]):
            return
        yield Hit(best[0], best[1], message=self.p.message)
