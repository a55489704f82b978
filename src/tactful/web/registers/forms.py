from __future__ import annotations

from django import forms

from .models import Channel, Consent, Embargo, MediaItem


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["platform", "address", "purpose", "managed_by", "access_holders",
                  "recovery_contact", "two_factor", "last_access_review"]  # fmt: skip
        widgets = {"last_access_review": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, roles: list[str], *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["managed_by"] = forms.ChoiceField(choices=[(r, r) for r in roles],
                                                      label="Managed by")  # fmt: skip


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["person_name", "scope", "purpose", "parental", "given_on", "expires"]
        widgets = {
            "given_on": forms.DateInput(attrs={"type": "date"}),
            "expires": forms.DateInput(attrs={"type": "date"}),
        }


class MediaForm(forms.ModelForm):
    upload = forms.FileField(required=False, label="File (JPEG, PNG, GIF, WebP or MP4)")

    class Meta:
        model = MediaItem
        fields = ["title", "source", "licence", "credit", "alt_text", "depicts",
                  "shows_people", "shows_children", "logo"]  # fmt: skip


class EmbargoForm(forms.ModelForm):
    class Meta:
        model = Embargo
        fields = ["topic", "until"]
        widgets = {"until": forms.DateTimeInput(attrs={"type": "datetime-local"})}
