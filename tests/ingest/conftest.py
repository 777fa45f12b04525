from __future__ import annotations

# Our own writing: a short made-up report, never an outlet's text.
HEADLINE = "اشتباكات في ريف المدينة الشرقي"
BODY = (
    "قالت مصادر محلية إن اشتباكات عنيفة اندلعت صباح الخميس بين مجموعتين مسلحتين في ريف المدينة الشرقي، "
    "وأسفرت عن مقتل ثلاثة مسلحين وإصابة خمسة آخرين. وأضافت المصادر أن الهدوء عاد إلى المنطقة مساء."
)
ARTICLE = f"{HEADLINE}\n\n{BODY}\n"


def article_text(i: int) -> str:
    """A distinct made-up article per ``i``."""
    return f"{HEADLINE} {i}\n\n{BODY} رقم التقرير {i}.\n"


def html_page(body: str = BODY, title: str = HEADLINE) -> str:
    return (
        "<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Example Outlet'>"
        "<meta name='date' content='2022-01-21'></head><body><nav><a href='/'>الرئيسية</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
