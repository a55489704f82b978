"""Drafts, their revisions, the approvals and waivers bound to a revision, published
posts, and crisis periods."""

from __future__ import annotations

from django.db import models


class Draft(models.Model):
    DRAFT, SUBMITTED, APPROVED, SCHEDULED, HELD = (
        "draft",
        "submitted",
        "approved",
        "scheduled",
        "held",
    )
    PUBLISHING, PUBLISHED, FAILED, DELETED = "publishing", "published", "failed", "deleted"
    STATES = [
        (DRAFT, "Being written"),
        (SUBMITTED, "Waiting for approval"),
        (APPROVED, "Approved"),
        (SCHEDULED, "Scheduled"),
        (HELD, "Held (crisis)"),
        (PUBLISHING, "Publishing"),
        (PUBLISHED, "Published"),
        (FAILED, "Could not publish"),
        (DELETED, "Taken down"),
    ]
    ACCOUNTS = [("official", "Official account"), ("personal", "Personal account")]

    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="drafts"
    )
    author = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="drafts")
    title = models.CharField(max_length=200, blank=True)
    channel = models.ForeignKey(
        "registers.Channel", null=True, blank=True, on_delete=models.PROTECT, related_name="drafts"
    )
    account = models.CharField(max_length=10, choices=ACCOUNTS, default="official")
    high_profile = models.BooleanField(default=False)
    reply_to = models.TextField(blank=True)
    media = models.ManyToManyField("registers.MediaItem", blank=True, related_name="drafts")
    state = models.CharField(max_length=12, choices=STATES, default=DRAFT, db_index=True)
    current = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled_at = models.DateTimeField(null=True, blank=True, db_index=True)
    note = models.CharField(max_length=500, blank=True, help_text="Why the draft is where it is")
    # Set when a held post's time passed in a crisis: someone must approve it afresh.
    reapproval = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["organisation", "state", "-updated_at"])]

    def __str__(self) -> str:
        return self.title or (self.current.text[:60] if self.current else f"Draft {self.pk}")


class Revision(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The engine's verdict on this text when it was last checked (contract Result JSON).
    result = models.JSONField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="one_revision_number")
        ]

    @property
    def decision(self) -> str | None:
        return (self.result or {}).get("decision")

    @property
    def decision_label(self) -> str:
        return {"ok": "fine to publish", "needs_approval": "needs approval",
                "needs_changes": "needs changes"}.get(self.decision or "", "not checked")  # fmt: skip

    @property
    def findings(self) -> list[dict]:
        return (self.result or {}).get("findings", [])

    @property
    def approvers(self) -> list[str]:
        return (self.result or {}).get("approvers", [])


class Approval(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="approvals")
    role = models.CharField(max_length=100, help_text="The requirement this approval meets")
    by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_reason = models.CharField(max_length=200, blank=True)


class Waiver(models.Model):
    """A recorded decision to publish despite a blocker: who, why, when, for which finding."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="waivers")
    rule = models.CharField(max_length=120)
    clause = models.CharField(max_length=80)
    excerpt = models.CharField(max_length=500)
    by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True)


class Post(models.Model):
    """What went out on a channel. The key is sent to the connector so a retry after a
    crash finds the earlier send instead of posting twice."""

    LIVE, DELETED = "live", "deleted"
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="posts"
    )
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="posts")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey("registers.Channel", on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=100, unique=True)
    text = models.TextField()
    remote_id = models.CharField(max_length=200, blank=True)
    remote_url = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, default=LIVE)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class CrisisPeriod(models.Model):
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="crises"
    )
    reason = models.TextField()
    started_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    ended_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_crisis",
            )
        ]
