"""Desk speed: the check-as-you-type endpoint under 20 concurrent users, page loads
with 10,000 posts and 50,000 audit entries, and how late scheduled posts go out.

Runs against a throwaway SQLite database (or DATABASE_URL if set) with the
clean-slate policy. Prints figures; asserts nothing.

    python benchmarks/bench_desk.py [--users 20] [--requests 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.cookiejar import CookieJar

os.environ.setdefault("TACTFUL_DATA_DIR", tempfile.mkdtemp(prefix="tactful-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tactful.web.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

POSTS = ["Come to our coffee morning on Friday at ten in the church hall.",
         "Thank you to everyone who ran, walked and baked for our appeal this month.",
         "Our helpline is open weekdays from nine until five. Call us if you need a chat.",
         "We are looking for volunteers to help at the summer fair on 12 July."]  # fmt: skip


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def setup_org():
    from tactful.web.people.actions import do_add_person_unchecked
    from tactful.web.people.models import Organisation
    from tactful.web.registers.models import Channel

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(slug="bench", name="Bench", policy_ref="clean-slate")
    person = do_add_person_unchecked(org, "ceo@bench", "Bench CEO", "CEO", None)
    person.user.password = make_password("bench-password-123")
    person.user.save()
    channel = Channel.objects.create(
        organisation=org, platform="facebook", address="@bench", managed_by="CEO"
    )
    return org, person, channel


def serve(port: int) -> subprocess.Popen:
    """`tactful serve` in its own process, as the desk runs for real: a server thread
    inside this process would share one interpreter lock with the 20 simulated users."""
    server = subprocess.Popen(
        [sys.executable, "-m", "tactful.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)  # noqa: S310
            break
        except OSError:
            time.sleep(0.3)
    return server


class Session:
    def __init__(self, base: str) -> None:
        self.base, self.jar = base, CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str) -> float:
        t = time.perf_counter()
        with self.opener.open(self.base + path, timeout=30) as r:
            r.read()
        return (time.perf_counter() - t) * 1000

    def post(self, path: str, data: bytes, ctype: str) -> float:
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method="POST",
            headers={
                "Content-Type": ctype,
                "X-CSRFToken": self.csrf(),
                "Referer": self.base + path,
            },
        )
        t = time.perf_counter()
        with self.opener.open(req, timeout=30) as r:
            r.read()
        return (time.perf_counter() - t) * 1000

    def sign_in(self) -> None:
        self.get("/signin/")
        body = f"username=ceo%40bench&password=bench-password-123&csrfmiddlewaretoken={self.csrf()}"
        self.post("/signin/", body.encode(), "application/x-www-form-urlencoded")


def bench_check(base: str, users: int, per_user: int, pace: float = 0.0) -> None:
    """pace=0: every user fires back to back (worst case); pace>0: one check per user
    every ``pace`` seconds, as the editor does for someone typing steadily, the users
    starting at staggered moments."""
    sessions = [Session(base) for _ in range(users)]
    for s in sessions:
        s.sign_in()
    sessions[0].post("/o/bench/drafts/check/", b'{"text": "warm up"}', "application/json")
    times: list[float] = []
    lock = threading.Lock()

    def user(s: Session, n: int) -> None:
        if pace:
            # People do not type in step: spread the users' first checks over one interval.
            time.sleep(pace * n / users)
        for i in range(per_user):
            text = POSTS[(n + i) % len(POSTS)][: 20 + (i * 7) % 60]
            ms = s.post(
                "/o/bench/drafts/check/", json.dumps({"text": text}).encode(), "application/json"
            )
            with lock:
                times.append(ms)
            if pace:
                time.sleep(max(0.0, pace - ms / 1000))

    threads = [threading.Thread(target=user, args=(s, n)) for n, s in enumerate(sessions)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    mode = f"one check per user every {pace:.1f} s" if pace else "back to back"
    print(f"check-as-you-type, {users} concurrent users ({mode}), {len(times)} requests: "
          f"median {statistics.median(times):.0f} ms, p95 {pct(times, 0.95):.0f} ms, "
          f"max {max(times):.0f} ms, {len(times) / wall:.0f} requests/s")  # fmt: skip


def fill(org, person, channel, drafts: int, events: int) -> None:
    from tactful.web.audit.models import AuditEvent
    from tactful.web.publishing.models import Draft, Post, Revision

    now = timezone.now()
    batch = [
        Draft(organisation=org, author=person, channel=channel, state="published")
        for _ in range(drafts)
    ]
    Draft.objects.bulk_create(batch, batch_size=1000)
    ids = list(Draft.objects.filter(organisation=org).values_list("pk", flat=True))
    revs = [Revision(draft_id=i, number=1, text=POSTS[i % 4], author=person,
                     result={"decision": "ok", "approvers": [], "findings": []}) for i in ids]  # fmt: skip
    Revision.objects.bulk_create(revs, batch_size=1000)
    rev_of = dict(Revision.objects.filter(draft__organisation=org).values_list("draft_id", "pk"))
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for i in chunk:
            Draft.objects.filter(pk=i).update(current_id=rev_of[i])
    Post.objects.bulk_create([Post(organisation=org, draft_id=i, revision_id=rev_of[i], channel=channel,
                                   key=f"bench-{i}", text=POSTS[i % 4], remote_id=str(i), published_at=now)
                              for i in ids], batch_size=1000)  # fmt: skip
    base = AuditEvent.objects.filter(organisation=org).count()
    AuditEvent.objects.bulk_create([
        AuditEvent(organisation=org, seq=base + n + 1, at=now, actor_label="bench", name="publishing.draft.edit",
                   object_type="Draft", object_id=str(n), before={"state": "draft"}, after={"state": "submitted"},
                   prev_hash="0" * 64, hash="0" * 64) for n in range(events)], batch_size=2000)  # fmt: skip


def bench_pages(base: str, draft_id: int, rounds: int) -> None:
    s = Session(base)
    s.sign_in()
    pages = ["/o/bench/", "/o/bench/drafts/", "/o/bench/drafts/?page=150", f"/o/bench/drafts/{draft_id}/",
             "/o/bench/audit/", "/o/bench/audit/?page=400", "/o/bench/channels/", "/feed/1/"]  # fmt: skip
    for page in pages:
        s.get(page)
    for page in pages:
        times = [s.get(page) for _ in range(rounds)]
        print(
            f"  {page:<32} median {statistics.median(times):5.0f} ms  p95 {pct(times, 0.95):5.0f} ms"
        )


def bench_schedule(org, person, count: int) -> None:
    from tactful.web.publishing import actions
    from tactful.web.publishing.models import Draft, Post

    env = dict(os.environ)
    worker = subprocess.Popen([sys.executable, "-m", "tactful.web.commands", "worker"], env=env)
    try:
        time.sleep(3)
        drafts = []
        for n in range(count):
            d = actions.do_create_draft(person, POSTS[n % 4], channel=org.channels.first())
            actions.do_submit_draft(person, d)
            d.refresh_from_db()
            if d.state == Draft.APPROVED:
                drafts.append(d)
        due = timezone.now() + dt.timedelta(seconds=5)
        for d in drafts:
            actions.do_schedule_draft(person, d, due)
        deadline = time.time() + 90
        ids = [d.pk for d in drafts]
        while time.time() < deadline and Draft.objects.filter(
            pk__in=ids, state=Draft.PUBLISHED
        ).count() < len(ids):
            time.sleep(0.5)
        late = [
            (p.published_at - due).total_seconds() for p in Post.objects.filter(draft_id__in=ids)
        ]
        if late:
            print(f"scheduled posts: {len(late)} of {len(ids)} out; lateness median {statistics.median(late):.1f} s, "
                  f"max {max(late):.1f} s")  # fmt: skip
        else:
            print(
                f"scheduled posts: none of {len(ids)} went out within 90 s (the checks may block the samples)"
            )
    finally:
        worker.terminate()
        worker.wait(20)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--requests", type=int, default=15)
    ap.add_argument("--drafts", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=50_000)
    args = ap.parse_args()
    org, person, channel = setup_org()
    from tactful.engine import load_policy

    person.acknowledged_version = load_policy("clean-slate").version
    person.save()
    port = 18000 + os.getpid() % 1000
    server = serve(port)
    base = f"http://127.0.0.1:{port}"
    bench_check(base, args.users, args.requests)
    bench_check(base, args.users, args.requests, pace=1.0)
    t = time.perf_counter()
    fill(org, person, channel, args.drafts, args.events)
    print(
        f"filled {args.drafts:,} posts and {args.events:,} audit entries in {time.perf_counter() - t:.0f} s"
    )
    from tactful.web.publishing.models import Draft

    print("page loads (one user, sequential):")
    bench_pages(base, Draft.objects.filter(organisation=org).first().pk, 20)
    bench_schedule(org, person, 10)
    server.terminate()
    server.wait(timeout=30)


if __name__ == "__main__":
    main()
