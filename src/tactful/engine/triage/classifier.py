"""The trained inbound classifier: one linear model over n-grams and a sentence embedding.

Rebuilt by ``engine/models/train_triage.py`` into ``engine/models/triage/``:

- ``weights.npz``: multinomial logistic regression weights. ``columns`` (hashed
  n-gram buckets that carry weight, see ``features.py``) and ``weights`` (one row per
  column, one column per category); ``embedding_weights`` (384 rows, for the
  sentence embedding); ``bias``, ``categories`` and ``safeguarding_threshold``.
  Optionally a second, binary logistic regression over the same features that says
  complaint or not: ``complaint_weights`` (one per column), ``complaint_embedding``,
  ``complaint_bias`` and ``complaint_threshold``.
- ``encoder/``: all-MiniLM-L6-v2 fine-tuned for triage (``export_triage_encoder.py``)
  as a statically quantised int8 ONNX sentence encoder (mean-pooled,
  L2-normalised), run through ``engine.encoder`` (onnxruntime + tokenizers).
- ``complaint/`` (optional): ``cascade.json`` and one or more MiniLMs fine-tuned
  only for complaint or not (``train_complaint_specialist.py``), each in the
  subfolder ``cascade.json`` names under ``models``, int8 with fixed scales like the
  encoder and giving one logit a message. They run only on the messages whose
  complaint decision they can change (an enquiry, other or praise decision without
  a safeguarding alarm, and with ``demote`` a complaint decision too); for those
  the complaint score is the sigmoid of
  ``triage_weight`` times the binary model's logit plus the rest times the mean of
  the specialists' logits, against ``threshold`` (a logit).

The n-gram part costs well under a millisecond in numpy; the encoder a few
milliseconds a message. ``predict_many`` runs messages of the same token length
together (no padding) on two intra-op threads, which is what makes batches fast;
see ``Classifier.embed`` for what that does to the int8 results. If the encoder
folder is missing the n-gram part decides alone (less accurate). Models load once
per process.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..encoder import TextEncoder, prepare_social_text, shared_encoder
from ..features import DIMENSIONS, hashed

MODELS = Path(__file__).resolve().parents[1] / "models" / "triage"
WEIGHTS = MODELS / "weights.npz"
ENCODER = MODELS / "encoder"
SPECIALIST = MODELS / "complaint"
MAX_TOKENS = 64
ENCODER_THREADS = 2
MAX_BATCH = 64
# Categories the complaint-or-not model may overrule: the ones a complaint is
# mistaken for. A safety category (safeguarding, security, abuse, crisis) and the
# rest always keep the multinomial model's decision.
YIELDS_TO_COMPLAINT = frozenset({"enquiry", "other", "praise"})


@dataclass(frozen=True)
class Prediction:
    category: str
    confidence: float
    probabilities: dict[str, float]


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class Classifier:
    def __init__(
        self, weights: Path = WEIGHTS, encoder: Path = ENCODER, specialist: Path = SPECIALIST
    ) -> None:
        with np.load(weights, allow_pickle=False) as data:
            columns = data["columns"].astype(np.int64)
            self.weights = data["weights"].astype(np.float32)
            self.bias = data["bias"].astype(np.float32)
            self.categories: tuple[str, ...] = tuple(str(c) for c in data["categories"])
            self.safeguarding_threshold = float(data["safeguarding_threshold"])
            self.embedding_weights = (
                data["embedding_weights"].astype(np.float32)
                if "embedding_weights" in data
                else None
            )
            # The complaint-or-not model rides along as one more output column.
            self.complaint_threshold: float | None = None
            if "complaint_weights" in data and self.embedding_weights is not None:
                self.complaint_threshold = float(data["complaint_threshold"])
                self.weights = np.hstack(
                    [self.weights, data["complaint_weights"].astype(np.float32)[:, None]]
                )
                self.embedding_weights = np.hstack(
                    [
                        self.embedding_weights,
                        data["complaint_embedding"].astype(np.float32)[:, None],
                    ]
                )
                self.bias = np.append(self.bias, np.float32(data["complaint_bias"]))
        self.slot = np.full(DIMENSIONS, -1, dtype=np.int32)
        self.slot[columns] = np.arange(len(columns), dtype=np.int32)
        self._safeguarding = self.categories.index("safeguarding")
        self._complaint = self.categories.index("complaint")
        self._yields = [self.categories.index(c) for c in sorted(YIELDS_TO_COMPLAINT)]
        self.encoder = shared_encoder(encoder, MAX_TOKENS, ENCODER_THREADS)
        self.uses_encoder = self.embedding_weights is not None and self.encoder.is_available()
        if not self.uses_encoder and self.complaint_threshold is not None:
            # The complaint model was trained with the embedding; without it, drop it.
            self.complaint_threshold = None
            self.weights = self.weights[:, :-1]
            self.bias = self.bias[:-1]
        self.specialists: list[TextEncoder] = []
        self.triage_weight = 1.0
        # With ``demote`` in cascade.json the specialists also rescore complaint
        # decisions, and one that falls below the threshold becomes the likeliest of
        # the categories a complaint is mistaken for.
        self.demote = False
        # ``band`` limits the specialists to messages whose complaint probability from
        # the triage model lies inside it (where that model is unsure), for speed.
        # ``one_at_a_time`` runs them on each message alone: a dynamically quantised
        # model scales activations per call, so only then does a batch give exactly
        # the one-at-a-time results.
        self.band = (0.0, 1.0)
        self.one_at_a_time = False
        settings = specialist / "cascade.json"
        if self.complaint_threshold is not None and settings.is_file():
            cascade = json.loads(settings.read_text(encoding="utf-8"))
            self.specialists = [
                shared_encoder(specialist / name, MAX_TOKENS, ENCODER_THREADS)
                for name in cascade["models"]
            ]
            if self.specialists and all(s.is_available() for s in self.specialists):
                self.triage_weight = float(cascade["triage_weight"])
                self.demote = bool(cascade.get("demote", False))
                lo, hi = cascade.get("band", (0.0, 1.0))
                self.band = (float(lo), float(hi))
                self.one_at_a_time = bool(cascade.get("one_at_a_time", False))
                self.complaint_threshold = float(1.0 / (1.0 + np.exp(-cascade["threshold"])))
        self.uses_specialist = self.triage_weight < 1.0

    def ngram_logits(self, text: str) -> np.ndarray:
        idx, val = hashed(text)
        rows = self.slot[idx]
        keep = rows >= 0
        return self.bias + val[keep] @ self.weights[rows[keep]]

    def embed(self, texts: list[str], encoder: TextEncoder | None = None) -> np.ndarray:
        """One embedding per text, texts of the same token length run together.

        The shipped encoder is int8 with fixed, calibrated activation scales, so a
        text's embedding does not depend on its batch-mates; grouping by exact
        length also means no text is ever padded. Together they make a batch give
        the one-at-a-time result (to about 1e-7; tests and benchmarks/bench_triage.py
        check it). A dynamically quantised encoder would not: it scales activations
        per call, over the whole group.
        """
        encoder = encoder or self.encoder
        prepared = [prepare_social_text(t) or "." for t in texts]
        if len(prepared) == 1:
            return encoder.run(prepared)
        _, mask = encoder.encode_batch(prepared)
        groups: dict[int, list[int]] = {}
        for i, length in enumerate(mask.sum(axis=1).tolist()):
            groups.setdefault(int(length), []).append(i)
        out: np.ndarray | None = None
        for rows in groups.values():
            for k in range(0, len(rows), MAX_BATCH):
                chunk = rows[k : k + MAX_BATCH]
                vectors = encoder.run([prepared[i] for i in chunk])
                if out is None:
                    out = np.zeros((len(prepared), vectors.shape[1]), dtype=np.float32)
                out[chunk] = vectors
        assert out is not None
        return out

    def scores_many(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
        """Category probabilities (one row per text) and, if shipped, P(complaint or not)."""
        n = len(self.categories)
        if not texts:
            return np.zeros((0, n), dtype=np.float32), None
        logits = np.vstack([self.ngram_logits(t) for t in texts])
        if self.uses_encoder:
            logits = logits + self.embed(texts) @ self.embedding_weights
        if self.complaint_threshold is None:
            return softmax(logits), None
        probs, complaint = softmax(logits[:, :n]), logits[:, n].copy()
        if self.uses_specialist:
            # Only where the complaint decision can change: see ``choose``.
            best = probs.argmax(axis=1)
            rescored = self._yields + ([self._complaint] if self.demote else [])
            p = 1.0 / (1.0 + np.exp(-np.clip(complaint, -50.0, 50.0)))
            run = np.flatnonzero(
                np.isin(best, rescored)
                & (probs[:, self._safeguarding] < self.safeguarding_threshold)
                & (p >= self.band[0])
                & (p <= self.band[1])
            )
            if len(run):
                chosen = [texts[i] for i in run]
                scores = np.mean(
                    [self.specialist_logits(chosen, e) for e in self.specialists], axis=0
                )
                w = self.triage_weight
                complaint[run] = w * complaint[run] + (1.0 - w) * scores
        return probs, 1.0 / (1.0 + np.exp(-np.clip(complaint, -50.0, 50.0)))

    def specialist_logits(self, texts: list[str], encoder: TextEncoder) -> np.ndarray:
        if not self.one_at_a_time:
            return self.embed(texts, encoder)[:, 0]
        prepared = [prepare_social_text(t) or "." for t in texts]
        return np.array([float(encoder.run([t])[0, 0]) for t in prepared], dtype=np.float32)

    def probabilities_many(self, texts: list[str]) -> np.ndarray:
        return self.scores_many(texts)[0]

    def predict_many(self, texts: list[str]) -> list[Prediction]:
        probs, complaint = self.scores_many(texts)
        if complaint is None:
            return [self._decide(p, None) for p in probs]
        return [self._decide(p, float(c)) for p, c in zip(probs, complaint, strict=True)]

    def predict(self, text: str) -> Prediction:
        return self.predict_many([text])[0]

    def choose(self, probs: np.ndarray, complaint: float | None) -> int:
        """The category index for one message's probabilities (see ``_decide``)."""
        best = int(np.argmax(probs))
        # Missing a disclosure costs far more than a false alarm, so safeguarding
        # wins whenever it clears its own (lower) threshold.
        if probs[self._safeguarding] >= self.safeguarding_threshold:
            return self._safeguarding
        # The dedicated complaint-or-not model decides between complaint and the
        # categories a complaint is mistaken for; it never overrules a safety category.
        if (
            complaint is not None
            and self.complaint_threshold is not None
            and best in self._yields
            and complaint >= self.complaint_threshold
        ):
            return self._complaint
        if (
            self.demote
            and complaint is not None
            and self.complaint_threshold is not None
            and best == self._complaint
            and complaint < self.complaint_threshold
        ):
            return max(self._yields, key=lambda k: float(probs[k]))
        return best

    def _decide(self, probs: np.ndarray, complaint: float | None) -> Prediction:
        best = self.choose(probs, complaint)
        confidence = float(probs[best])
        if best == self._complaint and complaint is not None:
            confidence = max(confidence, complaint)
        return Prediction(
            self.categories[best],
            confidence,
            {c: float(p) for c, p in zip(self.categories, probs, strict=True)},
        )


_MODEL: Classifier | None = None
_LOCK = threading.Lock()


def shared_classifier() -> Classifier:
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = Classifier()
    return _MODEL
