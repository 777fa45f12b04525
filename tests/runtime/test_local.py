from __future__ import annotations

import pytest

from rasid.errors import PipelineConfigError
from rasid.model import Article
from rasid.runtime.local import LocalRunner

ARTICLES = [Article(f"a{i}", f"نص تجريبي رقم {i} عن اشتباكات في ريف المدينة.") for i in range(12)] + [
    Article("empty", "   ")
]


def test_in_process_and_pool_give_the_same_records_in_order() -> None:
    with LocalRunner(1, stages=[]) as one:
        local = one.map(ARTICLES)
    with LocalRunner(2, stages=[]) as two:
        pooled = two.map(ARTICLES)
    assert [r.article.id for r in local] == [a.id for a in ARTICLES]
    assert [r.to_dict() for r in pooled] == [r.to_dict() for r in local]
    # an article without text is an error record, not an exception
    assert local[-1].status == "error" and (local[-1].error or "").startswith("[E007]")
    assert {r.status for r in local[:-1]} == {"ok"}


def test_bad_stage_configuration_fails_before_work() -> None:
    with pytest.raises(PipelineConfigError, match="E001"):
        LocalRunner(1, stages=["no-such-stage"]).check()
