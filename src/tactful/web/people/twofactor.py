"""Two-factor sign-in: after the password, someone with a confirmed code generator
must give a code before the session counts as signed in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SESSION_KEY = "tactful_two_factor_pending"
ALLOWED_PREFIXES = ("/signin/", "/signout/", "/static/")


class TwoFactorMiddleware:
    def __init__(self, get_response) -> None:  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and request.session.get(SESSION_KEY)
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            return redirect("people:code")
        return self.get_response(request)
