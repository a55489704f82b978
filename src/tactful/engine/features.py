"""Hashed word and character n-gram features of a short text.

The same code builds features at training time and at run time, so the shipped
weights need nothing but numpy. Words and word pairs catch phrasing ("not safe",
"will be disabled"); character n-grams inside words catch typos, slang spellings
and leetspeak that the folding in ``engine.text`` does not undo. Each n-gram is
hashed (CRC-32, stable across processes and Python versions) into ``DIMENSIONS``
buckets; counts are log-scaled and the vector is L2-normalised.
"""

from __future__ import annotations

import functools
import math
import zlib

import numpy as np
import regex

from .text import fold

DIMENSIONS = 1 << 18
MAX_FEATURE_CHARS = 2000
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[!?£$€]|\p{So}")
LINK = regex.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|xyz|biz|help|ly|io|co\.uk|org\.uk)(?:/\S*)?",
    regex.I,
)
HANDLE = regex.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}")
NUMBER = regex.compile(r"\d[\d,.:]*")


def normalise(text: str) -> str:
    """Fold look-alikes and case, mask links, handles and numbers."""
    text = text[:MAX_FEATURE_CHARS]
    text = LINK.sub(" xxlink ", text)
    text = HANDLE.sub(" xxhandle ", text)
    folded = fold(text).text
    return NUMBER.sub("0", folded)


def ngrams(text: str) -> list[str]:
    """The n-gram strings of one message (before hashing)."""
    words = WORD.findall(normalise(text))
    grams = [f"w:{w}" for w in words]
    grams += [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        grams += _char_grams(w)
    if not words:
        grams.append("x:empty")
    return grams


def _char_grams(word: str) -> list[str]:
    if len(word) < 3:
        return []
    padded = f"<{word}>"
    return [f"c:{padded[i : i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)]


def _crc(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (DIMENSIONS - 1)


@functools.lru_cache(maxsize=1 << 15)
def _word_hashes(word: str) -> tuple[int, ...]:
    """The buckets of a word's own n-grams (the word and its character n-grams):
    the same for every message, so worked out once per word."""
    return (_crc(f"w:{word}"), *(_crc(g) for g in _char_grams(word)))


def hashed(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Bucket indices and weights (log counts, L2-normalised) for one message.

    The same buckets as hashing every string of ``ngrams(text)``."""
    words = WORD.findall(normalise(text))
    own = [_word_hashes(w) for w in words]
    counts: dict[int, int] = {}
    # In the order of ``ngrams``, so the weights are summed in the same order.
    for hs in own:
        counts[hs[0]] = counts.get(hs[0], 0) + 1
    for a, b in zip(words, words[1:], strict=False):
        h = _crc(f"b:{a} {b}")
        counts[h] = counts.get(h, 0) + 1
    for hs in own:
        for h in hs[1:]:
            counts[h] = counts.get(h, 0) + 1
    if not words:
        counts[_crc("x:empty")] = 1
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    val = np.fromiter(
        (1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts)
    )
    norm = float(np.sqrt(np.dot(val, val))) or 1.0
    return idx, val / norm
