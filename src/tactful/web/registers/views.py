"""Register pages: thin callers of actions.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tactful.web.people.models import Person
from tactful.web.people.permissions import person_can
from tactful.web.people.policy import policy_for
from tactful.web.people.scope import org_view

from . import actions
from .forms import ChannelForm, ConsentForm, EmbargoForm, MediaForm
from .models import Channel, Consent, Embargo, MediaItem


def _access(model, person: Person, pk: int):  # noqa: ANN001, ANN202
    obj = model.objects.filter(pk=pk, organisation=person.organisation).first()
    if obj is None:
        raise Http404("not found")
    return obj


def access_channel(person: Person, pk: int) -> Channel:
    return _access(Channel, person, pk)


def access_consent(person: Person, pk: int) -> Consent:
    return _access(Consent, person, pk)


def access_media(person: Person, pk: int) -> MediaItem:
    return _access(MediaItem, person, pk)


def _errors(form, exc: Exception) -> None:  # noqa: ANN001
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, getattr(exc, "messages", [str(exc)]))


@org_view
def channels(request: HttpRequest, me: Person) -> HttpResponse:
    roles = [r.title for r in policy_for(me.organisation).policy.roles]
    form = ChannelForm(roles, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reason = request.POST.get("reason", "")
        try:
            if person_can(me, "manage_channels"):
                actions.do_add_channel(me, **data)
                messages.success(request, "Channel added.")
            else:
                actions.do_request_channel(me, reason, **data)
                messages.success(
                    request, "Your request has gone to the people who manage channels."
                )
            return redirect("registers:channels", org=me.organisation.slug)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
    rows = Channel.objects.filter(organisation=me.organisation).select_related("requested_by")
    return render(request, "registers/channels.html",
                  {"channels": rows, "form": form, "reason": request.POST.get("reason", "")})  # fmt: skip


@require_POST
@org_view
def channel_decide(request: HttpRequest, me: Person, pk: int) -> HttpResponse:
    channel = access_channel(me, pk)
    try:
        actions.do_decide_channel(me, channel, request.POST.get("decision") == "approve")
        messages.success(request, "Decision recorded.")
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("registers:channels", org=me.organisation.slug)


@require_POST
@org_view
def channel_token(request: HttpRequest, me: Person, pk: int) -> HttpResponse:
    channel = access_channel(me, pk)
    actions.do_set_channel_token(me, channel, request.POST.get("token", ""))
    messages.success(request, "Token stored, encrypted.")
    return redirect("registers:channels", org=me.organisation.slug)


@org_view
def consents(request: HttpRequest, me: Person) -> HttpResponse:
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_consent(me, **form.cleaned_data)
            messages.success(request, "Consent recorded.")
            return redirect("registers:consents", org=me.organisation.slug)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
    rows = Consent.objects.filter(organisation=me.organisation)
    return render(request, "registers/consents.html", {"consents": rows, "form": form})


@require_POST
@org_view
def consent_withdraw(request: HttpRequest, me: Person, pk: int) -> HttpResponse:
    consent = access_consent(me, pk)
    try:
        affected = actions.do_withdraw_consent(me, consent)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("registers:consents", org=me.organisation.slug)
    return render(request, "registers/withdrawn.html", {"consent": consent, "posts": affected})


@org_view
def media(request: HttpRequest, me: Person) -> HttpResponse:
    form = MediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("upload")
        try:
            actions.do_add_media(me, upload, **data)
            messages.success(request, "Added to the media library.")
            return redirect("registers:media", org=me.organisation.slug)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
    rows = MediaItem.objects.filter(organisation=me.organisation)
    return render(request, "registers/media.html", {"items": rows, "form": form})


@org_view
def media_file(request: HttpRequest, me: Person, pk: int) -> FileResponse:
    item = access_media(me, pk)
    if not item.file:
        raise Http404("no file")
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@org_view
def embargoes(request: HttpRequest, me: Person) -> HttpResponse:
    form = EmbargoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_embargo(me, **form.cleaned_data)
            messages.success(request, "Embargo recorded.")
            return redirect("registers:embargoes", org=me.organisation.slug)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
    rows = Embargo.objects.filter(organisation=me.organisation)
    return render(request, "registers/embargoes.html", {"embargoes": rows, "form": form})
