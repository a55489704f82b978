"""Inbox triage: classify and route every comment, direct message and mention.

``triage(text, policy, channel, kind, received_at, item_id)`` returns a
``TriageResult`` with exactly the contract's fields (id, category, urgent,
route_to, respond_by, actions, clauses, confidence). High-recall signals
(``signals.yml``) run first for safeguarding and security threats; the trained
classifier (``classifier.py``) decides the rest. Routing, the response deadline
and the clause come from the policy file's ``routing`` (``routing.py``); where a
policy names no safeguarding lead, ``TriageResult.note`` says who it went to
instead (a private attribute, so the JSON stays the contract's shape).

``triage_batch`` handles many messages, turning a bad one into an error entry;
``triage_jsonl_lines`` yields one dict per non-blank input line, then crisis alerts
(``crisis.py``, shape documented there and in docs/triage.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, PrivateAttr

from ..engine import InputError
from ..model import CHANNELS, INBOUND_KINDS, did_you_mean
from ..policy import CompiledPolicy, load_policy
from ..yamlfile import PolicyFileError
from .classifier import shared_classifier
from .crisis import Alert, Seen, detect_crises
from .routing import ACTIONS, URGENT_CATEGORIES, respond_by, route_for, route_roles
from .safety import first_signal

MAX_MESSAGE_CHARS = 20_000
__all__ = [
    "Alert",
    "TriageError",
    "TriageResult",
    "detect_crises",
    "triage",
    "triage_batch",
    "triage_jsonl_lines",
]


class TriageResult(BaseModel):
    id: str | None = None
    category: str
    urgent: bool
    route_to: list[str]
    respond_by: str | None
    actions: list[str]
    clauses: list[str]
    confidence: float
    _note: str | None = PrivateAttr(default=None)
    _received: dt.datetime | None = PrivateAttr(default=None)

    @property
    def note(self) -> str | None:
        """Why the route was inferred (no safeguarding lead named), if it was."""
        return self._note


class TriageError(BaseModel):
    id: str | None = None
    error: str


def resolve_policy(policy: str | Path | CompiledPolicy) -> CompiledPolicy:
    if isinstance(policy, CompiledPolicy):
        return policy
    try:
        return load_policy(policy)
    except PolicyFileError as exc:
        raise InputError(str(exc).splitlines()[0]) from None


def parse_received(value: Any) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC)
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str) and 0 < len(value) <= 40:
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"received_at {value!r} is not an ISO 8601 time") from None
    else:
        raise InputError("received_at must be an ISO 8601 time such as 2026-11-21T09:30:00Z")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    if not 1990 <= parsed.year <= 2100:
        raise InputError(f"received_at {value!s} is not a plausible time")
    return parsed


def check_message(text: Any, channel: str | None, kind: str) -> str:
    if not isinstance(text, str):
        raise InputError("the message text must be a string")
    if not text.strip():
        raise InputError("the message is empty")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InputError(
            f"the message is {len(text):,} characters; the most triaged here is {MAX_MESSAGE_CHARS:,}"
        )
    if (
        "\x00" in text
        or sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t") > len(text) // 10
    ):
        raise InputError("the message looks like binary data, not text")
    if channel is not None and channel not in CHANNELS:
        raise InputError(
            f"unknown channel {channel!r}{did_you_mean(channel, CHANNELS)}; choose from {', '.join(CHANNELS)}"
        )
    if kind not in INBOUND_KINDS:
        raise InputError(
            f"unknown kind {kind!r}{did_you_mean(kind, INBOUND_KINDS)}; choose from {', '.join(INBOUND_KINDS)}"
        )
    return text


def triage(
    text: str,
    policy: str | Path | CompiledPolicy,
    channel: str | None = None,
    kind: str = "comment",
    received_at: str | dt.datetime | None = None,
    item_id: str | None = None,
) -> TriageResult:
    """Classify one inbound message and route it as the policy says."""
    text = check_message(text, channel, kind)
    compiled = resolve_policy(policy)
    received = parse_received(received_at)
    ((category, confidence),) = classify([text])
    return build_result(compiled, category, confidence, received, item_id)


def classify(texts: list[str]) -> list[tuple[str, float]]:
    """Category and confidence for each text: signals first, then the classifier."""
    predictions = shared_classifier().predict_many(texts)
    out: list[tuple[str, float]] = []
    for text, prediction in zip(texts, predictions, strict=True):
        signal = first_signal(text)
        if signal is not None:
            out.append(
                (signal.category, max(prediction.probabilities.get(signal.category, 0.0), 0.9))
            )
        else:
            out.append((prediction.category, prediction.confidence))
    return out


def build_result(
    compiled: CompiledPolicy,
    category: str,
    confidence: float,
    received: dt.datetime,
    item_id: str | None,
) -> TriageResult:
    p = compiled.policy
    route, note = route_for(p, category)
    if route is not None and route.note and category == "safeguarding":
        note = route.note
    actions = list(ACTIONS[category])
    if category == "safeguarding":
        # Never hidden or dismissed automatically, whatever a policy's route says.
        actions = [a for a in actions if a not in ("hide", "none")]
    result = TriageResult(
        id=item_id,
        category=category,
        urgent=category in URGENT_CATEGORIES,
        route_to=route_roles(p, category),
        respond_by=respond_by(p, category, received),
        actions=actions,
        clauses=[route.clause] if route else [],
        confidence=round(float(confidence), 3),
    )
    result._note = note
    result._received = received
    return result


def triage_batch(
    items: Iterable[Any], policy: str | Path | CompiledPolicy
) -> list[TriageResult | TriageError]:
    """Triage many messages ({text, channel, kind, received_at, id, policy?}) in one go;
    a bad one gives a TriageError in its place and the rest are still triaged."""
    out: list[TriageResult | TriageError] = []
    ready: list[tuple[int, str, CompiledPolicy, dt.datetime, str | None]] = []
    for item in items:
        item_id = item.get("id") if isinstance(item, dict) else None
        item_id = None if item_id is None else str(item_id)
        try:
            if not isinstance(item, dict):
                raise InputError("each message must be a JSON object")
            text = check_message(
                item.get("text"), item.get("channel"), item.get("kind") or "comment"
            )
            compiled = resolve_policy(item.get("policy") or policy)
            received = parse_received(item.get("received_at"))
        except InputError as exc:
            out.append(TriageError(id=item_id, error=str(exc)))
            continue
        ready.append((len(out), text, compiled, received, item_id))
        out.append(TriageError(id=item_id, error="not triaged"))
    for (slot, _, compiled, received, item_id), (category, confidence) in zip(
        ready, classify([r[1] for r in ready]), strict=True
    ):
        out[slot] = build_result(compiled, category, confidence, received, item_id)
    return out


def triage_jsonl_lines(
    lines: Iterable[str], default_policy: str | Path | CompiledPolicy, **crisis_options: Any
) -> Iterator[dict[str, Any]]:
    """One dict per input line, in order (a result, or {"id", "line", "error"}), then crisis
    alert dicts (one stream per policy)."""
    seen: list[Seen] = []
    chunk: list[tuple[int, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        results = triage_batch(
            [item for _, item in chunk if isinstance(item, dict)], default_policy
        )
        it = iter(results)
        for number, item in chunk:
            if not isinstance(item, dict):
                yield {"id": None, "line": number, "error": item}
                continue
            result = next(it)
            if isinstance(result, TriageError):
                yield {"id": result.id, "line": number, "error": result.error}
                continue
            ref = item.get("policy") or default_policy
            policy_id = ref.id if isinstance(ref, CompiledPolicy) else str(ref)
            seen.append(
                Seen(
                    result._received or dt.datetime.now(dt.UTC),
                    result.category,
                    result.id,
                    policy_id,
                )
            )
            yield result.model_dump()
        chunk.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue  # as in `tactful check --jsonl`: a blank line is not a message
        chunk.append((number, parse_line(line)))
        if len(chunk) >= 256:
            yield from flush()
    yield from flush()
    for policy_id in dict.fromkeys(s.policy for s in seen):
        stream = [s for s in seen if s.policy == policy_id]
        for alert in detect_crises(stream, **crisis_options):
            yield alert.model_dump()


def parse_line(line: str) -> Any:
    """The JSON object on a line, or a string saying what is wrong with it (worded as
    ``tactful check --jsonl`` words it)."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON: {exc.msg}"
    except RecursionError:
        return "not valid JSON: nested too deeply"
    return item if isinstance(item, dict) else "each line must be a JSON object"
