from __future__ import annotations

import datetime as dt

from ninja import Schema


class DraftIn(Schema):
    text: str
    title: str = ""
    channel: int | None = None
    account: str = "official"
    high_profile: bool = False
    reply_to: str = ""


class CheckIn(Schema):
    text: str
    channel: int | None = None
    account: str = "official"
    high_profile: bool = False
    reply_to: str = ""


class ApproveIn(Schema):
    role: str | None = None
    note: str = ""


class ScheduleIn(Schema):
    when: dt.datetime | None = None


class WaiveIn(Schema):
    index: int
    reason: str


class DraftOut(Schema):
    id: int
    title: str
    state: str
    text: str
    revision: int | None
    channel: int | None
    account: str
    scheduled_at: dt.datetime | None
    decision: str | None
    approvers: list[str]
    outstanding_approvers: list[str]
    findings: list[dict]
    actions: list[str]


class Error(Schema):
    detail: str
