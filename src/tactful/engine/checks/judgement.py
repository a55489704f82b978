"""Judgement: a small trained model scores the draft for one judgement category.

Phrase rules catch the wordings someone foresaw; this check catches the same kind
of post phrased another way. One logistic-regression head per category reads
hashed word, word-pair and character n-grams of the folded draft (``engine/models/
judgement/``, trained on the project's own labelled UK charity posts). When the
whole draft scores at or above the head's threshold the check points at the
sentence that scores highest, so the author sees where the problem is.

The thresholds were chosen by cross-validation to favour precision: a head stays
quiet unless it is fairly sure, so pair each model rule with the phrase rule for
the same category (the model adds recall; the phrase rule stays the backbone).
Heads that could not reach the precision target when trained are switched off
and the check stays silent for them, as it does when the weights are missing.

Params: ``category`` (one of the judgement categories the model was trained on),
``threshold`` (0 to 1; by default the one chosen at training time), ``min_letters``
(shorter drafts are skipped) and ``message`` (overrides the rule's message).
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
from pydantic import BaseModel, ConfigDict, Field

from ..text import Document, fold, sentence_spans
from .base import Check, Hit

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "judgement" / "weights.npz"
JUDGEMENT_CATEGORIES: tuple[str, ...] = (
    "party_politics", "defamation", "unsafe_activity", "unlawful_activity",
    "criticism_of_partners", "confidentiality", "commercial", "personal_opinion",
    "unverified_claim", "third_party_label", "high_profile", "harassment", "copyright",
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
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(1_000_003)


def _mix(h: np.ndarray, salt: int) -> np.ndarray:
    """Spread n-gram hashes over 64 bits, so that taking the low bits is fair."""
    x = (h + np.uint64(salt)) * _MIX
    return x ^ (x >> np.uint64(31))


def feature_hashes(folded: str) -> np.ndarray:
    """64-bit hashes of every n-gram of an already folded (lower-cased) text.

    Words and word pairs catch phrasing ("vote for", "rip-off"); character 3- to
    5-grams inside words (padded with < and >) catch endings and misspellings.
    Words are hashed with CRC-32, character n-grams with a polynomial over code
    points (both stable across processes), in numpy, so a post costs tens of
    microseconds."""
    text = folded[:MAX_FEATURE_CHARS]
    if "." in text or "/" in text:
        text = LINK.sub(" xxlink ", text)
    if "@" in text:
        text = HANDLE.sub(" xxhandle ", text)
    text = NUMBER.sub("0", text)
    words = WORD.findall(text)
    if not words:
        return _mix(np.array([1], dtype=np.uint64), 7)
    word_h = np.fromiter(
        (zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words)
    )
    parts = [_mix(word_h, 1), _mix(word_h[:-1] * _BASE + word_h[1:], 2)]
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


def featurise(folded: str, dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    """Bucket indices and weights (log counts, L2-normalised) for one folded text."""
    buckets = (feature_hashes(folded) & np.uint64(dimensions - 1)).astype(np.int64)
    idx, counts = np.unique(buckets, return_counts=True)
    val = (1.0 + np.log(counts)).astype(np.float32)
    return idx, val / (float(np.sqrt(np.dot(val, val))) or 1.0)


class JudgementModel:
    """The shipped heads: a weight matrix (buckets x categories), biases, thresholds."""

    weights: np.ndarray

    def __init__(self, path: Path) -> None:
        with np.load(path) as data:
            # float16 on disk, float32 in memory (about 7 MB): no conversion per post
            self.weights = data["weights"].astype(np.float32)
            self.bias = data["bias"].astype(np.float32)
            self.thresholds = data["thresholds"].astype(np.float32)
            self.categories = [str(c) for c in data["categories"]]
        self.dimensions = int(self.weights.shape[0])

    def scores(self, folded: str) -> np.ndarray:
        """The probability of every category for one folded text."""
        idx, val = featurise(folded, self.dimensions)
        z = val @ self.weights[idx] + self.bias
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


@cache
def judgement_model(path: Path = MODEL_PATH) -> JudgementModel | None:
    if not path.is_file():
        return None
    return JudgementModel(path)


@lru_cache(maxsize=64)
def _scores(folded: str) -> np.ndarray:
    # Every judgement rule of a policy reads the same draft: one pass serves them all.
    model = judgement_model()
    assert model is not None
    scores = model.scores(folded)
    scores.setflags(write=False)
    return scores


def _has_letters(text: str, needed: int) -> bool:
    """Whether ``text`` holds at least ``needed`` letters (stops counting early)."""
    return any(i >= needed for i, _ in enumerate(LETTER.finditer(text), start=1))


class JudgementParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Literal[
        "party_politics", "defamation", "unsafe_activity", "unlawful_activity",
        "criticism_of_partners", "confidentiality", "commercial", "personal_opinion",
        "unverified_claim", "third_party_label", "high_profile", "harassment", "copyright",
    ]  # fmt: skip
    threshold: float | None = Field(default=None, gt=0.0, lt=1.0)
    min_letters: int = Field(default=8, ge=1, le=100)
    message: str | None = None


class JudgementCheck(Check):
    """Flags a draft the judgement model scores as belonging to one category."""

    kind = "judgement"
    Params = JudgementParams

    def __init__(self, params: JudgementParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params

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
        column, threshold = setup
        if float(_scores(doc.folded.text[:MAX_FEATURE_CHARS])[column]) < threshold:
            return
        spans = sentence_spans(text[:MAX_FEATURE_CHARS])[:MAX_SENTENCES]
        if len(spans) > 1:
            best = max(spans, key=lambda se: float(_scores(fold(text[se[0] : se[1]]).text)[column]))
        else:
            best = spans[0] if spans else (0, len(text))
        yield Hit(best[0], best[1], message=self.p.message)
