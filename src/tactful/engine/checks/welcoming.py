"""Is a sentence a welcome? A guard for the trained discrimination and abuse checks.

The toxicity model learnt from tweets that a sentence naming a group ("gay and lesbian
parents", "disabled people", "older people") is usually an attack on it, so it scores a
plain welcome to that group as hateful. A sentence whose verb is a welcome or an
invitation, not turned round ("not welcome", "welcome to leave"), is not hostile to the
people it welcomes; the rules that opt in (``unless_welcoming``) stay silent on it.
"""

from __future__ import annotations

import regex

WELCOME = regex.compile(
    r"\b(?:(?:are|is|re|am|all|very|most|warmly|always|equally|just\s+as|as|so|truly|really)\s+)+"
    r"welcome\b"
    r"|\bwelcom(?:e|es|ing)\s+(?:all|everyone|everybody|every|any|you|families|parents|people)\b"
    r"|\b(?:warmly\s+)?invit(?:e|es|ed|ing)\b|\bjoin\s+us\b|\bopen\s+to\s+(?:all|everyone|everybody)\b"
    r"|\binclusive\b"
    # "making sure every event we run works for disabled people"
    r"|\bmak(?:e|es|ing)\s+sure\s+(?:\w+\s+){0,6}?(?:works?\s+for|is\s+open\s+to|is\s+accessible\s+to)\b",
    regex.IGNORECASE,
)
TURNED_ROUND = regex.compile(
    r"\b(?:not|never|no\s+longer|hardly|n't|aren'?t|isn'?t|un)\s*(?:\w+\s+){0,2}welcom"
    r"|\bwelcome\s+to\s+(?:leave|go|get|stay|clear|piss|pack|move|try|find|keep|take)\b"
    r"|\b(?:but|except|unless|as\s+long\s+as|provided|so\s+long\s+as|only\s+if)\b",
    regex.IGNORECASE,
)
MAX_SENTENCE_CHARS = 400


def is_welcoming(sentence: str) -> bool:
    """True for a short sentence that welcomes or invites and is not turned round."""
    if len(sentence) > MAX_SENTENCE_CHARS:
        return False
    return bool(WELCOME.search(sentence)) and not TURNED_ROUND.search(sentence)
