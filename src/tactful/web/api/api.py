"""The REST API (OpenAPI docs at /api/docs). Same actions, same permission checks as
the pages: every handler resolves the person in the organisation first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from tactful.web.people.models import Person
from tactful.web.people.scope import access_person
from tactful.web.publishing import actions
from tactful.web.publishing.checking import check_text, explain, outstanding_approvers
from tactful.web.publishing.models import Draft
from tactful.web.publishing.permissions import available_actions
from tactful.web.publishing.views import access_draft
from tactful.web.registers.models import Channel

from .actions import digest
from .models import ApiToken
from .schemas import ApproveIn, CheckIn, DraftIn, DraftOut, Error, ScheduleIn, WaiveIn


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # noqa: ANN201
        row = ApiToken.objects.select_related("person__user").filter(digest=digest(token)).first()
        if row is None or not row.person.active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.person.user
        request.api_person = row.person  # type: ignore[attr-defined]
        return row.person.user


api = NinjaAPI(
    title="Tactful desk API",
    version="1",
    auth=[django_auth, BearerToken()],
    urls_namespace="api",
    description="Drafts, checks, approvals and scheduling, with the same permissions as the desk.",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied):  # noqa: ANN202
    return api.create_response(request, {"detail": str(exc) or "not allowed"}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):  # noqa: ANN202
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)


@api.exception_handler(Http404)
def _missing(request: HttpRequest, exc: Http404):  # noqa: ANN202
    return api.create_response(request, {"detail": "not found"}, status=404)


def _person(request: HttpRequest, org: str) -> Person:
    token_person = getattr(request, "api_person", None)
    if token_person is not None:
        if token_person.organisation.slug != org:
            raise Http404
        return token_person
    return access_person(request.user, org)


def _channel(person: Person, channel_id: int | None) -> Channel | None:
    if channel_id is None:
        return None
    channel = Channel.objects.filter(organisation=person.organisation, pk=channel_id).first()
    if channel is None:
        raise ValidationError("No such channel in this organisation.")
    return channel


def _out(person: Person, draft: Draft) -> dict:
    rev = draft.current
    return {
        "id": draft.pk, "title": draft.title, "state": draft.state,
        "text": rev.text if rev else "", "revision": rev.number if rev else None,
        "channel": draft.channel_id, "account": draft.account, "scheduled_at": draft.scheduled_at,
        "decision": rev.decision if rev else None, "approvers": rev.approvers if rev else [],
        "outstanding_approvers": outstanding_approvers(draft),
        "findings": rev.findings if rev else [],
        "actions": sorted(available_actions(person, draft)),
    }  # fmt: skip


@api.get("/o/{org}/drafts", response={200: list[DraftOut], 404: Error})
def list_drafts(request: HttpRequest, org: str, state: str = "", limit: int = 50):
    me = _person(request, org)
    rows = Draft.objects.filter(organisation=me.organisation).select_related("current")
    if state:
        rows = rows.filter(state=state)
    return [_out(me, d) for d in rows[: max(1, min(limit, 200))]]


@api.post("/o/{org}/drafts", response={201: DraftOut, 403: Error, 404: Error, 422: Error})
def create_draft(request: HttpRequest, org: str, body: DraftIn):
    me = _person(request, org)
    draft = actions.do_create_draft(
        me, body.text, channel=_channel(me, body.channel), account=body.account, title=body.title,
        high_profile=body.high_profile, reply_to=body.reply_to,
    )  # fmt: skip
    return 201, _out(me, draft)


@api.get("/o/{org}/drafts/{draft_id}", response={200: DraftOut, 404: Error})
def get_draft(request: HttpRequest, org: str, draft_id: int):
    me = _person(request, org)
    return _out(me, access_draft(me, draft_id))


@api.put("/o/{org}/drafts/{draft_id}", response={200: DraftOut, 403: Error, 404: Error, 422: Error})
def edit_draft(request: HttpRequest, org: str, draft_id: int, body: DraftIn):
    me = _person(request, org)
    draft = actions.do_edit_draft(
        me, access_draft(me, draft_id), body.text, channel=_channel(me, body.channel),
        account=body.account, title=body.title, high_profile=body.high_profile,
        reply_to=body.reply_to,
    )  # fmt: skip
    return _out(me, draft)


@api.post("/o/{org}/check", response={200: dict, 404: Error})
def check_draft_text(request: HttpRequest, org: str, body: CheckIn):
    me = _person(request, org)
    channel = _channel(me, body.channel)
    result = check_text(
        me.organisation, body.text[:10_000], author_role=me.role,
        platform=channel.platform if channel else None, account=body.account,
        high_profile=body.high_profile, reply_to=body.reply_to,
    ).model_dump(mode="json")  # fmt: skip
    result["findings"] = explain(me.organisation, result["findings"])
    return result


def _act(request: HttpRequest, org: str, draft_id: int, fn) -> dict:  # noqa: ANN001
    me = _person(request, org)
    draft = fn(me, access_draft(me, draft_id))
    return _out(me, Draft.objects.select_related("current").get(pk=draft.pk))


ACT = {200: DraftOut, 403: Error, 404: Error, 422: Error}


@api.post("/o/{org}/drafts/{draft_id}/submit", response=ACT)
def submit_draft(request: HttpRequest, org: str, draft_id: int):
    return _act(request, org, draft_id, actions.do_submit_draft)


@api.post("/o/{org}/drafts/{draft_id}/approve", response=ACT)
def approve_draft(request: HttpRequest, org: str, draft_id: int, body: ApproveIn):
    return _act(
        request, org, draft_id, lambda me, d: actions.do_approve_draft(me, d, body.role, body.note)
    )


@api.post("/o/{org}/drafts/{draft_id}/waive", response=ACT)
def waive_finding(request: HttpRequest, org: str, draft_id: int, body: WaiveIn):
    def fn(me, d):  # noqa: ANN001, ANN202
        actions.do_waive_finding(me, d, body.index, body.reason)
        return d

    return _act(request, org, draft_id, fn)


@api.post("/o/{org}/drafts/{draft_id}/schedule", response=ACT)
def schedule_draft(request: HttpRequest, org: str, draft_id: int, body: ScheduleIn):
    return _act(request, org, draft_id, lambda me, d: actions.do_schedule_draft(me, d, body.when))


@api.post("/o/{org}/drafts/{draft_id}/unschedule", response=ACT)
def unschedule_draft(request: HttpRequest, org: str, draft_id: int):
    return _act(request, org, draft_id, actions.do_unschedule_draft)
