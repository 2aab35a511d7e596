"""Generate the README's field reference from the pydantic models.

The schema is the documentation: the tables between the README's markers are
rebuilt from ``model_fields`` (record fields) and from the store layout
generated from them (:mod:`pipeline.sinks.schema`: table columns and their
types per store), so they cannot drift from the code
(``python -m pipeline.docs README.md``; a test fails when it is stale).
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

if typing.TYPE_CHECKING:
    from .sinks.schema import Column

from models import AmountMention, Contact, DateMention, Entity, ExtractionWarning, PressRelease, Quote, ThemeItem, ThemeList

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
TABLES_START, TABLES_END = "<!-- tables:start -->", "<!-- tables:end -->"
EVAL_START, EVAL_END = "<!-- eval:start -->", "<!-- eval:end -->"
REAL_START, REAL_END = "<!-- eval-real:start -->", "<!-- eval-real:end -->"
REAL_RELEASES = Path("..") / "shared" / "data" / "real-releases"
MODELS: tuple[type[BaseModel], ...] = (PressRelease, DateMention, AmountMention, Contact, ThemeList, ThemeItem, Quote, Entity, ExtractionWarning)


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " \\| ".join(_type_name(a) for a in args)
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (list, tuple):
        return f"list[{_type_name(args[0])}]"
    if annotation is type(None):
        return "null"
    return getattr(annotation, "__name__", str(annotation))


def field_reference() -> str:
    """Markdown tables, one per model, from the models' own field metadata."""
    out: list[str] = []
    for model in MODELS:
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        out.append(f"#### `{model.__name__}`\n\n{doc}\n")
        out.append("| field | type | description |\n|---|---|---|")
        for name, info in model.model_fields.items():
            desc = (info.description or "").replace("|", "\\|")
            out.append(f"| `{name}` | {_type_name(info.annotation)} | {desc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# Parquet type names by column kind, as pyarrow prints them (pyarrow is an optional extra: not imported here).
_PARQUET_TYPES = {
    "text": "string",
    "integer": "int64",
    "boolean": "bool",
    "decimal": "decimal128(38, 6)",
    "date": "date32",
    "timestamp": "timestamp[us, tz=UTC]",
}


def _parquet_type(column: Column) -> str:
    if column.kind != "json":
        return _PARQUET_TYPES[column.kind]
    if isinstance(column.items, tuple):
        inner = ", ".join(f"{c.name}: {_parquet_type(c)}" for c in column.items)
        return f"list<struct<{inner}>>"
    return f"list<{_PARQUET_TYPES[column.items or 'text']}>"


def table_reference() -> str:
    """Markdown tables of every store table's columns and types, from :mod:`pipeline.sinks.schema`.

    The column names are those of the fields except where a field's name is an
    SQL reserved word (the "field" column says which JSON field a column holds).
    """
    from .sinks.schema import TABLES
    from .sinks.sql import POSTGRES, SQLITE

    out: list[str] = []
    for table in TABLES:
        key = ", ".join(f"`{k}`" for k in table.key)
        refs = f"; references `{table.references[0]}`" if table.references else ""
        out.append(f"#### `{table.name}`\n\nKey {key}{refs}.\n")
        out.append("| column | field | SQLite | PostgreSQL | Parquet | null |\n|---|---|---|---|---|---|")
        for column in table.columns:
            field = f"`{column.source}`" if column.source != column.name else ""
            out.append(
                f"| `{column.name}` | {field} | {SQLITE.types[column.kind]} | {POSTGRES.types[column.kind]} | "
                f"{_parquet_type(column)} | {'yes' if column.nullable else 'no'} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _replace_between(text: str, start: str, end: str, content: str) -> str:
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    return pattern.sub(lambda _: f"{start}\n{content}{end}", text)


def evaluation_table(samples: Path) -> str:
    """The per-language F1 table of ``tiedote evaluate``, with the statistical NER on."""
    from .evaluate import evaluate, markdown_table

    report = evaluate(samples)
    return markdown_table(report)


def real_release_table(folder: Path) -> str:
    """The per-language F1 table on the labelled real release pages (no NER: they label no entities)."""
    from .evaluate import evaluate, markdown_table

    return markdown_table(evaluate(folder, ner=False))


def update_readme(path: Path, *, with_evaluation: bool = True) -> bool:
    """Rewrite the generated sections; True when the file changed.

    The real-page table is rebuilt only where ``../shared/data/real-releases``
    is beside the checkout (it is not part of the repository).
    """
    text = path.read_text(encoding="utf-8")
    new = _replace_between(text, START, END, field_reference())
    new = _replace_between(new, TABLES_START, TABLES_END, table_reference())
    if with_evaluation:
        new = _replace_between(new, EVAL_START, EVAL_END, evaluation_table(path.resolve().parent / "samples"))
        real = path.resolve().parent / REAL_RELEASES
        if real.is_dir():
            new = _replace_between(new, REAL_START, REAL_END, real_release_table(real))
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print(f"{target}: {'updated' if update_readme(target) else 'up to date'}")
