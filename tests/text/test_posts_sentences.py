from __future__ import annotations

from rasid.text.lang import detect_language
from rasid.text.normalize import normalize
from rasid.text.posts import find_posts, parse_signature_date
from rasid.text.sentences import find_quotes, split_sentences

ARTICLE = (
    "قال المتحدث باسم الجيش إن القوات تقدمت نحو البلدة.\n"
    "نشرت صفحة محلية مقطعا: #عاجل\n"
    "اشتباكات عنيفة قرب الجسر الآن #دير_الزور pic.twitter.com/AbC123xyz\n"
    "— مراسل الشرق (@east_reporter) March 3, 2023\n"
    "وأضاف المتحدث أن العمليات مستمرة.\n"
    "تحديث: وصول تعزيزات https://t.co/Zz9\n"
    "— شبكة الخبر (@khabar_net) 4 مارس 2023\n"
)


def test_posts_are_units_with_author_handle_date_tags() -> None:
    posts = find_posts(ARTICLE)
    assert [(p.author, p.handle, p.date) for p in posts] == [
        ("مراسل الشرق", "east_reporter", "2023-03-03"),
        ("شبكة الخبر", "khabar_net", "2023-03-04"),
    ]
    first = posts[0]
    assert first.span.text.startswith("نشرت صفحة محلية")
    assert first.span.text.endswith("March 3, 2023")
    assert [h.text for h in first.hashtags] == ["#عاجل", "#دير_الزور"]
    assert [u.text for u in first.urls] == ["pic.twitter.com/AbC123xyz"]
    assert "وأضاف" not in posts[1].span.text
    for p in posts:
        for s in (p.span, *p.hashtags, *p.urls):
            assert ARTICLE[s.start : s.end] == s.text


def test_signature_dates() -> None:
    assert parse_signature_date("January 22, 2022") == "2022-01-22"
    assert parse_signature_date("22 كانون الثاني 2022") == "2022-01-22"
    assert parse_signature_date("February 30, 2022") is None
    assert parse_signature_date("no date") is None


def test_quotes_in_every_printed_form() -> None:
    text = 'قال “أعماق“ و”تفجير شاحنتين” و«قسد» و"غويران" و”عكس“'
    assert [q.text for q in find_quotes(text)] == ["أعماق", "تفجير شاحنتين", "قسد", "غويران", "عكس"]


def test_sentences_keep_quotes_with_their_reporting_clause() -> None:
    text = (
        "وقال القائد أمس:“سيطرنا على الحي. لم يبق إلا بعض الأفراد”. وأضاف أن الوضع هادئ؟ نعم!\n"
        "قال د. أحمد إن العدد بلغ 3.5 ألف… ثم غادر"
    )
    sents = split_sentences(text, normalize(text))
    assert [s.text for s in sents] == [
        "وقال القائد أمس:“سيطرنا على الحي. لم يبق إلا بعض الأفراد”.",
        "وأضاف أن الوضع هادئ؟",
        "نعم!",
        "قال د. أحمد إن العدد بلغ 3.5 ألف…",
        "ثم غادر",
    ]
    assert [q.text for q in sents[0].quotes] == ["سيطرنا على الحي. لم يبق إلا بعض الأفراد"]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_sentences_know_their_post() -> None:
    posts = find_posts(ARTICLE)
    sents = split_sentences(ARTICLE, normalize(ARTICLE), [p.span for p in posts])
    assert [s.post for s in sents] == [None, 0, 0, 0, None, 1, 1]


def test_language() -> None:
    assert detect_language("قال المتحدث إن القوات تقدمت نحو البلدة") == "ar"
    assert detect_language("Fighters of the SDF said that the prison was retaken") == "en"
    assert detect_language("Les combattants ont repris la prison hier soir") == "other"
    assert detect_language("12345 !!!") == "other"
    assert detect_language("قالت قسد (SDF) في بيان عبر تويتر") == "ar"
