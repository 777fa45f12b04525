"""A tiny actor registry of our own (the registry is injected, Mordecai-style) plus the packaged lexicons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from rasid.extract.claim_stages import extract_claims
from rasid.extract.mentions import ActorDirectory, Mention, find_mentions
from rasid.model import Article, Claim
from rasid.pipeline import Doc, Pipeline
from rasid.resources.actors import ActorRegistry
from rasid.resources.lexicons import Lexicons
from rasid.text.dates import find_date_expressions, resolve_all
from rasid.text.normalize import normalize
from rasid.text.numbers import find_quantities
from rasid.text.sentences import split_sentences

ACTORS = """
schema: rasid.actors/1
name: test
version: "1"
actors:
  - {id: islamic-state, name: Islamic State, name_ar: تنظيم الدولة الإسلامية, kind: rebel_group, aliases: {short: [الدولة الإسلامية, داعش], obfuscated: [د1عش]}}
  - {id: amaq, name: Amaq, name_ar: وكالة أعماق, kind: media, affiliation: islamic-state, aliases: {name: [أعماق]}}
  - {id: sdf, name: Syrian Democratic Forces, name_ar: قوات سوريا الديمقراطية, kind: rebel_group, aliases: {short: [قسد]}}
  - {id: sdf-media-centre, name: SDF Media Centre, name_ar: المركز الإعلامي لقوات سوريا الديمقراطية, kind: media, affiliation: sdf, aliases: {short: [المركز الإعلامي لقسد]}}
  - {id: mazloum-abdi, name: Mazloum Abdi, name_ar: مظلوم عبدي, kind: person, org: sdf, aliases: {name: [مظلوم عبدي]}}
  - {id: farhad-shami, name: Farhad Shami, name_ar: فرهاد شامي, kind: person, org: sdf-media-centre, aliases: {name: [فرهاد شامي]}}
  - {id: sohr, name: Syrian Observatory for Human Rights, name_ar: المرصد السوري لحقوق الإنسان, kind: other, aliases: {short: [المرصد السوري]}}
  - {id: syrian-arab-army, name: Syrian Arab Army, name_ar: الجيش العربي السوري, kind: state_forces, aliases: {short: [قوات النظام]}}
  - {id: civil-defence, name: Syrian Civil Defence, name_ar: الدفاع المدني السوري, kind: other, aliases: {short: [الدفاع المدني, الخوذ البيضاء]}}
  - {id: syrian-defence-ministry, name: Syrian Ministry of Defence, name_ar: وزارة الدفاع السورية, kind: authority, aliases: {name: [وزارة الدفاع]}}
"""


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ActorRegistry:
    path: Path = tmp_path_factory.mktemp("actors") / "test.yaml"
    path.write_text(ACTORS, encoding="utf-8")
    return ActorRegistry.load([path], include_package=False)


@pytest.fixture(scope="session")
def lexicons() -> Lexicons:
    return Lexicons()


Run = Callable[..., list[Claim]]


def claims_of(
    text: str,
    registry: ActorRegistry,
    lexicons: Lexicons,
    published: str | None = None,
    dates: list[object] | None = None,
    resolve_dates: bool = False,
) -> list[Claim]:
    """Claims of a text through the real text layer, registry and lexicons. The dates layer is ``dates``
    when given, the text's own dates resolved against ``published`` with ``resolve_dates``, else absent."""
    doc = Doc(article=Article(id="t", text=text, published=published))
    doc.published = published
    norm = normalize(text)
    doc.layers["norm"] = norm
    doc.layers["sentences"] = split_sentences(text, norm)
    doc.layers["quantities"] = find_quantities(norm)
    if resolve_dates:
        anchor = dt.date.fromisoformat(published) if published else None
        doc.layers["dates"] = resolve_all(find_date_expressions(norm), anchor)
    elif dates is not None:
        doc.layers["dates"] = dates
    directory = ActorDirectory(registry, lexicons.get("unnamed_sources"))
    mentions: list[Mention] = find_mentions(norm, registry, lexicons, directory)
    _, claims = extract_claims(doc, norm, mentions, lexicons, directory)
    for c in claims:
        for s in c.evidence:
            assert text[s.start : s.end] == s.text
    return claims


@pytest.fixture
def run(registry: ActorRegistry, lexicons: Lexicons) -> Run:
    """``claims_of`` with the test registry (no dates layer unless given)."""

    def _run(text: str, dates: list[object] | None = None) -> list[Claim]:
        return claims_of(text, registry, lexicons, dates=dates)

    return _run


def figures(claims: list[Claim]) -> list[tuple[str, int | None, str, str | None]]:
    return [(c.figure.kind, c.figure.value, c.source, c.figure.of) for c in claims if c.figure]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with the packaged resources (built once for the extract tests)."""
    return Pipeline.default()
