"""A fine-tuned MiniLM that reads a name from the words around it.

The name finder (``engine/names.py``) asks it about the few words in a post that no
list or rule has settled (a capitalised word that is no common word or place, or a
listed name the rules turned down; a lower-case listed name; in a post written all in
lower case, any word that could be a name), and about the names it found with no
title that the tagger is not sure of, which the encoder may veto. The model is
all-MiniLM-L6-v2 fine-tuned for token classification (``models/train_name_encoder.py``):
O, B and I for a person's name on the first word piece of each word. Its tokenizer
folds case, so each piece also gets a case class (lower, capitalised, all capitals,
no letters) added to its embedding.

Only the sentence around each word asked about is read (at most ``CONTEXT`` pieces
each side), one window at a time. The folder (``FOLDER``) holds ``model.onnx`` (the
first three layers, int8 with dynamic activation scales, which is why windows are
never batched) and ``tokenizer.json``; without them ``load`` gives None and the
finder works as it did before the encoder. At run time only onnxruntime, tokenizers
and numpy are needed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import regex

from ...encoder import TextEncoder

FOLDER = Path(__file__).with_name("model")
CONTEXT = 24  # word pieces read each side of a word asked about
MAX_PIECES = 96  # the most pieces in one window, with [CLS] and [SEP]
LETTERS = regex.compile(r"\p{L}+")
SENTENCE_PIECES = frozenset(".!?;")


def case_ids(text: str, offsets: list[tuple[int, int]]) -> np.ndarray:
    """The case class of each piece: 0 no letters (or a special token), 1 lower case,
    2 capitalised, 3 all capitals; a piece takes the class of the run of letters it
    starts in, so "##kwo" in "Okonkwo" is capitalised too."""
    runs = {}
    for m in LETTERS.finditer(text):
        word = m.group()
        cls = 3 if len(word) > 1 and word.isupper() else 2 if word[0].isupper() else 1
        runs[m.start()] = (m.end(), cls)
    starts = sorted(runs)
    out = np.zeros(len(offsets), dtype=np.int64)
    j = 0
    for i, (a, b) in enumerate(offsets):
        if b <= a:
            continue
        while j + 1 < len(starts) and starts[j + 1] <= a:
            j += 1
        if starts and starts[j] <= a < runs[starts[j]][0]:
            out[i] = runs[starts[j]][1]
    return out


class NameEncoder(TextEncoder):
    """Name probabilities for words of a text, read in windows around them."""

    def name_probs(
        self, text: str, words: list[tuple[int, int]]
    ) -> tuple[dict[int, float], dict[int, float]]:
        """The probability that a piece is part of a person's name, and that it begins
        one, for every piece read, keyed by the character offset where the piece starts.
        The sentence around each word (start, end) asked about is read, so the words
        beside it are scored too."""
        session, tokenizer = self._load()
        enc = tokenizer.encode(text, add_special_tokens=False)
        ids, offsets = enc.ids, enc.offsets
        if not ids or not words:
            return {}, {}
        first = {a: i for i, (a, _) in reversed(list(enumerate(offsets)))}
        spans: list[list[int]] = []
        for start, _ in sorted(words):
            i = first.get(start)
            if i is None:
                continue
            lo, hi = max(0, i - CONTEXT), min(len(ids), i + CONTEXT + 1)
            for j in range(i - 1, lo - 1, -1):  # start after the last sentence end before
                if _ends_sentence(text, offsets, j):
                    lo = j + 1
                    break
            for j in range(i + 1, hi):  # and stop at the first one after
                if _ends_sentence(text, offsets, j):
                    hi = j + 1
                    break
            if spans and lo <= spans[-1][1] and hi - spans[-1][0] <= MAX_PIECES - 2:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, min(hi, lo + MAX_PIECES - 2)])
        if not spans:
            return {}, {}
        cases = case_ids(text, offsets)
        cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        name: dict[int, float] = {}
        begin: dict[int, float] = {}
        for lo, hi in spans:  # one at a time: no padding to sway a dynamically quantised model
            feeds = {
                "input_ids": np.array([[cls, *ids[lo:hi], sep]], dtype=np.int64),
                "attention_mask": np.ones((1, hi - lo + 2), dtype=np.int64),
                "case_ids": np.array([[0, *cases[lo:hi], 0]], dtype=np.int64),
            }
            (probs,) = session.run(None, feeds)
            for k in range(lo, hi):
                a = offsets[k][0]
                if a not in name:
                    p = probs[0, k - lo + 1]
                    name[a], begin[a] = float(1.0 - p[0]), float(p[1])
        return name, begin


def _ends_sentence(text: str, offsets: list[tuple[int, int]], j: int) -> bool:
    a, b = offsets[j]
    if text[a:b] in SENTENCE_PIECES:
        return True
    nxt = offsets[j + 1][0] if j + 1 < len(offsets) else len(text)
    return "\n" in text[b:nxt]


@cache
def load(folder: Path = FOLDER) -> NameEncoder | None:
    """The name encoder in ``folder``, or None when its files are missing."""
    model = NameEncoder(folder, max_length=MAX_PIECES, threads=1)
    return model if model.is_available() else None
