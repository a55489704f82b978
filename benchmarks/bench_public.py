"""Abuse and discrimination detection measured on public data, side by side.

For TweetEval offensive (validation), TweetEval hate (validation) and the tenth of
Davidson et al. that training never sees, prints macro-F1 and per-class precision
and recall for:

  (a) the toxicity classifier alone (engine/models/toxicity, its own thresholds);
  (b) every abuse, discrimination and harassment rule run through the engine under
      the starter policy's Respect clause (a post counts as flagged when any of
      those rules finds something);
  (c) alt-profanity-check 1.9.1, a common off-the-shelf baseline (when installed).

Then the classifier's per-post latency on one thread for 280-character posts
(median, p95) and the process's peak memory. Needs the shared data folder
(TACTFUL_SHARED_DATA, default ../shared/data beside the repository); prints only
aggregate figures, never the data's text.

    python benchmarks/bench_public.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA", REPO.parent / "shared" / "data"))
RULE_PACKS = ("abuse.", "discrimination.", "harassment.")


def is_davidson_holdout(index: int) -> bool:
    # The same split as engine/models/train_toxicity.py: never trained on.
    return (
        int(hashlib.sha1(f"davidson-{index}".encode(), usedforsecurity=False).hexdigest(), 16) % 10
        == 0
    )


def tweeteval(task: str) -> tuple[list[str], np.ndarray]:
    folder = DATA / "tweeteval" / task
    texts = (folder / "val_text.txt").read_text(encoding="utf-8").splitlines()
    labels = np.array([int(x) for x in (folder / "val_labels.txt").read_text().split()])
    return texts, labels


def davidson_holdout() -> tuple[list[str], np.ndarray]:
    path = DATA / "davidson-hate-offensive" / "labeled_data.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [
            (r["tweet"], int(r["class"]))
            for i, r in enumerate(csv.DictReader(fh))
            if is_davidson_holdout(i)
        ]
    return [t for t, _ in rows], np.array([c for _, c in rows])


def report(name: str, y: np.ndarray, pred: np.ndarray) -> float:
    parts, f1s = [], []
    for cls in (0, 1):
        tp = int(((pred == cls) & (y == cls)).sum())
        fp = int(((pred == cls) & (y != cls)).sum())
        fn = int(((pred != cls) & (y == cls)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        parts.append(f"class {cls} P {p:.3f} R {r:.3f}")
    macro = sum(f1s) / 2
    print(f"  {name:<34} macro-F1 {macro:.3f}   {'   '.join(parts)}")
    return macro


def classifier_scores(texts: list[str]) -> np.ndarray:
    from tactful.engine.checks.classifier import (
        chunk_spans,
        model_meta,
        score_spans,
        toxicity_encoder,
    )

    labels = model_meta()["labels"]
    encoder = toxicity_encoder()
    out = np.zeros((len(texts), len(labels)), dtype=np.float32)
    for i, text in enumerate(texts):
        spans = chunk_spans(text, encoder)
        for j in range(len(labels)):
            out[i, j] = score_spans(text, spans, j).max(initial=0.0)
    return out


def classifier_scores_batched(texts: list[str]) -> np.ndarray:
    from tactful.engine.checks.classifier import toxicity_encoder
    from tactful.engine.encoder import prepare_social_text

    encoder = toxicity_encoder()
    prepared = [prepare_social_text(t) or "." for t in texts]
    order = sorted(range(len(prepared)), key=lambda i: len(prepared[i]))
    out = np.zeros((len(texts), 2), dtype=np.float32)
    for k in range(0, len(order), 64):
        idx = order[k : k + 64]
        out[idx] = encoder.probabilities([prepared[i] for i in idx])
    return out


def respect_policy():  # type: ignore[no-untyped-def]
    from tactful.engine import load_policy
    from tactful.engine.policy import ClauseRules, CompiledPolicy

    starter = load_policy("starter")
    clauses = []
    for entry in starter.clauses:
        rules = [r for r in entry.rules if r.id.startswith(RULE_PACKS)]
        if rules:
            clauses.append(ClauseRules(entry.clause, rules))
    return CompiledPolicy(starter.policy, clauses, starter.path)


def rule_categories(texts: list[str]) -> list[set[str]]:
    """The categories the Respect clause's rules find in each text, via the engine."""
    from tactful.engine.engine import build_document, check_document

    policy = respect_policy()
    return [{f.category for f in check_document(policy, build_document(t)).findings} for t in texts]


def flagged(found: list[set[str]], categories: set[str]) -> np.ndarray:
    return np.array([bool(c & categories) for c in found], dtype=int)


def baseline(texts: list[str]) -> np.ndarray | None:
    try:
        from profanity_check import predict
    except ImportError:
        return None
    return np.asarray(predict(texts), dtype=int)


def latency() -> None:
    from tactful.engine.checks.classifier import ClassifierCheck, ClassifierParams
    from tactful.engine.text import Document

    check = ClassifierCheck(ClassifierParams(label="offensive"))
    base = (
        "Thank you to everyone who came to our coffee morning at the community hall in Ipswich "
        "today. We raised £412 for the winter appeal and met so many new faces. Our next one is "
        "on 3 March; bring a friend and a cake if you can. Volunteers needed for the tea urn!"
    )[:280]
    posts = [base[:270] + f" #{i:04d}" for i in range(300)]
    list(check.run(Document(posts[0])))
    times = []
    for post in posts:
        t0 = time.perf_counter()
        list(check.run(Document(post)))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"  classifier per post (280 chars, 1 thread): median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms"
    )
    times = []
    for i in range(100):
        flagged = f"Thanks all for coming on the {i}th. " + "You are a pathetic idiot. " * 10
        t0 = time.perf_counter()
        list(check.run(Document(flagged[:280])))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(
        f"  flagged post incl. sentence scoring: median {statistics.median(times):.2f} ms, p95 {times[95]:.2f} ms"
    )


def peak_memory_mb() -> float:
    # VmHWM restarts at exec, unlike ru_maxrss, which keeps the parent's peak.
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="rows per data set (0: all)")
    parser.add_argument("--latency-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.latency_only:
        latency()
        peak = peak_memory_mb()
        print(f"  peak memory of a process running only the classifier: {peak:.0f} MB")
        return
    if not DATA.is_dir():
        print(f"shared data folder not found at {DATA}; set TACTFUL_SHARED_DATA. Skipping.")
        return
    t0 = time.time()
    sets = {
        "TweetEval offensive (val)": (*tweeteval("offensive"), "offensive"),
        "TweetEval hate (val)": (*tweeteval("hate"), "hate"),
        "Davidson held-out, abusive (0+1 vs 2)": (*davidson_holdout(), "offensive"),
    }
    from tactful.engine.checks.classifier import model_meta

    meta = model_meta()
    thresholds = meta["thresholds"]
    print(f"toxicity model thresholds {thresholds} (chosen on held-out train, not validation)")
    for name, (texts, y, label) in sets.items():
        if args.limit:
            texts, y = texts[: args.limit], y[: args.limit]
        if name.startswith("Davidson"):
            y_abuse = (y != 2).astype(int)
            y_hate = (y == 0).astype(int)
        else:
            y_abuse = y_hate = y
        print(f"\n{name}: {len(texts)} posts")
        scores = classifier_scores(texts)
        j = meta["labels"].index(label)
        y_main = y_abuse if label == "offensive" else y_hate
        report(f"(a) classifier [{label}]", y_main, (scores[:, j] >= thresholds[label]).astype(int))
        either = (scores[:, 0] >= thresholds["offensive"]) | (scores[:, 1] >= thresholds["hate"])
        report("(a) classifier [offensive or hate]", y_main, either.astype(int))
        found = rule_categories(texts)
        all_cats = {"abuse", "discrimination", "harassment"}
        cats = all_cats if label == "offensive" else {"discrimination"}
        report(f"(b) rules via engine [{'/'.join(sorted(cats))}]", y_main, flagged(found, cats))
        if label == "hate":
            report("(b) rules via engine [any of the 3]", y_main, flagged(found, all_cats))
        base = baseline(texts)
        if base is not None:
            report("(c) alt-profanity-check 1.9.1", y_main, base)
        if name.startswith("Davidson"):
            print("  Davidson hate speech (0 vs 1+2):")
            report(
                "(a) classifier [hate]", y_hate, (scores[:, 1] >= thresholds["hate"]).astype(int)
            )
            report(
                "(b) rules via engine [discrimination]",
                y_hate,
                flagged(found, {"discrimination"}),
            )
            if base is not None:
                report("(c) alt-profanity-check 1.9.1", y_hate, base)
    print("\nspeed and memory (a fresh process, so nothing else is loaded)")
    sys.stdout.flush()
    subprocess.run([sys.executable, __file__, "--latency-only"], check=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this benchmark process (incl. baseline and engine): {peak:.0f} MB")
    print(f"\ntook {time.time() - t0:.0f}s")


if __name__ == "__main__":
    sys.exit(main())
