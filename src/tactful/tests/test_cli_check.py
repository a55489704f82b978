"""`tactful check` as a user meets it: exit codes, formats, and bad input without tracebacks."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tactful.cli import run

TACTFUL = [sys.executable, "-m", "tactful.cli"]


def _run(argv: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*TACTFUL, *argv], input=stdin, capture_output=True, timeout=120)


def test_a_clean_post_exits_zero_and_says_ok() -> None:
    out = io.StringIO()
    code = run(["check", "Join us for our coffee morning on Friday at 10am.", "--policy",
                "milestone-society"], out)
    assert code == 0
    assert out.getvalue().strip().endswith("decision: ok")


def test_telling_people_how_to_vote_exits_one_and_cites_the_clause() -> None:
    out = io.StringIO()
    code = run(["check", "Vote Labour on Thursday!", "--policy", "milestone-society"], out)
    assert code == 1
    first = out.getvalue().splitlines()[0]
    assert first.startswith("1:1 blocker party_politics [2.1(m)]")


def test_a_post_needing_approval_exits_three_and_names_the_approver() -> None:
    out = io.StringIO()
    code = run(["check", "Our coffee morning is on Friday at 10am.", "--policy", "the-society",
                "--format", "json"], out)
    assert code == 3
    result = json.loads(out.getvalue())
    assert result["decision"] == "needs_approval"
    assert result["approvers"] == ["Social Media Officer"]
    assert result["policy"]["id"] == "the-society"


def test_json_findings_have_the_contract_fields() -> None:
    out = io.StringIO()
    run(["check", "Vote Labour on Thursday!", "--policy", "starter", "--format", "json"], out)
    finding = json.loads(out.getvalue())["findings"][0]
    assert set(finding) == {"category", "rule", "clause", "severity", "start", "end", "excerpt",
                            "message", "suggestion"}


def test_it_reads_standard_input() -> None:
    proc = _run(["check", "-", "--policy", "starter"], stdin=b"Vote Labour on Thursday!")
    assert proc.returncode == 1


def test_it_reads_a_context_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = tmp_path / "ctx.json"
    ctx.write_text(json.dumps({"author_role": "Social Media Officer", "surprise": 1}))
    out = io.StringIO()
    code = run(["check", "Our coffee morning is on Friday.", "--policy", "the-society",
                "--context", str(ctx)], out)
    assert code == 0
    assert capsys.readouterr().err == (
        f"tactful: warning: {ctx}: unknown context key 'surprise' ignored\n"
    )


@pytest.mark.parametrize(
    ("key", "meant"), [("consent", "consents"), ("embargos", "embargoes"), ("Notes", "notes")]
)
def test_a_misspelt_context_key_is_named_with_the_key_meant(
    tmp_path: Path, key: str, meant: str
) -> None:
    ctx = tmp_path / "ctx.json"
    ctx.write_text(json.dumps({key: []}))
    proc = _run(
        ["check", "Coffee morning on Friday.", "--policy", "starter", "--context", str(ctx)]
    )
    (line,) = proc.stderr.decode().splitlines()
    assert line == (
        f"tactful: warning: {ctx}: unknown context key {key!r} ignored; did you mean {meant!r}?"
    )
    # The contract: unknown keys are ignored, never an error, so the decision stands.
    assert proc.returncode == 0


def test_a_context_with_only_the_contract_keys_gives_no_warning(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.json"
    context = {
        "today": "2026-11-21",
        "author_role": None,
        "consents": ["Jane Smith, photo"],
        "embargoes": [{"topic": "new patron", "until": "2026-12-01"}],
        "media": [],
        "high_profile": False,
        "approvals": [],
        "profile_disclaimer": False,
        "reply_to": None,
        "notes": "",
    }
    ctx.write_text(json.dumps(context))
    proc = _run(
        ["check", "Coffee morning on Friday.", "--policy", "starter", "--context", str(ctx)]
    )
    assert proc.returncode == 0
    assert proc.stderr.decode() == ""


def test_a_misspelt_context_key_in_jsonl_names_its_line(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "Coffee morning on Friday."},
        {"id": "b", "text": "Coffee morning.", "context": {"consent": []}},
    ]
    f.write_text("".join(json.dumps(x) + "\n" for x in lines))
    proc = _run(["check", "--jsonl", str(f), "--policy", "starter"])
    assert proc.returncode == 0
    assert proc.stderr.decode() == (
        "tactful: warning: line 2: unknown context key 'consent' ignored; did you mean 'consents'?\n"
    )
    assert [json.loads(x)["decision"] for x in proc.stdout.decode().splitlines()] == ["ok", "ok"]


def test_a_misspelt_key_of_a_jsonl_line_is_named_and_the_line_still_checked(
    tmp_path: Path,
) -> None:
    f = tmp_path / "in.jsonl"
    line = {"id": "a", "text": "Coffee morning on Friday.", "contxt": {"author_role": "x"}}
    f.write_text(json.dumps(line) + "\n")
    proc = _run(["check", "--jsonl", str(f), "--policy", "starter"])
    assert proc.returncode == 0
    assert proc.stderr.decode() == (
        "tactful: warning: line 1: unknown line key 'contxt' ignored; did you mean 'context'?\n"
    )
    assert [json.loads(x)["id"] for x in proc.stdout.decode().splitlines()] == ["a"]


def test_jsonl_keeps_order_and_ids_and_isolates_a_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "Coffee morning on Friday."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "text": "Vote Labour!", "policy": "clean-slate"}) + "\n"
        + json.dumps({"id": "d"}) + "\n"
    )
    out = io.StringIO()
    code = run(["check", "--jsonl", str(f), "--policy", "milestone-society"], out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, "c", "d"]
    assert rows[0]["decision"] == "ok"
    assert rows[1] == {
        "id": None,
        "line": 2,
        "error": "not valid JSON: Expecting property name enclosed in double quotes",
    }
    assert rows[2]["policy"]["id"] == "clean-slate" and rows[2]["decision"] == "needs_changes"
    assert rows[3] == {"id": "d", "line": 4, "error": "'text' is missing or empty"}
    assert code == 2


BAD_LINES = [
    "{not json",
    "[1, 2]",
    "[" * 100_000,
    json.dumps({"id": 7, "text": "hello", "policy": "no-such-policy"}),
    json.dumps({"id": "x", "text": ""}),
]


def _jsonl_errors(command: str, path: Path) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = run([command, "--jsonl", str(path), "--policy", "starter"], out)
    return code, [json.loads(x) for x in out.getvalue().splitlines()]


def test_check_and_triage_report_a_bad_jsonl_line_in_the_same_shape(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join(["", *BAD_LINES]) + "\n")
    for command in ("check", "triage"):
        code, rows = _jsonl_errors(command, f)
        assert code == 2
        assert [set(r) for r in rows] == [{"id", "line", "error"}] * len(BAD_LINES), command
        assert [r["line"] for r in rows] == [2, 3, 4, 5, 6], command
        assert [r["id"] for r in rows] == [None, None, None, "7", "x"], command
    _, check_rows = _jsonl_errors("check", f)
    _, triage_rows = _jsonl_errors("triage", f)
    # Parsing and policy errors are worded alike; an empty text is worded by each command.
    assert check_rows[:4] == triage_rows[:4]


@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        (["check", "", "--policy", "starter"], None, "empty"),
        (["check", "-", "--policy", "starter"], b"\xff\xfe\xfa bad bytes", "UTF-8"),
        (["check", "-", "--policy", "starter"], b"a" * 1_100_000, "larger than"),
        (["check", "hello", "--policy", "nope"], None, "unknown policy"),
        (["check", "hello", "--policy", "starter", "--channel", "myspace"], None, "unknown channel 'myspace'"),
        (["check", "hello", "--policy", "starter", "--channel", "twitter"], None, "(did you mean 'x'?)"),
        (["triage", "hello", "--policy", "starter", "--channel", "facebok"], None, "(did you mean 'facebook'?)"),
        (["check", "hello"], None, "--policy"),
        (["check", "hello", "--policy", "starter", "--context", "/no/such.json"], None, "cannot read"),
        (["policy", "validate", "/no/such.yml"], None, "cannot read"),
    ],
)
def test_bad_input_gives_one_line_and_exit_two(argv: list[str], stdin: bytes | None, needle: str) -> None:
    proc = _run(argv, stdin)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert needle in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_hostile_policy_file_is_refused_cleanly(tmp_path: Path) -> None:
    f = tmp_path / "bomb.yml"
    f.write_text("a: &a [x, x]\nb: [*a, *a]\n")
    proc = _run(["check", "hello", "--policy", str(f)])
    assert proc.returncode == 2
    assert "aliases" in proc.stderr.decode()


def test_a_huge_post_is_checked_or_refused_without_a_traceback() -> None:
    proc = _run(["check", "-", "--policy", "starter"], stdin=("word " * 200_000).encode())
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr.decode()


def test_policy_list_show_and_validate() -> None:
    out = io.StringIO()
    assert run(["policy", "list"], out) == 0
    assert "milestone-society" in out.getvalue() and "starter" in out.getvalue()
    out = io.StringIO()
    assert run(["policy", "show", "milestone-society"], out) == 0
    text = out.getvalue()
    assert "2.1(m)" in text and "enforced by: politics.party_politics" in text
    out = io.StringIO()
    src = Path(__file__).resolve().parents[1] / "engine" / "policies" / "clean-slate.yml"
    assert run(["policy", "validate", str(src)], out) == 0
    assert "valid" in out.getvalue()


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare is not installed")
def test_it_works_with_the_network_cut() -> None:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a new network namespace")
    proc = subprocess.run(
        ["unshare", "-n", *TACTFUL, "check", "Vote Labour! Call Sue on 07700 900123 #mentalhealthawareness",
         "--policy", "starter", "--channel", "x"],
        capture_output=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr.decode()
    assert proc.stderr.decode() == ""


def test_an_unknown_author_role_is_named_with_the_roles_that_exist(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.json"
    ctx.write_text(json.dumps({"author_role": "Wizard"}))
    proc = _run(["check", "hello", "--policy", "milestone-society", "--context", str(ctx)])
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "unknown role 'Wizard'" in err and "Web Administrator" in err
    assert len(err.strip().splitlines()) == 1


def test_a_standing_approval_is_explained_with_its_clause() -> None:
    out = io.StringIO()
    code = run(["check", "Thanks to everyone who came!", "--policy", "the-society"], out)
    assert code == 3
    (line,) = out.getvalue().splitlines()
    assert line.startswith("decision: needs_approval (approval: Social Media Officer; clause 5 ")
    assert line.endswith("asks it for every official post)")
    out = io.StringIO()
    run(["check", "Thanks to everyone who came!", "--policy", "the-society", "--account",
         "personal"], out)
    assert out.getvalue().strip() == "decision: ok"


def test_a_misspelt_key_of_a_triage_line_is_named_too(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    line = {"id": "m1", "text": "When does the shop open?", "recieved_at": "2026-11-22T10:00:00Z"}
    f.write_text("\n" + json.dumps(line) + "\n")
    proc = _run(["triage", "--jsonl", str(f), "--policy", "starter"])
    assert proc.returncode == 0
    assert proc.stderr.decode() == (
        "tactful: warning: line 2: unknown line key 'recieved_at' ignored; "
        "did you mean 'received_at'?\n"
    )
    assert [json.loads(x)["id"] for x in proc.stdout.decode().splitlines()] == ["m1"]


def test_the_cli_channels_are_the_contracts() -> None:
    from tactful.cli import CHANNELS
    from tactful.engine.model import CHANNELS as CONTRACT

    assert CHANNELS == CONTRACT
