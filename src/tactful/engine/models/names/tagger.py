"""A small sequence tagger for people's names: hashed token features, BIO tags.

Each token gets features from itself (lower-cased word, shape, prefix and suffix,
membership of the first-name, surname, title, organisation, month and place lists,
and, for a capitalised word no list holds, how much its letters look like a name's) and
from its neighbours (their words and shapes, whether the word before is a title or
a cue, whether the word after is an organisation word). A multinomial logistic
regression scores O, B and I per token; a Viterbi pass over those scores, which
never lets I follow O, gives the spans. The weights (``weights.npz`` beside this
file) come from ``models/train_names.py``. Features of a word are hashed once and
cached, so tagging a 280-character post costs a fraction of a millisecond.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import regex

WEIGHTS = Path(__file__).with_name("weights.npz")
BUCKETS = 1 << 18
TAGS = ("O", "B", "I")
TOKEN = regex.compile(
    r"\p{Lu}\.(?=\s|$)|['’]s\b|[\p{L}\p{M}]+(?:[\-'’](?!s\b)[\p{L}\p{M}]+)*|\d+|[^\s\p{L}\p{M}\d]"
)
SENTENCE_PUNCT = frozenset(".!?\n:;•")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists the features consult (the same ones the rule-based finder uses)."""

    first: frozenset[str]
    last: frozenset[str]
    titles: frozenset[str]
    org: frozenset[str]
    months: frozenset[str]
    stop: frozenset[str]
    ambiguous: frozenset[str]
    common: frozenset[str]  # common English words: a capitalised unknown word is a hint
    places: frozenset[str] = frozenset()  # towns, counties, countries (lower case)


def tokenise(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def shape(word: str) -> str:
    out: list[str] = []
    for ch in word[:8]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "9" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _h(feature: str) -> int:
    # bucket 0 is kept empty: it pads feature rows of unequal length
    return 1 + zlib.crc32(feature.encode("utf-8")) % (BUCKETS - 1)


NGRAM_BUCKETS = 1 << 16


def letter_grams(word: str) -> list[int]:
    """Hashed letter pairs, triples and quadruples of a word, with its edges marked."""
    w = "<" + word.lower() + ">"
    out = {
        1 + zlib.crc32(w[i : i + n].encode("utf-8")) % (NGRAM_BUCKETS - 1)
        for n in (2, 3, 4)
        for i in range(len(w) - n + 1)
    }
    return sorted(out)


class NameLikeness:
    """How much a word's letters look like a name's rather than an English word's or a
    place's: a logistic regression over hashed letter n-grams, trained on the name lists
    against common words and place names (``models/train_names.py``)."""

    def __init__(self, weights: np.ndarray, bias: float) -> None:
        self.weights = weights
        self.bias = bias
        self.score = lru_cache(maxsize=20_000)(self._score)

    def _score(self, word: str) -> float:
        z = float(self.weights[letter_grams(word)].sum()) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Featuriser:
    """Turns tokens into rows of hashed feature indices (the same code trains and runs)."""

    def __init__(self, lex: Lexicon, likeness: NameLikeness | None = None) -> None:
        self.lex = lex
        self.likeness = likeness
        self.word_features = lru_cache(maxsize=20_000)(self._word_features)
        self.side_features = lru_cache(maxsize=20_000)(self._side_features)

    def _flags(self, word: str) -> list[str]:
        lex, low = self.lex, word.lower().rstrip(".")
        cap = word[:1].isupper()
        flags = []
        for name, words in (("gf", lex.first), ("gl", lex.last), ("t", lex.titles),
                            ("org", lex.org), ("md", lex.months), ("stop", lex.stop),
                            ("amb", lex.ambiguous), ("cw", lex.common),
                            ("pl", lex.places)):  # fmt: skip
            if low in words:
                flags.append(name + ("C" if cap else "l"))
        if cap and not flags and low.isalpha():
            flags.append("unknown")
            if self.likeness is not None:
                flags.append("nl" + str(min(int(self.likeness.score(low) * 5), 4)))
        if "-" in low and all(p in lex.first or p in lex.last for p in low.split("-")):
            flags.append("ghyph")
        return flags

    def _word_features(self, word: str) -> tuple[int, ...]:
        low = word.lower()
        feats = ["b", "w=" + low, "s=" + shape(word), "p3=" + low[:3], "x3=" + low[-3:],
                 "x2=" + low[-2:], "len=" + str(min(len(word), 8))]  # fmt: skip
        feats += ["f=" + f for f in self._flags(word)]
        return tuple(_h(f) for f in feats)

    def _side_features(self, word: str, side: str) -> tuple[int, ...]:
        low = word.lower()
        feats = [side + "w=" + low, side + "s=" + shape(word)]
        feats += [side + "f=" + f for f in self._flags(word)]
        return tuple(_h(f) for f in feats)

    def word_class(self, word: str) -> str:
        """A coarse class of a word, for features that pair it with its neighbours."""
        if not word[:1].isupper():
            return "low" if word[:1].isalpha() else "other"
        low = word.lower().rstrip(".")
        if low in self.lex.first or low in self.lex.last:
            return "name"
        if low in self.lex.common or low in self.lex.stop:
            return "word"
        return "place" if low in self.lex.places else "cap"

    def pairs(self, tokens: list[str], i: int) -> list[str]:
        """The word before and the word after, each paired with this word's class."""
        cls = self.word_class(tokens[i])
        left = tokens[i - 1].lower() if i else "<s>"
        right = tokens[i + 1].lower() if i + 1 < len(tokens) else "</s>"
        return ["P1=" + left + "&" + cls, "N1=" + right + "&" + cls]

    def rows(self, tokens: list[str]) -> list[tuple[int, ...]]:
        n = len(tokens)
        out: list[tuple[int, ...]] = []
        for i, word in enumerate(tokens):
            row = list(self.word_features(word))
            row.extend(_h(f) for f in self.pairs(tokens, i))
            prev = tokens[i - 1] if i else ""
            start = not prev or prev in SENTENCE_PUNCT
            if start:
                row.append(_h("start&s=" + shape(word)))
            for off, side in ((-1, "L1"), (1, "R1"), (-2, "L2"), (2, "R2")):
                j = i + off
                if 0 <= j < n:
                    row.extend(self.side_features(tokens[j], side))
                else:
                    row.append(_h(side + "none"))
            out.append(tuple(row))
        return out


def viterbi(rows: list[list[float]]) -> list[int]:
    """Best tag sequence under log-scores (n rows of 3) where I only follows B or I."""
    if not rows:
        return []
    o, b, i = rows[0][0], rows[0][1], -1e9
    back: list[tuple[int, int]] = []
    for so, sb, si in rows[1:]:
        any_prev = 0 if o >= b and o >= i else (1 if b >= i else 2)
        best_any = (o, b, i)[any_prev]
        i_prev = 1 if b >= i else 2
        back.append((any_prev, i_prev))
        o, b, i = best_any + so, best_any + sb, max(b, i) + si
    last = (o, b, i)
    tags = [last.index(max(last))]
    for any_prev, i_prev in reversed(back):
        tags.append(i_prev if tags[-1] == 2 else any_prev)
    return tags[::-1]


class Tagger:
    def __init__(
        self,
        weights: np.ndarray,
        bias: np.ndarray,
        lex: Lexicon,
        likeness: NameLikeness | None = None,
    ) -> None:
        self.weights = weights
        self.bias = tuple(float(b) for b in bias)
        self.featuriser = Featuriser(lex, likeness)
        # the model is linear: a word's share of a token's score, in each position around
        # it, is summed once and cached, so tagging is a few additions per token
        self.word_score = lru_cache(maxsize=20_000)(self._word_score)
        self.side_score = lru_cache(maxsize=40_000)(self._side_score)
        self.fixed_score = lru_cache(maxsize=40_000)(self._fixed_score)

    def _sum(self, idx: tuple[int, ...]) -> tuple[float, float, float]:
        a, b, c = self.weights[list(idx)].sum(axis=0).tolist()
        return a, b, c

    def _word_score(self, word: str) -> tuple[float, float, float]:
        return self._sum(self.featuriser.word_features(word))

    def _side_score(self, word: str, side: str) -> tuple[float, float, float]:
        return self._sum(self.featuriser.side_features(word, side))

    def _fixed_score(self, feature: str) -> tuple[float, float, float]:
        return self._sum((_h(feature),))

    def log_probs(self, tokens: list[str]) -> list[list[float]]:
        """Log-probabilities of O, B and I for each token (the same sums as ``rows``)."""
        n = len(tokens)
        fixed, side = self.fixed_score, self.side_score
        none = {k: fixed(k + "none") for k in ("L1", "R1", "L2", "R2")}
        left1 = [none["L1"]] + [side(w, "L1") for w in tokens[:-1]]
        right1 = [side(w, "R1") for w in tokens[1:]] + [none["R1"]]
        left2 = [none["L2"]] * min(n, 2) + [side(w, "L2") for w in tokens[:-2]]
        right2 = [side(w, "R2") for w in tokens[2:]] + [none["R2"]] * min(n, 2)
        bo, bb, bi = self.bias
        out: list[list[float]] = []
        exp, log = math.exp, math.log
        pairs = self.featuriser.pairs
        for i, word in enumerate(tokens):
            w, a, b, c, d = self.word_score(word), left1[i], right1[i], left2[i], right2[i]
            o = bo + w[0] + a[0] + b[0] + c[0] + d[0]
            g = bb + w[1] + a[1] + b[1] + c[1] + d[1]
            h = bi + w[2] + a[2] + b[2] + c[2] + d[2]
            for feature in pairs(tokens, i):
                e = fixed(feature)
                o, g, h = o + e[0], g + e[1], h + e[2]
            if i == 0 or tokens[i - 1] in SENTENCE_PUNCT:
                st = fixed("start&s=" + shape(word))
                o, g, h = o + st[0], g + st[1], h + st[2]
            top = max(o, g, h)
            norm = top + log(exp(o - top) + exp(g - top) + exp(h - top))
            out.append([o - norm, g - norm, h - norm])
        return out

    def spans(self, text: str) -> tuple[list[tuple[int, int, float]], Callable[[int, int], float]]:
        """Name spans in ``text`` as (start, end, mean probability of their tags), and a
        function giving the highest probability that any token in a range is part of a name."""
        toks = tokenise(text)
        if not toks:
            return [], lambda start, end: 0.0
        lp = self.log_probs([t[0] for t in toks])
        tags = viterbi(lp)
        name_prob = [1.0 - math.exp(row[0]) for row in lp]
        out: list[tuple[int, int, float]] = []
        cur: list[int] = []
        for i, tag in enumerate([*tags, 0]):
            if cur and tag != 2:
                probs = [math.exp(lp[j][tags[j]]) for j in cur]
                out.append((toks[cur[0]][1], toks[cur[-1]][2], sum(probs) / len(probs)))
                cur = []
            if tag == 1:
                cur = [i]
            elif tag == 2 and cur:
                cur.append(i)

        def prob_in(start: int, end: int) -> float:
            inside = [name_prob[i] for i, t in enumerate(toks) if start < t[2] and t[1] < end]
            return float(max(inside)) if inside else 0.0

        return out, prob_in


def save(
    path: Path,
    weights: np.ndarray,
    bias: np.ndarray,
    likeness: NameLikeness | None = None,
) -> None:
    nz = np.flatnonzero(np.abs(weights).max(axis=1) > 1e-4)
    rows, values = nz.astype(np.int32), weights[nz].astype(np.float16)
    if likeness is None:
        np.savez_compressed(path, rows=rows, values=values, bias=bias)
        return
    np.savez_compressed(
        path,
        rows=rows,
        values=values,
        bias=bias,
        likeness=likeness.weights.astype(np.float16),
        likeness_bias=np.array([likeness.bias], dtype=np.float32),
    )


@cache
def load(lexicon: Callable[[], Lexicon]) -> Tagger | None:
    """The shipped tagger, or None when its weights are missing (a partial checkout)."""
    if not WEIGHTS.is_file():
        return None
    data = np.load(WEIGHTS)
    weights = np.zeros((BUCKETS, len(TAGS)), dtype=np.float32)
    weights[data["rows"]] = data["values"].astype(np.float32)
    likeness = None
    if "likeness" in data.files:
        likeness = NameLikeness(
            data["likeness"].astype(np.float32), float(data["likeness_bias"][0])
        )
    return Tagger(weights, data["bias"].astype(np.float32), lexicon(), likeness)
