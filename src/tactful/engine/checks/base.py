"""What every check kind shares: the hit it yields and the class it derives from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ..text import Document


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True, slots=True)
class Hit:
    """One place in the text where a rule fires.

    ``message`` and ``suggestion`` override the rule's own when the check knows
    better (a spelling suggestion, the name of the person without consent).
    ``severity`` may lower or raise the rule's default for this one hit (a US
    spelling is advice while a misspelling is a blocker, under one rule).
    """

    start: int
    end: int
    message: str | None = None
    suggestion: str | None = None
    severity: str | None = None


class Check:
    """Base of every check kind. A subclass sets ``kind`` and ``Params`` and
    implements ``run``; its docstring is the user documentation of the kind."""

    kind: ClassVar[str] = ""
    Params: ClassVar[type[BaseModel]] = NoParams

    def __init__(self, params: BaseModel) -> None:
        self.params = params

    def run(self, doc: Document) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError
