"""pytest set-up for the desk: settings, a throwaway data folder, and the team fixture.

The task backend is the dummy one, so tests run the task functions themselves
(``do_publish_draft``) and can inspect what was queued.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tactful.web.settings")
os.environ.setdefault("TACTFUL_DATA_DIR", tempfile.mkdtemp(prefix="tactful-test-"))
os.environ["TACTFUL_TASK_BACKEND"] = "dummy"

import django  # noqa: E402
import pytest  # noqa: E402

django.setup()


@pytest.fixture
def team(db):  # noqa: ANN001, ANN201
    from tactful.web.testing import build_team

    return build_team()


@pytest.fixture
def client_for(client):  # noqa: ANN001, ANN201
    """Sign a persona in: ``client_for(team.comms)``."""

    def sign_in(person):  # noqa: ANN001, ANN202
        client.force_login(person.user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _clear_dummy_tasks():  # noqa: ANN202
    from django_tasks import default_task_backend

    clear = getattr(default_task_backend, "clear", None)
    if clear:
        clear()
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # noqa: ANN001, ANN202
    # The real hasher is deliberately slow; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
