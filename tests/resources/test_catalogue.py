from __future__ import annotations

from pathlib import Path

import pytest

from rasid.resources import catalogue
from rasid.resources.catalogue import load_resources
from rasid.resources.gazetteer import Gazetteer

DATA = Path(__file__).parent / "data"


def test_lazy_cached_and_checksummed(monkeypatch: pytest.MonkeyPatch, embedded_gazetteer: Gazetteer) -> None:
    monkeypatch.delenv("RASID_RESOURCES", raising=False)
    monkeypatch.delenv("RASID_CONFIG", raising=False)
    catalogue.clear_cache()
    res = load_resources({})
    assert "actors" not in res.__dict__  # nothing loaded yet
    assert load_resources({}) is res
    sums = res.checksums()
    assert len(sums["actors"]) == 64 and len(sums["lexicons"]) == 64
    assert res.gazetteer is embedded_gazetteer  # one loaded gazetteer per test session
    assert sums["gazetteer"] == embedded_gazetteer.checksum
    ext = load_resources({"actors_paths": [str(DATA / "user_actors.yaml")]})
    assert ext is not res
    assert ext.checksums()["actors"] != sums["actors"]
    assert "test-brigade" in ext.actors and "test-brigade" not in res.actors
    rows = res.catalogue(include_gazetteer=False)
    assert any(r.resource == "actors" and r.name == "syria" and r.licence for r in rows)


def test_env_config_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cfg = tmp_path / "res.toml"
    cfg.write_text(f'[resources]\nactors_paths = ["{DATA / "user_actors.yaml"}"]\n', encoding="utf-8")
    monkeypatch.setenv("RASID_RESOURCES", str(cfg))
    monkeypatch.delenv("RASID_CONFIG", raising=False)
    catalogue.clear_cache()
    res = load_resources()
    assert res.actors.get("test-brigade").name == "Test Valley Brigade"
    catalogue.clear_cache()


def test_share_scan_takes_loaded_lexicons_and_keeps_every_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasid.resources.catalogue import Resources
    from rasid.resources.matcher import Matcher
    from rasid.text.normalize import fold, normalize

    monkeypatch.delenv("RASID_RESOURCES", raising=False)
    monkeypatch.delenv("RASID_CONFIG", raising=False)
    res = Resources({})
    norm = normalize("قال المرصد السوري إن غارات للتحالف الدولي قتلت 5 مدنيين في الرقة، واشتبكت قسد مع داعش")
    extra: Matcher[str] = Matcher([(fold("قتلت"), "killed"), (fold("مدنيين"), "civilians")])
    before = (res.actors.match(norm), extra.match(norm))
    res.share_scan(extra)
    assert res.actors.matcher._shared is not None and extra._shared is not None
    first = res.actors.matcher._shared[0]
    assert not res.lexicons.is_loaded("event_triggers")  # not loaded by sharing
    triggers = res.lexicons.get("event_triggers")
    alone = triggers.match(norm)
    res.share_scan(extra)  # a stage has loaded it since: the pass is rebuilt with it
    assert triggers.matcher._shared is not None and triggers.matcher._shared[0] is not first
    res.share_scan(extra)  # nothing changed: the same pass
    assert triggers.matcher._shared[0] is res.actors.matcher._shared[0]
    assert (res.actors.match(norm), extra.match(norm)) == before
    assert triggers.match(norm) == alone and alone
