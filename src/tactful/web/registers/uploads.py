"""Upload checks: size, and type by the file's first bytes (never its name alone)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

SIGNATURES: list[tuple[bytes, int, str, str]] = [
    (b"\xff\xd8\xff", 0, "image", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image", "image/png"),
    (b"GIF87a", 0, "image", "image/gif"),
    (b"GIF89a", 0, "image", "image/gif"),
    (b"WEBP", 8, "image", "image/webp"),
    (b"ftyp", 4, "video", "video/mp4"),
]


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, offset, kind, content_type in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if content_type == "image/webp" and not head.startswith(b"RIFF"):
                continue
            return kind, content_type
    return None


def check_upload(upload) -> tuple[str, str]:  # noqa: ANN001
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"That file is {upload.size / 1_048_576:.1f} MB; the most allowed is {limit / 1_048_576:.0f} MB."
        )
    head = upload.read(16)
    upload.seek(0)
    found = sniff(head)
    if found is None:
        raise ValidationError("Upload a JPEG, PNG, GIF or WebP image, or an MP4 video.")
    return found
