from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rasid.ingest.files import InputFailure
from rasid.ingest.items import Ingested, dedup_key
from rasid.model import Article, Record, sha256_text
from rasid.store.db import Store
from rasid.store.filters import RecordFilter
from rasid.store.schema import metadata
from rasid.validate import record_errors
from tests.test_model import TEXT, sample_record


def _ing(id_: str, text: str, url: str | None = None) -> Ingested:
    return Ingested(Article(id_, text, url=url, published="2022-01-23"), f"{id_}.txt", "utf-8")


def _record_for(article: Article) -> Record:
    """The sample record re-targeted at another article (its spans index TEXT, which every test text starts with)."""
    rec = sample_record().to_dict()
    rec["article"]["id"] = article.id
    rec["article"]["text_sha256"] = sha256_text(article.text)
    return Record.from_dict(rec)


def test_migrations_match_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_reopen_is_idempotent(db_url: str) -> None:
    Store.open(db_url).close()
    s = Store.open(db_url)
    assert s.counts()["articles"] == 0
    s.close()


def test_record_round_trip(store: Store) -> None:
    store.add_articles([_ing("a1", TEXT)])
    [pending] = store.pending(10)
    assert pending.article.text == TEXT
    store.save_records([(pending.db_id, sample_record())])
    [got] = list(store.iter_records())
    assert got == sample_record().to_dict()
    assert Record.from_dict(got) == sample_record()
    assert record_errors(got, TEXT) == []
    assert store.pending(10) == []


def test_same_text_twice_is_stored_once(store: Store) -> None:
    stats = store.add_articles([_ing("a1", TEXT), _ing("a1-copy", "  " + TEXT.replace(" ", "\n") + "\n")])
    assert (stats.added, stats.duplicates) == (1, 1)
    again = store.add_articles([_ing("a1", TEXT)])
    assert (again.added, again.duplicates) == (0, 1)
    assert store.counts()["articles"] == 1


def test_changed_text_is_a_new_linked_version(store: Store) -> None:
    store.add_articles([_ing("a1", TEXT, url="file:///a1")])
    stats = store.add_articles([_ing("a1", TEXT + " تحديث.", url="file:///a1")])
    assert stats.new_versions == 1
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id, previous_id, latest, text_sha256 FROM articles ORDER BY id")
        ).all()
    assert [(r[1], bool(r[2])) for r in rows] == [(None, False), (rows[0][0], True)]
    assert rows[1][3] == dedup_key(TEXT + " تحديث.")
    # only the latest version waits for the pipeline
    assert [p.article.text for p in store.pending(10)] == [TEXT + " تحديث."]


def test_reprocessing_keeps_history(store: Store) -> None:
    store.add_articles([_ing("a1", TEXT)])
    [p] = store.pending(10)
    store.save_records([(p.db_id, sample_record())])
    assert store.pending(10, reprocess_version="0.1.0") == []
    [stale] = store.pending(10, reprocess_version="9.9.9")
    newer = Record.from_dict({**sample_record().to_dict(), "pipeline": {"version": "9.9.9", "resources": {}}})
    store.save_records([(stale.db_id, newer)])
    counts = store.counts()
    assert (counts["records"], counts["current_records"], counts["events"]) == (2, 1, 1)
    assert [r["pipeline"]["version"] for r in store.iter_records()] == ["9.9.9"]


def test_filters(store: Store) -> None:
    arts = [_ing(f"a{i}", TEXT + f" {i}") for i in range(3)]
    store.add_articles(arts)
    pending = store.pending(10)
    store.save_records([(p.db_id, _record_for(p.article)) for p in pending])
    everything = list(store.iter_records())
    assert [r["article"]["id"] for r in everything] == ["a0", "a1", "a2"]
    match = [
        RecordFilter(country="SY"),
        RecordFilter(country="sy", admin1="Al-Hasakah"),
        RecordFilter(since="2022-01-20", until="2022-01-20"),
        RecordFilter(actor="sdf"),
        RecordFilter(actor="islamic-state", event_type="Battles"),
        RecordFilter(event_type="Armed clash"),
    ]
    miss = [
        RecordFilter(country="IQ"),
        RecordFilter(admin1="Aleppo"),
        RecordFilter(since="2022-01-21"),
        RecordFilter(until="2022-01-19"),
        RecordFilter(actor="amaq"),  # a claim source, not an event actor
        RecordFilter(event_type="Protests"),
    ]
    for f in match:
        assert len(list(store.iter_records(f))) == 3, f
        assert len(list(store.iter_events(f))) == 3, f
    for f in miss:
        assert list(store.iter_records(f)) == [], f
        assert list(store.iter_events(f)) == [], f


def test_error_records_are_stored_but_not_exported(store: Store) -> None:
    store.add_articles([_ing("a1", TEXT)])
    [p] = store.pending(10)
    err = Record.from_dict({**sample_record().to_dict(), "status": "error", "error": "[E011] boom"})
    store.save_records([(p.db_id, err)])
    assert list(store.iter_records()) == []
    assert store.counts()["records"] == 1


def test_claims_and_figures_for_event(store: Store) -> None:
    store.add_articles([_ing("a1", TEXT)])
    [p] = store.pending(10)
    store.save_records([(p.db_id, sample_record())])
    [event] = list(store.iter_events(RecordFilter(actor="sdf")))
    [claim] = store.claims_for_event(int(event["id"]))
    assert (claim["source"], claim["figure_kind"], claim["value"], claim["qualifier"]) == (
        "amaq",
        "killed",
        200,
        "more_than",
    )
    assert claim["via"] == ["islamic-state"]
    [fig] = store.figures_for_event(int(event["id"]))
    assert (fig["kind"], fig["best"], fig["contested"], fig["claims"]) == ("killed", 201, False, ["c1"])


def test_quarantine_rows(store: Store) -> None:
    fail = InputFailure(
        "x.bin", "[E402] Input x.bin is not text: binary", raw=b"\x00\x01", pointer="/tmp/x.bin"
    )
    stats = store.add_articles([fail, _ing("a1", TEXT)])
    assert (stats.added, stats.quarantined, stats.reasons) == (1, 1, {"E402": 1})
    [row] = store.quarantine_list()
    assert (row["code"], row["pointer"], row["size"]) == ("E402", "/tmp/x.bin", 2)
    [item] = store.quarantine_items()
    assert item["raw"] == b"\x00\x01"
    store.resolve_quarantine([int(row["id"])])
    assert store.quarantine_list() == []
    assert len(store.quarantine_list(include_resolved=True)) == 1


def test_versions_within_one_call_are_chained(store: Store) -> None:
    texts = [TEXT, TEXT + " 1", TEXT + " 2"]
    stats = store.add_articles(
        [_ing("a1", x, url="https://example.org/a1") for x in texts] + [_ing("b", TEXT + " b")]
    )
    assert (stats.added, stats.new_versions) == (4, 2)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, previous_id, latest FROM articles ORDER BY id")).all()
    assert [(r[1], bool(r[2])) for r in rows] == [
        (None, False),
        (rows[0][0], False),
        (rows[1][0], True),
        (None, True),
    ]


def test_streaming_reader_does_not_block_a_writer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rw.db'}"
    with Store.open(url) as reader_store, Store.open(url) as writer_store:
        reader_store.add_articles([_ing(f"a{i}", TEXT + f" {i}") for i in range(5)])
        pending = reader_store.pending(10)
        reader_store.save_records([(p.db_id, _record_for(p.article)) for p in pending[:3]])
        stream = reader_store.iter_records(yield_per=1)
        first = next(stream)  # a read transaction is now open
        writer_store.save_records([(p.db_id, _record_for(p.article)) for p in pending[3:]])
        rest = list(stream)
        assert [first["article"]["id"], *(r["article"]["id"] for r in rest)] == ["a0", "a1", "a2"]  # snapshot
        assert len(list(writer_store.iter_records())) == 5


def test_record_comes_back_with_its_key_order(store: Store) -> None:
    store.add_articles([_ing("a1", TEXT)])
    [p] = store.pending(1)
    store.save_records([(p.db_id, sample_record())])
    [got] = list(store.iter_records())
    want = sample_record().to_dict()
    assert list(got) == list(want)
    assert list(got["events"][0]["place"]) == list(want["events"][0]["place"])
