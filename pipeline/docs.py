"""Generate the README's field reference from the pydantic models.

The schema is the documentation: the table between the README's markers is
rebuilt from ``model_fields`` so it cannot drift from the code
(``python -m pipeline.docs README.md``; a test fails when it is stale).
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

from models import AmountMention, Contact, DateMention, Entity, ExtractionWarning, PressRelease, Quote, ThemeItem, ThemeList

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
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
