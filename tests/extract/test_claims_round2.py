"""Round-2 rules of the claims layer (issue 5): each test is a sentence of our own writing.

The registry here carries countries, so that shared aliases and "the article's country" can be decided.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.extract.mentions import CLAIM_LEXICONS, LexiconSet
from rasid.model import Claim
from rasid.resources.actors import ActorRegistry
from rasid.resources.lexicons import Lexicons
from rasid.text.normalize import normalize
from tests.extract.conftest import claims_of

ACTORS = """
schema: rasid.actors/1
name: round2
version: "1"
actors:
  - {id: lb-civil-defence, name: Lebanese Civil Defence, name_ar: الدفاع المدني اللبناني, kind: other, countries: [LB], shared_aliases: [الدفاع المدني], aliases: {short: [الدفاع المدني]}}
  - {id: ps-civil-defence, name: Civil Defence in Gaza, name_ar: الدفاع المدني في غزة, kind: other, countries: [PS], shared_aliases: [الدفاع المدني], aliases: {short: [الدفاع المدني]}}
  - {id: idf, name: Israel Defense Forces, name_ar: الجيش الإسرائيلي, kind: state_forces, countries: [IL, PS], aliases: {name: [جيش الاحتلال]}}
  - {id: hamas, name: Hamas, name_ar: حركة حماس, kind: rebel_group, countries: [PS], aliases: {short: [حماس]}}
  - {id: gaza-moh, name: Ministry of Health in Gaza, name_ar: وزارة الصحة في غزة, kind: authority, countries: [PS], shared_aliases: [وزارة الصحة], aliases: {short: [وزارة الصحة]}}
  - {id: lb-moh, name: Lebanese Ministry of Health, name_ar: وزارة الصحة اللبنانية, kind: authority, countries: [LB], shared_aliases: [وزارة الصحة], aliases: {short: [وزارة الصحة]}}
  - {id: lb-state-security, name: Lebanese State Security, name_ar: جهاز أمن الدولة اللبناني, kind: state_forces, countries: [LB]}
  - {id: lb-army, name: Lebanese Army, name_ar: الجيش اللبناني, kind: state_forces, countries: [LB]}
  - {id: lb-air-force, name: Lebanese Air Force, name_ar: القوات الجوية اللبنانية, kind: state_forces, affiliation: lb-army, countries: [LB]}
  - {id: hezbollah, name: Hezbollah, name_ar: حزب الله, kind: political_militia, countries: [LB]}
  - {id: iq-army, name: Iraqi Army, name_ar: الجيش العراقي, kind: state_forces, countries: [IQ]}
  - {id: iq-defence-ministry, name: Iraqi Ministry of Defence, name_ar: وزارة الدفاع العراقية, kind: authority, affiliation: iq-army, countries: [IQ]}
  - {id: is, name: Islamic State, name_ar: تنظيم الدولة الإسلامية, kind: rebel_group, aliases: {short: [داعش]}}
  - {id: amaq, name: Amaq, name_ar: وكالة أعماق, kind: media, affiliation: is, aliases: {name: [أعماق]}}
  - {id: observatory, name: Example Observatory, name_ar: المرصد الأهلي للرصد, kind: other, countries: [IQ], aliases: {short: [المرصد الأهلي]}}
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ActorRegistry:
    path: Path = tmp_path_factory.mktemp("actors2") / "round2.yaml"
    path.write_text(ACTORS, encoding="utf-8")
    return ActorRegistry.load([path], include_package=False)


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return Lexicons()


def _one(claims: list[Claim], kind: str) -> Claim:
    found = [c for c in claims if c.figure is not None and c.figure.kind == kind]
    assert len(found) == 1, claims
    return found[0]


# ---- shared aliases decided by the article's country ---------------------------------------------------
def test_shared_alias_goes_to_the_actor_of_the_articles_country(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = (
        "قصف جيش الاحتلال منزلاً في خان يونس تملكه عائلة من أنصار حماس. وقال الدفاع المدني إن 4 مدنيين قتلوا."
    )
    assert (
        _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source == "ps-civil-defence"
    )
    text = "قصفت طائرة مسيّرة سيارة قرب مقر لحزب الله. وقال الدفاع المدني إن 3 مدنيين قتلوا."
    assert (
        _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source == "lb-civil-defence"
    )


def test_shared_alias_prefers_the_actor_named_in_full(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = (
        "أعلنت وزارة الصحة اللبنانية حصيلة أولية للغارة على بلدة حدودية. "
        "ثم قالت وزارة الصحة إن 5 أشخاص قتلوا في الغارة."
    )
    assert _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source == "lb-moh"


# ---- said_on -----------------------------------------------------------------------------------------
def test_said_on_falls_back_to_the_publication_date(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "قالت حركة حماس إن 3 من عناصرها قتلوا في اشتباك شرق المدينة."
    c = _one(claims_of(text, registry, lexicons, "2024-03-05", resolve_dates=True), "killed")
    assert c.said_on is not None and c.said_on.date == "2024-03-05"


def test_said_on_takes_todays_weekday_over_the_paper_date(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    # the paper is dated Saturday 2024-03-09, the text says "today, Friday": the statement is of Friday
    text = "قتل 4 مسلحين اليوم الجمعة في اشتباك قرب الحدود. وقالت حركة حماس إن الاشتباك انتهى."
    c = _one(claims_of(text, registry, lexicons, "2024-03-09", resolve_dates=True), "killed")
    assert c.said_on is not None and c.said_on.date == "2024-03-08"


def test_continued_report_keeps_the_date_of_its_opening_clause(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = (
        "أعلن الجيش اللبناني، أمس الأربعاء، إحباط عملية تهريب على الحدود الشرقية، "
        "مؤكداً توقيف 5 أشخاص بعد اشتباك قصير."
    )
    c = _one(claims_of(text, registry, lexicons, "2024-03-07", resolve_dates=True), "arrested")
    assert c.source == "lb-army"
    assert c.said_on is not None and c.said_on.date == "2024-03-06"


# ---- sources without a reporting verb in the figure's own sentence ------------------------------------
def test_headline_source_before_a_colon(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "المرصد الأهلي: 9 قتلى في تفجير سوق شعبي\nانفجرت سيارة مفخخة صباح اليوم وسط السوق."
    assert _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source == "observatory"


def test_lead_sentence_told_on_the_word_of_the_next_sentences_speaker(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = (
        "قتل 6 عمال في انفجار عبوة ناسفة على طريق زراعي شمال المدينة. "
        "وقال المرصد الأهلي إن العبوة زرعت قبل أيام."
    )
    assert _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source == "observatory"


def test_a_figure_in_a_sentence_with_its_own_source_is_not_moved(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = "قالت حركة حماس إن 6 من عناصرها قتلوا. وقال المرصد الأهلي إن الاشتباك توقف."
    assert _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source == "hamas"


# ---- whose people: soldiers, "terrorists", "others" ---------------------------------------------------
def test_soldiers_of_a_state_speaker_are_its_own(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "أعلن الجيش اللبناني مقتل جنديين وإصابة 3 آخرين في اشتباك مع مهربين على الحدود."
    claims = claims_of(text, registry, lexicons, resolve_dates=True)
    assert _one(claims, "killed").figure.of == "lb-army"  # type: ignore[union-attr]
    assert _one(claims, "injured").figure.of == "lb-army"  # type: ignore[union-attr]


def test_soldiers_of_a_ministry_are_its_army(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "أعلنت وزارة الدفاع العراقية مقتل 3 جنود بانفجار عبوة ناسفة."
    assert _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").figure.of == "iq-army"  # type: ignore[union-attr]


def test_soldiers_claimed_by_a_group_are_of_the_articles_country(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = (
        "زعمت وكالة أعماق مقتل 12 جندياً في هجوم على ثكنة قرب الحدود. ونفت وزارة الدفاع العراقية وقوع أي هجوم."
    )
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.source == "amaq" and c.figure is not None and c.figure.of == "iq-army"


def test_terrorists_in_a_state_statement_are_of_the_group_it_fights(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = (
        "هاجم عناصر من داعش نقطة عسكرية في الصحراء. "
        "وقالت وزارة الدفاع العراقية إن قواتها قتلت 5 إرهابيين خلال مطاردة المهاجمين."
    )
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.figure is not None and c.figure.of == "is"


def test_terrorists_in_a_groups_statement_are_left_open(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "قالت حركة حماس إن عناصرها قتلوا 5 مسلحين من عصابة محلية."
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.figure is not None and c.figure.of is None


# ---- figures of earlier incidents ---------------------------------------------------------------------
def test_a_sentence_dated_only_in_the_past_is_background(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = (
        "قتل 4 أشخاص أمس الخميس في هجوم على سوق البلدة. "
        "وكانت البلدة قد شهدت في يناير الماضي هجوماً مماثلاً أودى بحياة 6 أشخاص."
    )
    claims = claims_of(text, registry, lexicons, "2024-03-15", resolve_dates=True)
    assert [c.figure.value for c in claims if c.figure is not None] == [4]


# ---- statements -------------------------------------------------------------------------------------
def _statements(claims: list[Claim]) -> list[tuple[str, str]]:
    return [(c.statement.kind, c.source) for c in claims if c.statement is not None]


def test_responsibility_verb_takes_its_subject(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "وفي المساء تبنى تنظيم الدولة الإسلامية الهجوم على الحاجز في بيان مقتضب."
    assert ("responsibility", "is") in _statements(claims_of(text, registry, lexicons, resolve_dates=True))


def test_headline_subject_before_the_verb(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "حماس تتبنى هجوماً على موقع عسكري\nوقع الهجوم فجر اليوم قرب السياج."
    assert ("responsibility", "hamas") in _statements(claims_of(text, registry, lexicons, resolve_dates=True))


def test_denial_participle_in_a_report(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "قالت حركة حماس في بيان إن عناصرها صدوا الهجوم، نافية وجود أي مدنيين في الموقع."
    assert ("denial", "hamas") in _statements(claims_of(text, registry, lexicons, resolve_dates=True))


def test_a_background_control_sentence_without_source_is_no_statement(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = "وسيطر الجيش اللبناني على المعبر بعد اشتباك قصير."
    assert _statements(claims_of(text, registry, lexicons, resolve_dates=True)) == []


# ---- one matcher pass for all claims-layer lexicons ---------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "وقال مدير المركز الإعلامي إن 7 من عناصرها قتلوا وأصيب 12 آخرون بينهم 3 أطفال، وفق ما أفادت مصادر طبية.",
        "ارتفعت حصيلة القتلى إلى 19 منذ مطلع الشهر، ولم يتسن التحقق من الأرقام، ونفت الوزارة استهداف المدنيين.",
        "وتبنى التنظيم الهجوم، زاعماً مقتل جنديين وإحراق 3 آليات، فيما قالت الوكالة إن المصدر أكد السيطرة على القرية.",
        "",
    ],
)
def test_lexicon_set_matches_like_each_lexicon(lexicons: Lexicons, text: str) -> None:
    norm = normalize(text)
    combined = LexiconSet(lexicons).match(norm)
    for name in CLAIM_LEXICONS:
        assert combined[name] == lexicons.get(name).match(norm), name


# ---- claims of responsibility, accusations, denials, titles ------------------------------------------
def test_figures_after_a_claim_of_responsibility_are_the_claimants(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = "وتبنى تنظيم الدولة الإسلامية الهجوم على القافلة، زاعماً مقتل 14 جندياً."
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert (c.source, c.stance) == ("is", "alleged")


def test_an_accusation_is_told_by_the_accuser(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "واتهمت حركة حماس جيش الاحتلال بقتل 6 مدنيين في غارة على مدرسة."
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.source == "hamas" and c.figure is not None and c.figure.of == "civilians"


def test_a_denial_after_a_figure_does_not_state_it(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "قتيلان بقصف على حي سكني قرب الحدود.. وحزب الله ينفي"
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.source == "article" and c.stance == "asserted"


def test_a_participle_continues_the_sentences_speaker(registry: ActorRegistry, lexicons: Lexicons) -> None:
    # "حماس" just before "مؤكدة" is inside the reported clause, not the speaker of "مؤكدة"
    text = "وقالت وزارة الدفاع العراقية إن قواتها انسحبت من مواقع حماس، مؤكدة مقتل 4 مسلحين."
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.source == "iq-defence-ministry"


def test_a_title_figure_is_told_on_the_bodys_word(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = (
        "حماس تتبنى هجوماً قتل 3 جنود قرب السياج\n"
        "وقع الهجوم فجر اليوم. وقال جيش الاحتلال إن 3 جنود قتلوا في الهجوم."
    )
    claims = [c for c in claims_of(text, registry, lexicons, resolve_dates=True) if c.figure is not None]
    assert [(c.source, c.figure.value) for c in claims if c.figure] == [("idf", 3)]
    assert len(claims[0].evidence) >= 3


def test_police_source_in_the_accusative(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "لكن مصدراً في شرطة المحافظة أكد أن 5 أشخاص قتلوا في الانفجار."
    assert (
        _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed").source
        == "unnamed-police-sources"
    )


def test_soldiers_in_a_dual_phrase_after_the_trigger(registry: ActorRegistry, lexicons: Lexicons) -> None:
    text = "أعلن الجيش اللبناني توقيف مطلوب وجرح عسكريين اثنين في اشتباك على الحدود."
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "injured")
    assert c.figure is not None and (c.figure.value, c.figure.of) == (2, "lb-army")


def test_a_countrys_state_forces_are_the_hub_its_units_belong_to(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    # two top-level state forces of LB: the army, with an affiliated unit, wins over State Security
    text = "وقال حزب الله إن مقاتليه قتلوا 4 جنود قرب بلدة حدودية."
    c = _one(claims_of(text, registry, lexicons, resolve_dates=True), "killed")
    assert c.source == "hezbollah" and c.figure is not None and c.figure.of == "lb-army"
