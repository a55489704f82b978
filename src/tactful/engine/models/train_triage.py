"""Rebuild the inbound triage model in ``models/triage/`` (weights.npz and encoder/).

Trains one multinomial logistic regression (scikit-learn, training only) over two
feature blocks: the hashed word and character n-grams of
``engine/features.py``, and the 384-dimensional sentence embedding of the
fine-tuned all-MiniLM-L6-v2 in ``models/triage/encoder/`` (built first by
``export_triage_encoder.py``; computed through the same ``engine.encoder`` code the
run time uses). Data:

- the training part of our own labelled messages (``data/labelled/inbound.jsonl``;
  the ~30% held out by ``datasets.is_held_out`` is never seen), weighted highest;
- complaints-twitter (complaint / enquiry / other), its held-out part excluded;
- abusive tweets from Davidson and TweetEval offensive and hate (abuse);
- reddit-cssrs posts of users at risk (safeguarding). Never printed.

Safeguarding wins at run time whenever its probability clears 0.3.

A second, binary logistic regression over the same features says complaint or not;
it is trained on the training part of complaints-twitter and our own messages
(complaint against the rest). At run time it turns an enquiry, other or praise
decision into complaint when its probability clears ``complaint_threshold``. That
threshold is chosen on the tuning slice (``datasets.is_tune``, a tenth of each
training part, never the held-out part): both models are first fitted without the
slice, the threshold with the best F1 (averaged over its two neighbours, as the
slice is small) is kept, then both are refitted on the whole training part.

Needs the shared data folder (exits with a message when it is absent) and
scikit-learn and scipy; without an encoder folder it trains the n-gram part only.

    python src/tactful/engine/models/train_triage.py [--encoder DIR] [--out DIR] [--c 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
sys.path.insert(0, str(HERE))

from tactful.engine.encoder import TextEncoder, prepare_social_text  # noqa: E402
from tactful.engine.features import DIMENSIONS, hashed  # noqa: E402
from tactful.engine.model import INBOUND_CATEGORIES  # noqa: E402
from tactful.engine.triage import datasets  # noqa: E402
from tactful.engine.triage.classifier import MAX_TOKENS, YIELDS_TO_COMPLAINT  # noqa: E402

OUT = HERE / "triage"
OWN_WEIGHT = 20.0
PUBLIC_WEIGHT = {"complaints-twitter": 1.0, "davidson": 0.3, "tweeteval-offensive": 0.3,
                 "tweeteval-hate": 0.3, "reddit-cssrs": 0.2}  # fmt: skip
SAFEGUARDING_THRESHOLD = 0.3
COMPLAINT_C = 3.0
COMPLAINT_OWN_WEIGHT = 1.0
THRESHOLDS = np.round(np.arange(0.2, 0.81, 0.05), 2)


def ngram_matrix(texts: list[str]):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for t in texts:
        idx, val = hashed(t)
        indices.append(idx)
        values.append(val)
        indptr.append(indptr[-1] + len(idx))
    return csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(texts), DIMENSIONS),
        dtype=np.float32,
    )


def embeddings(encoder: TextEncoder, texts: list[str]) -> np.ndarray:
    prepared = [prepare_social_text(t) or "." for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(prepared[i]))
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for k in range(0, len(order), 64):
        chunk = order[k : k + 64]
        out[chunk] = encoder.run([prepared[i] for i in chunk])
    return out


def training_examples(base: Path) -> tuple[list[datasets.Example], np.ndarray]:
    """The training rows and, for each, whether it is in the tuning slice."""
    own = [
        (datasets.Example(m["text"], m["category"], "own", False), datasets.is_tune(m["id"]))
        for m in datasets.labelled_messages()
        if not datasets.is_held_out(m["id"])
    ]
    public = [
        (e, datasets.is_tune(e.text)) for e in datasets.complaints_twitter(base) if not e.held_out
    ]
    # Only the positive side of the abuse and suicide-risk sets: their ordinary
    # tweets and posts swamped our own other and praise messages in trials.
    public += [(e, False) for e in datasets.abuse_sets(base) if e.category == "abuse"]
    public += [
        (e, False) for e in datasets.safeguarding_posts(base) if e.category == "safeguarding"
    ]
    print(f"training on {len(own)} own messages and {len(public)} public examples", flush=True)
    rows = own + public
    return [e for e, _ in rows], np.array([t for _, t in rows], dtype=bool)


def f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold & pred).sum())
    return 2 * tp / float(gold.sum() + pred.sum()) if tp else 0.0


def fit(x, y, w, complaint, cw, c):  # type: ignore[no-untyped-def]
    """The multinomial model and, when ``complaint`` is given, the complaint-or-not one."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(x, y, sample_weight=w)
    if complaint is None:
        return model, None
    binary = LogisticRegression(C=COMPLAINT_C, max_iter=3000)
    binary.fit(x[cw > 0], complaint[cw > 0], sample_weight=cw[cw > 0])
    return model, binary


def decisions(probs: np.ndarray, complaint: np.ndarray | None, threshold: float) -> np.ndarray:
    """The run-time rule of ``classifier.Classifier.choose``, vectorised."""
    cat = list(INBOUND_CATEGORIES)
    best = probs.argmax(1)
    if complaint is not None:
        yields = np.isin(best, [cat.index(c) for c in YIELDS_TO_COMPLAINT])
        best = np.where(yields & (complaint >= threshold), cat.index("complaint"), best)
    sg = probs[:, cat.index("safeguarding")] >= SAFEGUARDING_THRESHOLD
    return np.where(sg, cat.index("safeguarding"), best)


def choose_threshold(x, y, w, complaint, cw, tune, sources, c) -> float:  # type: ignore[no-untyped-def]
    """Fit without the tuning slice, pick the complaint threshold on it, report the figures."""
    train = ~tune
    model, binary = fit(x[train], y[train], w[train], complaint[train], cw[train], c)
    probs = model.predict_proba(x[tune])
    p_complaint = binary.predict_proba(x[tune])[:, 1]
    ct = sources[tune] == "complaints-twitter"
    own = sources[tune] == "own"
    gold = y[tune]
    k = INBOUND_CATEGORIES.index("complaint")

    def scores(pred: np.ndarray) -> tuple[float, float]:
        macro = np.mean(
            [f1(gold[own] == j, pred[own] == j) for j in range(len(INBOUND_CATEGORIES))]
        )
        return f1(gold[ct] == k, pred[ct] == k), float(macro)

    base = scores(decisions(probs, None, 1.0))
    print(f"tuning slice ({ct.sum()} complaints-twitter, {own.sum()} own): multinomial alone "
          f"complaint F1 {base[0]:.3f}, own macro-F1 {base[1]:.3f}", flush=True)  # fmt: skip
    f1s = np.array([scores(decisions(probs, p_complaint, t))[0] for t in THRESHOLDS])
    smooth = np.convolve(np.pad(f1s, 1, mode="edge"), np.ones(3) / 3, mode="valid")
    threshold = float(THRESHOLDS[int(np.argmax(smooth))])
    chosen = scores(decisions(probs, p_complaint, threshold))
    print("  complaint F1 by threshold: " + ", ".join(
        f"{t:.2f} {v:.3f}" for t, v in zip(THRESHOLDS, f1s, strict=True)))  # fmt: skip
    print(f"  chosen {threshold:.2f}: complaint F1 {chosen[0]:.3f}, own macro-F1 {chosen[1]:.3f}",
          flush=True)  # fmt: skip
    return threshold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--c", type=float, default=10.0)
    parser.add_argument(
        "--encoder", type=Path, default=OUT / "encoder", help="encoder folder to embed with"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where weights.npz goes")
    parser.add_argument(
        "--no-complaint-model", action="store_true", help="the multinomial model alone"
    )
    args = parser.parse_args()
    base = datasets.shared_data_dir()
    if not base.is_dir():
        print(f"the shared data folder {base} is absent; set TACTFUL_SHARED_DATA", file=sys.stderr)
        return 2
    examples, tune = training_examples(base)
    from scipy.sparse import csr_matrix, hstack

    x = ngram_matrix([e.text for e in examples])
    encoder = TextEncoder(args.encoder, MAX_TOKENS, threads=2)
    with_encoder = encoder.is_available()
    if with_encoder:
        t0 = time.time()
        x = hstack([x, csr_matrix(embeddings(encoder, [e.text for e in examples]))]).tocsr()
        print(f"embedded {len(examples)} texts in {time.time() - t0:.0f}s", flush=True)
    y = np.array([INBOUND_CATEGORIES.index(e.category) for e in examples])
    w = np.array([OWN_WEIGHT if e.source == "own" else PUBLIC_WEIGHT[e.source] for e in examples])
    sources = np.array([e.source for e in examples])
    with_complaint = with_encoder and not args.no_complaint_model
    complaint = (y == INBOUND_CATEGORIES.index("complaint")).astype(int)
    cw = np.select(
        [sources == "complaints-twitter", sources == "own"], [1.0, COMPLAINT_OWN_WEIGHT], 0.0
    )
    threshold = 1.0
    if with_complaint:
        threshold = choose_threshold(x, y, w, complaint, cw, tune, sources, args.c)
    model, binary = fit(x, y, w, complaint if with_complaint else None, cw, args.c)
    coef = model.coef_.T.astype(np.float32)
    ngram, embedding = coef[:DIMENSIONS], coef[DIMENSIONS:]
    keep = np.abs(ngram).max(axis=1) > 1e-4
    arrays: dict[str, Any] = {}
    if binary is not None:
        bcoef = binary.coef_[0].astype(np.float32)
        keep |= np.abs(bcoef[:DIMENSIONS]) > 1e-4
        columns = np.flatnonzero(keep)
        arrays = {
            "complaint_weights": bcoef[:DIMENSIONS][columns].astype(np.float16),
            "complaint_embedding": bcoef[DIMENSIONS:],
            "complaint_bias": np.float32(binary.intercept_[0]),
            "complaint_threshold": np.float32(threshold),
        }
    columns = np.flatnonzero(keep)
    arrays.update(
        columns=columns.astype(np.int32),
        weights=ngram[columns].astype(np.float16),
        embedding_weights=embedding.astype(np.float32),
        bias=model.intercept_.astype(np.float32),
        categories=np.array([INBOUND_CATEGORIES[i] for i in model.classes_]),
        safeguarding_threshold=np.float32(SAFEGUARDING_THRESHOLD),
    )
    np.savez_compressed(args.out / "weights.npz", **arrays)
    size = (args.out / "weights.npz").stat().st_size / 1e6
    print(
        f"wrote weights.npz ({size:.1f} MB, {len(columns)} n-gram columns, encoder {with_encoder}, "
        f"complaint model {binary is not None})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
