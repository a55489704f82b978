"""Error pages in plain English: never a traceback in front of a person."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def _page(status: int, title: str, text: str) -> HttpResponse:
    try:
        body = render_to_string("error.html", {"status": status, "title": title, "text": text})
    except Exception:  # the template itself failed: fall back to bare HTML
        body = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p>"
    return HttpResponse(body, status=status)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else ""
    text = (reason[:1].upper() + reason[1:] + ".") if reason else "Your role does not allow that."
    return _page(403, "You cannot do that", text)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        404, "Page not found", "There is nothing here, or it belongs to another organisation."
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        500, "Something went wrong", "The problem has been logged. Please try again in a moment."
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        403, "Please try again", "The form had expired. Go back, reload the page and send it again."
    )
