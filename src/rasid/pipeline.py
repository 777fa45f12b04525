"""Stage registry, pipeline assembly and the engine-free entry point ``process``.

A stage is a function ``(doc, ctx) -> None`` that reads the layers it ``requires`` from ``doc`` and
sets the layers it ``provides``. Stages live beside the code they wrap (``rasid/text/stages.py``,
``rasid/extract/stages.py`` ...) and register themselves with ``@register_stage``; the pipeline
checks the order before it runs anything, so an impossible configuration fails with a coded error,
not halfway through a batch.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rasid import __version__
from rasid.errors import Errors, PipelineConfigError
from rasid.model import (
    Actor,
    Article,
    ArticleMeta,
    Claim,
    Event,
    PipelineInfo,
    PublishedFrom,
    Record,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# Modules whose import registers the built-in stages. Imported lazily by ``Pipeline.from_config``
# so that importing ``rasid.pipeline`` stays cheap.
STAGE_MODULES: tuple[str, ...] = (
    "rasid.text.stages",
    "rasid.extract.claim_stages",
    "rasid.extract.event_stages",
)

# The default order. Names missing from the registry (a layer not built yet) are skipped by
# ``Pipeline.default`` with a debug log, never silently by ``from_config``.
DEFAULT_STAGES: tuple[str, ...] = (
    "normalize",
    "language",
    "segment",
    "posts",
    "quantities",
    "dates",
    "published",
    "actors",
    "places",
    "claims",
    "events",
    "reconcile",
)


@dataclass
class Doc:
    """The working document every stage reads and annotates (datatrove's Document, spaCy's Doc).

    ``layers`` holds what stages provide, by name. ``actors``/``claims``/``events`` are the record's
    own lists, filled by the extraction stages.
    """

    article: Article
    language: str = "other"
    published: str | None = None
    published_from: PublishedFrom = "unknown"
    layers: dict[str, Any] = field(default_factory=dict)
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def get(self, name: str, kind: type[T]) -> T:
        """A layer, checked to be of the expected type (so stages stay typed)."""
        value = self.layers[name]
        if not isinstance(value, kind):
            raise TypeError(f"layer {name!r} is {type(value).__name__}, expected {kind.__name__}")
        return value

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class Context:
    """What stages share across documents in one process: configuration and lazily loaded resources.

    Resources load on first access and once per process (NeMo Curator's ``setup()``), never at import.
    """

    def __init__(self, config: Mapping[str, Any] | None = None, resources: Any = None) -> None:
        self.config: Mapping[str, Any] = dict(config or {})
        self._resources = resources

    @property
    def resources(self) -> Any:
        if self._resources is None:
            from rasid.resources.catalogue import load_resources

            self._resources = load_resources(self.config)
        return self._resources

    def resource_checksums(self) -> dict[str, str]:
        if self._resources is None:
            return {}
        checksums = getattr(self._resources, "checksums", None)
        return dict(checksums()) if callable(checksums) else {}


StageFunc = Callable[[Doc, Context], None]


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    owner: str


_REGISTRY: dict[str, Stage] = {}


def register_stage(
    name: str, *, requires: Sequence[str] = (), provides: Sequence[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as pipeline stage ``name`` that reads ``requires`` and sets ``provides``."""

    def decorator(func: StageFunc) -> StageFunc:
        owner = f"{func.__module__}.{func.__qualname__}"
        existing = _REGISTRY.get(name)
        if existing is not None and existing.owner != owner:
            raise PipelineConfigError(Errors.E003, name=name, owner=existing.owner)
        _REGISTRY[name] = Stage(name, func, tuple(requires), tuple(provides), owner)
        return func

    return decorator


def registered_stages() -> dict[str, Stage]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            # Only a missing stage module itself is tolerated (a layer not built yet);
            # a missing dependency inside it is a real error.
            if exc.name != module:
                raise
            log.debug("stage module %s not present", module)


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(self, stages: Sequence[Stage], context: Context | None = None) -> None:
        self.stages = tuple(stages)
        self.context = context or Context()

    @classmethod
    def from_config(
        cls, names: Sequence[str], config: Mapping[str, Any] | None = None, resources: Any = None
    ) -> Pipeline:
        registry = registered_stages()
        stages: list[Stage] = []
        provided: set[str] = set()
        for name in names:
            stage = registry.get(name)
            if stage is None:
                raise PipelineConfigError(
                    Errors.E001, name=name, known=", ".join(sorted(registry)) or "(none)"
                )
            missing = [r for r in stage.requires if r not in provided]
            if missing:
                raise PipelineConfigError(
                    Errors.E002, name=name, missing=", ".join(missing), order=" -> ".join(names)
                )
            provided.update(stage.provides)
            stages.append(stage)
        return cls(stages, Context(config, resources))

    @classmethod
    def default(cls, config: Mapping[str, Any] | None = None, resources: Any = None) -> Pipeline:
        registry = registered_stages()
        names: list[str] = []
        provided: set[str] = set()
        for name in DEFAULT_STAGES:
            stage = registry.get(name)
            if stage is None or not set(stage.requires) <= provided:
                # A layer that is not installed (or whose inputs are not) is left out, loudly.
                log.warning("default pipeline leaves out stage %r (not registered or inputs missing)", name)
                continue
            names.append(name)
            provided.update(stage.provides)
        return cls.from_config(names, config, resources)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, article: Article) -> Doc:
        """Run every stage on one article; exceptions propagate (``process_one`` turns them into records)."""
        doc = _new_doc(article)
        for stage in self.stages:
            stage.func(doc, self.context)
        return doc

    def info(self) -> PipelineInfo:
        return PipelineInfo(__version__, self.context.resource_checksums())

    def record(self, doc: Doc) -> Record:
        return Record(
            status="ok",
            pipeline=self.info(),
            article=_meta(doc.article, doc.language, doc.published, doc.published_from),
            actors=tuple(doc.actors),
            claims=tuple(doc.claims),
            events=tuple(doc.events),
            warnings=tuple(doc.warnings),
        )

    def error_record(self, article: Article, reason: str) -> Record:
        published_from: PublishedFrom = "given" if article.published else "unknown"
        return Record(
            status="error",
            error=reason,
            pipeline=self.info(),
            article=_meta(article, article.language or "other", article.published, published_from),
        )

    def process_one(self, article: Article) -> Record:
        if not article.text.strip():
            return self.error_record(article, Errors.E007.fmt(id=article.id))
        current = "(setup)"
        try:
            doc = _new_doc(article)
            for stage in self.stages:
                current = stage.name
                stage.func(doc, self.context)
            return self.record(doc)
        except Exception as exc:  # one bad article must never stop a batch
            log.warning("article %s failed in stage %s", article.id, current, exc_info=True)
            reason = Errors.E011.fmt(name=current, id=article.id, kind=type(exc).__name__, reason=exc)
            return self.error_record(article, reason)


def _new_doc(article: Article) -> Doc:
    doc = Doc(article=article, language=article.language or "other")
    if article.published:
        doc.published, doc.published_from = article.published, "given"
    return doc


def _meta(
    article: Article, language: str, published: str | None, published_from: PublishedFrom
) -> ArticleMeta:
    lang = language if language in ("ar", "en") else "other"
    return ArticleMeta(
        id=article.id,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        language=lang,
        published=published,
        published_from=published_from,
        text_sha256=article.text_sha256,
    )


def process(articles: Iterable[Article], pipeline: Pipeline | None = None) -> Iterator[Record]:
    """The engine-free entry point: one record per article, in order, errors included."""
    pipe = pipeline or Pipeline.default()
    for article in articles:
        yield pipe.process_one(article)
