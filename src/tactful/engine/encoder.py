"""A small ONNX text encoder: a WordPiece tokenizer plus an onnxruntime session.

Shared by the classifiers that score text with a fine-tuned transformer (the
toxicity check now, inbound triage later). A model folder holds ``model.onnx``
(inputs ``input_ids`` and ``attention_mask``, one float output per text) and
``tokenizer.json``. The session is created on first use, once per folder, with a
single intra-op thread by default so that several checks in one process do not
fight over the cores (inbound triage asks for two, for its batches); only
onnxruntime, tokenizers and numpy are needed at run time.

``prepare_social_text`` is the cleaning the models were trained with: handles,
links and HTML entities are masked the way the public tweet data masks them.
"""

from __future__ import annotations

import html
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import regex

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

HANDLE = regex.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}(?:@[\w.-]+)?")
LINK = regex.compile(r"\b(?:https?://|www\.)\S+", regex.IGNORECASE)
RETWEET = regex.compile(r"^\s*RT\b:?\s*", regex.IGNORECASE)
CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]+")
SPACES = regex.compile(r"\s+")
MAX_PREPARED_CHARS = 4000

# onnxruntime 1.29 and later send usage events to Microsoft from Linux too (a device
# id under ~/.cache/Microsoft, then a DNS lookup and an upload some seconds after the
# first session). Tactful phones nobody: these switches, set before the first import,
# keep it quiet (checked with strace on 1.31.1: no lookup, no device id). 1.28, which
# has no such telemetry, runs our int8 models about 40% slower, so we do not pin it.
ONNXRUNTIME_QUIET = {"ORT_DISABLE_TELEMETRY": "1", "ORT_TELEMETRY_DISABLED": "1"}


def quiet_onnxruntime() -> None:
    """Switch onnxruntime's telemetry off; call before onnxruntime is first imported."""
    for name, value in ONNXRUNTIME_QUIET.items():
        os.environ.setdefault(name, value)


def prepare_social_text(text: str) -> str:
    """Mask handles and links, unescape entities, drop control characters."""
    text = html.unescape(text[:MAX_PREPARED_CHARS])
    text = CONTROL.sub(" ", text)
    text = RETWEET.sub("", text)
    text = LINK.sub("http", text)
    text = HANDLE.sub("@user", text)
    return SPACES.sub(" ", text).strip()


class TextEncoder:
    """Scores texts with one ONNX model; the session and tokenizer load lazily."""

    def __init__(self, folder: Path, max_length: int = 64, threads: int = 1) -> None:
        self.folder = Path(folder)
        self.max_length = max_length
        self.threads = threads
        self._lock = threading.Lock()
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._input_names: tuple[str, ...] = ()

    def is_available(self) -> bool:
        return (self.folder / "model.onnx").is_file() and (self.folder / "tokenizer.json").is_file()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None or self._tokenizer is None:
                quiet_onnxruntime()
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
                # Truncation is done by hand in encode_batch, so token_count sees it all.
                tokenizer.no_truncation()
                tokenizer.no_padding()
                options = ort.SessionOptions()
                options.intra_op_num_threads = self.threads
                if self.threads > 1:
                    # Idle workers sleep instead of spinning: on shared cores spinning
                    # burnt CPU that other work needed (batches ran 40% faster).
                    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                session = ort.InferenceSession(
                    str(self.folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
                )
                self._input_names = tuple(i.name for i in session.get_inputs())
                self._tokenizer = tokenizer
                self._session = session
        return self._session, self._tokenizer

    def token_count(self, text: str) -> int:
        """Word pieces in ``text`` without truncation (special tokens excluded)."""
        _, tokenizer = self._load()
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    def encode_batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and attention mask, padded to the longest text in the batch."""
        _, tokenizer = self._load()
        rows = [self._truncated(e.ids) for e in tokenizer.encode_batch(list(texts))]
        width = max((len(r) for r in rows), default=1) or 1
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        return ids, mask

    def _truncated(self, ids: list[int]) -> list[int]:
        """Keep the first pieces and the closing special token, as the model was trained."""
        if len(ids) <= self.max_length:
            return ids
        return ids[: self.max_length - 1] + ids[-1:]

    def run(self, texts: list[str]) -> np.ndarray:
        """The model's raw output for each text, shape (len(texts), outputs)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        session, _ = self._load()
        ids, mask = self.encode_batch(texts)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        (output,) = session.run(None, {k: v for k, v in feeds.items() if k in self._input_names})
        return np.asarray(output, dtype=np.float32)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Sigmoid of the model's logits: one probability per text and output."""
        logits = self.run(texts)
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))


_ENCODERS: dict[tuple[str, int, int], TextEncoder] = {}
_ENCODERS_LOCK = threading.Lock()


def shared_encoder(folder: Path, max_length: int = 64, threads: int = 1) -> TextEncoder:
    """One encoder per model folder (and thread count) for the whole process."""
    key = (str(Path(folder).resolve()), max_length, threads)
    with _ENCODERS_LOCK:
        encoder = _ENCODERS.get(key)
        if encoder is None:
            encoder = _ENCODERS[key] = TextEncoder(Path(folder), max_length, threads)
    return encoder
