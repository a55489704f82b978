from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from tactful.web.people.models import Person
from tactful.web.people.permissions import check_can
from tactful.web.people.scope import org_view

from .log import verify_org_chain
from .models import AuditEvent

CSV_COLUMNS = ["seq", "at", "actor", "event", "object_type", "object_id", "before", "after",
               "prev_hash", "hash"]  # fmt: skip


@org_view
def audit_log(request: HttpRequest, me: Person) -> HttpResponse:
    check_can(me, "view_audit")
    events = AuditEvent.objects.filter(organisation=me.organisation)
    name = request.GET.get("event", "").strip()
    if name:
        events = events.filter(name__startswith=name)
    page = Paginator(events.only("seq", "at", "actor_label", "name", "object_type", "object_id",
                                 "before", "after"), 100).get_page(request.GET.get("page"))  # fmt: skip
    broken = verify_org_chain(me.organisation) if request.GET.get("verify") else "unchecked"
    return render(request, "audit/log.html", {"page": page, "event": name, "broken": broken})


class _Echo:
    def write(self, value: str) -> str:
        return value


@org_view
def audit_csv(request: HttpRequest, me: Person) -> StreamingHttpResponse:
    check_can(me, "view_audit")
    writer = csv.writer(_Echo())
    events = AuditEvent.objects.filter(organisation=me.organisation).order_by("seq").iterator()

    def rows():  # noqa: ANN202
        yield writer.writerow(CSV_COLUMNS)
        for e in events:
            yield writer.writerow([
                e.seq, e.at.isoformat(), e.actor_label, e.name, e.object_type, e.object_id,
                "" if e.before is None else e.before, "" if e.after is None else e.after,
                e.prev_hash, e.hash,
            ])  # fmt: skip

    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="audit-{me.organisation.slug}-{stamp}.csv"'
    )
    return response
