from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from rasid.cli import _register_commands, app
from tests.export.records import TEXTS, all_records

_register_commands()
runner = CliRunner()


@pytest.fixture
def records_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in all_records()), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson", "jsonl", "parquet"])
def test_export_from_jsonl_every_format(fmt: str, records_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(
        app, ["export", "--format", fmt, "--from-jsonl", str(records_jsonl), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    if fmt in ("acled", "ucdp"):
        with out.open(newline="", encoding="utf-8") as fh:
            assert len(list(csv.DictReader(fh))) == 4
    elif fmt == "geojson":
        assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 4
    elif fmt == "jsonl":
        assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    else:
        assert pq.read_table(out).num_rows == 4


def test_filters_apply_to_events(records_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "sy.csv"
    args = ["export", "-f", "acled", "--from-jsonl", str(records_jsonl), "-o", str(out)]
    result = runner.invoke(
        app, [*args, "--country", "SY", "--since", "2023-01-01", "--event-type", "Battles"]
    )
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["rasid_article_id"], r["rasid_event_id"]) for r in rows] == [("sy-1", "e1")]


def test_bad_arguments_and_bad_input_fail_with_a_message(records_jsonl: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x")
    bad_fmt = runner.invoke(app, ["export", "-f", "xlsx", "--from-jsonl", str(records_jsonl), "-o", out])
    assert bad_fmt.exit_code != 0
    bad_date = runner.invoke(
        app, ["export", "-f", "acled", "--from-jsonl", str(records_jsonl), "-o", out, "--since", "2023/01/01"]
    )
    assert bad_date.exit_code != 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"schema": "rasid.article/1"}\nnot json\n', encoding="utf-8")
    res = runner.invoke(app, ["export", "-f", "jsonl", "--from-jsonl", str(broken), "-o", out])
    assert res.exit_code == 1
    assert "E009" in res.output


def test_export_from_the_store(tmp_path: Path) -> None:
    db_mod = pytest.importorskip("rasid.store.db")
    items = pytest.importorskip("rasid.ingest.items")
    from rasid.model import Article, Record

    url = f"sqlite:///{tmp_path / 'rasid.db'}"
    recs = [r for r in all_records() if r["article"]["id"] in TEXTS]
    with db_mod.Store.open(url) as store:
        store.add_articles(
            [
                items.Ingested(Article(r["article"]["id"], TEXTS[r["article"]["id"]]), "test", "utf-8")
                for r in recs
            ]
        )
        by_id = {p.article.id: p.db_id for p in store.pending(10)}
        store.save_records([(by_id[r["article"]["id"]], Record.from_dict(r)) for r in recs])
    out = tmp_path / "ucdp.csv"
    result = runner.invoke(app, ["export", "-f", "ucdp", "--db", url, "--country", "SY", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted((r["rasid_article_id"], r["rasid_event_id"]) for r in rows) == [
        ("sy-1", "e1"),
        ("sy-1", "e2"),
    ]
