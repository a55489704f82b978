"""Connectors: one folder per platform, each with the same shape.

    connectors/<name>/__init__.py
    connectors/<name>/connector.py   a class deriving ``Connector`` (base.py)
    connectors/<name>/apps.py, models.py, views.py, urls.py   only if it needs them
    connectors/<name>/tests/         replayed responses through lib/http.py, no network

Connectors are listed here once, explicitly.
"""

from __future__ import annotations

import importlib

from .base import Connector, ConnectorError, RemoteRef

CONNECTORS: dict[str, str] = {
    "outbox": "tactful.web.connectors.outbox.connector:OutboxConnector",
}

__all__ = ["CONNECTORS", "Connector", "ConnectorError", "RemoteRef", "connector_for"]


def connector_for(name: str) -> Connector:
    target = CONNECTORS.get(name)
    if target is None:
        raise ConnectorError(f"no connector called {name!r}")
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls()
