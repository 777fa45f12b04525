from __future__ import annotations

from rasid.extract.mentions import ActorDirectory, find_mentions, record_actors
from rasid.resources.actors import ActorRegistry
from rasid.resources.lexicons import Lexicons
from rasid.text.normalize import normalize


def _ids(text: str, registry: ActorRegistry, lexicons: Lexicons) -> list[tuple[str, str, str]]:
    norm = normalize(text)
    return [(m.span.text, m.actor_id, m.how) for m in find_mentions(norm, registry, lexicons)]


def test_generic_agency_refers_to_agency_named_with_head_word(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = "نشرت وكالة أعماق مقطعاً لمقاتلي قسد، وقالت الوكالة إن المقطع جديد."
    assert ("الوكالة", "amaq", "generic") in _ids(text, registry, lexicons)


def test_organisation_in_focus(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "هاجم مقاتلو تنظيم الدولة الإسلامية مواقع قسد، وقال التنظيم إن الهجوم مستمر."
    assert ("التنظيم", "islamic-state", "generic") in _ids(text, registry, lexicons)


def test_surname(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "قال مظلوم عبدي إن الوضع مستقر. وأضاف عبدي أن العمليات مستمرة."
    assert ("عبدي", "mazloum-abdi", "surname") in _ids(text, registry, lexicons)


def test_unnamed_sources_and_speaker_words(registry: ActorRegistry, lexicons: Lexicons) -> None:
    got = _ids("ذكرت مصادر محلية أن الاشتباكات مستمرة، وأضاف المصدر أن الطريق مغلق.", registry, lexicons)
    assert ("مصادر محلية", "unnamed-local-sources", "unnamed") in got
    assert ("المصدر", "", "speaker") in got


def test_record_actors_from_registry_and_lexicon(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "قالت مصادر طبية إن قسد أعلنت الحصيلة، وقالت قسد إنها مستمرة."
    norm = normalize(text)
    directory = ActorDirectory(registry, lexicons.get("unnamed_sources"), "Example Outlet")
    actors = record_actors(find_mentions(norm, registry, lexicons, directory), directory, ["article"])
    by_id = {a.id: a for a in actors}
    assert len(by_id["sdf"].mentions) == 2
    assert by_id["unnamed-medical-sources"].kind == "other"
    assert by_id["article"].name == "Example Outlet"
    for a in actors:
        for s in a.mentions:
            assert text[s.start : s.end] == s.text
