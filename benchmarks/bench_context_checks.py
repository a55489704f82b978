"""The context and platform checks: speed per rule, and two rough quality figures.

Run: ``python benchmarks/bench_context_checks.py``. Speed needs nothing else. The
quality figures need the shared data folder (env var TACTFUL_SHARED_DATA, default
../shared/data beside the repository) and are skipped with a message without it:

- the complaint cues of ``approval.reply_to_complaint`` against the labelled
  complaints set (precision and recall of "this reply answers a complaint");
- how often each text-based rule fires on ordinary tweets (TweetEval offensive,
  validation split, label 0). These are not charity posts, so the rate is an upper
  bound on false alarms rather than a measured false-positive rate.

Prints aggregate figures only, never dataset text.
"""

from __future__ import annotations

import csv
import os
import statistics
import time
from pathlib import Path

from tactful.engine.model import Context
from tactful.engine.rules import RULES_DIR, CompiledRule, load_rule_file
from tactful.engine.text import Document

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA", ROOT.parent / "shared" / "data"))
PACKS = (
    "media",
    "embargo",
    "platform",
    "links",
    "accessibility",
    "disclaimer",
    "claims",
    "approval",
)
TEXT_RULES = (
    "embargo.confidential",
    "media.copyright",
    "links.shortener",
    "accessibility.camelcase_hashtags",
    "disclaimer.missing",
    "claims.unsourced_statistic",
    "claims.third_party_label",
    "approval.high_profile",
)
POSTS = [
    "Thank you to everyone who came to the coffee morning today. We raised £320 for the helpline "
    "and met lots of new faces. See you next month! #CoffeeMorning #Suffolk",
    "We're thrilled to welcome our new patron! 40% of carers feel alone, and research shows it is "
    "getting worse. Read more at bit.ly/abc123 #mentalhealthawareness",
    "Long shift at the food bank where I volunteer. So many families this week, and the number of "
    "people asking for help has risen again. Internal figures only, please don't share.",
    "“We are delighted to announce a new partnership bringing free legal advice to every family "
    "court in the region from January.” Proud to be part of it! http://192.168.1.4/donate",
]
CONTEXT = Context.model_validate(
    {
        "today": "2026-11-21",
        "embargoes": [{"topic": "new patron announcement", "until": "2026-12-01"}],
        "media": [{"kind": "image", "source": "third_party", "licence": "CC-BY-4.0", "logo": True}],
        "reply_to": "Really disappointed that nobody rang me back.",
    }
)


def load_rules() -> list[CompiledRule]:
    return [
        load_rule_file(p, f"{pack}.{p.stem}")
        for pack in PACKS
        for p in sorted((RULES_DIR / pack).glob("*.yml"))
    ]


def speed(rules: list[CompiledRule]) -> None:
    for r in rules:  # warm every lazy load first
        for post in POSTS:
            list(r.check.run(Document(post, channel="x", account="personal", context=CONTEXT)))
    per_rule: dict[str, list[float]] = {r.id: [] for r in rules}
    totals: list[float] = []
    for i in range(2000):
        doc = Document(POSTS[i % len(POSTS)], channel="x", account="personal", context=CONTEXT)
        _ = doc.folded, doc.protected  # shared views, paid once per post by the engine
        total = 0.0
        for r in rules:
            t = time.perf_counter()
            list(r.check.run(doc))
            elapsed = time.perf_counter() - t
            per_rule[r.id].append(elapsed)
            total += elapsed
        totals.append(total)
    totals.sort()
    print(f"speed, {len(rules)} rules, posts of about 200 characters, one core")
    print(
        f"  all together: median {statistics.median(totals) * 1000:.3f} ms, "
        f"p95 {totals[int(len(totals) * 0.95)] * 1000:.3f} ms"
    )
    for rule_id, times in sorted(per_rule.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {rule_id:36s} median {statistics.median(times) * 1000:.3f} ms")


def complaints(rules: list[CompiledRule]) -> None:
    path = DATA / "complaints-twitter" / "complaints-data.csv"
    if not path.is_file():
        print(f"complaint cues: skipped, {path} not found")
        return
    rule = next(r for r in rules if r.id == "approval.reply_to_complaint")
    tp = fp = fn = tn = 0
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) < 3:
                continue
            ctx = Context(reply_to=row[1])
            hit = bool(list(rule.check.run(Document("Thanks for your message.", context=ctx))))
            truth = row[2].strip() == "1"
            tp += hit and truth
            fp += hit and not truth
            fn += truth and not hit
            tn += not hit and not truth
    print(
        f"complaint cues on complaints-twitter ({tp + fn} complaints, {fp + tn} others): "
        f"precision {tp / max(1, tp + fp):.2f}, recall {tp / max(1, tp + fn):.2f}"
    )


def firing_rates(rules: list[CompiledRule]) -> None:
    base = DATA / "tweeteval" / "offensive"
    if not (base / "val_text.txt").is_file():
        print(f"firing rates: skipped, {base} not found")
        return
    texts = (base / "val_text.txt").read_text(encoding="utf-8").splitlines()
    labels = (base / "val_labels.txt").read_text(encoding="utf-8").splitlines()
    clean = [t for t, y in zip(texts, labels, strict=False) if y.strip() == "0"]
    print(f"firing rate on {len(clean)} ordinary tweets (TweetEval offensive val, label 0)")
    by_id = {r.id: r for r in rules}
    for rule_id in TEXT_RULES:
        rule = by_id[rule_id]
        account = "personal" if "personal" in rule.rule.accounts else "official"
        fired = sum(bool(list(rule.check.run(Document(t, account=account)))) for t in clean)
        print(f"  {rule_id:36s} {fired / len(clean):.3f} ({fired})")


def main() -> None:
    rules = load_rules()
    speed(rules)
    complaints(rules)
    firing_rates(rules)


if __name__ == "__main__":
    main()
