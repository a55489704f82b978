"""High-recall signals in front of the classifier: safeguarding and security threats.

The signals are data (``signals.yml`` beside this module): each has an id, why it
exists, regular expressions over the folded text, and flag/pass examples that the
tests run. A safeguarding signal outranks everything; a security signal outranks
the classifier. They are deliberately eager: a false alarm costs a minute of
someone's time, a missed disclosure can cost far more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
import yaml

from ..text import fold

SIGNALS = Path(__file__).with_name("signals.yml")
MAX_SCAN_CHARS = 5000
ORDER = ("safeguarding", "security_threat")


@dataclass(frozen=True)
class Signal:
    category: str
    id: str
    why: str
    patterns: tuple[regex.Pattern[str], ...]
    flag: tuple[str, ...]
    passes: tuple[str, ...]


@cache
def signals() -> tuple[Signal, ...]:
    data = yaml.safe_load(SIGNALS.read_text(encoding="utf-8"))
    out: list[Signal] = []
    for category in ORDER:
        for item in data.get(category, []):
            examples = item.get("examples", {})
            out.append(
                Signal(
                    category,
                    item["id"],
                    item["why"],
                    tuple(regex.compile(p) for p in item["patterns"]),
                    tuple(examples.get("flag", [])),
                    tuple(examples.get("pass", [])),
                )
            )
    return tuple(out)


def prepare(text: str) -> str:
    return fold(text[:MAX_SCAN_CHARS].replace("’", "'").replace("‘", "'")).text


def first_signal(text: str) -> Signal | None:
    """The first signal (safeguarding before security) whose pattern matches."""
    folded = prepare(text)
    for signal in signals():
        if any(p.search(folded, timeout=0.05) for p in signal.patterns):
            return signal
    return None
