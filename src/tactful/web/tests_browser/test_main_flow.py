"""The main flow in a real browser (Debian's chromium through Playwright): sign in,
acknowledge, draft with a finding, fix it, submit, approve as another role, schedule,
publish to the outbox, crisis on and off. Takes screenshots of the main pages; they
replace the ones in docs/screenshots only when TACTFUL_SCREENSHOTS=1 is set, so an
ordinary test run leaves the working tree clean."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TACTFUL_CHROMIUM", "/usr/bin/chromium")
DOC_SHOTS = Path(__file__).resolve().parents[4] / "docs" / "screenshots"
SHOTS = (
    DOC_SHOTS
    if os.environ.get("TACTFUL_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "tactful-screenshots"
)

pytestmark = pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")


@pytest.fixture
def page():
    playwright = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
        yield context.new_page()
        browser.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _sign_in(page, base: str, username: str) -> None:
    from tactful.web.testing import PASSWORD

    page.goto(f"{base}/signin/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button.primary")


def _sign_out(page) -> None:
    page.click("text=Sign out")


def test_the_main_flow_in_a_browser(live_server, transactional_db, page):
    from tactful.web.publishing.models import Draft
    from tactful.web.publishing.sending import do_publish_draft
    from tactful.web.testing import build_team

    team = build_team(acknowledged=False)
    base = live_server.url

    _sign_in(page, base, "volunteer@test-charity")
    _shot(page, "dashboard")
    page.goto(f"{base}/o/test-charity/policy/")
    _shot(page, "policy")
    page.click("button[name=acknowledge]")
    assert "acknowledged the policy" in page.content()

    page.goto(f"{base}/o/test-charity/drafts/new/")
    page.fill("textarea[name=text]", "Vote Labour on Thursday to save the library!")
    page.wait_for_selector("#live-findings .sev-blocker")
    assert "Clause 2.1" in page.inner_text("#live-findings")
    _shot(page, "editor-with-finding")
    page.fill("textarea[name=text]", "Come to our coffee morning on Friday at the library.")
    page.wait_for_function("!document.querySelector('#live-findings .sev-blocker')")
    page.select_option("select[name=channel]", str(team.channel.pk))
    page.click("#draft-form button.primary")
    page.click("text=Send for approval")
    assert "Waiting for: Communications Manager" in page.content()
    draft = Draft.objects.get()
    _sign_out(page)

    _sign_in(page, base, "comms@test-charity")
    page.goto(f"{base}/o/test-charity/policy/")
    page.click("button[name=acknowledge]")
    page.goto(f"{base}/o/test-charity/drafts/{draft.pk}/")
    _shot(page, "draft-awaiting-approval")
    page.click("text=Approve revision 1")
    assert "Approved." in page.content()
    page.click("button:has-text('Schedule')")
    assert "Scheduled." in page.content()
    assert do_publish_draft(draft.pk, draft.current_id) == "published"  # what the worker does
    page.goto(f"{base}/feed/{team.channel.pk}/")
    assert "coffee morning on Friday" in page.content()
    _shot(page, "outbox-feed")
    _sign_out(page)

    _sign_in(page, base, "ceo@test-charity")
    page.goto(f"{base}/o/test-charity/crisis/")
    page.fill("#reason", "A serious complaint about an event is spreading online.")
    page.click("text=Turn on crisis mode")
    assert page.is_visible(".crisis-banner")
    page.goto(f"{base}/o/test-charity/drafts/")
    assert page.is_visible(".crisis-banner")
    _shot(page, "crisis-on")
    page.goto(f"{base}/o/test-charity/crisis/")
    page.click("text=Lift crisis mode")
    assert not page.is_visible(".crisis-banner")
    page.goto(f"{base}/o/test-charity/audit/?verify=1")
    assert "The chain is intact." in page.content()
    _shot(page, "audit-log")
