"""The labelled data the triage model is trained and measured on.

Used by the training script and the benchmark only, never at run time. Our own
labelled inbound messages live in ``data/labelled/inbound.jsonl``; a fixed ~30%
of them (chosen by a hash of the id) is held out and never trained on. The public
sets are read from the shared data folder (``TACTFUL_SHARED_DATA``, default
``../shared/data`` beside the repository); their text is never printed.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
LABELLED = REPO / "data" / "labelled" / "inbound.jsonl"
HOLDOUT_PERCENT = 30
SAFEGUARDING_LABELS = {"Ideation", "Behavior", "Attempt", "Indicator"}


@dataclass(frozen=True)
class Example:
    text: str
    category: str
    source: str
    held_out: bool


def is_held_out(key: str, percent: int = HOLDOUT_PERCENT) -> bool:
    """A fixed split: the same key is always on the same side."""
    digest = hashlib.sha256(f"triage-holdout:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def is_tune(key: str) -> bool:
    """The fixed tenth of each training part kept aside to choose epochs and thresholds.

    Only ever applied to training rows (``is_held_out`` false): the held-out parts
    stay out of every choice.
    """
    digest = hashlib.sha256(f"triage-tune:{key}".encode()).digest()
    return digest[0] % 10 == 0


def shared_data_dir() -> Path:
    return Path(os.environ.get("TACTFUL_SHARED_DATA", REPO.parent / "shared" / "data"))


def labelled_messages(path: Path = LABELLED) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def own_examples() -> list[Example]:
    return [
        Example(m["text"], m["category"], "own", is_held_out(m["id"])) for m in labelled_messages()
    ]


def complaints_twitter(base: Path) -> Iterator[Example]:
    """Complaints to brands (label 1) against other brand replies and random tweets."""
    path = base / "complaints-twitter" / "complaints-data.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 4 or row[2] not in ("0", "1"):
                continue
            if row[2] == "1":
                category = "complaint"
            elif row[3].startswith("random") or "?" not in row[1]:
                category = "other"
            else:
                category = "enquiry"
            yield Example(row[1], category, "complaints-twitter", is_held_out("ct:" + row[0]))


def _sample(items: list[Example], n: int, seed: str) -> list[Example]:
    rng = random.Random(seed)
    items = list(items)
    rng.shuffle(items)
    return items[:n]


def abuse_sets(base: Path, per_class: int = 900) -> list[Example]:
    """Offensive and hateful tweets as abuse; ordinary tweets as other."""
    abusive: list[Example] = []
    benign: list[Example] = []
    path = base / "davidson-hate-offensive" / "labeled_data.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            target = abusive if row["class"] in ("0", "1") else benign
            target.append(
                Example(row["tweet"], "abuse" if target is abusive else "other", "davidson", False)
            )
    for sub in ("offensive", "hate"):
        folder = base / "tweeteval" / sub
        texts = (folder / "train_text.txt").read_text(encoding="utf-8").splitlines()
        labels = (folder / "train_labels.txt").read_text(encoding="utf-8").splitlines()
        for text, label in zip(texts, labels, strict=False):
            if label.strip() == "1":
                abusive.append(Example(text, "abuse", f"tweeteval-{sub}", False))
            elif sub == "offensive":
                benign.append(Example(text, "other", f"tweeteval-{sub}", False))
    return _sample(abusive, per_class, "abuse") + _sample(benign, per_class // 2, "benign")


def safeguarding_posts(base: Path, limit: int = 700, max_chars: int = 400) -> list[Example]:
    """Reddit posts of users at suicide risk as safeguarding; supportive users' as other.

    Labels are per user, so each post inherits its author's label. Highly sensitive:
    only ever counted, never shown.
    """
    path = base / "reddit-cssrs-suicide-risk" / "500_Reddit_users_posts_labels.csv"
    csv.field_size_limit(10_000_000)
    risk: list[Example] = []
    support: list[Example] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                posts = ast.literal_eval(row["Post"])
            except (ValueError, SyntaxError):
                continue
            at_risk = row["Label"] in SAFEGUARDING_LABELS
            for post in posts[:6]:
                if not isinstance(post, str) or len(post) < 20:
                    continue
                ex = Example(
                    post[:max_chars], "safeguarding" if at_risk else "other", "reddit-cssrs", False
                )
                (risk if at_risk else support).append(ex)
    return _sample(risk, limit, "risk") + _sample(support, limit // 3, "support")
