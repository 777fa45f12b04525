"""The compact gazetteer storage (column arrays, int name index, memory-mapped file) gives the same answers
as the plain rows and the generic ``Matcher`` it was compacted from, on real Who's On First country files."""

from __future__ import annotations

import pickle
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from rasid.resources.gazetteer import CompiledGazetteer, Gazetteer, PlaceEntry, Row
from rasid.resources.gazetteer_build import country_adjectives, load_countries, load_cues
from rasid.resources.matcher import Matcher
from rasid.resources.wof import wof_builder
from rasid.text.normalize import fold, normalize

pytestmark = pytest.mark.shared

WOF_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gazetteer"
PROCLITICS = ("", "و", "ب", "وب", "لل", "ولل", "ف", "ال", "وال", "كال", "ل")
GLUE = ("في", "مدينة", "ريف", "قرب", "،", "محافظة", "و", "بلدة", "شرق", "in", "near")


@dataclass
class Built:
    rows: list[Row]
    forms: dict[str, list[int]]
    memory: Gazetteer  # compiled in memory (arrays)
    mapped: Gazetteer  # saved and read back (memory-mapped file)
    saved: Path


@pytest.fixture(scope="module", params=["bh", "lb"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = WOF_DIR / f"wof-{request.param}.tsv.gz"
    if not path.is_file():
        pytest.skip(f"{path} is not present (../shared beside the clone)")
    b, checksum, sources = wof_builder(path)
    cues = load_cues()
    forms, _, _ = b.tables(cues)
    compiled = b.compile(checksum, sources, cues, country_adjectives(load_countries()))
    saved = tmp_path_factory.mktemp("gaz") / f"{request.param}.gazetteer"
    compiled.save(saved)
    return Built(list(b.rows), forms, Gazetteer(compiled), Gazetteer(CompiledGazetteer.read(saved)), saved)


def _reference_chain(rows_by_id: dict[str, Row], row: Row) -> list[str]:
    """The hierarchy as the row-based gazetteer walked it: parents (and theirs) first, then the row."""
    chain: list[str] = []
    seen = {row[0]}

    def walk(r: Row, depth: int) -> None:
        for pid in r[11]:
            if pid in seen or depth > 8 or pid not in rows_by_id:
                continue
            seen.add(pid)
            walk(rows_by_id[pid], depth + 1)
            chain.append(pid)

    walk(row, 0)
    return [*chain, row[0]]


def test_every_entry_id_and_hierarchy(built: Built) -> None:
    rows_by_id = {r[0]: r for r in built.rows}
    for gaz in (built.memory, built.mapped):
        assert len(gaz) == len(built.rows)
        assert gaz.entries() == [PlaceEntry(*r) for r in built.rows]
        for r in built.rows:
            e = gaz.get(r[0])
            assert e == PlaceEntry(*r)
            assert [x.id for x in gaz.hierarchy(e)] == _reference_chain(rows_by_id, r)
        with pytest.raises(KeyError):
            gaz.get("wof:1")
        with pytest.raises(KeyError):
            gaz.get("rasid:no-such-place")


def test_every_name_looks_up_its_rows(built: Built) -> None:
    for gaz in (built.memory, built.mapped):
        assert gaz.n_forms == len(built.forms)
        for form in built.forms:
            want = [built.rows[i][0] for i in built.forms.get(fold(form), [])]
            assert [e.id for e in gaz.lookup(form)] == want, form
        assert gaz.lookup("لا مكان بهذا الاسم") == ()


def test_name_hits_equal_the_generic_matcher(built: Built) -> None:
    """Hits of the int index = ``Matcher.select`` over (form, row) pairs, on texts of names with clitics."""
    reference = Matcher((form, i) for form, rows in built.forms.items() for i in rows)
    rng = random.Random(len(built.rows))
    names = sorted(built.forms)
    n_hits = 0
    for _ in range(60):
        words: list[str] = []
        for form in rng.sample(names, min(30, len(names))):
            words += [rng.choice(PROCLITICS) + form, rng.choice(GLUE)]
        key = normalize(" ".join(words)).key
        want = [(s, e, p, tuple(rows)) for s, e, _f, p, _st, rows in reference.select(key)]
        for gaz in (built.memory, built.mapped):
            index = gaz._matcher
            got = []
            for s, e, p, fids in index.select(key):
                merged: list[int] = []
                for fid in fids:
                    merged += [i for i in index.rows(fid) if i not in merged]
                got.append((s, e, p, tuple(merged)))
            assert got == want
        n_hits += len(want)
    assert n_hits > 500


def test_match_and_resolve_agree_between_memory_and_file(built: Built) -> None:
    rng = random.Random(7)
    names = sorted(built.forms)
    for _ in range(20):
        text = " ".join(rng.choice(GLUE) + " " + rng.choice(PROCLITICS) + f for f in rng.sample(names, 25))
        norm = normalize(text)
        a, b = built.memory.match(norm), built.mapped.match(norm)
        assert a == b
        assert built.memory.resolve_all(a) == built.mapped.resolve_all(b)
        for m in a:
            assert text[m.span.start : m.span.end] == m.span.text


@pytest.mark.parametrize("built", ["bh"], indirect=True)
def test_known_places_in_bahrain(built: Built) -> None:
    gaz = built.mapped

    def resolved(text: str) -> list[str | None]:
        ms = gaz.match(normalize(text))
        return [e.id if e else None for e in gaz.resolve_all(ms)]

    assert resolved("قصف في المنامة") == ["wof:421190647"]  # the city (locality, 147,074 people)
    assert resolved("في محافظة المنامة") == ["wof:85669053"]  # the governorate after its cue word
    assert resolved("وبالمنامة وللمنامة") == ["wof:421190647"] * 2
    manama = gaz.get("wof:421190647")
    assert (manama.feature, manama.country, manama.admin1, manama.name_ar) == (
        "city",
        "BH",
        "Capital",
        "المنامة",
    )
    assert [e.id for e in gaz.hierarchy(manama)] == ["wof:85632167", "wof:85669053", "wof:421190647"]
    assert gaz.stats()["features"]["country"] >= 1


def test_old_row_layout_reads_into_the_same_table(built: Built, tmp_path: Path) -> None:
    """A file of the first layout (rows as tuples, pickled) is compacted on load to the same answers."""
    cues = load_cues()
    payload = {
        "format": "rasid.gazetteer/1",
        "rows": built.rows,
        "forms": built.forms,
        "checksum": built.memory.checksum,
        "sources": list(built.memory.sources),
        "cues": cues,
        "adjectives": country_adjectives(load_countries()),
        "cue_only": frozenset(),
        "common": frozenset(),
    }
    old = tmp_path / "old.pickle"
    old.write_bytes(pickle.dumps(payload))
    gaz = Gazetteer(CompiledGazetteer.read(old))
    assert gaz.entries() == built.mapped.entries()
    assert gaz.checksum == built.mapped.checksum
