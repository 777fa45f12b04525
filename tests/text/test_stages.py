"""The text stages do each piece of work once per document (no repeated normalization, post or quote
detection), whatever order the posts and segment stages run in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from rasid.model import Article
from rasid.pipeline import Pipeline
from rasid.text import stages

TEXT = (
    "قالت مصادر محلية إن 12 مدنيا قتلوا أمس السبت.\n"
    "وقال المتحدث: “سيطرنا على الحي”.\n"
    "اشتباكات قرب السجن #عاجل pic.twitter.com/AbCd1\n"
    "— مراسل (@reporter_1) January 22, 2022\n"
)


@pytest.mark.parametrize(
    "order",
    [
        ["normalize", "language", "segment", "posts", "quantities", "dates", "published"],
        ["normalize", "posts", "segment", "quantities", "dates", "published"],
    ],
)
def test_each_piece_of_work_is_done_once(order: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()

    def counted(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return func(*args, **kwargs)

        return wrapper

    for name in ("normalize", "find_posts", "find_quotes", "find_quantities", "find_date_expressions"):
        monkeypatch.setattr(stages, name, counted(name, getattr(stages, name)))
    doc = Pipeline.from_config(order).run(Article("once", TEXT))
    assert calls == {
        "normalize": 1,
        "find_posts": 1,
        "find_quotes": 1,
        "find_quantities": 1,
        "find_date_expressions": 1,
    }
    assert [p.handle for p in doc.layers["posts"]] == ["reporter_1"]
    assert [q.text for q in doc.layers["quotes"]] == ["سيطرنا على الحي"]
    assert [q for s in doc.layers["sentences"] for q in s.quotes] == doc.layers["quotes"]
    assert doc.published == "2022-01-23"
