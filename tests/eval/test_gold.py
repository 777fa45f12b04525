from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rasid.eval.gold import GoldError, load_gold
from tests.eval.samples import TEXT, gold_dict


def write(path: Path, obj: Any) -> Path:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_json_file(tmp_path: Path) -> None:
    (g,) = load_gold([write(tmp_path / "a.json", gold_dict())])
    assert g.id == "test-sour" and g.text == TEXT and g.published is None
    assert g.expect_published == "2023-03-12"
    assert [e.id for e in g.events] == ["g1", "g2"] and g.events[1].required is False
    assert g.events[0].types == (("Battles", "Armed clash"),)
    assert g.events[0].place is not None and g.events[0].place.tolerance_km == 10.0
    assert g.claims[1].of is not None and None in g.claims[1].of
    assert g.claims[2].value is None and g.claims[2].qualifier == ("several", "many")
    assert g.figures[0].high_min == 30 and g.figures[0].contested is True
    assert g.must_not[0].event_country == "IQ"
    assert g.must_not[1].claim is not None and g.must_not[1].claim.value == 30


def test_jsonl_with_text_file_relative_to_gold(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    one = gold_dict()
    del one["text"]
    one["text_file"] = "texts/a.txt"
    two = dict(gold_dict(), id="second")
    body = json.dumps(one, ensure_ascii=False) + "\n\n" + json.dumps(two, ensure_ascii=False) + "\n"
    (tmp_path / "set.jsonl").write_text(body, encoding="utf-8")
    golds = load_gold([tmp_path / "set.jsonl"])
    assert [g.id for g in golds] == ["test-sour", "second"]
    assert golds[0].text == TEXT and golds[0].path.endswith("set.jsonl:1")


def test_directory_sorted_and_baseline_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b.json", dict(gold_dict(), id="b"))
    write(tmp_path / "a.json", dict(gold_dict(), id="a"))
    write(tmp_path / "baseline.json", {"tests/golden": {"event_f1": 0.0}})
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    assert [g.id for g in load_gold([tmp_path])] == ["a", "b"]


def _broken(mutate: Any) -> dict[str, Any]:
    obj = gold_dict()
    mutate(obj)
    return obj


@pytest.mark.parametrize(
    ("mutate", "code", "field"),
    [
        (lambda o: o["expect"]["claims"][0].update(kind="dead"), "E603", "expect.claims[0].kind"),
        (
            lambda o: o["expect"]["claims"][0].update(qualifier=["roughly"]),
            "E603",
            "expect.claims[0].qualifier[0]",
        ),
        (lambda o: o["expect"]["claims"][2].update(qualifier=None), "E603", "expect.claims[2].qualifier"),
        (lambda o: o["expect"]["events"][0].update(types=[["Battles", "Suicide bomb"]]), "E603", "types[0]"),
        (lambda o: o["expect"]["events"][0].update(types=[]), "E603", "expect.events[0].types"),
        (lambda o: o["expect"]["events"][0]["date"].update(start="20/01/2022"), "E603", "date.start"),
        (lambda o: o["expect"]["events"][0]["place"].update(lat=None), "E603", "expect.events[0].place"),
        (lambda o: o["expect"]["figures"][0].update(event="g9"), "E603", "expect.figures[0].event"),
        (lambda o: o["expect"]["must_not"].append({"place": "IQ"}), "E603", "expect.must_not[2]"),
        (lambda o: o["expect"]["events"].append(o["expect"]["events"][0]), "E603", "expect.events"),
        (lambda o: o.update(text=""), "E603", "text"),
        (lambda o: o.update(published="yesterday"), "E603", "published"),
        (lambda o: o.pop("expect"), "E603", "expect"),
        (lambda o: o.pop("id"), "E602", "id"),
    ],
)
def test_malformed_gold_is_a_coded_error(tmp_path: Path, mutate: Any, code: str, field: str) -> None:
    path = write(tmp_path / "bad.json", _broken(mutate))
    with pytest.raises(GoldError) as info:
        load_gold([path])
    message = str(info.value)
    assert message.startswith(f"[{code}]") and field in message and "bad.json" in message


def test_not_json_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(GoldError, match=r"\[E602\]"):
        load_gold([tmp_path / "bad.json"])
    with pytest.raises(GoldError, match=r"\[E601\]"):
        load_gold([tmp_path / "absent.json"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(GoldError, match=r"\[E605\]"):
        load_gold([tmp_path / "empty"])
    missing_text = gold_dict()
    del missing_text["text"]
    missing_text["text_file"] = "nowhere.txt"
    with pytest.raises(GoldError, match=r"\[E603\].*text_file"):
        load_gold([write(tmp_path / "t.json", missing_text)])


def test_duplicate_article_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path / "a.json", gold_dict())
    write(tmp_path / "b.json", gold_dict())
    with pytest.raises(GoldError, match=r"\[E604\] Gold article id 'test-sour'"):
        load_gold([tmp_path])


@pytest.mark.shared
def test_shared_seed_gold_loads(shared_dir: Path) -> None:
    path = shared_dir / "eval" / "dev"
    if not path.is_dir():
        pytest.skip("no dev gold in ../shared")
    golds = load_gold([path])
    seed = next(g for g in golds if g.id == "seed-ghwayran")
    assert len(seed.text) > 1000 and seed.published is None
    assert sum(c.required for c in seed.claims) == 6
