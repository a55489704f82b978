from __future__ import annotations

import pytest

from tactful.web.lib import http


def test_it_refuses_loopback_and_private_addresses():
    for url in [
        "https://127.0.0.1/x",
        "https://10.0.0.5/",
        "https://169.254.169.254/latest",
        "https://localhost/",
    ]:
        with pytest.raises(http.HttpError):
            http.request("GET", url)


def test_it_refuses_plain_http():
    with pytest.raises(http.HttpError, match="https"):
        http.request("GET", "http://example.org/")


def test_a_public_address_is_allowed():
    assert http.is_public_host("8.8.8.8")
    assert not http.is_public_host("192.168.1.1")


def test_it_retries_idempotent_requests_after_a_5xx(monkeypatch):
    monkeypatch.setattr(http.time, "sleep", lambda s: None)
    with http.replay([http.Response(503, b""), http.Response(200, b'{"ok": true}')]) as calls:
        r = http.request("GET", "https://api.example.org/status")
    assert r.json() == {"ok": True} and len(calls) == 2


def test_it_does_not_retry_a_post(monkeypatch):
    monkeypatch.setattr(http.time, "sleep", lambda s: None)
    with http.replay([http.Response(503, b""), http.Response(200, b"")]) as calls:
        r = http.request("POST", "https://api.example.org/posts", json_body={"a": 1})
    assert r.status == 503 and len(calls) == 1
