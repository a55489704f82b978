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

Safeguarding wins at run time whenever its probability clears 0.3. Needs the shared
data folder (exits with a message when it is absent) and scikit-learn and scipy;
without an encoder folder it trains the n-gram part only.

    python src/tactful/engine/models/train_triage.py [--encoder DIR] [--out DIR] [--c 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
sys.path.insert(0, str(HERE))

from tactful.engine.encoder import TextEncoder, prepare_social_text  # noqa: E402
from tactful.engine.features import DIMENSIONS, hashed  # noqa: E402
from tactful.engine.model import INBOUND_CATEGORIES  # noqa: E402
from tactful.engine.triage import datasets  # noqa: E402
from tactful.engine.triage.classifier import MAX_TOKENS  # noqa: E402

OUT = HERE / "triage"
OWN_WEIGHT = 20.0
PUBLIC_WEIGHT = {"complaints-twitter": 1.0, "davidson": 0.3, "tweeteval-offensive": 0.3,
                 "tweeteval-hate": 0.3, "reddit-cssrs": 0.2}  # fmt: skip
SAFEGUARDING_THRESHOLD = 0.3


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


def training_examples(base: Path) -> list[datasets.Example]:
    own = [e for e in datasets.own_examples() if not e.held_out]
    public = [e for e in datasets.complaints_twitter(base) if not e.held_out]
    # Only the positive side of the abuse and suicide-risk sets: their ordinary
    # tweets and posts swamped our own other and praise messages in trials.
    public += [e for e in datasets.abuse_sets(base) if e.category == "abuse"]
    public += [e for e in datasets.safeguarding_posts(base) if e.category == "safeguarding"]
    print(f"training on {len(own)} own messages and {len(public)} public examples", flush=True)
    return own + public


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--c", type=float, default=10.0)
    parser.add_argument(
        "--encoder", type=Path, default=OUT / "encoder", help="encoder folder to embed with"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where weights.npz goes")
    args = parser.parse_args()
    base = datasets.shared_data_dir()
    if not base.is_dir():
        print(f"the shared data folder {base} is absent; set TACTFUL_SHARED_DATA", file=sys.stderr)
        return 2
    examples = training_examples(base)
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    x = ngram_matrix([e.text for e in examples])
    encoder = TextEncoder(args.encoder, MAX_TOKENS, threads=2)
    with_encoder = encoder.is_available()
    if with_encoder:
        t0 = time.time()
        x = hstack([x, csr_matrix(embeddings(encoder, [e.text for e in examples]))]).tocsr()
        print(f"embedded {len(examples)} texts in {time.time() - t0:.0f}s", flush=True)
    y = np.array([INBOUND_CATEGORIES.index(e.category) for e in examples])
    w = np.array([OWN_WEIGHT if e.source == "own" else PUBLIC_WEIGHT[e.source] for e in examples])
    model = LogisticRegression(C=args.c, max_iter=3000, class_weight="balanced")
    model.fit(x, y, sample_weight=w)
    coef = model.coef_.T.astype(np.float32)
    ngram, embedding = coef[:DIMENSIONS], coef[DIMENSIONS:]
    columns = np.flatnonzero(np.abs(ngram).max(axis=1) > 1e-4)
    np.savez_compressed(
        args.out / "weights.npz",
        columns=columns.astype(np.int32),
        weights=ngram[columns].astype(np.float16),
        embedding_weights=embedding.astype(np.float32),
        bias=model.intercept_.astype(np.float32),
        categories=np.array([INBOUND_CATEGORIES[i] for i in model.classes_]),
        safeguarding_threshold=np.float32(SAFEGUARDING_THRESHOLD),
    )
    size = (args.out / "weights.npz").stat().st_size / 1e6
    print(
        f"wrote weights.npz ({size:.1f} MB, {len(columns)} n-gram columns, encoder {with_encoder})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
