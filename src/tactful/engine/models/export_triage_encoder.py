"""Export all-MiniLM-L6-v2 as a sentence encoder for triage: int8 ONNX, mean-pooled,
L2-normalised 384-dimensional embeddings. Called by ``train_triage.py --base DIR``;
needs torch, transformers and onnx (the ``train`` extra), never the engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def export_encoder(base: Path, out: Path) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    class SentenceEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), local_files_only=True)

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=-1)

    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "fp32.onnx"
    ids = torch.ones(2, 8, dtype=torch.long)
    torch.onnx.export(
        SentenceEncoder().eval(), (ids, torch.ones_like(ids)), str(fp32),
        input_names=["input_ids", "attention_mask"], output_names=["embedding"],
        dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, "embedding": {0: "b"}},
        opset_version=17, dynamo=False,
    )  # fmt: skip
    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    fp32.unlink()
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
