"""Pages for drafts, posts and the crisis switch: thin callers of actions.py."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tactful.web.people.models import Person
from tactful.web.people.scope import org_view
from tactful.web.registers.models import Channel, MediaItem

from . import actions
from .checking import check_text, explain, open_blockers, outstanding_approvers
from .crisis import current_crisis
from .forms import DraftForm, ReasonForm, ScheduleForm
from .models import CrisisPeriod, Draft, Post
from .permissions import approvable_roles, available_actions, has_acknowledged

STATE_FILTERS = [s for s, _ in Draft.STATES]


def access_draft(person: Person, draft_id: int) -> Draft:
    draft = (
        Draft.objects.select_related("current", "channel", "author", "organisation")
        .filter(pk=draft_id, organisation=person.organisation)
        .first()
    )
    if draft is None:
        raise Http404("no such draft")
    return draft


def access_post(person: Person, post_id: int) -> Post:
    post = (
        Post.objects.select_related("draft", "channel", "organisation")
        .filter(pk=post_id, organisation=person.organisation)
        .first()
    )
    if post is None:
        raise Http404("no such post")
    return post


@org_view
def draft_list(request: HttpRequest, me: Person) -> HttpResponse:
    drafts = Draft.objects.filter(organisation=me.organisation).select_related(
        "current", "author", "channel"
    )
    state = request.GET.get("state", "")
    if state in STATE_FILTERS:
        drafts = drafts.filter(state=state)
    page = Paginator(drafts, 50).get_page(request.GET.get("page"))
    return render(request, "publishing/draft_list.html",
                  {"page": page, "state": state, "states": Draft.STATES})  # fmt: skip


def _draft_fields(form: DraftForm) -> dict:
    data = form.cleaned_data
    return {
        "channel": data["channel"], "account": data["account"], "title": data["title"],
        "high_profile": data["high_profile"], "reply_to": data["reply_to"],
        "media": list(data["media"]),
    }  # fmt: skip


@org_view
def draft_new(request: HttpRequest, me: Person) -> HttpResponse:
    form = DraftForm(me.organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = actions.do_create_draft(me, form.cleaned_data["text"], **_draft_fields(form))
            messages.success(request, "Draft saved.")
            return redirect("publishing:draft", org=me.organisation.slug, draft_id=draft.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "publishing/draft_edit.html", {"form": form, "draft": None})


@org_view
def draft_detail(request: HttpRequest, me: Person, draft_id: int) -> HttpResponse:
    draft = access_draft(me, draft_id)
    allowed = available_actions(me, draft)
    form = None
    if "edit" in allowed:
        initial = {
            "title": draft.title, "text": draft.current.text if draft.current else "",
            "channel": draft.channel_id, "account": draft.account,
            "high_profile": draft.high_profile, "reply_to": draft.reply_to,
            "media": list(draft.media.values_list("pk", flat=True)),
        }  # fmt: skip
        form = DraftForm(me.organisation, request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                actions.do_edit_draft(me, draft, form.cleaned_data["text"], **_draft_fields(form))
                messages.success(request, "Saved as a new revision.")
                return redirect("publishing:draft", org=me.organisation.slug, draft_id=draft.pk)
            except ValidationError as exc:
                form.add_error(None, exc)
    revision = draft.current
    findings = explain(me.organisation, revision.findings) if revision else []
    blockers = open_blockers(revision) if revision else []
    context = {
        "draft": draft, "form": form, "allowed": allowed, "revision": revision,
        "findings": findings, "blockers": explain(me.organisation, blockers),
        "waivers": revision.waivers.select_related("by") if revision else [],
        "approvals": revision.approvals.select_related("by") if revision else [],
        "outstanding": outstanding_approvers(draft), "my_roles": approvable_roles(me, draft),
        "acknowledged": has_acknowledged(me), "schedule_form": ScheduleForm(),
        "posts": draft.posts.all(), "revisions": draft.revisions.all()[:20],
    }  # fmt: skip
    return render(request, "publishing/draft_detail.html", context)


def _run(request: HttpRequest, me: Person, draft: Draft, fn, ok: str) -> HttpResponse:  # noqa: ANN001
    try:
        fn()
        messages.success(request, ok)
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text[:1].upper() + text[1:])
    return redirect("publishing:draft", org=me.organisation.slug, draft_id=draft.pk)


@require_POST
@org_view
def draft_action(request: HttpRequest, me: Person, draft_id: int, action: str) -> HttpResponse:
    draft = access_draft(me, draft_id)
    post = request.POST
    if action == "submit":
        return _run(
            request, me, draft, lambda: actions.do_submit_draft(me, draft), "Sent for approval."
        )
    if action == "approve":
        return _run(request, me, draft,
                    lambda: actions.do_approve_draft(me, draft, post.get("role") or None, post.get("note", "")),
                    "Approved.")  # fmt: skip
    if action == "waive":
        index = int(post.get("index", "-1")) if post.get("index", "").lstrip("-").isdigit() else -1
        return _run(request, me, draft,
                    lambda: actions.do_waive_finding(me, draft, index, post.get("reason", "")),
                    "Waiver recorded.")  # fmt: skip
    if action == "schedule":
        form = ScheduleForm(post)
        if not form.is_valid():
            messages.error(
                request, "Give the time as a date and time, for example 2026-12-01 09:30."
            )
            return redirect("publishing:draft", org=me.organisation.slug, draft_id=draft.pk)
        return _run(request, me, draft,
                    lambda: actions.do_schedule_draft(me, draft, form.cleaned_data["when"]),
                    "Scheduled.")  # fmt: skip
    if action == "unschedule":
        return _run(
            request,
            me,
            draft,
            lambda: actions.do_unschedule_draft(me, draft),
            "No longer scheduled.",
        )
    if action == "retry":
        return _run(request, me, draft, lambda: actions.do_retry_draft(me, draft), "Trying again.")
    raise Http404("no such action")


@require_POST
@org_view
def post_action(request: HttpRequest, me: Person, post_id: int, action: str) -> HttpResponse:
    post = access_post(me, post_id)
    form = ReasonForm(request.POST)
    reason = request.POST.get("reason", "")
    if action == "amend":
        fn = lambda: actions.do_amend_post(me, post, request.POST.get("text", ""), reason)  # noqa: E731
        return _run(request, me, post.draft, fn, "The post has been amended.")
    if action == "take_down":
        return _run(request, me, post.draft, lambda: actions.do_take_down_post(me, post, reason),
                    "The post has been taken down.")  # fmt: skip
    del form
    raise Http404("no such action")


@require_POST
@org_view
def check_endpoint(request: HttpRequest, me: Person) -> JsonResponse:
    """The editor's check-as-you-type: text in, findings with clause and reason out."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "send JSON"}, status=400)
    if not isinstance(body, dict):
        return JsonResponse({"error": "send a JSON object"}, status=400)
    text = str(body.get("text", ""))[:10_000]
    channel_id = body.get("channel") or 0
    if isinstance(channel_id, bool) or not isinstance(channel_id, int):
        return JsonResponse({"error": "channel must be a channel's number"}, status=400)
    channel = Channel.objects.filter(organisation=me.organisation, pk=channel_id).first()
    if channel_id and channel is None:
        return JsonResponse({"error": f"no channel {channel_id} in this organisation"}, status=400)
    media_list = body.get("media", [])
    media_ids = [m for m in media_list if isinstance(m, int)][:20] if isinstance(media_list, list) else []
    media = list(MediaItem.objects.filter(organisation=me.organisation, pk__in=media_ids))
    result = check_text(
        me.organisation, text, author_role=me.role,
        platform=channel.platform if channel else None,
        account=body.get("account") if body.get("account") in ("official", "personal") else "official",
        media=media, high_profile=bool(body.get("high_profile")), reply_to=str(body.get("reply_to") or ""),
    ).model_dump(mode="json")  # fmt: skip
    result["findings"] = explain(me.organisation, result["findings"])
    return JsonResponse(result)


@org_view
def crisis_page(request: HttpRequest, me: Person) -> HttpResponse:
    crisis = current_crisis(me.organisation)
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            if crisis:
                actions.do_end_crisis(me, reason)
                messages.success(
                    request, "Crisis mode is off. Check the posts sent back for approval."
                )
            else:
                actions.do_start_crisis(me, reason)
                messages.warning(request, "Crisis mode is on. Every scheduled post is held.")
            return redirect("publishing:crisis", org=me.organisation.slug)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    held = Draft.objects.filter(organisation=me.organisation, state=Draft.HELD).select_related(
        "current"
    )
    history = CrisisPeriod.objects.filter(organisation=me.organisation).select_related(
        "started_by", "ended_by"
    )[:10]
    return render(request, "publishing/crisis.html",
                  {"can_switch": actions.can_switch_crisis(me), "held": held, "history": history,
                   "reason": reason})  # fmt: skip
