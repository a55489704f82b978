"""Organisations, the people in them (each holding one role from the policy), and
sign-in records."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    slug = models.SlugField(max_length=63, unique=True)
    name = models.CharField(max_length=200)
    # A built-in policy id or a path to the organisation's policy file.
    policy_ref = models.CharField(max_length=500)
    timezone = models.CharField(max_length=64, default="Europe/London")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A sign-in account's place in one organisation, with the role it holds there."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people"
    )
    role = models.CharField(max_length=100)
    display_name = models.CharField(max_length=200)
    active = models.BooleanField(default=True)
    acknowledged_version = models.CharField(max_length=40, blank=True, default="")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_person_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.role})"


class TwoFactor(models.Model):
    """A time-based one-time code secret for one sign-in account, sealed at rest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor"
    )
    sealed_secret = models.TextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)


class LoginAttempt(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
