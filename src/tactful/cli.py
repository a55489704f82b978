"""`tactful ...`: a thin door onto the engine and the web app.

Exit codes for ``check``: 0 ok, 1 needs_changes, 3 needs_approval, 2 usage or
input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

EXIT_OK, EXIT_CHANGES, EXIT_USAGE, EXIT_APPROVAL = 0, 1, 2, 3
WEB_COMMANDS = ("demo", "serve", "worker", "manage")
DECISION_EXIT = {"ok": EXIT_OK, "needs_changes": EXIT_CHANGES, "needs_approval": EXIT_APPROVAL}
MAX_INPUT_BYTES = 1_048_576
MAX_CONTEXT_BYTES = 1_048_576


class UsageError(Exception):
    """A problem with what the user typed or gave us; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# the contract's channel ids (tactful.engine.model.CHANNELS, not imported here so that
# building the parser stays cheap)
CHANNELS = ("facebook", "instagram", "x", "linkedin", "bluesky", "mastodon")


def _channel(value: str) -> str:
    """A channel id, or a one-line error that names the one meant ("twitter": x)."""
    if value in CHANNELS:
        return value
    from tactful.engine.model import did_you_mean

    raise argparse.ArgumentTypeError(
        f"unknown channel {value!r}{did_you_mean(value, CHANNELS)}; choose from {', '.join(CHANNELS)}"
    )


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tactful", description="Check posts against a charity's social media policy.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    c = sub.add_parser("check", help="check a draft post against a policy")
    c.add_argument("text", nargs="?", help="the post text, or - to read standard input")
    c.add_argument("--policy", required=True, help="a built-in policy id or a policy file")
    c.add_argument("--channel", type=_channel, help=f"one of {', '.join(CHANNELS)}")
    c.add_argument("--account", choices=("official", "personal"), default="official")
    c.add_argument("--context", help="a JSON file of what the records know about the draft")
    c.add_argument("--file", help="read the post text from a file")
    c.add_argument("--jsonl", help="check one JSON object per line from a file, or - for stdin")
    c.add_argument("--format", choices=("text", "json"), default="text")

    t = sub.add_parser("triage", help="classify and route inbound comments and messages")
    t.add_argument("text", nargs="?", help="the message text, or - to read standard input")
    t.add_argument("--policy", required=True)
    t.add_argument("--channel", type=_channel, help=f"one of {', '.join(CHANNELS)}")
    t.add_argument("--kind", choices=("comment", "direct_message", "mention"), default="comment")
    t.add_argument("--received-at", dest="received_at", help="when it arrived (ISO 8601)")
    t.add_argument("--file", help="read the message text from a file")
    t.add_argument("--jsonl", help="triage one JSON object per line from a file, or - for stdin")
    t.add_argument("--format", choices=("text", "json"), default="text")

    pol = sub.add_parser("policy", help="list, show and validate policies")
    psub = pol.add_subparsers(dest="policy_command", parser_class=_Parser)
    psub.add_parser("list", help="list the built-in policies")
    show = psub.add_parser("show", help="show a policy's clauses and what enforces each")
    show.add_argument("policy")
    val = psub.add_parser("validate", help="validate a policy file")
    val.add_argument("file")

    for name, helptext in (
        ("demo", "create a demo database with the five seed charities and start the desk"),
        ("serve", "run the web desk"),
        ("worker", "run the background worker"),
        ("manage", "run a Django management command"),
    ):
        w = sub.add_parser(name, help=helptext, add_help=name != "manage")
        w.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _read_bytes(stream: Any, limit: int, what: str) -> str:
    data = stream.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > limit:
        raise UsageError(f"{what} is larger than {limit // 1024} KB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{what} is not valid UTF-8 (byte {exc.start})") from None


def _read_file(path: str, limit: int, what: str) -> str:
    try:
        with open(path, "rb") as fh:
            return _read_bytes(fh, limit, what)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def _stdin_bytes() -> Any:
    return getattr(sys.stdin, "buffer", sys.stdin)


def _post_text(args: argparse.Namespace, what: str = "post") -> str:
    if getattr(args, "file", None):
        text = _read_file(args.file, MAX_INPUT_BYTES, f"the {what} file")
    elif args.text == "-":
        text = _read_bytes(_stdin_bytes(), MAX_INPUT_BYTES, "standard input")
    elif args.text is not None:
        text = args.text
    else:
        raise UsageError(f"give the {what} text, - for standard input, --file or --jsonl")
    if not text.strip():
        raise UsageError(f"the {what} is empty")
    return text


def _load_context(path: str | None) -> Any:

    if not path:
        return None
    raw = _read_file(path, MAX_CONTEXT_BYTES, "the context file")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    return _context(data, path)


def _context(data: Any, where: str | None, warn_as: str | None = None) -> Any:
    """The context as the engine's Context; ``where`` (a file name) starts an error
    message, ``warn_as`` (else ``where``) a warning. Unknown keys stay ignored, as the
    contract says, but each is named on stderr so a misspelt key is not lost unseen."""
    import warnings

    from pydantic import ValidationError

    from tactful.engine import Context
    from tactful.engine.model import UnknownContextKeyWarning

    prefix = f"{where}: " if where else ""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise UsageError(f"{prefix}the context must be a JSON object")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UnknownContextKeyWarning)
            ctx = Context.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(x) for x in err["loc"])
        raise UsageError(f"{prefix}context.{field}: {err['msg']}") from None
    for w in caught:
        if issubclass(w.category, UnknownContextKeyWarning):
            label = f"{warn_as}: " if warn_as else prefix
            sys.stderr.write(f"tactful: warning: {label}{w.message}\n")
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return ctx


def _format_finding_line(text: str, f: Any) -> str:
    line = text.count("\n", 0, f.start) + 1
    col = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
    msg = f.message + (f' (try "{f.suggestion}")' if f.suggestion else "")
    return f"{line}:{col} {f.severity} {f.category} [{f.clause}] {msg}"


def _standing_reasons(policy: Any, account: str, approvers: list[str]) -> list[str]:
    """Why a post with nothing to fix still needs someone: the policy's standing rule
    ("every official post is cleared by ..."), named with its clause."""
    reasons = []
    for standing in policy.policy.approval:
        role = standing.roles[0]
        if account in standing.accounts and role in approvers:
            clause = policy.policy.clause(standing.clause)
            heading = f" ({clause.heading})" if clause is not None and clause.heading else ""
            reasons.append(f"clause {standing.clause}{heading} asks it for every {account} post")
    return reasons


def _print_result_text(
    text: str, result: Any, out: TextIO, policy: Any = None, account: str = "official"
) -> None:
    for f in result.findings:
        out.write(_format_finding_line(text, f) + "\n")
    decision = result.decision
    if result.approvers:
        why = _standing_reasons(policy, account, result.approvers) if policy is not None else []
        decision += " (approval: " + ", ".join(result.approvers) + "".join(f"; {w}" for w in why)
        decision += ")"
    out.write(f"decision: {decision}\n")


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from tactful.engine import check, load_policy

    policy = load_policy(args.policy)
    if args.jsonl:
        return _check_jsonl(args, policy, out)
    text = _post_text(args)
    ctx = _load_context(args.context)
    result = check(text, policy=policy, channel=args.channel, account=args.account, context=ctx)
    if args.format == "json":
        out.write(result.model_dump_json() + "\n")
    else:
        _print_result_text(text, result, out, policy, args.account)
    return DECISION_EXIT[result.decision]


def _jsonl_lines(source: str) -> Iterator[str]:
    if source == "-":
        stream = _stdin_bytes()
        for raw in stream:
            yield raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        return
    try:
        fh = open(source, "rb")  # noqa: SIM115 - closed below, streamed line by line
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror}") from None
    with fh:
        for raw in fh:
            yield raw.decode("utf-8", "replace")


def _check_jsonl(args: argparse.Namespace, default_policy: Any, out: TextIO) -> int:
    """Exit 2 if any line was bad, else the most serious decision: 1, then 3, then 0."""
    seen: set[str] = set()
    for n, line in enumerate(_jsonl_lines(args.jsonl), start=1):
        if not line.strip():
            continue
        record = check_record(line, n, default_policy, args)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        seen.add("error" if "error" in record else record["decision"])
    for outcome, code in (("error", EXIT_USAGE), ("needs_changes", EXIT_CHANGES),
                          ("needs_approval", EXIT_APPROVAL)):
        if outcome in seen:
            return code
    return EXIT_OK


def check_record(
    line: str, n: int, default_policy: Any, args: argparse.Namespace
) -> dict[str, Any]:
    """One --jsonl line checked; a bad line becomes an error record, never an exception.
    The error record, {"id", "line", "error"}, is the same shape ``tactful triage`` gives."""
    from tactful.engine import InputError, PolicyFileError, check, load_policy

    item_id: str | None = None
    try:
        if len(line) > MAX_INPUT_BYTES:
            raise UsageError("the line is larger than 1 MB")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise UsageError("not valid JSON: nested too deeply") from None
        if not isinstance(data, dict):
            raise UsageError("each line must be a JSON object")
        item_id = None if data.get("id") is None else str(data["id"])
        _warn_unknown_line_keys(data, n)
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise UsageError("'text' is missing or empty")
        policy = load_policy(data["policy"]) if data.get("policy") else default_policy
        result = check(
            text,
            policy=policy,
            channel=data.get("channel") or args.channel,
            account=data.get("account") or "official",
            context=_context(data.get("context"), None, warn_as=f"line {n}"),
            item_id=item_id,
        )
        return result.model_dump(mode="json")
    except (UsageError, InputError, PolicyFileError) as exc:
        return {"id": item_id, "line": n, "error": str(exc)}


CHECK_LINE_KEYS = ("id", "text", "channel", "account", "context", "policy")
TRIAGE_LINE_KEYS = ("id", "text", "channel", "kind", "received_at", "policy")


def _warn_unknown_line_keys(
    data: dict[str, Any], n: int, known: tuple[str, ...] = CHECK_LINE_KEYS
) -> None:
    """Name on stderr each key of a --jsonl line that is not one the contract lists;
    like an unknown context key it is ignored, but a misspelt "contxt" is not lost."""
    from tactful.engine.model import describe_unknown_context_key

    for key in data:
        if key not in known:
            message = describe_unknown_context_key(key, known, "line")
            sys.stderr.write(f"tactful: warning: line {n}: {message}\n")


def _triage_lines_warned(lines: Iterable[str]) -> Iterator[str]:
    """The lines unchanged; each object's unknown keys named on stderr on the way."""
    for n, line in enumerate(lines, start=1):
        try:
            data = json.loads(line) if line.strip() else None
        except (json.JSONDecodeError, RecursionError):
            data = None  # triage reports the bad line itself
        if isinstance(data, dict):
            _warn_unknown_line_keys(data, n, TRIAGE_LINE_KEYS)
        yield line


def cmd_triage(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when every message was triaged, 2 when any input was bad."""
    from tactful.engine import load_policy
    from tactful.engine.triage import triage, triage_jsonl_lines

    policy = load_policy(args.policy)
    if args.jsonl:
        bad = False
        for record in triage_jsonl_lines(_triage_lines_warned(_jsonl_lines(args.jsonl)), policy):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            bad = bad or "error" in record
        return EXIT_USAGE if bad else EXIT_OK
    text = _post_text(args, "message")
    result = triage(
        text, policy, channel=args.channel, kind=args.kind, received_at=args.received_at
    )
    if args.format == "json":
        out.write(result.model_dump_json() + "\n")
        return EXIT_OK
    urgency = "URGENT " if result.urgent else ""
    out.write(f"{urgency}{result.category} (confidence {result.confidence:.2f})\n")
    out.write(f"route to: {' then '.join(result.route_to) or 'nobody named'}\n")
    out.write(f"respond by: {result.respond_by or 'no target set by the policy'}\n")
    out.write(f"actions: {', '.join(result.actions)}\n")
    out.write(f"clauses: {', '.join(result.clauses)}\n")
    if result.note:
        out.write(f"note: {result.note}\n")
    return EXIT_OK


def cmd_policy(args: argparse.Namespace, out: TextIO) -> int:
    from tactful.engine import BUILTIN_IDS, load_policy
    from tactful.engine.policy import load_policy_file

    if args.policy_command == "list":
        for pid in BUILTIN_IDS:
            pol = load_policy(pid).policy
            out.write(f"{pid:20} {pol.organisation} (version {pol.version}, {len(pol.clauses)} clauses)\n")
        return EXIT_OK
    if args.policy_command == "show":
        out.write(describe_policy(load_policy(args.policy)))
        return EXIT_OK
    if args.policy_command == "validate":
        compiled = load_policy_file(Path(args.file))
        rules = sum(len(c.rules) for c in compiled.clauses)
        out.write(
            f"{args.file}: valid: {compiled.policy.organisation}, "
            f"{len(compiled.clauses)} clauses, {rules} rule uses\n"
        )
        return EXIT_OK
    raise UsageError("use: tactful policy list | show ID | validate FILE")


def describe_policy(compiled: Any) -> str:
    pol = compiled.policy
    lines = [f"{pol.organisation} ({pol.id}, version {pol.version})"]
    if pol.review.every_months:
        lines.append(f"Review: every {pol.review.every_months} months; last {pol.review.last or 'unknown'}")
    lines.append("Roles:")
    for r in pol.roles:
        stand = f" (stand-in: {', '.join(r.stand_ins)})" if r.stand_ins else ""
        lines.append(f"  {r.title}{stand}")
    if pol.channels:
        lines.append("Channels:")
        lines += [f"  {c.platform}: {c.address}" for c in pol.channels]
    if pol.response_target_hours:
        lines.append(f"Response target: {pol.response_target_hours:g} hours")
    lines.append("Clauses:")
    for entry in compiled.clauses:
        c = entry.clause
        lines.append(f"  {c.id}  {c.heading}")
        lines.append(f"      {c.summary}")
        if entry.rules:
            lines.append("      enforced by: " + ", ".join(r.id for r in entry.rules))
        if c.official_only and "personal" in c.accounts:
            lines.append("      official accounts only: " + ", ".join(c.official_only))
        if c.approvers:
            lines.append("      approval: " + ", ".join(c.approvers))
        if c.guidance:
            lines.append("      guidance: " + c.guidance)
    return "\n".join(lines) + "\n"


def cmd_web(args: argparse.Namespace) -> int:
    from tactful.web import commands

    return int(getattr(commands, args.command)(list(args.args)) or 0)


def run(argv: Iterable[str], out: TextIO = sys.stdout) -> int:
    from tactful.engine import InputError, PolicyFileError

    argv = list(argv)
    if argv and argv[0] in WEB_COMMANDS:
        # The desk's commands parse their own options (tactful demo --data-dir X).
        from tactful.web import commands

        return int(getattr(commands, argv[0])(argv[1:]) or 0)
    try:
        args = _parser().parse_args(argv)
        if args.command == "check":
            return cmd_check(args, out)
        if args.command == "triage":
            return cmd_triage(args, out)
        if args.command == "policy":
            return cmd_policy(args, out)
        if args.command in ("demo", "serve", "worker", "manage"):
            return cmd_web(args)
        _parser().print_help(out)
        return EXIT_USAGE
    except (UsageError, InputError, PolicyFileError) as exc:
        sys.stderr.write(f"tactful: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("tactful: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def main() -> None:
    try:
        code = run(sys.argv[1:])
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        sys.stderr.write(f"tactful: unexpected error: {type(exc).__name__}: {exc}\n")
        code = EXIT_USAGE
    sys.exit(code)


if __name__ == "__main__":
    main()
