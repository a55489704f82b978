"""`tactful demo | serve | worker | manage`: thin entry points the CLI calls."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

SETTINGS = "tactful.web.settings"


def _setup(data_dir: str | None = None) -> None:
    if data_dir:
        os.environ["TACTFUL_DATA_DIR"] = str(Path(data_dir).expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _serve_wsgi(host: str, port: int, threads: int) -> None:
    import waitress

    signal.signal(signal.SIGTERM, _interrupt)  # so "finally" stops the worker we started

    from tactful.web.wsgi import application

    waitress.serve(application, host=host, port=port, threads=threads, ident="tactful",
                   clear_untrusted_proxy_headers=True)  # fmt: skip


def _start_worker_process(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tactful.web.commands", "worker"], env=env)


def _stop(proc: subprocess.Popen | None) -> None:
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def demo(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="tactful demo", description="Create a demo desk and start it.")
    p.add_argument("--data-dir", default=os.environ.get("TACTFUL_DEMO_DIR", "~/.local/share/tactful-demo"),
                   help="where the demo database and keys go (default: %(default)s)")  # fmt: skip
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--seed-only", action="store_true", help="create the data, print the logins, stop"
    )
    p.add_argument("--no-worker", action="store_true", help="do not start the background worker")
    args = p.parse_args(argv)
    os.environ.pop("DATABASE_URL", None)  # the demo is always a local SQLite file
    _setup(args.data_dir)
    _migrate()
    from tactful.web.demo import demo_password, seed
    from tactful.web.lib.keys import data_dir
    from tactful.web.people.models import Organisation, Person

    password_file = data_dir() / "keys" / "demo-password"
    if not Organisation.objects.exists():
        print("Creating the demo organisations (this takes a few seconds)...", flush=True)
        password = demo_password()
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        seed(password)
    password = password_file.read_text().strip() if password_file.exists() else "(set when created)"
    print(f"\nDemo data: {data_dir()}")
    print(f"Every demo login uses the password: {password}\n")
    current = None
    for person in Person.objects.select_related("organisation", "user").order_by(
        "organisation__name", "pk"
    ):
        if person.organisation.name != current:
            current = person.organisation.name
            print(f"  {current}")
        print(f"    {person.user.username:<58} {person.role}")
    if args.seed_only:
        return 0
    worker_proc = None
    if not args.no_worker:
        worker_proc = _start_worker_process(dict(os.environ))
    print(f"\nThe desk is at http://{args.host}:{args.port}/  (Ctrl-C to stop)\n", flush=True)
    try:
        _serve_wsgi(args.host, args.port, threads=8)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(worker_proc)
    return 0


def serve(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="tactful serve", description="Run the desk's web server.")
    p.add_argument("--host", default=os.environ.get("TACTFUL_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("TACTFUL_PORT", "8000")))
    p.add_argument("--threads", type=int, default=8)
    p.add_argument(
        "--no-migrate", action="store_true", help="do not apply database migrations first"
    )
    p.add_argument("--with-worker", action="store_true", help="also run a background worker")
    args = p.parse_args(argv)
    _setup()
    if not args.no_migrate:
        _migrate()
    worker_proc = _start_worker_process(dict(os.environ)) if args.with_worker else None
    print(f"Serving the desk at http://{args.host}:{args.port}/", flush=True)
    try:
        _serve_wsgi(args.host, args.port, args.threads)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(worker_proc)
    return 0


def _sweep_forever(every: float, stop: threading.Event) -> None:
    from django.db import close_old_connections

    from tactful.web.publishing.tasks import enqueue_due_posts

    while not stop.wait(every):
        try:
            enqueue_due_posts()
        except Exception as exc:  # a database blip must not kill the worker
            print(f"tactful worker: sweep failed: {exc}", file=sys.stderr, flush=True)
        finally:
            close_old_connections()


def worker(argv: list[str]) -> int:
    """Run the database task worker, plus a sweep that re-queues due or stuck posts
    (so a lost queue row or a crash mid-send is picked up again). Several workers may
    run at once against one PostgreSQL: claiming a send is a conditional update."""
    p = argparse.ArgumentParser(prog="tactful worker", description="Run the background worker.")
    p.add_argument("--sweep-every", type=float, default=10.0, help="seconds between sweeps")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between queue polls")
    args = p.parse_args(argv)
    _setup()
    from django.core.management import call_command

    stop = threading.Event()
    sweeper = threading.Thread(target=_sweep_forever, args=(args.sweep_every, stop), daemon=True)
    sweeper.start()
    try:
        call_command("db_worker", interval=args.interval, reload=False, verbosity=0,
                     queue_name="*")  # fmt: skip
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0


def manage(argv: list[str]) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tactful manage", *argv])
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "serve"
    sys.exit(
        {"demo": demo, "serve": serve, "worker": worker, "manage": manage}[command](sys.argv[2:])
    )
