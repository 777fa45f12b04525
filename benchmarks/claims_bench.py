"""Cost of the claims layer (stages ``actors`` + ``claims``) in ms per 3 kB of article text per core.

The text layer runs first, untimed; only the two claims-layer stages are timed, over synthetic articles
built from our own sentence templates. Writes benchmarks/results/claims.json.
"""

from __future__ import annotations

import json
import platform
import random
import time
from pathlib import Path

from rasid.model import Article
from rasid.pipeline import Doc, Pipeline

TEXT_STAGES = ["normalize", "language", "segment", "posts", "quantities", "dates", "published"]
CLAIM_STAGES = ["actors", "claims"]
SENTENCES = [
    "قالت مصادر محلية إن {n} مدنيين قتلوا أمس السبت في قصف استهدف سوق البلدة.",
    "وأعلنت قوات سوريا الديمقراطية مقتل أكثر من {n} عنصراً من تنظيم داعش خلال اشتباكات الخميس الماضي.",
    "وأفاد المرصد السوري لحقوق الإنسان بأن نحو {n} شخصاً أصيبوا، بينهم أطفال ونساء.",
    "وقال المتحدث باسم الجيش إن قواته تسيطر على الحي سيطرة كاملة.",
    "وزعمت الوكالة أن مقاتلي التنظيم قتلوا {n} عنصراً وأحرقوا 3 آليات.",
    "وأضاف المصدر أن الحصيلة مرشحة للارتفاع، ولم يتسن التحقق من الأرقام بشكل مستقل.",
    "وتقع القرية على بعد 40 كلم شمال المدينة، وشنت الطائرات {n} غارة على محيطها.",
    "وكان الدفاع المدني قد أعلن في حصيلة أولية مقتل {n} أشخاص وإصابة 12 آخرين.",
    "ونفت وزارة الدفاع مقتل جنديين في الهجوم، مؤكدة أنها لا تستهدف المدنيين.",
]


def article(rng: random.Random, i: int) -> Article:
    paras: list[str] = []
    while sum(len(p.encode("utf-8")) + 1 for p in paras) < 3000:
        paras.append(rng.choice(SENTENCES).format(n=rng.randint(2, 900)))
    return Article(f"b{i}", "\n".join(paras))


def main() -> None:
    rng = random.Random(11)
    articles = [article(rng, i) for i in range(300)]
    total = sum(len(a.text.encode("utf-8")) for a in articles)
    text_pipe = Pipeline.from_config(TEXT_STAGES)
    claim_pipe = Pipeline.from_config(TEXT_STAGES + CLAIM_STAGES)
    stages = [s for s in claim_pipe.stages if s.name in CLAIM_STAGES]
    prepared = [text_pipe.run(a) for a in articles]
    ctx = claim_pipe.context
    warm = Doc(article=prepared[0].article, layers=dict(prepared[0].layers))
    for s in stages:  # load the registry and lexicons once, as a worker would
        s.func(warm, ctx)
    best = float("inf")
    claims = 0
    for _ in range(3):
        docs = [Doc(article=d.article, layers=dict(d.layers)) for d in prepared]
        t0 = time.perf_counter()
        for doc in docs:
            for s in stages:
                s.func(doc, ctx)
        best = min(best, time.perf_counter() - t0)
        claims = sum(len(d.claims) for d in docs)
    result = {
        "benchmark": "claims_layer",
        "stages": CLAIM_STAGES,
        "articles": len(articles),
        "bytes": total,
        "claims": claims,
        "seconds": round(best, 4),
        "ms_per_3kb_per_core": round(best * 1000 / (total / 3000), 3),
        "ms_per_article": round(best * 1000 / len(articles), 3),
        "python": platform.python_version(),
    }
    out = Path(__file__).resolve().parent / "results" / "claims.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
