from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasid import __version__
from rasid.cli import _register_commands, app
from rasid.validate import record_errors

_register_commands()
runner = CliRunner()

ARTICLE = "قالت مصادر محلية إن اشتباكات اندلعت أمس في مدينة الحسكة.\nوأضافت أن ثلاثة مقاتلين قتلوا.\n"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_extract_one_text_file_prints_a_valid_record(tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "2024-03-02"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["article"]["id"] == "a1" and record["article"]["published"] == "2024-03-02"
    assert record_errors(record, ARTICLE) == []


def test_extract_jsonl_keeps_bad_lines_as_error_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "g1", "text": ARTICLE, "outlet": "Example Wire", "published": "2024-03-02"}
    path.write_text(
        json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n", "utf-8"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["status"] for r in records] == ["ok", "error", "error"]
    assert records[0]["article"]["outlet"] == "Example Wire"
    assert "[E009]" in records[1]["error"] and "line 2" in records[1]["error"]
    assert "no 'text'" in records[2]["error"]


def test_extract_table_format(tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0 and "a1" in result.stdout


def test_bad_published_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a1.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "02/03/2024"])
    assert result.exit_code != 0 and "E010" in result.output


def test_missing_file_becomes_an_error_record(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 0
    assert "[E008]" in json.loads(result.stdout)["error"]


def test_seed_article_gives_a_schema_valid_record(seed_text: str, shared_dir: Path) -> None:
    seed = shared_dir / "seeds" / "000_d2567ad61da955ee.txt"
    result = runner.invoke(app, ["extract", str(seed)])
    assert result.exit_code == 0, result.output
    assert record_errors(json.loads(result.stdout), seed_text) == []
