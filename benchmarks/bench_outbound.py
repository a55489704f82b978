"""Quality and speed of `tactful check` on our own labelled UK charity posts.

Quality: decision accuracy, false alarms on clean posts, and precision, recall and F1
per category, on data/labelled/outbound.jsonl (original posts written for Tactful).
Speed: per-post median and p95, posts per second, cold start of `tactful check`, and
peak memory, on 1,000 posts of about 280 characters with every check on (`starter`).

    python benchmarks/bench_outbound.py [--quality-only | --speed-only] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from tactful.engine.outbound_data import is_held_out, load_posts

ROOT = Path(__file__).resolve().parents[1]
COUNTED = ("warning", "blocker")
# --show-errors prints disagreements on the development part only


def predicted_categories(result) -> set[str]:
    return {f.category for f in result.findings if f.severity in COUNTED}


def quality(show_errors: bool, development_only: bool = False) -> None:
    from tactful.engine import check

    rows = []
    for post in load_posts():
        if development_only and is_held_out(post["id"]):
            continue
        result = check(
            post["text"],
            policy=post["policy"],
            channel=post.get("channel"),
            account=post.get("account", "official"),
            context=post.get("context") or {},
        )
        rows.append((post, result))
    for title, part in (
        ("all labelled posts", rows),
        ("development part (rules tuned and judgement heads trained on these)", [r for r in rows if not is_held_out(r[0]["id"])]),
        ("held-out part (never looked at while tuning)", [r for r in rows if is_held_out(r[0]["id"])]),
    ):
        if development_only and title.startswith(("all", "held-out")):
            continue
        print(f"== {title}")
        report(part)
        print()
    if show_errors:
        print("Disagreements on the development part:")
        for post, result in rows:
            if not is_held_out(post["id"]):
                describe_error(post, result)


def report(rows: list) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    right = clean = clean_flagged = 0
    by_policy: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for post, result in rows:
        expected = set(post["expected"]["categories"])
        got = predicted_categories(result)
        for c in got & expected:
            tp[c] += 1
        for c in got - expected:
            fp[c] += 1
        for c in expected - got:
            fn[c] += 1
        ok = result.decision == post["expected"]["decision"]
        right += ok
        by_policy[post["policy"]][0] += ok
        by_policy[post["policy"]][1] += 1
        if not expected:
            clean += 1
            clean_flagged += bool(got)
    n = max(len(rows), 1)
    print(f"Posts: {len(rows)} ({clean} clean)")
    print(f"Decision accuracy: {right / n:.3f}")
    for pid, (r, k) in sorted(by_policy.items()):
        print(f"  {pid:20} {r / k:.3f} ({k} posts)")
    print(f"False alarms on clean posts: {clean_flagged}/{clean} = {clean_flagged / max(clean, 1):.3f}")
    print(f"{'category':24} {'support':>7} {'P':>6} {'R':>6} {'F1':>6}")
    for c in sorted(set(tp) | set(fn) | set(fp)):
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{c:24} {tp[c] + fn[c]:>7} {p:6.2f} {r:6.2f} {f1:6.2f}")


def describe_error(post: dict, result) -> None:
    expected = set(post["expected"]["categories"])
    got = predicted_categories(result)
    if result.decision == post["expected"]["decision"] and got == expected:
        return
    print(
        f"{post['id']}: expected {post['expected']['decision']} {sorted(expected)}, "
        f"got {result.decision} {sorted(got)}\n    text: {post['text']!r}"
        + "".join(
            f"\n    {f.severity} {f.category} {f.rule} [{f.clause}] {f.excerpt!r}"
            for f in result.findings
            if f.severity in COUNTED
        )
    )


def speed_posts(n: int = 1000) -> list[str]:
    texts = [p["text"] for p in load_posts()]
    out: list[str] = []
    i = 0
    while len(out) < n:
        t = texts[i % len(texts)]
        while len(t) < 250:
            t = t + " " + texts[(i * 7 + len(t)) % len(texts)]
        out.append(t[:280])
        i += 1
    return out


def speed() -> None:
    code = (
        "import json,sys,time,resource,statistics\n"
        "from tactful.engine import check, load_policy\n"
        "posts=json.load(sys.stdin)\n"
        "p=load_policy('starter')\n"
        # as a process checking many drafts would: every pattern compiled up front (the
        # one-off command compiles them lazily, which the cold start below measures)
        "p.warm()\n"
        "check('Warm-up post about our coffee morning on Friday.', policy=p, channel='x')\n"
        "times=[]; cpu=[]\n"
        "t0=time.perf_counter()\n"
        "for t in posts:\n"
        "    s=time.perf_counter(); c=time.thread_time(); check(t, policy=p, channel='x')\n"
        "    times.append(time.perf_counter()-s); cpu.append(time.thread_time()-c)\n"
        "total=time.perf_counter()-t0\n"
        "times.sort(); cpu.sort()\n"
        "print(json.dumps({'median_ms': statistics.median(times)*1000,"
        " 'p95_ms': times[int(len(times)*0.95)]*1000, 'posts_per_s': len(times)/total,"
        " 'cpu_median_ms': statistics.median(cpu)*1000, 'cpu_p95_ms': cpu[int(len(cpu)*0.95)]*1000,"
        " 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))\n"
    )
    env = dict(os.environ, OMP_NUM_THREADS="1", TACTFUL_THREADS="1")
    posts = speed_posts()
    run = subprocess.run(
        ["taskset", "-c", "0", sys.executable, "-c", code],
        input=json.dumps(posts), capture_output=True, text=True, env=env, check=True,
    )
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"Speed, one core, every check on (starter policy), {len(posts)} posts of ~280 characters:")
    print(f"  per post median {figures['median_ms']:.2f} ms, p95 {figures['p95_ms']:.2f} ms (wall clock)")
    print(f"  per post median {figures['cpu_median_ms']:.2f} ms, p95 {figures['cpu_p95_ms']:.2f} ms (CPU time)")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {figures['posts_per_s']:.0f} posts per second")
    print(f"  peak memory {figures['peak_mb']:.0f} MB")
    tactful = Path(sys.executable).with_name("tactful")
    colds = []
    cold_cpu = []
    for _ in range(5):
        t = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [str(tactful), "check", "Join us for our coffee morning on Friday at 10am!",
             "--policy", "starter", "--channel", "facebook"],
            capture_output=True, env=env, check=False,
        )
        colds.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cold_cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"  cold start of `tactful check` (whole command, median of 5): "
        f"{statistics.median(colds):.2f} s wall clock, {statistics.median(cold_cpu):.2f} s CPU"
    )
    print(f"  (this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quality-only", action="store_true")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument(
        "--development-only",
        action="store_true",
        help="check and report the development part only, so the held-out part stays unread",
    )
    a = ap.parse_args()
    if not a.speed_only:
        quality(a.show_errors, a.development_only)
        print()
    if not a.quality_only:
        speed()


if __name__ == "__main__":
    main()
