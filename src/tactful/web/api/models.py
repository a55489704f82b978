from __future__ import annotations

from django.db import models


class ApiToken(models.Model):
    """A bearer token for scripts; only its SHA-256 is stored."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
