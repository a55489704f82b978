"""Classifier: a trained model scores the draft for abusive or hateful language.

The model (``engine/models/toxicity/``, a small fine-tuned transformer run with
onnxruntime) gives each text a probability for ``offensive`` (swearing, insults,
threats, abuse in general) and for ``hate`` (hostility towards people because of
a protected characteristic: race, religion, sex, sexual orientation, disability
and so on). When the chosen label's score reaches ``threshold`` the check points
at the worst sentence, so the author sees where the problem is.

It reads the meaning of whole sentences, so it catches abuse that no word list
foresees ("people like that should not be allowed near children") and lets
harmless uses of rude-looking words through ("the Dick Whittington panto").
A cheap n-gram gate (``models/toxicity/gate.npz``) decides first whether the
transformer needs to read a text at all; it is set to pass on nearly every text
the transformer would flag, so ordinary posts cost a fraction of a millisecond.
When ``models/toxicity/ngrams.npz`` is there, a logistic regression per label over
the same hashed n-grams is blended with the transformer's logit (weights chosen at
training time, see ``train_toxicity.py``); the word-level cue helps on tweets.
It is a statistical judgement: pair it with the ``lexicon`` rules for words
that are never acceptable. Texts longer than the model's window are scored in
chunks of whole sentences; the highest chunk decides. Without the model files the
check stays silent rather than failing.

Params: ``label`` (offensive or hate), ``threshold`` (0 to 1; by default the one
chosen when the model was trained), ``min_letters`` (shorter texts are skipped),
``unless_label`` with ``unless_threshold`` (stay silent when the text also scores at
least that on the other label, so hostility to a group is reported once, by the
rule for that label, rather than twice) and ``message`` (overrides the rule's message).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
import regex
from pydantic import BaseModel, ConfigDict, Field

from ..encoder import TextEncoder, prepare_social_text, shared_encoder
from ..text import Document, sentence_spans
from .base import Check, Hit
from .welcoming import is_welcoming

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "toxicity"
LETTER = regex.compile(r"\p{L}")
SHORT_TEXT_CHARS = 200  # below this a post always fits the model's window
MAX_CHUNKS = 128  # about 30,000 characters; the rest of a longer text is not scored
CHUNK_WORDS = 40
BATCH = 32
GATE_WHOLE_CHARS = 1000  # longer texts are gated chunk by chunk


class ClassifierParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: Literal["offensive", "hate"]
    threshold: float | None = Field(default=None, gt=0.0, lt=1.0)
    min_letters: int = Field(default=3, ge=1, le=100)
    unless_label: Literal["offensive", "hate"] | None = None
    unless_threshold: float | None = Field(default=None, gt=0.0, lt=1.0)
    # Stay silent when the worst sentence welcomes or invites (checks/welcoming.py).
    unless_welcoming: bool = False
    # Stay silent when the worst sentence cites its source in brackets with a year: a
    # published figure about a group ("Black women are four times more likely to die in
    # pregnancy (MBRRACE-UK, 2023)") reports a harm done to it, not an attack on it.
    unless_cited: bool = False
    message: str | None = None


# "(MBRRACE-UK, 2023)", "(ONS 2024)": a source named in brackets with its year
CITATION = regex.compile(r"\((?:[^()\n]{2,80}?)[,\s]\s*(?:19|20)\d\d\)")


@cache
def model_meta(folder: Path = MODEL_DIR) -> dict:
    path = folder / "meta.json"
    if not path.is_file():
        return {}
    data: dict = json.loads(path.read_text(encoding="utf-8"))
    return data


def toxicity_encoder() -> TextEncoder:
    return shared_encoder(MODEL_DIR, int(model_meta().get("max_length", 64)))


def _word_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an over-long sentence into runs of at most CHUNK_WORDS words."""
    words = [m.span() for m in regex.finditer(r"\S+", text[start:end])]
    return [
        (start + words[i][0], start + words[min(i + CHUNK_WORDS, len(words)) - 1][1])
        for i in range(0, len(words), CHUNK_WORDS)
    ]


def chunk_spans(text: str, encoder: TextEncoder) -> list[tuple[int, int]]:
    """Whole sentences packed into chunks that fit the model's window."""
    if len(text) <= SHORT_TEXT_CHARS:
        return [(0, len(text))]
    budget = encoder.max_length - 2
    pieces: list[tuple[int, int, int]] = []
    for s, e in sentence_spans(text):
        size = encoder.token_count(text[s:e])
        if size <= budget:
            pieces.append((s, e, size))
        else:
            pieces += [(ws, we, budget) for ws, we in _word_windows(text, s, e)]
        if len(pieces) > MAX_CHUNKS * 4:
            break
    chunks: list[tuple[int, int]] = []
    start, end, used = -1, -1, 0
    for s, e, size in pieces:
        if start >= 0 and used + size <= budget:
            end, used = e, used + size
            continue
        if start >= 0:
            chunks.append((start, end))
        start, end, used = s, e, size
    if start >= 0:
        chunks.append((start, end))
    return chunks[:MAX_CHUNKS]


def score_spans(
    text: str, spans: list[tuple[int, int]], column: int, at: float | None = None
) -> np.ndarray:
    """The model's probability for one label, for each span of ``text``. With ``at``,
    only scores of at least ``at`` matter to the caller: the gate may then skip more
    spans (a skipped span scores 0)."""
    return _all_scores(text, tuple(spans), at)[:, column]


class Gate(NamedTuple):
    """The n-gram gate: logistic regression weights and intercept, and for each score
    level the gate threshold that lets through nearly every text the shipped model
    scores at that level or more (``levels`` ascending)."""

    coef: np.ndarray
    intercept: float
    levels: tuple[float, ...]
    thresholds: tuple[float, ...]

    def threshold_for(self, at: float | None) -> float | None:
        """The gate threshold that serves a rule flagging at score ``at`` (None: the
        lowest level); None when ``at`` is below every level, so the gate cannot
        vouch for the text and the transformer must read it."""
        if at is None:
            return self.thresholds[0]
        usable = [t for level, t in zip(self.levels, self.thresholds, strict=True) if level <= at]
        return usable[-1] if usable else None


@cache
def gate(folder: Path = MODEL_DIR) -> Gate | None:
    """The n-gram gate in front of the transformer (see models/train_toxicity_gate.py)."""
    path = folder / "gate.npz"
    if not path.is_file():
        return None
    with np.load(path) as data:
        return Gate(
            data["coef"].astype(np.float32),
            float(data["intercept"][0]),
            tuple(round(float(x), 4) for x in data["levels"]),  # stored as float32
            tuple(float(x) for x in data["thresholds"]),
        )


@lru_cache(maxsize=64)
def _hashed(text: str) -> tuple[np.ndarray, np.ndarray]:
    # The gate and the n-gram heads read the same features of the same text.
    from ..features import hashed

    return hashed(text)


@cache
def ngram_heads(folder: Path = MODEL_DIR) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(coef per label, intercept per label, blend weight per label), or None."""
    path = folder / "ngrams.npz"
    if not path.is_file():
        return None
    with np.load(path) as data:
        return (
            data["coef"].astype(np.float32),
            data["intercept"].astype(np.float32),
            data["weight"].astype(np.float32),
        )


def blend(
    probs: np.ndarray,
    texts: list[str],
    heads: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
) -> np.ndarray:
    """Mix the transformer's probabilities (one row per text) with the n-gram heads:
    the mean of the two logits, the n-gram one weighted by ``weight``."""
    if heads is None or not len(texts):
        return probs
    coef, intercept, weight = heads
    ngram = np.empty((len(texts), coef.shape[0]), dtype=np.float32)
    for i, text in enumerate(texts):
        idx, val = _hashed(text)
        ngram[i] = coef[:, idx] @ val + intercept
    p = np.clip(probs.astype(np.float32), 1e-6, 1 - 1e-6)
    z = (np.log(p / (1 - p)) + weight * ngram) / (1 + weight)
    out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
    return out.astype(np.float32)


def probabilities(texts: list[str]) -> np.ndarray:
    """The shipped model's probability for each label, one row per (raw) text."""
    encoder = toxicity_encoder()
    prepared = [prepare_social_text(t) or "." for t in texts]
    out = [encoder.probabilities(prepared[i : i + BATCH]) for i in range(0, len(prepared), BATCH)]
    return blend(np.concatenate(out), texts, ngram_heads())


def gate_score(text: str) -> float | None:
    """The gate's estimate that the transformer would flag ``text`` (None without a gate)."""
    g = gate()
    if g is None:
        return None
    idx, val = _hashed(text)
    z = float(np.dot(g.coef[idx], val)) + g.intercept
    return float(1.0 / (1.0 + np.exp(-z)))


def passes_gate(text: str, at: float | None = None) -> bool:
    """Whether the transformer needs to read ``text`` for a rule flagging at score
    ``at`` (None: the lowest level the gate knows): the gate lets through nearly every
    text the transformer would score that high, and skips clearly harmless ones."""
    g = gate()
    threshold = g.threshold_for(at) if g is not None else None
    if threshold is None:
        return True
    score = gate_score(text)
    return score is None or score >= threshold


@lru_cache(maxsize=16)
def _all_scores(
    text: str, spans: tuple[tuple[int, int], ...], at: float | None = None
) -> np.ndarray:
    # Every label comes out of one pass, and a policy usually runs the offensive and
    # the hate rule on the same draft: the second rule reuses the first one's pass.
    width = len(model_meta().get("labels", []))
    scores = np.zeros((len(spans), width), dtype=np.float32)
    todo = [i for i, (s, e) in enumerate(spans) if passes_gate(text[s:e], at)]
    if todo:
        scores[todo] = probabilities([text[spans[i][0] : spans[i][1]] for i in todo])
    scores.setflags(write=False)
    return scores


def worst_sentence(text: str, sentences: list[tuple[int, int]], column: int) -> tuple[int, int]:
    """The sentence to point at. The cheap gate ranks them when it is there (pointing
    needs no second transformer pass); otherwise the transformer scores each one."""
    gated = [gate_score(text[s:e]) for s, e in sentences]
    if all(g is not None for g in gated):
        return sentences[int(np.argmax(np.asarray(gated, dtype=np.float32)))]
    return sentences[int(score_spans(text, sentences, column).argmax())]


class ClassifierCheck(Check):
    """Flags a draft the toxicity model scores as offensive or hateful."""

    kind = "classifier"
    Params = ClassifierParams

    def __init__(self, params: ClassifierParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.p = params

    def _column_and_threshold(self) -> tuple[int, float] | None:
        meta = model_meta()
        labels = meta.get("labels", [])
        if self.p.label not in labels or not toxicity_encoder().is_available():
            return None
        threshold = self.p.threshold or float(meta.get("thresholds", {}).get(self.p.label, 0.5))
        return labels.index(self.p.label), threshold

    def _other(self) -> tuple[int, float] | None:
        """The column and threshold of ``unless_label`` (None when it is not set)."""
        if self.p.unless_label is None or self.p.unless_label == self.p.label:
            return None
        meta = model_meta()
        labels = meta.get("labels", [])
        if self.p.unless_label not in labels:
            return None
        other = self.p.unless_threshold or float(
            meta.get("thresholds", {}).get(self.p.unless_label, 0.5)
        )
        return labels.index(self.p.unless_label), other

    def _deferred(self, text: str, chunks: list[tuple[int, int]], at: float) -> bool:
        """Whether the other label (``unless_label``) also passes, so its rule reports it."""
        other = self._other()
        if other is None:
            return False
        scores = score_spans(text, chunks, other[0], at)
        return bool(len(scores)) and float(scores.max()) >= other[1]

    def run(self, doc: Document) -> Iterable[Hit]:
        text = doc.text
        if len(LETTER.findall(text[:1000])) < self.p.min_letters:
            return
        setup = self._column_and_threshold()
        if setup is None:
            return
        column, threshold = setup
        # No score under this matters here (nor, for the other label, under its own
        # threshold), so the gate may skip every text it is sure scores lower.
        other = self._other()
        at = min(threshold, other[1]) if other is not None else threshold
        if len(text) <= GATE_WHOLE_CHARS and not passes_gate(text, at):
            # Gate the post as a whole first, as the gate was trained on whole posts:
            # a harmless post then costs no splitting or tokenising at all.
            return
        chunks = chunk_spans(text, toxicity_encoder())
        scores = score_spans(text, chunks, column, at)
        if not len(scores) or float(scores.max()) < threshold:
            return
        if self._deferred(text, chunks, at):
            return
        s, e = chunks[int(scores.argmax())]
        sentences = [(s + a, s + b) for a, b in sentence_spans(text[s:e])]
        if len(sentences) > 1:
            s, e = worst_sentence(text, sentences, column)
        if self.p.unless_welcoming and is_welcoming(text[s:e]):
            return
        if self.p.unless_cited and CITATION.search(text, s, e):
            return
        yield Hit(s, e, message=self.p.message)
