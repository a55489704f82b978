"""Speed and flag rates of the judgement rules (politics, defamation, commercial,
opinion, unsafe and unlawful activity, discrimination, criticism of partners).

    python benchmarks/judgement_checks.py [--heads]

``--heads`` prints, for each head of the judgement model in use, its precision and
recall on the DEVELOPMENT part of data/labelled/outbound.jsonl (posts whose policy
enforces the category; held-out posts are never read) and how many clean
development posts any head flags. The model never trains on these posts, so this
is the honest check of a threshold before it ships.

Prints figures, asserts nothing. Speed is measured on charity-style posts of about
280 characters. Flag rates use the public labelled data in TACTFUL_SHARED_DATA
(default ../shared/data): how often each rule fires on text it should mostly leave
alone (complaints to brands, US politicians' posts), as aggregate counts only.
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import time
from pathlib import Path

from tactful.engine.rules import builtin_rule
from tactful.engine.text import Document

RULES = [
    "defamation.allegation_model",
    "commercial.commercial_model",
    "safety.unlawful_activity_model",
    "claims.unsourced_statistic_model",
    "politics.party_politics",
    "defamation.allegation",
    "commercial.endorsement",
    "commercial.personal_interest",
    "opinion.personal_opinion",
    "safety.unsafe_stunt",
    "safety.unlawful_footage",
    "safety.getting_away_with_it",
    "safety.taking_and_trespass",
    "safety.leaked_and_pirated",
    "safety.rule_breaking_tip",
    "commercial.offer",
    "commercial.third_party_deal",
    "commercial.business_pitch",
    "discrimination.shut_out",
    "discrimination.differential_treatment",
    "partners.criticism",
]
POSTS = [
    "Huge thanks to everyone who came to our coffee morning at St Mary's Hall today! We raised "
    "£420 for families in Ipswich. Our next one is on 3 May, so bring a friend, a cake and your "
    "best stories. Volunteers needed for the raffle too. #HomeStart #Suffolk @HomeStartUK",
    "The two-child limit pushes families into poverty. We urge the government to scrap it, and we "
    "thank Jo Bloggs MP for visiting our stay and play on Friday to hear from parents. Register "
    "to vote by 20 April and make sure your voice is heard on polling day!",
    "Beware of scam calls claiming to be from us: we will never ask for your bank details. If you "
    "are worried, call our office on 01473 000000. Thanks to Tesco for donating 200 Easter eggs "
    "and to Suffolk County Council for funding our new group in Lowestoft.",
]


def _root() -> Path:
    return Path(__file__).resolve().parent.parent


def bench_speed() -> None:
    rules = [builtin_rule(r) for r in RULES]
    for post in POSTS:  # warm caches and lazy loads
        doc = Document(post)
        for r in rules:
            list(r.check.run(doc))
    per_rule: dict[str, list[float]] = {r.id: [] for r in rules}
    totals: list[float] = []
    for i in range(600):
        doc = Document(POSTS[i % len(POSTS)])
        _ = doc.folded, doc.squashed
        t0 = time.perf_counter()
        for r in rules:
            t = time.perf_counter()
            list(r.check.run(doc))
            per_rule[r.id].append((time.perf_counter() - t) * 1000)
        totals.append((time.perf_counter() - t0) * 1000)
    print("speed, ms per ~280-character post (views prebuilt):")
    for rid, xs in per_rule.items():
        xs.sort()
        print(f"  {rid:32s} median {statistics.median(xs):.3f}  p95 {xs[int(len(xs) * 0.95)]:.3f}")
    totals.sort()
    print(
        f"  {'all of them':32s} median {statistics.median(totals):.3f}  p95 {totals[int(len(totals) * 0.95)]:.3f}"
    )


def _rates(name: str, texts: list[str]) -> None:
    rules = [builtin_rule(r) for r in RULES]
    counts = dict.fromkeys(RULES, 0)
    for text in texts:
        doc = Document(text)
        for r in rules:
            if any(True for _ in r.check.run(doc)):
                counts[r.id] += 1
    print(f"flag rate on {name} ({len(texts)} texts):")
    for rid, n in counts.items():
        print(f"  {rid:32s} {n:5d}  {n / max(1, len(texts)):.2%}")


def bench_flag_rates(data: Path) -> None:
    bias = data / "political-social-media-bias" / "political_social_media.csv"
    if bias.is_file():
        with bias.open(encoding="utf-8", errors="replace") as f:
            rows = list(csv.DictReader(f))
        for label in ("partisan", "neutral"):
            _rates(
                f"US politicians' posts, {label}", [r["text"] for r in rows if r["bias"] == label]
            )
    complaints = data / "complaints-twitter" / "complaints-data.csv"
    if complaints.is_file():
        with complaints.open(encoding="utf-8", errors="replace") as f:
            rows2 = [r for r in csv.reader(f) if len(r) >= 3]
        _rates("tweets to brands", [r[1] for r in rows2])


def bench_heads(models: dict[int | None, Path | None]) -> None:
    """Every head in use, on the development part of the labelled posts.

    ``models`` maps a development half (None: the whole part) to the weights that
    score it (None: the shipped ones), so that models trained with the other half
    (``train_judgement.py --with-development 0`` and ``1``) are each scored on the
    half they did not see."""
    from tactful.engine.checks.judgement import JudgementModel, judgement_model
    from tactful.engine.outbound_data import (
        development_half,
        enforced_categories,
        is_held_out,
        load_posts,
    )
    from tactful.engine.policy import BUILTIN_IDS
    from tactful.engine.text import fold

    # what each policy checks on either kind of account
    enforced = {
        pid: enforced_categories(pid, "official") | enforced_categories(pid, "personal")
        for pid in BUILTIN_IDS
    }
    dev: list[dict] = []
    flags: list = []

    for half, path in models.items():
        model = judgement_model() if path is None else JudgementModel(path)
        if model is None:
            print("judgement weights not built", file=sys.stderr)
            return
        part = [
            p
            for p in load_posts()
            if not is_held_out(p["id"]) and half in (None, development_half(p["id"]))
        ]
        dev += part
        # each post against the thresholds of the model that scores it
        flags += [model.scores(fold(p["text"]).text, p["text"]) >= model.thresholds for p in part]
    flagged_clean: set[str] = set()
    print(f"heads on the development part ({len(dev)} posts):")
    print(f"  {'head':22} {'thr':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>5} {'R':>5}")
    for j, cat in enumerate(model.categories):
        thr = float(model.thresholds[j])
        if thr >= 1.0:
            continue
        tp = fp = fn = 0
        for p, s in zip(dev, flags, strict=True):
            if cat not in enforced.get(p["policy"], set()):
                continue
            want = cat in p["expected"]["categories"]
            got = bool(s[j])
            tp += want and got
            fp += got and not want
            fn += want and not got
            if got and not p["expected"]["categories"]:
                flagged_clean.add(p["id"])
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        print(f"  {cat:22} {thr:5.2f} {tp:4d} {fp:4d} {fn:4d} {prec:5.2f} {rec:5.2f}")
    clean = sum(1 for p in dev if not p["expected"]["categories"])
    print(f"  clean development posts flagged by any head: {len(flagged_clean)}/{clean}")


def main() -> None:
    args = sys.argv[1:]
    if "--heads" in args:
        # --cross-fitted DIR: DIR/half0.npz scores half 0, DIR/half1.npz half 1
        if "--cross-fitted" in args:
            folder = Path(args[args.index("--cross-fitted") + 1])
            bench_heads({0: folder / "half0.npz", 1: folder / "half1.npz"})
        else:
            bench_heads({None: None})
        return
    bench_speed()
    data = Path(os.environ.get("TACTFUL_SHARED_DATA", _root().parent / "shared" / "data"))
    if not data.is_dir():
        print(f"shared data not found at {data}; skipping flag rates", file=sys.stderr)
        return
    bench_flag_rates(data)


if __name__ == "__main__":
    main()
