"""Numbers of table 3 that fit no row are said, and named by the rows around them: one of those
rows may be read short. A lone number at a line's start may be a page number and keeps its place;
a run of a row's numbers there is a row's, and is named by its neighbours as any other."""

from __future__ import annotations

from printed import TABS

from pipelines.parse import parse_bytes

LINES = TABS.splitlines()
GRANTED = next(i for i, line in enumerate(LINES) if "（一）予以公开" in line)


def _with_line_after_granted(line: str) -> str:
    return "\n".join([*LINES[:GRANTED + 1], line, *LINES[GRANTED + 1:]]) + "\n"


def test_a_run_of_numbers_at_a_line_start_is_named_by_the_rows_around_it():
    report = parse_bytes(_with_line_after_granted("\t".join(["0"] * 7)).encode(), "report.txt")
    strays = [i for i in report.issues if i.code == "stray_value"]
    assert {i.where for i in strays} == {"applications/granted", "applications/partial"}
    assert report.applications == parse_bytes(TABS.encode(), "report.txt").applications


def test_a_lone_number_at_a_line_start_keeps_its_place():
    report = parse_bytes(_with_line_after_granted("7").encode(), "report.txt")
    strays = [i for i in report.issues if i.code == "stray_value"]
    assert strays and all(not i.where.startswith("applications/") for i in strays)
