from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.cli import _register_commands, app
from rasid.ingest.items import Ingested
from rasid.model import Article
from rasid.store.db import Store
from tests.ingest.conftest import ARTICLE, article_text
from tests.test_model import TEXT, sample_record

_register_commands()
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_run_quarantine_flow(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(article_text(i), encoding="utf-8")
    (folder / "copy.txt").write_text(article_text(0), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    line = json.dumps({"id": "j1", "text": ARTICLE}, ensure_ascii=False)
    (folder / "bad.jsonl").write_text(f"{line}\nnot json\n", encoding="utf-8")
    out = _invoke("ingest", str(folder), "--db", db)
    assert "4 added, 1 duplicates, 0 new versions, 2 quarantined (E401: 1, E404: 1)" in out
    out = _invoke("run", "--db", db, "--batch", "2", "--stages", "")
    assert "4 processed, 0 errors" in out and "2 quarantined inputs open" in out
    assert "0 processed" in _invoke("run", "--db", db, "--stages", "")
    rows = json.loads(_invoke("quarantine", "list", "--db", db, "--format", "json"))
    assert sorted(r["code"] for r in rows) == ["E401", "E404"]
    (folder / "empty.txt").write_text(article_text(7), encoding="utf-8")
    out = _invoke("quarantine", "retry", "--db", db)
    assert "1 resolved (1 added" in out and "1 still failing" in out
    assert "[E404]" in out


def test_events_and_claims_queries(db: str) -> None:
    with Store.open(db) as store:
        store.add_articles([Ingested(Article("a1", TEXT), "a1.txt", "utf-8")])
        [p] = store.pending(1)
        store.save_records([(p.db_id, sample_record())])
    events = json.loads(
        _invoke(
            "events",
            "--db",
            db,
            "--country",
            "SY",
            "--since",
            "2022-01-01",
            "--actor",
            "sdf",
            "--format",
            "json",
        )
    )
    assert [(e["article"], e["sub_event_type"], e["admin1"]) for e in events] == [
        ("a1", "Armed clash", "Al-Hasakah")
    ]
    assert events[0]["figures"][0]["kind"] == "killed"
    assert json.loads(_invoke("events", "--db", db, "--country", "IQ", "--format", "json")) == []
    claims = json.loads(_invoke("claims", "--db", db, "--event", str(events[0]["id"]), "--format", "json"))
    assert [(c["source"], c["figure_kind"], c["value"]) for c in claims] == [("amaq", "killed", 200)]
    table = _invoke("claims", "--db", db)
    assert "amaq" in table and "control" in table  # all claims, statements included
    assert "Armed clash" in _invoke("events", "--db", db)


def test_bad_arguments(db: str) -> None:
    assert runner.invoke(app, ["events", "--db", db, "--since", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", db, "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["run", "--db", db, "--stages", "no-such-stage"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["events", "--db", "nosuchdb://x"])
    assert result.exit_code == 2
