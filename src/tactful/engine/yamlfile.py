"""Reading YAML safely, with the line of every field kept for error messages.

Policy files come from users, so a file is refused before parsing when it is too
large, and anchors/aliases (the "billion laughs" trick) are not allowed at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

MAX_FILE_BYTES = 512 * 1024


class PolicyFileError(ValueError):
    """A problem in a policy or rule file, worded as ``file:line: field: what is wrong``."""


class _Loader(yaml.SafeLoader):
    pass


_ORIGINAL_COMPOSE = yaml.composer.Composer.compose_node


def _compose_node(self: _Loader, parent: Any, index: Any) -> yaml.Node:
    if self.check_event(yaml.AliasEvent):
        event = self.get_event()
        raise yaml.composer.ComposerError(
            None, None, "anchors and aliases are not allowed", event.start_mark
        )
    return _ORIGINAL_COMPOSE(self, parent, index)


_Loader.compose_node = _compose_node  # type: ignore[method-assign,assignment]


def _lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value
            out[(*path, name)] = key.start_mark.line + 1
            _lines(value, (*path, name), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, (*path, i), out)


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
    _lines(node, (), lines)
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
        line = _nearest_line(loc, lines)
        field = ".".join(str(p) for p in loc) or "(top level)"
        raise PolicyFileError(f"{path}:{line}: {field}: {err['msg']}") from None


def _nearest_line(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int:
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 1
