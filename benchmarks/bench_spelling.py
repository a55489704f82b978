"""Spelling and grammar: false flags on clean posts, recall on slips, and speed.

Runs every rule in the ``spelling`` and ``grammar`` packs over two sets the project
wrote itself (benchmarks/data/): ordinary UK charity posts that must not be flagged,
and posts with one deliberate typo or grammar slip each, with the slip's span.

Prints figures; asserts nothing. Run: python benchmarks/bench_spelling.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from tactful.engine.checks import spelling
from tactful.engine.rules import CompiledRule, all_rule_ids, builtin_rule
from tactful.engine.text import Document

DATA = Path(__file__).parent / "data"


def load_rules() -> list[CompiledRule]:
    ids = [r for r in all_rule_ids() if r.split(".")[0] in ("spelling", "grammar")]
    return [builtin_rule(r) for r in ids]


def run_all(rules: list[CompiledRule], text: str) -> list[tuple[str, int, int, str]]:
    doc = Document(text)
    found = []
    for rule in rules:
        for hit in rule.check.run(doc):
            found.append((rule.id, hit.start, hit.end, hit.severity or rule.rule.severity))
    return found


def timed(rules: list[CompiledRule], texts: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per post. The CPU figure is the one to read on
    a shared machine: the wall clock also counts time spent waiting for a core."""
    wall, cpu = [], []
    for text in texts:
        # A fresh verdict cache per post: the figure a post full of new words would see.
        spelling.lexicon()._verdicts.clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        run_all(rules, text)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    start = time.perf_counter()
    rules = load_rules()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    run_all(rules, "Warm up: the dictionary loads here.")
    dictionary = time.perf_counter() - start
    start = time.perf_counter()
    run_all(rules, "A warm-up post with a tpyo and #SomeHashtgas.")
    index = time.perf_counter() - start
    print(
        f"rules: {len(rules)} loaded in {loaded * 1000:.0f} ms; hunspell {dictionary * 1000:.0f} ms;"
        f" suggestion index {index * 1000:.0f} ms (each once per process)"
    )

    clean = [
        line.strip()
        for line in (DATA / "spelling_clean.txt").read_text().splitlines()
        if line.strip()
    ]
    errors = [
        json.loads(line)
        for line in (DATA / "spelling_errors.jsonl").read_text().splitlines()
        if line.strip()
    ]

    flagged = advice = 0
    by_rule: dict[str, int] = {}
    for text in clean:
        hits = run_all(rules, text)
        serious = [h for h in hits if h[3] in ("warning", "blocker")]
        flagged += bool(serious)
        advice += len(hits) - len(serious)
        for h in serious:
            by_rule[h[0]] = by_rule.get(h[0], 0) + 1
            print(f"  false flag {h[0]} {h[3]}: {text[h[1] : h[2]]!r}")
    words = sum(len(t.split()) for t in clean)
    print(
        f"clean posts: {len(clean)}, {words} words; posts with a warning or blocker: {flagged}"
        f" ({flagged / len(clean):.1%}); advice hits: {advice}; by rule: {by_rule}"
    )

    kinds: dict[str, list[int]] = {}
    for item in errors:
        hits = run_all(rules, item["text"])
        over = [h for h in hits if h[1] < item["end"] and item["start"] < h[2]]
        got = 2 if any(h[3] == "blocker" for h in over) else 1 if over else 0
        kinds.setdefault(item["kind"], []).append(got)
        if not got:
            print(f"  missed {item['kind']}: {item['wrong']!r}")
    total = [g for v in kinds.values() for g in v]
    print(
        f"slips: {len(total)}; recall (any severity) {sum(g > 0 for g in total) / len(total):.3f};"
        f" as blocker {sum(g == 2 for g in total) / len(total):.3f}"
    )
    for kind, got in sorted(kinds.items()):
        print(
            f"  {kind}: {len(got)} posts, recall {sum(g > 0 for g in got) / len(got):.3f},"
            f" blocker {sum(g == 2 for g in got) / len(got):.3f}"
        )

    for name, texts in (
        ("clean", clean),
        ("with a typo", [e["text"] for e in errors if e["kind"] != "grammar"]),
    ):
        wall, cpu = timed(rules, texts)
        print(
            f"time per post, all {len(rules)} rules, {name}: CPU median"
            f" {statistics.median(cpu):.3f} ms, p95 {pct(cpu, 0.95):.3f} ms;"
            f" wall median {statistics.median(wall):.3f} ms, p95 {pct(wall, 0.95):.3f} ms"
        )


if __name__ == "__main__":
    main()
