"""A Markdown table breaks a line inside a cell with <br>: no character of the cell's text."""

from __future__ import annotations

import pytest
from printed import TABS

from pipelines.parse import parse_bytes


def as_markdown(text: str) -> str:
    return "\n".join("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line for line in text.split("\n"))


@pytest.mark.parametrize("brk", ["<br>", "<br/>", "<br />", "<BR>"])
def test_a_row_label_broken_by_br_is_its_label(brk):
    whole = parse_bytes(as_markdown(TABS).encode())
    assert whole.layout == "markdown"
    assert whole.active["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 12}
    broken = parse_bytes(as_markdown(TABS.replace("行政规范性文件\t", f"行政规范性{brk}文件\t")).encode())
    assert broken.active == whole.active
    assert [i.code for i in broken.issues] == [i.code for i in whole.issues]
    assert broken.provenance["active/normative_docs/in_force"].raw == "12"
