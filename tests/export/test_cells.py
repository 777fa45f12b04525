from __future__ import annotations

import csv
import io

from rasid.export.common import cell, csv_row


def test_line_breaks_inside_a_value_never_split_a_csv_row() -> None:
    assert cell("Fezzan\rNow") == "Fezzan Now"
    assert cell("a\r\nb\u2028c") == "a b c"
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["outlet", "notes"])
    writer.writerow(csv_row({"outlet": "\r", "notes": "one\ntwo"}, ["outlet", "notes"]))
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert len(rows) == 1 and rows[0]["notes"] == "one two"


def test_cells_of_other_types() -> None:
    assert (cell(None), cell(True), cell(False), cell(3)) == ("", "true", "false", "3")
