"""Pipeline stages of the text layer (names and layers fixed by the interface contract)."""

from __future__ import annotations

import datetime as dt

from rasid.errors import Warnings
from rasid.pipeline import Context, Doc, register_stage
from rasid.text.dates import DateExpr, find_date_expressions, resolve_all
from rasid.text.lang import detect_language
from rasid.text.normalize import NormalizedText, normalize
from rasid.text.numbers import find_quantities
from rasid.text.posts import find_posts
from rasid.text.sentences import find_quotes, split_with_quotes


@register_stage("normalize", provides=("norm",))
def normalize_stage(doc: Doc, ctx: Context) -> None:
    doc.layers["norm"] = normalize(doc.text)


@register_stage("language", provides=("language",))
def language_stage(doc: Doc, ctx: Context) -> None:
    lang = detect_language(doc.text)
    doc.layers["language"] = lang
    if not doc.article.language:
        doc.language = lang


@register_stage("posts", requires=("norm",), provides=("posts",))
def posts_stage(doc: Doc, ctx: Context) -> None:
    if "posts" not in doc.layers:
        doc.layers["posts"] = find_posts(doc.text)


# A sentence's language is ``detect_language(sentence.text)``, for a stage that needs it: no layer reads
# one (the contract's segment layers are "sentences" and "quotes"), so it is no longer computed for every
# sentence of every article (~0.04 ms per article).
@register_stage("segment", requires=("norm",), provides=("sentences", "quotes"))
def segment_stage(doc: Doc, ctx: Context) -> None:
    posts = doc.layers.get("posts")
    if posts is None:  # "segment" runs before "posts" in the default order; posts are cheap to find
        posts = find_posts(doc.text)
        doc.layers["posts"] = posts
    quotes = find_quotes(doc.text)
    sentences = split_with_quotes(doc.text, quotes, [p.span for p in posts])
    doc.layers["sentences"] = sentences
    doc.layers["quotes"] = quotes


@register_stage("quantities", requires=("norm",), provides=("quantities",))
def quantities_stage(doc: Doc, ctx: Context) -> None:
    doc.layers["quantities"] = find_quantities(doc.get("norm", NormalizedText))


@register_stage("dates", requires=("norm",), provides=("date_exprs",))
def dates_stage(doc: Doc, ctx: Context) -> None:
    doc.layers["date_exprs"] = find_date_expressions(doc.get("norm", NormalizedText))


@register_stage("published", requires=("date_exprs", "posts"), provides=("dates",))
def published_stage(doc: Doc, ctx: Context) -> None:
    from rasid.text.published import infer_published

    exprs: list[DateExpr] = doc.get("date_exprs", list)
    if doc.published is None:
        date, reason = infer_published(
            doc.text, doc.get("norm", NormalizedText), doc.get("posts", list), exprs
        )
        if date is not None:
            doc.published, doc.published_from = date.isoformat(), "inferred"
            doc.warn(Warnings.W001.fmt(date=date.isoformat(), reason=reason))
        else:
            doc.warn(Warnings.W002.fmt())
    anchor = dt.date.fromisoformat(doc.published) if doc.published else None
    resolved = resolve_all(exprs, anchor)
    for r in resolved:
        if r.weekday_conflict:
            doc.warn(
                Warnings.W003.fmt(
                    text=r.span.text, date=r.start.isoformat(), resolution="the weekday in the text was kept"
                )
            )
    doc.layers["dates"] = resolved
