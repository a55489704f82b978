"""Reading YAML safely, with the line of every field kept for error messages.

Policy files come from users, so a file is refused before parsing when it is too
large, and anchors/aliases (the "billion laughs" trick) are not allowed at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

MAX_FILE_BYTES = 512 * 1024


class PolicyFileError(ValueError):
    """A problem in a policy or rule file, worded as ``file:line: field: what is wrong``."""


# libyaml's parser when the wheel has it (about ten times faster); composing never
# expands an alias, and _lines refuses any node reached twice, which only an alias makes.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _lines(
    node: yaml.Node,
    path: tuple[Any, ...],
    out: dict[tuple[Any, ...], int],
    seen: set[int] | None = None,
) -> None:
    seen = set() if seen is None else seen
    if isinstance(node, yaml.CollectionNode):
        if id(node) in seen:
            raise _AliasFound(node.start_mark.line + 1)
        seen.add(id(node))
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value
            out[(*path, name)] = key.start_mark.line + 1
            _lines(value, (*path, name), out, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, (*path, i), out, seen)


def read_yaml(path: Path | str, text: str | None = None) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Parse a YAML file; return the data and a map from field path to line number."""
    name = str(path)
    if text is None:
        p = Path(path)
        try:
            size = p.stat().st_size
        except OSError as exc:
            raise PolicyFileError(f"{name}: cannot read the file ({exc.strerror})") from None
        if size > MAX_FILE_BYTES:
            raise PolicyFileError(f"{name}: the file is larger than {MAX_FILE_BYTES // 1024} KB")
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise PolicyFileError(f"{name}: the file is not valid UTF-8 text") from None
    elif len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        raise PolicyFileError(f"{name}: the file is larger than {MAX_FILE_BYTES // 1024} KB")
    try:
        node = yaml.compose(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise PolicyFileError(f"{name}:{line}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise PolicyFileError(f"{name}: not valid YAML: {exc}") from None
    if node is None:
        raise PolicyFileError(f"{name}:1: the file is empty")
    lines: dict[tuple[Any, ...], int] = {}
    try:
        _lines(node, (), lines)
    except _AliasFound as exc:
        raise PolicyFileError(f"{name}:{exc.line}: anchors and aliases are not allowed") from None
    loader = _Loader(text)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise PolicyFileError(f"{name}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, lines


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, path: Path | str, lines: dict[tuple[Any, ...], int]) -> M:
    """Validate ``data`` as ``model``; on failure name the file, line and field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if not loc:
            # a check of the whole file ("role 'X' is named but not listed") points at
            # the first place the value it quotes is written
            quoted = QUOTED.search(message)
            found = _find_value(data, quoted.group(1)) if quoted else None
            if found is not None:
                loc = found
        line = _nearest_line(loc, lines)
        field = ".".join(str(p) for p in loc) or "(top level)"
        raise PolicyFileError(f"{path}:{line}: {field}: {message}") from None


QUOTED = re.compile(r"'([^']{1,200})'")


def _find_value(data: Any, value: str, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The path of the first string equal to ``value`` in ``data``, depth first."""
    if isinstance(data, str):
        return path if data == value else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, item in items:
        found = _find_value(item, value, (*path, key))
        if found is not None:
            return found
    return None


def _nearest_line(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int:
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 1
