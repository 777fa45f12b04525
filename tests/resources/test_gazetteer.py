"""Gazetteer unit tests: matching with clitics and cues, disambiguation, hierarchy, user builds, download."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasid.resources.download import download_geonames
from rasid.resources.gazetteer import CompiledGazetteer, Gazetteer, load_gazetteer
from rasid.resources.gazetteer_build import load_countries
from rasid.resources.geonames import build_geonames
from rasid.resources.wof import build_wof
from rasid.text.normalize import normalize

FIXTURES = Path(__file__).parent / "data" / "gazetteer"


def _resolve(gaz: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    ms = gaz.match(normalize(text))
    for m in ms:
        assert text[m.span.start : m.span.end] == m.span.text
    return [(m.span.text, e.id if e else None) for m, e in zip(ms, gaz.resolve_all(ms), strict=True)]


def test_clitics_and_neighbourhood(embedded_gazetteer: Gazetteer) -> None:
    got = _resolve(embedded_gazetteer, "هجوم على سجن الصناعة في حي غويران وبالحسكة وللحسكة")
    ids = [i for _, i in got]
    assert ids[:2] == ["rasid:sy-sinaa-prison", "rasid:sy-ghwayran"]
    assert ids[2] == ids[3] == "gn:173811"  # the city, through و+ب and ل+ال


def test_hasakah_city_vs_governorate(embedded_gazetteer: Gazetteer) -> None:
    assert _resolve(embedded_gazetteer, "في محافظة الحسكة")[0][1] == "rasid:admin1-sy-01"
    assert _resolve(embedded_gazetteer, "في ريف الحسكة")[0][1] == "rasid:admin1-sy-01"
    assert _resolve(embedded_gazetteer, "في مدينة الحسكة")[0][1] == "gn:173811"


def test_tripoli_by_context(embedded_gazetteer: Gazetteer) -> None:
    lb = _resolve(embedded_gazetteer, "اشتباكات في طرابلس اللبنانية")[0][1]
    assert embedded_gazetteer.get(str(lb)).country == "LB"
    ly = _resolve(embedded_gazetteer, "اشتباكات في طرابلس")[0][1]
    assert embedded_gazetteer.get(str(ly)).country == "LY"  # the larger city when nothing else decides
    ctx = _resolve(embedded_gazetteer, "قال مسؤول في لبنان إن اشتباكات وقعت في طرابلس")
    assert embedded_gazetteer.get(str(ctx[1][1])).country == "LB"


def test_skip_spans_and_hierarchy(embedded_gazetteer: Gazetteer) -> None:
    text = "#العراق قصف في الموصل"
    ms = embedded_gazetteer.match(normalize(text), skip=[(0, 7)])
    assert [m.span.text for m in ms] == ["الموصل"]
    chain = embedded_gazetteer.hierarchy(embedded_gazetteer.get("rasid:sy-sinaa-prison"))
    assert chain[0].feature == "country"
    assert "rasid:admin1-sy-01" in [e.id for e in chain]
    assert chain[-1].id == "rasid:sy-sinaa-prison"


def test_supplement_points_fall_near_their_country() -> None:
    countries = load_countries()
    gaz = Gazetteer(build_wof(FIXTURES / "wof-xx.tsv"))
    for e in gaz.entries():
        if e.id.startswith("rasid:") and e.feature != "country":
            c = countries[e.country]
            # coarse check: within 1500 km of the country's representative point (catches swapped lat/lon)
            from rasid.resources.gazetteer import distance_km

            assert distance_km(e.lat, e.lon, c.lat, c.lon) < 1500, e


def test_load_from_config_path(tmp_path: Path) -> None:
    compiled = build_wof(FIXTURES / "wof-xx.tsv")
    path = tmp_path / "g.pickle"
    compiled.save(path)
    gaz = load_gazetteer({"gazetteer_path": str(path)})
    assert gaz.checksum == CompiledGazetteer.read(path).checksum
    assert gaz.lookup("بلدة الاختبار")[0].id == "wof:102"


def test_wof_fixture_hierarchy() -> None:
    gaz = Gazetteer(build_wof(FIXTURES / "wof-xx.tsv", with_supplement=False))
    town = gaz.get("wof:102")
    assert (town.admin1, town.feature, town.name_ar) == ("Test Region", "city", "بلدة الاختبار")
    assert [e.id for e in gaz.hierarchy(town)] == ["wof:100", "wof:101", "wof:102"]
    assert gaz.lookup("Far Away") == ()  # outside the country's bbox: dropped


def test_geonames_dir_and_zip(tmp_path: Path) -> None:
    gaz = Gazetteer(build_geonames(FIXTURES / "dump", with_supplement=False))
    town = gaz.lookup("تستاباد")[0]
    assert (town.id, town.feature, town.admin1, town.admin2) == (
        "gn:9000001",
        "city",
        "Testabad Governorate",
        "Testabad District",
    )
    assert gaz.resolve(gaz.match(normalize("في محافظة تستاباد"))[0]).id == "gn:9000002"  # type: ignore[union-attr]
    z = tmp_path / "dump.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in (FIXTURES / "dump").rglob("*.txt"):
            zf.write(p, p.relative_to(FIXTURES / "dump").as_posix())
    assert len(Gazetteer(build_geonames(z, with_supplement=False))) == len(gaz)


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    (root / "alternatenames").mkdir(parents=True)
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        (root / name).write_bytes((FIXTURES / "dump" / name).read_bytes())
    with zipfile.ZipFile(root / "SY.zip", "w") as zf:
        zf.write(FIXTURES / "dump" / "SY.txt", "SY.txt")
    with zipfile.ZipFile(root / "alternatenames" / "SY.zip", "w") as zf:
        zf.write(FIXTURES / "dump" / "alternatenames" / "SY.txt", "SY.txt")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_download_from_local_server(local_server: str, tmp_path: Path) -> None:
    dest = tmp_path / "dl"
    files = download_geonames(["sy"], dest, local_server)
    assert {f.relative_to(dest).as_posix() for f in files} == {
        "admin1CodesASCII.txt",
        "admin2Codes.txt",
        "SY.zip",
        "alternatenames/SY.zip",
    }
    gaz = Gazetteer(build_geonames(dest, with_supplement=False))
    assert gaz.lookup("قرية النملة")[0].id == "gn:9000003"


@pytest.mark.shared
def test_wof_shared_small_countries(shared_dir: Path) -> None:
    src = shared_dir / "data" / "gazetteer" / "wof-bh.tsv.gz"
    if not src.is_file():
        pytest.skip("WOF extract not present")
    gaz = Gazetteer(build_wof(src))
    manama = gaz.resolve(gaz.match(normalize("انفجار في المنامة"))[0])
    assert manama is not None and manama.country == "BH" and manama.feature == "city"


def test_common_words_are_places_only_behind_a_cue(embedded_gazetteer: Gazetteer) -> None:
    # Our own sentence, dense with words GeoNames also lists as small places (issue 4).
    text = (
        "وقال بيان عسكري إن غارات جوية نفذتها طائرات حربية أدت إلى مقتل العديد، وأن التحالف الجديد "
        "أعلن وقف النار بحسب المصدر."
    )
    assert [m.span.text for m in embedded_gazetteer.match(normalize(text))] == []
    cued = embedded_gazetteer.match(normalize("قصفت قاعدة العديد وقرية بيان"))
    assert [m.span.text for m in cued] == ["قاعدة العديد", "بيان"]
    assert cued[1].cue == "village"
    # a name kept on purpose despite being a common adjective, and a lexicon form as a common word
    [bahri] = embedded_gazetteer.match(normalize("اشتباكات في بحري"))
    assert bahri.span.text == "بحري" and bahri.ambiguous  # a place only inside the article's countries
    [cued_bahri] = embedded_gazetteer.match(normalize("اشتباكات في مدينة بحري"))
    assert not cued_bahri.ambiguous
    assert "اعتقال" not in {m.span.text for m in embedded_gazetteer.match(normalize("حملة اعتقال"))}


def test_with_any_is_not_a_somali_region(embedded_gazetteer: Gazetteer) -> None:
    # "بأي أضرار" (with any damage) folds to the Arabic name of Somalia's Bay region
    assert embedded_gazetteer.match(normalize("لم تصب السفينة بأي أضرار")) == []
    assert [m.span.text for m in embedded_gazetteer.match(normalize("اشتباكات في إقليم باي"))] == ["باي"]


def test_a_common_word_is_not_read_as_clitic_plus_place(embedded_gazetteer: Gazetteer) -> None:
    # "فرقه" (its teams) is not ف + "رقه" (Raqqa); "وبالرقة" still is و + ب + الرقة.
    text = "أعلن الدفاع المدني أن فرقه انتشلت جثثاً، فيما قصفت الطائرات مواقع وبالرقة."
    found = [m.span.text for m in embedded_gazetteer.match(normalize(text))]
    assert "رقه" not in found and all("فرق" not in f for f in found)
    assert "الرقة" in found


def test_a_cue_governs_only_the_name_in_construct_with_it(embedded_gazetteer: Gazetteer) -> None:
    # "سقطت على المعسكر والسوق": the camp and the market; "السوق" has no cue and stays a common word.
    found = embedded_gazetteer.match(normalize("سقطت القذائف على المعسكر والسوق المجاور"))
    assert [m.span.text for m in found] == []
    cued = embedded_gazetteer.match(normalize("قصفت قرية بيان"))
    assert [(m.span.text, m.cue) for m in cued] == [("بيان", "village")]


def test_the_red_sea_is_a_sea_unless_the_state_is_named(embedded_gazetteer: Gazetteer) -> None:
    assert embedded_gazetteer.match(normalize("هاجم الحوثيون سفينة تجارية في البحر الأحمر")) == []
    named = embedded_gazetteer.match(normalize("في ولاية البحر الأحمر شرقي السودان"))
    assert "البحر الأحمر" in named[0].span.text
    entry = embedded_gazetteer.resolve(named[0], ["SD"])
    assert entry is not None and (entry.country, entry.feature) == ("SD", "admin1")
