"""Reports → DuckDB warehouse: stage (frames, Parquet), load (bulk SQL over staged batches),
publish (atomic swap), build (the steps end to end), queries (the analyst's SQL files).

Imports nothing at package level, so `xxgk query` does not pay for polars or the parser.
"""
