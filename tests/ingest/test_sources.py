from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from rasid.ingest.files import InputFailure
from rasid.ingest.items import Ingested, dedup_key
from rasid.ingest.sources import IngestOptions, read_inputs
from tests.ingest.conftest import ARTICLE, BODY, HEADLINE, html_page


def _read(*paths: Path, **kw: object) -> tuple[list[Ingested], list[InputFailure]]:
    items = list(read_inputs(list(paths), IngestOptions(**kw)))  # type: ignore[arg-type]
    good = [i for i in items if isinstance(i, Ingested)]
    bad = [i for i in items if isinstance(i, InputFailure)]
    return good, bad


def _codes(bad: list[InputFailure]) -> list[str]:
    return [b.code for b in bad]


def test_txt_keeps_text_exactly_and_records_encoding(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("cp1256"))
    (good,), bad = _read(tmp_path / "a.txt", published="2022-01-21")
    assert bad == []
    assert good.article.text == ARTICLE
    assert (good.article.id, good.article.title, good.article.published) == ("a", HEADLINE, "2022-01-21")
    assert good.encoding == "cp1256"


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": ARTICLE, "url": "https://example.org/1", "published": "2022-01-20"}),
        "{not json",
        json.dumps({"id": "x2", "title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": BODY, "language": "ar"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, bad = _read(p)
    assert [g.article.id for g in good] == ["x1", "d-5"]
    assert good[0].article.published == "2022-01-20"
    assert good[1].article.language == "ar"
    assert _codes(bad) == ["E404", "E404", "E404"]
    assert [b.ref for b in bad] == [f"{p}:2", f"{p}:3", f"{p}:4"]
    assert bad[0].raw == b"{not json"


def test_csv_rows(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "url", "outlet", "title", "published", "extra"])
        w.writerow(["r1", ARTICLE, "https://example.org/r1", "Example", HEADLINE, "2022-01-22", "ignored"])
        w.writerow(["r2", "", "", "", "", "", ""])
        w.writerow(["r3", BODY, "", "", "", "bad-date", ""])
    good, bad = _read(p)
    assert [(g.article.id, g.article.outlet, g.article.published) for g in good] == [
        ("r1", "Example", "2022-01-22")
    ]
    assert good[0].article.text == ARTICLE
    assert _codes(bad) == ["E407", "E407"]


def test_csv_without_text_column(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("id,body\n1,x\n", encoding="utf-8")
    assert _codes(_read(p)[1]) == ["E407"]


def test_html_main_text_title_date_outlet(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(html_page(), encoding="utf-8")
    (good,), bad = _read(p)
    assert bad == []
    art = good.article
    assert BODY in art.text and "جميع الحقوق" not in art.text and "الرئيسية" not in art.text
    assert (art.title, art.published, art.outlet) == (HEADLINE, "2022-01-21", "Example Outlet")


def test_html_without_article_text(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_text("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>", encoding="utf-8")
    assert _codes(_read(p)[1]) == ["E405"]


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Feed</title><link>https://example.org</link>
<item><title>{HEADLINE}</title><link>https://example.org/n/1</link><guid>n-1</guid>
<pubDate>Fri, 21 Jan 2022 08:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>خبر ثان</title><link>https://example.org/n/2</link>
<description>{BODY} ثانياً</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title><id>urn:x</id>
<updated>2022-01-22T00:00:00Z</updated>
<entry><title>{HEADLINE}</title><id>urn:e1</id><link href="https://example.org/a/1"/>
<updated>2022-01-22T10:00:00Z</updated><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    p = tmp_path / "feed.rss"
    p.write_text(RSS, encoding="utf-8")
    good, bad = _read(p)
    assert bad == []
    assert [g.article.id for g in good] == ["n-1", "https://example.org/n/2"]
    first = good[0].article
    assert (first.outlet, first.published, first.url, first.title) == (
        "Example Feed",
        "2022-01-21",
        "https://example.org/n/1",
        HEADLINE,
    )
    assert first.text == f"{HEADLINE}\n\n{BODY}"


def test_atom_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "feed.download"
    p.write_text(ATOM, encoding="utf-8")
    (good,), _ = _read(p)
    assert (good.article.id, good.article.published, good.article.outlet) == (
        "urn:e1",
        "2022-01-22",
        "Atom Example",
    )


def test_broken_feed(tmp_path: Path) -> None:
    p = tmp_path / "bad.rss"
    p.write_text("<rss><channel><title>x</title>", encoding="utf-8")
    assert _codes(_read(p)[1]) == ["E408"]


def _warc_record(uri: str, body: bytes, ctype: str = "text/html; charset=utf-8") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode() + b"\r\n"
    http += b"Content-Length: %d\r\n\r\n" % len(body) + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-21T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _warc(tmp_path: Path, name: str, gz: bool) -> tuple[Path, bytes]:
    page1 = html_page().encode("utf-8")
    page2 = html_page(BODY + " تحديث", "عنوان آخر").encode("cp1256")
    recs = [
        _warc_record("https://example.org/1", page1),
        _warc_record("https://example.org/style.css", b"body{}", "text/css"),
        _warc_record("https://example.org/2", page2, "text/html; charset=windows-1256"),
    ]
    data = b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs)
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    for name, gz in (("a.warc", False), ("a.warc.gz", True)):
        path, _ = _warc(tmp_path, name, gz)
        good, bad = _read(path)
        assert bad == []
        assert [g.article.url for g in good] == ["https://example.org/1", "https://example.org/2"]
        assert good[1].encoding == "cp1256"
        assert "تحديث" in good[1].article.text


def test_truncated_warc_keeps_what_it_can(tmp_path: Path) -> None:
    for name, gz in (("t.warc", False), ("t.warc.gz", True)):
        path, data = _warc(tmp_path, name, gz)
        path.write_bytes(data[: len(data) - 150])
        good, bad = _read(path)
        assert [g.article.url for g in good] == ["https://example.org/1"]
        assert _codes(bad) == ["E406"]


def test_not_a_warc(tmp_path: Path) -> None:
    p = tmp_path / "junk.warc"
    p.write_bytes(b"\x00\x12garbage" * 50)
    assert _codes(_read(p)[1]) == ["E406"]


def test_bad_inputs_are_failures_with_codes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "spaces.txt").write_bytes(b" \n\t \n")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "big.txt").write_bytes(("كلمة " * 2_200_000).encode("utf-8")[: 10 * 1024 * 1024])
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    good, bad = _read(tmp_path)
    assert [g.article.id for g in good] == ["ok"]
    by_name = {Path(b.ref).name: b.code for b in bad}
    assert by_name == {"big.txt": "E403", "empty.txt": "E401", "junk.txt": "E402", "spaces.txt": "E401"}
    big = next(b for b in bad if b.ref.endswith("big.txt"))
    assert big.raw is None and big.size == 10 * 1024 * 1024 and big.pointer == big.ref


def test_max_size_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert _codes(_read(tmp_path / "a.txt", max_bytes=50)[1]) == ["E403"]
    assert len(_read(tmp_path / "a.txt", max_bytes=5000)[0]) == 1


def test_missing_file(tmp_path: Path) -> None:
    assert _codes(_read(tmp_path / "nope.txt")[1]) == ["E409"]


def test_url_list_reads_local_paths_and_refuses_network(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(html_page(), encoding="utf-8")
    lst = tmp_path / "inputs.urls"
    lst.write_text(
        f"# our inputs\na.txt\n{(tmp_path / 'b.html').as_uri()}\nhttps://example.org/x\n", encoding="utf-8"
    )
    good, bad = _read(lst)
    assert [g.article.id for g in good] == ["a", "b"]
    assert _codes(bad) == ["E410"]


def test_dedup_key_ignores_spacing_and_compatibility_forms() -> None:
    assert dedup_key(ARTICLE) == dedup_key("  " + ARTICLE.replace(" ", "  \n") + "\n\n")
    assert dedup_key("ﻻ") == dedup_key("لا")  # presentation form (NFKC) vs letters
    assert dedup_key(ARTICLE) != dedup_key(ARTICLE + "x")
