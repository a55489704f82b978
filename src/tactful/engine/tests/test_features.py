import math
import zlib

import numpy as np
import pytest

from tactful.engine.features import DIMENSIONS, hashed, ngrams


def reference(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hash every n-gram string, as the features were first defined."""
    counts: dict[int, int] = {}
    for g in ngrams(text):
        h = zlib.crc32(g.encode("utf-8")) & (DIMENSIONS - 1)
        counts[h] = counts.get(h, 0) + 1
    idx = np.array(list(counts), dtype=np.int64)
    val = np.array([1.0 + math.log(c) for c in counts.values()], dtype=np.float32)
    return idx, val / (float(np.sqrt(np.dot(val, val))) or 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "!!!",
        "Join us at the coffee morning, coffee morning, coffee morning!",
        "Ring 07700 900123 or see www.example.org.uk @SomeHandle",
        "Y0u are a cömplete m0r0n 😡 and we're not having it",
        "a b c the the the",
    ],
)
def test_cached_word_hashes_give_the_buckets_and_order_of_the_reference(text):
    idx, val = hashed(text)
    ref_idx, ref_val = reference(text)
    assert idx.tolist() == ref_idx.tolist()
    assert np.array_equal(val, ref_val)


def test_repeated_words_are_counted_not_just_cached():
    once, _ = hashed("kindness")
    idx, val = hashed("kindness kindness")
    assert set(idx.tolist()) > set(once.tolist())  # the word pair is new
    assert len(set(val.tolist())) == 2  # the repeated word's grams weigh more than the pair
