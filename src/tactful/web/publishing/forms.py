from __future__ import annotations

from django import forms

from tactful.web.registers.models import Channel, MediaItem

from .models import Draft


class DraftForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, label="Title (only your team sees it)")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000, label="Post"
    )
    channel = forms.ModelChoiceField(queryset=Channel.objects.none(), required=False,
                                     empty_label="Choose later")  # fmt: skip
    account = forms.ChoiceField(choices=Draft.ACCOUNTS, initial="official")
    high_profile = forms.BooleanField(required=False, label="This is a high-profile announcement")
    reply_to = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                               label="Replying to (paste the comment, if this is a reply)")  # fmt: skip
    media = forms.ModelMultipleChoiceField(queryset=MediaItem.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, org, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(
            organisation=org, status=Channel.ACTIVE
        )
        self.fields["media"].queryset = MediaItem.objects.filter(organisation=org)


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        label="When (leave empty to publish now)",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
