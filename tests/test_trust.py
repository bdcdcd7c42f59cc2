"""Same answer every time, nothing leaves the machine, nothing from an article reaches the terminal raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import BELGOROD, ROOT

BLOCK_SOCKETS = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
from checker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(*args: str, seed: str = "0", code: str | None = None, cache: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "COLUMNS": "120"}
    if cache:
        env["CLAIMDIFF_CACHE_DIR"] = cache
    env.pop("HF_HUB_OFFLINE", None)  # the product must stay offline by itself
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "checker", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_output_is_identical_across_runs_and_hash_seeds():
    outputs = {
        fmt: {run(*map(str, BELGOROD), "--format", fmt, "-q", seed=seed).stdout for seed in ("0", "12345")}
        for fmt in ("json", "markdown", "csv")
    }
    for fmt, seen in outputs.items():
        assert len(seen) == 1, fmt


def test_reversed_arguments_give_the_same_groups():
    forward = json.loads(run(*map(str, BELGOROD), "--format", "json", "--all").stdout)
    backward = json.loads(run(*map(str, reversed(BELGOROD)), "--format", "json", "--all").stdout)

    def groups(doc):
        paths = {a["id"]: a["path"] for a in doc["articles"]}
        return sorted(
            (g["what"], g["verdict"], tuple(sorted((paths[c["article"]], c["text"]) for c in g["claims"])))
            for g in doc["groups"]
        )

    assert groups(forward) == groups(backward)


def test_no_socket_is_opened_by_the_cli():
    result = run(*map(str, BELGOROD), "--format", "json", code=BLOCK_SOCKETS)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["discrepancies"] == 1


def test_no_socket_is_opened_by_compare(monkeypatch, tmp_path):
    import socket

    import checker
    import embeddings

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network blocked by the test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    embeddings._backend.cache_clear()  # load the model afresh, under the block
    try:
        for backend in embeddings.BACKENDS:
            report = checker.compare(BELGOROD, backend=backend)
            assert len(report.discrepancies) == 1, backend
    finally:
        embeddings._backend.cache_clear()
    assert attempts == []


def test_two_processes_sharing_a_cold_cache_agree(tmp_path):
    env = {**os.environ, "CLAIMDIFF_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "checker", *map(str, BELGOROD), "--format", "json", "-q"]
    for _ in range(2):  # first both fill an empty cache at once, then both read it at once
        runs = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"
        ]
        outs = [r.communicate(timeout=300) for r in runs]
        assert [r.returncode for r in runs] == [1, 1], [err for _, err in outs]
        assert outs[0][0] == outs[1][0] and outs[0][1] == outs[1][1] == b""
    assert (tmp_path / "embeddings-v1.sqlite3").stat().st_size > 0


def test_a_truncated_cache_does_not_change_the_answer(tmp_path):
    first = run(*map(str, BELGOROD), "--format", "json", "-q", cache=str(tmp_path))
    cache = tmp_path / "embeddings-v1.sqlite3"
    cache.write_bytes(cache.read_bytes()[:1000])
    second = run(*map(str, BELGOROD), "--format", "json", "-q", cache=str(tmp_path))
    assert second.returncode == first.returncode == 1 and second.stderr == ""
    assert second.stdout == first.stdout


def test_control_characters_never_reach_the_terminal(write_articles):
    paths = write_articles(
        "Five people were \x1b[31minjured\x1b[0m in the crash \u202eon Main Street.",
        "Seven people were injured in the crash, police said.\x07",
    )
    result = run(*map(str, paths))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\x07" not in result.stdout


def test_a_run_writes_nothing_but_its_own_cache_in_the_home_folder(tmp_path):
    """ONNX Runtime would leave a device identifier under ~/.cache/Microsoft; claimdiff turns its telemetry off."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMDIFF_CACHE_DIR", "ORT_DISABLE_TELEMETRY")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), NO_COLOR="1")
    result = subprocess.run(
        [sys.executable, "-m", "checker", *map(str, BELGOROD), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    written = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file())
    assert written and all(p.startswith(".cache/claimdiff/") for p in written), written


def test_the_users_own_telemetry_setting_is_kept():
    code = "import os, embeddings; print(os.environ['ORT_DISABLE_TELEMETRY'])"
    env = {**os.environ, "ORT_DISABLE_TELEMETRY": "0"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.stdout.strip() == "0"
    env.pop("ORT_DISABLE_TELEMETRY")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.stdout.strip() == "1"
