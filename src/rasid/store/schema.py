"""The database schema (SQLAlchemy 2 Core): articles, records and the tables denormalized from records.

``records`` holds the whole ``rasid.article/1`` JSON and is the source of truth; ``actors``, ``events``,
``claims``, ``figures`` and ``evidence`` are copies of parts of the current records, kept so that the
UI and exports can filter by date, country, admin1, actor and event type with an index.
Changes here need an Alembic migration in ``rasid/store/migrations/versions`` (a test compares them).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

# JSON everywhere; JSONB on PostgreSQL so the record can be queried there too.
JSONType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished", sa.DateTime(timezone=True)),
    sa.Column("version", sa.String(32), nullable=False),
    sa.Column("config", JSONType, nullable=False),
    sa.Column("processed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("quarantined", sa.Integer, nullable=False, server_default="0"),
    # running -> done | failed | interrupted (found dead by a later run: its process is gone from this
    # host, or its heartbeat is older than the lease).
    sa.Column("status", sa.String(16), nullable=False, server_default="running"),
    sa.Column("host", sa.String(255)),
    sa.Column("pid", sa.Integer),
    sa.Column("heartbeat", sa.DateTime(timezone=True)),  # last claim or commit of the run
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ext_id", sa.String(512), nullable=False),  # the article id given by the input
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.String(256)),
    sa.Column("title", sa.Text),
    sa.Column("language", sa.String(8)),
    sa.Column("published", sa.String(10)),
    # sha256 of the normalized text (NFKC, whitespace collapsed): the dedup key.
    sa.Column("text_sha256", sa.String(64), nullable=False),
    # sha256 of the text exactly as ingested (equals the record's article.text_sha256).
    sa.Column("raw_sha256", sa.String(64), nullable=False),
    sa.Column("encoding", sa.String(32)),
    sa.Column("source_ref", sa.Text),
    sa.Column("previous_id", sa.Integer, sa.ForeignKey("articles.id")),
    sa.Column("latest", sa.Boolean, nullable=False, server_default=sa.true()),
    # pending -> ok | error; superseded when a newer version of the same id/url arrives.
    sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    # A run claims a batch before processing it, so concurrent runs never take the same articles;
    # the lease ends when the batch commits, when it expires, or when its run is found dead.
    sa.Column("lease_run", sa.Integer),
    sa.Column("lease_until", sa.DateTime(timezone=True)),
    sa.UniqueConstraint("text_sha256", name="uq_articles_text_sha256"),
    sa.Index("ix_articles_ext_id", "ext_id"),
    sa.Index("ix_articles_url", "url"),
    sa.Index("ix_articles_status", "status"),
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_lease_run", "lease_run"),
)

records = sa.Table(
    "records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("pipeline_version", sa.String(32), nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("error", sa.Text),
    # Plain JSON (not JSONB) so the record comes back exactly as written, key order included,
    # on both backends: exports are byte-identical whichever database they read.
    sa.Column("record", sa.JSON(), nullable=False),
    sa.Column("current", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    # At most one current record per article: a resumed run can never duplicate one.
    sa.Index(
        "uq_records_current",
        "article_id",
        unique=True,
        sqlite_where=sa.text("current"),
        postgresql_where=sa.text("current"),
    ),
    sa.Index("ix_records_article", "article_id"),
    sa.Index("ix_records_version", "pipeline_version"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    sa.Column("actor_id", sa.String(128), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_ar", sa.Text),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("affiliation", sa.String(128)),
    sa.Index("ix_actors_actor_id", "actor_id"),
    sa.Index("ix_actors_record", "record_id"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("event_key", sa.String(32), nullable=False),  # "e1" inside the record
    sa.Column("event_type", sa.String(64), nullable=False),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("plover", sa.String(32)),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("place_name", sa.Text),
    sa.Column("gazetteer_id", sa.String(64)),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.String(128)),
    sa.Column("admin2", sa.String(128)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("place_precision", sa.String(8)),
    sa.Column("actor1", sa.String(128)),
    sa.Column("actor2", sa.String(128)),
    sa.Index("ix_events_country_date", "country", "date_start"),
    sa.Index("ix_events_admin1", "admin1"),
    sa.Index("ix_events_date", "date_start"),
    sa.Index("ix_events_type", "event_type", "sub_event_type"),
    sa.Index("ix_events_actor1", "actor1"),
    sa.Index("ix_events_actor2", "actor2"),
    sa.Index("ix_events_record", "record_id"),
)

# Every actor of an event in any role (actor1, actor2, assoc), so "--actor sdf" is one indexed lookup.
event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_id", sa.String(128), primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),
    sa.Index("ix_event_actors_actor", "actor_id"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE")),
    sa.Column("claim_key", sa.String(32), nullable=False),
    sa.Column("source", sa.String(128), nullable=False),
    sa.Column("via", JSONType, nullable=False),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("said_on", sa.String(10)),
    sa.Column("figure_kind", sa.String(32)),
    sa.Column("value", sa.Integer),
    sa.Column("qualifier", sa.String(16)),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("of", sa.String(128)),
    sa.Column("includes", sa.Text),
    sa.Column("statement_kind", sa.String(16)),
    sa.Column("statement_text", sa.Text),
    sa.Index("ix_claims_event", "event_id"),
    sa.Index("ix_claims_source", "source"),
    sa.Index("ix_claims_record", "record_id"),
)

figures = sa.Table(
    "figures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("low", sa.Integer),
    sa.Column("best", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("contested", sa.Boolean, nullable=False),
    sa.Column("claims", JSONType, nullable=False),
    sa.Index("ix_figures_event", "event_id"),
)

# Evidence spans of actors, claims and events; ``owner`` says what the span supports
# ("actor:sdf", "claim:c1", "event:e1", "event:e1:date", "event:e1:place").
evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    sa.Column("owner", sa.String(160), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_evidence_record_owner", "record_id", "owner"),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("input_ref", sa.Text, nullable=False),
    sa.Column("code", sa.String(8), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("raw", sa.LargeBinary),  # the bytes when small enough, else None and ``pointer`` says where
    sa.Column("pointer", sa.Text),
    sa.Column("size", sa.BigInteger),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("resolved", sa.DateTime(timezone=True)),
    sa.Index("ix_quarantine_open", "resolved"),
)
