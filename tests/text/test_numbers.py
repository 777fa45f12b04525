from __future__ import annotations

import pytest

from rasid.text.normalize import normalize
from rasid.text.numbers import Quantity, find_quantities, words_value


def quantities(text: str) -> list[Quantity]:
    qs = find_quantities(normalize(text))
    for q in qs:
        assert text[q.span.start : q.span.end] == q.span.text
        assert text[q.number.start : q.number.end] == q.number.text
    return qs


def one(text: str, expr: str) -> Quantity:
    hits = [q for q in quantities(text) if q.span.text == expr]
    assert hits, [q.span.text for q in quantities(text)]
    return hits[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ثلاثه عشر", 13),
        ("خمسه وعشرين", 25),
        ("مئتين وخمسين", 250),
        ("ثلاث مئه", 300),
        ("ثلاثمائه", 300),
        ("الفين", 2000),
        ("ثلاثه الاف", 3000),
        ("اثني عشر", 12),
        ("مئه الف", 100000),
    ],
)
def test_number_words(words: str, value: int) -> None:
    assert words_value(words.split()) == value


def test_glued_digits_and_scripts() -> None:
    assert one("أعلن مقتل17 من عناصرها", "17").value == 17
    assert one("سقوط ١٢ قتيلا", "١٢").value == 12
    assert one("وصول ۱۵۰ عائلة", "۱۵۰").value == 150
    assert one("مقتل 1,200 شخص", "1,200").value == 1200


def test_qualifiers_with_spans() -> None:
    q = one("أسفرت عن مقتل أكثر من 200 عنصر", "أكثر من 200")
    assert (q.value, q.qualifier, q.low, q.high, q.number.text) == (200, "more_than", 201, None, "200")
    q = one("وأصيب ما لا يقل عن 12 مدنيا", "ما لا يقل عن 12")
    assert (q.qualifier, q.low) == ("at_least", 12)
    assert one("قتل نحو ثلاثمئة مسلح", "نحو ثلاثمئة").qualifier == "about"
    assert one("وحوالي مئتي مقاتل", "حوالي مئتي").value == 200
    assert one("أقل من 10 إصابات", "أقل من 10").high == 9


def test_vague_quantities() -> None:
    assert one("سقوط عشرات القتلى", "عشرات").qualifier == "dozens"
    assert one("ومئات الجرحى", "مئات").qualifier == "hundreds"
    q = one("نزوح عشرات الآلاف من السكان", "عشرات الآلاف")
    assert (q.low, q.high) == (20000, 99999)
    assert [q.span.text for q in quantities("نزوح عشرات الآلاف")] == ["عشرات الآلاف"]
    assert one("اعتقال معظم الفارين", "معظم").qualifier == "most"
    assert one("قتل وأسر العديد من حراس السجن", "العديد").qualifier == "many"


@pytest.mark.parametrize(
    ("text", "expr", "role"),
    [
        ("اندلعت الحرب في عام 2011 في البلاد", "2011", "year"),
        ("وقعت الحادثة في 22/01/2022 صباحا", "22/01/2022", "date"),
        ("قتل شاب عمره 17 عاماً برصاص قناص", "17", "age"),
        ("على بعد 100 كلم شمال بغداد", "100", "distance"),
        ("ارتفعت البطالة بنسبة 15% هذا العام", "15", "percent"),
        ("انفجرت العبوة الساعة 10:30 صباحا", "10:30", "time"),
        ("طالب بتطبيق القرار 2254 فورا", "2254", "resolution"),
        ("تستمر الاشتباكات منذ 3 أيام", "3", "duration"),
        ("قتل 30 في 5 كانون الثاني", "5", "date"),
        ("مقتل 30 شخصا في القصف", "30", None),
        ("مقتل 2000 شخص في المجاعة", "2000", None),
    ],
)
def test_roles(text: str, expr: str, role: str | None) -> None:
    assert one(text, expr).role == role


def test_lone_ahad_is_not_a_number() -> None:
    assert quantities("قال أحد القادة إن الوضع هادئ") == []
    assert one("قتل أحد عشر شخصا", "أحد عشر").value == 11
