"""Encryption at rest for platform tokens and two-factor secrets (Fernet: AES with an
authentication tag, so a tampered value fails to open rather than decrypting to junk)."""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken

from .keys import fernet_key


class SealError(ValueError):
    """A sealed value could not be opened (wrong key or altered in the database)."""


@cache
def _fernet() -> Fernet:
    return Fernet(fernet_key().encode())


def seal(plain: str) -> str:
    if not plain:
        return ""
    return _fernet().encrypt(plain.encode()).decode()


def unseal(sealed: str) -> str:
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise SealError("this secret cannot be opened with the current key") from None
