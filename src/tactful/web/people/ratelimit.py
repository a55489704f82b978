"""Login rate limiting, kept in the database so it holds across processes and restarts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginAttempt


def is_locked_out(username: str, ip: str | None) -> bool:
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    recent = LoginAttempt.objects.filter(at__gte=since, succeeded=False)
    by_user = recent.filter(username=username.lower()).count()
    by_ip = recent.filter(ip=ip).count() if ip else 0
    limit = settings.LOGIN_FAILURE_LIMIT
    return by_user >= limit or by_ip >= limit * 4


def record_attempt(username: str, ip: str | None, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=username.lower()[:150], ip=ip, succeeded=succeeded)
    if succeeded:
        LoginAttempt.objects.filter(Q(username=username.lower()), succeeded=False).delete()
