"""Concurrent runs: batch leases, dead-run detection, and two real `rasid run` processes on one store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasid.store import schema as t
from rasid.store.db import Store
from rasid.store.ingest import ingest_paths
from tests.store.test_run import CLI, _count_current, _write_articles


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _set_run(store: Store, run_id: int, **values: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(t.runs).where(t.runs.c.id == run_id).values(**values))


def test_two_runs_claim_disjoint_batches(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [_write_articles(tmp_path / "in", 7)])
    first = store.start_run("0.1.0", {})
    second = store.start_run("0.1.0", {})
    a = store.claim(first, 3)
    b = store.claim(second, 3)
    c = store.claim(second, 3, after_id=max(p.db_id for p in b))
    ids_a, ids_b, ids_c = ({p.db_id for p in batch} for batch in (a, b, c))
    assert len(ids_a) == 3 and len(ids_b) == 3 and len(ids_c) == 1
    assert not ids_a & ids_b and not ids_a & ids_c and not ids_b & ids_c
    # a run sees its own claimed articles again (a retry after a failed commit), others never do
    assert {p.db_id for p in store.claim(first, 10)} == ids_a
    assert store.pending(10) != []  # claiming is not processing: the articles are still waiting


def test_expired_lease_is_free_again(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [_write_articles(tmp_path / "in", 2)])
    first = store.start_run("0.1.0", {})
    second = store.start_run("0.1.0", {})
    assert len(store.claim(first, 10, lease_seconds=-1)) == 2
    assert len(store.claim(second, 10)) == 2


def test_finishing_a_run_frees_what_it_still_held(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [_write_articles(tmp_path / "in", 2)])
    first = store.start_run("0.1.0", {})
    store.claim(first, 10)
    store.finish_run(first, "failed")
    second = store.start_run("0.1.0", {})
    assert len(store.claim(second, 10)) == 2


def test_run_whose_process_is_gone_is_interrupted_and_its_batch_freed(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [_write_articles(tmp_path / "in", 3)])
    dead = store.start_run("0.1.0", {})
    _set_run(store, dead, pid=_dead_pid())
    store.claim(dead, 10)
    alive = store.start_run("0.1.0", {})
    assert store.run_info(dead)["status"] == "interrupted"
    assert store.run_info(alive)["status"] == "running"  # this process is alive
    assert len(store.claim(alive, 10)) == 3


def test_run_elsewhere_is_interrupted_only_when_its_heartbeat_is_stale(store: Store, tmp_path: Path) -> None:
    ingest_paths(store, [_write_articles(tmp_path / "in", 3)])
    remote = store.start_run("0.1.0", {})
    # another machine: its pid means nothing here, only the heartbeat counts
    _set_run(store, remote, host=socket.gethostname() + "-elsewhere", pid=_dead_pid())
    store.claim(remote, 10)
    assert store.reap_runs() == []
    mine = store.start_run("0.1.0", {})
    assert store.claim(mine, 10) == []
    _set_run(store, remote, heartbeat=datetime.now(UTC) - timedelta(hours=1))
    assert store.reap_runs() == [remote]
    assert [r["status"] for r in store.runs() if r["id"] == remote] == ["interrupted"]
    assert len(store.claim(mine, 10)) == 3


@pytest.mark.slow
def test_two_concurrent_run_processes_share_the_work(db_url: str, tmp_path: Path) -> None:
    n, batch = 60, 4
    with Store.open(db_url) as s:
        ingest_paths(s, [_write_articles(tmp_path / "in", n)])
    env = {**os.environ, "RASID_RUN_BATCH_DELAY": "0.2"}
    args = [*CLI, "run", "--db", db_url, "--batch", str(batch), "--stages", ""]
    procs = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    deadline = time.monotonic() + 60
    while _count_current(db_url) < batch:  # the first is under way: alone it needs 3 s more
        assert procs[0].poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    procs.append(subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    assert _count_current(db_url) == n
    with Store.open(db_url) as s:
        counts = s.counts()
        runs = s.runs()
    # every article processed exactly once: no record was superseded by the other run's copy
    assert counts["records"] == n and counts["pending"] == 0
    assert sorted(r["status"] for r in runs) == ["done", "done"]
    assert all(r["processed"] > 0 for r in runs), runs  # both did part of the work
    assert sum(r["processed"] for r in runs) == n
