"""The organisation's registers: official channels, consents, media and embargoes.
Together they are what the engine's Context knows about a draft."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from tactful.engine.model import CHANNELS

PLATFORM_CHOICES = [(c, c.title() if c != "x" else "X") for c in CHANNELS]


class Channel(models.Model):
    ACTIVE, REQUESTED, REFUSED, RETIRED = "active", "requested", "refused", "retired"
    STATUS_CHOICES = [
        (ACTIVE, "In use"),
        (REQUESTED, "Asked for, awaiting approval"),
        (REFUSED, "Refused"),
        (RETIRED, "Retired"),
    ]
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="channels"
    )
    platform = models.CharField(max_length=20, choices=PLATFORM_CHOICES)
    address = models.CharField(max_length=200, help_text="Handle or web address")
    purpose = models.CharField(max_length=500, blank=True)
    managed_by = models.CharField(max_length=100, help_text="The role that manages it")
    access_holders = models.CharField(max_length=500, blank=True, help_text="Who can sign in")
    recovery_contact = models.CharField(max_length=200, blank=True)
    two_factor = models.BooleanField(default=False, help_text="Two-factor sign-in is on")
    last_access_review = models.DateField(null=True, blank=True)
    connector = models.CharField(max_length=30, default="outbox")
    sealed_token = models.TextField(blank=True, default="")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=ACTIVE)
    requested_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "address"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.address}"


class Consent(models.Model):
    SCOPES = [("photo", "Photo or video"), ("name", "Name"), ("story", "Story")]
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="consents"
    )
    person_name = models.CharField(max_length=200)
    scope = models.CharField(max_length=10, choices=SCOPES)
    purpose = models.CharField(max_length=500, blank=True, help_text="What it was given for")
    parental = models.BooleanField(default=False, help_text="A parent consented for a child")
    given_on = models.DateField(default=timezone.localdate)
    expires = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person_name"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.scope})"

    def is_current(self, today) -> bool:  # noqa: ANN001
        return self.withdrawn_at is None and (self.expires is None or self.expires >= today)


class MediaItem(models.Model):
    SOURCES = [("own", "Our own"), ("third_party", "Someone else's")]
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="media"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="media/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=10, default="image")
    source = models.CharField(max_length=12, choices=SOURCES, default="own")
    licence = models.CharField(max_length=100, blank=True, help_text="Licence or 'permission'")
    credit = models.CharField(max_length=200, blank=True)
    alt_text = models.TextField(blank=True)
    depicts = models.CharField(max_length=500, blank=True)
    shows_people = models.BooleanField(default=False)
    shows_children = models.BooleanField(default=False)
    logo = models.BooleanField(default=False, help_text="Carries the organisation's logo")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Embargo(models.Model):
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="embargoes"
    )
    topic = models.CharField(max_length=300)
    until = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["until"]

    def __str__(self) -> str:
        return self.topic
