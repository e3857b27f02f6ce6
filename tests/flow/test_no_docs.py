"""`xxgk build --no-docs`: the checks run and their results are loaded, but no Data Docs pages
are written."""

from __future__ import annotations

from pipelines import paths
from pipelines.flow.build import build
from pipelines.synth.corpus import Options, write_corpus


def test_a_build_without_docs_validates_and_writes_no_pages(tmp_path):
    raw = tmp_path / "raw"
    write_corpus(raw, 3, Options(seed=4, years=(2022,), layouts=("tabs",), junk_rate=0))
    warehouse = tmp_path / "warehouse" / "xxgk.duckdb"
    result = build(raw, warehouse, workers=1, docs=False)
    assert result.published and result.validation is not None
    assert result.validation.reports == 3
    assert not paths.docs_dir(warehouse).exists()
    (raw / "another.txt").write_text("示例县2022年度报告，不是统计表。", encoding="utf-8")
    with_pages = build(raw, warehouse, workers=1)
    assert with_pages.validation is not None and with_pages.validation.docs_index
    assert (paths.docs_dir(warehouse) / "index.html").is_file()
