from __future__ import annotations

import dataclasses

import pytest

from rasid.model import Span
from rasid.text.dates import DateExpr
from rasid.text.numbers import Quantity
from rasid.text.records import builder
from rasid.text.sentences import Sentence


def test_builders_make_the_objects_the_constructors_make() -> None:
    sp, other = Span(0, 3, "أمس"), Span(4, 9, "السبت")
    cases: list[tuple[type[object], tuple[object, ...], dict[str, object]]] = [
        (Span, (3, 7, "قصف "), {}),
        (Quantity, (sp, other, 5, "exact", 5, 5, 1, 2), {}),
        (Quantity, (sp, sp, None, "dozens", 24, None, 0, 3), {"role": "age"}),
        (Sentence, (1, 9, "قال: نعم", (sp,), None), {}),
        (DateExpr, (), {"span": sp, "key_start": 0, "key_end": 3, "kind": "relative_day", "offset": -1}),
        (DateExpr, (other, 4, 9, "weekday"), {"weekday": 5, "direction": "last", "year_offset": -1}),
    ]
    for cls, args, kwargs in cases:
        made = builder(cls)(*args, **kwargs)
        expected = cls(*args, **kwargs)
        assert type(made) is cls and made == expected and hash(made) == hash(expected)
        assert repr(made) == repr(expected)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, dataclasses.fields(cls)[0].name, 1)  # type: ignore[arg-type]
    assert builder(Quantity)(sp, sp, 5, "exact", 5, 5, 1, 2) != Quantity(sp, sp, 5, "exact", 5, 5, 1, 3)
    with pytest.raises(TypeError):
        builder(Span)(1, 2)  # a missing argument fails as the constructor does


def test_builder_refuses_classes_whose_init_does_more() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(slots=True)
    class Mutable:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = dataclasses.field(default_factory=list)

    for cls in (Checked, Mutable, Factory):
        with pytest.raises(TypeError):
            builder(cls)
