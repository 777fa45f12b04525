from __future__ import annotations

import pytest

from rasid.errors import PipelineConfigError
from rasid.model import Article
from rasid.pipeline import Context, Doc, Pipeline, process, register_stage, registered_stages
from rasid.validate import record_errors


@register_stage("test_upper", provides=("upper",))
def _upper(doc: Doc, ctx: Context) -> None:
    doc.layers["upper"] = doc.text.upper()


@register_stage("test_needs_upper", requires=("upper",), provides=("length",))
def _length(doc: Doc, ctx: Context) -> None:
    doc.layers["length"] = len(doc.get("upper", str))


@register_stage("test_explodes_on_boom", provides=("checked",))
def _explode(doc: Doc, ctx: Context) -> None:
    if "boom" in doc.text:
        raise ValueError("this article is broken")
    doc.layers["checked"] = True


def test_stages_run_in_order_and_provide_layers() -> None:
    pipe = Pipeline.from_config(["test_upper", "test_needs_upper"])
    doc = pipe.run(Article("a", "abc"))
    assert doc.layers == {"upper": "ABC", "length": 3}


def test_unknown_stage_is_a_coded_error() -> None:
    with pytest.raises(PipelineConfigError, match=r"\[E001\].*no_such_stage"):
        Pipeline.from_config(["no_such_stage"])


def test_impossible_order_is_refused_before_running() -> None:
    with pytest.raises(PipelineConfigError, match=r"\[E002\].*test_needs_upper.*upper"):
        Pipeline.from_config(["test_needs_upper", "test_upper"])


def test_registering_a_name_twice_from_elsewhere_is_refused() -> None:
    with pytest.raises(PipelineConfigError, match=r"\[E003\]"):
        register_stage("test_upper")(_length)


def test_a_failing_article_becomes_an_error_record_and_the_batch_goes_on() -> None:
    pipe = Pipeline.from_config(["test_upper", "test_explodes_on_boom"])
    articles = [
        Article("ok1", "fine"),
        Article("bad", "boom here"),
        Article("empty", "  "),
        Article("ok2", "fine too"),
    ]
    records = list(process(articles, pipe))
    assert [r.article.id for r in records] == ["ok1", "bad", "empty", "ok2"]
    assert [r.status for r in records] == ["ok", "error", "error", "ok"]
    assert (
        records[1].error is not None
        and "[E011]" in records[1].error
        and "test_explodes_on_boom" in records[1].error
    )
    assert records[2].error is not None and "[E007]" in records[2].error
    for rec, art in zip(records, articles, strict=True):
        assert record_errors(rec.to_dict(), art.text) == []


def test_given_publication_date_is_kept() -> None:
    pipe = Pipeline.from_config(["test_upper"])
    rec = pipe.process_one(Article("a", "text", published="2022-01-23"))
    assert (rec.article.published, rec.article.published_from) == ("2022-01-23", "given")


def test_default_pipeline_only_holds_runnable_stages() -> None:
    pipe = Pipeline.default()
    registry = registered_stages()
    provided: set[str] = set()
    for name in pipe.names:
        assert set(registry[name].requires) <= provided
        provided.update(registry[name].provides)
