"""Where the desk keeps its files, and the secrets it generates on first run.

Secrets never live in the repository: each is read from the environment or, failing
that, from a file in the data folder created once with owner-only permissions.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet


def data_dir() -> Path:
    raw = os.environ.get("TACTFUL_DATA_DIR")
    if raw:
        path = Path(raw).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "tactful"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _read_or_create(name: str, make: Callable[[], str]) -> str:
    path = data_dir() / "keys" / name
    if path.is_file():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    value = make()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value


def secret_from_file(name: str) -> str:
    return _read_or_create(name, lambda: secrets.token_urlsafe(50))


def fernet_key() -> str:
    return os.environ.get("TACTFUL_FERNET_KEY") or _read_or_create(
        "token-encryption-key", lambda: Fernet.generate_key().decode()
    )
