"""Pure transforms: bytes/str in, frozen dataclasses out. No Prefect, DuckDB or httpx here."""

# Bump when a transform's output changes: the next run reprocesses every kept raw file.
PIPELINE_VERSION = "0.2.0"
