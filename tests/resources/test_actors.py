from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rasid.errors import ResourceError
from rasid.model import ACTOR_KINDS
from rasid.resources.actors import ActorRegistry, load_generic_words, package_files
from rasid.text.normalize import fold, normalize

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.load()


def _found(reg: ActorRegistry, text: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for m in reg.match(normalize(text)):
        assert text[m.span.start : m.span.end] == m.span.text
        out.append((m.actor_id, m.span.text, m.label))
    return out


def test_every_file_loads_with_enough_actors(reg: ActorRegistry) -> None:
    assert len(package_files()) >= 15
    assert len(reg) >= 250
    assert {e.kind for e in reg} <= set(ACTOR_KINDS)
    assert all(e.inter is None or 1 <= e.inter <= 8 for e in reg)


def test_required_actors_and_affiliations(reg: ActorRegistry) -> None:
    assert reg.get("amaq").affiliation == "islamic-state"
    assert reg.get("al-masirah").affiliation == "houthis"
    assert reg.get("anha").affiliation == "autonomous-administration"
    assert reg.get("sdf-media-centre").affiliation == "sdf"
    assert reg.get("farhad-shami").org == "sdf-media-centre"
    assert reg.get("mazloum-abdi").org == "sdf" and reg.get("mazloum-abdi").kind == "person"
    assert reg.get("unnamed-security-sources").kind == "other"
    assert reg.chain("amaq") == ["amaq", "islamic-state"]


def test_no_generic_word_is_an_alias(reg: ActorRegistry) -> None:
    generic = load_generic_words()
    assert fold("التنظيم") in generic
    for e in reg:
        for a in e.aliases:
            assert fold(a.text) not in generic, (e.id, a.text)


def test_name_changes_follow_successors(reg: ActorRegistry) -> None:
    assert reg.on_date("jabhat-al-nusra", dt.date(2015, 1, 1)) == "jabhat-al-nusra"
    assert reg.on_date("jabhat-al-nusra", dt.date(2016, 10, 1)) == "jabhat-fath-al-sham"
    assert reg.on_date("jabhat-al-nusra", dt.date(2018, 1, 1)) == "hts"
    assert reg.on_date("syrian-arab-army", dt.date(2025, 3, 1)) == "syrian-army"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تقدمت قوات لقسد وبالحسكة سقط قتلى", [("sdf", "قسد", "short")]),
        ("وأعلن التنظيم أن والدواعش انسحبوا", [("islamic-state", "الدواعش", "plural")]),
        ("قال مسؤول للتحالف الدولي إن الغارة دقيقة", [("international-coalition", "تحالف الدولي", "name")]),
        ("هاجم عناصر د1عش نقطة للجيش", [("islamic-state", "د1عش", "obfuscated")]),
        ("زعمت أعماق أن مليشيا PKK خسرت", [("amaq", "أعماق", "name"), ("sdf", "مليشيا PKK", "pejorative")]),
        (
            "وقصفت ميليشيا الحوثي مأرب، وقال الحوثيون إن",
            [("houthis", "ميليشيا الحوثي", "label"), ("houthis", "الحوثيون", "plural")],
        ),
        ("نقلت عن عصابات الأسد", [("syrian-arab-army", "عصابات الأسد", "pejorative")]),
        (
            "أفادت مصادر أمنية وشهود عيان",
            [("unnamed-security-sources", "مصادر أمنية", "name"), ("eyewitnesses", "شهود عيان", "name")],
        ),
        (
            "وقال فرهاد شامي مدير المركز الإعلامي لقوات سوريا الديمقراطية",
            [
                ("farhad-shami", "فرهاد شامي", "name"),
                ("sdf-media-centre", "المركز الإعلامي لقوات سوريا الديمقراطية", "name"),
            ],
        ),
        (
            "The islamic state claimed it; SOHR said 12 SDF fighters died.",
            [("islamic-state", "islamic state", "name"), ("sohr", "SOHR", "short"), ("sdf", "SDF", "short")],
        ),
    ],
)
def test_match_real_looking_sentences(
    reg: ActorRegistry, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(reg, text) == expected


def test_generic_words_and_inner_substrings_do_not_match(reg: ActorRegistry) -> None:
    assert _found(reg, "وقال التنظيم إن الوكالة نقلت عن النظام والميليشيا") == []
    assert _found(reg, "this crisis is who we are") == []  # IS / WHO are exact-case aliases


def test_exact_case_alias(reg: ActorRegistry) -> None:
    assert [m[0] for m in _found(reg, "WHO said IS fighters attacked")] == ["who", "islamic-state"]


def test_shared_alias_gives_one_mention_per_actor(reg: ActorRegistry) -> None:
    ms = reg.match(normalize("وقال الدفاع المدني إن فرقه انتشلت"))
    assert {m.actor_id for m in ms} == {
        "syrian-civil-defence",
        "lebanese-civil-defence",
        "gaza-civil-defence",
    }
    assert all(m.shared for m in ms)


def test_user_extension_adds_actor_and_aliases() -> None:
    reg = ActorRegistry.load([DATA / "user_actors.yaml"])
    assert reg.get("test-brigade").affiliation == "sdf"
    found = [
        (m.actor_id, m.span.text) for m in reg.match(normalize("هاجم لواء وادي التجربة مواقع جماعة التجربة"))
    ]
    assert found == [("test-brigade", "لواء وادي التجربة"), ("sdf", "جماعة التجربة")]
    assert "test-brigade" not in ActorRegistry.load()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("broken_schema.yaml", "E202"),
        ("broken_kind.yaml", "E202"),
        ("broken_yaml.yaml", "E201"),
        ("collision.yaml", "E204"),
        ("dangling.yaml", "E205"),
        ("generic_alias.yaml", "E211"),
        ("duplicate_id.yaml", "E203"),
    ],
)
def test_broken_files_are_rejected_with_codes(name: str, code: str) -> None:
    with pytest.raises(ResourceError) as info:
        ActorRegistry.load([DATA / name])
    assert info.value.code.name == code


def test_missing_path_is_an_error() -> None:
    with pytest.raises(ResourceError) as info:
        ActorRegistry.load([DATA / "nope.yaml"])
    assert info.value.code.name == "E210"
