from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasid.ingest.sources import IngestOptions
from rasid.model import Record
from rasid.runtime.local import LocalRunner
from rasid.store.db import Store
from rasid.store.ingest import ingest_paths, retry_quarantine
from rasid.store.run import run
from rasid.validate import record_errors
from tests.ingest.conftest import ARTICLE, article_text

CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]


def _write_articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"art{i:04d}.txt").write_text(article_text(i), encoding="utf-8")
    return folder


def _snapshot(store: Store) -> list[tuple[str, str]]:
    return [(r["article"]["id"], r["article"]["text_sha256"]) for r in store.iter_records()]


def test_run_processes_everything_once(store: Store, tmp_path: Path) -> None:
    folder = _write_articles(tmp_path / "in", 23)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    stats = ingest_paths(store, [folder])
    assert (stats.added, stats.quarantined) == (23, 1)
    with LocalRunner(1, stages=[]) as runner:
        summary = run(store, runner, batch=5)
        assert (summary.processed, summary.errors, summary.batches, summary.quarantined) == (23, 0, 5, 1)
        again = run(store, runner, batch=5)
    assert again.processed == 0
    counts = store.counts()
    assert (counts["records"], counts["current_records"], counts["pending"]) == (23, 23, 0)
    info = store.run_info(summary.run_id)
    assert (info["processed"], info["status"]) == (23, "done")
    ids = [r["article"]["id"] for r in store.iter_records()]
    assert ids == [f"art{i:04d}" for i in range(23)]


def test_reprocess_with_new_version_keeps_history(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [_write_articles(tmp_path / "in", 4)])
    with LocalRunner(1, stages=[]) as runner:
        run(store, runner, batch=3)
        assert run(store, runner, batch=3, reprocess=True).processed == 0  # same version: nothing to redo
        redo = run(store, runner, batch=3, reprocess=True, version="99.0.0")
    assert redo.processed == 4
    counts = store.counts()
    assert (counts["records"], counts["current_records"]) == (8, 4)


def test_reingest_is_idempotent(store: Store, tmp_path: Path) -> None:
    folder = _write_articles(tmp_path / "in", 5)
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 4)
    first = ingest_paths(store, [folder])
    second = ingest_paths(store, [folder])
    assert (first.added, first.quarantined) == (5, 1)
    assert (second.added, second.duplicates) == (0, 5)
    counts = store.counts()
    assert (counts["articles"], counts["quarantine"]) == (5, 1)


def test_quarantine_retry_after_fix(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    big = folder / "big.txt"
    big.write_text(ARTICLE * 20, encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    stats = ingest_paths(store, [folder], IngestOptions(max_bytes=1000))
    assert stats.reasons == {"E401": 1, "E403": 1}
    result = retry_quarantine(store, None, IngestOptions(max_bytes=100_000))
    assert result.stats.added == 1 and len(result.resolved) == 1
    [reason] = result.still_failing.values()
    assert reason.startswith("[E401]")
    [still] = store.quarantine_list()
    assert still["code"] == "E401"
    empty.write_text(article_text(99), encoding="utf-8")
    again = retry_quarantine(store, [int(still["id"])])
    assert (len(again.resolved), again.still_failing) == (1, {})
    assert store.quarantine_list() == [] and store.counts()["articles"] == 2


def _count_current(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM records WHERE current")).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.slow
def test_kill_9_mid_run_then_resume_equals_clean_run(db_url: str, tmp_path: Path) -> None:
    n, batch = 60, 4
    folder = _write_articles(tmp_path / "in", n)
    with Store.open(db_url) as s:
        ingest_paths(s, [folder])
    env = {**os.environ, "RASID_RUN_BATCH_DELAY": "0.15"}
    args = [*CLI, "run", "--db", db_url, "--batch", str(batch), "--stages", ""]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count_current(db_url) < 3 * batch:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    # The delay sits between processing a batch and committing it, so this lands mid-batch.
    time.sleep(0.07)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = _count_current(db_url)
    assert 0 < done < n and done % batch == 0  # only whole batches were committed
    resumed = subprocess.run(
        [*CLI, "run", "--db", db_url, "--batch", str(batch), "--stages", ""], capture_output=True, text=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n - done} processed" in resumed.stdout
    with Store.open(db_url) as s:
        statuses = [r["status"] for r in s.runs()]
    assert statuses == ["done", "interrupted"]  # the killed run was found dead, not left "running"

    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store.open(clean_url) as clean:
        ingest_paths(clean, [folder])
        with LocalRunner(1, stages=[]) as runner:
            run(clean, runner, batch=batch)
        expected, expected_counts = _snapshot(clean), clean.counts()
    with Store.open(db_url) as s:
        got, counts = _snapshot(s), s.counts()
        records = list(s.iter_records())
    assert got == expected and len(got) == n
    for key in ("articles", "records", "current_records", "events", "claims", "pending"):
        assert counts[key] == expected_counts[key], key
    assert all(Record.from_dict(r).status == "ok" for r in records)


@pytest.mark.slow
def test_default_pipeline_records_validate_after_storage(store: Store, tmp_path: Path) -> None:
    folder = _write_articles(tmp_path / "in", 3)
    (folder / "en.txt").write_text(
        "Clashes near the border\n\nLocal sources said three fighters were killed on Thursday.\n",
        encoding="utf-8",
    )
    ingest_paths(store, [folder], IngestOptions(published="2022-01-21"))
    with LocalRunner(1) as runner:
        summary = run(store, runner, batch=2)
    assert summary.processed == 4
    texts = {p.name.removesuffix(".txt"): p.read_text(encoding="utf-8") for p in folder.iterdir()}
    stored = list(store.iter_records())
    assert len(stored) + summary.errors == 4
    for rec in stored:
        assert record_errors(rec, texts[rec["article"]["id"]]) == []
