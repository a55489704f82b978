"""The organisation's policy, loaded once per process and reloaded when its file changes."""

from __future__ import annotations

import os
from pathlib import Path

from tactful.engine import BUILTIN_IDS, CompiledPolicy, load_policy

_cache: dict[str, tuple[float, CompiledPolicy]] = {}


def _stamp(ref: str) -> float:
    if ref in BUILTIN_IDS:
        return 0.0
    try:
        return os.stat(Path(ref)).st_mtime
    except OSError:
        return -1.0


def policy_for(org) -> CompiledPolicy:  # noqa: ANN001
    ref = org.policy_ref
    stamp = _stamp(ref)
    hit = _cache.get(ref)
    if hit and hit[0] == stamp:
        return hit[1]
    compiled = load_policy(ref)
    # the desk checks many drafts: compile every pattern now rather than on the first
    # drafts that could match each one
    compiled.warm()
    _cache[ref] = (stamp, compiled)
    return compiled
