"""Warehouse sinks: where the batch runner puts records (JSONL, CSV, Parquet, SQLite, PostgreSQL).

Start with :func:`open_sink`; the contract every sink keeps is in
:mod:`pipeline.sinks.base`, the table layout (generated from the pydantic
models) in :mod:`pipeline.sinks.schema`.
"""

from .base import OutputRefused, Sink, SinkError, SourceKey, open_sink
from .schema import TABLES, Column, Table, record_rows

__all__ = ["TABLES", "Column", "OutputRefused", "Sink", "SinkError", "SourceKey", "Table", "open_sink", "record_rows"]
