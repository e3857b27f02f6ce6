"""Region parameters of `xxgk query` are found in the gazetteer: 河南 means 河南省, never 0 rows silently."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.warehouse import queries


def _query_with(*names: str) -> queries.Query:
    """A catalogue query that takes all of these parameters."""
    for q in queries.catalogue().values():
        if set(names) <= {p.name for p in q.params}:
            return q
    pytest.skip(f"no query takes {names}")


def test_a_short_province_name_binds_the_full_name():
    q = _query_with("province")
    assert q.bind({"province": "河南"})["province"] == "河南省"
    assert q.bind({"province": "河南省"})["province"] == "河南省"
    assert q.bind({"province": "新疆"})["province"] == "新疆维吾尔自治区"
    assert q.bind({})["province"] is None


def test_a_city_is_found_inside_the_province_given_with_it():
    q = _query_with("province", "city")
    assert q.bind({"province": "河南", "city": "郑州"})["city"] == "郑州市"
    # 朝阳 alone is the city 朝阳市 (辽宁); the district 朝阳区 of 北京 is no city
    assert q.bind({"city": "朝阳"})["city"] == "朝阳市"
    with pytest.raises(queries.QueryError, match="no city of that name in 河南省"):
        q.bind({"province": "河南", "city": "朝阳"})


def test_an_unknown_or_misplaced_region_is_an_error_not_zero_rows():
    q = _query_with("province")
    with pytest.raises(queries.QueryError, match="parameter province: region '火星'"):
        q.bind({"province": "火星"})
    with pytest.raises(queries.QueryError, match="河南省郑州市 \\(a city\\)"):
        q.bind({"province": "郑州"})


def test_a_name_of_another_level_lists_what_it_names():
    q = _query_with("city")
    with pytest.raises(queries.QueryError, match="no city of that name") as info:
        q.bind({"city": "鼓楼"})  # no city: the districts named 鼓楼区 are listed
    assert "江苏省南京市鼓楼区" in str(info.value) and "福建省福州市鼓楼区" in str(info.value)


def test_the_bound_name_matches_the_rows_the_warehouse_holds():
    """The query's own SQL, run on agencies stored under full names, finds them by the short name."""
    q = _query_with("province")
    con = duckdb.connect()
    con.execute("CREATE TABLE a (province VARCHAR)")
    con.execute("INSERT INTO a VALUES ('河南省'), ('河北省')")
    sql = "SELECT count(*) FROM a WHERE CAST($province AS VARCHAR) IS NULL OR province = CAST($province AS VARCHAR)"
    assert con.execute(sql, {"province": q.bind({"province": "河南"})["province"]}).fetchone()[0] == 1
