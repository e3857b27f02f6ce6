"""The HTML printed for a Markdown report (pipelines.bench_ocr_print.printable) shows what the
file holds: every cell of a table row wider than its header row, and its line breaks."""

from __future__ import annotations

import re

from pipelines.bench_ocr_print import printable


def test_a_row_wider_than_its_header_keeps_every_cell_and_lines_stay_apart(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("标题第一行\n标题第二行\n\n| a | b |\n|---|---|\n| x | 1 | 2 | 3 |\n| y | 4 |\n\n"
                      "| c | d | e |\n|:--|--:|---|\n| z | 5 | 6 |\n", encoding="utf-8")
    page = printable(source)
    assert re.search(r"标题第一行<br\s*/?>\s*标题第二行", page)
    first, second = page.split("</table>")[:2]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", first) == ["x", "1", "2", "3", "y", "4", "", ""]
    assert len(re.findall(r"<th(?:\s[^>]*)?>", first)) == 4
    assert re.findall(r"<td[^>]*>([^<]*)</td>", second) == ["z", "5", "6"]  # as wide as its header: unchanged
