from __future__ import annotations

from tests.extract.conftest import Run, figures


def test_glued_number_and_kind_from_trigger(run: Run) -> None:
    claims = run("أعلنت قسد مقتل17 من عناصرها في الاشتباكات.")
    assert figures(claims) == [("killed", 17, "sdf", "sdf")]


def test_counted_noun_after_number_gives_kind(run: Run) -> None:
    assert [f[:2] for f in figures(run("سقط 9 قتلى في القصف."))] == [("killed", 9)]
    assert [f[:2] for f in figures(run("نقلت الفرق 20 مصاباً إلى المشافي."))] == [("injured", 20)]


def test_qualifier_bounds(run: Run) -> None:
    (c,) = run("قال المرصد السوري إن الهجوم أدى إلى مقتل أكثر من 30 عنصراً.")
    assert c.figure is not None
    assert (c.figure.qualifier, c.figure.low, c.figure.high) == ("more_than", 31, None)


def test_undivided_toll_is_casualties(run: Run) -> None:
    assert [f[:2] for f in figures(run("أسفر الانفجار عن مقتل وإصابة 35 شخصاً."))] == [("casualties", 35)]


def test_joint_vague_gives_one_figure_per_kind(run: Run) -> None:
    kinds = [(f[0], f[1]) for f in figures(run("أدى الهجوم إلى قتل وأسر العديد من الحراس."))]
    assert kinds == [("killed", None), ("captured", None)]


def test_duals_are_two(run: Run) -> None:
    assert [f[:2] for f in figures(run("أسفرت الغارة عن سقوط قتيلين."))] == [("killed", 2)]
    assert [f[:2] for f in figures(run("أدى القصف إلى استشهاد جنديين."))] == [("killed", 2)]


def test_number_words(run: Run) -> None:
    assert [f[:2] for f in figures(run("قتل ثلاثة عشر عنصراً من قوات النظام."))] == [("killed", 13)]


def test_counts_that_are_not_casualties(run: Run) -> None:
    text = (
        "شنت الطائرات 14 غارة على البلدة الواقعة على بعد 100 كلم شمال المدينة، "
        "وأصيب شاب عمره 17 عاماً، وانفجرت 3 سيارات مفخخة."
    )
    assert figures(run(text)) == []


def test_vehicles_need_a_vehicle_noun(run: Run) -> None:
    kinds = [
        f[:2] for f in figures(run("وأعلن التنظيم إحراق 25 آلية والاستيلاء على 4 آليات وتدمير 5 منازل."))
    ]
    assert kinds == [("vehicles_destroyed", 25), ("vehicles_seized", 4)]


def test_breakdown_goes_into_includes(run: Run) -> None:
    claims = run("قتل 7 مدنيين بينهم 4 أطفال في القصف.")
    assert figures(claims) == [("killed", 7, "article", "civilians")]
    assert claims[0].figure is not None and claims[0].figure.includes == "4 أطفال"


def test_includes_role_paraphrase(run: Run) -> None:
    (c,) = run("قالت قسد إن الهجوم أسفر عن مقتل 12 عنصراً بينهم مدير السجن.")
    assert c.figure is not None and c.figure.includes == "prison director"


def test_of_from_following_actor(run: Run) -> None:
    claims = run("وذكر المرصد السوري أن الكمين أسفر عن مقتل 13 عنصراً من قوات النظام.")
    assert figures(claims) == [("killed", 13, "sohr", "syrian-arab-army")]


def test_cumulative_figures_are_not_claims(run: Run) -> None:
    text = "وبحسب المرصد السوري، قُتل أكثر من 40 مدنياً في المنطقة منذ مطلع الشهر الجاري."
    assert figures(run(text)) == []


def test_digit_inside_obfuscated_name_is_not_a_number(run: Run) -> None:
    assert figures(run("نشرت الوكالة مقطعاً يظهر احتجاز د1عش لعدد من العناصر.")) == []
