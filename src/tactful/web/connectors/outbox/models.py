from __future__ import annotations

from django.db import models


class OutboxEntry(models.Model):
    channel = models.ForeignKey("registers.Channel", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100, unique=True)
    text = models.TextField()
    published_at = models.DateTimeField(auto_now_add=True)
    amended_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
