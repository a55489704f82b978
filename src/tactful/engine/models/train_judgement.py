"""Rebuild the judgement model: one logistic-regression head per judgement category.

    python src/tactful/engine/models/train_judgement.py [--dimensions 131072] [--precision 0.9]

Trains on data/labelled/outbound_train.jsonl (original posts written for training)
and, with ``--with-development all`` (how the shipped weights are built), on the
development part of data/labelled/outbound.jsonl too: posts from the evaluation
writers, labelled under their policy ("no clause, no finding"), so a category a
post's policy does not check on that account is unknown for it, not "no". The
held-out part of outbound.jsonl is never read. ``--with-development 0`` or ``1``
trains on the other half only, so each half can be scored by a model that did not
see it (``benchmarks/judgement_checks.py --heads --cross-fitted DIR``).
Each head a shipped rule reads (``IN_USE``) gets the lowest threshold that reaches
``--precision`` on out-of-fold predictions (5-fold cross-validation, repeated with
two shuffles); a head that cannot reach it with useful recall is switched off
(threshold 1.0), and heads no rule reads are fitted but left off.
Writes engine/models/judgement/weights.npz (float16 weights, buckets x heads) and
prints cross-validated precision and recall per head. scikit-learn is needed here
only; the check kind runs on numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from tactful.engine.checks.judgement import (
    JUDGEMENT_CATEGORIES,
    MAX_FEATURE_CHARS,
    StaticEmbedder,
    featurise,
)
from tactful.engine.outbound_data import (
    development_half,
    enforced_categories,
    is_held_out,
    load_posts,
)
from tactful.engine.text import fold, sentence_spans

ROOT = Path(__file__).resolve().parents[4]
TRAIN = ROOT / "data" / "labelled" / "outbound_train.jsonl"
OUT = Path(__file__).resolve().parent / "judgement" / "weights.npz"
SEED = 20261121
FEATURES = "ngrams-2"  # word 1-3 grams, character 3-5 grams and shape cues (checks/judgement.py)
# The static embedding (models/distil_static.py) joins the n-grams as 384 dense
# columns scaled by this; cross-validated on four heads (personal opinion, unverified
# claims, discrimination, abuse), 2.0 gave the most recall at 0.9 precision (1.0 and
# 3.0 a little less).
STATIC_SCALE = 2.0
MIN_RECALL = 0.2  # below this at the precision target a head is switched off
# Heads a shipped rule reads (`kind: judgement` in engine/rules): only these are
# cross-validated and given a threshold.
IN_USE = (
    "defamation", "commercial", "discrimination", "unlawful_activity", "unverified_claim",
    "unsafe_activity", "harassment", "copyright", "high_profile", "criticism_of_partners",
    "personal_opinion", "confidentiality", "party_politics", "abuse",
)  # fmt: skip
# unsafe_activity's head fell below MIN_RECALL (0.14) once 51 posts that are unlawful
# and unsafe at once joined the training file, and its rule was removed for a while;
# about 100 posts that are unsafe but lawful brought it back (0.30).
# Heads switched off by hand, with the reason (none now). Earlier models switched
# off party_politics, commercial, personal_opinion, harassment and defamation for
# flagging common clean wordings; commercial and defamation came back once the
# training file had about 180 varied positives and clean look-alikes each, and the
# others have no rule (see IN_USE).
SWITCHED_OFF: dict[str, str] = {}

# Thresholds raised by hand after checking the heads in use on the development part
# of the evaluation set (`python benchmarks/judgement_checks.py --heads`; held-out
# posts are never read): the cross-validated threshold also flagged development
# posts without the category. commercial 0.60 -> 0.80 (10 right, 3 wrong -> 9, 1 on
# official posts), unlawful_activity 0.79 -> 0.85 (7, 2 -> 7, 1), unsafe_activity
# 0.62 -> 0.90 (3, 1 -> 3, 0).
# defamation 0.73 -> 0.84 (22 November, 6,238 training posts): the cross-validated
# threshold let "The cake they made was delicious" through as an allegation (0.74).
# party_politics 0.39 -> 0.80 (22 November, third session; 7,878 training posts, its
# first rule): on official development posts 22 right, 9 wrong -> 20, 1. The
# training posts hold few neutral election posts (hustings, register to vote).
# abuse 0.60 -> 0.72 (22 November, its first rule): the cross-validated threshold read
# poems written to "you" on development posts as put-downs and changed a development
# decision; at 0.72 none changes, "Everything you told us was really helpful." scores
# 0.60, and 30 of 35 put-downs in a blind batch the heads had not seen are found.
# Sixth session (10,868 posts, static embedding, personal opinion on official posts
# only; dev counts over every development post, whatever its policy enforces):
# personal_opinion 0.38 -> 0.80 (18 right, 10 wrong -> 17, 4, none of the four under
# a policy that checks opinions); discrimination 0.78 -> 0.88 ("Our new South Asian
# mums' circle ..." was blocked; 28, 2 -> 25, 0); commercial 0.80 -> 0.88 (a volunteer's
# number given for food parcels; 17, 8 -> 15, 4, most of the rest on personal posts
# where the rule does not run); defamation 0.85 -> 0.90 ("The cake they made was
# delicious" scored 0.895; 29, 0 -> 27, 0, and the phrase rule finds both of those).
RAISED = {
    "party_politics": 0.80, "commercial": 0.88, "unlawful_activity": 0.85, "unsafe_activity": 0.90, "defamation": 0.90,
    "abuse": 0.72, "personal_opinion": 0.80, "discrimination": 0.88,
}  # fmt: skip


# Thresholds chosen on the development part of data/labelled/outbound.jsonl (7th
# session), which no head is trained on, so it is drawn like the held-out part: each
# head alone, over the development posts, gained recall there at no cost in decisions
# (rules already catch most of those posts, so false alarms did not move):
# confidentiality 0.90 -> 0.85 (+6 posts found, +2 extra labels), harassment 0.89 ->
# 0.85 (+3, +1), copyright 0.94 -> 0.85 (+4, +0), unsafe activity 0.98 -> 0.92 (+4, +1).
# They replace the cross-validated threshold, which is set on the training writers' posts.
FROM_DEVELOPMENT = {
    "confidentiality": 0.85, "harassment": 0.85, "copyright": 0.85, "unsafe_activity": 0.92,
}  # fmt: skip


# Writers put an @handle at the start of most harassment posts and of few others, so
# a head learnt "starts with @someone" as harassment and flagged half of all tweets
# (friendly replies included). Every fourth post without harassment (chosen by a hash
# of its id) is read as a reply: an invented handle goes in front. The post is changed
# in place, not copied, so no copy can sit in another cross-validation fold.
HANDLE_FIRST = ("sam", "jo", "priya", "tom", "aisha", "mike", "ellie", "dev", "kate", "olu")
HANDLE_LAST = ("_b", "_ipswich", "1987", "_mum", "_k", "smith", "_volunteer", "_uk", "", "22")


def as_reply(post_id: str, text: str) -> str:
    digest = hashlib.sha256(f"reply:{post_id}".encode()).digest()
    if digest[0] % 4:
        return text
    handle = HANDLE_FIRST[digest[1] % len(HANDLE_FIRST)] + HANDLE_LAST[digest[2] % len(HANDLE_LAST)]
    return f"@{handle} {text}"


def load(path: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, labels (posts x categories) and whether each post is an official account's."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = [
        r["text"] if "harassment" in r["labels"] else as_reply(r["id"], r["text"]) for r in rows
    ]
    y = np.array([[c in r["labels"] for c in JUDGEMENT_CATEGORIES] for r in rows], dtype=int)
    official = np.array([r.get("account", "official") == "official" for r in rows])
    return texts, y, official


# A development post's label for these says nothing about its text alone: copyright and
# third-party labels depend on the media and sources in the context, high-profile news
# on the approvals recorded. Their heads skip development posts.
CONTEXT_DEPENDENT = ("copyright", "third_party_label", "high_profile")


def load_development(leave_out: int | None) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Texts, labels, which labels are known, and officialness of the development
    posts of the evaluation set (never the held-out part), or of one half of them when
    ``leave_out`` names the other (to score a model on posts it was not trained on).

    A post's expected categories are those its policy enforces on its kind of account,
    so a category that policy does not check is unknown for that post, not "no"."""
    texts, labels, known, official = [], [], [], []
    enforced: dict[tuple[str, str], set[str]] = {}
    for post in load_posts():
        if is_held_out(post["id"]) or development_half(post["id"]) == leave_out:
            continue
        account = post.get("account", "official")
        key = (post["policy"], account)
        if key not in enforced:
            enforced[key] = enforced_categories(*key)
        expected = set(post["expected"]["categories"])
        texts.append(post["text"])
        labels.append([c in expected for c in JUDGEMENT_CATEGORIES])
        known.append(
            [
                c in expected or (c in enforced[key] and c not in CONTEXT_DEPENDENT)
                for c in JUDGEMENT_CATEGORIES
            ]
        )
        official.append(account == "official")
    return texts, np.array(labels, dtype=int), np.array(known, dtype=bool), np.array(official)


def matrix(
    texts: list[str], dimensions: int, embedder: StaticEmbedder | None = None
) -> sparse.csr_matrix:
    """The n-gram buckets of each text, then (with ``embedder``) its static embedding
    times STATIC_SCALE, exactly as the check builds them at run time."""
    data, indices, indptr = [], [], [0]
    for t in texts:
        t = t[:MAX_FEATURE_CHARS]
        idx, val = featurise(fold(t).text, dimensions, t)
        indices.append(idx)
        data.append(val)
        indptr.append(indptr[-1] + len(idx))
    grams = sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.array(indptr)),
        shape=(len(texts), dimensions),
    )
    if embedder is None:
        return grams
    dense = sparse.csr_matrix(embedder.embed_many(texts) * STATIC_SCALE)
    return sparse.hstack([grams, dense]).tocsr()


def head(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear")


def padded(col: np.ndarray, n: int) -> np.ndarray:
    """A head's labels for the posts, then ``n`` clean sentences."""
    return np.concatenate([col, np.zeros(n, dtype=col.dtype)])


def clean_sentences(texts: list[str], y: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Each sentence of a clean post with two or more, as a clean example of its own,
    with the index of its post. A head fitted on whole posts only scored short kind
    sentences ("The cake they made was delicious") as allegations or harassment: with
    few words, one n-gram decides. Every sentence of a clean post is clean."""
    out, parents = [], []
    for i, text in enumerate(texts):
        if y[i].any():
            continue
        spans = sentence_spans(text)
        if len(spans) < 2:
            continue
        for start, end in spans:
            if len(text[start:end].split()) >= 3:
                out.append(text[start:end])
                parents.append(i)
    return out, np.array(parents, dtype=int)


def head_rows(cat: str, y: np.ndarray, official: np.ndarray) -> np.ndarray | None:
    """Which posts a head trains on (None: all). The abuse head leaves out posts labelled
    harassment or discrimination but not abuse: the training file had no abuse label
    before 22 November, so many of those posts insult someone without saying so, and
    as clean examples they would teach the head that an insult is fine.

    The personal-opinion head trains on official accounts' posts only: a personal view
    on a personal account is no problem, so writers label it clean, and those posts
    taught the head that "I reckon..." is fine (cross-validated recall at 0.9
    precision 0.00 with them on 10,868 posts; 0.76 without). Its rule runs on
    official accounts only."""
    if cat == "personal_opinion":
        return official
    if cat != "abuse":
        return None
    col = {c: y[:, JUDGEMENT_CATEGORIES.index(c)] for c in ("abuse", "harassment", "discrimination")}
    return ~(((col["harassment"] == 1) | (col["discrimination"] == 1)) & (col["abuse"] == 0))


def out_of_fold(
    x: sparse.csr_matrix,
    y: np.ndarray,
    c: float,
    repeats: int,
    extra: sparse.csr_matrix,
    parents: np.ndarray,
) -> np.ndarray:
    """Out-of-fold probabilities, one row per (repeat, post). The clean sentences
    (``extra``) train with their post's fold and are never scored, so none of them
    sits on the other side of a split from its post."""
    probs = np.zeros((repeats, len(y)))
    for r in range(repeats):
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED + r)
        for tr, te in folds.split(x, y):
            more = extra[np.isin(parents, tr)]
            xs = sparse.vstack([x[tr], more]).tocsr()
            ys = np.concatenate([y[tr], np.zeros(more.shape[0], dtype=y.dtype)])
            probs[r, te] = head(c).fit(xs, ys).predict_proba(x[te])[:, 1]
    return probs


def pick_threshold(
    probs: np.ndarray, y: np.ndarray, precision: float
) -> tuple[float, float, float]:
    """The lowest threshold whose pooled out-of-fold precision reaches the target."""
    p = probs.ravel()
    t = np.tile(y, probs.shape[0])
    best = (1.0, 0.0, 0.0)
    for thr in np.arange(0.30, 0.995, 0.01):
        pred = p >= thr
        if pred.sum() < 5:
            continue
        prec = float((pred & (t == 1)).sum() / pred.sum())
        rec = float((pred & (t == 1)).sum() / max(t.sum(), 1))
        if prec >= precision:
            return float(round(thr, 2)), prec, rec
    return best


def fit_head(
    j: int,
    cat: str,
    x: sparse.csr_matrix,
    y: np.ndarray,
    official: np.ndarray,
    known: np.ndarray,
    x_all: sparse.csr_matrix,
    extra: sparse.csr_matrix,
    parents: np.ndarray,
    n_sentences: int,
    a: argparse.Namespace,
) -> tuple[str, np.ndarray, float, float, dict, str]:
    """One head: its weights, bias, threshold, report entry and the line to print."""
    col = y[:, j]
    keep = head_rows(cat, y, official)
    if not known[:, j].all():
        keep = known[:, j] if keep is None else keep & known[:, j]
    if keep is not None:
        # rows this head must not learn from, and the clean sentences of those posts
        index = np.cumsum(keep) - 1
        kept = keep[parents]
        x_h, col_h = x[keep], col[keep]
        extra_h, parents_h = extra[kept], index[parents[kept]]
    else:
        x_h, col_h, extra_h, parents_h = x, col, extra, parents
    if cat not in IN_USE:
        # No rule reads this head: fitted for custom rules (which must give their
        # own threshold), without the cross-validation that only sets a threshold.
        rows = np.concatenate([known[:, j], np.ones(n_sentences, dtype=bool)])
        model = head(a.c[-1]).fit(x_all[rows], padded(col[known[:, j]], n_sentences))
        line = f"{cat:24} {int(col.sum()):>4} {a.c[-1]:>5g}  1.00  (no rule, not cross-validated)"
        entry = {"C": a.c[-1], "threshold": 1.0, "switched_off": "no rule uses it"}
        return cat, model.coef_[0], float(model.intercept_[0]), 1.0, entry, line
    best = None
    for c in a.c:
        oof = out_of_fold(x_h, col_h, c, a.repeats, extra_h, parents_h)
        thr, prec, rec = pick_threshold(oof, col_h, a.precision)
        if best is None or rec > best[3]:
            best = (c, thr, prec, rec)
    assert best is not None
    c, thr, prec, rec = best
    cv_thr = thr
    if rec < MIN_RECALL or cat in SWITCHED_OFF:
        thr = 1.0
    elif cat in FROM_DEVELOPMENT:
        thr = FROM_DEVELOPMENT[cat]
    elif cat in RAISED:
        thr = max(thr, RAISED[cat])
    model = head(c).fit(sparse.vstack([x_h, extra_h]).tocsr(), padded(col_h, extra_h.shape[0]))
    entry = {
        "C": c, "threshold": thr, "cv_threshold": cv_thr, "cv_precision": prec, "cv_recall": rec
    }  # fmt: skip
    if cat in SWITCHED_OFF:
        entry["switched_off"] = SWITCHED_OFF[cat]
    line = f"{cat:24} {int(col.sum()):>4} {c:>5g} {thr:>5.2f} {prec:>5.2f} {rec:>5.2f} (cv {cv_thr:.2f})"
    return cat, model.coef_[0], float(model.intercept_[0]), thr, entry, line


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dimensions", type=int, default=1 << 17)
    ap.add_argument("--precision", type=float, default=0.9)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--c", type=float, nargs="+", default=[16.0, 64.0])
    ap.add_argument("--jobs", type=int, default=2, help="heads trained at once")
    ap.add_argument(
        "--no-static", action="store_true", help="n-grams only, without the static embedding"
    )
    ap.add_argument(
        "--with-development",
        choices=("all", "0", "1"),
        help="train on the development part of the evaluation set too: all of it, or"
        " only the half other than the one named (to score on that half)",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    embedder = None if a.no_static else StaticEmbedder(OUT.with_name("static.npz"))
    texts, y, official = load(TRAIN)
    known = np.ones(y.shape, dtype=bool)
    # clean sentences come from the training posts only: a development post labelled
    # clean may still hold a category its policy does not check
    sentences, parents = clean_sentences(texts, y)
    if a.with_development:
        leave_out = None if a.with_development == "all" else int(a.with_development)
        d_texts, d_y, d_known, d_official = load_development(leave_out)
        print(f"{len(d_texts)} development posts added")
        texts = texts + d_texts
        y = np.vstack([y, d_y])
        known = np.vstack([known, d_known])
        official = np.concatenate([official, d_official])
    x = matrix(texts, a.dimensions, embedder)
    extra = matrix(sentences, a.dimensions, embedder)
    x_all = sparse.vstack([x, extra]).tocsr()
    print(f"{len(sentences)} sentences of clean posts as clean examples too")
    print(
        f"{len(texts)} training posts, {int((y.sum(1) == 0).sum())} clean, {a.dimensions} buckets"
    )
    weights = np.zeros((x.shape[1], len(JUDGEMENT_CATEGORIES)), dtype=np.float32)
    bias = np.zeros(len(JUDGEMENT_CATEGORIES), dtype=np.float32)
    thresholds = np.ones(len(JUDGEMENT_CATEGORIES), dtype=np.float32)
    report = {}
    print(f"{'category':24} {'pos':>4} {'C':>5} {'thr':>5} {'cvP':>5} {'cvR':>5}")
    # Heads are independent: with --jobs 2 two of them train at once (about half the
    # time on two cores); the results do not depend on the number of jobs.
    fitted = Parallel(n_jobs=a.jobs)(
        delayed(fit_head)(j, cat, x, y, official, known, x_all, extra, parents, len(sentences), a)
        for j, cat in enumerate(JUDGEMENT_CATEGORIES)
    )
    for j, (cat, coef, intercept, thr, entry, line) in enumerate(fitted):
        weights[:, j] = coef
        bias[j] = intercept
        thresholds[j] = thr
        report[cat] = entry
        print(line)
    out: Path = a.out
    out.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    if embedder is not None:
        # the check multiplies the plain embedding by these, so the scale goes in here
        arrays["embedding_weights"] = (weights[a.dimensions :] * STATIC_SCALE).astype(np.float32)
    np.savez_compressed(
        out,
        **arrays,  # type: ignore[arg-type]
        weights=weights[: a.dimensions].astype(np.float16),
        bias=bias,
        thresholds=thresholds,
        categories=np.array(JUDGEMENT_CATEGORIES),
        features=np.array(FEATURES),
        report=np.array(json.dumps(report)),
    )
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
