"""Rebuild the gate in front of the toxicity model (``models/toxicity/gate.npz``).

The gate is a logistic regression over hashed word and character n-grams
(``engine.features``) taught to predict what the shipped scores decide (the
transformer blended with the n-gram heads of ``ngrams.npz``), so the transformer
runs only on texts that might be flagged. It is fitted on texts scoring at least the
lower of 0.5 and the model's own thresholds. For each score level a rule may flag at
(those thresholds, 0.5 and 0.7) a threshold is set on texts it was not fitted on, so
that nearly every text scoring at least that level (``--keep``, 99.5% by default)
still reaches the transformer. Ordinary charity posts
then cost a fraction of a millisecond instead of several.

Needs ``../shared/data`` (TweetEval and Davidson training text, used as unlabelled
text to distil from; their validation splits and Davidson's held-out tenth are not
used) and the training extras (scikit-learn). Run from the repository root:

    python src/tactful/engine/models/train_toxicity_gate.py
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT / "src"))

from tactful.engine.checks.classifier import MODEL_DIR, model_meta, probabilities  # noqa: E402
from tactful.engine.features import DIMENSIONS, hashed  # noqa: E402
from tactful.engine.models.train_toxicity import (  # noqa: E402
    is_davidson_holdout,
    read_davidson,
    read_tweeteval,
    shared_data,
)

# Below the rules' 0.6 and no higher than the model's own thresholds (meta.json), so
# the gate errs towards running the model.
FLAG_AT = 0.5
# Score levels a rule may flag at, besides the model's own thresholds: the built-in
# rules flag at 0.5 (and defer to the hate rule at 0.7). The gate keeps its share of
# texts at each level; a rule flagging at a higher score can skip more texts.
LEVELS = (0.5, 0.7)


def corpus() -> list[str]:
    texts = [t for t, _ in read_tweeteval("offensive", "train")]
    texts += [t for t, _ in read_tweeteval("hate", "train")]
    texts += [t for i, t, _ in read_davidson() if not is_davidson_holdout(i)]
    for name in ("outbound_train.jsonl", "toxicity_extra.jsonl"):
        path = ROOT / "data" / "labelled" / name
        texts += [
            json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()
        ]
    return texts


def teacher(texts: list[str]) -> np.ndarray:
    """The shipped scores (transformer blended with the n-gram heads), highest label."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros(len(texts), dtype=np.float32)
    for k in range(0, len(order), 64):
        idx = order[k : k + 64]
        out[idx] = probabilities([texts[i] for i in idx]).max(axis=1)
    return out


def features(texts: list[str]):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, t in enumerate(texts):
        idx, val = hashed(t)
        rows.append(np.full(len(idx), r))
        cols.append(idx)
        vals.append(val)
    return csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(texts), DIMENSIONS),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", type=float, default=0.995)
    args = ap.parse_args()
    if not shared_data().is_dir():
        sys.exit(f"needs the shared data folder at {shared_data()}")
    from sklearn.linear_model import LogisticRegression

    t0 = time.time()
    texts = corpus()
    soft = teacher(texts)
    flag_at = min([FLAG_AT, *model_meta().get("thresholds", {}).values()])
    y = (soft >= flag_at).astype(int)
    print(f"{len(texts)} texts, {y.mean():.2%} at {flag_at} or more ({time.time() - t0:.0f}s)")
    order = np.random.default_rng(7).permutation(len(texts))
    cut = int(len(order) * 0.8)
    fit, tune = order[:cut], order[cut:]
    x = features(texts)
    model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
    model.fit(x[fit], y[fit])
    p_tune = model.predict_proba(x[tune])[:, 1]
    levels = sorted({flag_at, *model_meta().get("thresholds", {}).values(), *LEVELS})
    thresholds: list[float] = []
    for level in levels:
        pos = np.sort(p_tune[soft[tune] >= level])
        threshold = float(pos[int((1 - args.keep) * len(pos))])
        thresholds.append(max(threshold, thresholds[-1]) if thresholds else threshold)
        print(
            f"texts scoring {level} or more: gate threshold {thresholds[-1]:.4f} keeps "
            f"{(pos >= thresholds[-1]).mean():.3%} of them, sends "
            f"{(p_tune >= thresholds[-1]).mean():.1%} of all tuning texts to the transformer"
        )
    np.savez_compressed(
        MODEL_DIR / "gate.npz",
        coef=model.coef_[0].astype(np.float16),
        intercept=np.array([model.intercept_[0]], dtype=np.float32),
        levels=np.array(levels, dtype=np.float32),
        thresholds=np.array(thresholds, dtype=np.float32),
    )
    print(f"wrote {MODEL_DIR / 'gate.npz'} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
