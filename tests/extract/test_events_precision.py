"""Event precision: secondary and background mentions that are not events of the article, on sentences we
wrote for each rule, through the real pipeline and packaged resources."""

from __future__ import annotations

from rasid.model import Record
from rasid.pipeline import Pipeline
from tests.extract.helpers import run


def kinds(record: Record) -> list[str]:
    return [e.type.sub_event_type for e in record.events]


def test_what_arrested_people_are_charged_with_is_not_an_event(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اعتقلت قوات الأمن، أمس الجمعة، أربعة أشخاص في مدينة الرقة. وقال بيان الشرطة إن الموقوفين "
        "أعضاء في خلية مسؤولة عن تنفيذ عمليات اغتيال وزرع عبوات ناسفة.",
    )
    assert kinds(rec) == ["Arrests"]


def test_a_group_said_to_practise_kidnapping_does_not_make_an_abduction(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنت طائرات حربية، أمس الجمعة، غارات جوية على تجمعات مسلحة قرب مدينة سبها. "
        "وقال متحدث عسكري إن المستهدفين عصابات تمتهن التهريب والخطف.",
    )
    assert kinds(rec) == ["Air/drone strike"]


def test_weapons_found_or_seized_are_not_events(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اعتقلت قوات الأمن، أمس الجمعة، خمسة مطلوبين في مدينة الرمادي. وعثرت القوة على مخبأ يضم "
        "بنادق وأحزمة ناسفة، وصادرت عبوات معدة للتفجير.",
    )
    assert kinds(rec) == ["Arrests"]


def test_an_earlier_incident_recalled_with_days_after_is_background(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنت طائرات حربية، أمس الجمعة، غارات جوية على مدينة أريحا في ريف إدلب. ويأتي ذلك بعد أيام من "
        "كمين استهدف دورية عسكرية في ريف حماة.",
    )
    assert kinds(rec) == ["Air/drone strike"]


def test_a_tally_over_several_provinces_is_not_an_event(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اعتقلت القوات الأمنية خلال الأسبوع الماضي 30 مطلوباً في محافظات نينوى وكركوك والأنبار.",
    )
    assert rec.events == ()


def test_areas_of_control_and_a_named_square_are_not_takeovers(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "تظاهر مئات الأشخاص، أمس الجمعة، في ساحة التحرير وسط مدينة البصرة، وتقع المدينة خارج مناطق "
        "سيطرة الفصائل المسلحة.",
    )
    assert kinds(rec) == ["Peaceful protest"]


def test_a_court_sentence_is_not_an_execution(pipeline: Pipeline) -> None:
    rec = run(pipeline, "وأصدرت محكمة في بغداد، أمس الخميس، أحكاماً بإعدام خمسة مدانين.")
    assert rec.events == ()


def test_stored_missiles_do_not_make_a_second_attack(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنت طائرات حربية، أمس الجمعة، غارات جوية على ميناء الحديدة. وقال الجيش في بيان بعد ثلاثة أيام "
        "إنه دمر مخازن صواريخ في مدينة صعدة.",
    )
    assert "Shelling/artillery/missile attack" not in kinds(rec)


def test_a_separate_incident_is_its_own_event(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اغتال مسلحون مجهولون، أمس الجمعة، قيادياً في فصيل محلي في بلدة طفس بريف درعا الغربي. "
        "وفي حادثة منفصلة، أصيب جنديان بانفجار عبوة ناسفة على الطريق بين بلدتي نوى وتسيل.",
    )
    assert sorted(kinds(rec)) == ["Attack", "Remote explosive/landmine/IED"]


def test_the_strikes_named_again_elsewhere_are_the_same_event(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنت طائرات حربية، أمس الجمعة، غارات جوية على مدينة أريحا في ريف إدلب. وقال مسؤول عسكري في "
        "مؤتمر صحفي بمدينة حلب إن الضربات جاءت بعد رصد تحركات للمسلحين.",
    )
    assert kinds(rec) == ["Air/drone strike"]


def test_a_ceasefire_is_not_a_shooting(pipeline: Pipeline) -> None:
    rec = run(pipeline, "ويخضع ريف إدلب لاتفاق وقف إطلاق نار أبرمته روسيا وتركيا.")
    assert "Armed clash" not in kinds(rec)


def test_clashes_recalled_from_an_earlier_month_are_background(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اندلعت، أمس الجمعة، اشتباكات بين مجموعتين مسلحتين في مدينة الزاوية. "
        "وشهدت المدينة في يناير الماضي اشتباكات مماثلة بين المجموعتين.",
    )
    assert kinds(rec) == ["Armed clash"]


def test_an_offensive_recalled_with_only_a_past_year_is_background(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "سيطرت حركة الشباب، أمس الجمعة، على قاعدة عسكرية قرب مدينة بلدوين. "
        "وكانت القوات الحكومية قد طردت الحركة من المنطقة خلال هجوم واسع عام 2022.",
    )
    assert len(rec.events) == 1


def test_the_stages_of_one_fight_are_one_event(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "سيطرت حركة الشباب، أمس الجمعة، على قاعدة عسكرية قرب مدينة بلدوين. "
        "وقالت الحكومة إن قواتها انسحبت من القاعدة بعد معارك عنيفة في محيط بلدوين.",
    )
    assert len(rec.events) == 1
    assert rec.events[0].type.event_type == "Battles"


def test_tear_gas_during_an_attack_is_not_a_protest(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "أصيب خمسة مواطنين، أمس الجمعة، خلال هجوم شنه مستوطنون على قرية المغير شرق رام الله. "
        "وعالجت الطواقم الطبية عشرات حالات الاختناق بالغاز المسيل للدموع في القرية.",
    )
    assert "Protest with intervention" not in kinds(rec)


def test_tear_gas_at_a_protest_is_still_an_intervention(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "خرج مئات المتظاهرين، أمس الجمعة، في مظاهرة وسط مدينة الناصرية، وأطلقت قوات الأمن الغاز المسيل "
        "للدموع لتفريقهم.",
    )
    assert kinds(rec) == ["Protest with intervention"]


def test_an_attack_that_targeted_a_base_is_typed_by_the_attack_not_the_targeting(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شن مسلحون، أمس الجمعة، هجوماً استهدف قاعدة للجيش في مدينة جيبو شمالي بوركينا فاسو.",
    )
    assert [e.type.event_type for e in rec.events] == ["Battles"]


def test_a_name_after_a_locative_word_is_not_the_attacker(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "أعلنت حركة الشباب، اليوم السبت، سيطرتها على قاعدة عسكرية قرب مدينة بلدوين، بعد هجوم شنته أمس "
        "الجمعة بدأ بتفجير سيارة مفخخة عند بوابة القاعدة.",
    )
    assert [e.actor1 for e in rec.events] == ["al-shabaab"]


def test_arrests_made_in_a_raid_met_with_gunfire_are_part_of_the_fight(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "تعرضت دورية للجيش، أمس الجمعة، لإطلاق نار كثيف خلال مداهمة في بلدة بريتال بقضاء بعلبك. "
        "وردت الدورية على مصادر النيران وتمكنت من توقيف أربعة مطلوبين.",
    )
    assert len(rec.events) == 1
    assert rec.events[0].type.event_type == "Battles"


def test_arrests_in_another_place_and_story_stay_an_event(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنت طائرات حربية، أمس الجمعة، غارات جوية على مدينة أريحا في ريف إدلب. "
        "وفي مدينة الرقة، اعتقلت قوات الأمن الداخلي ثلاثة أشخاص الأسبوع الماضي.",
    )
    assert sorted(kinds(rec)) == ["Air/drone strike", "Arrests"]


def test_an_attack_by_settlers_on_a_village_is_violence_against_civilians(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "أصيب سبعة مدنيين بالرصاص الحي، أمس الجمعة، خلال هجوم شنه مستوطنون على قرية المغير شرق رام الله.",
    )
    assert [(e.type.event_type, e.type.sub_event_type) for e in rec.events] == [
        ("Violence against civilians", "Attack")
    ]


def test_an_event_told_only_with_its_reports_is_dated_by_the_earliest(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "أعلنت وزارة الصحة، اليوم الأحد، ارتفاع حصيلة الغارة على خيام النازحين في منطقة المواصي إلى 12 "
        "قتيلاً. وكان الدفاع المدني قد أعلن أمس السبت انتشال 10 جثث عقب الغارة.",
        published="2024-03-10",
    )
    assert [(e.date.start, e.date.end) for e in rec.events if e.date] == [("2024-03-09", "2024-03-09")]


def test_a_weapon_goes_to_the_action_of_its_own_sentence(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "نصب مسلحون، أمس الجمعة، كميناً لرتل عسكري قرب مدينة السخنة واستهدفوه بقذائف صاروخية. "
        "ونفذت طائرات حربية عقب الكمين غارات على مناطق في البادية.",
    )
    clash = [e for e in rec.events if e.type.sub_event_type == "Armed clash"]
    assert len(clash) == 1
    assert "قذائف صاروخية" in [s.text for s in clash[0].evidence]


def test_an_explosion_told_in_a_raid_sentence_is_part_of_the_raid(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "أعلن جهاز مكافحة الإرهاب، اليوم السبت، القبض على خمسة مطلوبين في صحراء الرطبة. "
        "وأسفرت العملية عن اعتقال المطلوبين ومقتل مسلح حاول تفجير نفسه.",
    )
    assert kinds(rec) == ["Arrests"]


def test_a_weekday_in_a_market_name_is_not_a_date(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اندلعت، أمس الاثنين، اشتباكات عنيفة بين مجموعتين مسلحتين في حي سوق الجمعة بمدينة طرابلس.",
        published="2024-11-12",
    )
    assert [(e.date.start, e.date.end) for e in rec.events if e.date] == [("2024-11-11", "2024-11-11")]


def test_a_late_event_does_not_take_the_date_of_the_sentences_after_it(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اشتباكات عنيفة في طرابلس\n"
        "اندلعت، أمس الاثنين، اشتباكات عنيفة بين مجموعتين مسلحتين في مدينة طرابلس. "
        "وقال مسؤول محلي إن الوضع هادئ حذراً. "
        "وأعلن المجلس البلدي مساء أمس التوصل إلى اتفاق لوقف إطلاق النار في المدينة. "
        "وكانت المدينة قد شهدت توتراً يوم الجمعة 8 نوفمبر.",
        published="2024-11-12",
    )
    agreements = [e for e in rec.events if e.type.sub_event_type == "Agreement"]
    assert [(e.date.start, e.date.end) for e in agreements if e.date] == [("2024-11-11", "2024-11-11")]


def test_a_day_beats_a_comparison_in_weeks(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "تجمع آلاف المحتجين، اليوم الجمعة، وسط مدينة السويداء في مظاهرة هي الأكبر منذ أسابيع.",
        published="2024-03-15",
    )
    assert [(e.date.start, e.date.end) for e in rec.events if e.date] == [("2024-03-15", "2024-03-15")]


def test_a_square_named_after_a_town_is_not_that_town(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "تظاهر آلاف المحتجين، اليوم الجمعة، في ساحة الكرامة وسط مدينة السويداء للمطالبة بالإفراج عن المعتقلين.",
        published="2024-03-15",
    )
    places = [e.place for e in rec.events if e.place]
    assert len(places) == 1
    assert places[0].country == "SY" and places[0].admin1 in ("As-Suwayda", "As-Sweida")


def test_how_a_told_strike_was_carried_out_is_not_a_second_strike(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قتل أربعة مسلحين، أمس الجمعة، في ضربة جوية استهدفت مقراً لفصيل مسلح في قضاء القائم بمحافظة الأنبار. "
        "وأكد الجيش الأمريكي تنفيذ الضربة. "
        "وقال مصدر أمني في بغداد إن الضربة نفذت بثلاثة صواريخ، وأدت إلى تدمير مبنيين.",
    )
    assert kinds(rec) == ["Air/drone strike"]


def test_unnamed_people_killed_by_a_strike_are_civilians(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قتل ثلاثة أشخاص بينهم طفل، أمس الجمعة، بغارة نفذتها مسيرة إسرائيلية على سيارة قرب بلدة كفررمان.",
    )
    assert [(e.actor1, e.actor2) for e in rec.events] == [("idf", "civilians")]
