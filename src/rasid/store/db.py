"""``Store``: the database behind rasid — SQLite file by default, PostgreSQL by URL.

Opening a store applies the Alembic migrations shipped in the package, so a user never runs
``alembic`` by hand. Every write is one transaction per batch: a process killed at any moment leaves
either the whole batch or none of it, which is what makes ``rasid run`` resumable.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from rasid.errors import Errors, StoreError
from rasid.ingest.files import InputFailure
from rasid.ingest.items import Ingested
from rasid.model import Article, Record
from rasid.store import DEFAULT_URL
from rasid.store import schema as t
from rasid.store.denorm import denormalize
from rasid.store.filters import RecordFilter

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Quarantined inputs up to this size keep their bytes in the database; larger ones keep a pointer.
RAW_KEEP_BYTES = 1 << 20
_CHUNK = 500


# How long a claimed batch stays reserved for its run without a commit, and how old a run's heartbeat
# may get before the run counts as dead (a batch takes seconds; a worker that goes quiet for this long
# is gone).
LEASE_SECONDS = 600.0


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes for timezone-aware columns; they were written in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this host (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


@dataclass
class IngestStats:
    added: int = 0
    duplicates: int = 0
    new_versions: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "new_versions": self.new_versions,
            "quarantined": self.quarantined,
            "reasons": dict(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """An article waiting for the pipeline: its database id and the article itself."""

    db_id: int
    article: Article


_ARTICLE_COLUMNS = tuple(
    getattr(t.articles.c, name)
    for name in ("id", "ext_id", "text", "url", "outlet", "title", "language", "published")
)


def _pending_article(row: sa.Row[Any]) -> PendingArticle:
    return PendingArticle(
        int(row.id),
        Article(
            id=row.ext_id,
            text=row.text,
            url=row.url,
            outlet=row.outlet,
            title=row.title,
            language=row.language,
            published=row.published,
        ),
    )


def _configure_sqlite(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is disabled so SQLAlchemy's BEGIN is the real one.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE), so a busy database waits for
    # busy_timeout instead of failing on a lock upgrade; readers stay deferred and, in WAL mode,
    # never block a writer (an export can stream while ``rasid run`` commits).
    write = conn.get_execution_options().get("rasid_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL mode, foreign keys and a busy timeout on every connection."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(Errors.E420, url=url, reason=exc) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _configure_sqlite)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (ImportError, sa.exc.ArgumentError) as exc:
        raise StoreError(Errors.E420, url=url, reason=exc) from exc


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with the migrations shipped in the package."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(rasid_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _identity(art: Article) -> str:
    """What makes two inputs versions of one article: the URL when there is one, else the id."""
    return f"url:{art.url}" if art.url else f"id:{art.id}"


class Store:
    """Articles in, records out. Create with ``Store.open(url)``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(rasid_write=True)
        self.url = engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, url: str = DEFAULT_URL) -> Store:
        """Open (and create or migrate) the database at ``url``: ``sqlite:///path`` or ``postgresql+psycopg://…``."""
        engine = make_engine(url)
        try:
            migrate(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(Errors.E420, url=url, reason=exc) from exc
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ---------------------------------------------------------------- ingest

    def add_articles(
        self, items: Iterable[Ingested | InputFailure], run_id: int | None = None
    ) -> IngestStats:
        """Store articles (deduplicated, versioned) and quarantine failures; one transaction per chunk."""
        stats = IngestStats()
        chunk: list[Ingested | InputFailure] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= _CHUNK:
                self._add_chunk(chunk, stats, run_id)
                chunk = []
        if chunk:
            self._add_chunk(chunk, stats, run_id)
        return stats

    def _add_chunk(
        self, chunk: Sequence[Ingested | InputFailure], stats: IngestStats, run_id: int | None
    ) -> None:
        for attempt in (1, 2):
            local = IngestStats()
            try:
                with self._writer.begin() as conn:
                    self._insert_chunk(conn, chunk, local, run_id)
            except IntegrityError:
                # Another process stored the same text meanwhile; the retry sees it as a duplicate.
                if attempt == 2:
                    raise
                log.info("concurrent ingest of the same text; retrying the chunk")
                continue
            stats.added += local.added
            stats.duplicates += local.duplicates
            stats.new_versions += local.new_versions
            stats.quarantined += local.quarantined
            for k, v in local.reasons.items():
                stats.reasons[k] = stats.reasons.get(k, 0) + v
            return

    def _insert_chunk(
        self,
        conn: Connection,
        chunk: Sequence[Ingested | InputFailure],
        stats: IngestStats,
        run_id: int | None,
    ) -> None:
        now = _now()
        c = t.articles.c
        good = [i for i in chunk if isinstance(i, Ingested)]
        keys = list({i.key for i in good})
        seen: set[str] = set()
        for part in range(0, len(keys), 400):
            q = sa.select(c.text_sha256).where(c.text_sha256.in_(keys[part : part + 400]))
            seen.update(conn.execute(q).scalars())
        latest = self._latest_versions(conn, [i.article for i in good])
        rows: list[dict[str, Any]] = []
        row_keys: list[str] = []

        def flush() -> None:
            if rows:
                ids = conn.execute(sa.insert(t.articles).returning(c.id, sort_by_parameter_order=True), rows)
                for key, new_id in zip(row_keys, ids.scalars(), strict=True):
                    latest[key] = int(new_id)
                rows.clear()
                row_keys.clear()

        for item in chunk:
            if isinstance(item, InputFailure):
                self._quarantine(conn, item, run_id, now)
                stats.quarantined += 1
                stats.reasons[item.code] = stats.reasons.get(item.code, 0) + 1
                continue
            key = item.key
            if key in seen:
                stats.duplicates += 1
                continue
            seen.add(key)
            art = item.article
            ident = _identity(art)
            if ident in row_keys:
                flush()  # an earlier version of this article is in this very chunk: it needs its id
            previous = latest.get(ident)
            if previous is not None:
                conn.execute(
                    sa.update(t.articles).where(c.id == previous).values(latest=False, status="superseded")
                )
                stats.new_versions += 1
            rows.append(
                {
                    "ext_id": art.id,
                    "text": art.text,
                    "url": art.url,
                    "outlet": art.outlet,
                    "title": art.title,
                    "language": art.language,
                    "published": art.published,
                    "text_sha256": key,
                    "raw_sha256": art.text_sha256,
                    "encoding": item.encoding,
                    "source_ref": item.source_ref,
                    "previous_id": previous,
                    "latest": True,
                    "status": "pending",
                    "created": now,
                }
            )
            row_keys.append(ident)
            stats.added += 1
        flush()

    @staticmethod
    def _latest_versions(conn: Connection, arts: Sequence[Article]) -> dict[str, int]:
        """Latest stored versions of the same articles: same URL when it has one, else same id (no URL)."""
        c = t.articles.c
        urls = list({a.url for a in arts if a.url})
        ids = list({a.id for a in arts if not a.url})
        found: dict[str, int] = {}
        for part in range(0, max(len(urls), len(ids)), 400):
            cond = sa.or_(
                c.url.in_(urls[part : part + 400]),
                sa.and_(c.ext_id.in_(ids[part : part + 400]), c.url.is_(None)),
            )
            for row in conn.execute(sa.select(c.id, c.ext_id, c.url).where(c.latest, cond)):
                found[f"url:{row.url}" if row.url else f"id:{row.ext_id}"] = int(row.id)
        return found

    def _quarantine(self, conn: Connection, item: InputFailure, run_id: int | None, now: datetime) -> None:
        q = t.quarantine.c
        # Re-ingesting the same bad input is idempotent: one open row per input and reason.
        open_row = sa.select(q.id).where(
            q.input_ref == item.ref, q.reason == item.reason, q.resolved.is_(None)
        )
        if conn.execute(open_row.limit(1)).first() is not None:
            return
        raw = item.raw if item.raw is not None and len(item.raw) <= RAW_KEEP_BYTES else None
        conn.execute(
            sa.insert(t.quarantine).values(
                input_ref=item.ref,
                code=item.code,
                reason=item.reason,
                raw=raw,
                pointer=item.pointer or item.ref,
                size=item.size
                if item.size is not None
                else (len(item.raw) if item.raw is not None else None),
                run_id=run_id,
                created=now,
            )
        )

    def quarantine(self, failures: Iterable[InputFailure], run_id: int | None = None) -> int:
        n = 0
        with self._writer.begin() as conn:
            for f in failures:
                self._quarantine(conn, f, run_id, _now())
                n += 1
        return n

    def quarantine_list(self, include_resolved: bool = False) -> list[dict[str, Any]]:
        q = t.quarantine
        stmt = sa.select(
            q.c.id, q.c.input_ref, q.c.code, q.c.reason, q.c.pointer, q.c.size, q.c.created, q.c.resolved
        ).order_by(q.c.id)
        if not include_resolved:
            stmt = stmt.where(q.c.resolved.is_(None))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def quarantine_items(self, ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
        """Open quarantine rows with their raw bytes (for ``retry``)."""
        q = t.quarantine
        stmt = sa.select(q).where(q.c.resolved.is_(None)).order_by(q.c.id)
        if ids:
            stmt = stmt.where(q.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def resolve_quarantine(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        with self._writer.begin() as conn:
            conn.execute(
                sa.update(t.quarantine).where(t.quarantine.c.id.in_(list(ids))).values(resolved=_now())
            )

    # ---------------------------------------------------------------- runs

    def start_run(self, version: str, config: Mapping[str, Any]) -> int:
        """Record a new run (host, pid, heartbeat) after marking dead runs interrupted."""
        self.reap_runs()
        now = _now()
        with self._writer.begin() as conn:
            rid = conn.execute(
                sa.insert(t.runs)
                .values(
                    started=now,
                    version=version,
                    config=dict(config),
                    status="running",
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    heartbeat=now,
                )
                .returning(t.runs.c.id)
            ).scalar_one()
        return int(rid)

    def finish_run(self, run_id: int, status: str = "done") -> None:
        with self._writer.begin() as conn:
            conn.execute(
                sa.update(t.runs).where(t.runs.c.id == run_id).values(finished=_now(), status=status)
            )
            self._release(conn, sa.and_(t.articles.c.lease_run == run_id))

    def run_info(self, run_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.runs).where(t.runs.c.id == run_id)).one()
        return dict(row._mapping)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest runs first, as stored (after marking dead ones interrupted)."""
        self.reap_runs()
        c = t.runs.c
        cols = [c.id, c.status, c.version, c.started, c.finished, c.heartbeat, c.host, c.pid]
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(*cols, c.processed, c.errors).order_by(c.id.desc()).limit(limit)
            ).all()
        return [dict(row._mapping) for row in rows]

    def reap_runs(self, stale_after: float = LEASE_SECONDS) -> list[int]:
        """Mark interrupted the runs still "running" that are dead, and free the articles they had claimed.

        A run is dead when it was started on this host and its process is gone (a kill -9, a crash), or
        when its heartbeat is older than ``stale_after`` seconds (a run on another machine that stopped
        claiming and committing). Returns the ids marked.
        """
        c = t.runs.c
        host = socket.gethostname()
        cutoff = _now() - timedelta(seconds=stale_after)
        with self.engine.connect() as conn:
            running = conn.execute(
                sa.select(c.id, c.host, c.pid, c.heartbeat, c.started).where(c.status == "running")
            ).all()
        dead = [
            int(row.id)
            for row in running
            if (row.host == host and row.pid is not None and not _process_alive(int(row.pid)))
            or _aware(row.heartbeat or row.started) < cutoff
        ]
        if dead:
            with self._writer.begin() as conn:
                conn.execute(
                    sa.update(t.runs)
                    .where(c.id.in_(dead), c.status == "running")
                    .values(status="interrupted", finished=_now())
                )
                self._release(conn, t.articles.c.lease_run.in_(dead))
            log.warning("runs %s were found dead and marked interrupted", dead)
        return dead

    # ---------------------------------------------------------------- processing

    @staticmethod
    def _pending_condition(reprocess_version: str | None) -> sa.ColumnElement[bool]:
        """Latest articles without a current record (and, with ``reprocess_version``, those whose current
        record came from another pipeline version)."""
        a, r = t.articles.c, t.records.c
        cond: sa.ColumnElement[bool] = a.status == "pending"
        if reprocess_version is not None:
            stale = sa.exists().where(
                r.article_id == a.id, r.current, r.pipeline_version != reprocess_version
            )
            cond = sa.or_(cond, stale)
        return sa.and_(a.latest, cond)

    def pending(
        self, batch: int, reprocess_version: str | None = None, after_id: int = 0
    ) -> list[PendingArticle]:
        """Up to ``batch`` articles waiting for the pipeline, oldest first (a look, nothing is claimed)."""
        a = t.articles.c
        stmt = (
            sa.select(*_ARTICLE_COLUMNS)
            .where(a.id > after_id, self._pending_condition(reprocess_version))
            .order_by(a.id)
            .limit(batch)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [_pending_article(row) for row in rows]

    def claim(
        self,
        run_id: int,
        batch: int,
        reprocess_version: str | None = None,
        after_id: int = 0,
        lease_seconds: float = LEASE_SECONDS,
    ) -> list[PendingArticle]:
        """Take up to ``batch`` waiting articles for run ``run_id``: oldest first, none that another live
        run holds. The lease lasts ``lease_seconds`` or until ``save_records`` commits the batch.

        On PostgreSQL the rows are locked with SKIP LOCKED, on SQLite the write transaction is exclusive,
        so two runs claiming at once get disjoint batches. Also the run's heartbeat.
        """
        a, r = t.articles.c, t.records.c
        now = _now()
        free = sa.or_(a.lease_run.is_(None), a.lease_run == run_id, a.lease_until < now)
        # never twice in one run (a reprocess whose records carry another version stays "stale")
        done_here = sa.exists().where(r.article_id == a.id, r.current, r.run_id == run_id)
        stmt = (
            sa.select(*_ARTICLE_COLUMNS)
            .where(a.id > after_id, free, ~done_here, self._pending_condition(reprocess_version))
            .order_by(a.id)
            .limit(batch)
        )
        if self.dialect == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True, of=t.articles)
        with self._writer.begin() as conn:
            rows = conn.execute(stmt).all()
            ids = [int(row.id) for row in rows]
            if ids:
                until = now + timedelta(seconds=lease_seconds)
                conn.execute(
                    sa.update(t.articles).where(a.id.in_(ids)).values(lease_run=run_id, lease_until=until)
                )
            conn.execute(sa.update(t.runs).where(t.runs.c.id == run_id).values(heartbeat=now))
        return [_pending_article(row) for row in rows]

    @staticmethod
    def _release(conn: Connection, where: sa.ColumnElement[bool]) -> None:
        conn.execute(sa.update(t.articles).where(where).values(lease_run=None, lease_until=None))

    def count_pending(self, reprocess_version: str | None = None) -> int:
        cond = self._pending_condition(reprocess_version)
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).where(cond)).scalar_one())

    def save_records(self, results: Sequence[tuple[int, Record]], run_id: int | None = None) -> None:
        """Store one record per article id, in one transaction, making it the article's current record.

        The earlier current record stays in ``records`` (history); its denormalized rows are replaced.
        """
        if not results:
            return
        now = _now()
        r = t.records.c
        article_ids = [a for a, _ in results]
        if len(set(article_ids)) != len(article_ids):
            raise ValueError("save_records got two records for the same article in one batch")
        with self._writer.begin() as conn:
            old = [
                int(x)
                for x in conn.execute(
                    sa.select(r.id).where(r.article_id.in_(article_ids), r.current)
                ).scalars()
            ]
            if old:
                self._drop_denormalized(conn, old)
                conn.execute(sa.update(t.records).where(r.id.in_(old)).values(current=False))
            rows = [
                {
                    "article_id": article_id,
                    "run_id": run_id,
                    "pipeline_version": record.pipeline.version,
                    "status": record.status,
                    "error": record.error,
                    "record": record.to_dict(),
                    "current": True,
                    "created": now,
                }
                for article_id, record in results
            ]
            ids = conn.execute(
                sa.insert(t.records).returning(r.id, sort_by_parameter_order=True), rows
            ).scalars()
            saved = [(int(rid), a, rec) for rid, (a, rec) in zip(ids, results, strict=True)]
            a = t.articles.c
            for status in ("ok", "error"):
                these = [art for _, art, rec in saved if rec.status == status]
                if these:
                    conn.execute(
                        sa.update(t.articles)
                        .where(a.id.in_(these))
                        .values(status=status, lease_run=None, lease_until=None)
                    )
            denormalize(conn, [s for s in saved if s[2].status == "ok"])
            if run_id is not None:
                errors = sum(rec.status != "ok" for _, rec in results)
                c = t.runs.c
                conn.execute(
                    sa.update(t.runs)
                    .where(c.id == run_id)
                    .values(processed=c.processed + len(results), errors=c.errors + errors, heartbeat=now)
                )

    @staticmethod
    def _drop_denormalized(conn: Connection, record_ids: list[int]) -> None:
        ev_ids = sa.select(t.events.c.id).where(t.events.c.record_id.in_(record_ids))
        conn.execute(sa.delete(t.event_actors).where(t.event_actors.c.event_id.in_(ev_ids)))
        conn.execute(sa.delete(t.figures).where(t.figures.c.event_id.in_(ev_ids)))
        for table in (t.evidence, t.claims, t.actors):
            conn.execute(sa.delete(table).where(table.c.record_id.in_(record_ids)))
        conn.execute(sa.delete(t.events).where(t.events.c.record_id.in_(record_ids)))

    # ---------------------------------------------------------------- queries

    def _event_match(self, filt: RecordFilter) -> list[sa.ColumnElement[bool]]:
        e = t.events.c
        conds: list[sa.ColumnElement[bool]] = []
        if filt.country:
            conds.append(e.country == filt.country.upper())
        if filt.admin1:
            conds.append(e.admin1 == filt.admin1)
        if filt.since:
            conds.append(sa.func.coalesce(e.date_end, e.date_start) >= filt.since)
        if filt.until:
            conds.append(e.date_start <= filt.until)
        if filt.event_type:
            conds.append(sa.or_(e.event_type == filt.event_type, e.sub_event_type == filt.event_type))
        if filt.actor:
            ea = t.event_actors.c
            conds.append(sa.exists().where(ea.event_id == e.id, ea.actor_id == filt.actor))
        return conds

    def iter_records(
        self, filt: RecordFilter | None = None, yield_per: int = 200
    ) -> Iterator[dict[str, Any]]:
        """Current ``rasid.article/1`` records with status ok, latest article versions, by article id.

        Streams (server-side cursor on PostgreSQL), so memory stays flat however many records match.
        """
        a, r = t.articles.c, t.records.c
        stmt = (
            sa.select(r.record)
            .select_from(t.records.join(t.articles, a.id == r.article_id))
            .where(r.current, r.status == "ok", a.latest)
            .order_by(a.id)
        )
        if filt is not None and not filt.is_empty():
            e = t.events.c
            stmt = stmt.where(sa.exists().where(e.record_id == r.id, *self._event_match(filt)))
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=yield_per).execute(stmt)
            for (data,) in result:
                yield dict(data)

    def iter_events(self, filt: RecordFilter | None = None) -> Iterator[dict[str, Any]]:
        """Events of current records, as flat rows (newest date first), with the article id they came from."""
        e, a = t.events.c, t.articles.c
        stmt = (
            sa.select(
                e.id,
                a.ext_id.label("article"),
                e.event_key,
                e.event_type,
                e.sub_event_type,
                e.date_start,
                e.date_end,
                e.place_name,
                e.country,
                e.admin1,
                e.lat,
                e.lon,
                e.actor1,
                e.actor2,
            )
            .select_from(t.events.join(t.articles, a.id == e.article_id))
            .where(a.latest, *self._event_match(filt or RecordFilter()))
            .order_by(e.date_start.desc(), e.id)
        )
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=500).execute(stmt)
            for row in result:
                yield dict(row._mapping)

    def claims_for_event(self, event_id: int) -> list[dict[str, Any]]:
        """Claims attached to event ``event_id`` (the database id shown by ``rasid events``)."""
        c = t.claims.c
        stmt = (
            sa.select(
                c.id,
                c.claim_key,
                c.source,
                c.via,
                c.stance,
                c.said_on,
                c.figure_kind,
                c.value,
                c.qualifier,
                c.low,
                c.high,
                c.of,
                c.includes,
                c.statement_kind,
                c.statement_text,
            )
            .where(c.event_id == event_id)
            .order_by(c.id)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def iter_claims(self) -> Iterator[dict[str, Any]]:
        """Every claim of the current records (latest article versions), with its article and event ids."""
        c, r, a = t.claims.c, t.records.c, t.articles.c
        stmt = (
            sa.select(
                a.ext_id.label("article"),
                c.event_id,
                c.claim_key,
                c.source,
                c.via,
                c.stance,
                c.said_on,
                c.figure_kind,
                c.value,
                c.qualifier,
                c.of,
                c.statement_kind,
            )
            .select_from(t.claims.join(t.records, r.id == c.record_id).join(t.articles, a.id == r.article_id))
            .where(r.current, a.latest)
            .order_by(a.id, c.id)
        )
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=500).execute(stmt)
            for row in result:
                yield dict(row._mapping)

    def figures_for_event(self, event_id: int) -> list[dict[str, Any]]:
        f = t.figures.c
        stmt = sa.select(f.kind, f.low, f.best, f.high, f.contested, f.claims).where(f.event_id == event_id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt.order_by(f.id))]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (for summaries and tests)."""
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for name in ("articles", "records", "events", "claims", "actors", "quarantine", "runs"):
                table = t.metadata.tables[name]
                out[name] = int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
            out["current_records"] = int(
                conn.execute(sa.select(sa.func.count()).where(t.records.c.current)).scalar_one()
            )
            out["pending"] = int(
                conn.execute(
                    sa.select(sa.func.count()).where(t.articles.c.status == "pending", t.articles.c.latest)
                ).scalar_one()
            )
        return out
